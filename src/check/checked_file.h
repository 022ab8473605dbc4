/*
 * checked_file.h - one report file through the read and validate stages.
 *
 * Shared by `check` (which stops here) and `import` (which then stores the
 * result): load bytes -> SHA-256 -> read -> validate.
 */
#ifndef TONGHOP_CHECKED_FILE_H
#define TONGHOP_CHECKED_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include "campaign.h"
#include "error.h"
#include "finding.h"
#include "inbox.h"
#include "report.h"
#include "report_reader.h"
#include "submission.h"

typedef struct {
    const campaign *campaign;
    bool strict;
    const int64_t *typical; /* see validate_options; may be NULL */
    reader_limits limits;
} checked_file_options;

typedef struct {
    submission sub; /* file name, sha256, received, unit, state and counts */
    report report;  /* the activities that count */
    finding_list findings;
    bool loaded;         /* the bytes were read (sub.sha256 is set) */
    size_t lines_hidden; /* raw_table.lines_hidden: rows are Excel's, not the file's lines */
} checked_file;

/* Loads the file's bytes and its SHA-256 into out (out->loaded tells whether
 * it could be read; if not, out->findings says why).  Returns TH_OK or
 * TH_ERR_NOMEM.  *bytes receives the content for checked_file_validate and must be
 * freed by the caller. */
th_error checked_file_load(const checked_file_options *opt, const inbox_file *file,
                           checked_file *out, unsigned char **bytes, size_t *n);

/* Reads and validates bytes[0..n) as received at `received`, completing out:
 * the report, the findings and the submission's unit, state and counts. */
th_error checked_file_validate(const checked_file_options *opt, const unsigned char *bytes,
                               size_t n, int64_t received, checked_file *out);

/* Returns the time file counts as received: override when not 0 (the
 * clerk's --received), else the time its folder's manifest gives, else the
 * file's modification time. */
int64_t checked_file_received_time(const inbox_file *file, int64_t override);

/* Initialises out to hold nothing. */
void checked_file_init(checked_file *out);

/* Frees what out owns and re-initialises it. */
void checked_file_release(checked_file *out);

#endif
