/*
 * changes.h - what a resubmission changed against the unit's previous
 * submission in effect: rows added, removed and changed, and the totals of
 * each indicator before and after, computed from the rows the store keeps.
 *
 * Rows are matched first exactly (every stored field equal: kept), then
 * among the rest by category, content and start day (changed: the same
 * activity with other figures, dates or notes); what is left is added (only
 * in the new submission) or removed (only in the old).  Line numbers are
 * not compared: a row moved within the file is not a change.
 */
#ifndef TONGHOP_CHANGES_H
#define TONGHOP_CHANGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "campaign.h"
#include "error.h"
#include "store.h"
#include "strbuf.h"

typedef enum { CHANGE_ADDED, CHANGE_REMOVED, CHANGE_CHANGED } change_kind;

typedef struct {
    change_kind kind;
    size_t old_line, new_line; /* 0 where the row is not in that submission */
    char *category_code;       /* owned */
    char *content;             /* owned */
    civil_day from;
    int64_t before[INDICATOR_COUNT], after[INDICATOR_COUNT]; /* 0 where not given */
} row_change;

typedef struct {
    row_change *items; /* ordered by the new line, then the old */
    size_t count;
    size_t rows_before, rows_after; /* activities counted in each submission */
    int64_t before[INDICATOR_COUNT], after[INDICATOR_COUNT]; /* indicator totals */
} changes;

/* Compares the activities of submission old_id with those of new_id into
 * out, which the caller releases with changes_release (also on failure).
 * Returns TH_OK or the store's error; TH_ERR_NOMEM. */
th_error changes_compute(store *st, int64_t old_id, int64_t new_id, changes *out);

/* Frees what ch owns and zeroes it. */
void changes_release(changes *ch);

/* Counts the items of kind k. */
size_t changes_count(const changes *ch, change_kind k);

/* Appends ch in plain Vietnamese (LANG_VI) or English to out: the counts,
 * every indicator total that changed as "before → after", then each row
 * changed, added or removed with its lines.  Category codes are named
 * through c.  Out of memory shows as out->failed. */
void changes_format(const changes *ch, const campaign *c, th_lang lang, strbuf *out);

/* Appends the indicator totals that changed, "Số người tham gia 120 → 150;
 * ...", or nothing when none did. */
void changes_format_totals(const changes *ch, th_lang lang, strbuf *out);

#endif
