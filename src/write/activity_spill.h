/*
 * activity_spill.h - the activities in effect, and for the clerk's workbook
 * every finding, copied out of the store into temporary files before the
 * workbook is opened.
 *
 * The sheet "Chi tiết" may hold a million rows, "Lỗi dữ liệu" as many: they
 * are not kept in memory but written here as compact records (a fixed-size
 * head and the texts), then read back in order while the sheet is written.
 * So no store call is made while a workbook is open, and memory stays flat
 * in the rows.
 */
#ifndef TONGHOP_ACTIVITY_SPILL_H
#define TONGHOP_ACTIVITY_SPILL_H

#include <stdbool.h>
#include <stdio.h>

#include "export.h"
#include "strbuf.h"

/* One activity as read back; the texts live in the spill's buffers and stay
 * valid until the next activity_spill_next. */
typedef struct {
    size_t unit;   /* index in units.csv */
    long category; /* index in categories.csv; -1 when the code is no longer there */
    size_t line;   /* line in the source file */
    civil_day from, to;
    bool has_to;
    activity_form form;
    int64_t indicators[INDICATOR_COUNT];
    bool has_indicator[INDICATOR_COUNT];
    const char *content;
    const char *note;
} spilled_activity;

typedef struct {
    FILE *f;      /* unlinked temporary file; NULL when closed */
    size_t count; /* activities written */
    strbuf content, note;
} activity_spill;

/* Copies the activities of every unit's submission in effect, units in the
 * order of m->order and each in line order, into an unlinked temporary file
 * in folder dir.  On failure (TH_ERR_IO / TH_ERR_NOSPACE with a message in
 * err, TH_ERR_NOMEM, or the store's error) s holds nothing; release it in
 * every case with activity_spill_release. */
th_error activity_spill_build(const export_model *m, const char *dir, activity_spill *s, char *err,
                              size_t errlen);

/* Goes back to the first activity.  TH_ERR_IO when the file cannot seek. */
th_error activity_spill_rewind(activity_spill *s);

/* Reads the next activity into a; *done becomes true (and a is untouched)
 * after the last one.  TH_ERR_IO / TH_ERR_NOMEM on failure. */
th_error activity_spill_next(activity_spill *s, spilled_activity *a, bool *done);

/* Closes the file (which removes it) and frees the buffers. */
void activity_spill_release(activity_spill *s);

/* ---- findings ------------------------------------------------------------ */

typedef struct {
    FILE *f;      /* unlinked temporary file; NULL when closed */
    size_t count; /* findings written */
    strbuf file, column_name, detail, sheet;
} finding_spill;

/* Copies the findings of every submission of m, in ledger order, into an
 * unlinked temporary file in folder dir.  Failures as activity_spill_build;
 * release s in every case with finding_spill_release. */
th_error finding_spill_build(const export_model *m, const char *dir, finding_spill *s, char *err,
                             size_t errlen);

/* Goes back to the first finding.  TH_ERR_IO when the file cannot seek. */
th_error finding_spill_rewind(finding_spill *s);

/* Reads the next finding into f, whose texts live in s's buffers until the
 * next call (f owns nothing: never release it); *done becomes true after the
 * last one.  TH_ERR_IO / TH_ERR_NOMEM on failure. */
th_error finding_spill_next(finding_spill *s, finding *f, bool *done);

/* Closes the file (which removes it) and frees the buffers. */
void finding_spill_release(finding_spill *s);

#endif
