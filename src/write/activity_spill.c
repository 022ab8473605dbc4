/*
 * activity_spill.c - the activities in effect, and the findings, as compact
 * records in unlinked temporary files beside the output (activity_spill.h).
 *
 * A record is a fixed-size head followed by the content and the note
 * (lengths in the head, no terminators).  The file is private to this run:
 * it is unlinked as soon as it is created, so a killed run leaves nothing.
 */
#include "activity_spill.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "i18n.h"

typedef struct {
    uint32_t unit;
    int32_t category;
    uint32_t line;
    int32_t from, to;
    /* cppcheck-suppress unusedStructMember ; named so that no byte written is unset */
    uint8_t has_to, form, has_mask, pad_;
    uint32_t content_len, note_len;
    int64_t indicators[INDICATOR_COUNT];
} record_head;
_Static_assert(sizeof(record_head) == 80, "th_limits.h counts an 80-byte head");

typedef struct {
    const export_model *m;
    activity_spill *s;
    size_t unit;
} spill_walk;

static th_error spill_one(const stored_activity *a, void *ctx)
{
    spill_walk *w = ctx;
    record_head h = {0};
    h.unit = (uint32_t)w->unit;
    h.category = (int32_t)campaign_category_by_code(w->m->c, a->category_code);
    h.line = (uint32_t)a->line;
    h.from = (int32_t)a->from;
    h.to = (int32_t)a->to;
    h.has_to = a->has_to;
    h.form = (uint8_t)a->form;
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        h.indicators[i] = a->indicators[i];
        h.has_mask |= (uint8_t)(a->has_indicator[i] ? 1u << i : 0);
    }
    h.content_len = (uint32_t)strlen(a->content);
    h.note_len = (uint32_t)strlen(a->note);
    FILE *f = w->s->f;
    if (fwrite(&h, sizeof h, 1, f) != 1 ||
        fwrite(a->content, 1, h.content_len, f) != h.content_len ||
        fwrite(a->note, 1, h.note_len, f) != h.note_len)
        return TH_ERR_IO;
    w->s->count++;
    return TH_OK;
}

static FILE *open_temp(const char *dir, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/.tonghop-rows.XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        snprintf(err, errlen, _("cannot create a file in '%s': %s"), dir, strerror(errno));
        return NULL;
    }
    unlink(path); /* private to this run: gone when closed, even after a kill */
    FILE *f = fdopen(fd, "w+b");
    if (f == NULL) {
        snprintf(err, errlen, _("cannot open a file in '%s': %s"), dir, strerror(errno));
        close(fd);
    }
    return f;
}

/* Ends the writing of a spill file f after rc: flushed and back at its
 * start, or the write error worded in err (TH_ERR_NOSPACE for a full disk). */
static th_error written(FILE *f, th_error rc, const char *dir, char *err, size_t errlen)
{
    if (rc == TH_OK && fflush(f) != 0)
        rc = TH_ERR_IO;
    if (rc == TH_ERR_IO) {
        int e = errno;
        snprintf(err, errlen, _("cannot write a temporary file in '%s': %s"), dir, strerror(e));
        if (e == ENOSPC || e == EDQUOT || e == EFBIG)
            rc = TH_ERR_NOSPACE;
    }
    if (rc == TH_OK && fseek(f, 0, SEEK_SET) != 0)
        rc = TH_ERR_IO;
    return rc;
}

/* Reads a record's head of n bytes into head: TH_OK with *done at the end
 * of the file, TH_ERR_IO for a short read. */
static th_error read_head(FILE *f, void *head, size_t n, bool *done)
{
    size_t got = fread(head, 1, n, f);
    *done = got == 0 && feof(f);
    return *done || got == n ? TH_OK : TH_ERR_IO;
}

th_error activity_spill_build(const export_model *m, const char *dir, activity_spill *s, char *err,
                              size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->f = open_temp(dir, err, errlen);
    if (s->f == NULL)
        return TH_ERR_IO;
    spill_walk w = {m, s, 0};
    th_error rc = TH_OK;
    /* exactly the rows the store says are in effect: each unit's base, then
     * its supplements (store.h, invariant 3) */
    for (size_t i = 0; rc == TH_OK && i < m->c->nunits; i++) {
        w.unit = m->order[i];
        if (m->units[w.unit].effective_id != 0)
            rc = store_foreach_activity_in_effect(m->st, m->c->units[w.unit].code, spill_one, &w);
    }
    return written(s->f, rc, dir, err, errlen);
}

th_error activity_spill_rewind(activity_spill *s)
{
    return s->f != NULL && fseek(s->f, 0, SEEK_SET) == 0 ? TH_OK : TH_ERR_IO;
}

