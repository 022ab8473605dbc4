/*
 * fuzz_support.h - what the reader fuzz targets share: small limits, and
 * the reader's contract checked on every table (header-only: each target
 * stays one executable of one .c file).
 */
#ifndef TONGHOP_FUZZ_SUPPORT_H
#define TONGHOP_FUZZ_SUPPORT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "report_reader.h"
#include "text.h"

/* Small limits so that the limit paths are reached by small inputs too. */
static inline reader_limits small_limits(void)
{
    reader_limits l = {
        .max_file_bytes = 1 << 20,
        .max_field_bytes = 300,
        .max_records = 200,
        .max_columns = 20,
    };
    return l;
}

static inline void check_table(const raw_table *t, const finding_list *findings)
{
    if (finding_list_has_file_error(findings) && t->nrecords != 0)
        abort();
    if (t->delimiter != ',' && t->delimiter != ';' && t->delimiter != '\t')
        abort();
    for (size_t i = 0; i < t->nrecords; i++) {
        const raw_record *r = &t->records[i];
        if (r->ncells == 0 || r->line == 0 || (i > 0 && r->line <= t->records[i - 1].line))
            abort();
        for (size_t c = 0; c < r->ncells; c++)
            if (!text_is_utf8(r->cells[c], strlen(r->cells[c]), NULL))
                abort();
        if (r->cells[r->ncells - 1][0] == '\0') /* trailing empty cells are dropped */
            abort();
    }
}

#endif
