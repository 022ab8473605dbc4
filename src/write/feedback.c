/*
 * feedback.c - the feedback workbook of one unit (see feedback.h).
 *
 * Findings are first gathered into marks, one per commented cell (several
 * findings on one cell share its comment), sorted by row and column; the
 * rows are then written with each marked cell in the colour of its worst
 * finding, and the comments added.  Everything the unit wrote is written as
 * a string, never a formula, after export_xlsx_text made it safe.
 */
#include "feedback.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "export.h"
#include "field.h"
#include "strbuf.h"
#include "template.h"
#include "i18n.h"

#define COLOR_ERROR 0xFFC7CE   /* light red: the row or file is not counted */
#define COLOR_WARNING 0xFFEB9C /* light yellow: counted, but look at it */
#define DATA_SHEET "Báo cáo"
#define LIST_SHEET "Danh sách lỗi"
#define OWED_SHEET "Còn thiếu"

/* One commented cell. */
typedef struct {
    size_t row, col;        /* 0-based cell */
    finding_severity worst; /* FINDING_FILE_ERROR < ROW_ERROR < WARNING */
    strbuf text;
} mark;

typedef struct {
    const feedback_input *in;
    lxw_workbook *wb;
    lxw_error lerr; /* the first library error */
    th_error err;   /* the first error of ours */
    lxw_format *plain, *head, *title, *bad, *warn, *wrap;
} fb;

static bool ok(fb *t, lxw_error e)
{
    if (e != LXW_NO_ERROR && t->lerr == LXW_NO_ERROR)
        t->lerr = e;
    return t->lerr == LXW_NO_ERROR && t->err == TH_OK;
}

char *feedback_file_name(const char *prefix, const char *unit_code, int64_t as_of,
                         int utc_offset_min, const char *ext)
{
    size_t n = strlen(unit_code);
    char *safe = malloc(n + 2);
    if (safe == NULL)
        return NULL;
    template_safe_name(unit_code, safe);
    int64_t day;
    int secs, y, m, d;
    field_local_split(as_of, utc_offset_min, &day, &secs);
    field_civil_split((civil_day)day, &y, &m, &d);
    strbuf b;
    strbuf_init(&b);
    strbuf_addf(&b, "%s_%s_%04d%02d%02d%s", prefix, safe, y, m, d, ext);
    free(safe);
    return strbuf_detach(&b, NULL);
}

/* Writes text as a string cell, made safe for Excel first. */
static void put(fb *t, lxw_worksheet *ws, size_t row, size_t col, const char *text, lxw_format *f)
{
    char *copy = NULL;
    th_error rc = export_xlsx_text(text, &copy);
    if (rc != TH_OK) {
        t->err = rc;
        return;
    }
    ok(t, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, copy ? copy : text, f));
    free(copy);
}

