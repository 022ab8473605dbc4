/*
 * cmd_run.c - `tonghop run --inbox DIR|--maildir DIR --out DIR [--eml]
 * [--log FILE] [--quiet] [--as-of T]`: the nightly job in one command.
 *
 *   1. takes the store's lock (one run at a time, store_lock.h);
 *   2. imports what is new in the inbox or Maildir through batch_run, the
 *      importer `import` uses (content already stored is a no-op), keeping
 *      the bytes of every new file with findings;
 *   3. compares the fingerprint of campaign + store (run_state.h) with the
 *      last run's: equal, and the last workbook still there, means "không
 *      có gì mới" and nothing is written;
 *   4. otherwise writes into --out the consolidated workbook, one feedback
 *      workbook per unit whose new files have findings (feedback.h), one
 *      changes file per unit that replaced its report (changes.h),
 *      summary.txt, with --eml the messages, and last the run's record.
 *
 * Every output is written under a hidden temporary name and renamed, so a
 * kill leaves no partial file; the record is written last, so a run killed
 * before it is simply done again.  Exit status: 0 done (older findings do
 * not count), 3 a file that arrived in this run was refused or has rows
 * with errors, 1 usage or configuration, 2 failure.  Each file and the
 * outcome are logged with a timestamp on stderr (and --log FILE); --quiet
 * keeps only the problems, and silences import's report on stdout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "changes.h"
#include "cli.h"
#include "export.h"
#include "export_mail.h"
#include "feedback.h"
#include "field.h"
#include "mail_message.h"
#include "run_report.h"
#include "run_state.h"
#include "counts.h"
#include "strbuf.h"

typedef struct {
    const char *inbox, *maildir, *out, *log, *as_of;
    bool eml, quiet;
    reader_limits limits; /* --max-file-size ...: for the import and the feedback */
} run_args;

/* A new file with findings from a known unit: what its feedback needs. */
typedef struct {
    char *file_name;
    int64_t received;
    size_t unit;
    unsigned char *bytes; /* NULL when it could not be read */
    size_t len;
    finding_list findings;
} arrived_file;

typedef struct {
    const run_args *a;
    command_env *env;
    const campaign *c;
    th_lang lang;
    FILE *log;
    arrived_file *files;
    size_t nfiles;
    size_t arrived, unchanged, refused, row_errors;
    int64_t since_id; /* submissions above it are new since the last finished run */
} run;

/* ---- the log ------------------------------------------------------------ */

