/*
 * counts.h - the counts several commands print ("3 rows counted, 1 row with
 * errors, 2 warnings"), each number with its noun in the right number.
 *
 * A message with several counts cannot be one ngettext call (ngettext
 * chooses by one number), so it is built from one fragment per count, each
 * through P_() and each a whole phrase a translator can translate, joined
 * by ", " in the order of the message.  Vietnamese has a single form: its
 * text is what the one-message form printed.
 */
#ifndef TONGHOP_COUNTS_H
#define TONGHOP_COUNTS_H

#include <stddef.h>

#include "strbuf.h"

/* Appends "N rows counted, M rows with errors" to b, in the language
 * selected, each noun singular when its count is 1 in English.  A failed
 * allocation is left in b (strbuf's sticky failed flag). */
void counts_add_rows(strbuf *b, size_t counted, size_t with_errors);

/* Appends "N rows counted, M rows with errors, W warnings" to b, as
 * counts_add_rows and then the warnings. */
void counts_add_rows_warnings(strbuf *b, size_t counted, size_t with_errors, size_t warnings);

#endif
