/*
 * main.c - the command table, the global options and the exit status.
 *
 * Everything a command does lives in its own cmd/cmd_<name>.c; this file only
 * finds the command, strips the global options (allowed before or after the
 * command name) and returns the command's exit status.
 *
 * Design notes.  One pipeline, one module per stage:
 *
 *   read         read/         bytes -> raw_table (inbox, decode, report_reader)
 *   validate     check/        raw_table -> report + findings (checked_file, validate)
 *   store        store/        report -> SQLite
 *   consolidate  consolidate/  store -> unit_status, totals, ledger
 *   write        write/        -> .xlsx, report CSV (export, workbook, sheet_*)
 *
 * The data passed between stages is in model/ (campaign, report, finding,
 * submission); base/ holds what every stage uses (array, text, error,
 * digest); cmd/ one file per command, dispatched from the table below.
 *
 * Invariants the tests hold us to:
 *   1. All text past decode_text is valid UTF-8 in NFC; nothing is stored
 *      garbled (an undecodable file is refused with the byte offset).
 *   2. A row reaches the store only after validation, and only when it has
 *      no error; a file with a file error contributes no row.
 *   3. A file is stored whole or not at all: a crash, kill or full disk
 *      leaves whole files only, and a file import said it stored stays
 *      stored (files are written in groups, a savepoint each: batch.c).
 *   4. A file's content (SHA-256) is stored once, with its original bytes;
 *      its received time is fixed at that first import (only content stored
 *      as rejected is evaluated again, recorded in the history).  A unit's
 *      report in effect is decided by the store alone (store.h).
 *   5. Nothing is renamed into an output folder before it is complete and
 *      read back; on failure nothing is left there.
 *   6. Findings are data (a list the caller owns); failures are th_error
 *      codes, mapped to the exit statuses of error.h here and in the commands.
 *   7. An export computes first and then writes: no store call is made
 *      while a workbook is open (workbook.h poisons the names).
 */
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "default_campaign.h"
#include "error.h"
#include "i18n.h"
#include "options.h"
#include "similar.h"
#include "th_limits.h"

/* The reader's default limits as the usage text shows them. */
#define READER_LIMITS                                                                              \
    "--max-file-size " LIMIT_STR(LIMIT_FILE_MIB) "M --max-field-size " LIMIT_STR(                  \
        LIMIT_FIELD_MIB) "M --max-rows " LIMIT_STR(LIMIT_RECORDS) " --max-columns " LIMIT_STR(LIMIT_COLUMNS) "\n"

typedef struct {
    const char *name;
    command_fn run;
    unsigned needs;      /* command_needs (cli.h): what is set up for it */
    const char *summary; /* English, translated at use (N_) */
    const char *help;    /* `tonghop help NAME`, `tonghop NAME --help`: a format
                            taking the reader's limits (only check's shows them) */
} command;

/* The reader's limits and their defaults, as the help of check shows them. */
#define HELP_LIMITS                                                                                \
    "  --max-file-size N   (" LIMIT_STR(LIMIT_FILE_MIB) "M)   --max-field-size N (" LIMIT_STR(     \
        LIMIT_FIELD_MIB) "M)\n"                                                                    \
                         "  --max-rows N  (" LIMIT_STR(LIMIT_RECORDS) ")     --max-columns N    "  \
                                                                      "(" LIMIT_STR(               \
                                                                          LIMIT_COLUMNS) ")\n\n"

/* What `tonghop help COMMAND` prints: usage, options, an example. */
static const char help_check[] =
    N_("usage: tonghop check [--received TIME] [--strict] [-q] [LIMITS] FILE|DIR...\n"
       "       tonghop check --maildir MAILDIR\n\n"
       "Validates reports and prints the findings; stores nothing.\n"
       "  --received T   when they were received, to judge the deadline (default: not judged)\n"
       "  --strict       reject the whole file on any error\n"
       "  --maildir DIR  the report attachments of the messages in the Maildir's new/\n"
       "  -q, --quiet    no progress line on the terminal\n"
       "%s"
       "example: tonghop check inbox/\n");
