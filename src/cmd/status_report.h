/*
 * status_report.h - the three forms `tonghop status` prints: text for a
 * person at a terminal, CSV and JSON for scripts.
 *
 * All three show the same status_view, computed once by cmd_status.c; the
 * columns of the CSV and the members of the JSON are documented in README.md
 * ("Status for scripts") and the man page.
 */
#ifndef TONGHOP_STATUS_REPORT_H
#define TONGHOP_STATUS_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "campaign.h"
#include "consolidate.h"
#include "error.h"

/* What every form shows; all borrowed from the caller. */
typedef struct {
    const campaign *c;
    const unit_status *units;         /* consolidate_status: c->nunits entries */
    const consolidate_totals *totals; /* indicator totals; NULL in the text form */
    int64_t as_of;                    /* when the status was taken, epoch seconds */
    th_lang lang;
} status_view;

/* How the text form is laid out. */
typedef struct {
    size_t width; /* the display columns no line may exceed (80 in a pipe) */
    bool colour;  /* ANSI colours (a terminal without NO_COLOR) */
} status_text_style;

/* Returns the stable key of status for scripts: "missing", "on_time",
 * "late", "on_time_amended_late" ("" when out of range). */
const char *status_key(deadline_status status);

/* Counts the units of v by deadline status into n (indexed by
 * deadline_status) and returns how many that sent something still lack a
 * required category. */
size_t status_count(const status_view *v, size_t n[DEADLINE_ON_TIME_AMENDED_LATE + 1]);

/* Returns true, with indicator i of unit u summed over its categories in
 * *sum, when some activity of its submission in effect gave that indicator
 * (v->totals must be set). */
bool status_unit_indicator(const status_view *v, size_t u, int i, int64_t *sum);

/* Prints one line per unit, aligned by display width and cut with "…" to
 * style->width columns; a second, indented line names the missing required
 * categories and the rows with errors; then the totals.  The status is
 * always in words; colours only add to it. */
void status_print_text(FILE *out, const status_view *v, const status_text_style *style);

/* Writes the CSV form (UTF-8, a header row, one row per unit) to out.
 * Returns TH_OK, TH_ERR_NOMEM or TH_ERR_IO (a failed write). */
th_error status_write_csv(FILE *out, const status_view *v);

/* Writes the JSON form (an object: campaign, as_of, units, totals) to out,
 * built with jansson.  Returns TH_OK, TH_ERR_NOMEM or TH_ERR_IO. */
th_error status_write_json(FILE *out, const status_view *v);

#endif
