/*
 * workbook.c - what every sheet of the consolidated workbook shares: the
 * cell writers (measuring or writing), the formats, row heights and page
 * breaks, the official frame (issuing body, national motto, rules, place and
 * date, appendix label, title), the legend and the signature block, and the
 * print set-up (A4, Nghị định 30/2020 margins, "Trang x/y" per sheet).
 *
 * workbook_write.c opens and closes the workbook; this file never calls a
 * sheet, and the sheets never open or close anything.
 */
#include "workbook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- page geometry ------------------------------------------------------ */

/* A4 landscape with the margins of Nghị định 30/2020 (left 30 mm, right
 * 15 mm, top and bottom 20 mm): 714 x 482 points of body.  Column widths
 * are chosen so that LibreOffice's rendering of them (a character unit of
 * 5.5 pt plus 3.7 pt, about 4 % wider than Excel's 5.25 pt plus 3.75 pt)
 * still fits,
 * so neither client needs to shrink the page: text prints at its size. */
#define PAGE_WIDTH_PT 676.0
#define PAGE_HEIGHT_PT 468.0 /* 482 less a margin for rounding in the clients */
#define CELL_PAD_PT 5.0      /* a cell's inner padding, both sides (3.75 pt in Excel) */
#define METRIC_SLACK 1.03    /* text drawn on screen grids runs a little wider */
#define LINE_FACTOR 1.2      /* line height / font size, Times New Roman */
#define ROW_PAD_PT 4.0
#define BODY_PT 11.0  /* the table's text: 11 pt printed at 100 % */
#define SMALL_PT 10.0 /* or 10 pt when a sheet's columns need it */

static double excel_chars(double points)
{
    double c = (points - 3.75) / 5.25;
    return c < 1 ? 1 : c;
}

static double row_points(int lines, double size)
{
    return lines * size * LINE_FACTOR + ROW_PAD_PT;
}

/* Width of columns [first, last] of sh, points. */
static double span_width(const wb_sheet *sh, int first, int last)
{
    double w = 0;
    for (int c = first; c <= last; c++)
        w += sh->width[c];
    return w;
}

/* ---- cells -------------------------------------------------------------- */

static void note_row(wb_sheet *sh)
{
    sh->x->last_rows[sh->index] = sh->row + 1;
}

/* Records (measuring) or makes room for (writing) text in column col with
 * format f. */
static void fit_text(wb_sheet *sh, int col, const char *text, wb_format f)
{
    double size = sh->x->size[sh->set][f];
    bool bold = sh->x->bold[f];
    if (sh->measuring &&
        (f == F_INT || f == F_SUM_INT || f == F_TOTAL_INT || f == F_DATE || f == F_DATETIME)) {
        /* numbers and dates never wrap: their whole text is one word */
        double w = wb_text_points(text, size, bold);
        sh->word[col] = w > sh->word[col] ? w : sh->word[col];
        sh->text[col] = w > sh->text[col] ? w : sh->text[col];
        return;
    }
    if (sh->measuring) {
        wb_extent e = {&sh->word[col], &sh->text[col], &sh->ink[col], &sh->cells[col]};
        wb_measure_text(text, size, bold, f != F_HEAD, &e);
        return;
    }
    double h = row_points(wb_text_lines(text, sh->width[col] - CELL_PAD_PT, size, bold), size);
    if (h > sh->row_height)
        sh->row_height = h;
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
    fit_text(sh, col, safe, f);
    if (!sh->measuring) {
        wb_check(sh->x, worksheet_write_string(sh->ws, sh->row, (lxw_col_t)col, safe,
                                               sh->x->fmt[sh->set][f]));
        note_row(sh);
    }
    free(copy);
}

/* Text of value as "#,##0" shows it. */
static void number_text(double value, char *buf, size_t len)
{
    char digits[32];
    double a = value < 0 ? -value : value;
    if (a < 1e15) { /* the counts and sums of a report: no printf needed */
        long long n = (long long)(a + 0.5);
        size_t i = sizeof digits - 1;
        digits[i] = '\0';
        do {
            digits[--i] = (char)('0' + n % 10);
            n /= 10;
        } while (n > 0);
        memmove(digits, digits + i, sizeof digits - i);
    } else {
        snprintf(digits, sizeof digits, "%.0f", a);
    }
    size_t n = strlen(digits), o = 0;
    if (value < 0 && o + 1 < len)
        buf[o++] = '-';
    for (size_t i = 0; i < n && o + 2 < len; i++) {
        buf[o++] = digits[i];
        if ((n - i - 1) % 3 == 0 && i + 1 < n)
            buf[o++] = ',';
    }
    buf[o] = '\0';
}

