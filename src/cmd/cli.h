/*
 * cli.h - what every command shares: the global options, the command
 * signature, and the helpers that print messages to the user.
 *
 * Messages go through th_msg_* so they all carry the "tonghop: " prefix and
 * their text through _() (i18n.h: English in the source, po/vi.po), and
 * the compiler checks their formats.  Commands return an exit status from
 * error.h; they never call exit().
 */
#ifndef TONGHOP_CLI_H
#define TONGHOP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "campaign.h"
#include "finding.h"
#include "i18n.h"
#include "options.h"
#include "store.h"
#include "store_lock.h"

typedef struct {
    const char *campaign_dir; /* --campaign */
    const char *db_path;      /* --db */
    th_lang lang;             /* --lang */
} global_options;

/* What a command needs set up, declared per command in main.c's table (as
 * git's RUN_SETUP flags).  A command parses its own arguments first, then
 * calls cli_setup_campaign and cli_setup_store, which do what its flags say;
 * main releases what they set up after the command returns. */
typedef enum {
    NEED_CAMPAIGN = 1 << 0,       /* the campaign of --campaign */
    NEED_STORE = 1 << 1,          /* the store of --db, created when absent (import) */
    NEED_EXISTING_STORE = 1 << 2, /* the store of --db, which must exist (status, export) */
    NEED_LOCK = 1 << 3,           /* one run at a time: the store's lock file, held to the
                                     end (import, run, remind; store_lock.h) */
} command_needs;

/* What a command runs with. */
typedef struct {
    const global_options *g;
    const char *name;                /* the command's name, as messages name it */
    const char *help;                /* its help text, in g->lang: the usage, a blank line, ... */
    const option_spec *global_specs; /* the global options (main's table), which the */
    size_t nglobal_specs;            /* command's parse suggests for a near miss */
    unsigned needs;                  /* command_needs flags from the command table */
    campaign campaign;               /* valid after cli_setup_campaign succeeded */
    bool has_campaign;
    store *store;    /* after cli_setup_store: the open store, or NULL without NEED_*STORE */
    store_lock lock; /* with NEED_LOCK, held from cli_setup_store to cli_env_release */
} command_env;

/* A subcommand: argv[0] is the command name; returns an exit status. */
typedef int (*command_fn)(int argc, char **argv, command_env *env);

int cmd_check(int argc, char **argv, command_env *env);
int cmd_import(int argc, char **argv, command_env *env);
int cmd_status(int argc, char **argv, command_env *env);
int cmd_findings(int argc, char **argv, command_env *env);
int cmd_export(int argc, char **argv, command_env *env);
int cmd_template(int argc, char **argv, command_env *env);
int cmd_history(int argc, char **argv, command_env *env);
int cmd_recheck(int argc, char **argv, command_env *env);
int cmd_withdraw(int argc, char **argv, command_env *env);
int cmd_run(int argc, char **argv, command_env *env);
int cmd_remind(int argc, char **argv, command_env *env);

/* With NEED_CAMPAIGN, loads the campaign of env->g->campaign_dir into
 * env->campaign, printing why it cannot be loaded.  Returns TH_EXIT_OK (also
 * without the flag), TH_EXIT_USAGE (a configuration error) or
 * TH_EXIT_FAILURE (out of memory). */
int cli_setup_campaign(command_env *env);

/* With NEED_LOCK, first takes the store's lock (waiting store_lock_wait_ms),
 * else says that another run holds it and returns TH_EXIT_FAILURE.
 * With NEED_EXISTING_STORE, then checks that env->g->db_path exists, else
 * says so and returns TH_EXIT_USAGE (so that a mistyped --db does not leave
 * a new empty store behind).  With either store flag, then opens the store
 * into env->store; *rc receives store_open's result and err its message,
 * which the command reports in its own words.  Returns TH_EXIT_OK otherwise
 * (*rc is TH_OK without a store flag). */
int cli_setup_store(command_env *env, th_error *rc, char *err, size_t errlen);

/* Closes the store and releases the campaign that the set-up left in env. */
void cli_env_release(command_env *env);

/* Parses the options of the command (argv[0] is its name) with the table
 * specs of n options (options.h), the global options being gone already.
 * Returns the count of arguments left including argv[0] (the others are
 * then argv[1..], in order); or -1 after printing what is wrong (the
 * option, and the closest valid one) and the command's usage: the command
 * then returns TH_EXIT_USAGE. */
int cli_parse_options(const command_env *env, const option_spec *specs, size_t n, int argc,
                      char **argv);

/* Parses options like cli_parse_options, for a command that takes no other
 * argument: one given is an error.  Returns TH_EXIT_OK or TH_EXIT_USAGE
 * (after printing why). */
int cli_parse_options_only(const command_env *env, const option_spec *specs, size_t n, int argc,
                           char **argv);

/* Prints what a failed options_parse found (err) as an error, naming
 * command when not NULL ("export: unknown option '--outpt'; did you mean
 * '--output'?"); guesses come from err. */
void cli_print_option_error(const options_error *err, const char *command);

/* Prints "tonghop: error: NAME: <message>", then the command's usage (the
 * first paragraph of env->help) and where its help is, on stderr. */
void cli_usage_error(const command_env *env, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints the command's usage and where its help is, on stderr. */
void cli_print_usage_hint(const command_env *env);

/* Prints text (valid UTF-8) and pads it with spaces to width columns. */
void cli_print_padded(FILE *out, const char *text, size_t width);

/* Prints "tonghop: error: <message>" on stderr. */
void th_msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "tonghop: warning: <message>" on stderr. */
void th_msg_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints one finding as a line a clerk can act on:
 * "FILE dòng R, cột C (Header): Lỗi [code] message: 'detail'", or for a
 * spreadsheet "FILE Sheet1!D7 (Header): ...". */
void cli_print_finding(FILE *out, const finding *f, th_lang lang);

/* Flushes stdout and reports a failed write (a full disk, a closed pipe).
 * Returns status, or TH_EXIT_FAILURE when stdout could not be written. */
int cli_finish(int status);

#endif
