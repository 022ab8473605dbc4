/*
 * batch.c - the batch loop of `check` and `import` (see batch.h).
 *
 * Each file is independent: a rejected file never stops the batch, and in
 * import each file is its own store transaction.  Only a real failure (the
 * store, memory) stops the loop, and what was committed before it stays.
 */
#include "batch.h"

#include <errno.h>
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
#include "progress.h"
#include "stat_cache.h"
#include "validate.h"
#include "filing.h"
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
    size_t imported, unchanged, rejected, with_row_errors, replaced_less;
    size_t rows;       /* rows read so far, for the progress line */
    progress progress; /* on stderr when it is a terminal (progress.h) */
    stat_cache cache;  /* import: files untouched since they were stored */
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

/* Sets a limit from its option's value; false (after saying so) when the
 * value is not a size. */
static bool set_limit(size_t *slot, const char *value, const command_env *env)
{
    if (value == NULL || parse_size(value, slot))
        return true;
    cli_usage_error(env, "%s '%s' (%s)", tr(env->g->lang, "giới hạn không hợp lệ", "invalid limit"),
                    value, tr(env->g->lang, "ví dụ 64M, 1000000", "e.g. 64M, 1000000"));
    return false;
}

void batch_limit_specs(batch_limit_args *a, option_spec specs[BATCH_NLIMIT_SPECS])
{
    const option_spec limits[BATCH_NLIMIT_SPECS] = {
        {.name = "max-file-size", .value = &a->file},
        {.name = "max-field-size", .value = &a->field},
        {.name = "max-rows", .value = &a->rows},
        {.name = "max-columns", .value = &a->columns},
    };
    memcpy(specs, limits, sizeof limits);
}

int batch_limits_apply(const batch_limit_args *a, reader_limits *limits, const command_env *env)
{
    *limits = reader_default_limits();
    return set_limit(&limits->max_file_bytes, a->file, env) &&
                   set_limit(&limits->max_field_bytes, a->field, env) &&
                   set_limit(&limits->max_records, a->rows, env) &&
                   set_limit(&limits->max_columns, a->columns, env)
               ? TH_EXIT_OK
               : TH_EXIT_USAGE;
}

int batch_parse_args(int argc, char **argv, batch_request *req, const command_env *env)
{
    batch_limit_args limits = {0};
    option_spec specs[6 + BATCH_NLIMIT_SPECS] = {
        {.name = "strict", .flag = &req->strict},
        {.name = "supplement", .flag = &req->supplement},
        {.name = "received", .value = &req->received},
        {.name = "maildir", .value = &req->maildir},
        {.name = "quiet", .short_name = 'q', .flag = &req->quiet},
        {.name = "rehash", .flag = &req->rehash},
    };
    batch_limit_specs(&limits, specs + 6);
    argc = cli_parse_options(env, specs, sizeof specs / sizeof specs[0], argc, argv);
    if (argc < 0 || batch_limits_apply(&limits, &req->limits, env) != TH_EXIT_OK)
        return TH_EXIT_USAGE;
    req->paths = argv + 1;
    req->npaths = argc - 1;
    if (req->npaths == 0 && req->maildir == NULL) {
        cli_usage_error(env, "%s",
                        tr(env->g->lang, "cần ít nhất một tệp hoặc thư mục báo cáo",
                           "at least one report file or folder is needed"));
        return TH_EXIT_USAGE;
    }
    return TH_EXIT_OK;
}

void batch_print_outcome(const checked_file *x, const filing_change *ch, th_lang lang)
{
    const submission *s = &x->sub;
    for (size_t i = 0; i < x->findings.count; i++)
        cli_print_finding(stdout, &x->findings.items[i], lang);
    if (x->findings.count > 0 && x->lines_hidden > 0)
        printf(tr(lang,
                  "%s: số dòng là số hàng Excel hiển thị (dòng \"sep=\" đầu tệp không tính), kém "
                  "số dòng của tệp %zu\n",
                  "%s: line numbers are the rows Excel shows (the \"sep=\" first line does not "
                  "count), %zu less than the file's lines\n"),
               s->file_name, x->lines_hidden);
    if (s->state == SUBMISSION_REJECTED || !x->loaded)
        printf(tr(lang, "%s: BỊ TỪ CHỐI (%zu lỗi)\n", "%s: REJECTED (%zu errors)\n"), s->file_name,
               finding_list_count(&x->findings, FINDING_FILE_ERROR));
    else
        printf(tr(lang, "%s: %s — %zu dòng được tính, %zu dòng lỗi, %zu cảnh báo\n",
                  "%s: %s — %zu rows counted, %zu rows with errors, %zu warnings\n"),
               s->file_name, s->unit_code, s->rows_counted, s->rows_rejected, s->warnings);
    if (ch != NULL)
        filing_print_change(s->file_name, s->unit_code, ch, lang);
}