static const char help_import[] =
    N_("usage: tonghop import [--received TIME] [--strict] [--supplement] [--rehash] [LIMITS]\n"
       "       FILE|DIR...\n"
       "       tonghop import [OPTIONS] --maildir MAILDIR\n\n"
       "Validates reports and keeps them in the store (--db, default ./tonghop.db).\n"
       "  --received T   when it was received (default: the folder's received.csv, then mtime)\n"
       "  --strict       reject the whole file on any error\n"
       "  --maildir DIR  the report attachments of the messages in the Maildir's new/ (received\n"
       "                 when the message says); a message stored in full moves to cur/\n"
       "  --supplement   add the rows to the unit's report in effect (a supplement) instead\n"
       "                 of replacing it\n"
       "  -q, --quiet    no progress line (files, rows, time left) on the terminal\n"
       "  --rehash       read every file again (by default a file whose size, times and\n"
       "                 inode are as when it was stored is not read again)\n"
       "  limits as for check\n"
       "Exit status: 0; 3 when a file or a row was rejected, or a file replaced the report in\n"
       "effect with much less (replaces-less).\n\n"
       "example: tonghop import --received 2022-10-20T09:00 LocNinh.csv\n"
       "         tonghop import --supplement LocNinh_part2.csv\n");
static const char help_status[] =
    N_("usage: tonghop status [--format text|csv|json]\n\n"
       "Which units are on time, late, missing, or lack a required category.\n"
       "  --format text   a table for people, 80 columns wide (the default); coloured\n"
       "                  on a terminal unless NO_COLOR is set\n"
       "  --format csv    CSV for scripts: one row per unit\n"
       "  --format json   JSON for scripts: the campaign, the units, the totals\n\n"
       "example: tonghop --db reports.db status --format csv > status.csv\n");
static const char help_export[] =
    N_("usage: tonghop export [-o FILE] [--as-of TIME] [--full] [--csv DIR] [-q]\n"
       "       tonghop export ... --eml FILE [--from ADDR] [--to ADDR] [--cc ADDR]\n\n"
       "The consolidated workbook (.xlsx); with --csv, the report CSV for the level above.\n"
       "  -o, --output FILE  file name (default from campaign.csv's output_pattern)\n"
       "  --as-of T          figures as of T (default: now)\n"
       "  --full             add the clerk's sheets: Lỗi dữ liệu, Lịch sử nộp\n"
       "  --csv DIR          write the report CSV for the level above into DIR\n"
       "  --eml FILE         also write the message (.eml) carrying the workbook, for sendmail -t\n"
       "  --from, --to, --cc ADDR   its sender, recipients, copy (default: campaign.csv's\n"
       "                     mail_from, mail_to, mail_cc; --cc \"\" drops the copy)\n"
       "  -q, --quiet        no progress line on the terminal\n\n"
       "example: tonghop export --as-of 2022-10-28T08:00\n");
static const char help_template[] =
    N_("usage: tonghop template [--unit CODE|--all] [--xlsx] [-o FILE|DIR]\n\n"
       "The blank report units fill in: CSV (UTF-8 with BOM) or an .xlsx workbook with\n"
       "drop-down lists, data validation and an instructions sheet.\n"
       "  --unit CODE        one unit's template (default: one for any unit)\n"
       "  --all              one file per unit, named by its code, into -o DIR\n"
       "  --xlsx             a workbook instead of CSV (also when -o ends in .xlsx)\n"
       "  -o, --output       output file or folder (default: CODE.csv in the current folder)\n\n"
       "example: tonghop template --unit LOCNINH --xlsx\n"
       "         tonghop template --all --xlsx -o templates/\n");
static const char help_history[] =
    N_("usage: tonghop history [UNIT]\n\n"
       "Every file a unit (or every unit) sent: received time, state (in effect, supplement,\n"
       "superseded by which file, withdrawn and why, rejected) and what it changed (replaced,\n"
       "rechecked, withdrawn).\n"
       "Exit status: 0; 1 when there is no such unit.\n\n"
       "example: tonghop history LOCNINH\n");
static const char help_recheck[] =
    N_("usage: tonghop recheck [--strict] [UNIT|FILE|SHA256...]\n\n"
       "Validates stored files again, from the copies the store kept, against the campaign as\n"
       "it is now (an alias, a category or the deadline fixed): all, or a unit's, a file, a\n"
       "SHA-256.  Changes are recorded in the history; withdrawn files are left alone.\n"
       "Exit status: 0; 3 when a file is rejected, has row errors or replaces-less, or has no\n"
       "stored copy; 1 when an argument matches nothing.\n\n"
       "example: tonghop recheck 2022-10-12_PGDDT_DongXoai.csv\n");
static const char help_withdraw[] =
    N_("usage: tonghop withdraw FILE|SHA256 --reason REASON\n\n"
       "Takes a submission out of effect: the unit's previous report is in effect again.\n"
       "Nothing is deleted: the file, the reason and the time stay in the history.\n"
       "Exit status: 0 (also when withdrawn already); 1 when no file, or several, match.\n\n"
       "example: tonghop withdraw LocNinh_2.csv --reason \"only a supplement\"\n");
