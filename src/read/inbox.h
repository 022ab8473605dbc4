/*
 * inbox.h - the list of report files a command was given.
 *
 * Arguments may be files or folders.  A folder contributes its reports
 * (.csv, .xlsx, .xlsm, .ods, .xls, in any case: report_format.h) and
 * those of its subfolders, which clerks make per day of arrival; entries are
 * taken in name order (bytes, not locale), a folder's files before its
 * subfolders, so runs are repeatable.  Every other entry is named with a
 * finding that says what it is and what to do (a PDF, a Word file, an
 * image, an archive, a temporary "~$" file, a hidden file, anything else),
 * so that nothing that arrived is passed over in silence.  Links are
 * followed, but never back into a folder being read (no loops).
 *
 * A folder may hold a manifest, received.csv (columns file, received),
 * giving the time each file of that folder was received, as the e-mail it
 * came with says: a file's modification time only tells when the clerk
 * saved it.  The manifest is not a report and is not named as skipped.
 */
#ifndef TONGHOP_INBOX_H
#define TONGHOP_INBOX_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "finding.h"

#define INBOX_MANIFEST "received.csv"

typedef struct {
    char *path;                 /* as given or joined to its folder; owned */
    char *name;                 /* path below the folder given ("2022-10-05/LocNinh.xlsx"),
                                   or the base name of a file given; used in findings and
                                   the ledger; owned */
    int64_t received;           /* epoch seconds from a manifest; 0: not given */
    const unsigned char *bytes; /* the content when already in memory (an e-mail
                                   attachment), borrowed; NULL: read path */
    size_t len;
} inbox_file;

typedef struct {
    inbox_file *files;
    size_t count;
    size_t capacity;
    finding_list skipped; /* a file error (skipped-pdf, ...) per entry not taken */
} inbox;

/* Collects the files named by args[0..nargs).  utc_offset_min converts
 * manifest times.  Returns TH_OK; TH_ERR_USAGE with err when an argument
 * names nothing (no such file or folder: a typing slip, said before any
 * file is read, rather than a report to be sent again); TH_ERR_CONFIG with
 * err for an unreadable folder or a bad manifest; TH_ERR_NOMEM.  A path
 * that exists but cannot be read is kept (the reader reports it as
 * unreadable).  inbox_release frees out in every
 * case. */
th_error inbox_collect(char *const *args, int nargs, int utc_offset_min, inbox *out, char *err,
                       size_t errlen);

/* Frees what in owns and zeroes it. */
void inbox_release(inbox *in);

#endif
