/*
 * sheet_detail.c - the sheet "Chi tiết": every counted activity of every
 * submission in effect, read back from the activity spill (activity_spill.h)
 * row by row: once to measure the columns, once to write.
 *
 * Memory does not grow with the rows (constant-memory mode, records read one
 * at a time).  Past the rows one sheet holds (Excel's maximum less the frame
 * and the signatures, or less for tests) the detail goes on in
 * "Chi tiết (2)", "Chi tiết (3)", ..., each with its frame, header, filter
 * and frozen panes.
 */
#include <stdio.h>
#include <string.h>

#include "workbook.h"

enum {
    D_STT,
    D_CODE, /* the unit's code: its name is on "Tổng hợp", and the page is narrow */
    D_CATNAME,
    D_CONTENT,
    D_FROM,
    D_TO,
    D_FORM,
    D_IND, /* the six indicators */
    D_NOTE = D_IND + INDICATOR_COUNT,
    D_NCOLS
};

static const bool detail_grow[D_NCOLS] = {[D_CONTENT] = true, [D_NOTE] = true};

/* Rows after the table: the legend, the signature block and some room. */
#define END_ROWS 16

static void detail_titles(const char **titles)
{
    titles[D_STT] = "STT";
    titles[D_CODE] = report_schema_column(COL_UNIT)->title;
    titles[D_CATNAME] = "Hoạt động";
    titles[D_CONTENT] = report_schema_column(COL_CONTENT)->title;
    titles[D_FROM] = report_schema_column(COL_FROM)->title;
    titles[D_TO] = report_schema_column(COL_TO)->title;
    titles[D_FORM] = report_schema_column(COL_FORM)->title;
    for (int i = 0; i < INDICATOR_COUNT; i++)
        titles[D_IND + i] = report_schema_column(COL_FIRST_INDICATOR + i)->title;
    titles[D_NOTE] = report_schema_column(COL_NOTE)->title;
}

static void detail_row(wb_sheet *sh, size_t stt, const spilled_activity *a)
{
    const campaign *c = sh->x->m->c;
    const unit *u = &c->units[a->unit];
    wb_num(sh, D_STT, (double)stt, F_CENTER);
    wb_str(sh, D_CODE, u->code, F_TEXT);
    wb_str(sh, D_CATNAME, a->category >= 0 ? c->categories[a->category].name : "", F_TEXT);
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
    wb_next_row(sh);
}

/* Reads the next activity; false at the end or on an error (kept in x). */
static bool next_activity(wb_ctx *x, spilled_activity *a)
{
    bool done = false;
    th_error rc = activity_spill_next(x->rows, a, &done);
    if (rc != TH_OK && x->err == TH_OK)
        x->err = rc;
    return rc == TH_OK && !done && wb_check(x, LXW_NO_ERROR);
}

static bool begin_sheet(const wb_sheet *measured, wb_sheet *sh, size_t number,
                        const char *const *titles)
{
    char name[32];
    if (number == 1)
        snprintf(name, sizeof name, "Chi tiết");
    else
        snprintf(name, sizeof name, "Chi tiết (%zu)", number);
    *sh = *measured;
    return wb_sheet_begin(sh, name, "CHI TIẾT CÁC HOẠT ĐỘNG ĐÃ TỔ CHỨC", titles);
}

void sheet_detail(wb_ctx *x)
{
    const char *titles[D_NCOLS];
    wb_sheet measured, sh;
    spilled_activity a;
    detail_titles(titles);
    size_t per_sheet = x->detail_rows_per_sheet, stt = 0, on_sheet = 0, sheets = 1;
    if (per_sheet == 0 || per_sheet > LXW_ROW_MAX - (WB_HEAD_ROW + 1) - END_ROWS)
        per_sheet = LXW_ROW_MAX - (WB_HEAD_ROW + 1) - END_ROWS;
    wb_measure(x, &measured, D_NCOLS, detail_grow);
    wb_table_header(&measured, titles);
    while (next_activity(x, &a))
        detail_row(&measured, ++stt, &a);
    if (x->err != TH_OK || activity_spill_rewind(x->rows) != TH_OK) {
        x->err = x->err != TH_OK ? x->err : TH_ERR_IO;
        return;
    }
    if (!begin_sheet(&measured, &sh, sheets, titles))
        return;
    stt = 0;
    while (next_activity(x, &a)) {
        if (on_sheet == per_sheet) {
            wb_sheet_end(&sh, WB_LIST, NULL, 0);
            if (!begin_sheet(&measured, &sh, ++sheets, titles))
                return;
            on_sheet = 0;
        }
        detail_row(&sh, ++stt, &a);
        on_sheet++;
    }
    wb_sheet_end(&sh, WB_LIST, NULL, 0);
}
