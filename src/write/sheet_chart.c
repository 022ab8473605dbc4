/*
 * sheet_chart.c - the sheet "Biểu đồ": two small data tables and the charts
 * drawn from them (libxlsxwriter charts): submission status by unit kind,
 * stacked, and participants by district.  Each chart prints on a page of
 * its own below the tables, as wide as the page.
 *
 * The charts read their data from cells of this same sheet, so a reader who
 * doubts a bar can see its number in the table above it.
 */
#include <stdio.h>
#include <string.h>

#include "workbook.h"

#define NSTATUS 4
#define C_NCOLS 6     /* the tables use A..F; the charts sit below them */
#define CHART_ROWS 22 /* rows of CHART_ROW_PT a chart covers */
#define CHART_ROW_PT 15.0

/* Status columns, in the order of the stack. */
static const deadline_status stack[NSTATUS] = {DEADLINE_ON_TIME, DEADLINE_ON_TIME_AMENDED_LATE,
                                               DEADLINE_LATE, DEADLINE_MISSING};
static const lxw_color_t stack_colors[NSTATUS] = {0x70AD47, 0x5B9BD5, 0xED7D31, 0xC00000};

static lxw_chart_font font(bool bold, double size)
{
    lxw_chart_font f = {0};
    f.name = "Times New Roman";
    f.bold = bold;
    f.size = size;
    return f;
}

static void style_chart(lxw_chart *chart, const char *title)
{
    lxw_chart_font title_font = font(true, 13), text = font(false, 11);
    chart_title_set_name(chart, title);
    chart_title_set_name_font(chart, &title_font);
    chart_legend_set_font(chart, &text);
    chart_axis_set_num_font(chart->x_axis, &text);
    chart_axis_set_num_font(chart->y_axis, &text);
}

/* Table 1 at sh->row: kind x status counts; returns the rows written. */
static size_t status_table(wb_sheet *sh, const char *sheet_name, lxw_chart *chart)
{
    const export_model *m = sh->x->m;
    lxw_row_t head = sh->row;
    const char *titles[2 + NSTATUS] = {"Loại đơn vị"};
    for (int s = 0; s < NSTATUS; s++)
        titles[1 + s] = consolidate_deadline_label(stack[s], LANG_VI);
    titles[1 + NSTATUS] = "Tổng số đơn vị";
    for (int i = 0; i < 2 + NSTATUS; i++)
        wb_str(sh, i, titles[i], F_HEAD);
    wb_next_row(sh);
    size_t rows = 0;
    for (int kind = 0; kind < UNIT_KIND_COUNT; kind++) {
        size_t n[NSTATUS] = {0}, all = 0;
        for (size_t u = 0; u < m->c->nunits; u++) {
            if ((int)m->c->units[u].kind != kind)
                continue;
            all++;
            for (int s = 0; s < NSTATUS; s++)
                n[s] += m->units[u].status == stack[s];
        }
        if (all == 0)
            continue;
        wb_str(sh, 0, unit_kind_label((unit_kind)kind), F_TEXT);
        for (int s = 0; s < NSTATUS; s++)
            wb_num(sh, 1 + s, (double)n[s], F_INT);
        wb_num(sh, 1 + NSTATUS, (double)all, F_INT);
        wb_next_row(sh);
        rows++;
    }
    for (int s = 0; chart != NULL && !sh->measuring && rows > 0 && s < NSTATUS; s++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        lxw_chart_fill fill = {.color = stack_colors[s]};
        chart_series_set_categories(series, sheet_name, head + 1, 0, head + (lxw_row_t)rows, 0);
        chart_series_set_values(series, sheet_name, head + 1, (lxw_col_t)(1 + s),
                                head + (lxw_row_t)rows, (lxw_col_t)(1 + s));
        chart_series_set_name_range(series, sheet_name, head, (lxw_col_t)(1 + s));
        chart_series_set_fill(series, &fill);
    }
    return rows;
}