static void fit_number(wb_sheet *sh, int col, double value, wb_format f)
{
    if (!sh->measuring)
        return; /* one line: the row is at least that high */
    char buf[48];
    number_text(value, buf, sizeof buf);
    fit_text(sh, col, buf, f);
}

void wb_num(wb_sheet *sh, int col, double value, wb_format f)
{
    if (!live(sh))
        return;
    fit_number(sh, col, value, f);
    if (!sh->measuring && wb_check(sh->x, worksheet_write_number(sh->ws, sh->row, (lxw_col_t)col,
                                                                 value, sh->x->fmt[sh->set][f])))
        note_row(sh);
}

void wb_blank(wb_sheet *sh, int col, wb_format f)
{
    if (live(sh) && !sh->measuring &&
        wb_check(sh->x,
                 worksheet_write_blank(sh->ws, sh->row, (lxw_col_t)col, sh->x->fmt[sh->set][f])))
        note_row(sh);
}

void wb_formula(wb_sheet *sh, int col, const char *formula, double cached, wb_format f)
{
    if (!live(sh))
        return;
    fit_number(sh, col, cached, f);
    if (!sh->measuring &&
        wb_check(sh->x, worksheet_write_formula_num(sh->ws, sh->row, (lxw_col_t)col, formula,
                                                    sh->x->fmt[sh->set][f], cached)))
        note_row(sh);
}

static void write_datetime(wb_sheet *sh, int col, int64_t days, int secs, wb_format f)
{
    if (!live(sh))
        return;
    if (sh->measuring) {
        fit_text(sh, col, f == F_DATETIME ? "00/00/0000 00:00" : "00/00/0000", f);
        return;
    }
    lxw_datetime dt = {0, 0, 0, secs / 3600, secs / 60 % 60, secs % 60};
    int y, mo, d;
    field_civil_split((civil_day)days, &y, &mo, &d);
    dt.year = y;
    dt.month = mo;
    dt.day = d;
    if (wb_check(sh->x, worksheet_write_datetime(sh->ws, sh->row, (lxw_col_t)col, &dt,
                                                 sh->x->fmt[sh->set][f])))
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
    if (sh->measuring)
        return;
    if (first_col >= last_col) {
        wb_str(sh, first_col, text, f);
        return;
    }
    char *copy;
    const char *safe = cell_text(sh, text, &copy);
    if (safe == NULL)
        return;
    double width = span_width(sh, first_col, last_col) - CELL_PAD_PT;
    double size = sh->x->size[sh->set][f];
    double h = row_points(wb_text_lines(safe, width, size, sh->x->bold[f]), size);
    if (h > sh->row_height)
        sh->row_height = h;
    wb_check(sh->x, worksheet_merge_range(sh->ws, sh->row, (lxw_col_t)first_col, sh->row,
                                          (lxw_col_t)last_col, safe, sh->x->fmt[sh->set][f]));
    free(copy);
    note_row(sh);
}

void wb_row_height(wb_sheet *sh, double points)
{
    sh->fixed_height = points;
}

/* Counts the printed page: a row that does not fit on the current page
 * starts the next one, below the repeated header row. */
static void paginate(wb_sheet *sh, double h)
{
    if (sh->row > sh->head_row + 1 && sh->page_used + h > PAGE_HEIGHT_PT && sh->head_row > 0) {
        if (sh->nbreaks < LXW_BREAKS_MAX)
            sh->breaks[sh->nbreaks++] = sh->row;
        else
            sh->too_many_pages = true;
        sh->page_used = sh->head_height;
    }
    sh->page_used += h;
}

