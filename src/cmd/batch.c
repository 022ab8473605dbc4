/*
 * batch.c - the batch loop of `check` and `import` (see batch.h).
 *
 * Each file is independent: a rejected file never stops the batch, and in
 * import each file is its own store transaction.  Only a real failure (the
 * store, memory) stops the loop, and what was committed before it stays.
 *
 * An import of many files writes them in groups (store_group_begin): one
 * SQLite transaction for up to LIMIT_IMPORT_GROUP_FILES files, a savepoint
 * for each, so that a file is still stored whole or not at all and costs
 * no commit of its own.  What the group's files print is kept until the
 * group is committed; when anything fails in a group, the group is rolled
 * back, nothing of it told, and its files are taken again one transaction
 * each, as without groups: the output, the exit status and what stays
 * stored are those of one transaction per file.
 */
#include "batch.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "consolidate.h"
#include "counts.h"
#include "error.h"
#include "field.h"
#include "inbox.h"
#include "checked_file.h"
#include "maildir.h"
#include "progress.h"
#include "readahead.h"
#include "report_format.h"
#include "stat_cache.h"
#include "validate.h"
#include "filing.h"
#include "store.h"
#include "th_limits.h"

/* The counts a batch prints at the end; a group that fails puts them back
 * as they were before it. */
typedef struct {
    size_t imported, unchanged, rejected, with_row_errors, replaced_less;
    size_t rows; /* rows read so far, for the progress line */
} batch_counts;

/* The store group open, when one is (see the top of this file). */
typedef struct {
    size_t first;        /* the inbox index of its first file */
    size_t nfiles;       /* files taken in it so far */
    size_t nbytes;       /* bytes of the files read in it so far */
    int64_t started_ms;  /* when it began */
    batch_counts before; /* the counts before it */
    size_t noted;        /* stat cache entries pending before it */
    char *text;          /* what its files printed, not told yet */
    size_t len;
    FILE *mem; /* open_memstream on text */
} batch_group;

/* A file of the inbox probed ahead of the store, and given to the worker
 * when its content is needed (readahead.h). */
typedef struct {
    th_error probed;    /* of stat_cache_probe */
    stat_cache_key key; /* its probe */
    bool hit;
    submission old; /* the hit's stored submission */
    bool queued;    /* item is the worker's, or done by it */
    size_t size;    /* the file's size when probed, 0 when unknown */
    readahead_item item;
} ahead_slot;

/* What one batch carries from file to file. */
typedef struct {
    const batch_request *req;
    const global_options *g;
    command_env *env;
    const campaign *campaign; /* env's, once set up */
    store *store;             /* env's: NULL for check */
    int64_t *typical;
    int64_t received; /* --received in epoch seconds, 0 when not given */
    batch_counts n;
    progress progress; /* on stderr when it is a terminal (progress.h) */
    stat_cache cache;  /* import: files untouched since they were stored */
    FILE *out;         /* where the files' lines go: stdout, or the group's text */
    bool grouped;      /* a group is open: a failure is not told, the group is done again */
    batch_group group;
    readahead *ahead;  /* the worker reading files ahead, NULL when there is none */
    ahead_slot *slots; /* a ring of LIMIT_IMPORT_AHEAD_FILES, the inbox's file i in i % that */
    size_t probed;     /* the inbox's files before this one are probed */
    size_t queued;     /* bytes of the files given to the worker and not taken back */
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
    cli_usage_error(env, "%s '%s' (%s)", _("invalid limit"), value, _("e.g. 64M, 1000000"));
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
        cli_usage_error(env, "%s", _("at least one report file or folder is needed"));
        return TH_EXIT_USAGE;
    }
    return TH_EXIT_OK;
}

