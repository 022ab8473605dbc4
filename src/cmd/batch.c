/*
 * batch.c - the batch loop of `check` and `import` (see batch.h).
 *
 * Each file is independent: a rejected file never stops the batch, and in
 * import each file is its own store transaction.  Only a real failure (the
 * store, memory) stops the loop, and what was committed before it stays.
 */
#include "batch.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "consolidate.h"
#include "error.h"
#include "field.h"
#include "inbox.h"
#include "checked_file.h"
#include "maildir.h"
#include "validate.h"
#include "store.h"

/* What one batch carries from file to file. */
typedef struct {
    const batch_request *req;
    const global_options *g;
    command_env *env;
    const campaign *campaign; /* env's, once set up */
    store *store;             /* env's: NULL for check */
    int64_t *typical;
    int64_t received; /* --received in epoch seconds, 0 when not given */
    size_t imported, unchanged, rejected, with_row_errors;
} batch;

/* Parses a size: a whole number of bytes, or with K, M or G (1024-based),
 * "64M".  Returns false when text is not one or is 0. */
static bool parse_size(const char *text, size_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long n = strtoull(text, &end, 10);
    unsigned shift = 0;
    if (end != NULL && (*end == 'K' || *end == 'k'))
        shift = 10;
    else if (end != NULL && (*end == 'M' || *end == 'm'))
        shift = 20;
    else if (end != NULL && (*end == 'G' || *end == 'g'))
        shift = 30;
    if (shift != 0)
        end++;
    if (errno != 0 || end == text || *end != '\0' || text[0] == '-' || n == 0 ||
        n > (SIZE_MAX >> shift))
        return false;
    *out = (size_t)(n << shift);
    return true;
}

/* Sets the limit option opt to value; false when value is not a size. */
static bool set_limit(reader_limits *limits, int opt, const char *value)
{
    size_t *slot = opt == 'F'   ? &limits->max_file_bytes
                   : opt == 'f' ? &limits->max_field_bytes
                   : opt == 'R' ? &limits->max_records
                                : &limits->max_columns;
    return parse_size(value, slot);
}

int batch_parse_args(int argc, char **argv, batch_request *req, const global_options *g)
{
    static const struct option options[] = {
        {"strict", no_argument, NULL, 's'},
        {"received", required_argument, NULL, 'r'},
        {"max-file-size", required_argument, NULL, 'F'},
        {"max-field-size", required_argument, NULL, 'f'},
        {"max-rows", required_argument, NULL, 'R'},
        {"max-columns", required_argument, NULL, 'C'},
        {"maildir", required_argument, NULL, 'm'},
        {NULL, 0, NULL, 0},
    };
    int opt;
    req->limits = reader_default_limits();
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+", options, NULL)) != -1) {
        if (opt == 's') {
            req->strict = true;
        } else if (opt == 'r') {
            req->received = optarg;
        } else if (opt == 'm') {
            req->maildir = optarg;
        } else if (opt == 'F' || opt == 'f' || opt == 'R' || opt == 'C') {
            if (!set_limit(&req->limits, opt, optarg)) {
                th_msg_error("%s '%s' (%s)", tr(g->lang, "giới hạn không hợp lệ", "invalid limit"),
                             optarg, tr(g->lang, "ví dụ 64M, 1000000", "e.g. 64M, 1000000"));
                return TH_EXIT_USAGE;
            }
        } else {
            th_msg_error("%s '%s'", tr(g->lang, "tùy chọn không hợp lệ", "unknown option"),
                         argv[optind - 1]);
            return TH_EXIT_USAGE;
        }
    }
    req->paths = argv + optind;
    req->npaths = argc - optind;
    if (req->npaths == 0 && req->maildir == NULL) {
        th_msg_error("%s", tr(g->lang, "cần ít nhất một tệp hoặc thư mục báo cáo",
                              "at least one report file or folder is needed"));
        return TH_EXIT_USAGE;
    }
    return TH_EXIT_OK;
}

