/*
 * workbook.c - the consolidated workbook: opening it in constant-memory mode
 * with its temporary files next to the output, the formats, the official
 * header block and print set-up of every sheet, the document properties,
 * and closing it with libxlsxwriter's errors turned into tonghop's.
 *
 * The file is written under a temporary name in the output's folder, checked
 * (wb_verify) and only then renamed into place; on any failure it is removed.
 */
#include "workbook.h"

#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "array.h"
#include "strbuf.h"
#include "text.h"
#include "th_limits.h"

#define FONT "Times New Roman"
#define MM(x) ((x) / 25.4) /* libxlsxwriter takes margins in inches */

/* ---- errors ------------------------------------------------------------- */

bool wb_check(wb_ctx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->lerr == LXW_NO_ERROR)
        x->lerr = e;
    return x->lerr == LXW_NO_ERROR && x->err == TH_OK;
}

static bool live(const wb_sheet *sh)
{
    return sh->x->lerr == LXW_NO_ERROR && sh->x->err == TH_OK;
}

static th_error map_error(lxw_error e, int saved_errno)
{
    switch (e) {
    case LXW_NO_ERROR:
        return TH_OK;
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
        return TH_ERR_NOMEM;
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
    case LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED:
        return TH_ERR_LIMIT;
    default:
        return saved_errno == ENOSPC || saved_errno == EFBIG || saved_errno == EDQUOT
                   ? TH_ERR_NOSPACE
                   : TH_ERR_IO;
    }
}

/* ---- cells -------------------------------------------------------------- */

static void note_row(wb_sheet *sh)
{
    sh->x->last_rows[sh->index] = sh->row + 1;
}

/* Returns what to write for text: text itself, or a safe copy left in
 * *copy for the caller to free (export_xlsx_text); NULL when the sheet has
 * already failed or memory ran out (the error is kept in the context). */
static const char *cell_text(wb_sheet *sh, const char *text, char **copy)
{
    *copy = NULL;
    if (!live(sh))
        return NULL;
    th_error rc = export_xlsx_text(text, copy);
    if (rc != TH_OK) {
        sh->x->err = rc;
        return NULL;
    }
    return *copy ? *copy : text;
}

void wb_str(wb_sheet *sh, int col, const char *text, wb_format f)
{
    char *copy;
    const char *safe = cell_text(sh, text, &copy);
    if (safe == NULL)
        return;
    wb_check(sh->x, worksheet_write_string(sh->ws, sh->row, (lxw_col_t)col, safe, sh->x->fmt[f]));
    free(copy);
    note_row(sh);
}

void wb_num(wb_sheet *sh, int col, double value, wb_format f)
{
    if (live(sh) && wb_check(sh->x, worksheet_write_number(sh->ws, sh->row, (lxw_col_t)col, value,
                                                           sh->x->fmt[f])))
        note_row(sh);
}

void wb_blank(wb_sheet *sh, int col, wb_format f)
{
    if (live(sh) &&
        wb_check(sh->x, worksheet_write_blank(sh->ws, sh->row, (lxw_col_t)col, sh->x->fmt[f])))
        note_row(sh);
}

void wb_formula(wb_sheet *sh, int col, const char *formula, double cached, wb_format f)
{
    if (live(sh) && wb_check(sh->x, worksheet_write_formula_num(sh->ws, sh->row, (lxw_col_t)col,
                                                                formula, sh->x->fmt[f], cached)))
        note_row(sh);
}

static void write_datetime(wb_sheet *sh, int col, int64_t days, int secs, wb_format f)
{
    lxw_datetime dt = {0, 0, 0, secs / 3600, secs / 60 % 60, secs % 60};
    int y, mo, d;
    field_civil_split((civil_day)days, &y, &mo, &d);
    dt.year = y;
    dt.month = mo;
    dt.day = d;
    if (live(sh) && wb_check(sh->x, worksheet_write_datetime(sh->ws, sh->row, (lxw_col_t)col, &dt,
                                                             sh->x->fmt[f])))
        note_row(sh);
}

