/*
 * validate.h - checks a report table against the campaign.
 *
 * The validate stage: raw_table (text cells) + campaign -> report (typed
 * activities that count) + findings.  Invariant: an activity reaches the
 * report only when its row has no error; a report with a file error carries
 * no activities at all.
 */
#ifndef TONGHOP_VALIDATE_H
#define TONGHOP_VALIDATE_H

#include <stdbool.h>
#include <stdint.h>

#include "campaign.h"
#include "error.h"
#include "finding.h"
#include "report.h"
#include "report_reader.h"
#include "th_limits.h"

typedef struct {
    const campaign *campaign;
    const char *file_name; /* as it appears in findings */
    int64_t received;      /* epoch seconds, or VALIDATE_TIME_UNKNOWN */
    bool strict;           /* any row error rejects the whole file */
    /* Typical value of each indicator per category among the other units
     * (ncategories x INDICATOR_COUNT, row-major; <= 0 where unknown), for the
     * outlier warning.  NULL: no outlier check. */
    const int64_t *typical;
} validate_options;

/* The received time is not known (`check` without --received): the content
 * is checked, the deadline is not judged. */
#define VALIDATE_TIME_UNKNOWN INT64_MIN

/* Validates table (as the reader left it, with any reader findings already
 * in findings) into out, which must be freshly initialised.  Appends every
 * finding.  Returns TH_OK whatever the report's content, or TH_ERR_NOMEM. */
th_error validate_report(const raw_table *table, const validate_options *opt, report *out,
                         finding_list *findings);

/* The rows a supplement is added to: the unit's report in effect. */
typedef struct {
    const activity *rows;
    size_t nrows;
    const char *const *files; /* nrows entries: the file each row came from */
} validate_prior;

/* Flags (FC_DUPLICATE_ROW, a warning: the row still counts) every activity
 * of r, a report validated from file_name, that equals a row of prior, by
 * the same rule as two rows within one file; the detail names the prior
 * row as "file:line".  A rejected r or an empty prior adds nothing.
 * Returns TH_OK or TH_ERR_NOMEM. */
th_error validate_duplicates_of(const report *r, const validate_prior *prior, const char *file_name,
                                finding_list *findings);

/* Largest text the workbook can hold in one cell, in code points: longer
 * is a text-too-long row error (th_limits.h). */
#define VALIDATE_MAX_TEXT LIMIT_CELL_CHARS

#endif