/* "GIVEN: unchanged — this content was already imported (file STORED,
 * received T)": the name the clerk gave and the name it was stored under. */
static void print_unchanged(const batch *in, const char *given, const submission *old)
{
    char when[32];
    th_lang lang = in->g->lang;
    field_format_time(old->received, in->campaign->utc_offset_min, when, sizeof when);
    printf(tr(lang, "%s: không đổi — nội dung này đã được nhập (tệp %s, nhận %s)",
              "%s: unchanged — this content was already imported (file %s, received %s)"),
           given, old->file_name, when);
    if (old->withdrawn_at != 0)
        printf(tr(lang, "; đã rút lại: %s", "; withdrawn: %s"),
               old->withdraw_reason ? old->withdraw_reason : "");
    else if (old->state == SUBMISSION_REJECTED)
        printf("%s", tr(lang, "; vẫn bị từ chối", "; still rejected"));
    putchar('\n');
}

/* Looks the content up in the store; *found when it is already there, with
 * its submission in *old (released by the caller). */
static int look_up(batch *in, const checked_file *x, bool *found, submission *old)
{
    *found = false;
    if (in->store == NULL)
        return TH_EXIT_OK;
    th_error rc = store_find_sha(in->store, x->sub.sha256, found, old);
    if (rc != TH_OK) {
        th_msg_error("cannot read the store: %s (%s)", th_strerror(rc), store_errmsg(in->store));
        return TH_EXIT_FAILURE;
    }
    return TH_EXIT_OK;
}

static int store_failed(const batch *in, const char *name, th_error rc)
{
    th_msg_error("cannot store '%s': %s (%s)", name, th_strerror(rc), store_errmsg(in->store));
    return TH_EXIT_FAILURE;
}

static void count(batch *in, const checked_file *x, const filing_change *ch)
{
    in->rows += x->sub.rows_counted + x->sub.rows_rejected;
    in->imported += x->sub.state == SUBMISSION_ACCEPTED;
    in->rejected += x->sub.state == SUBMISSION_REJECTED;
    in->with_row_errors +=
        x->sub.rows_rejected > 0 || finding_list_count(&x->findings, FINDING_ROW_ERROR) > 0;
    in->replaced_less += ch != NULL && ch->replaces_less;
}

/* The time f counts as received.  `check` without --received judges content
 * only: a file's date says when the clerk saved it, not when it arrived. */
static int64_t received_time(const batch *in, const inbox_file *f)
{
    if (!(in->env->needs & NEED_STORE) && in->req->received == NULL)
        return VALIDATE_TIME_UNKNOWN;
    return checked_file_received_time(f, in->received);
}

/* checked_file_validate with the typical values of the outlier warning,
 * which are computed at the first file that needs them: before any file of
 * the batch changed the store, so they are those of the store as the batch
 * found it, and a batch whose files are all unchanged never walks the
 * stored activities. */
static th_error validate_file(batch *in, const checked_file_options *opt,
                              const unsigned char *bytes, size_t n, int64_t received,
                              checked_file *x)
{
    if (in->store != NULL && in->typical == NULL) {
        th_error rc = consolidate_typical(in->store, in->campaign, &in->typical);
        if (rc != TH_OK)
            return rc;
    }
    checked_file_options with = *opt;
    with.typical = in->typical;
    return checked_file_validate(&with, bytes, n, received, x);
}

