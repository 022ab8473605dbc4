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
    int64_t effective_id;       /* the submission in effect; 0 if none */
    size_t submissions;         /* files received from the unit, rejected ones too */
    size_t activities;          /* activities counted in the submission in effect */
    size_t rows_rejected;       /* rows with errors in the submission in effect */
    size_t required;            /* categories the unit must report */
    size_t covered;             /* of those, how many the submission in effect has */
    bool *has_category;         /* ncategories flags; owned */
} unit_status;

/* Computes the status of every unit of c into a newly allocated array of
 * c->nunits entries (freed with consolidate_free).  Submissions of units no
 * longer in units.csv are ignored. */
th_error consolidate_status(store *st, const campaign *c, unit_status **out);

/* Frees an array from consolidate_status. */
void consolidate_free(unit_status *statuses, size_t n);

/* Computes the typical (median) value of each indicator per category over the
 * activities in effect (ncategories x INDICATOR_COUNT, 0 where fewer than
 * CONSOLIDATE_MIN_SAMPLE values exist), for validate's outlier warning.
 * *out is newly allocated; the caller frees it. */
th_error consolidate_typical(store *st, const campaign *c, int64_t **out);

#define CONSOLIDATE_MIN_SAMPLE 5

#endif
