/*
 * sheet_detail.c - the sheet "Chi tiết": every counted activity of every
 * submission in effect, streamed from the store row by row.
 *
 * Memory does not grow with the rows (constant-memory mode).  Past the rows
 * one sheet holds (Excel's maximum, or less for tests) the detail goes on in
 * "Chi tiết (2)", "Chi tiết (3)", ..., each with its header, filter and
 * frozen panes.
 */
#include <stdio.h>
#include <string.h>

#include "workbook.h"

enum {
    D_STT,
    D_CODE,
    D_NAME,
    D_CATCODE,
    D_CATNAME,
    D_CONTENT,
    D_FROM,
    D_TO,
    D_FORM,
    D_IND, /* the six indicators */
    D_NOTE = D_IND + INDICATOR_COUNT,
    D_FILE,
    D_LINE,
    D_NCOLS
};

static const double detail_widths[D_NCOLS] = {7,  12, 26, 16, 24, 40, 11, 11, 10,
                                              11, 8,  9,  8,  10, 13, 24, 22, 6};

typedef struct {
    wb_ctx *x;
    wb_sheet sh;
    size_t sheets;    /* sheets begun */
    size_t on_sheet;  /* data rows on the current sheet */
    size_t per_sheet; /* data rows a sheet may hold */
    size_t stt;
    size_t unit;
    const char *file; /* the file name of the row's submission */
    int64_t file_id;  /* the submission file names */
    long last_k;      /* category of the previous row: a cheap cache */
} detail_walk;

static const char *const *detail_titles(void)
{
    static const char *titles[D_NCOLS];
    titles[D_STT] = "STT";
    titles[D_CODE] = report_schema_column(COL_UNIT)->title;
    titles[D_NAME] = "Đơn vị";
    titles[D_CATCODE] = report_schema_column(COL_CATEGORY)->title;
    titles[D_CATNAME] = "Hoạt động";
    titles[D_CONTENT] = report_schema_column(COL_CONTENT)->title;
    titles[D_FROM] = report_schema_column(COL_FROM)->title;
    titles[D_TO] = report_schema_column(COL_TO)->title;
    titles[D_FORM] = report_schema_column(COL_FORM)->title;
    for (int i = 0; i < INDICATOR_COUNT; i++)
        titles[D_IND + i] = report_schema_column(COL_FIRST_INDICATOR + i)->title;
    titles[D_NOTE] = report_schema_column(COL_NOTE)->title;
    titles[D_FILE] = "Tệp nguồn";
    titles[D_LINE] = "Dòng";
    return titles;
}

static void end_sheet(detail_walk *w)
{
    lxw_row_t last = w->sh.row > WB_HEAD_ROW + 1 ? w->sh.row - 1 : WB_HEAD_ROW;
    if (w->sheets == 0 || !wb_check(w->x, LXW_NO_ERROR))
        return;
    wb_check(w->x, worksheet_autofilter(w->sh.ws, WB_HEAD_ROW, 0, last, D_NCOLS - 1));
    worksheet_freeze_panes(w->sh.ws, WB_HEAD_ROW + 1, 0);
}

static bool begin_sheet(detail_walk *w)
{
    char name[32];
    end_sheet(w);
    if (w->sheets == 0)
        snprintf(name, sizeof name, "Chi tiết");
    else
        snprintf(name, sizeof name, "Chi tiết (%zu)", w->sheets + 1);
    w->sheets++;
    w->on_sheet = 0;
    if (!wb_sheet_begin(w->x, &w->sh, name, "CHI TIẾT CÁC HOẠT ĐỘNG ĐÃ TỔ CHỨC", detail_widths,
                        D_NCOLS))
        return false;
    wb_table_header(&w->sh, detail_titles());
    return wb_check(w->x, LXW_NO_ERROR);
}

static long category_index(detail_walk *w, const char *code)
{
    const campaign *c = w->x->m->c;
    if (w->last_k >= 0 && strcmp(c->categories[w->last_k].code, code) == 0)
        return w->last_k;
    for (size_t k = 0; k < c->ncategories; k++) {
        if (strcmp(c->categories[k].code, code) == 0)
            return w->last_k = (long)k;
    }
    return w->last_k = campaign_find_category(c, code);
}

static th_error detail_row(const stored_activity *a, void *ctx)
{
    detail_walk *w = ctx;
    /* A report in effect may be a base and its supplements: each row names
     * the file it came from. */
    if (a->submission_id != w->file_id) {
        const submission *sub = export_model_submission(w->x->m, a->submission_id);
        w->file = sub ? sub->file_name : "";
        w->file_id = a->submission_id;
    }
    wb_sheet *sh = &w->sh;
    if (w->on_sheet == w->per_sheet && !begin_sheet(w))
        return TH_ERR_IO;
    long k = category_index(w, a->category_code);
    const char *wrapped[] = {w->x->m->c->units[w->unit].name,
                             k >= 0 ? w->x->m->c->categories[k].name : "", a->content, a->note,
                             w->file};
    const double widths[] = {detail_widths[D_NAME], detail_widths[D_CATNAME],
                             detail_widths[D_CONTENT], detail_widths[D_NOTE],
                             detail_widths[D_FILE]};
    wb_fit_row(sh, 5, wrapped, widths);
    wb_num(sh, D_STT, (double)++w->stt, F_CENTER);
    wb_str(sh, D_CODE, w->x->m->c->units[w->unit].code, F_TEXT);
    wb_str(sh, D_NAME, w->x->m->c->units[w->unit].name, F_TEXT);
    wb_str(sh, D_CATCODE, a->category_code, F_TEXT);
    wb_str(sh, D_CATNAME, k >= 0 ? w->x->m->c->categories[k].name : "", F_TEXT);
    wb_str(sh, D_CONTENT, a->content, F_TEXT);
    wb_day(sh, D_FROM, a->from, F_DATE);
    if (a->has_to)
        wb_day(sh, D_TO, a->to, F_DATE);
    else
        wb_blank(sh, D_TO, F_DATE);
    wb_str(sh, D_FORM, report_schema_form_label(a->form), F_CENTER);
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        if (a->has_indicator[i])
            wb_num(sh, D_IND + i, (double)a->indicators[i], F_INT);
        else
            wb_blank(sh, D_IND + i, F_INT);
    }
    wb_str(sh, D_NOTE, a->note, F_TEXT);
    wb_str(sh, D_FILE, w->file, F_TEXT);
    wb_num(sh, D_LINE, (double)a->line, F_CENTER);
    wb_next_row(sh);
    w->on_sheet++;
    return wb_check(w->x, LXW_NO_ERROR) ? TH_OK : TH_ERR_IO;
}

void sheet_detail(wb_ctx *x)
{
    const export_model *m = x->m;
    detail_walk w = {.x = x, .last_k = -1};
    w.per_sheet = x->detail_rows_per_sheet;
    if (w.per_sheet == 0 || w.per_sheet > LXW_ROW_MAX - (WB_HEAD_ROW + 1))
        w.per_sheet = LXW_ROW_MAX - (WB_HEAD_ROW + 1);
    if (!begin_sheet(&w))
        return;
    for (size_t i = 0; i < m->c->nunits && wb_check(x, LXW_NO_ERROR); i++) {
        w.unit = m->order[i];
        if (m->units[w.unit].effective_id == 0)
            continue;
        th_error rc =
            store_foreach_activity_in_effect(m->st, m->c->units[w.unit].code, detail_row, &w);
        if (rc != TH_OK && wb_check(x, LXW_NO_ERROR))
            x->err = rc;
    }
    end_sheet(&w);
}