/* A file whose content is not stored yet: validate, store, tell. */
static int take_new(batch *in, const inbox_file *f, checked_file *x, const unsigned char *bytes,
                    size_t n, const checked_file_options *opt, filing_change *ch)
{
    bool stored = false;
    th_error rc = TH_OK;
    if (x->loaded)
        rc = validate_file(in, opt, bytes, n, received_time(in, f), x);
    else
        x->sub.state = SUBMISSION_REJECTED;
    if (rc == TH_OK && in->store != NULL && x->loaded) {
        rc = filing_add(in->store, in->campaign, x, bytes, n, in->req->supplement, ch);
        if (rc == TH_ERR_EXISTS) { /* another run got there first: as if imported before */
            submission old = {0};
            bool found = false;
            int status = look_up(in, x, &found, &old);
            if (status == TH_EXIT_OK && found) {
                print_unchanged(in, f->name, &old);
                in->unchanged++;
            }
            submission_release(&old);
            return status;
        }
        if (rc != TH_OK)
            return store_failed(in, f->name, rc);
        stored = true;
    }
    if (rc != TH_OK) {
        th_msg_error("'%s': %s", f->name, th_strerror(rc));
        return TH_EXIT_FAILURE;
    }
    batch_print_outcome(x, stored ? ch : NULL, in->g->lang);
    count(in, x, stored ? ch : NULL);
    return TH_EXIT_OK;
}

/* Content stored as rejected, received again: validated again (with
 * --received when given, else its stored received time), as recheck would.
 * The cause may have been fixed meanwhile (an alias, the deadline). */
static int take_again(batch *in, const inbox_file *f, checked_file *x, const submission *old,
                      const unsigned char *bytes, size_t n, const checked_file_options *opt,
                      filing_change *ch)
{
    char *name = strdup(old->file_name);
    if (name == NULL)
        return store_failed(in, f->name, TH_ERR_NOMEM);
    free(x->sub.file_name);
    x->sub.file_name = name; /* the same submission: its findings keep its name */
    int64_t received = in->received != 0 ? in->received : old->received;
    th_error rc = validate_file(in, opt, bytes, n, received, x);
    if (rc == TH_OK)
        rc = filing_reevaluate(in->store, in->campaign, old, x, bytes, n, ch);
    if (rc != TH_OK)
        return store_failed(in, f->name, rc);
    if (ch->unchanged) {
        print_unchanged(in, f->name, old);
        in->unchanged++;
        return TH_EXIT_OK;
    }
    char when[32];
    field_format_time(received, in->campaign->utc_offset_min, when, sizeof when);
    printf(tr(in->g->lang,
              "%s: nội dung này đã nhập trước (tệp %s, bị từ chối): kiểm tra lại với thời điểm "
              "nhận %s\n",
              "%s: this content was imported before (file %s, rejected): checked again as "
              "received %s\n"),
           f->name, old->file_name, when);
    batch_print_outcome(x, ch, in->g->lang);
    count(in, x, ch);
    return TH_EXIT_OK;
}

/* Content imported as a full report and withdrawn, imported again with
 * --supplement (as replaces-less advises): filed again as a supplement. */
static int take_as_supplement(batch *in, const inbox_file *f, checked_file *x,
                              const submission *old, const unsigned char *bytes, size_t n,
                              const checked_file_options *opt, filing_change *ch)
{
    th_lang lang = in->g->lang;
    char *name = strdup(old->file_name);
    if (name == NULL)
        return store_failed(in, f->name, TH_ERR_NOMEM);
    free(x->sub.file_name);
    x->sub.file_name = name;
    th_error rc =
        validate_file(in, opt, bytes, n, in->received != 0 ? in->received : old->received, x);
    if (rc == TH_OK)
        rc = filing_refile_supplement(in->store, in->campaign, old, x, ch);
    if (rc != TH_OK)
        return store_failed(in, f->name, rc);
    if (ch->unchanged) {
        print_unchanged(in, f->name, old);
        printf(tr(lang, "%s: không bổ sung được: %s chưa có báo cáo có hiệu lực\n",
                  "%s: cannot be added as a supplement: %s has no report in effect\n"),
               f->name, x->sub.unit_code);
        in->unchanged++;
        return TH_EXIT_OK;
    }
    printf(tr(lang,
              "%s: nội dung này đã nhập trước (tệp %s) rồi rút lại: nhập lại làm báo cáo bổ "
              "sung\n",
              "%s: this content was imported before (file %s) and withdrawn: filed again as a "
              "supplement\n"),
           f->name, old->file_name);
    batch_print_outcome(x, ch, lang);
    count(in, x, ch);
    return TH_EXIT_OK;
}

