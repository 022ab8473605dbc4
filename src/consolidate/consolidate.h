/*
 * consolidate.h - what the store says about each unit of the campaign.
 *
 * The consolidate stage: for every unit of units.csv, its deadline status,
 * the submission in effect and which required categories it covers.  Both
 * `status` and the workbook writers read the campaign through this.
 */
#ifndef TONGHOP_CONSOLIDATE_H
#define TONGHOP_CONSOLIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "campaign.h"
#include "error.h"
#include "finding.h"
#include "store.h"
#include "strbuf.h"
#include "submission.h"
#include "th_limits.h"

typedef enum {
    DEADLINE_MISSING = 0,          /* Chưa nộp: nothing accepted */
    DEADLINE_ON_TIME,              /* Đúng hạn */
    DEADLINE_LATE,                 /* Trễ hạn: first accepted report at or after late_from */
    DEADLINE_ON_TIME_AMENDED_LATE, /* Đúng hạn, bổ sung sau hạn */
} deadline_status;

/* Returns the label of status: "Đúng hạn" ... or the English one. */
const char *consolidate_deadline_label(deadline_status status, th_lang lang);

typedef struct {
    deadline_status status;
    int64_t first_received;     /* of the first accepted submission; 0 if none */
    int64_t effective_received; /* of the submission in effect; 0 if none */
    int64_t effective_id;       /* the base of the report in effect; 0 if none */
    size_t submissions;         /* files received from the unit, rejected ones too */
    size_t activities;          /* activities counted in the report in effect */
    size_t rows_rejected;       /* rows with errors in the report in effect */
    size_t required;            /* categories the unit must report */
    size_t covered;             /* of those, how many the submission in effect has */
    bool *has_category;         /* ncategories flags; every unit's in one block the array owns */
} unit_status;

/* Computes the status of every unit of c into a newly allocated array of
 * c->nunits entries (freed with consolidate_status_release).  Submissions of units no
 * longer in units.csv are ignored.  The ledger is read one submission at a
 * time: memory grows with the units, not with the submissions. */
th_error consolidate_status(store *st, const campaign *c, unit_status **out);

/* How consolidate_missing_list names a category. */
enum {
    CONSOLIDATE_CODES = 0,           /* "KIEM_TRA" */
    CONSOLIDATE_CODES_AND_NAMES = 1, /* "KIEM_TRA: Kiểm tra, đánh giá" */
    CONSOLIDATE_NAMES = 2,           /* "Kiểm tra, đánh giá": what the province reads */
};

/* Appends to out the required categories unit u lacks in s, named as
 * naming says (CONSOLIDATE_...), separated by sep; nothing when none is
 * missing.  Out of memory shows as out->failed (strbuf.h). */
void consolidate_missing_list(const campaign *c, size_t u, const unit_status *s, const char *sep,
                              int naming, strbuf *out);

/* Frees an array from consolidate_status. */
void consolidate_status_release(unit_status *statuses, size_t n);

/* Computes the typical (median) value of each indicator per category over the
 * activities in effect (ncategories x INDICATOR_COUNT, 0 where fewer than
 * LIMIT_OUTLIER_MIN_SAMPLE values exist), for validate's outlier warning;
 * past LIMIT_OUTLIER_SAMPLE_MAX values, the median of a uniform sample of
 * that many (th_limits.h), so memory stays bounded.
 * *out is newly allocated; the caller frees it. */
th_error consolidate_typical(store *st, const campaign *c, int64_t **out);

/* ---- indicator totals, for the workbook and the report CSV ------------- */

/* What the submissions in effect hold for one unit and category: activities
 * counted, indicator sums, and the span of their dates.  Only the report
 * CSV needs them (one row per unit and category). */
typedef struct {
    size_t activities;
    int64_t sum[INDICATOR_COUNT];
    bool has[INDICATOR_COUNT]; /* some activity filled the indicator in */
    civil_day first, last;     /* earliest tu_ngay, latest den_ngay (tu_ngay if none) */
} consolidate_cell;

/* One category over every unit's report in effect. */
typedef struct {
    size_t units;      /* units whose report in effect has the category */
    size_t activities; /* activities of it counted */
    int64_t sum[INDICATOR_COUNT];
} consolidate_category_sums;

/* The indicator totals: per unit (summed over its categories) and per
 * category (summed over the units), so memory grows with the units plus
 * the categories, not with their product; the per unit and category cells
 * only when asked for (the report CSV). */
typedef struct {
    size_t nunits, ncategories;
    int64_t *unit_sum;                     /* nunits x INDICATOR_COUNT; owned */
    unsigned char *unit_has;               /* nunits: bit i when some activity gave indicator i */
    consolidate_category_sums *categories; /* ncategories; owned */
    consolidate_cell *cells; /* nunits x ncategories, or NULL when not asked for; owned */
} consolidate_totals;