/* Table 2 at sh->row: participants of every district; returns its rows. */
static size_t district_table(wb_sheet *sh, const char *sheet_name, lxw_chart *chart)
{
    const export_model *m = sh->x->m;
    lxw_row_t head = sh->row;
    const char *titles[] = {"Đơn vị cấp huyện", report_schema_column(COL_PARTICIPANTS)->title};
    wb_str(sh, 0, titles[0], F_HEAD);
    wb_str(sh, 1, titles[1], F_HEAD);
    wb_next_row(sh);
    size_t rows = 0;
    for (size_t i = 0; i < m->c->nunits; i++) {
        size_t u = m->order[i];
        if (m->c->units[u].kind != UNIT_DISTRICT)
            continue;
        wb_str(sh, 0, m->c->units[u].name, F_TEXT);
        wb_num(sh, 1, (double)consolidate_unit_total(&m->totals, u, INDICATOR_PARTICIPANTS), F_INT);
        wb_next_row(sh);
        rows++;
    }
    if (chart != NULL && !sh->measuring && rows > 0) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        lxw_chart_fill fill = {.color = 0x4472C4};
        chart_series_set_categories(series, sheet_name, head + 1, 0, head + (lxw_row_t)rows, 0);
        chart_series_set_values(series, sheet_name, head + 1, 1, head + (lxw_row_t)rows, 1);
        chart_series_set_name_range(series, sheet_name, head, 1);
        chart_series_set_fill(series, &fill);
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
        /* the first district on top, as in the table: in a bar chart the
         * categories are on the vertical axis, libxlsxwriter's y_axis */
        chart_axis_set_reverse(chart->y_axis);
    }
    return rows;
}

/* Puts chart on a new printed page below the tables, as wide as the
 * table columns, over CHART_ROWS rows of known height (so the page count
 * stays right). */
static void place(wb_sheet *sh, lxw_chart *chart)
{
    double width = 0;
    for (int c = 0; c < sh->ncols; c++)
        width += sh->width[c];
    lxw_chart_options o = {.x_scale = width * 4 / 3 / 480, .y_scale = 1.3};
    if (sh->nbreaks < LXW_BREAKS_MAX)
        sh->breaks[sh->nbreaks++] = sh->row;
    sh->page_used = sh->head_height;
    wb_check(sh->x, worksheet_insert_chart_opt(sh->ws, sh->row, 0, chart, &o));
    for (int r = 0; r < CHART_ROWS; r++) {
        wb_row_height(sh, CHART_ROW_PT);
        wb_next_row(sh);
    }
}

static bool has_kind(const campaign *c, unit_kind kind)
{
    for (size_t u = 0; u < c->nunits; u++) {
        if (c->units[u].kind == kind)
            return true;
    }
    return false;
}

void sheet_chart(wb_ctx *x)
{
    static const char name[] = "Biểu đồ";
    const campaign *c = x->m->c;
    wb_sheet sh;
    wb_measure(x, &sh, C_NCOLS, NULL);
    status_table(&sh, name, NULL);
    district_table(&sh, name, NULL);
    if (!wb_sheet_begin(&sh, name, "BIỂU ĐỒ TỔNG HỢP", NULL))
        return;
    /* a chart added is a chart shown: create only those with data */
    lxw_chart *status = c->nunits ? workbook_add_chart(x->wb, LXW_CHART_COLUMN_STACKED) : NULL;
    lxw_chart *district =
        has_kind(c, UNIT_DISTRICT) ? workbook_add_chart(x->wb, LXW_CHART_BAR) : NULL;
    if ((c->nunits && status == NULL) || (has_kind(c, UNIT_DISTRICT) && district == NULL)) {
        wb_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    sh.head_row = sh.row;
    wb_check(x, worksheet_repeat_rows(sh.ws, sh.row, sh.row));
    status_table(&sh, name, status);
    wb_next_row(&sh);
    district_table(&sh, name, district);
    if (status != NULL) {
        style_chart(status, "Tình trạng nộp báo cáo theo loại đơn vị");
        place(&sh, status);
    }
    if (district != NULL) {
        style_chart(district, "Số người tham gia theo đơn vị cấp huyện");
        place(&sh, district);
    }
    wb_sheet_end(&sh, false, NULL, 0);
}
