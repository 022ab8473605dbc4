/*
 * stat_cache.c - a file untouched since the last import is not read again
 * (see stat_cache.h).
 */
#include "stat_cache.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "array.h"

/* Entries written per transaction: few commits, bounded memory. */
#define STAT_CACHE_BATCH 1024

/* A change within this many seconds of the mtime may not move it (FAT keeps
 * mtimes to 2 s). */
#define STAT_CACHE_RACY_S 2

void stat_cache_init(stat_cache *c, store *st, bool rehash)
{
    memset(c, 0, sizeof *c);
    c->st = st;
    c->rehash = rehash;
    const char *trace = getenv("TONGHOP_TRACE_STAT_CACHE");
    c->trace = trace != NULL && *trace != '\0' && strcmp(trace, "0") != 0;
    c->now = (int64_t)time(NULL);
}

static int64_t nanoseconds(struct timespec t)
{
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* The path of the file under its folder's canonical path (realpath), so
 * that the same inbox named another way (from another folder, through a
 * link) finds its entries.  The folder is resolved once for all its files:
 * resolving each path took more system calls than the rest of an import of
 * unchanged files. */
static th_error canonical_path(stat_cache *c, const char *path, char **out)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *dir = slash == NULL   ? strdup(".")
                : slash == path ? strdup("/")
                                : strndup(path, (size_t)(slash - path));
    if (dir == NULL)
        return TH_ERR_NOMEM;
    if (c->dir != NULL && strcmp(c->dir, dir) == 0) {
        free(dir);
    } else {
        free(c->dir);
        free(c->dir_real);
        c->dir = dir;
        c->dir_real = realpath(dir, NULL);
    }
    const char *real = c->dir_real ? c->dir_real : c->dir;
    size_t n = strlen(real) + strlen(base) + 2;
    *out = malloc(n);
    if (*out == NULL)
        return TH_ERR_NOMEM;
    snprintf(*out, n, "%s/%s", strcmp(real, "/") == 0 ? "" : real, base);
    return TH_OK;
}

th_error stat_cache_probe(stat_cache *c, const inbox_file *file, stat_cache_key *key, bool *hit,
                          submission *old)
{
    struct stat sb;
    memset(key, 0, sizeof *key);
    *hit = false;
    if (c->st == NULL || file->bytes != NULL || stat(file->path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return TH_OK;
    th_error rc = canonical_path(c, file->path, &key->path);
    if (rc != TH_OK)
        return rc;
    key->fs = (store_file_stat){(int64_t)sb.st_dev, (int64_t)sb.st_ino, (int64_t)sb.st_size,
                                nanoseconds(sb.st_mtim), nanoseconds(sb.st_ctim)};
    if (c->rehash)
        return TH_OK;
    rc = store_seen_lookup(c->st, key->path, &key->fs, hit, old);
    if (rc == TH_OK && c->trace)
        fprintf(stderr, "stat-cache: %s %s\n", *hit ? "hit" : "miss", file->name);
    return rc;
}

th_error stat_cache_note(stat_cache *c, stat_cache_key *key, const char *sha256)
{
    if (key->path == NULL || key->fs.mtime_ns / 1000000000 > c->now - STAT_CACHE_RACY_S)
        return TH_OK;
    if (!array_reserve(&c->pending, &c->cap, c->npending + 1, sizeof *c->pending))
        return TH_ERR_NOMEM;
    stat_cache_entry *e = &c->pending[c->npending++];
    e->path = key->path;
    key->path = NULL;
    e->fs = key->fs;
    snprintf(e->sha256, sizeof e->sha256, "%s", sha256);
    return c->hold ? TH_OK : stat_cache_flush_if_full(c);
}

th_error stat_cache_flush_if_full(stat_cache *c)
{
    return c->npending >= STAT_CACHE_BATCH ? stat_cache_flush(c) : TH_OK;
}

void stat_cache_forget_since(stat_cache *c, size_t mark)
{
    while (c->npending > mark)
        free(c->pending[--c->npending].path);
}

static void drop_pending(stat_cache *c)
{
    for (size_t i = 0; i < c->npending; i++)
        free(c->pending[i].path);
    c->npending = 0;
}

th_error stat_cache_flush(stat_cache *c)
{
    if (c->npending == 0)
        return TH_OK;
    th_error rc = store_begin(c->st);
    for (size_t i = 0; rc == TH_OK && i < c->npending; i++)
        rc = store_seen_put(c->st, c->pending[i].path, &c->pending[i].fs, c->pending[i].sha256);
    if (rc == TH_OK)
        rc = store_commit(c->st);
    else
        store_rollback(c->st);
    drop_pending(c);
    return rc;
}

void stat_cache_key_release(stat_cache_key *key)
{
    free(key->path);
    key->path = NULL;
}

void stat_cache_release(stat_cache *c)
{
    drop_pending(c);
    free(c->dir);
    free(c->dir_real);
    free(c->pending);
    memset(c, 0, sizeof *c);
}