void batch_print_outcome(FILE *out, const checked_file *x, const filing_change *ch, th_lang lang)
{
    const submission *s = &x->sub;
    for (size_t i = 0; i < x->findings.count; i++)
        cli_print_finding(out, &x->findings.items[i], lang);
    if (x->findings.count > 0 && x->lines_hidden > 0)
        fprintf(out,
                _("%s: line numbers are the rows Excel shows (the \"sep=\" first line does not "
                  "count), %zu less than the file's lines\n"),
                s->file_name, x->lines_hidden);
    size_t nerrors = finding_list_count(&x->findings, FINDING_FILE_ERROR);
    if (s->state == SUBMISSION_REJECTED || !x->loaded)
        fprintf(out, P_("%s: REJECTED (%zu error)\n", "%s: REJECTED (%zu errors)\n", nerrors),
                s->file_name, nerrors);
    else {
        strbuf counts = STRBUF_INIT;
        counts_add_rows_warnings(&counts, s->rows_counted, s->rows_rejected, s->warnings);
        /* TRANSLATORS: file name, unit code, then "3 rows counted, 0 rows with
         * errors, 1 warning" */
        fprintf(out, _("%s: %s — %s\n"), s->file_name, s->unit_code, counts.buf);
        strbuf_release(&counts);
    }
    if (ch != NULL)
        filing_print_change(out, s->file_name, s->unit_code, ch, lang);
}

/* "GIVEN: unchanged — this content was already imported (file STORED,
 * received T)": the name the clerk gave and the name it was stored under. */
static void print_unchanged(const batch *in, const char *given, const submission *old)
{
    char when[32];
    field_format_time(old->received, in->campaign->utc_offset_min, when, sizeof when);
    fprintf(in->out, _("%s: unchanged — this content was already imported (file %s, received %s)"),
            given, old->file_name, when);
    if (old->withdrawn_at != 0)
        fprintf(in->out, _("; withdrawn: %s"), old->withdraw_reason ? old->withdraw_reason : "");
    else if (old->state == SUBMISSION_REJECTED)
        fprintf(in->out, "%s", _("; still rejected"));
    fputc('\n', in->out);
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
        if (!in->grouped) /* the group is done again, one file at a time */
            th_msg_error(_("cannot read the store: %s (%s)"), th_strerror(rc),
                         store_errmsg(in->store));
        return TH_EXIT_FAILURE;
    }
    return TH_EXIT_OK;
}

static int store_failed(const batch *in, const char *name, th_error rc)
{
    if (!in->grouped) /* the group is done again, one file at a time */
        th_msg_error(_("cannot store '%s': %s (%s)"), name, th_strerror(rc),
                     store_errmsg(in->store));
    return TH_EXIT_FAILURE;
}

static void count(batch *in, const checked_file *x, const filing_change *ch)
{
    in->n.rows += x->sub.rows_counted + x->sub.rows_rejected;
    in->n.imported += x->sub.state == SUBMISSION_ACCEPTED;
    in->n.rejected += x->sub.state == SUBMISSION_REJECTED;
    in->n.with_row_errors +=
        x->sub.rows_rejected > 0 || finding_list_count(&x->findings, FINDING_ROW_ERROR) > 0;
    in->n.replaced_less += ch != NULL && ch->replaces_less;
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
    /* The .xls reader forks: not while the worker may hold a lock. */
    bool forks =
        in->ahead != NULL && report_format_detect(bytes, n, x->sub.file_name) == REPORT_XLS;
    if (forks)
        readahead_pause(in->ahead);
    th_error rc = checked_file_validate(&with, bytes, n, received, x);
    if (forks)
        readahead_resume(in->ahead);
    return rc;
}

