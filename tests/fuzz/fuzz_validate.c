/*
 * fuzz_validate.c - libFuzzer target: bytes -> reader -> validate_report
 * against the shipped campaign (templates/htsd-2022), loaded once.
 *
 * The campaign folder is $TONGHOP_CAMPAIGN, else ../templates/htsd-2022
 * next to the executable (build-fuzz/ in a checkout), else the source tree
 * the target was built from.  Checks validate.h's invariant: activities only
 * without a file error, and every activity's category and dates in range.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "campaign.h"
#include "report_reader.h"
#include "validate.h"

#ifndef FUZZ_DEFAULT_CAMPAIGN
#define FUZZ_DEFAULT_CAMPAIGN "templates/htsd-2022"
#endif

/* Loaded once by LLVMFuzzerInitialize and never freed: libFuzzer has no
 * teardown hook, and leak checking only looks at each input's run. */
static campaign the_campaign;
static int64_t *typical;

static int try_load(const char *dir)
{
    char err[512];
    if (campaign_load(dir, &the_campaign, err, sizeof err) == TH_OK)
        return 1;
    fprintf(stderr, "fuzz_validate: %s: %s\n", dir, err);
    return 0;
}

static int load_campaign(const char *argv0)
{
    const char *env = getenv("TONGHOP_CAMPAIGN");
    if (env != NULL && *env != '\0')
        return try_load(env);
    char exe[PATH_MAX], dir[PATH_MAX + 64];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(exe, sizeof exe, "%s", argv0);
        n = (ssize_t)strlen(exe);
    }
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash != NULL) {
        *slash = '\0';
        snprintf(dir, sizeof dir, "%s/../templates/htsd-2022", exe);
        if (access(dir, R_OK) == 0)
            return try_load(dir);
    }
    return try_load(FUZZ_DEFAULT_CAMPAIGN);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    if (!load_campaign((*argv)[0]))
        exit(1);
    /* Small typical values so that the outlier warning can fire. */
    size_t n = the_campaign.ncategories * INDICATOR_COUNT;
    typical = malloc(n * sizeof *typical);
    if (typical == NULL)
        exit(1);
    for (size_t i = 0; i < n; i++)
        typical[i] = (int64_t)(i % 3) * 5;
    return 0;
}

static void check_report(const report *r, const finding_list *findings)
{
    if (finding_list_has_file_error(findings) && (r->nactivities != 0 || !r->rejected))
        abort();
    if (r->nactivities + r->nrows_rejected > r->nrows_read)
        abort();
    for (size_t i = 0; i < r->nactivities; i++) {
        const activity *a = &r->activities[i];
        if (a->category >= the_campaign.ncategories || a->content == NULL || a->note == NULL ||
            a->to < a->from)
            abort();
        for (int k = 0; k < INDICATOR_COUNT; k++)
            if (a->has_indicator[k] && a->indicators[k] < 0)
                abort();
    }
    if (r->nactivities > 0 && (r->unit < 0 || (size_t)r->unit >= the_campaign.nunits))
        abort();
}

static void validate_once(const raw_table *table, const finding_list *reader_findings, bool strict,
                          const int64_t *typ)
{
    finding_list findings;
    finding_list_init(&findings);
    for (size_t i = 0; i < reader_findings->count; i++) {
        const finding *f = &reader_findings->items[i];
        if (finding_list_add(&findings, f->code, f->file, f->row, f->column, f->column_name, "%s",
                             f->detail) != TH_OK)
            abort();
    }
    validate_options opt = {
        .campaign = &the_campaign,
        .file_name = "fuzz.csv",
        .received = the_campaign.late_from - 3600, /* on time */
        .strict = strict,
        .typical = typ,
    };
    report r;
    report_init(&r);
    if (validate_report(table, &opt, &r, &findings) == TH_OK)
        check_report(&r, &findings);
    report_release(&r);
    finding_list_release(&findings);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    raw_table table;
    finding_list findings;
    finding_list_init(&findings);
    if (reader_read_bytes(data, size, "fuzz.csv", NULL, &table, &findings) == TH_OK) {
        validate_once(&table, &findings, false, typical);
        validate_once(&table, &findings, true, NULL);
    }
    raw_table_release(&table);
    finding_list_release(&findings);
    return 0;
}