static lxw_format *new_format(fb *t)
{
    lxw_format *f = workbook_add_format(t->wb);
    if (f == NULL) {
        ok(t, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 12);
    return f;
}

static void make_formats(fb *t)
{
    lxw_format **all[] = {&t->plain, &t->head, &t->title, &t->bad, &t->warn, &t->wrap};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if ((*all[i] = new_format(t)) == NULL)
            return;
    format_set_bold(t->head);
    format_set_bg_color(t->head, 0xD9E1F2);
    format_set_border(t->head, LXW_BORDER_THIN);
    format_set_bold(t->title);
    format_set_font_size(t->title, 14);
    format_set_bg_color(t->bad, COLOR_ERROR);
    format_set_bg_color(t->warn, COLOR_WARNING);
    format_set_text_wrap(t->wrap);
    format_set_align(t->wrap, LXW_ALIGN_VERTICAL_TOP);
}

/* "Lỗi [bad-date] message — 'detail'": one finding in plain language. */
static void describe(const finding *f, th_lang lang, strbuf *out)
{
    strbuf_addf(out, "%s [%s]: %s", finding_severity_label(finding_code_severity(f->code), lang),
                finding_code_name(f->code), finding_code_message(f->code, lang));
    char *detail = finding_detail_text(f, lang);
    if (detail == NULL)
        out->failed = true;
    else if (*detail != '\0')
        strbuf_addf(out, " — %s", detail);
    free(detail);
}

static int by_cell(const void *a, const void *b)
{
    const mark *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* Gathers the findings of file into marks (*out, *n), one per cell. */
static th_error gather_marks(const feedback_file *file, th_lang lang, mark **out, size_t *n)
{
    size_t cap = file->findings->count;
    mark *marks = calloc(cap ? cap : 1, sizeof *marks);
    *out = marks;
    *n = 0;
    if (marks == NULL)
        return TH_ERR_NOMEM;
    for (size_t i = 0; i < file->findings->count; i++) {
        const finding *f = &file->findings->items[i];
        if (f->row == 0)
            continue; /* about the whole file: the list says it */
        size_t row = f->row - 1, col = f->column > 0 ? f->column - 1 : 0;
        mark *m = NULL;
        for (size_t k = 0; k < *n && m == NULL; k++) /* few findings per file */
            if (marks[k].row == row && marks[k].col == col)
                m = &marks[k];
        if (m == NULL) {
            m = &marks[(*n)++];
            m->row = row;
            m->col = col;
            m->worst = FINDING_WARNING;
            strbuf_init(&m->text);
        } else {
            strbuf_adds(&m->text, "\n\n");
        }
        finding_severity sev = finding_code_severity(f->code);
        if (sev < m->worst)
            m->worst = sev;
        describe(f, lang, &m->text);
        if (m->text.failed)
            return TH_ERR_NOMEM;
    }
    qsort(marks, *n, sizeof *marks, by_cell);
    return TH_OK;
}

static void release_marks(mark *marks, size_t n)
{
    for (size_t i = 0; i < n; i++)
        strbuf_release(&marks[i].text);
    free(marks);
}

static const mark *find_mark(const mark *marks, size_t n, size_t row, size_t col)
{
    mark key = {.row = row, .col = col};
    return bsearch(&key, marks, n, sizeof *marks, by_cell);
}

static lxw_format *mark_format(fb *t, const mark *m, lxw_format *otherwise)
{
    if (m == NULL)
        return otherwise;
    return m->worst == FINDING_WARNING ? t->warn : t->bad;
}

/* The rows of file as sent, marked, on a sheet of their own. */
static void write_rows(fb *t, const feedback_file *file, size_t index)
{
    char name[64];
    if (index == 0)
        snprintf(name, sizeof name, "%s", DATA_SHEET);
    else
        snprintf(name, sizeof name, "%s (%zu)", DATA_SHEET, index + 1);
    lxw_worksheet *ws = workbook_add_worksheet(t->wb, name);
    mark *marks = NULL;
    size_t n = 0;
    if (ws == NULL) {
        ok(t, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    if ((t->err = gather_marks(file, t->in->lang, &marks, &n)) != TH_OK) {
        release_marks(marks, n);
        return;
    }
    const raw_table *tab = file->table;
    size_t width = 0;
    for (size_t r = 0; r < tab->nrecords && ok(t, LXW_NO_ERROR); r++) {
        const raw_record *rec = &tab->records[r];
        if (rec->line == 0 || rec->line > LXW_ROW_MAX)
            continue;
        width = rec->ncells > width ? rec->ncells : width;
        for (size_t col = 0; col < rec->ncells && col < LXW_COL_MAX; col++)
            put(t, ws, rec->line - 1, col, rec->cells[col],
                mark_format(t, find_mark(marks, n, rec->line - 1, col), r == 0 ? t->head : NULL));
    }
    lxw_comment_options opt = {.author = "tonghop", .width = 360, .height = 140};
    for (size_t i = 0; i < n && ok(t, LXW_NO_ERROR); i++) {
        const mark *m = &marks[i];
        if (m->row >= LXW_ROW_MAX || m->col >= LXW_COL_MAX)
            continue;
        /* a cell past the row's last one (a missing value) still shows */
        const raw_record *rec = NULL;
        for (size_t r = 0; r < tab->nrecords && rec == NULL; r++)
            if (tab->records[r].line == m->row + 1)
                rec = &tab->records[r];
        if (rec == NULL || m->col >= rec->ncells)
            ok(t, worksheet_write_blank(ws, (lxw_row_t)m->row, (lxw_col_t)m->col,
                                        mark_format(t, m, NULL)));
        char *safe = NULL;
        if ((t->err = export_xlsx_text(m->text.buf, &safe)) != TH_OK)
            break;
        ok(t, worksheet_write_comment_opt(ws, (lxw_row_t)m->row, (lxw_col_t)m->col,
                                          safe ? safe : m->text.buf, &opt));
        free(safe);
    }
    ok(t, worksheet_set_column(ws, 0, (lxw_col_t)(width ? width - 1 : 0), 18, NULL));
    worksheet_freeze_panes(ws, 1, 0);
    release_marks(marks, n);
}

/* One line of the findings sheet. */
static void list_finding(fb *t, lxw_worksheet *ws, size_t row, const finding *f)
{
    th_lang lang = t->in->lang;
    put(t, ws, row, 0, f->file, t->wrap);
    if (f->row > 0)
        ok(t, worksheet_write_number(ws, (lxw_row_t)row, 1, (double)f->row, t->plain));
    if (f->column > 0) {
        char buf[64];
        finding_column_letters(f->column, buf, sizeof buf);
        strbuf col;
        strbuf_init(&col);
        strbuf_adds(&col, buf);
        if (*f->column_name)
            strbuf_addf(&col, " (%s)", f->column_name);
        put(t, ws, row, 2, col.failed ? buf : col.buf, t->wrap);
        strbuf_release(&col);
    }
    finding_severity sev = finding_code_severity(f->code);
    put(t, ws, row, 3, finding_severity_label(sev, lang),
        sev == FINDING_WARNING ? t->warn : t->bad);
    strbuf text;
    strbuf_init(&text);
    strbuf_adds(&text, finding_code_message(f->code, lang));
    char *detail = finding_detail_text(f, lang);
    if (detail != NULL && *detail != '\0')
        strbuf_addf(&text, " — %s", detail);
    free(detail);
    if (text.failed || detail == NULL)
        t->err = TH_ERR_NOMEM;
    else
        put(t, ws, row, 4, text.buf, t->wrap);
    put(t, ws, row, 5, finding_code_name(f->code), t->plain);
    strbuf_release(&text);
}

/* The list of every finding of every file. */
static void write_list(fb *t)
{
    const feedback_input *in = t->in;
    th_lang lang = in->lang;
    lxw_worksheet *ws = workbook_add_worksheet(t->wb, LIST_SHEET);
    if (ws == NULL) {
        ok(t, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    strbuf title;
    strbuf_init(&title);
    strbuf_addf(&title, i18n_text_in(lang, N_("Feedback on the report of %s")),
                in->c->units[in->unit].name);
    put(t, ws, 0, 0, title.failed ? "" : title.buf, t->title);
    strbuf_release(&title);
    put(t, ws, 1, 0,
        i18n_text_in(lang, N_("Red cells: errors, the row is not counted — fix them and send the "
                              "whole file again. Yellow cells: warnings, counted — please check. "
                              "Hover a cell for its note.")),
        t->plain);
    static const char *const head[] = {N_("File"),     N_("Row"),     N_("Column"),
                                       N_("Severity"), N_("Message"), N_("Code")};
    for (size_t i = 0; i < 6; i++)
        put(t, ws, 3, i, i18n_text_in(lang, head[i]), t->head);
    size_t row = 4;
    for (size_t k = 0; k < in->nfiles; k++)
        for (size_t i = 0; i < in->files[k].findings->count && ok(t, LXW_NO_ERROR); i++)
            list_finding(t, ws, row++, &in->files[k].findings->items[i]);
    ok(t, worksheet_set_column(ws, 0, 0, 28, NULL));
    ok(t, worksheet_set_column(ws, 1, 1, 7, NULL));
    ok(t, worksheet_set_column(ws, 2, 2, 22, NULL));
    ok(t, worksheet_set_column(ws, 3, 3, 11, NULL));
    ok(t, worksheet_set_column(ws, 4, 4, 80, NULL));
    ok(t, worksheet_set_column(ws, 5, 5, 20, NULL));
    worksheet_freeze_panes(ws, 4, 0);
}

/* The required categories the unit still owes. */
static void write_owed(fb *t)
{
    th_lang lang = t->in->lang;
    lxw_worksheet *ws = workbook_add_worksheet(t->wb, OWED_SHEET);
    if (ws == NULL) {
        ok(t, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    const char *missing = t->in->missing;
    if (*missing == '\0') {
        put(t, ws, 0, 0, i18n_text_in(lang, N_("The unit has reported every required category.")),
            t->plain);
        return;
    }
    put(t, ws, 0, 0,
        i18n_text_in(lang, N_("Required categories the unit has not reported (no valid row yet):")),
        t->head);
    size_t row = 1;
    for (const char *p = missing; *p && ok(t, LXW_NO_ERROR); row++) {
        size_t len = strcspn(p, "\n");
        char *line = strndup(p, len);
        if (line == NULL) {
            t->err = TH_ERR_NOMEM;
            return;
        }
        put(t, ws, row, 0, line, t->plain);
        free(line);
        p += len + (p[len] == '\n');
    }
    ok(t, worksheet_set_column(ws, 0, 0, 90, NULL));
}

th_error feedback_write(const feedback_input *in, const char *path, char *err, size_t errlen)
{
    export_temp tmp = {NULL, -1};
    th_error rc = export_temp_create(path, &tmp, err, errlen);
    if (rc != TH_OK)
        return rc;
    fb t = {.in = in};
    lxw_workbook_options wopt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    t.wb = workbook_new_opt(tmp.path, &wopt);
    if (t.wb == NULL) {
        export_temp_discard(&tmp);
        snprintf(err, errlen, _("cannot start the workbook '%s'"), tmp.path);
        return TH_ERR_NOMEM;
    }
    lxw_doc_properties props = {
        .title = "Phản hồi báo cáo", .author = "tonghop", .created = (time_t)in->as_of};
    ok(&t, workbook_set_properties(t.wb, &props));
    make_formats(&t);
    for (size_t k = 0; k < in->nfiles && ok(&t, LXW_NO_ERROR); k++)
        write_rows(&t, &in->files[k], k);
    if (ok(&t, LXW_NO_ERROR))
        write_list(&t);
    if (ok(&t, LXW_NO_ERROR))
        write_owed(&t);
    errno = 0;
    lxw_error closed = workbook_close(t.wb);
    int saved = errno;
    ok(&t, closed);
    if (t.err == TH_OK && t.lerr == LXW_NO_ERROR)
        return export_temp_commit(&tmp, path, err, errlen);
    export_temp_discard(&tmp);
    if (t.err != TH_OK) {
        snprintf(err, errlen, "%s", th_strerror(t.err));
        return t.err;
    }
    snprintf(err, errlen, "libxlsxwriter: %s%s%s", lxw_strerror(t.lerr), saved ? ": " : "",
             saved ? strerror(saved) : "");
    if (t.lerr == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return TH_ERR_NOMEM;
    return saved == ENOSPC || saved == EFBIG || saved == EDQUOT ? TH_ERR_NOSPACE : TH_ERR_IO;
}