/* One timestamped line on stderr and in --log; with --quiet only problems. */
static void say(run *r, bool problem, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(run *r, bool problem, const char *fmt, ...)
{
    if (r->a->quiet && !problem)
        return;
    int64_t now = (int64_t)time(NULL), day;
    int secs, y, mo, d, off = r->c ? r->c->utc_offset_min : 0;
    field_local_split(now, off, &day, &secs);
    field_civil_split((civil_day)day, &y, &mo, &d);
    char stamp[48];
    snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, d, secs / 3600,
             secs / 60 % 60, secs % 60, off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
    FILE *outs[2] = {stderr, r->log};
    for (int i = 0; i < 2; i++) {
        if (outs[i] == NULL)
            continue;
        va_list ap;
        va_start(ap, fmt);
        fprintf(outs[i], "%s tonghop run: ", stamp);
        vfprintf(outs[i], fmt, ap);
        fputc('\n', outs[i]);
        fflush(outs[i]);
        va_end(ap);
    }
}

/* ---- intake ------------------------------------------------------------- */

static long unit_index(const campaign *c, const char *code)
{
    for (size_t u = 0; u < c->nunits; u++)
        if (strcmp(c->units[u].code, code) == 0)
            return (long)u;
    return -1;
}

static void log_file(run *r, const batch_file_event *e)
{
    const checked_file *x = e->checked;
    const submission *s = &x->sub;
    th_lang lang = r->lang;
    if (s->state == SUBMISSION_REJECTED || !x->loaded) {
        const finding *first = NULL;
        for (size_t i = 0; i < x->findings.count && first == NULL; i++)
            if (finding_code_severity(x->findings.items[i].code) == FINDING_FILE_ERROR)
                first = &x->findings.items[i];
        say(r, true, _("%s: REJECTED — %s"), e->file->name,
            first ? finding_code_message(first->code, lang) : "");
        return;
    }
    bool less = false; /* a replacement that keeps much less: worth a look */
    for (size_t i = 0; i < x->findings.count && !less; i++)
        less = x->findings.items[i].code == FC_REPLACES_LESS;
    strbuf counts = STRBUF_INIT;
    counts_add_rows_warnings(&counts, s->rows_counted, s->rows_rejected, s->warnings);
    /* TRANSLATORS: file name, unit code, then "3 rows counted, 0 rows with
     * errors, 1 warning" */
    say(r, s->rows_rejected > 0 || less, _("%s: accepted — %s, %s"), e->file->name, s->unit_code,
        counts.buf);
    strbuf_release(&counts);
}

/* Keeps a copy of what the feedback of a file needs. */
static int keep_file(run *r, const batch_file_event *e, size_t u, int64_t received,
                     const finding_list *from)
{
    arrived_file *grown = realloc(r->files, (r->nfiles + 1) * sizeof *grown);
    if (grown == NULL)
        return TH_EXIT_FAILURE;
    r->files = grown;
    arrived_file *f = &r->files[r->nfiles++];
    memset(f, 0, sizeof *f);
    finding_list_init(&f->findings);
    f->unit = u;
    f->received = received;
    f->file_name = strdup(e->file->name);
    if (e->bytes != NULL && (f->bytes = malloc(e->len ? e->len : 1)) != NULL)
        memcpy(f->bytes, e->bytes, e->len);
    f->len = e->len;
    bool ok = f->file_name != NULL && (e->bytes == NULL || f->bytes != NULL);
    for (size_t i = 0; ok && i < from->count; i++) {
        const finding *x = &from->items[i];
        ok = finding_list_add(&f->findings, x->code, x->file, x->row, x->column, x->column_name,
                              "%s", x->detail) == TH_OK;
    }
    if (!ok)
        th_msg_error("%s", th_strerror(TH_ERR_NOMEM));
    return ok ? TH_EXIT_OK : TH_EXIT_FAILURE;
}

/* Content already stored, but by a run that did not finish (killed before
 * its record): its unit still gets the feedback, from the stored findings
 * and the bytes just read, or the store's copy when the file was not read
 * (the stat cache said it had not changed). */
static int keep_unfinished(run *r, const batch_file_event *e)
{
    submission old = {0};
    bool found = false;
    finding_list stored;
    finding_list_init(&stored);
    batch_file_event with_bytes = *e;
    unsigned char *copy = NULL;
    th_error rc = store_find_sha(r->env->store, e->checked->sub.sha256, &found, &old);
    long u = found ? unit_index(r->c, old.unit_code) : -1;
    bool wanted = rc == TH_OK && found && old.id > r->since_id && u >= 0;
    if (wanted && e->bytes == NULL) { /* not read (the stat cache): the stored copy */
        bool have = false;
        rc = store_load_original(r->env->store, old.id, &have, &copy, &with_bytes.len);
        with_bytes.bytes = copy;
        wanted = rc == TH_OK && have;
    }
    if (wanted)
        rc = store_load_findings(r->env->store, old.id, &stored);
    int status = rc != TH_OK        ? TH_EXIT_FAILURE
                 : stored.count > 0 ? keep_file(r, &with_bytes, (size_t)u, old.received, &stored)
                                    : TH_EXIT_OK;
    if (rc != TH_OK)
        th_msg_error(_("cannot read the store: %s"), th_strerror(rc));
    free(copy);
    finding_list_release(&stored);
    submission_release(&old);
    return status;
}

static int on_file(void *ctx, const batch_file_event *e)
{
    run *r = ctx;
    if (e->unchanged) {
        r->unchanged++;
        say(r, false, _("%s: unchanged — this content was already imported"), e->file->name);
        return keep_unfinished(r, e);
    }
    const submission *s = &e->checked->sub;
    r->arrived++;
    r->refused += s->state == SUBMISSION_REJECTED || !e->checked->loaded;
    r->row_errors += s->rows_rejected > 0;
    log_file(r, e);
    long u = unit_index(r->c, s->unit_code ? s->unit_code : "");
    if (e->checked->findings.count == 0 || u < 0)
        return TH_EXIT_OK;
    return keep_file(r, e, (size_t)u, s->received, &e->checked->findings);
}

static void release_files(run *r)
{
    for (size_t i = 0; i < r->nfiles; i++) {
        free(r->files[i].file_name);
        free(r->files[i].bytes);
        finding_list_release(&r->files[i].findings);
    }
    free(r->files);
    r->files = NULL;
    r->nfiles = 0;
}

/* Runs the import; with --quiet its report on stdout goes to /dev/null. */
static int intake(run *r)
{
    char *paths[1] = {(char *)r->a->inbox};
    batch_request req = {.paths = paths,
                         .npaths = r->a->inbox ? 1 : 0,
                         .limits = r->a->limits,
                         .maildir = r->a->maildir,
                         .quiet = true, /* no progress line in the log */
                         .on_file = on_file,
                         .on_file_ctx = r};
    int saved = -1;
    if (r->a->quiet) {
        fflush(stdout);
        int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
        saved = null >= 0 ? dup(STDOUT_FILENO) : -1;
        if (saved >= 0)
            dup2(null, STDOUT_FILENO);
        if (null >= 0)
            close(null);
    }
    int status = batch_run(&req, r->env);
    if (saved >= 0) {
        fflush(stdout);
        dup2(saved, STDOUT_FILENO);
        close(saved);
    }
    /* `import`'s 3 also covers warnings such as replaces-less and messages
     * listed again every night; `run`'s is only for files of this run that
     * were refused or have rows with errors (docs/design.md §9). */
    if (status == TH_EXIT_REJECTED)
        status = r->refused + r->row_errors > 0 ? TH_EXIT_REJECTED : TH_EXIT_OK;
    return status;
}

/* ---- outputs ------------------------------------------------------------ */

/* What the outputs step computes and writes. */
typedef struct {
    export_model m;
    run_state prev;
    int *before_status;    /* per unit */
    char **unit_changes;   /* per unit: totals line of a resubmission, or NULL */
    char **changes_names;  /* per unit: its changes file, or NULL */
    char **feedback_names; /* per unit: its feedback workbook, or NULL */
    char *workbook_name;
    char *summary;
} outputs;

static void outputs_release(outputs *o, size_t nunits)
{
    for (size_t u = 0; u < nunits; u++) {
        if (o->unit_changes)
            free(o->unit_changes[u]);
        if (o->changes_names)
            free(o->changes_names[u]);
        if (o->feedback_names)
            free(o->feedback_names[u]);
    }
    free(o->unit_changes);
    free(o->changes_names);
    free(o->feedback_names);
    free(o->before_status);
    free(o->workbook_name);
    free(o->summary);
    export_model_release(&o->m);
    run_state_release(&o->prev);
}

static char *join(const char *dir, const char *name)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_addf(&b, "%s/%s", dir, name);
    return strbuf_detach(&b, NULL);
}

