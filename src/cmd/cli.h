/*
 * cli.h - what every command shares: the global options, the command
 * signature, and the helpers that print messages to the user.
 *
 * Messages go through th_msg_* so they all carry the "tonghop: " prefix and
 * the compiler checks their formats.  Commands return an exit status from
 * error.h; they never call exit().
 */
#ifndef TONGHOP_CLI_H
#define TONGHOP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "campaign.h"
#include "finding.h"

typedef struct {
    const char *campaign_dir; /* --campaign */
    const char *db_path;      /* --db */
    th_lang lang;             /* --lang */
} global_options;

/* A subcommand: argv[0] is the command name; returns an exit status. */
typedef int (*command_fn)(int argc, char **argv, const global_options *g);

int cmd_check(int argc, char **argv, const global_options *g);
int cmd_import(int argc, char **argv, const global_options *g);
int cmd_status(int argc, char **argv, const global_options *g);
int cmd_findings(int argc, char **argv, const global_options *g);
int cmd_export(int argc, char **argv, const global_options *g);
int cmd_template(int argc, char **argv, const global_options *g);

/* Loads the campaign of g->campaign_dir into c, printing why it cannot be
 * loaded.  Returns TH_EXIT_OK, TH_EXIT_USAGE (a configuration error) or
 * TH_EXIT_FAILURE (out of memory). */
int cli_load_campaign(const global_options *g, campaign *c);

/* Takes the value of option `name` at argv[*i], written "--name=value" or
 * "--name value" (then *i moves past the value).  Returns 1 when taken, 0
 * when argv[*i] is another argument, -1 when the value is missing. */
int cli_option_value(int argc, char **argv, int *i, const char *name, const char **value);

/* For the commands that only read the store (status, export): returns
 * TH_EXIT_OK when g->db_path exists, else says so and returns TH_EXIT_USAGE,
 * so that a mistyped --db does not leave a new empty store behind. */
int cli_require_store(const global_options *g);

/* Prints text (valid UTF-8) and pads it with spaces to width columns. */
void cli_print_padded(FILE *out, const char *text, size_t width);

/* Returns vi or en according to lang. */
const char *tr(th_lang lang, const char *vi, const char *en) __attribute__((format_arg(2)))
__attribute__((format_arg(3)));

/* Prints "tonghop: error: <message>" on stderr. */
void th_msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "tonghop: warning: <message>" on stderr. */
void th_msg_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "tonghop: <message>" on stderr. */
void th_msg_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints one finding as a line a clerk can act on:
 * "FILE dòng R, cột C (Header): Lỗi [code] message: 'detail'". */
void cli_print_finding(FILE *out, const finding *f, th_lang lang);

/* Flushes stdout and reports a failed write (a full disk, a closed pipe).
 * Returns status, or TH_EXIT_FAILURE when stdout could not be written. */
int cli_finish(int status);

#endif