static void print_summary(const batch *in, const checked_file *x)
{
    const submission *s = &x->sub;
    th_lang lang = in->g->lang;
    if (s->state == SUBMISSION_REJECTED || !x->loaded) {
        printf(tr(lang, "%s: BỊ TỪ CHỐI (%zu lỗi)\n", "%s: REJECTED (%zu errors)\n"), s->file_name,
               finding_list_count(&x->findings, FINDING_FILE_ERROR));
        return;
    }
    printf(tr(lang, "%s: %s — %zu dòng được tính, %zu dòng lỗi, %zu cảnh báo\n",
              "%s: %s — %zu rows counted, %zu rows with errors, %zu warnings\n"),
           s->file_name, s->unit_code, s->rows_counted, s->rows_rejected, s->warnings);
}

static void print_unchanged(const batch *in, const submission *old)
{
    char when[32];
    field_format_time(old->received, in->campaign->utc_offset_min, when, sizeof when);
    printf(tr(in->g->lang, "%s: không đổi — nội dung này đã được nhập (tệp %s, nhận %s)\n",
              "%s: unchanged — this content was already imported (file %s, received %s)\n"),
           old->file_name, old->file_name, when);
}

/* Stores x; returns an exit status (TH_EXIT_FAILURE on a store failure).
 * *raced is set when another run stored the same content first. */
static int keep(batch *in, checked_file *x, bool *raced)
{
    th_error rc = store_add_submission(in->store, &x->sub, &x->report, in->campaign, &x->findings);
    *raced = rc == TH_ERR_EXISTS;
    if (rc == TH_OK || *raced)
        return TH_EXIT_OK;
    th_msg_error("cannot store '%s': %s (%s)", x->sub.file_name, th_strerror(rc),
                 store_errmsg(in->store));
    return TH_EXIT_FAILURE;
}

/* Looks the content up in the store; true when it is already there. */
static int already_stored(batch *in, checked_file *x, bool *found)
{
    submission old = {0};
    *found = false;
    if (in->store == NULL)
        return TH_EXIT_OK;
    th_error rc = store_find_sha(in->store, x->sub.sha256, found, &old);
    if (rc != TH_OK) {
        th_msg_error("cannot read the store: %s (%s)", th_strerror(rc), store_errmsg(in->store));
        return TH_EXIT_FAILURE;
    }
    if (*found) {
        free(old.file_name);
        old.file_name = strdup(x->sub.file_name);
        print_unchanged(in, &old);
        in->unchanged++;
    }
    submission_release(&old);
    return TH_EXIT_OK;
}

/* The time f counts as received.  `check` without --received judges content
 * only: a file's date says when the clerk saved it, not when it arrived. */
static int64_t received_time(const batch *in, const inbox_file *f)
{
    if (!(in->env->needs & NEED_STORE) && in->req->received == NULL)
        return VALIDATE_TIME_UNKNOWN;
    return checked_file_received_time(f, in->received);
}