static int failed(run *r, th_error rc, const char *what, const char *err)
{
    say(r, true, "%s: %s%s%s", what, th_strerror(rc), *err ? ": " : "", err);
    return rc == TH_ERR_CONFIG || rc == TH_ERR_USAGE ? TH_EXIT_USAGE : TH_EXIT_FAILURE;
}

/* Writes text to dir/name atomically. */
static th_error write_text(const char *dir, const char *name, const char *text, char *err,
                           size_t errlen)
{
    char *path = join(dir, name);
    if (path == NULL)
        return TH_ERR_NOMEM;
    export_temp t;
    th_error rc = export_temp_create(path, &t, err, errlen);
    if (rc == TH_OK) {
        size_t n = strlen(text), done = 0;
        while (done < n) {
            ssize_t w = write(t.fd, text + done, n - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                int e = w < 0 ? errno : EIO;
                snprintf(err, errlen, _("cannot write '%s': %s"), path, strerror(e));
                rc = e == ENOSPC || e == EFBIG ? TH_ERR_NOSPACE : TH_ERR_IO;
                break;
            }
            done += (size_t)w;
        }
        if (rc == TH_OK)
            rc = export_temp_commit(&t, path, err, errlen);
        else
            export_temp_discard(&t);
    }
    free(path);
    return rc;
}