static const char help_findings[] =
    N_("usage: tonghop findings\n\n"
       "Prints the catalogue of finding codes (a Markdown table).\n\n"
       "example: tonghop --lang en findings > findings.md\n");

static const char help_run[] =
    N_("usage: tonghop run --inbox DIR|--maildir MAILDIR --out DIR [--eml] [--log FILE]\n"
       "                   [--quiet] [--as-of TIME] [LIMITS]\n\n"
       "The nightly job in one command: imports new reports (by content), then writes into --out\n"
       "the consolidated workbook, a feedback workbook for each unit with findings\n"
       "(PhanHoi_CODE_date.xlsx), a changes file when a unit replaced its report\n"
       "(ThayDoi_CODE_date.txt) and summary.txt.  With nothing new it writes nothing.\n"
       "  --inbox DIR       folder of reports (and its received.csv)\n"
       "  --maildir DIR     a Maildir (the attachments of the messages in new/)\n"
       "  --out DIR         where the outputs go (created when absent)\n"
       "  --eml             also .eml messages: the workbook to the recipients, feedback to units\n"
       "  --log FILE        append the log to FILE too\n"
       "  -q, --quiet       report problems only\n"
       "  --as-of T         figures as of T (default: now)\n"
       "  limits as for check\n\n"
       "Exit status: 0 done; 3 a file received in this run was rejected or has row errors;\n"
       "1 configuration; 2 failure (store busy too long, disk full).\n\n"
       "example: tonghop --db /var/lib/tonghop/store.db run --inbox inbox/ --out out/ --eml\n");

static const char help_remind[] =
    N_("usage: tonghop remind [--before TIME] [--again] [--as-of TIME] --out DIR\n\n"
       "A reminder (.eml) for each unit that has sent nothing or still owes required categories,\n"
       "to its address in units.csv, with the blank report template attached.  A unit is\n"
       "reminded once per state (the store remembers what was sent).\n"
       "  --before T      ask for the report before T (default: campaign.csv's late_from); a new\n"
       "                  date reminds once more\n"
       "  --again         remind the units reminded before as well\n"
       "  --as-of T       when the messages are dated (default: now)\n"
       "  -o, --out DIR   where NhacNop_CODE_date.eml go (created when absent)\n\n"
       "example: tonghop --db store.db remind --out reminders/\n"
       "send: for f in reminders/*.eml; do sendmail -t < \"$f\"; done\n");

