/*
 * feedback.h - the feedback workbook (phản hồi) a unit gets back when the
 * files it sent have findings: its rows exactly as it sent them, every cell
 * with a finding highlighted and carrying a comment that says what is wrong
 * and what to do, a sheet listing every finding in plain language, and the
 * required categories the unit still owes.
 *
 * Rows are written at the row numbers the findings name (a record's line is
 * the row Excel shows for it), so "dòng 7" in a message is row 7 of the
 * sheet.  A finding about a whole row (no column) is commented on the row's
 * first cell; one about the whole file is only in the list.  The workbook
 * is written in libxlsxwriter's normal mode (cell comments need it), under a
 * temporary name and renamed into place like every output.
 */
#ifndef TONGHOP_FEEDBACK_H
#define TONGHOP_FEEDBACK_H

#include <stddef.h>
#include <stdint.h>

#include "campaign.h"
#include "error.h"
#include "finding.h"
#include "report_reader.h"

/* One file the unit sent. */
typedef struct {
    const char *file_name;        /* as the unit named it */
    int64_t received;             /* epoch seconds */
    const raw_table *table;       /* its rows as read; no records when refused unread */
    const finding_list *findings; /* what validation found in it */
} feedback_file;

typedef struct {
    const campaign *c;
    size_t unit;                /* index into c->units */
    const feedback_file *files; /* in the order received; at least one */
    size_t nfiles;
    const char *missing; /* the required categories still owed, "CODE: name" lines; "" none */
    int64_t as_of;       /* the workbook's date */
    th_lang lang;        /* the units' language: LANG_VI */
} feedback_input;

/* Returns "<prefix>_<CODE>_<yyyymmdd><ext>" for the unit code made safe as
 * a file name (template_safe_name: no '/', no "..", ASCII only), the day
 * being as_of's in the zone utc_offset_min.  Newly allocated; NULL when out
 * of memory. */
char *feedback_file_name(const char *prefix, const char *unit_code, int64_t as_of,
                         int utc_offset_min, const char *ext);

/* Writes the feedback workbook of in to path (through a temporary file in
 * its folder).  Returns TH_OK; TH_ERR_IO / TH_ERR_NOSPACE / TH_ERR_NOMEM
 * with the reason in err, and then nothing is left at path. */
th_error feedback_write(const feedback_input *in, const char *path, char *err, size_t errlen);

#endif