/* The feedback workbook of unit u from the new files that have findings. */
static int write_feedback(run *r, outputs *o, size_t u)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nfiles; i++)
        n += r->files[i].unit == u;
    if (n == 0)
        return TH_EXIT_OK;
    feedback_file *ff = calloc(n, sizeof *ff);
    raw_table *tables = calloc(n, sizeof *tables);
    finding_list scratch;
    finding_list_init(&scratch);
    strbuf missing;
    strbuf_init(&missing);
    th_error rc = ff && tables ? TH_OK : TH_ERR_NOMEM;
    reader_limits lim = r->a->limits;
    for (size_t i = 0, k = 0; rc == TH_OK && i < r->nfiles; i++) {
        arrived_file *f = &r->files[i];
        if (f->unit != u)
            continue;
        if (f->bytes != NULL) /* the rows as it sent them; its findings we have */
            rc = reader_read_bytes(f->bytes, f->len, f->file_name, &lim, &tables[k], &scratch);
        ff[k] = (feedback_file){f->file_name, f->received, &tables[k], &f->findings};
        k++;
    }
    consolidate_missing_list(r->c, u, &o->m.units[u], "\n", CONSOLIDATE_CODES_AND_NAMES, &missing);
    char err[1024] = "";
    char *name = feedback_file_name("PhanHoi", r->c->units[u].code, o->m.as_of,
                                    r->c->utc_offset_min, ".xlsx");
    char *path = name ? join(r->a->out, name) : NULL;
    if (rc == TH_OK && (path == NULL || missing.failed))
        rc = TH_ERR_NOMEM;
    if (rc == TH_OK) {
        feedback_input in = {r->c, u, ff, n, missing.buf ? missing.buf : "", o->m.as_of, LANG_VI};
        rc = feedback_write(&in, path, err, sizeof err);
    }
    int status = TH_EXIT_OK;
    if (rc == TH_OK) {
        say(r, false, "%s: %s", _("feedback"), path);
        o->feedback_names[u] = name;
        name = NULL;
    } else {
        status = failed(r, rc, _("cannot write feedback"), err);
    }
    for (size_t k = 0; tables && k < n; k++)
        raw_table_release(&tables[k]);
    free(tables);
    free(ff);
    free(name);
    free(path);
    strbuf_release(&missing);
    finding_list_release(&scratch);
    return status;
}

/* The full report that unit u's report in effect took the place of (the
 * store's ledger says which report superseded which), or 0. */
static int64_t replaced_submission(const export_model *m, size_t u)
{
    int64_t base = m->units[u].effective_id, prev = 0;
    for (size_t i = 0; i < m->nsubs; i++)
        if (m->subs[i].superseded_by == base && m->subs[i].supplements == 0 &&
            m->subs[i].withdrawn_at == 0 && m->subs[i].state == SUBMISSION_ACCEPTED)
            prev = m->subs[i].id; /* by received time: the last one before it */
    return prev;
}

/* The changes file of unit u, when its submission in effect arrived since
 * the last run and replaced an earlier one. */