/* A file whose content is not stored yet: validate, store, tell. */
static int take_new(batch *in, const inbox_file *f, checked_file *x, const unsigned char *bytes,
                    size_t n, const checked_file_options *opt, readahead_item *ahead,
                    filing_change *ch)
{
    bool stored = false;
    th_error rc = TH_OK;
    if (x->loaded && ahead != NULL && ahead->validated) { /* validated by the worker already */
        checked_file_release(x);
        *x = ahead->checked;
        checked_file_init(&ahead->checked);
        rc = ahead->validate_rc;
    } else if (x->loaded)
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
                in->n.unchanged++;
            }
            submission_release(&old);
            return status;
        }
        if (rc != TH_OK)
            return store_failed(in, f->name, rc);
        stored = true;
    }
    if (rc != TH_OK) {
        if (!in->grouped) /* the group is done again, one file at a time */
            th_msg_error("'%s': %s", f->name, th_strerror(rc));
        return TH_EXIT_FAILURE;
    }
    batch_print_outcome(in->out, x, stored ? ch : NULL, in->g->lang);
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
        in->n.unchanged++;
        return TH_EXIT_OK;
    }
    char when[32];
    field_format_time(received, in->campaign->utc_offset_min, when, sizeof when);
    fprintf(in->out,
            _("%s: this content was imported before (file %s, rejected): checked again as "
              "received %s\n"),
            f->name, old->file_name, when);
    batch_print_outcome(in->out, x, ch, in->g->lang);
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
        fprintf(in->out, _("%s: cannot be added as a supplement: %s has no report in effect\n"),
                f->name, x->sub.unit_code);
        in->n.unchanged++;
        return TH_EXIT_OK;
    }
    fprintf(in->out,
            _("%s: this content was imported before (file %s) and withdrawn: filed again as a "
              "supplement\n"),
            f->name, old->file_name);
    batch_print_outcome(in->out, x, ch, lang);
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
 * key (what stat said of it before it was read) in the stat cache.  With
 * ahead, the worker read it (and maybe validated it) already. */
static int process_contents(batch *in, const inbox_file *f, const checked_file_options *opt,
                            stat_cache_key *key, readahead_item *ahead)
{
    checked_file x;
    unsigned char *bytes = NULL;
    size_t n = 0;
    bool found = false;
    size_t unchanged_before = in->n.unchanged; /* every branch that changes nothing counts */
    submission old = {0};
    filing_change ch;
    int status = TH_EXIT_OK;
    checked_file_init(&x);
    filing_change_init(&ch);
    th_error rc;
    if (ahead != NULL) { /* what the worker loaded, taken over */
        rc = ahead->rc;
        x = ahead->loaded;
        checked_file_init(&ahead->loaded);
        bytes = ahead->bytes;
        n = ahead->n;
        ahead->bytes = NULL;
    } else {
        rc = checked_file_load(opt, f, &x, &bytes, &n);
    }
    in->group.nbytes += n;
    if (rc == TH_OK && x.loaded)
        status = look_up(in, &x, &found, &old);
    if (rc == TH_OK && status == TH_EXIT_OK) {
        if (!found) {
            status = take_new(in, f, &x, bytes, n, opt, ahead, &ch);
        } else if (old.state == SUBMISSION_REJECTED && old.withdrawn_at == 0) {
            status = take_again(in, f, &x, &old, bytes, n, opt, &ch);
        } else if (old.withdrawn_at != 0 && old.supplements == 0 && in->req->supplement) {
            status = take_as_supplement(in, f, &x, &old, bytes, n, opt, &ch);
        } else {
            status = keep_missing_copy(in, f, &old, bytes, n);
            print_unchanged(in, f->name, &old);
            in->n.unchanged++;
        }
    }
    if (rc == TH_OK && status == TH_EXIT_OK && in->req->on_file != NULL)
        status = in->req->on_file(
            in->req->on_file_ctx,
            &(batch_file_event){f, &x, bytes, n, in->n.unchanged > unchanged_before});
    if (rc != TH_OK) {
        if (!in->grouped) /* the group is done again, one file at a time */
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
    in->n.unchanged++;
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
        if (!in->grouped) /* the group is done again, one file at a time */
            th_msg_error(_("cannot read the store: %s (%s)"), th_strerror(rc),
                         store_errmsg(in->store));
        status = TH_EXIT_FAILURE;
    } else if (!hit || !take_untouched(in, f, &old, &status)) {
        status = process_contents(in, f, opt, &key, NULL);
    }
    submission_release(&old);
    stat_cache_key_release(&key);
    return status;
}

