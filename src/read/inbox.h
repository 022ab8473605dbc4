/*
 * inbox.h - the list of report files a command was given.
 *
 * Arguments may be files or folders; a folder contributes its *.csv files
 * (not recursively, sorted by name so runs are repeatable).  A folder may hold
 * a manifest, received.csv (columns file, received), giving the time each
 * file was received, as the e-mail it came with says: a file's modification
 * time only tells when the clerk saved it.
 */
#ifndef TONGHOP_INBOX_H
#define TONGHOP_INBOX_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define INBOX_MANIFEST "received.csv"

typedef struct {
    char *path;                 /* as given or joined to its folder; owned */
    char *name;                 /* base name, used in findings and the ledger; owned */
    int64_t received;           /* epoch seconds from a manifest; 0: not given */
    const unsigned char *bytes; /* the content when already in memory (an e-mail
                                   attachment), borrowed; NULL: read path */
    size_t len;
} inbox_file;

typedef struct {
    inbox_file *files;
    size_t count;
    size_t capacity;
} inbox;

/* Collects the files named by args[0..nargs).  utc_offset_min converts
 * manifest times.  A path that does not exist is kept (the reader reports it
 * as unreadable).  Returns TH_OK; TH_ERR_CONFIG with err for an unreadable
 * folder or a bad manifest; TH_ERR_NOMEM.  inbox_release frees out in every
 * case. */
th_error inbox_collect(char *const *args, int nargs, int utc_offset_min, inbox *out, char *err,
                       size_t errlen);

/* Frees what in owns and zeroes it. */
void inbox_release(inbox *in);

#endif