static int write_changes(run *r, outputs *o, size_t u, int64_t since_id)
{
    int64_t after = o->m.units[u].effective_id;
    int64_t before = after > since_id ? replaced_submission(&o->m, u) : 0;
    if (before == 0)
        return TH_EXIT_OK;
    changes ch;
    strbuf text, totals;
    strbuf_init(&text);
    strbuf_init(&totals);
    char err[1024] = "";
    th_error rc = changes_compute(o->m.st, before, after, &ch);
    const submission *old = export_model_submission(&o->m, before);
    const submission *new = export_model_submission(&o->m, after);
    if (rc == TH_OK) {
        strbuf_addf(&text, _("Changes in the report of %s\n"), r->c->units[u].name);
        strbuf_addf(&text, _("Previous report: %s\nNew report:      %s\n\n"),
                    old ? old->file_name : "?", new ? new->file_name : "?");
        changes_format(&ch, r->c, i18n_lang(), &text);
        size_t added = changes_count(&ch, CHANGE_ADDED);
        strbuf_addf(&totals,
                    /* TRANSLATORS: the rows of a unit's report added, removed and changed by its
                       new report; the noun follows the first count */
                    P_("%zu row added, %zu removed, %zu changed",
                       "%zu rows added, %zu removed, %zu changed", added),
                    added, changes_count(&ch, CHANGE_REMOVED), changes_count(&ch, CHANGE_CHANGED));
        if (memcmp(ch.before, ch.after, sizeof ch.before) != 0)
            strbuf_adds(&totals, "; ");
        changes_format_totals(&ch, i18n_lang(), &totals);
        rc = text.failed || totals.failed ? TH_ERR_NOMEM : TH_OK;
    }
    char *name = rc == TH_OK ? feedback_file_name("ThayDoi", r->c->units[u].code, o->m.as_of,
                                                  r->c->utc_offset_min, ".txt")
                             : NULL;
    if (rc == TH_OK)
        rc = name ? write_text(r->a->out, name, text.buf, err, sizeof err) : TH_ERR_NOMEM;
    int status = TH_EXIT_OK;
    if (rc == TH_OK) {
        say(r, false, "%s: %s/%s", _("changes"), r->a->out, name);
        o->changes_names[u] = name;
        o->unit_changes[u] = strbuf_detach(&totals, NULL);
        name = NULL;
    } else {
        status = failed(r, rc, _("cannot write the changes file"), err);
    }
    free(name);
    changes_release(&ch);
    strbuf_release(&text);
    strbuf_release(&totals);
    return status;
}

/* ---- messages ----------------------------------------------------------- */

static char *eml_name(const char *file_name)
{
    strbuf b;
    strbuf_init(&b);
    const char *dot = strrchr(file_name, '.');
    strbuf_add(&b, file_name, dot ? (size_t)(dot - file_name) : strlen(file_name));
    strbuf_adds(&b, ".eml");
    return strbuf_detach(&b, NULL);
}

static int write_message(run *r, const mail_message *msg, const char *file_name)
{
    char *name = eml_name(file_name);
    char *path = name ? join(r->a->out, name) : NULL;
    char err[1024] = "";
    th_error rc = path ? mail_message_write(msg, path, err, sizeof err) : TH_ERR_NOMEM;
    if (rc == TH_OK)
        say(r, false, "%s: %s", _("message"), path);
    free(name);
    free(path);
    return rc == TH_OK ? TH_EXIT_OK : failed(r, rc, _("cannot write the message"), err);
}

/* The message to the recipients: summary.txt as body, the workbook attached. */
static int mail_summary(run *r, outputs *o)
{
    char day[32], subject[1024];
    field_format_time(o->m.as_of, r->c->utc_offset_min, day, sizeof day);
    day[10] = '\0';
    snprintf(subject, sizeof subject, _("Consolidated report %s as of %s"), r->c->title, day);
    char *path = join(r->a->out, o->workbook_name);
    mail_attachment file = {NULL, 0, path, o->workbook_name, MAIL_XLSX_TYPE};
    mail_message msg = {r->c->mail_from, r->c->mail_to,        r->c->mail_cc, subject, o->summary,
                        o->m.as_of,      r->c->utc_offset_min, true,          &file,   1};
    int status = path ? write_message(r, &msg, o->workbook_name) : TH_EXIT_FAILURE;
    free(path);
    return status;
}