void wb_day(wb_sheet *sh, int col, civil_day day, wb_format f)
{
    write_datetime(sh, col, day, 0, f);
}

void wb_time(wb_sheet *sh, int col, int64_t epoch, wb_format f)
{
    int64_t days;
    int secs;
    field_local_split(epoch, sh->x->m->c->utc_offset_min, &days, &secs);
    write_datetime(sh, col, days, secs, f);
}

void wb_merge(wb_sheet *sh, int first_col, int last_col, const char *text, wb_format f)
{
    if (first_col >= last_col) {
        wb_str(sh, first_col, text, f);
        return;
    }
    char *copy;
    const char *safe = cell_text(sh, text, &copy);
    if (safe == NULL)
        return;
    wb_check(sh->x, worksheet_merge_range(sh->ws, sh->row, (lxw_col_t)first_col, sh->row,
                                          (lxw_col_t)last_col, safe, sh->x->fmt[f]));
    free(copy);
    note_row(sh);
}

/* Lines text takes in a column width characters wide. */
static double text_lines(const char *text, double width)
{
    double lines = 0;
    for (const char *p = text;; p++) {
        size_t n = strcspn(p, "\n");
        double points = (double)text_code_points(p, n);
        double l = (double)(long)((points + width - 1) / width);
        lines += l < 1 ? 1 : l;
        p += n;
        if (*p == '\0')
            break;
    }
    return lines;
}

void wb_fit_row(wb_sheet *sh, int n, const char *const *texts, const double *widths)
{
    double lines = 1;
    for (int i = 0; i < n; i++) {
        /* Times New Roman fits about 1.2 characters per unit of width */
        double l = text_lines(texts[i], widths[i] * 1.2 - 1);
        lines = l > lines ? l : lines;
    }
    if (lines > 1 && live(sh))
        wb_check(sh->x, worksheet_set_row(sh->ws, sh->row, lines > 27 ? 409 : 15 * lines, NULL));
}

void wb_next_row(wb_sheet *sh)
{
    sh->row++;
}

void wb_conditional(wb_sheet *sh, lxw_row_t first, lxw_row_t last, const char *formula, wb_format f)
{
    if (!live(sh) || last < first)
        return;
    lxw_conditional_format cf = {0};
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = (char *)formula;
    cf.format = sh->x->fmt[f];
    wb_check(sh->x, worksheet_conditional_format_range(sh->ws, first, 0, last,
                                                       (lxw_col_t)(sh->ncols - 1), &cf));
}

void wb_highlight_equal(wb_sheet *sh, lxw_row_t first, lxw_row_t last, int col, const char *text,
                        wb_format f)
{
    char ref[LXW_MAX_COL_NAME_LENGTH];
    strbuf formula = STRBUF_INIT;
    lxw_col_to_name(ref, (lxw_col_t)col, LXW_TRUE);
    strbuf_addf(&formula, "=%s%u=\"%s\"", ref, (unsigned)first + 1, text);
    if (formula.failed)
        sh->x->err = TH_ERR_NOMEM;
    wb_conditional(sh, first, last, formula.buf, f);
    strbuf_release(&formula);
}

/* ---- formats ------------------------------------------------------------ */

static lxw_format *new_format(lxw_workbook *wb, int size, bool bold)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, FONT);
    format_set_font_size(f, size);
    if (bold)
        format_set_bold(f);
    return f;
}

static lxw_format *cell_format(lxw_workbook *wb, bool bold, uint8_t align, const char *num)
{
    lxw_format *f = new_format(wb, 11, bold);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, align);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f);
    if (num != NULL)
        format_set_num_format(f, num);
    return f;
}

static lxw_format *highlight(lxw_workbook *wb, lxw_color_t bg, lxw_color_t fg)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_bg_color(f, bg);
    format_set_font_color(f, fg);
    return f;
}