static int process_file(batch *in, const inbox_file *f, const checked_file_options *opt)
{
    checked_file x;
    unsigned char *bytes = NULL;
    size_t n = 0;
    bool found = false;
    int status = TH_EXIT_OK;
    checked_file_init(&x);
    th_error rc = checked_file_load(opt, f, &x, &bytes, &n);
    if (rc == TH_OK && x.loaded)
        status = already_stored(in, &x, &found);
    if (rc == TH_OK && status == TH_EXIT_OK && !found) {
        if (x.loaded)
            rc = checked_file_validate(opt, bytes, n, received_time(in, f), &x);
        else
            x.sub.state = SUBMISSION_REJECTED;
        bool raced = false;
        if (rc == TH_OK && in->store != NULL && x.loaded)
            status = keep(in, &x, &raced);
        if (raced) /* another run got there first: as if it were imported before */
            status = already_stored(in, &x, &found);
        for (size_t i = 0; rc == TH_OK && !found && i < x.findings.count; i++)
            cli_print_finding(stdout, &x.findings.items[i], in->g->lang);
        if (rc == TH_OK && !found && x.findings.count > 0 && x.lines_hidden > 0)
            printf(tr(in->g->lang,
                      "%s: số dòng là số hàng Excel hiển thị (dòng \"sep=\" đầu tệp không "
                      "tính), kém số dòng của tệp %zu\n",
                      "%s: line numbers are the rows Excel shows (the \"sep=\" first line "
                      "does not count), %zu less than the file's lines\n"),
                   x.sub.file_name, x.lines_hidden);
        if (rc == TH_OK && status == TH_EXIT_OK && !found) {
            print_summary(in, &x);
            in->imported += x.sub.state == SUBMISSION_ACCEPTED;
            in->rejected += x.sub.state == SUBMISSION_REJECTED;
            in->with_row_errors +=
                x.sub.rows_rejected > 0 || finding_list_count(&x.findings, FINDING_ROW_ERROR) > 0;
        }
    }
    if (rc == TH_OK && status == TH_EXIT_OK && in->req->on_file != NULL)
        status =
            in->req->on_file(in->req->on_file_ctx, &(batch_file_event){f, &x, bytes, n, found});
    if (rc != TH_OK) {
        th_msg_error("'%s': %s", f->name, th_strerror(rc));
        status = TH_EXIT_FAILURE;
    }
    free(bytes);
    checked_file_release(&x);
    return status;
}

/* Opens what the batch needs; returns an exit status. */
static int open_batch(batch *in)
{
    int status = cli_setup_campaign(in->env);
    if (status != TH_EXIT_OK)
        return status;
    in->campaign = &in->env->campaign;
    if (in->req->received != NULL &&
        field_parse_time(in->req->received, in->campaign->utc_offset_min, &in->received) !=
            FIELD_OK) {
        th_msg_error("%s '%s' (YYYY-MM-DD, YYYY-MM-DDTHH:MM, dd/mm/yyyy [HH:MM])",
                     tr(in->g->lang, "thời gian không hợp lệ", "invalid time"), in->req->received);
        return TH_EXIT_USAGE;
    }
    char err[512] = "";
    th_error rc = TH_OK;
    if ((status = cli_setup_store(in->env, &rc, err, sizeof err)) != TH_EXIT_OK)
        return status;
    in->store = in->env->store;
    if (rc == TH_OK && in->store != NULL)
        rc = consolidate_typical(in->store, in->campaign, &in->typical);
    if (rc != TH_OK) {
        th_msg_error("cannot open the store '%s': %s%s%s", in->g->db_path, th_strerror(rc),
                     *err ? ": " : "", err);
        return TH_EXIT_FAILURE;
    }
    return TH_EXIT_OK;
}

static void print_totals(const batch *in, size_t nfiles)
{
    printf(tr(in->g->lang,
              "Tổng cộng %zu tệp: %zu được tiếp nhận, %zu không đổi, %zu bị từ chối, %zu có "
              "dòng lỗi\n",
              "%zu files: %zu accepted, %zu unchanged, %zu rejected, %zu with row errors\n"),
           nfiles, in->imported, in->unchanged, in->rejected, in->with_row_errors);
}

/* Prints what a message is and what is wrong with it as a whole. */
static void print_message(const batch *in, const maildir_message *m)
{
    th_lang lang = in->g->lang;
    char when[32] = "—";
    if (m->received != 0)
        field_format_time(m->received, in->campaign->utc_offset_min, when, sizeof when);
    bool known = false;
    for (size_t u = 0; u < in->campaign->nunits && !known; u++)
        known = *m->sender && strcasecmp(in->campaign->units[u].email, m->sender) == 0;
    printf(tr(lang, "Thư %s từ %s%s, nhận %s: %zu tệp báo cáo\n",
              "Message %s from %s%s, received %s: %zu report files\n"),
           m->file, *m->sender ? m->sender : "?",
           known ? "" : tr(lang, " (không có trong units.csv)", " (not in units.csv)"), when,
           m->nattachments);
    for (size_t i = 0; i < m->findings.count; i++)
        cli_print_finding(stdout, &m->findings.items[i], lang);
}