/* The message that carries unit u's feedback (and changes file) to it. */
static int mail_feedback(run *r, outputs *o, size_t u)
{
    const unit *un = &r->c->units[u];
    if (*un->email == '\0') {
        say(r, true, _("%s: no e-mail address in units.csv, the feedback cannot be sent"),
            un->code);
        return TH_EXIT_OK;
    }
    const char *names[64];
    const finding_list *lists[64];
    size_t n = 0;
    for (size_t i = 0; i < r->nfiles && n < 64; i++)
        if (r->files[i].unit == u) {
            names[n] = r->files[i].file_name;
            lists[n++] = &r->files[i].findings;
        }
    char *body = run_feedback_body(&o->m, u, names, lists, n, o->unit_changes[u]);
    char subject[1024];
    snprintf(subject, sizeof subject, _("Feedback on the %s report — %s"), r->c->title, un->name);
    char *paths[2] = {join(r->a->out, o->feedback_names[u]),
                      o->changes_names[u] ? join(r->a->out, o->changes_names[u]) : NULL};
    mail_attachment files[2] = {{NULL, 0, paths[0], o->feedback_names[u], MAIL_XLSX_TYPE},
                                {NULL, 0, paths[1], o->changes_names[u], "text/plain"}};
    mail_message msg = {r->c->mail_from,      un->email, "",    subject,         body, o->m.as_of,
                        r->c->utc_offset_min, true,      files, paths[1] ? 2 : 1};
    int status = body && paths[0] ? write_message(r, &msg, o->feedback_names[u]) : TH_EXIT_FAILURE;
    free(body);
    free(paths[0]);
    free(paths[1]);
    return status;
}

/* ---- the run ------------------------------------------------------------ */

/* Each unit's status before this run, and the highest submission id the
 * last run saw: from the last run's record when there is one, else the
 * store's status before the intake and 0 (the first run into a folder
 * treats every stored file as new, so a run killed before its record is
 * followed by one that still gives every unit its feedback). */
static th_error snapshot_before(run *r, outputs *o, int64_t *last_id)
{
    size_t nu = r->c->nunits;
    o->before_status = calloc(nu ? nu : 1, sizeof *o->before_status);
    o->unit_changes = calloc(nu ? nu : 1, sizeof *o->unit_changes);
    o->changes_names = calloc(nu ? nu : 1, sizeof *o->changes_names);
    o->feedback_names = calloc(nu ? nu : 1, sizeof *o->feedback_names);
    if (!o->before_status || !o->unit_changes || !o->changes_names || !o->feedback_names)
        return TH_ERR_NOMEM;
    th_error rc = run_state_load(r->a->out, &o->prev);
    if (rc != TH_OK || o->prev.present) {
        for (size_t u = 0; rc == TH_OK && u < nu; u++) {
            const run_state_unit *p = run_state_find(&o->prev, r->c->units[u].code);
            o->before_status[u] = p ? p->status : DEADLINE_MISSING;
        }
        *last_id = o->prev.last_id;
        return rc;
    }
    unit_status *st = NULL;
    rc = consolidate_status(r->env->store, r->c, &st);
    for (size_t u = 0; rc == TH_OK && u < nu; u++) {
        o->before_status[u] = (int)st[u].status;
    }
    consolidate_status_release(st, nu);
    *last_id = 0; /* no earlier run: everything in the store is new to this folder */
    return rc;
}

static bool nothing_new(run *r, const outputs *o, const char *fingerprint)
{
    if (!o->prev.present || strcmp(o->prev.fingerprint, fingerprint) != 0 ||
        o->prev.workbook == NULL || *o->prev.workbook == '\0')
        return false;
    char *path = join(r->a->out, o->prev.workbook);
    bool there = path != NULL && access(path, F_OK) == 0;
    free(path);
    return there;
}