void wb_next_row(wb_sheet *sh)
{
    if (!sh->measuring) {
        double h = sh->fixed_height > 0 ? sh->fixed_height : sh->row_height;
        if (h <= 0)
            h = row_points(1, BODY_PT);
        if (sh->row == sh->head_row && sh->head_row > 0)
            sh->head_height = h;
        if (live(sh))
            wb_check(sh->x, worksheet_set_row(sh->ws, sh->row, h, NULL));
        paginate(sh, h);
        memmove(sh->recent, sh->recent + 1, sizeof sh->recent - sizeof sh->recent[0]);
        sh->recent[3] = h;
    }
    sh->row_height = 0;
    sh->fixed_height = 0;
    sh->row++;
}

void wb_conditional(wb_sheet *sh, lxw_row_t first, lxw_row_t last, const char *formula, wb_format f)
{
    if (!live(sh) || sh->measuring || last < first)
        return;
    lxw_conditional_format cf = {0};
    cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
    cf.value_string = (char *)formula;
    cf.format = sh->x->fmt[sh->set][f];
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

static lxw_format *new_format(wb_ctx *x, int set, wb_format id, double size, bool bold)
{
    lxw_format *f = workbook_add_format(x->wb);
    format_set_font_name(f, FONT);
    format_set_font_size(f, size);
    if (bold)
        format_set_bold(f);
    x->size[set][id] = size;
    x->bold[id] = bold;
    x->fmt[set][id] = f;
    return f;
}

/* The frame's formats are the same in both sets. */
static lxw_format *frame_format(wb_ctx *x, wb_format id, double size, bool bold, bool italic)
{
    lxw_format *f = new_format(x, 0, id, size, bold);
    if (italic)
        format_set_italic(f);
    format_set_align(f, LXW_ALIGN_CENTER);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f);
    x->fmt[1][id] = f;
    x->size[1][id] = size;
    return f;
}

static void cell_format(wb_ctx *x, wb_format id, bool bold, uint8_t align, const char *num,
                        lxw_color_t bg)
{
    for (int set = 0; set < 2; set++) {
        lxw_format *f = new_format(x, set, id, set ? SMALL_PT : BODY_PT, bold);
        format_set_border(f, LXW_BORDER_THIN);
        format_set_align(f, align);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        format_set_text_wrap(f);
        if (num != NULL)
            format_set_num_format(f, num);
        if (bg != LXW_COLOR_UNSET)
            format_set_bg_color(f, bg);
    }
}

/* The highlight colours: light fills with dark text, so that a page printed
 * in black and white stays readable (the status is also in words). */
static const lxw_color_t fills[3][2] = {
    {0xFFC7CE, 0x9C0006}, /* missing, rejected, row errors */
    {0xFCE4D6, 0x833C0B}, /* late */
    {0xFFF2CC, 0x7F6000}, /* incomplete, warnings */
};

static void highlight(wb_ctx *x, wb_format id, int which)
{
    lxw_format *f = workbook_add_format(x->wb);
    format_set_bg_color(f, fills[which][0]);
    format_set_font_color(f, fills[which][1]);
    x->fmt[0][id] = x->fmt[1][id] = f;
}