/* ---- reading ahead ------------------------------------------------------- */

/* Starts the worker for an inbox of count files; without it (one file, no
 * thread) the files are read in turn. */
static void ahead_start(batch *in, const checked_file_options *opt, size_t count)
{
    if (count < 2)
        return;
    in->slots = calloc(LIMIT_IMPORT_AHEAD_FILES, sizeof *in->slots);
    if (in->slots != NULL && readahead_start(opt, LIMIT_IMPORT_AHEAD_FILES, &in->ahead) == TH_OK)
        return;
    free(in->slots);
    in->slots = NULL;
}

/* Probes the inbox's file i and gives it to the worker when its content is
 * needed: a file the stat cache knows is only unchanged is not read. */
static void ahead_probe(batch *in, const inbox *box, size_t i)
{
    const inbox_file *f = &box->files[i];
    ahead_slot *s = &in->slots[i % LIMIT_IMPORT_AHEAD_FILES];
    memset(s, 0, sizeof *s);
    s->probed = stat_cache_probe(&in->cache, f, &s->key, &s->hit, &s->old);
    if (s->probed != TH_OK || (s->hit && only_unchanged(in, &s->old)))
        return;
    readahead_item_init(&s->item, f);
    /* New content is what a stat miss mostly is, once a file needed
     * validating (and the typical values were computed, validate_file):
     * a file touched but unchanged does not compute them for nothing, nor
     * does --rehash, which reads what is mostly stored already. */
    if (!in->req->rehash && (in->store == NULL || in->typical != NULL)) {
        s->item.validate = true;
        s->item.received = received_time(in, f);
        s->item.typical = in->typical;
    }
    s->size = s->key.path != NULL ? (size_t)s->key.fs.size : 0;
    if (readahead_push(in->ahead, &s->item) != TH_OK) {
        readahead_item_release(&s->item);
        return; /* read in turn */
    }
    s->queued = true;
    in->queued += s->size;
}

/* Probes ahead of the inbox's file i, as far as the worker's room goes,
 * once half of it is free: the worker then wakes for many files at once,
 * not once per file. */
static void ahead_fill(batch *in, const inbox *box, size_t i)
{
    if (in->probed < i)
        in->probed = i;
    if (in->probed > i + LIMIT_IMPORT_AHEAD_FILES / 2)
        return;
    while (in->probed < box->count && in->probed < i + LIMIT_IMPORT_AHEAD_FILES &&
           (in->probed == i || in->queued < LIMIT_IMPORT_AHEAD_BYTES))
        ahead_probe(in, box, in->probed++);
}

/* Frees the slot of a file probed ahead, once the worker is done with it. */
static void ahead_drop(batch *in, ahead_slot *s)
{
    if (s->queued) {
        readahead_take(in->ahead, &s->item);
        in->queued -= s->size;
    }
    readahead_item_release(&s->item);
    submission_release(&s->old);
    stat_cache_key_release(&s->key);
    memset(s, 0, sizeof *s);
}

/* Forgets what was probed and read ahead from the inbox's file from on: the
 * store it was probed in may have been rolled back since. */
static void ahead_forget(batch *in, size_t from)
{
    for (size_t i = from; i < in->probed; i++)
        ahead_drop(in, &in->slots[i % LIMIT_IMPORT_AHEAD_FILES]);
    if (in->probed > from)
        in->probed = from;
}

