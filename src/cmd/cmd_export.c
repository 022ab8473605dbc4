/*
 * cmd_export.c - `tonghop export [-o FILE] [--as-of T] [--full] [--csv DIR] [--eml FILE]`:
 * the consolidated workbook the province receives (docs/design.md §7), with
 * --full also the clerk's sheets (findings and the ledger), or with --csv the
 * consolidation as a report CSV for the level above (§8); with --eml also the
 * message that carries the workbook (export_mail.c).
 *
 * Usage, options, parse, work, release, like every command.  The environment
 * variable TONGHOP_DETAIL_ROWS_PER_SHEET lowers the rows of a "Chi tiết"
 * sheet so tests can see the split without a million-row fixture.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "export.h"
#include "export_mail.h"
#include "field.h"
#include "progress.h"
#include "store.h"

typedef struct {
    const char *output;    /* -o */
    const char *as_of;     /* --as-of */
    const char *csv;       /* --csv */
    bool full;             /* --full: the clerk's sheets too */
    export_mail_args mail; /* --eml, --from, --to, --cc */
    bool quiet;            /* --quiet: no progress line */
    progress *progress;    /* erased once the output is written, before its name is printed */
} export_args;

static int parse(int argc, char **argv, export_args *a, const command_env *env)
{
    const option_spec specs[] = {
        {.name = "output", .short_name = 'o', .value = &a->output},
        {.name = "as-of", .value = &a->as_of},
        {.name = "full", .flag = &a->full},
        {.name = "csv", .value = &a->csv},
        {.name = "eml", .value = &a->mail.path},
        {.name = "from", .value = &a->mail.from},
        {.name = "to", .value = &a->mail.to},
        {.name = "cc", .value = &a->mail.cc},
        {.name = "quiet", .short_name = 'q', .flag = &a->quiet},
    };
    return cli_parse_options_only(env, specs, sizeof specs / sizeof specs[0], argc, argv);
}

static size_t detail_rows_per_sheet(void)
{
    const char *env = getenv("TONGHOP_DETAIL_ROWS_PER_SHEET");
    char *end;
    if (env == NULL || *env == '\0')
        return 0;
    unsigned long long n = strtoull(env, &end, 10);
    return *end == '\0' && n > 0 ? (size_t)n : 0;
}

static int failure(th_error rc, const char *what, const char *err)
{
    th_msg_error("%s: %s%s%s", what, th_strerror(rc), *err ? ": " : "", err);
    return rc == TH_ERR_CONFIG || rc == TH_ERR_USAGE ? TH_EXIT_USAGE : TH_EXIT_FAILURE;
}

/* Notes files received after the as-of time: they are in the numbers. */
static void warn_late_files(const export_model *m)
{
    size_t n = m->late;
    if (n > 0)
        th_msg_warning(P_("%zu file received after the --as-of time is included",
                          "%zu files received after the --as-of time are included", n),
                       n);
}

static int write_outputs(const export_model *m, const export_args *a)
{
    char err[1024] = "";
    th_error rc = TH_OK;
    if (a->csv != NULL) {
        char *path = NULL;
        rc = export_csv(m, a->csv, &path, err, sizeof err);
        progress_finish(a->progress);
        if (rc != TH_OK)
            return failure(rc, _("cannot write the CSV"), err);
        printf("%s\n", path);
        free(path);
        if (a->output == NULL && a->mail.path == NULL)
            return TH_EXIT_OK;
    }
    char *name = a->output ? strdup(a->output)
                           : export_output_name(m->c->output_pattern, m->c->code, m->as_of,
                                                m->c->utc_offset_min);
    workbook_options o = {detail_rows_per_sheet(), a->full};
    rc = name ? export_workbook(m, name, &o, err, sizeof err) : TH_ERR_NOMEM;
    progress_finish(a->progress);
    int status = rc == TH_OK ? TH_EXIT_OK : TH_EXIT_FAILURE;
    if (rc == TH_OK)
        printf("%s\n", name);
    else
        failure(rc, _("cannot write the workbook"), err);
    if (rc == TH_OK && a->mail.path != NULL)
        status = export_mail_write(m, name, &a->mail);
    free(name);
    return status;
}

/* Starts pg anew with a note saying what is being written. */
static void write_note(const export_model *m, bool quiet, th_lang lang, progress *pg)
{
    size_t activities = 0;
    char note[128];
    for (size_t u = 0; u < m->c->nunits; u++)
        activities += m->units[u].activities;
    size_t nunits = m->c->nunits;
    int used =
        /* TRANSLATORS: a note on the progress line, followed by ", %zu activities…" */
        snprintf(note, sizeof note, P_("writing %zu unit", "writing %zu units", nunits), nunits);
    if (used >= 0 && (size_t)used < sizeof note)
        snprintf(note + used, sizeof note - (size_t)used,
                 /* TRANSLATORS: after "writing %zu units": the activities in the workbook */
                 P_(", %zu activity…", ", %zu activities…", activities), activities);
    progress_init(pg, quiet, lang, PROGRESS_FILES, 0);
    progress_note(pg, note);
}

static int run(const export_args *a, command_env *env)
{
    const global_options *g = env->g;
    const campaign *c = &env->campaign;
    int64_t as_of = (int64_t)time(NULL);
    if (a->as_of != NULL && field_parse_time(a->as_of, c->utc_offset_min, &as_of) != FIELD_OK) {
        cli_usage_error(env, _("invalid time '%s'"), a->as_of);
        return TH_EXIT_USAGE;
    }
    if (export_mail_check(&a->mail, c) != TH_EXIT_OK)
        return TH_EXIT_USAGE;
    char err[512] = "";
    th_error rc = TH_OK;
    if (cli_setup_store(env, &rc, err, sizeof err) != TH_EXIT_OK)
        return TH_EXIT_USAGE;
    export_model m = {0};
    progress pg; /* a note on stderr while reading and while writing (progress.h) */
    progress_init(&pg, a->quiet, g->lang, PROGRESS_FILES, 0);
    progress_note(&pg, _("reading the store…"));
    if (rc == TH_OK)
        rc = export_model_build(env->store, c, as_of,
                                (a->csv ? EXPORT_CELLS : 0) | (a->full ? EXPORT_LEDGER : 0), &m);
    progress_finish(&pg);
    int status;
    if (rc == TH_OK) {
        warn_late_files(&m);
        export_args w = *a;
        w.progress = &pg;
        write_note(&m, a->quiet, g->lang, &pg);
        status = write_outputs(&m, &w);
        progress_finish(&pg);
    } else {
        status = failure(rc, _("cannot read the store"), err);
    }
    export_model_release(&m);
    return status;
}

int cmd_export(int argc, char **argv, command_env *env)
{
    export_args a = {0};
    int status = parse(argc, argv, &a, env);
    if (status == TH_EXIT_OK)
        status = cli_setup_campaign(env);
    return status == TH_EXIT_OK ? run(&a, env) : status;
}