static void make_formats(wb_ctx *x)
{
    lxw_workbook *wb = x->wb;
    lxw_format **f = x->fmt;
    f[F_ORG] = new_format(wb, 12, false);
    f[F_ORG_BOLD] = new_format(wb, 12, true);
    f[F_TITLE] = new_format(wb, 14, true);
    f[F_SUBTITLE] = new_format(wb, 13, true);
    f[F_NOTE] = new_format(wb, 12, false);
    format_set_italic(f[F_NOTE]);
    for (int i = F_ORG; i <= F_NOTE; i++)
        format_set_align(f[i], LXW_ALIGN_CENTER);
    f[F_HEAD] = cell_format(wb, true, LXW_ALIGN_CENTER, NULL);
    f[F_TEXT] = cell_format(wb, false, LXW_ALIGN_LEFT, NULL);
    f[F_CENTER] = cell_format(wb, false, LXW_ALIGN_CENTER, NULL);
    f[F_INT] = cell_format(wb, false, LXW_ALIGN_RIGHT, "#,##0");
    f[F_DATE] = cell_format(wb, false, LXW_ALIGN_CENTER, "dd/mm/yyyy");
    f[F_DATETIME] = cell_format(wb, false, LXW_ALIGN_CENTER, "dd/mm/yyyy hh:mm");
    f[F_SUM_TEXT] = cell_format(wb, true, LXW_ALIGN_LEFT, NULL);
    f[F_SUM_INT] = cell_format(wb, true, LXW_ALIGN_RIGHT, "#,##0");
    f[F_TOTAL_TEXT] = cell_format(wb, true, LXW_ALIGN_CENTER, NULL);
    f[F_TOTAL_INT] = cell_format(wb, true, LXW_ALIGN_RIGHT, "#,##0");
    format_set_bg_color(f[F_SUM_TEXT], 0xF2F2F2);
    format_set_bg_color(f[F_SUM_INT], 0xF2F2F2);
    format_set_bg_color(f[F_TOTAL_TEXT], 0xD9E1F2);
    format_set_bg_color(f[F_TOTAL_INT], 0xD9E1F2);
    f[F_CF_MISSING] = highlight(wb, 0xFFC7CE, 0x9C0006);
    f[F_CF_LATE] = highlight(wb, 0xFCE4D6, 0x833C0B);
    f[F_CF_INCOMPLETE] = highlight(wb, 0xFFF2CC, 0x7F6000);
}

/* ---- the sheet frame ---------------------------------------------------- */

static void print_setup(wb_sheet *sh)
{
    lxw_worksheet *ws = sh->ws;
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, MM(30), MM(15), MM(20), MM(20)); /* Nghị định 30/2020 */
    worksheet_center_horizontally(ws);
    wb_check(sh->x, worksheet_set_footer(ws, "&C&\"" FONT ",Regular\"&11Trang &P/&N"));
}

/* Rows 0..WB_HEAD_ROW-1: issuing body left, national motto right, heading,
 * campaign title, the letter and the as-of line. */