static const command commands[] = {
    {"check", cmd_check, NEED_CAMPAIGN, N_("validate reports, store nothing"), help_check},
    {"import", cmd_import, NEED_CAMPAIGN | NEED_STORE | NEED_LOCK,
     N_("validate reports and keep them in the store"), help_import},
    {"status", cmd_status, NEED_CAMPAIGN | NEED_EXISTING_STORE,
     N_("who is on time, late, missing, incomplete"), help_status},
    {"export", cmd_export, NEED_CAMPAIGN | NEED_EXISTING_STORE,
     N_("the consolidated workbook (.xlsx), or CSV for the level above"), help_export},
    {"template", cmd_template, NEED_CAMPAIGN,
     N_("blank report for units to fill in (CSV or .xlsx)"), help_template},
    {"history", cmd_history, NEED_CAMPAIGN | NEED_EXISTING_STORE,
     N_("every file a unit sent, its state and what it changed"), help_history},
    {"recheck", cmd_recheck, NEED_CAMPAIGN | NEED_EXISTING_STORE | NEED_LOCK,
     N_("validate stored reports again (after the campaign was fixed)"), help_recheck},
    {"withdraw", cmd_withdraw, NEED_CAMPAIGN | NEED_EXISTING_STORE | NEED_LOCK,
     N_("take a submission out of effect (kept in the history)"), help_withdraw},
    {"run", cmd_run, NEED_CAMPAIGN | NEED_STORE | NEED_LOCK,
     N_("import new reports, write workbook, feedback, summary (nightly)"), help_run},
    {"remind", cmd_remind, NEED_CAMPAIGN | NEED_EXISTING_STORE | NEED_LOCK,
     N_("reminders to units that owe a report"), help_remind},
    {"findings", cmd_findings, 0, N_("the catalogue of finding codes"), help_findings},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* Prints a command's help, the reader's limits in place of its "%s". */
static void print_help(const char *text)
{
    const char *at = strstr(text, "%s");
    if (at == NULL) {
        fputs(text, stdout);
        return;
    }
    fwrite(text, 1, (size_t)(at - text), stdout);
    fputs(HELP_LIMITS, stdout);
    fputs(at + 2, stdout);
}

static void usage(FILE *out)
{
    fputs(_("usage: tonghop [--campaign DIR] [--db FILE] [--lang vi|en] COMMAND [ARGS]\n\n"), out);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
    fputc('\n', out);
    fprintf(out,
            _("  tonghop check [--received TIME] [--strict] [-q] FILE|DIR...\n"
              "  tonghop import [--received TIME] [--strict] [--supplement] FILE|DIR...\n"
              "  tonghop check|import --maildir MAILDIR\n"
              "      limits (check, import, run): %s"
              "  tonghop status [--format text|csv|json]\n"
              "  tonghop history [UNIT]\n"
              "  tonghop recheck [--strict] [UNIT|FILE|SHA256...]\n"
              "  tonghop withdraw FILE|SHA256 --reason REASON\n"
              "  tonghop export [-o FILE] [--as-of TIME] [--full] [--csv DIR]\n"
              "  tonghop export --eml FILE [--from ADDR] [--to ADDR] [--cc ADDR]\n"
              "  tonghop template [--unit CODE|--all] [--xlsx] [-o FILE|DIR]\n"
              "  tonghop run --inbox DIR|--maildir MAILDIR --out DIR [--eml] [--quiet]\n"
              "  tonghop remind [--before TIME] [--again] --out DIR\n"
              "  tonghop help COMMAND\n\n"
              "Exit status: 0 done; 3 done, but some file or row was rejected (import, recheck: "
              "also a replacement that keeps much less, replaces-less; recheck: also a file "
              "without a stored copy); 1 usage or configuration error (withdraw: no file or "
              "several match); 2 failure (store locked, disk full).\n"),
            READER_LIMITS);
}

/* The command named name, or NULL. */
static const command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

/* Says that there is no command name, with the closest one (similar.h). */
static void unknown_command(const char *name)
{
    char *key = similar_key(name);
    similar_best best;
    similar_best_init(&best);
    for (size_t i = 0; key != NULL && i < NCOMMANDS; i++)
        similar_consider(&best, key, commands[i].name, (long)i);
    if (key != NULL)
        similar_consider(&best, key, "help", (long)NCOMMANDS);
    free(key);
    long i = similar_best_index(&best);
    if (i >= 0)
        th_msg_error(_("unknown command '%s'; did you mean '%s'?"), name,
                     (size_t)i < NCOMMANDS ? commands[i].name : "help");
    else
        th_msg_error(_("unknown command '%s'"), name);
    fputs(_("See 'tonghop help' for the commands.\n"), stderr);
}

/* The global options, accepted before or after the command name. */
typedef struct {
    global_options *g;
    const char *lang; /* --lang as typed */
    bool help, version;
} global_parse;

#define NGLOBAL_SPECS 5

static void global_specs(global_parse *p, option_spec specs[NGLOBAL_SPECS])
{
    const option_spec all[NGLOBAL_SPECS] = {
        {.name = "campaign", .value = &p->g->campaign_dir},
        {.name = "db", .value = &p->g->db_path},
        {.name = "lang", .value = &p->lang},
        {.name = "help", .short_name = 'h', .flag = &p->help},
        {.name = "version", .flag = &p->version},
    };
    memcpy(specs, all, sizeof all);
}

/* Takes the global options out of argv wherever they are (until "--"),
 * into p.  Returns the new argc, or -1 after saying what is wrong. */
static int parse_global_options(int argc, char **argv, global_parse *p, option_spec *specs)
{
    option_table t = {specs, NGLOBAL_SPECS, NULL, 0, true};
    options_error err;
    argc = options_parse(&t, argc, argv, &err);
    if (argc < 0 || (p->lang != NULL && strcmp(p->lang, "vi") != 0 && strcmp(p->lang, "en") != 0)) {
        if (argc < 0)
            cli_print_option_error(&err, NULL);
        else
            th_msg_error(_("unknown language '%s' (expected vi or en)"), p->lang);
        return -1;
    }
    if (p->lang != NULL)
        p->g->lang = strcmp(p->lang, "en") == 0 ? LANG_EN : LANG_VI;
    /* what is left before the command name can only be a mistyped option */
    if (argc >= 2 && argv[1][0] == '-' && argv[1][1] != '\0' && strcmp(argv[1], "--") != 0) {
        t.keep_unknown = false;
        err = (options_error){OPTIONS_UNKNOWN, argv[1], NULL, options_guess(&t, argv[1])};
        cli_print_option_error(&err, NULL);
        fputs(_("See 'tonghop help'.\n"), stderr);
        return -1;
    }
    return argc;
}

/* The value of option name in argv (the last one given, up to "--"), or
 * NULL; nothing is said about a missing value, parse_global_options does. */
static const char *peek_option(int argc, char **argv, const char *name)
{
    const char *value = NULL;
    size_t n = strlen(name);
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strncmp(argv[i], name, n) == 0 && argv[i][n] == '=')
            value = argv[i] + n + 1;
        else if (strcmp(argv[i], name) == 0 && i + 1 < argc)
            value = argv[++i];
    }
    return value;
}