/* consolidate_status with more in the same walks of the store:
 *   subs[nsubs]  the ledger as store_list_submissions returned it, when the
 *                caller has it already (it is then not read again); NULL:
 *                it is read here, one submission at a time;
 *   totals       when not NULL, receives the indicator totals of every
 *                unit's report in effect (released by the caller with
 *                consolidate_totals_release, also after a failure), read
 *                from the store's per-category summaries in the same walk
 *                that finds each unit's categories;
 *   cells        also fill totals->cells (units x categories).
 * *out as consolidate_status. */
th_error consolidate_compute(store *st, const campaign *c, const submission *subs, size_t nsubs,
                             unit_status **out, consolidate_totals *totals, bool cells);

/* Frees what t owns and zeroes it. */
void consolidate_totals_release(consolidate_totals *t);

/* Returns the cell of unit u and category k; t->cells must be set. */
const consolidate_cell *consolidate_totals_cell(const consolidate_totals *t, size_t u, size_t k);

/* Returns indicator i summed over every category of unit u. */
int64_t consolidate_unit_total(const consolidate_totals *t, size_t u, int i);

/* Returns true when some activity of unit u's report in effect gave
 * indicator i. */
bool consolidate_unit_has(const consolidate_totals *t, size_t u, int i);

/* Returns indicator i summed over every unit for category k. */
int64_t consolidate_category_total(const consolidate_totals *t, size_t k, int i);

/* Returns how many units reported category k, and (via *activities, may be
 * NULL) how many activities of it were counted. */
size_t consolidate_category_units(const consolidate_totals *t, size_t k, size_t *activities);

/* ---- the ledger: what became of every submission ---------------------- */

typedef enum {
    LEDGER_IN_EFFECT = 0, /* the base of the unit's report in effect */
    LEDGER_SUPPLEMENT,    /* a supplement counted with the base in effect */
    LEDGER_REPLACED,      /* accepted, then replaced by a later full report of its unit */
    LEDGER_WITHDRAWN,     /* taken out of effect by the clerk (`withdraw`), with a reason */
    LEDGER_REJECTED,      /* a file error: none of it counts */
    LEDGER_UNKNOWN_UNIT,  /* accepted, but its unit is not (or no longer) in units.csv */
    LEDGER_NOT_IN_EFFECT, /* accepted and not in effect, with no later one (should not happen) */
} ledger_state;

/* What the history sheet shows of one submission, computed before writing. */
typedef struct {
    long unit; /* index in units.csv; -1 when not recognised */
    ledger_state state;
    size_t replaced_by; /* index in the ledger of the submission that replaced it; nsubs if none */
    long long rows_change;           /* activities counted: replacement minus this one */
    int64_t change[INDICATOR_COUNT]; /* indicator totals: replacement minus this one */
} ledger_entry;

/* Returns the words of state ("Đang có hiệu lực", ...) or the English ones. */
const char *consolidate_ledger_label(ledger_state state, th_lang lang);

/* Works out, for every submission of the ledger subs[nsubs] (as
 * store_list_submissions returns it: ordered by received time then id, each
 * with what the store's rule of the report in effect says of it), its unit,
 * its state and, when replaced, what replaced it and how the totals changed.
 * The state is the store's (in_effect, superseded_by, withdrawn_at,
 * supplements: store.h invariant 3), never decided here again.  *out is
 * newly allocated (nsubs entries, the caller frees it); on failure *out is
 * NULL. */
th_error consolidate_ledger(store *st, const campaign *c, const submission *subs, size_t nsubs,
                            ledger_entry **out);

/* Sums the indicators of one submission's activities into out. */
th_error consolidate_submission_totals(store *st, int64_t submission_id,
                                       int64_t out[INDICATOR_COUNT]);

/* A unit's report in effect as one whole (its base and supplements): what an
 * import compares before and after it changes. */
typedef struct {
    int64_t base_id;    /* 0: the unit has no report in effect */
    size_t rows;        /* activities counted */
    bool *has_category; /* ncategories flags; owned */
    int64_t sum[INDICATOR_COUNT];
} consolidate_effect;

/* Reads unit_code's report in effect into out (which the caller releases
 * with consolidate_effect_release, also after a failure).  A unit code that
 * is "" or has nothing in effect gives base_id 0 and no rows. */
th_error consolidate_effect_load(store *st, const campaign *c, const char *unit_code,
                                 consolidate_effect *out);

/* Frees what e owns and zeroes it. */
void consolidate_effect_release(consolidate_effect *e);

#endif
