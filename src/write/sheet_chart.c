/*
 * sheet_chart.c - the sheet "Biểu đồ": two small data tables and the charts
 * drawn from them (libxlsxwriter charts): submission status by unit kind,
 * stacked, and participants by district.  The charts print together on the
 * page after the tables, as wide as the page.
 *
 * The charts read their data from cells of this same sheet, so a reader who
 * doubts a bar can see its number in the table above it.  The two tables
 * stand side by side so that they print on the first page.
 */
#include <stdio.h>
#include <string.h>

#include "workbook.h"

#define NSTATUS 4
#define C_NCOLS 9     /* the tables use A..F and H..I; the charts sit below them */
#define CHART_ROWS 14 /* rows of CHART_ROW_PT a chart covers: both on one page */
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

/* The tables, side by side from the header row: kinds x status in columns
 * A..F, the districts' participants in H..I. */
#define K_NAME 0
#define D_NAME (2 + NSTATUS + 1)
#define D_VALUE (D_NAME + 1)

typedef struct {
    size_t kinds[UNIT_KIND_COUNT]; /* the unit kinds present, in order */
    size_t nkinds;
    size_t ndistricts;
} chart_rows;

static chart_rows count_rows(const export_model *m)
{
    chart_rows r = {{0}, 0, 0};
    for (int kind = 0; kind < UNIT_KIND_COUNT; kind++) {
        bool any = false;
        for (size_t u = 0; u < m->c->nunits; u++)
            any = any || (int)m->c->units[u].kind == kind;
        if (any)
            r.kinds[r.nkinds++] = (size_t)kind;
    }
    for (size_t u = 0; u < m->c->nunits; u++)
        r.ndistricts += m->c->units[u].kind == UNIT_DISTRICT;
    return r;
}

static void header_row(wb_sheet *sh, bool districts)
{
    const char *titles[2 + NSTATUS] = {"Loại đơn vị"};
    for (int s = 0; s < NSTATUS; s++)
        titles[1 + s] = consolidate_deadline_label(stack[s], LANG_VI);
    titles[1 + NSTATUS] = "Tổng số đơn vị";
    for (int i = 0; i < 2 + NSTATUS; i++)
        wb_str(sh, K_NAME + i, titles[i], F_HEAD);
    if (districts) {
        wb_str(sh, D_NAME, "Đơn vị cấp huyện", F_HEAD);
        wb_str(sh, D_VALUE, report_schema_column(COL_PARTICIPANTS)->title, F_HEAD);
    }
    wb_next_row(sh);
}

static void kind_cells(wb_sheet *sh, unit_kind kind)
{
    const export_model *m = sh->x->m;
    size_t n[NSTATUS] = {0}, all = 0;
    for (size_t u = 0; u < m->c->nunits; u++) {
        if (m->c->units[u].kind != kind)
            continue;
        all++;
        for (int s = 0; s < NSTATUS; s++)
            n[s] += m->units[u].status == stack[s];
    }
    wb_str(sh, K_NAME, unit_kind_label(kind), F_TEXT);
    for (int s = 0; s < NSTATUS; s++)
        wb_num(sh, K_NAME + 1 + s, (double)n[s], F_INT);
    wb_num(sh, K_NAME + 1 + NSTATUS, (double)all, F_INT);
}

/* Returns the index in m->order of the next district from *i on. */
static bool next_district(const export_model *m, size_t *i)
{
    while (*i < m->c->nunits && m->c->units[m->order[*i]].kind != UNIT_DISTRICT)
        (*i)++;
    return *i < m->c->nunits;
}

static void tables(wb_sheet *sh, const chart_rows *r)
{
    const export_model *m = sh->x->m;
    header_row(sh, r->ndistricts > 0);
    size_t rows = r->nkinds > r->ndistricts ? r->nkinds : r->ndistricts, d = 0;
    for (size_t i = 0; i < rows; i++) {
        if (i < r->nkinds)
            kind_cells(sh, (unit_kind)r->kinds[i]);
        if (i < r->ndistricts && next_district(m, &d)) {
            size_t u = m->order[d++];
            wb_str(sh, D_NAME, m->c->units[u].name, F_TEXT);
            wb_num(sh, D_VALUE,
                   (double)consolidate_unit_total(&m->totals, u, INDICATOR_PARTICIPANTS), F_INT);
        }
        wb_next_row(sh);
    }
}