/* Settles the language before the first message: --lang, else
 * $TONGHOP_LANG, else the campaign's `language` key, else the locale.
 * Only a bad $TONGHOP_LANG is an error here (a bad --lang is
 * parse_global_options's to report); the campaign is read silently, its
 * real load reports what is wrong with it. */
static int choose_language(int argc, char **argv, global_options *g)
{
    th_lang lang = LANG_VI;
    const char *given = peek_option(argc, argv, "--lang");
    const char *env = getenv("TONGHOP_LANG");
    const char *dir = peek_option(argc, argv, "--campaign");
    bool by_option = given != NULL && (strcmp(given, "vi") == 0 || strcmp(given, "en") == 0);
    bool by_env = !by_option && env != NULL && *env != '\0';
    bool bad_env = by_env && !i18n_parse_lang(env, &lang);
    if (by_option)
        lang = strcmp(given, "en") == 0 ? LANG_EN : LANG_VI;
    else if ((!by_env || bad_env) &&
             !campaign_read_language(dir != NULL ? dir : g->campaign_dir, &lang))
        lang = i18n_locale_lang();
    g->lang = lang;
    i18n_select(lang);
    if (bad_env) {
        th_msg_error(_("TONGHOP_LANG is '%s', not a language (expected vi or en)"), env);
        return TH_EXIT_USAGE;
    }
    return TH_EXIT_OK;
}

int main(int argc, char **argv)
{
    /* Only the character type and the messages follow the user's locale:
     * numbers written to files must keep the C locale's '.' (libxlsxwriter
     * prints numbers with the C library's locale: docs/design.md §11.1). */
    char locale_dir[4096];
    i18n_init(default_locale_dir(locale_dir, sizeof locale_dir));
    /* Past a file-size limit (RLIMIT_FSIZE) the kernel would kill us with
     * SIGXFSZ in the middle of a write; ignored, the write fails with EFBIG
     * and the store rolls the transaction back like any full disk. */
    signal(SIGXFSZ, SIG_IGN);
    char campaign_dir[4096];
    global_options g = {default_campaign_dir(campaign_dir, sizeof campaign_dir), "tonghop.db",
                        LANG_VI};
    if (choose_language(argc, argv, &g) != TH_EXIT_OK)
        return TH_EXIT_USAGE;
    global_parse p = {.g = &g};
    option_spec specs[NGLOBAL_SPECS];
    global_specs(&p, specs);
    argc = parse_global_options(argc, argv, &p, specs);
    if (argc < 0)
        return TH_EXIT_USAGE;
    i18n_select(g.lang);
    bool help = p.help;
    if (p.version) {
        printf("tonghop %s\n", TONGHOP_VERSION);
        return cli_finish(TH_EXIT_OK);
    }
    if (argc < 2) {
        usage(help ? stdout : stderr);
        return help ? cli_finish(TH_EXIT_OK) : TH_EXIT_USAGE;
    }
    if (strcmp(argv[1], "help") == 0) { /* "help CMD" is "CMD --help" */
        if (argc < 3) {
            usage(stdout);
            return cli_finish(TH_EXIT_OK);
        }
        help = true;
        argc--;
        argv++;
    }
    const command *cmd = find_command(argv[1]);
    if (cmd == NULL) {
        unknown_command(argv[1]);
        return TH_EXIT_USAGE;
    }
    if (help) {
        print_help(_(cmd->help));
        return cli_finish(TH_EXIT_OK);
    }
    command_env env = {.g = &g,
                       .name = cmd->name,
                       .help = _(cmd->help),
                       .global_specs = specs,
                       .nglobal_specs = NGLOBAL_SPECS,
                       .needs = cmd->needs,
                       .lock = {-1}};
    int status = cmd->run(argc - 1, argv + 1, &env);
    cli_env_release(&env);
    return cli_finish(status);
}