void wb_make_formats(wb_ctx *x)
{
    frame_format(x, F_ORG, 12, false, false);
    frame_format(x, F_ORG_BOLD, 12, true, false);
    frame_format(x, F_MOTTO, 13, true, false);
    frame_format(x, F_RULE, 12, false, false);
    format_set_align(x->fmt[0][F_RULE], LXW_ALIGN_VERTICAL_TOP);
    frame_format(x, F_PLACE, 13, false, true);
    frame_format(x, F_APPENDIX, 13, true, false);
    frame_format(x, F_TITLE, 14, true, false);
    frame_format(x, F_SUBTITLE, 13, true, false);
    frame_format(x, F_NOTE, 12, false, true);
    frame_format(x, F_SIGN_TITLE, 13, true, false);
    frame_format(x, F_SIGN_NOTE, 12, false, true);
    frame_format(x, F_SIGN_NAME, 13, true, false);
    frame_format(x, F_LEGEND, 11, false, false);
    format_set_align(x->fmt[0][F_LEGEND], LXW_ALIGN_LEFT);
    cell_format(x, F_HEAD, true, LXW_ALIGN_CENTER, NULL, 0xF2F2F2);
    cell_format(x, F_TEXT, false, LXW_ALIGN_LEFT, NULL, LXW_COLOR_UNSET);
    cell_format(x, F_CENTER, false, LXW_ALIGN_CENTER, NULL, LXW_COLOR_UNSET);
    cell_format(x, F_INT, false, LXW_ALIGN_RIGHT, "#,##0", LXW_COLOR_UNSET);
    cell_format(x, F_DATE, false, LXW_ALIGN_CENTER, "dd/mm/yyyy", LXW_COLOR_UNSET);
    cell_format(x, F_DATETIME, false, LXW_ALIGN_CENTER, "dd/mm/yyyy hh:mm", LXW_COLOR_UNSET);
    cell_format(x, F_SUM_TEXT, true, LXW_ALIGN_LEFT, NULL, 0xF2F2F2);
    cell_format(x, F_SUM_INT, true, LXW_ALIGN_RIGHT, "#,##0", 0xF2F2F2);
    cell_format(x, F_TOTAL_TEXT, true, LXW_ALIGN_CENTER, NULL, 0xD9E1F2);
    cell_format(x, F_TOTAL_INT, true, LXW_ALIGN_RIGHT, "#,##0", 0xD9E1F2);
    cell_format(x, F_KEY_MISSING, false, LXW_ALIGN_CENTER, NULL, fills[0][0]);
    cell_format(x, F_KEY_LATE, false, LXW_ALIGN_CENTER, NULL, fills[1][0]);
    cell_format(x, F_KEY_INCOMPLETE, false, LXW_ALIGN_CENTER, NULL, fills[2][0]);
    highlight(x, F_CF_MISSING, 0);
    highlight(x, F_CF_LATE, 1);
    highlight(x, F_CF_INCOMPLETE, 2);
}

/* ---- widths ------------------------------------------------------------- */

/* When the columns' widest words alone would not fit the page (a long URL,
 * a pasted formula), the widest columns are cut down to a common width so
 * that they do: such a word then breaks inside, rather than the whole page
 * being printed smaller than 10 pt. */
static void cap_widest(double *min, int n)
{
    if (n <= 0)
        return;
    double sum = 0;
    for (int c = 0; c < n; c++)
        sum += min[c];
    while (sum > PAGE_WIDTH_PT) {
        int widest = 0, count = 0;
        double second = 0;
        for (int c = 1; c < n; c++)
            widest = min[c] > min[widest] ? c : widest;
        for (int c = 0; c < n; c++) {
            count += min[c] == min[widest];
            if (min[c] < min[widest] && min[c] > second)
                second = min[c];
        }
        /* lower the widest ones to the next width, or just enough */
        double cut = (sum - PAGE_WIDTH_PT) / count, room = min[widest] - second;
        cut = cut < room ? cut : room;
        if (cut <= 0)
            break;
        double top = min[widest], before = sum;
        for (int c = 0; c < n; c++) {
            if (min[c] == top) {
                min[c] -= cut;
                sum -= cut;
            }
        }
        /* a cut too small to change the sum (a few ulps above the page)
         * would be made again and again: the widths are as close as
         * they get */
        if (sum == before)
            break;
    }
}

/* Each column at least as wide as its widest word (so no word is broken),
 * then, while the page allows, as wide as its widest text; what is left goes
 * to the columns of running text. */