/* process_file with the probe and the reading done ahead. */
static int process_ahead(batch *in, const inbox *box, size_t i, const checked_file_options *opt)
{
    const inbox_file *f = &box->files[i];
    if (in->probed <= i)
        ahead_fill(in, box, i);
    ahead_slot *s = &in->slots[i % LIMIT_IMPORT_AHEAD_FILES];
    int status = TH_EXIT_OK;
    if (s->queued) {
        readahead_take(in->ahead, &s->item);
        in->queued -= s->size;
        s->queued = false;
    }
    /* The worker's room counted without file i: with large files, the
     * next one is read while this one is stored, and no more. */
    ahead_fill(in, box, i);
    if (s->probed != TH_OK) {
        if (!in->grouped) /* the group is done again, one file at a time */
            th_msg_error(_("cannot read the store: %s (%s)"), th_strerror(s->probed),
                         store_errmsg(in->store));
        status = TH_EXIT_FAILURE;
    } else if (!s->hit || !take_untouched(in, f, &s->old, &status)) {
        status = process_contents(in, f, opt, &s->key, s->item.file != NULL ? &s->item : NULL);
    }
    ahead_drop(in, s);
    return status;
}

static void ahead_stop(batch *in)
{
    if (in->ahead == NULL)
        return;
    ahead_forget(in, 0);
    readahead_stop(in->ahead);
    free(in->slots);
    in->ahead = NULL;
    in->slots = NULL;
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
                     _("invalid time"), in->req->received);
        return TH_EXIT_USAGE;
    }
    char err[512] = "";
    th_error rc = TH_OK;
    if ((status = cli_setup_store(in->env, &rc, err, sizeof err)) != TH_EXIT_OK)
        return status;
    in->store = in->env->store;
    stat_cache_init(&in->cache, in->store, in->req->rehash);
    if (rc != TH_OK) {
        th_msg_error(_("cannot open the store '%s': %s%s%s"), in->g->db_path, th_strerror(rc),
                     *err ? ": " : "", err);
        return TH_EXIT_FAILURE;
    }
    return TH_EXIT_OK;
}

static void print_totals(const batch *in, size_t nfiles, size_t nskipped)
{
    printf(P_("%zu file: %zu accepted, %zu unchanged, %zu rejected, %zu with row errors",
              "%zu files: %zu accepted, %zu unchanged, %zu rejected, %zu with row errors", nfiles),
           nfiles, in->n.imported, in->n.unchanged, in->n.rejected, in->n.with_row_errors);
    if (in->n.replaced_less > 0)
        printf(_(", %zu replaced a report in effect with much less"), in->n.replaced_less);
    if (nskipped > 0)
        printf(P_("; %zu other entry skipped (not a report)",
                  "; %zu other entries skipped (not reports)", nskipped),
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
    printf(P_("Message %s from %s%s, received %s: %zu report file\n",
              "Message %s from %s%s, received %s: %zu report files\n", m->nattachments),
           m->file, *m->sender ? m->sender : "?", known ? "" : _(" (not in units.csv)"), when,
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
    in->n.rejected += finding_list_count(&m.findings, FINDING_FILE_ERROR) > 0;
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
        progress_update(&in->progress, i + 1, in->n.rows);
    }
    progress_finish(&in->progress);
    maildir_names_release(&names);
    return status;
}

/* Milliseconds of a monotonic clock. */
static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Opens a group whose first file is the inbox's file first (its
 * transaction begins at its first write: a group of unchanged files takes
 * no lock).  Without one (no store, a command that watches each file, no
 * memory), the files are taken one transaction each. */
static void group_open(batch *in, size_t first)
{
    batch_group *g = &in->group;
    if (in->store == NULL || in->req->on_file != NULL)
        return;
    memset(g, 0, sizeof *g);
    g->mem = open_memstream(&g->text, &g->len);
    if (g->mem == NULL)
        return;
    if (store_group_begin(in->store) != TH_OK) {
        fclose(g->mem);
        free(g->text);
        g->mem = NULL;
        return;
    }
    g->first = first;
    g->started_ms = now_ms();
    g->before = in->n;
    g->noted = in->cache.npending;
    in->cache.hold = true;
    in->out = g->mem;
    in->grouped = true;
}

