/*
 * stat_cache.h - the nightly import's shortcut: a file that stat(2) says
 * was not touched since an import read it is not read or hashed again.
 *
 * The store keeps, per path, the device, inode, size, mtime and ctime the
 * file had and the SHA-256 of what it held (store_seen_*).  The content
 * hash stays the identity of a submission; this is only a cache, which
 * `import --rehash` ignores (design.md §6).
 */
#ifndef TONGHOP_STAT_CACHE_H
#define TONGHOP_STAT_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "inbox.h"
#include "store.h"

/* What a probe saw of one file, to record once its content is stored. */
typedef struct {
    char *path; /* the file's canonical path (realpath), owned; NULL: nothing to record */
    store_file_stat fs;
} stat_cache_key;

typedef struct {
    char *path; /* owned */
    store_file_stat fs;
    char sha256[65];
} stat_cache_entry;

typedef struct {
    store *st;                 /* borrowed */
    bool rehash;               /* --rehash: never trust an entry, record them all again */
    bool trace;                /* $TONGHOP_TRACE_STAT_CACHE: say on stderr what is skipped */
    bool hold;                 /* set while the batch's store group is open: note never writes */
    int64_t now;               /* when the batch started, epoch seconds */
    char *dir;                 /* the folder of the last file probed, as named; owned */
    char *dir_real;            /* its realpath, owned (NULL: it has none) */
    stat_cache_entry *pending; /* entries not written yet */
    size_t npending, cap;
} stat_cache;

/* Sets c up for a batch importing into st. */
void stat_cache_init(stat_cache *c, store *st, bool rehash);

/* Looks file up: fills *key (released with stat_cache_key_release) from
 * stat(2), and sets *hit, with the submission of the content it held in
 * *old (released by the caller; store_seen_lookup: without in_effect and
 * superseded_by), when the store recorded the file exactly so.  A file in memory (an attachment) or one that cannot be stat'ed
 * gives no key and no hit. */
th_error stat_cache_probe(stat_cache *c, const inbox_file *file, stat_cache_key *key, bool *hit,
                          submission *old);

/* Records that the file of key held the stored content sha256; written to
 * the store in batches (stat_cache_flush).  A file modified in the last two
 * seconds is not recorded: a change within the file system's time
 * granularity would not show in its mtime.  Takes key->path over. */
th_error stat_cache_note(stat_cache *c, stat_cache_key *key, const char *sha256);

/* Writes the pending entries in one transaction. */
th_error stat_cache_flush(stat_cache *c);

/* Writes the pending entries when stat_cache_note would have (a batch's
 * worth of them), for a caller that held them with c->hold. */
th_error stat_cache_flush_if_full(stat_cache *c);

/* Drops the pending entries noted after the first mark of them (a count
 * of pending entries the caller read from c->npending): their files were
 * not stored after all. */
void stat_cache_forget_since(stat_cache *c, size_t mark);

/* Frees what key owns. */
void stat_cache_key_release(stat_cache_key *key);

/* Frees the pending entries (not written) and zeroes c. */
void stat_cache_release(stat_cache *c);

#endif