static void status_series(lxw_chart *chart, const char *name, lxw_row_t head, size_t rows)
{
    for (int s = 0; s < NSTATUS; s++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        lxw_chart_fill fill = {.color = stack_colors[s]};
        chart_series_set_categories(series, name, head + 1, K_NAME, head + (lxw_row_t)rows, K_NAME);
        chart_series_set_values(series, name, head + 1, (lxw_col_t)(K_NAME + 1 + s),
                                head + (lxw_row_t)rows, (lxw_col_t)(K_NAME + 1 + s));
        chart_series_set_name_range(series, name, head, (lxw_col_t)(K_NAME + 1 + s));
        chart_series_set_fill(series, &fill);
    }
}

static void district_series(lxw_chart *chart, const char *name, lxw_row_t head, size_t rows)
{
    lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
    lxw_chart_fill fill = {.color = 0x4472C4};
    chart_series_set_categories(series, name, head + 1, D_NAME, head + (lxw_row_t)rows, D_NAME);
    chart_series_set_values(series, name, head + 1, D_VALUE, head + (lxw_row_t)rows, D_VALUE);
    chart_series_set_name_range(series, name, head, D_VALUE);
    chart_series_set_fill(series, &fill);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    /* the first district on top, as in the table: in a bar chart the
     * categories are on the vertical axis, libxlsxwriter's y_axis */
    chart_axis_set_reverse(chart->y_axis);
}

/* Puts chart below the tables, the first one on a new printed page, as wide
 * as the table columns, over CHART_ROWS rows of known height (so the page
 * count stays right). */
static void place(wb_sheet *sh, lxw_chart *chart, bool new_page)
{
    double width = 0;
    for (int c = 0; c < sh->ncols; c++)
        width += sh->width[c];
    /* a chart is 480 x 288 pixels at scale 1 */
    lxw_chart_options o = {.x_scale = width * 4 / 3 / 480,
                           .y_scale = CHART_ROWS * CHART_ROW_PT * 4 / 3 / 288};
    if (new_page && sh->nbreaks < LXW_BREAKS_MAX) {
        sh->breaks[sh->nbreaks++] = sh->row;
        sh->page_used = sh->head_height;
    }
    wb_check(sh->x, worksheet_insert_chart_opt(sh->ws, sh->row, 0, chart, &o));
    for (int r = 0; r < CHART_ROWS; r++) {
        wb_row_height(sh, CHART_ROW_PT);
        wb_next_row(sh);
    }
}

void sheet_chart(wb_ctx *x)
{
    static const char name[] = "Biểu đồ";
    chart_rows r = count_rows(x->m);
    wb_sheet sh;
    wb_measure(x, &sh, r.ndistricts ? C_NCOLS : D_NAME - 1, NULL);
    tables(&sh, &r);
    if (!wb_sheet_begin(&sh, name, "BIỂU ĐỒ TỔNG HỢP", NULL))
        return;
    /* a chart added is a chart shown: create only those with data */
    lxw_chart *status = r.nkinds ? workbook_add_chart(x->wb, LXW_CHART_COLUMN_STACKED) : NULL;
    lxw_chart *district = r.ndistricts ? workbook_add_chart(x->wb, LXW_CHART_BAR) : NULL;
    if ((r.nkinds && status == NULL) || (r.ndistricts && district == NULL)) {
        wb_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    lxw_row_t head = sh.row;
    sh.head_row = head;
    wb_check(x, worksheet_repeat_rows(sh.ws, head, head));
    tables(&sh, &r);
    if (status != NULL) {
        status_series(status, name, head, r.nkinds);
        style_chart(status, "Tình trạng nộp báo cáo theo loại đơn vị");
        place(&sh, status, true);
    }
    if (district != NULL) {
        district_series(district, name, head, r.ndistricts);
        style_chart(district, "Số người tham gia theo đơn vị cấp huyện");
        place(&sh, district, status == NULL);
    }
    wb_sheet_end(&sh, WB_FIGURES, NULL, 0);
}
