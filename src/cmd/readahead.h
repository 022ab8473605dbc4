/*
 * readahead.h - an import's files read, hashed and checked on the second
 * core while the first one stores the files before them.
 *
 * The batch (batch.c) hands items to a worker thread in inbox order and
 * takes them back in the same order.  For each item the worker loads the
 * file and its SHA-256 (checked_file_load), and, when asked to and the
 * file is CSV text, validates a copy of it as new content would be
 * (checked_file_validate): what an import does with most files.  The
 * batch uses that copy only when the store says the content is new, and
 * otherwise starts again from the loaded state.  Spreadsheets are only
 * loaded: the .xls reader forks, which the batch does only with the
 * worker paused (readahead_pause).
 *
 * What the worker touches is its own (the item, the bytes, the reader's
 * iconv and libcsv state per call) or read-only while it runs: the
 * campaign, the options, the typical values of the outlier warning
 * (computed before the first item that is validated).  The store is never
 * touched by the worker.
 */
#ifndef TONGHOP_READAHEAD_H
#define TONGHOP_READAHEAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "checked_file.h"
#include "error.h"
#include "inbox.h"

/* One file for the worker; the caller owns it and must not touch it
 * between readahead_push and readahead_take. */
typedef struct {
    const inbox_file *file; /* borrowed: stays valid until taken */
    bool validate;          /* validate a copy as new content received at `received` */
    int64_t received;
    const int64_t *typical; /* of the outlier warning (validate_options), read-only */
    /* Filled by the worker: */
    th_error rc;          /* of checked_file_load */
    checked_file loaded;  /* as checked_file_load leaves it */
    unsigned char *bytes; /* the content, owned (NULL when not loaded) */
    size_t n;
    bool validated;       /* `checked` holds the validated copy */
    th_error validate_rc; /* of checked_file_validate */
    checked_file checked; /* the copy, validated */
} readahead_item;

typedef struct readahead readahead;

/* Prepares item for file (zeroes it, with validate false). */
void readahead_item_init(readahead_item *item, const inbox_file *file);

/* Frees what the worker left in item (both checked files, the bytes) and
 * prepares it again for no file. */
void readahead_item_release(readahead_item *item);

/* Starts the worker, with *opt copied (its typical values are not used:
 * each item brings its own), for at most capacity items queued at once.
 * Returns TH_OK, TH_ERR_NOMEM, or TH_ERR_INTERNAL when no thread can be
 * started (then *out is NULL and the caller reads the files itself). */
th_error readahead_start(const checked_file_options *opt, size_t capacity, readahead **out);

/* Queues item for the worker.  Returns TH_ERR_INTERNAL when capacity
 * items are queued already (the item is not queued). */
th_error readahead_push(readahead *r, readahead_item *item);

/* Waits until the worker is done with item, which must be the oldest item
 * pushed and not taken yet. */
void readahead_take(readahead *r, readahead_item *item);

/* Waits until the worker is between two items and keeps it there until
 * readahead_resume: for the caller to fork (the .xls reader) while no
 * other thread holds a lock of the C library (iconv's, for one) that the
 * child would inherit held. */
void readahead_pause(readahead *r);
void readahead_resume(readahead *r);

/* Waits for the items queued, stops the worker and frees r (the items
 * stay the caller's, to release).  NULL is allowed. */
void readahead_stop(readahead *r);

#endif