/* Content stored before the store kept copies, received again: its copy is
 * kept now (nothing else changes), so that it can be rechecked later. */
static int keep_missing_copy(batch *in, const inbox_file *f, const submission *old,
                             const unsigned char *bytes, size_t n)
{
    if (old->has_original || bytes == NULL)
        return TH_EXIT_OK;
    th_error rc = store_begin(in->store);
    if (rc == TH_OK && (rc = store_keep_original(in->store, old, bytes, n)) != TH_OK)
        store_rollback(in->store);
    else if (rc == TH_OK)
        rc = store_commit(in->store);
    return rc == TH_OK ? TH_EXIT_OK : store_failed(in, f->name, rc);
}

/* Reads, hashes and takes f in; once its content is in the store, notes
 * key (what stat said of it before it was read) in the stat cache. */
static int process_contents(batch *in, const inbox_file *f, const checked_file_options *opt,
                            stat_cache_key *key)
{
    checked_file x;
    unsigned char *bytes = NULL;
    size_t n = 0;
    bool found = false;
    size_t unchanged_before = in->unchanged; /* every branch that changes nothing counts */
    submission old = {0};
    filing_change ch;
    int status = TH_EXIT_OK;
    checked_file_init(&x);
    filing_change_init(&ch);
    th_error rc = checked_file_load(opt, f, &x, &bytes, &n);
    if (rc == TH_OK && x.loaded)
        status = look_up(in, &x, &found, &old);
    if (rc == TH_OK && status == TH_EXIT_OK) {
        if (!found) {
            status = take_new(in, f, &x, bytes, n, opt, &ch);
        } else if (old.state == SUBMISSION_REJECTED && old.withdrawn_at == 0) {
            status = take_again(in, f, &x, &old, bytes, n, opt, &ch);
        } else if (old.withdrawn_at != 0 && old.supplements == 0 && in->req->supplement) {
            status = take_as_supplement(in, f, &x, &old, bytes, n, opt, &ch);
        } else {
            status = keep_missing_copy(in, f, &old, bytes, n);
            print_unchanged(in, f->name, &old);
            in->unchanged++;
        }
    }
    if (rc == TH_OK && status == TH_EXIT_OK && in->req->on_file != NULL)
        status = in->req->on_file(
            in->req->on_file_ctx,
            &(batch_file_event){f, &x, bytes, n, in->unchanged > unchanged_before});
    if (rc != TH_OK) {
        th_msg_error("'%s': %s", f->name, th_strerror(rc));
        status = TH_EXIT_FAILURE;
    }
    /* Loaded and no failure: the content is stored now (or was already). */
    if (status == TH_EXIT_OK && x.loaded && in->store != NULL &&
        (rc = stat_cache_note(&in->cache, key, x.sub.sha256)) != TH_OK)
        status = store_failed(in, f->name, rc);
    submission_release(&old);
    filing_change_release(&ch);
    free(bytes);
    checked_file_release(&x);
    return status;
}

/* Stored content the import would only call unchanged, whose copy the
 * store keeps: nothing to do with its bytes (process_file's last case). */
static bool only_unchanged(const batch *in, const submission *old)
{
    return !(old->state == SUBMISSION_REJECTED && old->withdrawn_at == 0) &&
           !(old->withdrawn_at != 0 && old->supplements == 0 && in->req->supplement) &&
           old->has_original;
}

/* A file the stat cache says still holds the stored content old: when
 * that content is only unchanged, says so without reading the file (and
 * tells req->on_file, with no bytes: the store keeps a copy). */
static bool take_untouched(batch *in, const inbox_file *f, const submission *old, int *status)
{
    if (!only_unchanged(in, old))
        return false;
    print_unchanged(in, f->name, old);
    in->unchanged++;
    if (in->req->on_file != NULL) { /* as process_contents tells it, without the bytes */
        checked_file x;
        checked_file_init(&x);
        memcpy(x.sub.sha256, old->sha256, sizeof x.sub.sha256);
        *status = in->req->on_file(in->req->on_file_ctx, &(batch_file_event){f, &x, NULL, 0, true});
        checked_file_release(&x);
    }
    return true;
}