static void choose_widths(wb_sheet *sh)
{
    double min[WB_MAX_COLS], want[WB_MAX_COLS], spare = PAGE_WIDTH_PT;
    double scale = sh->set ? SMALL_PT / BODY_PT : 1;
    for (int c = 0; c < sh->ncols; c++) {
        min[c] = sh->word[c] * scale * METRIC_SLACK + CELL_PAD_PT;
        if (min[c] < 24)
            min[c] = 24;
        /* running text: towards its typical length, not its longest */
        double text =
            sh->grow[c] && sh->cells[c] > 0 ? 1.5 * sh->ink[c] / sh->cells[c] : sh->text[c];
        text = text > sh->text[c] ? sh->text[c] : text;
        want[c] = text * scale * METRIC_SLACK + CELL_PAD_PT;
        if (want[c] > (sh->grow[c] ? 400 : 160)) /* running text claims the most */
            want[c] = sh->grow[c] ? 400 : 160;
        if (want[c] < min[c])
            want[c] = min[c];
    }
    cap_widest(min, sh->ncols);
    for (int c = 0; c < sh->ncols; c++) {
        want[c] = want[c] < min[c] ? min[c] : want[c];
        sh->width[c] = min[c];
        spare -= min[c];
    }
    /* every column towards its widest text, in proportion to what it lacks */
    double need = 0;
    for (int c = 0; c < sh->ncols; c++)
        need += want[c] - min[c];
    double share = spare <= 0 ? 0 : need <= spare ? 1 : spare / need;
    for (int c = 0; c < sh->ncols; c++) {
        sh->width[c] += (want[c] - min[c]) * share;
        spare -= (want[c] - min[c]) * share;
    }
    int ngrow = 0;
    for (int c = 0; c < sh->ncols; c++)
        ngrow += sh->grow[c];
    /* the rest to the running text, or to every column when there is none,
     * so that the frame above the table has the page's width */
    for (int c = 0; spare > 0 && c < sh->ncols; c++) {
        if (ngrow == 0)
            sh->width[c] += spare / sh->ncols;
        else if (sh->grow[c])
            sh->width[c] += spare / ngrow;
    }
}

/* 11 pt unless the columns' widest words and the running text's share of
 * the page ask for 10 pt.  Widths scale with the font size, so the widths
 * measured at 11 pt serve both. */
static void choose_set(wb_sheet *sh)
{
    double min = 0, grow_need = 0;
    for (int c = 0; c < sh->ncols; c++) {
        double lo = sh->word[c] * METRIC_SLACK + CELL_PAD_PT;
        double hi = sh->text[c] * METRIC_SLACK + CELL_PAD_PT;
        lo = lo < 24 ? 24 : lo;
        hi = hi > 240 ? 240 : hi < lo ? lo : hi;
        min += sh->grow[c] ? lo : hi;
        grow_need += sh->grow[c] ? (hi - lo) / 2 : 0;
    }
    sh->set = min + grow_need > PAGE_WIDTH_PT ? 1 : 0;
}

/* The last column of the left block of the frame (issuing body, preparer):
 * about two fifths of the page, less if the right block (the national
 * motto, about 250 pt) would not hold its line. */
static int left_block(const wb_sheet *sh)
{
    double total = 0;
    for (int i = 0; i < sh->ncols; i++)
        total += sh->width[i];
    int c = 0;
    double run = sh->width[0];
    while (c < sh->ncols - 2 && run < total * 0.4)
        run += sh->width[++c];
    while (c > 0 && total - run < 270) {
        run -= sh->width[c];
        c--;
    }
    return c;
}

/* ---- the frame ---------------------------------------------------------- */

static void print_setup(wb_sheet *sh)
{
    lxw_worksheet *ws = sh->ws;
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_landscape(ws);
    /* one page wide: the widths already fit, so the scale stays 100 % */
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, MM(30), MM(15), MM(20), MM(20)); /* Nghị định 30/2020 */
    worksheet_center_horizontally(ws);
    worksheet_set_start_page(ws, 1); /* each sheet counts its own pages */
}

/* A rule about width points long, at most fit points: a run of underscores,
 * which (unlike dashes) offers no place to break the line. */
static void rule_text(double width, double fit, double size, char *buf, size_t len)
{
    double bar = wb_text_points("_", size, false);
    if (width > fit)
        width = fit;
    size_t n = bar > 0 && width > 0 ? (size_t)(width / bar) : 0, o = 0;
    for (; o < n && o + 1 < len; o++)
        buf[o] = '_';
    buf[o] = '\0';
}

/* Rows 0..WB_HEAD_ROW-1 (Nghị định 30/2020, Phụ lục I): the parent body and
 * the issuing body with a rule under it on the left, the national motto with
 * its rule on the right, the place and date, the appendix label, the title,
 * the campaign and the letter the report answers. */
