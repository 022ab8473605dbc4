/*
 * readahead.c - the worker thread that reads and checks an import's files
 * ahead of the store (see readahead.h).
 */
#include "readahead.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "report_format.h"

struct readahead {
    checked_file_options opt;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t more;     /* an item was queued, or stop */
    pthread_cond_t done;     /* an item is done */
    readahead_item **queue;  /* a ring of cap items */
    size_t head, count, cap; /* the count items from head are not done yet */
    bool stop;
    bool paused; /* readahead_pause: take no item */
    bool busy;   /* an item is being worked on */
};

void readahead_item_init(readahead_item *item, const inbox_file *file)
{
    memset(item, 0, sizeof *item);
    item->file = file;
    checked_file_init(&item->loaded);
    checked_file_init(&item->checked);
}

void readahead_item_release(readahead_item *item)
{
    checked_file_release(&item->loaded);
    checked_file_release(&item->checked);
    free(item->bytes);
    readahead_item_init(item, NULL);
}

/* *to as checked_file_load left *from: the name, no unit yet, the hash. */
static th_error copy_loaded(const checked_file *from, checked_file *to)
{
    to->sub.file_name = strdup(from->sub.file_name);
    to->sub.unit_code = strdup("");
    if (to->sub.file_name == NULL || to->sub.unit_code == NULL)
        return TH_ERR_NOMEM;
    memcpy(to->sub.sha256, from->sub.sha256, sizeof to->sub.sha256);
    to->loaded = true;
    return TH_OK;
}

/* The worker's part of one item. */
static void work(const checked_file_options *opt, readahead_item *item)
{
    item->rc = checked_file_load(opt, item->file, &item->loaded, &item->bytes, &item->n);
    /* A file that loaded without a finding, as every new CSV report does:
     * the copy starts from the same state. */
    if (item->rc != TH_OK || !item->validate || !item->loaded.loaded ||
        item->loaded.findings.count > 0 ||
        report_format_detect(item->bytes, item->n, item->file->name) != REPORT_CSV)
        return;
    checked_file_options with = *opt;
    with.typical = item->typical;
    item->validate_rc = copy_loaded(&item->loaded, &item->checked);
    if (item->validate_rc == TH_OK)
        item->validate_rc =
            checked_file_validate(&with, item->bytes, item->n, item->received, &item->checked);
    item->validated = true;
}

static void *run(void *arg)
{
    readahead *r = arg;
    pthread_mutex_lock(&r->lock);
    for (;;) {
        while ((r->count == 0 || r->paused) && !r->stop)
            pthread_cond_wait(&r->more, &r->lock);
        if (r->count == 0)
            break; /* stopped, nothing left */
        readahead_item *item = r->queue[r->head];
        r->busy = true;
        pthread_mutex_unlock(&r->lock);
        work(&r->opt, item);
        pthread_mutex_lock(&r->lock);
        r->busy = false;
        r->head = (r->head + 1) % r->cap;
        r->count--;
        pthread_cond_broadcast(&r->done);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

th_error readahead_start(const checked_file_options *opt, size_t capacity, readahead **out)
{
    *out = NULL;
    readahead *r = calloc(1, sizeof *r);
    if (r == NULL || (r->queue = calloc(capacity ? capacity : 1, sizeof *r->queue)) == NULL) {
        free(r);
        return TH_ERR_NOMEM;
    }
    r->cap = capacity ? capacity : 1;
    r->opt = *opt;
    r->opt.typical = NULL;
    if (pthread_mutex_init(&r->lock, NULL) != 0) {
        free(r->queue);
        free(r);
        return TH_ERR_INTERNAL;
    }
    if (pthread_cond_init(&r->more, NULL) != 0 || pthread_cond_init(&r->done, NULL) != 0 ||
        pthread_create(&r->thread, NULL, run, r) != 0) {
        /* destroying a condition never initialised is harmless in glibc but
         * not promised: a failure here is rare enough to leak them */
        pthread_mutex_destroy(&r->lock);
        free(r->queue);
        free(r);
        return TH_ERR_INTERNAL;
    }
    *out = r;
    return TH_OK;
}

th_error readahead_push(readahead *r, readahead_item *item)
{
    th_error rc = TH_OK;
    pthread_mutex_lock(&r->lock);
    if (r->count == r->cap) {
        rc = TH_ERR_INTERNAL;
    } else {
        r->queue[(r->head + r->count++) % r->cap] = item;
        pthread_cond_signal(&r->more);
    }
    pthread_mutex_unlock(&r->lock);
    return rc;
}

/* True when item is queued and not done yet; under the lock. */
static bool pending(const readahead *r, const readahead_item *item)
{
    for (size_t i = 0; i < r->count; i++)
        if (r->queue[(r->head + i) % r->cap] == item)
            return true;
    return false;
}

void readahead_take(readahead *r, readahead_item *item)
{
    pthread_mutex_lock(&r->lock);
    while (pending(r, item))
        pthread_cond_wait(&r->done, &r->lock);
    pthread_mutex_unlock(&r->lock);
}

void readahead_pause(readahead *r)
{
    pthread_mutex_lock(&r->lock);
    r->paused = true;
    while (r->busy)
        pthread_cond_wait(&r->done, &r->lock);
    pthread_mutex_unlock(&r->lock);
}

void readahead_resume(readahead *r)
{
    pthread_mutex_lock(&r->lock);
    r->paused = false;
    pthread_cond_signal(&r->more);
    pthread_mutex_unlock(&r->lock);
}

void readahead_stop(readahead *r)
{
    if (r == NULL)
        return;
    pthread_mutex_lock(&r->lock);
    r->stop = true;
    r->paused = false;
    pthread_cond_signal(&r->more);
    pthread_mutex_unlock(&r->lock);
    pthread_join(r->thread, NULL);
    pthread_cond_destroy(&r->more);
    pthread_cond_destroy(&r->done);
    pthread_mutex_destroy(&r->lock);
    free(r->queue);
    free(r);
}
