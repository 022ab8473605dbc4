/*
 * counts.c - the counts of rows, errors and warnings put into words, each
 * count with its own singular or plural (see counts.h).
 */
#include "counts.h"

#include "i18n.h"

void counts_add_rows(strbuf *b, size_t counted, size_t with_errors)
{
    /* TRANSLATORS: the rows of a report counted in the totals; followed by
     * ", %zu rows with errors" */
    strbuf_addf(b, P_("%zu row counted", "%zu rows counted", counted), counted);
    strbuf_adds(b, ", ");
    /* TRANSLATORS: the rows of a report left out of the totals for an error */
    strbuf_addf(b, P_("%zu row with errors", "%zu rows with errors", with_errors), with_errors);
}

void counts_add_rows_warnings(strbuf *b, size_t counted, size_t with_errors, size_t warnings)
{
    counts_add_rows(b, counted, with_errors);
    strbuf_adds(b, ", ");
    /* TRANSLATORS: the warnings found in a report (its rows still count) */
    strbuf_addf(b, P_("%zu warning", "%zu warnings", warnings), warnings);
}