static void frame(wb_sheet *sh, const char *heading)
{
    const campaign *c = sh->x->m->c;
    int last = sh->ncols - 1, left = left_block(sh);
    char line[1024];
    wb_merge(sh, 0, left, c->issuer, F_ORG);
    wb_merge(sh, left + 1, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", F_ORG_BOLD);
    wb_next_row(sh);
    wb_merge(sh, 0, left, c->consolidator, F_ORG_BOLD);
    wb_merge(sh, left + 1, last, "Độc lập - Tự do - Hạnh phúc", F_MOTTO);
    wb_next_row(sh);
    /* under the body a third of its name; under the motto its length */
    rule_text(wb_text_points(c->consolidator, 12, true) / 3, span_width(sh, 0, left) - 12, 12, line,
              sizeof line);
    wb_merge(sh, 0, left, line, F_RULE);
    rule_text(wb_text_points("Độc lập - Tự do - Hạnh phúc", 13, true),
              span_width(sh, left + 1, last) - 12, 12, line, sizeof line);
    wb_merge(sh, left + 1, last, line, F_RULE);
    wb_row_height(sh, 12);
    wb_next_row(sh);
    wb_merge(sh, left + 1, last, sh->x->place_date, F_PLACE);
    wb_next_row(sh);
    wb_merge(sh, 0, last, c->appendix, F_APPENDIX);
    wb_next_row(sh);
    wb_merge(sh, 0, last, heading, F_TITLE);
    wb_next_row(sh);
    wb_merge(sh, 0, last, sh->x->title_upper, F_SUBTITLE);
    wb_next_row(sh);
    snprintf(line, sizeof line, "(Kèm theo báo cáo thực hiện Công văn số %s; số liệu tính đến %s)",
             c->letter, sh->x->as_of_text);
    wb_merge(sh, 0, last, line, F_NOTE);
    wb_next_row(sh);
    sh->row = WB_HEAD_ROW;
}

static bool grow_sheets(wb_ctx *x)
{
    if (array_reserve(&x->last_rows, &x->capsheets, x->nsheets + 1, sizeof *x->last_rows))
        return true;
    x->err = TH_ERR_NOMEM;
    return false;
}

void wb_measure(wb_ctx *x, wb_sheet *sh, int ncols, const bool *grow)
{
    memset(sh, 0, sizeof *sh);
    sh->x = x;
    sh->ncols = ncols > WB_MAX_COLS ? WB_MAX_COLS : ncols;
    sh->measuring = true;
    sh->set = 0; /* measured at 11 pt; choose_set may pick 10 pt */
    sh->row = WB_HEAD_ROW;
    for (int c = 0; grow != NULL && c < sh->ncols; c++)
        sh->grow[c] = grow[c];
}

bool wb_sheet_begin(wb_sheet *sh, const char *name, const char *heading, const char *const *titles)
{
    wb_ctx *x = sh->x;
    choose_set(sh);
    choose_widths(sh);
    sh->measuring = false;
    sh->row = 0;
    sh->row_height = sh->fixed_height = sh->page_used = 0;
    if (x->lerr != LXW_NO_ERROR || x->err != TH_OK || !grow_sheets(x))
        return false;
    sh->ws = workbook_add_worksheet(x->wb, name);
    if (sh->ws == NULL) {
        wb_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return false;
    }
    sh->index = x->nsheets++;
    x->last_rows[sh->index] = 0;
    for (int i = 0; i < sh->ncols; i++)
        worksheet_set_column(sh->ws, (lxw_col_t)i, (lxw_col_t)i, excel_chars(sh->width[i]), NULL);
    print_setup(sh);
    frame(sh, heading);
    if (titles != NULL)
        wb_table_header(sh, titles);
    return live(sh);
}

void wb_table_header(wb_sheet *sh, const char *const *titles)
{
    if (!live(sh))
        return;
    if (!sh->measuring)
        sh->head_row = sh->row;
    for (int i = 0; i < sh->ncols; i++)
        wb_str(sh, i, titles[i], F_HEAD);
    if (!sh->measuring)
        wb_check(sh->x, worksheet_repeat_rows(sh->ws, sh->row, sh->row));
    wb_next_row(sh);
}

/* ---- the end of a sheet: legend, signatures, pages ---------------------- */

/* Rows of the signature block (see signatures). */
#define SIGN_ROWS 7

static void legend(wb_sheet *sh, const wb_legend *items, size_t n)
{
    int last = sh->ncols - 1;
    wb_merge(sh, 0, last, "Chú thích: màu nền chỉ để dễ nhìn; tình trạng luôn được ghi bằng chữ.",
             F_LEGEND);
    wb_next_row(sh);
    for (size_t i = 0; i < n; i++) {
        wb_blank(sh, 0, items[i].swatch);
        wb_merge(sh, 1, last, items[i].text, F_LEGEND);
        wb_next_row(sh);
    }
}

static void signatures(wb_sheet *sh)
{
    const campaign *c = sh->x->m->c;
    int last = sh->ncols - 1, left = left_block(sh);
    char head[256];
    if (*c->signer_authority)
        snprintf(head, sizeof head, "%s %s", c->signer_authority, c->signer_head);
    else
        snprintf(head, sizeof head, "%s", *c->signer_head ? c->signer_head : c->signer_title);
    wb_next_row(sh);
    wb_merge(sh, 0, left, c->preparer_title, F_SIGN_TITLE);
    wb_merge(sh, left + 1, last, head, F_SIGN_TITLE);
    wb_next_row(sh);
    wb_merge(sh, 0, left, "(Ký, ghi rõ họ tên)", F_SIGN_NOTE);
    wb_merge(sh, left + 1, last,
             *c->signer_authority ? c->signer_title : "(Ký, ghi rõ họ tên, đóng dấu)",
             *c->signer_authority ? F_SIGN_TITLE : F_SIGN_NOTE);
    wb_next_row(sh);
    for (int i = 0; i < 3; i++) /* room to sign */
        wb_next_row(sh);
    wb_merge(sh, 0, left, c->preparer_name, F_SIGN_NAME);
    wb_merge(sh, left + 1, last, c->signer_name, F_SIGN_NAME);
    wb_next_row(sh);
}

static void footer(wb_sheet *sh)
{
    char text[128];
    if (sh->too_many_pages)
        snprintf(text, sizeof text, "&C&\"" FONT ",Regular\"&11Trang &P");
    else
        snprintf(text, sizeof text, "&C&\"" FONT ",Regular\"&11Trang &P/%zu", sh->nbreaks + 1);
    wb_check(sh->x, worksheet_set_footer(sh->ws, text));
    if (sh->nbreaks > 0) {
        sh->breaks[sh->nbreaks] = 0;
        wb_check(sh->x, worksheet_set_h_pagebreaks(sh->ws, sh->breaks));
    }
}

/* The legend and the signatures stay together, and not alone on a page
 * (Nghị định 30/2020): when they do not fit below the table, the page
 * breaks before the table's last rows, which go over with them. */
static void keep_end_together(wb_sheet *sh, size_t nlegend)
{
    double need = (double)(nlegend + 2) * row_points(2, 11) + (SIGN_ROWS + 1) * row_points(1, 13);
    if (sh->page_used + need <= PAGE_HEIGHT_PT || sh->nbreaks >= LXW_BREAKS_MAX)
        return;
    lxw_row_t last_break = sh->nbreaks ? sh->breaks[sh->nbreaks - 1] : 0;
    double carried = 0;
    int k = 0;
    while (k < 3 && sh->row - (lxw_row_t)(k + 1) > sh->head_row + 1 &&
           sh->row - (lxw_row_t)(k + 1) > last_break) {
        carried += sh->recent[3 - k];
        k++;
    }
    sh->breaks[sh->nbreaks++] = sh->row - (lxw_row_t)k;
    sh->page_used = sh->head_height + carried;
}

void wb_sheet_end(wb_sheet *sh, wb_sheet_kind kind, const wb_legend *items, size_t nlegend)
{
    if (sh->measuring || !live(sh))
        return;
    if (kind == WB_FIGURES) {
        footer(sh);
        return;
    }
    lxw_row_t last = sh->row > sh->head_row + 1 ? sh->row - 1 : sh->head_row;
    wb_check(sh->x,
             worksheet_autofilter(sh->ws, sh->head_row, 0, last, (lxw_col_t)(sh->ncols - 1)));
    worksheet_freeze_panes(sh->ws, sh->head_row + 1, 0);
    keep_end_together(sh, nlegend);
    wb_next_row(sh); /* a blank row after the table */
    if (nlegend > 0)
        legend(sh, items, nlegend);
    signatures(sh);
    footer(sh);
}
