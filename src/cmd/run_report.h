/*
 * run_report.h - the texts `tonghop run` writes: summary.txt (who is on
 * time, late, missing, with errors, and what changed since the last run),
 * the body of the message to each unit with findings, and the messages
 * themselves (through mail_message.h).
 *
 * They are in Vietnamese, the campaign's language, whatever --lang says:
 * they go to the province and to the units, not to the clerk's terminal.
 */
#ifndef TONGHOP_RUN_REPORT_H
#define TONGHOP_RUN_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "export.h"
#include "finding.h"

/* What the summary compares the consolidation with. */
typedef struct {
    const export_model *m;       /* the consolidation after this run */
    bool first_run;              /* no record of an earlier run */
    int64_t last_as_of;          /* the earlier run's time (when not first_run) */
    int64_t since_id;            /* submissions with a higher id are new since then */
    const int *before_status;    /* per unit: deadline_status then */
    char *const *unit_changes;   /* per unit: what its resubmission changed, or NULL */
    const char *workbook_name;   /* the consolidated workbook's file name */
    char *const *feedback_names; /* per unit: its feedback workbook's name, or NULL */
} run_summary_input;

/* Returns summary.txt, newly allocated (NULL when out of memory). */
char *run_summary_text(const run_summary_input *in);

/* Returns, newly allocated, the body of the message to unit u that carries
 * its feedback workbook: which files had how many errors and warnings,
 * what it still owes, what its resubmission changed (changes may be NULL)
 * and what to do.  NULL when out of memory. */
char *run_feedback_body(const export_model *m, size_t u, const char *const *file_names,
                        const finding_list *const *findings, size_t nfiles, const char *changes);

/* Counts the units whose submission in effect has rows with errors, or
 * whose latest file was refused. */
size_t run_units_with_errors(const export_model *m);

#endif