static void header_block(wb_sheet *sh, const char *heading)
{
    const campaign *c = sh->x->m->c;
    int last = sh->ncols - 1, left = sh->ncols * 2 / 5 - 1;
    char line[512];
    wb_merge(sh, 0, left, c->issuer, F_ORG);
    wb_merge(sh, left + 1, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", F_ORG_BOLD);
    wb_next_row(sh);
    wb_merge(sh, 0, left, c->consolidator, F_ORG_BOLD);
    wb_merge(sh, left + 1, last, "Độc lập - Tự do - Hạnh phúc", F_ORG_BOLD);
    wb_next_row(sh);
    wb_next_row(sh);
    wb_merge(sh, 0, last, heading, F_TITLE);
    wb_next_row(sh);
    wb_merge(sh, 0, last, sh->x->title_upper, F_SUBTITLE);
    wb_next_row(sh);
    snprintf(line, sizeof line, "(Kèm theo báo cáo thực hiện Công văn số %s)", c->letter);
    wb_merge(sh, 0, last, line, F_NOTE);
    wb_next_row(sh);
    snprintf(line, sizeof line, "Số liệu tính đến %s", sh->x->as_of_text);
    wb_merge(sh, 0, last, line, F_NOTE);
    sh->row = WB_HEAD_ROW;
}

static bool grow_sheets(wb_ctx *x)
{
    if (array_reserve(&x->last_rows, &x->capsheets, x->nsheets + 1, sizeof *x->last_rows))
        return true;
    x->err = TH_ERR_NOMEM;
    return false;
}

bool wb_sheet_begin(wb_ctx *x, wb_sheet *sh, const char *name, const char *heading,
                    const double *widths, int ncols)
{
    memset(sh, 0, sizeof *sh);
    sh->x = x;
    sh->ncols = ncols;
    if (x->lerr != LXW_NO_ERROR || x->err != TH_OK || !grow_sheets(x))
        return false;
    sh->ws = workbook_add_worksheet(x->wb, name);
    if (sh->ws == NULL) {
        wb_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return false;
    }
    sh->index = x->nsheets++;
    x->last_rows[sh->index] = 0;
    for (int i = 0; i < ncols; i++)
        worksheet_set_column(sh->ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
    print_setup(sh);
    header_block(sh, heading);
    return live(sh);
}

void wb_table_header(wb_sheet *sh, const char *const *titles)
{
    if (!live(sh))
        return;
    wb_check(sh->x, worksheet_set_row(sh->ws, sh->row, 48, NULL));
    for (int i = 0; i < sh->ncols; i++)
        wb_str(sh, i, titles[i], F_HEAD);
    wb_check(sh->x, worksheet_repeat_rows(sh->ws, sh->row, sh->row));
    wb_next_row(sh);
}

/* ---- the workbook ------------------------------------------------------- */

static void set_properties(wb_ctx *x)
{
    const campaign *c = x->m->c;
    char title[512], subject[512];
    snprintf(title, sizeof title, "Bảng tổng hợp kết quả tổ chức %s", c->title);
    snprintf(subject, sizeof subject, "Kèm theo báo cáo thực hiện Công văn số %s", c->letter);
    lxw_doc_properties p = {0};
    p.title = title;
    p.subject = subject;
    p.author = c->consolidator;
    p.company = c->issuer;
    p.created = (time_t)x->m->as_of; /* non-zero: reproducible bytes */
    wb_check(x, workbook_set_properties(x->wb, &p));
}

/* About what constant-memory mode needs in temporary space (twice the
 * detail's XML, docs/design.md §11.1) plus the file itself: refuse early rather than
 * write a truncated sheet. */
static th_error check_space(const export_model *m, const char *dir, char *err, size_t errlen)
{
    struct statvfs vfs;
    uint64_t rows = 0;
    for (size_t u = 0; u < m->c->nunits; u++)
        rows += m->units[u].activities;
    uint64_t need = rows * LIMIT_EXPORT_BYTES_PER_ROW +
                    m->nsubs * LIMIT_EXPORT_BYTES_PER_SUBMISSION + LIMIT_EXPORT_BYTES_FIXED;
    if (statvfs(dir, &vfs) != 0)
        return TH_OK; /* cannot tell: the verification still guards */
    uint64_t have = (uint64_t)vfs.f_bavail * vfs.f_frsize;
    if (have >= need)
        return TH_OK;
    snprintf(err, errlen, "not enough free space in '%s': about %llu MB needed, %llu MB free", dir,
             (unsigned long long)(need >> 20), (unsigned long long)(have >> 20));
    return TH_ERR_NOSPACE;
}

static void write_sheets(wb_ctx *x)
{
    make_formats(x);
    set_properties(x);
    sheet_summary(x);
    sheet_categories(x);
    sheet_detail(x);
    sheet_missing(x);
    sheet_findings(x);
    sheet_ledger(x);
    sheet_chart(x);
}

/* In constant-memory mode each sheet's rows go to a temporary file as they
 * are written, and libxlsxwriter ignores a failed write there (a full disk,
 * a file-size limit).  The stream's error flag is sticky, so one look at it
 * before workbook_close tells whether every row reached the disk: a row
 * lost anywhere, not only at the end, is caught without reading anything
 * back.  What workbook_close itself writes is checked by wb_verify. */
static bool rows_on_disk(lxw_workbook *wb)
{
    lxw_worksheet *ws;
    bool ok = true;
    LXW_FOREACH_WORKSHEET(ws, wb)
    {
        if (ws->optimize_tmpfile != NULL &&
            (fflush(ws->optimize_tmpfile) != 0 || ferror(ws->optimize_tmpfile)))
            ok = false;
    }
    return ok;
}

/* Frees wb without writing it: workbook_close would still compress every
 * sheet into a file that is to be removed. */
static void discard_workbook(lxw_workbook *wb)
{
    lxw_worksheet *ws;
    LXW_FOREACH_WORKSHEET(ws, wb)
    {
        if (ws->optimize_tmpfile != NULL)
            fclose(ws->optimize_tmpfile);
        ws->optimize_tmpfile = NULL;
    }
    lxw_workbook_free(wb);
}

/* Opens, writes and closes the workbook at tmp (in folder dir). */
static th_error write_workbook(wb_ctx *x, const char *tmp, char *dir, char *err, size_t errlen)
{
    lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = dir};
    x->wb = workbook_new_opt(tmp, &opts);
    if (x->wb == NULL) {
        snprintf(err, errlen, "cannot start the workbook '%s'", tmp);
        return TH_ERR_NOMEM;
    }
    write_sheets(x);
    if (x->err == TH_OK && x->lerr == LXW_NO_ERROR && !rows_on_disk(x->wb)) {
        discard_workbook(x->wb);
        x->wb = NULL;
        snprintf(err, errlen,
                 "the workbook '%s' is incomplete (rows could not be written to the temporary "
                 "files in '%s'): is the disk full?",
                 tmp, dir);
        return TH_ERR_NOSPACE;
    }
    errno = 0;
    lxw_error closed = workbook_close(x->wb);
    int saved = errno;
    x->wb = NULL;
    wb_check(x, closed);
    if (x->err != TH_OK) {
        snprintf(err, errlen, "%s", th_strerror(x->err));
        return x->err;
    }
    if (x->lerr != LXW_NO_ERROR) {
        snprintf(err, errlen, "libxlsxwriter: %s%s%s", lxw_strerror(x->lerr), saved ? ": " : "",
                 saved ? strerror(saved) : "");
        return map_error(x->lerr, saved);
    }
    return wb_verify(tmp, x->last_rows, x->nsheets, err, errlen);
}

th_error export_workbook(const export_model *m, const char *path, const workbook_options *o,
                         char *err, size_t errlen)
{
    wb_ctx x = {0};
    x.m = m;
    x.detail_rows_per_sheet = o->detail_rows_per_sheet;
    field_format_time(m->as_of, m->c->utc_offset_min, x.as_of_text, sizeof x.as_of_text);
    x.title_upper = text_upper(m->c->title);
    export_temp tmp = {NULL, -1};
    char *dircopy = strdup(path);
    th_error rc = x.title_upper && dircopy ? TH_OK : TH_ERR_NOMEM;
    char *dir = dircopy ? dirname(dircopy) : NULL;
    if (rc == TH_OK)
        rc = export_temp_create(path, &tmp, err, errlen);
    if (rc == TH_OK)
        rc = check_space(m, dir, err, errlen);
    if (rc == TH_OK)
        rc = write_workbook(&x, tmp.path, dir, err, errlen);
    if (rc == TH_OK)
        rc = export_temp_commit(&tmp, path, err, errlen);
    else
        export_temp_discard(&tmp);
    free(dircopy);
    free(x.title_upper);
    free(x.last_rows);
    return rc;
}
