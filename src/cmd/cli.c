/*
 * cli.c - message helpers shared by the commands (see cli.h).
 */
#include "cli.h"

#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "text.h"

static void vmsg(const char *label, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void vmsg(const char *label, const char *fmt, va_list ap)
{
    fflush(stdout); /* keep stdout and stderr in order on a terminal */
    fprintf(stderr, "tonghop: %s", label);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void th_msg_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(_("error: "), fmt, ap);
    va_end(ap);
}

void th_msg_warning(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(_("warning: "), fmt, ap);
    va_end(ap);
}

void cli_print_finding(FILE *out, const finding *f, th_lang lang)
{
    char ref[320];
    finding_cell_ref(f, ref, sizeof ref);
    fprintf(out, "%s", f->file);
    if (*ref != '\0') { /* a spreadsheet: "Sheet1!D7 (Từ ngày)" */
        fprintf(out, " %s", ref);
        if (f->column > 0 && *f->column_name != '\0')
            fprintf(out, " (%s)", f->column_name);
    } else if (f->row > 0)
        fprintf(out, _(" line %zu"), f->row);
    if (*ref == '\0' && f->column > 0) {
        char letters[8];
        finding_column_letters(f->column, letters, sizeof letters);
        fprintf(out, _(", column %s"), letters);
        if (*f->column_name != '\0')
            fprintf(out, " (%s)", f->column_name);
    }
    fprintf(out, ": %s [%s] %s", finding_severity_label(finding_code_severity(f->code), lang),
            finding_code_name(f->code), finding_code_message(f->code, lang));
    char *detail = finding_detail_text(f, lang);
    if (detail != NULL && *detail != '\0')
        fprintf(out, " — %s", detail);
    free(detail);
    fputc('\n', out);
}

int cli_finish(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        th_msg_error(_("cannot write the output: %s"), strerror(ferror(stdout) ? EIO : 0));
        return TH_EXIT_FAILURE;
    }
    return status;
}

int cli_setup_campaign(command_env *env)
{
    char err[1024];
    if (!(env->needs & NEED_CAMPAIGN) || env->has_campaign)
        return TH_EXIT_OK;
    th_error rc = campaign_load(env->g->campaign_dir, &env->campaign, err, sizeof err);
    env->has_campaign = rc == TH_OK;
    if (rc == TH_OK)
        return TH_EXIT_OK;
    if (rc == TH_ERR_NOMEM) {
        th_msg_error("%s", th_strerror(rc));
        return TH_EXIT_FAILURE;
    }
    th_msg_error("%s", err);
    return TH_EXIT_USAGE;
}

void cli_print_padded(FILE *out, const char *text, size_t width)
{
    size_t w = text_width(text);
    fputs(text, out);
    for (; w < width; w++)
        fputc(' ', out);
}

void cli_print_option_error(const options_error *err, const char *command)
{
    char spelled[64], what[1024];
    if (err->status == OPTIONS_UNKNOWN && err->guess != NULL)
        snprintf(what, sizeof what, _("unknown option '%s'; did you mean '%s'?"), err->arg,
                 options_spelling(err->guess, spelled, sizeof spelled));
    else if (err->status == OPTIONS_UNKNOWN)
        snprintf(what, sizeof what, _("unknown option '%s'"), err->arg);
    else {
        /* "'-o' (--output)": the option as typed, and its long name */
        char also[sizeof spelled + 4] = "";
        options_spelling(err->option, spelled, sizeof spelled);
        if (strncmp(err->arg, spelled, strlen(spelled)) != 0)
            snprintf(also, sizeof also, " (%s)", spelled);
        snprintf(what, sizeof what,
                 err->status == OPTIONS_MISSING_VALUE ? _("option '%s'%s needs a value")
                                                      : _("option '%s'%s takes no value"),
                 err->arg, also);
    }
    if (command != NULL)
        th_msg_error("%s: %s", command, what);
    else
        th_msg_error("%s", what);
}

void cli_print_usage_hint(const command_env *env)
{
    const char *help = env->help != NULL ? env->help : "";
    const char *end = strstr(help, "\n\n");
    fprintf(stderr, "%.*s\n", (int)(end != NULL ? end - help : (ptrdiff_t)strlen(help)), help);
    fprintf(stderr, _("See 'tonghop help %s' for the options and an example.\n"), env->name);
}

void cli_usage_error(const command_env *env, const char *fmt, ...)
{
    char what[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    th_msg_error("%s: %s", env->name, what);
    cli_print_usage_hint(env);
}

int cli_parse_options(const command_env *env, const option_spec *specs, size_t n, int argc,
                      char **argv)
{
    option_table t = {specs, n, env->global_specs, env->nglobal_specs, false};
    options_error err;
    int left = options_parse(&t, argc, argv, &err);
    if (left < 0) {
        cli_print_option_error(&err, env->name);
        cli_print_usage_hint(env);
    }
    return left;
}

int cli_parse_options_only(const command_env *env, const option_spec *specs, size_t n, int argc,
                           char **argv)
{
    int left = cli_parse_options(env, specs, n, argc, argv);
    if (left < 0)
        return TH_EXIT_USAGE;
    if (left > 1) {
        cli_usage_error(env, _("unexpected argument '%s'"), argv[1]);
        return TH_EXIT_USAGE;
    }
    return TH_EXIT_OK;
}

/* Takes the store's lock for the whole command (NEED_LOCK). */
static int cli_take_lock(command_env *env)
{
    char err[4200];
    int wait_ms = store_lock_wait_ms();
    th_error rc = store_lock_acquire(env->g->db_path, wait_ms, &env->lock, err, sizeof err);
    /* A lock file that cannot be made (no such folder, read-only) means a
     * store that cannot be opened either: store_open says why. */
    if (rc == TH_OK || rc == TH_ERR_IO)
        return TH_EXIT_OK;
    th_msg_error(_("the store '%s' is in use by another tonghop run (waited %d s); "
                   "try again later"),
                 env->g->db_path, wait_ms / 1000);
    return TH_EXIT_FAILURE;
}

int cli_setup_store(command_env *env, th_error *rc, char *err, size_t errlen)
{
    const global_options *g = env->g;
    *rc = TH_OK;
    if (!(env->needs & (NEED_STORE | NEED_EXISTING_STORE)) || env->store != NULL)
        return TH_EXIT_OK;
    if ((env->needs & NEED_EXISTING_STORE) && access(g->db_path, F_OK) != 0) {
        th_msg_error(_("no store '%s': import reports first, or give the right --db"), g->db_path);
        return TH_EXIT_USAGE;
    }
    if ((env->needs & NEED_LOCK) && env->lock.fd < 0 && cli_take_lock(env) != TH_EXIT_OK)
        return TH_EXIT_FAILURE;
    *rc = store_open(g->db_path, &env->store, err, errlen);
    return TH_EXIT_OK;
}

void cli_env_release(command_env *env)
{
    store_close(env->store);
    env->store = NULL;
    if (env->has_campaign)
        campaign_release(&env->campaign);
    env->has_campaign = false;
    store_lock_release(&env->lock); /* last: the store is closed first */
}