static bool group_full(const batch *in)
{
    const batch_group *g = &in->group;
    return g->nfiles >= LIMIT_IMPORT_GROUP_FILES || g->nbytes >= LIMIT_IMPORT_GROUP_BYTES ||
           now_ms() - g->started_ms >= LIMIT_IMPORT_GROUP_MS;
}

/* Ends the open group after the inbox's file last, whose status is given:
 * commits it and tells what its files printed; or, when something failed,
 * rolls it back and takes its files again one transaction each.  Returns
 * the batch's status after it. */
static int group_close(batch *in, const inbox *box, size_t last, const checked_file_options *opt,
                       int status)
{
    batch_group *g = &in->group;
    in->grouped = false;
    in->out = stdout;
    in->cache.hold = false;
    bool told = fclose(g->mem) == 0;
    g->mem = NULL;
    th_error rc = TH_OK;
    if (status == TH_EXIT_OK && told)
        rc = store_group_commit(in->store);
    else
        store_group_rollback(in->store);
    if (status == TH_EXIT_OK && told && rc == TH_OK) {
        fwrite(g->text, 1, g->len, stdout);
        free(g->text);
        g->text = NULL;
        rc = stat_cache_flush_if_full(&in->cache);
        return rc == TH_OK ? TH_EXIT_OK : store_failed(in, box->files[last].name, rc);
    }
    free(g->text);
    g->text = NULL;
    in->n = g->before;
    stat_cache_forget_since(&in->cache, g->noted);
    if (in->ahead != NULL)
        ahead_forget(in, last + 1);
    status = TH_EXIT_OK;
    for (size_t i = g->first; status == TH_EXIT_OK && i <= last; i++)
        status = process_file(in, &box->files[i], opt);
    return status;
}

int batch_run(const batch_request *req, command_env *env)
{
    batch in = {.req = req, .g = env->g, .env = env, .out = stdout};
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
    if (status == TH_EXIT_OK)
        ahead_start(&in, &opt, box.count);
    for (size_t i = 0; status == TH_EXIT_OK && i < box.count; i++) {
        progress_hide(&in.progress);
        if (!in.grouped)
            group_open(&in, i);
        status = in.ahead != NULL ? process_ahead(&in, &box, i, &opt)
                                  : process_file(&in, &box.files[i], &opt);
        in.group.nfiles++;
        if (in.grouped && (status != TH_EXIT_OK || i + 1 == box.count || group_full(&in)))
            status = group_close(&in, &box, i, &opt, status);
        progress_update(&in.progress, i + 1, in.n.rows);
    }
    ahead_stop(&in);
    progress_finish(&in.progress);
    if (status == TH_EXIT_OK && req->maildir != NULL)
        status = run_maildir(&in, &opt, &nfiles);
    th_error cached = in.store != NULL ? stat_cache_flush(&in.cache) : TH_OK;
    if (cached != TH_OK && status == TH_EXIT_OK) {
        th_msg_error(_("cannot store what the files held: %s (%s)"), th_strerror(cached),
                     store_errmsg(in.store));
        status = TH_EXIT_FAILURE;
    }
    /* What a folder held that is not a report is named, never passed over. */
    for (size_t i = 0; status == TH_EXIT_OK && i < box.skipped.count; i++)
        cli_print_finding(stdout, &box.skipped.items[i], env->g->lang);
    if (status == TH_EXIT_OK) {
        print_totals(&in, nfiles, box.skipped.count);
        if (!(env->needs & NEED_STORE) && req->received == NULL && nfiles > 0)
            printf("%s\n", _("Timeliness was not judged (content only); add --received TIME to "
                             "judge it."));
        if (in.n.rejected > 0 || in.n.with_row_errors > 0 || in.n.replaced_less > 0 ||
            box.skipped.count > 0)
            status = TH_EXIT_REJECTED;
    }
    inbox_release(&box);
    stat_cache_release(&in.cache);
    free(in.typical);
    return status;
}
