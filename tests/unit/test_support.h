/*
 * test_support.h - what several unit tests share: the shipped 2022 campaign,
 * and a scratch store to go with it.
 *
 * Header-only so that every test stays one executable of one .c file.
 */
#ifndef TONGHOP_TEST_SUPPORT_H
#define TONGHOP_TEST_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "campaign.h"
#include "i18n.h"
#include "store.h"

/* Binds the messages to the build tree's catalogues ctest passes in
 * TONGHOP_LOCALE_DIR and selects lang, so that a test sees the texts the
 * program prints. */
static inline void test_i18n(th_lang lang)
{
    const char *dir = getenv("TONGHOP_LOCALE_DIR");
    i18n_init(dir != NULL ? dir : "locale");
    i18n_select(lang);
}

/* The folder of the shipped campaign, templates/htsd-2022 of the source
 * tree ctest passes in TONGHOP_SOURCE_DIR. */
static inline const char *test_template_dir(void)
{
    static char path[4096];
    const char *src = getenv("TONGHOP_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/templates/htsd-2022", src ? src : ".");
    return path;
}

/* Loads the shipped campaign into c; false (with the reason printed) when
 * it does not load. */
static inline bool test_load_template(campaign *c)
{
    char err[512];
    if (campaign_load(test_template_dir(), c, err, sizeof err) == TH_OK)
        return true;
    fprintf(stderr, "cannot load the shipped campaign: %s\n", err);
    return false;
}

/* A test's campaign (the shipped one) and an empty store in /tmp named after
 * the test and the process; seq is the test's own counter. */
typedef struct {
    campaign c;
    store *st;
    char path[64];
    int seq;
    int64_t supplements; /* for tests adding supplements: the base the next
                            add supplements; 0: a full report */
} test_store_fixture;

/* cmocka group setup: allocates *state as a test_store_fixture whose store
 * is /tmp/<name>_<pid>.db, created afresh.  Returns 0, or -1 on failure. */
static inline int test_store_setup(void **state, const char *name)
{
    test_store_fixture *x = calloc(1, sizeof *x);
    char err[512];
    if (x == NULL)
        return -1;
    snprintf(x->path, sizeof x->path, "/tmp/%s_%d.db", name, (int)getpid());
    unlink(x->path);
    if (!test_load_template(&x->c) || store_open(x->path, &x->st, err, sizeof err) != TH_OK)
        return -1;
    *state = x;
    return 0;
}

/* cmocka group teardown: closes and removes the store (with its WAL and
 * shared-memory files) and frees the fixture. */
static inline int test_store_teardown(void **state)
{
    test_store_fixture *x = *state;
    char side[80];
    store_close(x->st);
    campaign_release(&x->c);
    unlink(x->path);
    snprintf(side, sizeof side, "%s-wal", x->path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", x->path);
    unlink(side);
    free(x);
    return 0;
}

#endif