static th_error read_text(FILE *f, uint32_t n, strbuf *b)
{
    strbuf_reset(b);
    if (!strbuf_grow(b, (size_t)n + 1))
        return TH_ERR_NOMEM;
    if (n > 0 && fread(b->buf, 1, n, f) != n)
        return TH_ERR_IO;
    b->len = n;
    b->buf[n] = '\0';
    return TH_OK;
}

th_error activity_spill_next(activity_spill *s, spilled_activity *a, bool *done)
{
    record_head h;
    th_error rc = read_head(s->f, &h, sizeof h, done);
    if (rc != TH_OK || *done)
        return rc;
    rc = read_text(s->f, h.content_len, &s->content);
    if (rc == TH_OK)
        rc = read_text(s->f, h.note_len, &s->note);
    if (rc != TH_OK)
        return rc;
    a->unit = h.unit;
    a->category = h.category;
    a->line = h.line;
    a->from = (civil_day)h.from;
    a->to = (civil_day)h.to;
    a->has_to = h.has_to;
    a->form = (activity_form)h.form;
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        a->indicators[i] = h.indicators[i];
        a->has_indicator[i] = (h.has_mask >> i) & 1u;
    }
    a->content = s->content.buf;
    a->note = s->note.buf;
    return TH_OK;
}

void activity_spill_release(activity_spill *s)
{
    if (s->f != NULL)
        fclose(s->f);
    strbuf_release(&s->content);
    strbuf_release(&s->note);
    memset(s, 0, sizeof *s);
}

/* ---- findings ------------------------------------------------------------ */

typedef struct {
    uint32_t code;
    uint32_t row, column;
    uint32_t file_len, column_name_len, detail_len, sheet_len;
} finding_head;
_Static_assert(sizeof(finding_head) == 28, "a finding's head has no padding");

static bool put_finding(FILE *f, const finding *x)
{
    finding_head h = {(uint32_t)x->code,
                      (uint32_t)x->row,
                      (uint32_t)x->column,
                      (uint32_t)strlen(x->file),
                      (uint32_t)strlen(x->column_name),
                      (uint32_t)strlen(x->detail),
                      (uint32_t)(x->sheet ? strlen(x->sheet) : 0)};
    return fwrite(&h, sizeof h, 1, f) == 1 && fwrite(x->file, 1, h.file_len, f) == h.file_len &&
           fwrite(x->column_name, 1, h.column_name_len, f) == h.column_name_len &&
           fwrite(x->detail, 1, h.detail_len, f) == h.detail_len &&
           (h.sheet_len == 0 || fwrite(x->sheet, 1, h.sheet_len, f) == h.sheet_len);
}

th_error finding_spill_build(const export_model *m, const char *dir, finding_spill *s, char *err,
                             size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->f = open_temp(dir, err, errlen);
    if (s->f == NULL)
        return TH_ERR_IO;
    th_error rc = TH_OK;
    /* one submission's findings in memory at a time */
    for (size_t i = 0; rc == TH_OK && i < m->nsubs; i++) {
        finding_list list;
        finding_list_init(&list);
        rc = store_load_findings(m->st, m->subs[i].id, &list);
        for (size_t j = 0; rc == TH_OK && j < list.count; j++, s->count++)
            rc = put_finding(s->f, &list.items[j]) ? TH_OK : TH_ERR_IO;
        finding_list_release(&list);
    }
    return written(s->f, rc, dir, err, errlen);
}

th_error finding_spill_rewind(finding_spill *s)
{
    return s->f != NULL && fseek(s->f, 0, SEEK_SET) == 0 ? TH_OK : TH_ERR_IO;
}

th_error finding_spill_next(finding_spill *s, finding *f, bool *done)
{
    finding_head h;
    th_error rc = read_head(s->f, &h, sizeof h, done);
    if (rc != TH_OK || *done)
        return rc;
    rc = read_text(s->f, h.file_len, &s->file);
    if (rc == TH_OK)
        rc = read_text(s->f, h.column_name_len, &s->column_name);
    if (rc == TH_OK)
        rc = read_text(s->f, h.detail_len, &s->detail);
    if (rc == TH_OK)
        rc = read_text(s->f, h.sheet_len, &s->sheet);
    if (rc != TH_OK)
        return rc;
    f->code = (finding_code)h.code;
    f->row = h.row;
    f->column = h.column;
    f->file = s->file.buf;
    f->column_name = s->column_name.buf;
    f->detail = s->detail.buf;
    f->sheet = s->sheet.buf; /* "Báo cáo" for a spreadsheet's row: 'Báo cáo'!G6 */
    return TH_OK;
}

void finding_spill_release(finding_spill *s)
{
    if (s->f != NULL)
        fclose(s->f);
    strbuf_release(&s->file);
    strbuf_release(&s->column_name);
    strbuf_release(&s->detail);
    strbuf_release(&s->sheet);
    memset(s, 0, sizeof *s);
}