/* One message: its reports through process_file, then to cur/ when they
 * are all stored.  *nfiles counts the reports. */
static int process_message(batch *in, const char *file, const maildir_limits *lim,
                           const checked_file_options *opt, size_t *nfiles)
{
    maildir_message m;
    char path[4096], err[1024];
    int status =
        maildir_read(in->req->maildir, file, lim, &m) == TH_OK ? TH_EXIT_OK : TH_EXIT_FAILURE;
    if (status == TH_EXIT_OK)
        print_message(in, &m);
    in->rejected += finding_list_count(&m.findings, FINDING_FILE_ERROR) > 0;
    snprintf(path, sizeof path, "%s/new/%s", in->req->maildir, file);
    for (size_t i = 0; status == TH_EXIT_OK && i < m.nattachments; i++) {
        const maildir_attachment *a = &m.attachments[i];
        inbox_file f = {path, a->name, m.received, a->bytes, a->len};
        status = process_file(in, &f, opt);
        (*nfiles)++;
    }
    if (status == TH_EXIT_OK && in->store != NULL && m.nattachments > 0 &&
        !finding_list_has_file_error(&m.findings) &&
        maildir_mark_seen(in->req->maildir, file, err, sizeof err) != TH_OK) {
        th_msg_error("%s", err);
        status = TH_EXIT_FAILURE;
    }
    maildir_message_release(&m);
    return status;
}

/* The messages of the Maildir's new/, one after the other, so memory holds
 * one message at a time. */
static int run_maildir(batch *in, const checked_file_options *opt, size_t *nfiles)
{
    maildir_names names;
    char err[1024];
    if (maildir_list_new(in->req->maildir, &names, err, sizeof err) != TH_OK) {
        maildir_names_release(&names);
        th_msg_error("%s", err);
        return TH_EXIT_USAGE;
    }
    maildir_limits lim = maildir_default_limits();
    lim.max_attachment_bytes = opt->limits.max_file_bytes;
    /* base64 makes an attachment a third larger */
    if (lim.max_message_bytes < opt->limits.max_file_bytes / 3 * 4 + (1u << 20))
        lim.max_message_bytes = opt->limits.max_file_bytes / 3 * 4 + (1u << 20);
    int status = TH_EXIT_OK;
    for (size_t i = 0; status == TH_EXIT_OK && i < names.count; i++)
        status = process_message(in, names.names[i], &lim, opt, nfiles);
    maildir_names_release(&names);
    return status;
}

int batch_run(const batch_request *req, command_env *env)
{
    batch in = {.req = req, .g = env->g, .env = env};
    inbox box = {0};
    int status = open_batch(&in);
    char err[1024];
    if (status == TH_EXIT_OK && inbox_collect(req->paths, req->npaths, in.campaign->utc_offset_min,
                                              &box, err, sizeof err) != TH_OK) {
        th_msg_error("%s", err);
        status = TH_EXIT_USAGE;
    }
    checked_file_options opt = {in.campaign, req->strict, in.typical, req->limits};
    size_t nfiles = box.count;
    for (size_t i = 0; status == TH_EXIT_OK && i < box.count; i++)
        status = process_file(&in, &box.files[i], &opt);
    if (status == TH_EXIT_OK && req->maildir != NULL)
        status = run_maildir(&in, &opt, &nfiles);
    if (status == TH_EXIT_OK) {
        print_totals(&in, nfiles);
        if (!(env->needs & NEED_STORE) && req->received == NULL && nfiles > 0)
            printf("%s\n", tr(env->g->lang,
                              "Chưa xét thời hạn nộp (chỉ kiểm tra nội dung); muốn xét thì thêm "
                              "--received THỜI_GIAN.",
                              "Timeliness was not judged (content only); add --received TIME to "
                              "judge it."));
        if (in.rejected > 0 || in.with_row_errors > 0)
            status = TH_EXIT_REJECTED;
    }
    inbox_release(&box);
    free(in.typical);
    return status;
}
