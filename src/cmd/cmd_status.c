/*
 * cmd_status.c - `tonghop status [--format text|csv|json]`: each unit of
 * units.csv, its received time, deadline status and required categories
 * covered (x/y), and the totals.
 *
 * This file parses, computes the status once and hands it to one of the
 * forms of status_report.h; it decides what the terminal allows: the width
 * of the text and whether it is coloured (a terminal, and NO_COLOR unset or
 * empty, as no-color.org asks).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "consolidate.h"
#include "error.h"
#include "status_report.h"
#include "store.h"

#define TEXT_WIDTH 80      /* what the text fits when not on a terminal */
#define TEXT_WIDTH_MAX 200 /* a wider terminal still gets lines one can read */

typedef enum { FORMAT_TEXT, FORMAT_CSV, FORMAT_JSON } status_format;

static int parse(int argc, char **argv, status_format *format, const command_env *env)
{
    const char *value = NULL;
    const option_spec specs[] = {{.name = "format", .value = &value}};
    int status = cli_parse_options_only(env, specs, sizeof specs / sizeof specs[0], argc, argv);
    if (status != TH_EXIT_OK || value == NULL)
        return status;
    if (strcmp(value, "text") != 0 && strcmp(value, "csv") != 0 && strcmp(value, "json") != 0) {
        th_msg_error("%s", _("--format takes text, csv or json"));
        return TH_EXIT_USAGE;
    }
    *format = strcmp(value, "csv") == 0    ? FORMAT_CSV
              : strcmp(value, "json") == 0 ? FORMAT_JSON
                                           : FORMAT_TEXT;
    return TH_EXIT_OK;
}

/* The terminal's width when stdout is one (never less than TEXT_WIDTH),
 * else TEXT_WIDTH; colours on a terminal unless NO_COLOR or TERM=dumb. */
static status_text_style text_style(void)
{
    status_text_style style = {TEXT_WIDTH, false};
    struct winsize ws;
    if (!isatty(STDOUT_FILENO))
        return style;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > TEXT_WIDTH)
        style.width = ws.ws_col < TEXT_WIDTH_MAX ? ws.ws_col : TEXT_WIDTH_MAX;
    const char *no_colour = getenv("NO_COLOR"), *term = getenv("TERM");
    style.colour =
        (no_colour == NULL || *no_colour == '\0') && (term == NULL || strcmp(term, "dumb") != 0);
    return style;
}

/* Prints v in format; returns an exit status. */
static int print(const status_view *v, status_format format)
{
    th_error rc = TH_OK;
    if (format == FORMAT_TEXT) {
        status_text_style style = text_style();
        status_print_text(stdout, v, &style);
    } else {
        rc = format == FORMAT_CSV ? status_write_csv(stdout, v) : status_write_json(stdout, v);
    }
    if (rc == TH_OK)
        return TH_EXIT_OK;
    th_msg_error("%s: %s", _("cannot print the status"), th_strerror(rc));
    return TH_EXIT_FAILURE;
}

int cmd_status(int argc, char **argv, command_env *env)
{
    const global_options *g = env->g;
    status_format format = FORMAT_TEXT;
    int status = parse(argc, argv, &format, env);
    if (status != TH_EXIT_OK)
        return status;
    th_error rc = TH_OK;
    char err[512] = "";
    status = cli_setup_campaign(env);
    if (status == TH_EXIT_OK)
        status = cli_setup_store(env, &rc, err, sizeof err);
    if (status != TH_EXIT_OK)
        return status;
    const campaign *c = &env->campaign;
    unit_status *units = NULL;
    consolidate_totals totals = {0};
    /* the text form shows no indicator: no need to sum them */
    if (rc == TH_OK)
        rc = consolidate_compute(env->store, c, NULL, 0, &units,
                                 format != FORMAT_TEXT ? &totals : NULL, false);
    if (rc == TH_OK) {
        status_view v = {c, units, format != FORMAT_TEXT ? &totals : NULL, (int64_t)time(NULL),
                         g->lang};
        status = print(&v, format);
    } else {
        th_msg_error(_("cannot read the store '%s': %s%s%s"), g->db_path, th_strerror(rc),
                     *err ? ": " : "", err);
        status = TH_EXIT_FAILURE;
    }
    consolidate_totals_release(&totals);
    consolidate_status_release(units, c->nunits);
    return status;
}
