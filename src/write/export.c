/*
 * export.c - what the workbook and the report CSV share: the model computed
 * before anything is written, the output file name, text made safe for a
 * cell, and the temporary file renamed into place only when complete.
 */
#include "export.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "field.h"
#include "i18n.h"
#include "text.h"
#include "strbuf.h"

/* ---- the model ---------------------------------------------------------- */

static int by_submission_id(const void *a, const void *b)
{
    int64_t x = (*(const submission *const *)a)->id, y = (*(const submission *const *)b)->id;
    return (x > y) - (x < y);
}

/* Units by kind (the order of unit_kind), then in units.csv order. */
static th_error order_units(export_model *m)
{
    const campaign *c = m->c;
    m->order = malloc((c->nunits ? c->nunits : 1) * sizeof *m->order);
    if (m->order == NULL)
        return TH_ERR_NOMEM;
    size_t n = 0;
    for (int kind = 0; kind < UNIT_KIND_COUNT; kind++) {
        for (size_t u = 0; u < c->nunits; u++) {
            if ((int)c->units[u].kind == kind)
                m->order[n++] = u;
        }
    }
    return n == c->nunits ? TH_OK : TH_ERR_INTERNAL;
}

th_error export_model_build(store *st, const campaign *c, int64_t as_of, unsigned what,
                            export_model *m)
{
    memset(m, 0, sizeof *m);
    m->st = st;
    m->c = c;
    m->as_of = as_of;
    /* the ledger read once: the statuses, the totals and the history sheet
     * all come from one list, or from one walk when no list is kept */
    bool keep = (what & (EXPORT_SUBMISSIONS | EXPORT_LEDGER)) != 0;
    th_error rc = keep ? store_list_submissions(st, &m->subs, &m->nsubs)
                       : store_count_submissions(st, as_of, &m->nsubs, &m->late);
    for (size_t i = 0; keep && rc == TH_OK && i < m->nsubs; i++)
        m->late += m->subs[i].received > as_of;
    if (rc == TH_OK)
        rc = consolidate_compute(st, c, m->subs, keep ? m->nsubs : 0, &m->units, &m->totals,
                                 (what & EXPORT_CELLS) != 0);
    if (rc == TH_OK)
        rc = order_units(m);
    if (rc == TH_OK && keep) {
        m->by_id = malloc((m->nsubs ? m->nsubs : 1) * sizeof *m->by_id);
        rc = m->by_id ? TH_OK : TH_ERR_NOMEM;
        for (size_t i = 0; rc == TH_OK && i < m->nsubs; i++)
            m->by_id[i] = &m->subs[i];
        if (rc == TH_OK)
            qsort(m->by_id, m->nsubs, sizeof *m->by_id, by_submission_id);
    }
    if (rc == TH_OK && (what & EXPORT_LEDGER))
        rc = consolidate_ledger(st, c, m->subs, m->nsubs, &m->ledger);
    return rc;
}

void export_model_release(export_model *m)
{
    if (m->c != NULL)
        consolidate_status_release(m->units, m->c->nunits);
    consolidate_totals_release(&m->totals);
    store_submissions_release(m->subs, m->subs ? m->nsubs : 0);
    free(m->order);
    free(m->by_id);
    free(m->ledger);
    memset(m, 0, sizeof *m);
}