static int process_file(batch *in, const inbox_file *f, const checked_file_options *opt)
{
    stat_cache_key key;
    submission old = {0};
    bool hit = false;
    int status = TH_EXIT_OK;
    th_error rc = stat_cache_probe(&in->cache, f, &key, &hit, &old);
    if (rc != TH_OK) {
        th_msg_error("cannot read the store: %s (%s)", th_strerror(rc), store_errmsg(in->store));
        status = TH_EXIT_FAILURE;
    } else if (!hit || !take_untouched(in, f, &old, &status)) {
        status = process_contents(in, f, opt, &key);
    }
    submission_release(&old);
    stat_cache_key_release(&key);
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
    stat_cache_init(&in->cache, in->store, in->req->rehash);
    if (rc != TH_OK) {
        th_msg_error("cannot open the store '%s': %s%s%s", in->g->db_path, th_strerror(rc),
                     *err ? ": " : "", err);
        return TH_EXIT_FAILURE;
    }
    return TH_EXIT_OK;
}

static void print_totals(const batch *in, size_t nfiles, size_t nskipped)
{
    th_lang lang = in->g->lang;
    printf(tr(lang,
              "Tổng cộng %zu tệp: %zu được tiếp nhận, %zu không đổi, %zu bị từ chối, %zu có "
              "dòng lỗi",
              "%zu files: %zu accepted, %zu unchanged, %zu rejected, %zu with row errors"),
           nfiles, in->imported, in->unchanged, in->rejected, in->with_row_errors);
    if (in->replaced_less > 0)
        printf(tr(lang, ", %zu thay thế báo cáo có hiệu lực nhưng ít hơn nhiều",
                  ", %zu replaced a report in effect with much less"),
               in->replaced_less);
    if (nskipped > 0)
        printf(tr(lang, "; %zu mục khác bị bỏ qua (không phải báo cáo)",
                  "; %zu other entries skipped (not reports)"),
               nskipped);
    putchar('\n');
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
    progress_init(&in->progress, in->req->quiet, in->g->lang, PROGRESS_MESSAGES, names.count);
    for (size_t i = 0; status == TH_EXIT_OK && i < names.count; i++) {
        progress_hide(&in->progress);
        status = process_message(in, names.names[i], &lim, opt, nfiles);
        progress_update(&in->progress, i + 1, in->rows);
    }
    progress_finish(&in->progress);
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
    checked_file_options opt = {in.campaign, req->strict, NULL, req->limits};
    size_t nfiles = box.count;
    progress_init(&in.progress, req->quiet, env->g->lang, PROGRESS_FILES, box.count);
    for (size_t i = 0; status == TH_EXIT_OK && i < box.count; i++) {
        progress_hide(&in.progress);
        status = process_file(&in, &box.files[i], &opt);
        progress_update(&in.progress, i + 1, in.rows);
    }
    progress_finish(&in.progress);
    if (status == TH_EXIT_OK && req->maildir != NULL)
        status = run_maildir(&in, &opt, &nfiles);
    th_error cached = in.store != NULL ? stat_cache_flush(&in.cache) : TH_OK;
    if (cached != TH_OK && status == TH_EXIT_OK) {
        th_msg_error("cannot store what the files held: %s (%s)", th_strerror(cached),
                     store_errmsg(in.store));
        status = TH_EXIT_FAILURE;
    }
    /* What a folder held that is not a report is named, never passed over. */
    for (size_t i = 0; status == TH_EXIT_OK && i < box.skipped.count; i++)
        cli_print_finding(stdout, &box.skipped.items[i], env->g->lang);
    if (status == TH_EXIT_OK) {
        print_totals(&in, nfiles, box.skipped.count);
        if (!(env->needs & NEED_STORE) && req->received == NULL && nfiles > 0)
            printf("%s\n", tr(env->g->lang,
                              "Chưa xét thời hạn nộp (chỉ kiểm tra nội dung); muốn xét thì thêm "
                              "--received THỜI_GIAN.",
                              "Timeliness was not judged (content only); add --received TIME to "
                              "judge it."));
        if (in.rejected > 0 || in.with_row_errors > 0 || in.replaced_less > 0 ||
            box.skipped.count > 0)
            status = TH_EXIT_REJECTED;
    }
    inbox_release(&box);
    stat_cache_release(&in.cache);
    free(in.typical);
    return status;
}