static th_error save_state(run *r, outputs *o, const char *fingerprint, char *err, size_t errlen)
{
    run_state st = {.present = true, .as_of = o->m.as_of, .workbook = o->workbook_name};
    snprintf(st.fingerprint, sizeof st.fingerprint, "%s", fingerprint);
    for (size_t i = 0; i < o->m.nsubs; i++)
        st.last_id = o->m.subs[i].id > st.last_id ? o->m.subs[i].id : st.last_id;
    st.units = calloc(r->c->nunits ? r->c->nunits : 1, sizeof *st.units);
    if (st.units == NULL)
        return TH_ERR_NOMEM;
    for (size_t u = 0; u < r->c->nunits; u++)
        st.units[u] = (run_state_unit){r->c->units[u].code, (int)o->m.units[u].status,
                                       o->m.units[u].effective_id};
    st.nunits = r->c->nunits;
    th_error rc = run_state_save(r->a->out, &st, err, errlen);
    free(st.units); /* the codes are the campaign's */
    return rc;
}

static int write_outputs(run *r, outputs *o, const char *fingerprint, int64_t since_id)
{
    char err[1024] = "";
    const campaign *c = r->c;
    o->workbook_name =
        export_output_name(c->output_pattern, c->code, o->m.as_of, c->utc_offset_min);
    char *path = o->workbook_name ? join(r->a->out, o->workbook_name) : NULL;
    workbook_options wo = {0};
    th_error rc = path ? export_workbook(&o->m, path, &wo, err, sizeof err) : TH_ERR_NOMEM;
    if (rc == TH_OK)
        say(r, false, "%s: %s", _("workbook"), path);
    free(path);
    if (rc != TH_OK)
        return failed(r, rc, _("cannot write the workbook"), err);
    int status = TH_EXIT_OK;
    for (size_t u = 0; status == TH_EXIT_OK && u < c->nunits; u++)
        status = write_changes(r, o, u, since_id);
    for (size_t u = 0; status == TH_EXIT_OK && u < c->nunits; u++)
        status = write_feedback(r, o, u);
    if (status != TH_EXIT_OK)
        return status;
    run_summary_input si = {
        &o->m,           !o->prev.present, o->prev.as_of,    since_id, o->before_status,
        o->unit_changes, o->workbook_name, o->feedback_names};
    o->summary = run_summary_text(&si);
    rc = o->summary ? write_text(r->a->out, "summary.txt", o->summary, err, sizeof err)
                    : TH_ERR_NOMEM;
    if (rc != TH_OK)
        return failed(r, rc, _("cannot write summary.txt"), err);
    if (r->a->eml)
        status = mail_summary(r, o);
    for (size_t u = 0; r->a->eml && status == TH_EXIT_OK && u < c->nunits; u++)
        if (o->feedback_names[u] != NULL)
            status = mail_feedback(r, o, u);
    if (status != TH_EXIT_OK)
        return status;
    rc = save_state(r, o, fingerprint, err, sizeof err);
    return rc == TH_OK ? TH_EXIT_OK : failed(r, rc, _("cannot write the run's record"), err);
}

/* After the intake: nothing, or every output. */
static int consolidate_and_write(run *r, outputs *o, int64_t as_of, int64_t since_id,
                                 int intake_status)
{
    char err[1024] = "", fingerprint[65] = "";
    int status = intake_status;
    th_error rc = export_model_build(r->env->store, r->c, as_of, EXPORT_SUBMISSIONS, &o->m);
    if (rc == TH_OK)
        rc = run_state_fingerprint(r->env->g->campaign_dir, o->m.subs, o->m.nsubs, fingerprint, err,
                                   sizeof err);
    if (rc != TH_OK) {
        status = failed(r, rc, _("cannot read the store"), err);
    } else if (nothing_new(r, o, fingerprint)) {
        say(r, false, "%s", _("nothing new"));
    } else {
        int s = write_outputs(r, o, fingerprint, since_id);
        status = s != TH_EXIT_OK ? s : status;
    }
    return status;
}

