/*
 * test_support.h - what several unit tests share: the shipped 2022 campaign.
 *
 * Header-only so that every test stays one executable of one .c file.
 */
#ifndef TONGHOP_TEST_SUPPORT_H
#define TONGHOP_TEST_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>

#include "campaign.h"

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

#endif
