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
 *   consolidate  consolidate/  store -> unit_status, totals
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
 *   3. An import of one file is one transaction: a crash, kill or full disk
 *      leaves the store as it was before that file.
 *   4. A file's content (SHA-256) is stored once; its received time is fixed
 *      at that first import.
 *   5. Nothing is renamed into an output folder before it is complete and
 *      read back; on failure nothing is left there.
 *   6. Findings are data (a list the caller owns); failures are th_error
 *      codes, mapped to the exit statuses of error.h here and in the commands.
 */
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"

typedef struct {
    const char *name;
    command_fn run;
    const char *summary_vi;
    const char *summary_en;
} command;

static const command commands[] = {
    {"check", cmd_check, "kiểm tra báo cáo, không lưu", "validate reports, store nothing"},
    {"import", cmd_import, "kiểm tra và lưu báo cáo vào kho",
     "validate reports and keep them in the store"},
    {"status", cmd_status, "đơn vị đúng hạn, trễ hạn, chưa nộp, còn thiếu",
     "who is on time, late, missing, incomplete"},
    {"export", cmd_export, "bảng tính tổng hợp (.xlsx) hoặc CSV cho cấp trên",
     "the consolidated workbook (.xlsx), or CSV for the level above"},
    {"findings", cmd_findings, "danh mục mã lỗi và cảnh báo", "the catalogue of finding codes"},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out, th_lang lang)
{
    fprintf(out, "%s", tr(lang, "Cách dùng: ", "usage: "));
    fprintf(out, "tonghop [--campaign DIR] [--db FILE] [--lang vi|en] COMMAND [ARGS]\n\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name,
                tr(lang, commands[i].summary_vi, commands[i].summary_en));
    fprintf(out, "\n%s",
            tr(lang,
               "  tonghop check TỆP...\n"
               "  tonghop import [--received THỜI_GIAN] [--strict] TỆP|THƯ_MỤC...\n"
               "  tonghop import --maildir MAILDIR\n"
               "      giới hạn: --max-file-size 64M --max-field-size 1M --max-rows 1100000 "
               "--max-columns 256\n"
               "  tonghop status\n"
               "  tonghop export [-o TỆP] [--as-of THỜI_GIAN] [--csv THƯ_MỤC]\n"
               "  tonghop export --eml TỆP [--from ĐC] [--to ĐC] [--cc ĐC]\n\n"
               "Mã thoát: 0 xong; 3 xong nhưng có tệp/dòng bị từ chối; 1 sai cách dùng hoặc "
               "cấu hình; 2 thất bại (kho bị khóa, hết chỗ đĩa).\n",
               "  tonghop check FILE...\n"
               "  tonghop import [--received TIME] [--strict] FILE|DIR...\n"
               "  tonghop import --maildir MAILDIR\n"
               "      limits: --max-file-size 64M --max-field-size 1M --max-rows 1100000 "
               "--max-columns 256\n"
               "  tonghop status\n"
               "  tonghop export [-o FILE] [--as-of TIME] [--csv DIR]\n"
               "  tonghop export --eml FILE [--from ADDR] [--to ADDR] [--cc ADDR]\n\n"
               "Exit status: 0 done; 3 done, but some file or row was rejected; 1 usage or "
               "configuration error; 2 failure (store locked, disk full).\n"));
}

/* The default campaign: ./templates/htsd-2022 when run from a checkout,
 * else the one in the source tree this binary was built from. */
static const char *default_campaign(void)
{
    const char *env = getenv("TONGHOP_CAMPAIGN");
    if (env != NULL && *env != '\0')
        return env;
    return TONGHOP_DEFAULT_CAMPAIGN;
}

/* cli_option_value, saying what is wrong when the value is missing. */
static int take_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    int r = cli_option_value(argc, argv, i, name, value);
    if (r < 0)
        th_msg_error("option '%s' needs a value", name);
    return r;
}

/* Removes the global options from argv wherever they are (until "--"),
 * filling g.  Returns the new argc, or -1 on a usage error. */
static int strip_global_options(int argc, char **argv, global_options *g, int *want_help,
                                int *want_version)
{
    int out = 1, i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *lang = NULL;
        int r = 0;
        if ((r = take_value(argc, argv, &i, "--campaign", &g->campaign_dir)) == 0 &&
            (r = take_value(argc, argv, &i, "--db", &g->db_path)) == 0 &&
            (r = take_value(argc, argv, &i, "--lang", &lang)) == 0) {
            if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
                *want_help = 1;
            else if (strcmp(argv[i], "--version") == 0)
                *want_version = 1;
            else
                argv[out++] = argv[i];
            continue;
        }
        if (r < 0)
            return -1;
        if (lang != NULL && strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0) {
            th_msg_error("unknown language '%s' (expected vi or en)", lang);
            return -1;
        }
        if (lang != NULL)
            g->lang = strcmp(lang, "en") == 0 ? LANG_EN : LANG_VI;
    }
    for (; i < argc; i++)
        argv[out++] = argv[i];
    argv[out] = NULL;
    return out;
}

int main(int argc, char **argv)
{
    /* Only the character type follows the user's locale: numbers written to
     * files must keep the C locale's '.' (PITFALLS: libxlsxwriter). */
    setlocale(LC_CTYPE, "");
    /* Past a file-size limit (RLIMIT_FSIZE) the kernel would kill us with
     * SIGXFSZ in the middle of a write; ignored, the write fails with EFBIG
     * and the store rolls the transaction back like any full disk. */
    signal(SIGXFSZ, SIG_IGN);
    global_options g = {default_campaign(), "tonghop.db", LANG_VI};
    const char *env_lang = getenv("TONGHOP_LANG");
    if (env_lang != NULL && strcmp(env_lang, "en") == 0)
        g.lang = LANG_EN;
    int help = 0, version = 0;
    argc = strip_global_options(argc, argv, &g, &help, &version);
    if (argc < 0)
        return TH_EXIT_USAGE;
    if (version) {
        printf("tonghop %s\n", TONGHOP_VERSION);
        return cli_finish(TH_EXIT_OK);
    }
    if (argc < 2) {
        usage(help ? stdout : stderr, g.lang);
        return help ? cli_finish(TH_EXIT_OK) : TH_EXIT_USAGE;
    }
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        if (help) {
            usage(stdout, g.lang);
            return cli_finish(TH_EXIT_OK);
        }
        return cli_finish(commands[i].run(argc - 1, argv + 1, &g));
    }
    th_msg_error("unknown command '%s'", argv[1]);
    usage(stderr, g.lang);
    return TH_EXIT_USAGE;
}