const submission *export_model_submission(const export_model *m, int64_t id)
{
    size_t lo = 0, hi = m->by_id ? m->nsubs : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->by_id[mid]->id == id)
            return m->by_id[mid];
        if (m->by_id[mid]->id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* ---- the output name ---------------------------------------------------- */

/* Appends the value of placeholder name (without braces); false if unknown. */
static bool add_placeholder(strbuf *b, const char *name, size_t n, const char *code, int64_t as_of,
                            int utc_offset_min)
{
    int64_t days;
    int y, mo, d, secs;
    field_local_split(as_of, utc_offset_min, &days, &secs);
    field_civil_split((civil_day)days, &y, &mo, &d);
    char buf[32];
    if (n == 4 && memcmp(name, "code", 4) == 0) {
        for (const char *p = code; *p; p++)
            strbuf_addch(b, (*p == '/' || *p == '\\') ? '-' : *p);
        return true;
    }
    if (n == 8 && memcmp(name, "yyyymmdd", 8) == 0)
        snprintf(buf, sizeof buf, "%04d%02d%02d", y, mo, d);
    else if (n == 4 && memcmp(name, "yyyy", 4) == 0)
        snprintf(buf, sizeof buf, "%04d", y);
    else if (n == 2 && memcmp(name, "mm", 2) == 0)
        snprintf(buf, sizeof buf, "%02d", mo);
    else if (n == 2 && memcmp(name, "dd", 2) == 0)
        snprintf(buf, sizeof buf, "%02d", d);
    else if (n == 4 && memcmp(name, "hhmm", 4) == 0)
        snprintf(buf, sizeof buf, "%02d%02d", secs / 3600, secs / 60 % 60);
    else
        return false;
    strbuf_adds(b, buf);
    return true;
}

char *export_output_name(const char *pattern, const char *code, int64_t as_of, int utc_offset_min)
{
    strbuf b = STRBUF_INIT;
    for (const char *p = pattern; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (close != NULL &&
            add_placeholder(&b, p + 1, (size_t)(close - p - 1), code, as_of, utc_offset_min)) {
            p = close + 1;
            continue;
        }
        strbuf_addch(&b, *p);
        p++;
    }
    return strbuf_detach(&b, NULL);
}

/* ---- text for a cell ---------------------------------------------------- */

static bool is_hex(char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

/* True when s starts an escape Excel would decode: "_xHHHH_". */
static bool is_escape(const char *s)
{
    return s[0] == '_' && (s[1] == 'x' || s[1] == 'X') && is_hex(s[2]) && is_hex(s[3]) &&
           is_hex(s[4]) && is_hex(s[5]) && s[6] == '_';
}

static bool needs_rewrite(const char *s)
{
    size_t n = strlen(s);
    if (n > EXPORT_CELL_MAX || !text_is_utf8(s, n, NULL))
        return true; /* long in bytes: maybe long in code points, counted below */
    for (const char *p = strchr(s, '_'); p != NULL; p = strchr(p + 1, '_')) {
        if (is_escape(p))
            return true;
    }
    return false;
}

th_error export_xlsx_text(const char *s, char **out)
{
    *out = NULL;
    if (!needs_rewrite(s))
        return TH_OK;
    strbuf b = STRBUF_INIT;
    size_t points = 0;
    const char *end = s + strlen(s);
    for (const char *p = s; *p && points < EXPORT_CELL_MAX; points++) {
        size_t n = text_utf8_seq_len(p, (size_t)(end - p));
        if (n == 0) {
            strbuf_adds(&b, "\xEF\xBF\xBD");
            p++;
            continue;
        }
        if (is_escape(p)) {
            strbuf_adds(&b, "_x005F");
            points += 6;
        }
        strbuf_add(&b, p, n);
        p += n;
    }
    *out = strbuf_detach(&b, NULL);
    return *out ? TH_OK : TH_ERR_NOMEM;
}

/* ---- temporary file and rename ------------------------------------------ */

/* Removes dir/.<base>.XXXXXX files that no process holds locked: their
 * writer was killed (kill -9, power cut) before it could rename or remove
 * them.  A live export holds its lock until it is done. */
static void remove_stale_temps(const char *dir, const char *base)
{
    DIR *d = opendir(dir);
    for (struct dirent *e = d ? readdir(d) : NULL; e != NULL; e = readdir(d)) {
        const char *n = e->d_name;
        /* base NULL: the temporary of any name, ".<name>.XXXXXX" */
        size_t blen = base ? strlen(base) : strlen(n) >= 9 ? strlen(n) - 8 : 0;
        if (n[0] != '.' || blen == 0 || (base && strncmp(n + 1, base, blen) != 0) ||
            n[1 + blen] != '.' || strlen(n + 2 + blen) != 6)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, n);
        int fd = open(path, O_RDONLY | O_NOFOLLOW);
        if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
            unlink(path);
        if (fd >= 0)
            close(fd); /* also drops the lock */
    }
    if (d != NULL)
        closedir(d);
}

th_error export_temp_create(const char *final_path, export_temp *t, char *err, size_t errlen)
{
    t->path = NULL;
    t->fd = -1;
    /* `-o baocao/` names a folder, not the file to write: say so before any
     * work rather than fail the final rename with "Not a directory". */
    struct stat sb;
    size_t n = strlen(final_path);
    if ((n > 0 && final_path[n - 1] == '/') ||
        (stat(final_path, &sb) == 0 && S_ISDIR(sb.st_mode))) {
        snprintf(err, errlen, _("'%s' is a folder: give the name of the file to write in it"),
                 final_path);
        return TH_ERR_USAGE;
    }
    char *copy = strdup(final_path), *copy2 = strdup(final_path);
    if (copy == NULL || copy2 == NULL) {
        free(copy);
        free(copy2);
        return TH_ERR_NOMEM;
    }
    const char *dir = dirname(copy), *base = basename(copy2);
    remove_stale_temps(dir, base);
    size_t len = strlen(dir) + strlen(base) + 16;
    t->path = malloc(len);
    if (t->path != NULL) {
        snprintf(t->path, len, "%s/.%s.XXXXXX", dir, base);
        t->fd = mkstemp(t->path);
    }
    th_error rc = t->path == NULL ? TH_ERR_NOMEM : t->fd < 0 ? TH_ERR_IO : TH_OK;
    if (rc == TH_ERR_IO)
        snprintf(err, errlen, _("cannot create a file in '%s': %s"), dir, strerror(errno));
    if (rc == TH_OK && flock(t->fd, LOCK_EX) != 0) {
        snprintf(err, errlen, _("cannot lock '%s': %s"), t->path, strerror(errno));
        rc = TH_ERR_IO;
    }
    if (rc != TH_OK)
        export_temp_discard(t);
    free(copy);
    free(copy2);
    return rc;
}

void export_temp_discard(export_temp *t)
{
    if (t->path != NULL)
        unlink(t->path);
    if (t->fd >= 0)
        close(t->fd);
    free(t->path);
    t->path = NULL;
    t->fd = -1;
}

th_error export_temp_commit(export_temp *t, const char *final_path, char *err, size_t errlen)
{
    /* The content was written through other descriptors (libxlsxwriter,
     * stdio); fsync on any descriptor of the file flushes it all. */
    bool synced = fsync(t->fd) == 0;
    int saved = errno;
    mode_t mask = umask(0);
    umask(mask); /* mkstemp made it 0600: give it an ordinary file's mode */
    if (synced && fchmod(t->fd, 0666 & ~mask) == 0 && rename(t->path, final_path) == 0) {
        close(t->fd); /* the lock goes with it, after the rename */
        free(t->path);
        t->path = NULL;
        t->fd = -1;
        return TH_OK;
    }
    if (synced)
        saved = errno;
    snprintf(err, errlen, _("cannot write '%s': %s"), final_path, strerror(saved));
    export_temp_discard(t);
    return saved == ENOSPC || saved == EDQUOT || saved == EFBIG ? TH_ERR_NOSPACE : TH_ERR_IO;
}

void export_temp_clean(const char *dir)
{
    remove_stale_temps(dir, NULL);
}