static int parse(int argc, char **argv, run_args *a, const command_env *env)
{
    batch_limit_args limits = {0};
    option_spec specs[7 + BATCH_NLIMIT_SPECS] = {
        {.name = "inbox", .value = &a->inbox},
        {.name = "maildir", .value = &a->maildir},
        {.name = "out", .value = &a->out},
        {.name = "log", .value = &a->log},
        {.name = "as-of", .value = &a->as_of},
        {.name = "eml", .flag = &a->eml},
        {.name = "quiet", .short_name = 'q', .flag = &a->quiet},
    };
    batch_limit_specs(&limits, specs + 7);
    int status = cli_parse_options_only(env, specs, sizeof specs / sizeof specs[0], argc, argv);
    if (status == TH_EXIT_OK)
        status = batch_limits_apply(&limits, &a->limits, env);
    if (status == TH_EXIT_OK && (a->out == NULL || (a->inbox == NULL && a->maildir == NULL))) {
        cli_usage_error(env, "%s", _("--out and --inbox or --maildir are needed"));
        status = TH_EXIT_USAGE;
    }
    return status;
}

/* Checks what can be checked before any work: the time, the output folder
 * (created when absent), the log, the addresses of --eml. */
static int prepare(run *r, int64_t *as_of)
{
    *as_of = (int64_t)time(NULL);
    if (r->a->as_of != NULL &&
        field_parse_time(r->a->as_of, r->c->utc_offset_min, as_of) != FIELD_OK) {
        cli_usage_error(r->env, _("invalid time '%s'"), r->a->as_of);
        return TH_EXIT_USAGE;
    }
    if (mkdir(r->a->out, 0777) != 0 && errno != EEXIST) {
        th_msg_error(_("cannot create '%s': %s"), r->a->out, strerror(errno));
        return TH_EXIT_USAGE;
    }
    struct stat sb;
    if (stat(r->a->out, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        th_msg_error(_("'%s' is not a folder"), r->a->out);
        return TH_EXIT_USAGE;
    }
    if (r->a->log != NULL && (r->log = fopen(r->a->log, "a")) == NULL) {
        th_msg_error(_("cannot open the log '%s': %s"), r->a->log, strerror(errno));
        return TH_EXIT_USAGE;
    }
    export_mail_args mail = {"--eml", NULL, NULL, NULL};
    if (r->a->eml && export_mail_check(&mail, r->c) != TH_EXIT_OK)
        return TH_EXIT_USAGE;
    return TH_EXIT_OK;
}

int cmd_run(int argc, char **argv, command_env *env)
{
    run_args a = {0};
    run r = {.a = &a, .env = env, .lang = env->g->lang};
    int status = parse(argc, argv, &a, env);
    if (status == TH_EXIT_OK)
        status = cli_setup_campaign(env);
    if (status != TH_EXIT_OK)
        return status;
    r.c = &env->campaign;
    int64_t as_of = 0;
    if ((status = prepare(&r, &as_of)) == TH_EXIT_OK) {
        char err[512] = "";
        th_error rc = TH_OK;
        status = cli_setup_store(env, &rc, err, sizeof err);
        if (status == TH_EXIT_OK && rc != TH_OK)
            status = failed(&r, rc, _("cannot open the store"), err);
        else if (status != TH_EXIT_OK)
            say(&r, true, "%s", _("the store is busy or cannot be opened"));
    }
    outputs o = {0};
    int64_t since_id = 0;
    if (status == TH_EXIT_OK) {
        export_temp_clean(a.out); /* what a killed run left */
        th_error rc = snapshot_before(&r, &o, &since_id);
        r.since_id = since_id;
        status = rc == TH_OK ? intake(&r) : failed(&r, rc, _("cannot read the store"), "");
    }
    if (status == TH_EXIT_OK || status == TH_EXIT_REJECTED)
        status = consolidate_and_write(&r, &o, as_of, since_id, status);
    if (status == TH_EXIT_OK || status == TH_EXIT_REJECTED)
        say(&r, status != TH_EXIT_OK,
            P_("done: %zu new file (%zu rejected, %zu with row errors), %zu unchanged",
               "done: %zu new files (%zu rejected, %zu with row errors), %zu unchanged", r.arrived),
            r.arrived, r.refused, r.row_errors, r.unchanged);
    outputs_release(&o, r.c->nunits);
    release_files(&r);
    if (r.log != NULL)
        fclose(r.log);
    return status;
}
