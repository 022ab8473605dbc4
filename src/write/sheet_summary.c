/*
 * sheet_summary.c - the sheets "Tổng hợp" (one row per unit, grouped by kind,
 * subtotals and a grand total) and "Theo hoạt động" (one row per category).
 *
 * Totals are formulas, each written with its cached value (computed here from
 * the model) so a viewer that does not recalculate still shows the numbers.
 */
#include <stdio.h>
#include <string.h>

#include "strbuf.h"
#include "workbook.h"

enum {
    S_STT,
    S_CODE,
    S_NAME,
    S_KIND,
    S_RECEIVED,
    S_STATUS,
    S_ACTIVITIES,
    S_REQUIRED,
    S_MISSING,
    S_IND, /* the six indicators */
    S_ERRORS = S_IND + INDICATOR_COUNT,
    S_NCOLS
};

static const bool summary_grow[S_NCOLS] = {[S_NAME] = true, [S_MISSING] = true};

static void unit_row(wb_sheet *sh, size_t stt, size_t u)
{
    const export_model *m = sh->x->m;
    const unit_status *s = &m->units[u];
    char req[32];
    strbuf missing = STRBUF_INIT;
    /* the missing categories by name, one a line */
    consolidate_missing_list(m->c, u, s, "\n", CONSOLIDATE_NAMES, &missing);
    if (missing.failed)
        sh->x->err = TH_ERR_NOMEM;
    wb_num(sh, S_STT, (double)stt, F_CENTER);
    wb_str(sh, S_CODE, m->c->units[u].code, F_TEXT);
    wb_str(sh, S_NAME, m->c->units[u].name, F_TEXT);
    wb_str(sh, S_KIND, unit_kind_label(m->c->units[u].kind), F_TEXT);
    if (s->first_received != 0)
        wb_time(sh, S_RECEIVED, s->first_received, F_DATETIME);
    else
        wb_blank(sh, S_RECEIVED, F_DATETIME);
    wb_str(sh, S_STATUS, consolidate_deadline_label(s->status, LANG_VI), F_CENTER);
    wb_num(sh, S_ACTIVITIES, (double)s->activities, F_INT);
    snprintf(req, sizeof req, "%zu/%zu", s->covered, s->required);
    wb_str(sh, S_REQUIRED, req, F_CENTER);
    wb_str(sh, S_MISSING, missing.buf, F_TEXT);
    for (int i = 0; i < INDICATOR_COUNT; i++)
        wb_num(sh, S_IND + i, (double)consolidate_unit_total(&m->totals, u, i), F_INT);
    wb_num(sh, S_ERRORS, (double)s->rows_rejected, F_INT);
    wb_next_row(sh);
    strbuf_release(&missing);
}

/* The summed columns and the value each unit contributes to them. */
static const int summed[] = {S_ACTIVITIES, S_IND,     S_IND + 1, S_IND + 2,
                             S_IND + 3,    S_IND + 4, S_IND + 5, S_ERRORS};
#define NSUMMED (sizeof summed / sizeof summed[0])

static double unit_value(const export_model *m, size_t u, int col)
{
    if (col == S_ACTIVITIES)
        return (double)m->units[u].activities;
    if (col == S_ERRORS)
        return (double)m->units[u].rows_rejected;
    return (double)consolidate_unit_total(&m->totals, u, col - S_IND);
}

/* Writes the subtotal of rows [first, last] (0-based) of kind; adds its
 * values to sums. */
static void subtotal_row(wb_sheet *sh, unit_kind kind, lxw_row_t first, const size_t *units,
                         size_t n, double *sums)
{
    char label[256], formula[64], col[LXW_MAX_COL_NAME_LENGTH];
    snprintf(label, sizeof label, "Cộng %s (%zu đơn vị)", unit_kind_label(kind), n);
    wb_blank(sh, S_STT, F_SUM_TEXT);
    wb_merge(sh, S_CODE, S_STATUS, label, F_SUM_TEXT);
    for (int c = S_REQUIRED; c <= S_MISSING; c++)
        wb_blank(sh, c, F_SUM_TEXT);
    for (size_t i = 0; i < NSUMMED; i++) {
        double v = 0;
        for (size_t j = 0; j < n; j++)
            v += unit_value(sh->x->m, units[j], summed[i]);
        lxw_col_to_name(col, (lxw_col_t)summed[i], LXW_FALSE);
        snprintf(formula, sizeof formula, "=SUM(%s%u:%s%u)", col, (unsigned)first + 1, col,
                 (unsigned)(first + n));
        wb_formula(sh, summed[i], formula, v, F_SUM_INT);
        sums[i] += v;
    }
    wb_next_row(sh);
}

/* The grand total: the sum of the subtotal rows (1-based numbers in rows). */
static void total_row(wb_sheet *sh, const unsigned *rows, size_t nrows, const double *sums)
{
    char col[LXW_MAX_COL_NAME_LENGTH];
    strbuf formula = STRBUF_INIT;
    wb_merge(sh, S_STT, S_STATUS, "TỔNG CỘNG", F_TOTAL_TEXT);
    for (int c = S_REQUIRED; c <= S_MISSING; c++)
        wb_blank(sh, c, F_TOTAL_TEXT);
    for (size_t i = 0; i < NSUMMED; i++) {
        strbuf_reset(&formula);
        strbuf_addch(&formula, '=');
        lxw_col_to_name(col, (lxw_col_t)summed[i], LXW_FALSE);
        for (size_t r = 0; r < nrows; r++)
            strbuf_addf(&formula, "%s%s%u", r ? "+" : "", col, rows[r]);
        if (nrows == 0)
            strbuf_addch(&formula, '0');
        if (formula.failed)
            sh->x->err = TH_ERR_NOMEM;
        wb_formula(sh, summed[i], formula.buf, sums[i], F_TOTAL_INT);
    }
    strbuf_release(&formula);
    wb_next_row(sh);
}

static void summary_highlights(wb_sheet *sh, lxw_row_t first, lxw_row_t last)
{
    char f[256], stt[LXW_MAX_COL_NAME_LENGTH], missing[LXW_MAX_COL_NAME_LENGTH],
        errors[LXW_MAX_COL_NAME_LENGTH];
    unsigned r = (unsigned)first + 1;
    wb_highlight_equal(sh, first, last, S_STATUS,
                       consolidate_deadline_label(DEADLINE_MISSING, LANG_VI), F_CF_MISSING);
    wb_highlight_equal(sh, first, last, S_STATUS,
                       consolidate_deadline_label(DEADLINE_LATE, LANG_VI), F_CF_LATE);
    /* a unit row (STT is a number, not a subtotal) missing a category or
     * with rows in error */
    lxw_col_to_name(stt, S_STT, LXW_TRUE);
    lxw_col_to_name(missing, S_MISSING, LXW_TRUE);
    lxw_col_to_name(errors, S_ERRORS, LXW_TRUE);
    snprintf(f, sizeof f, "=AND(ISNUMBER(%s%u),OR(%s%u<>\"\",%s%u>0))", stt, r, missing, r, errors,
             r);
    wb_conditional(sh, first, last, f, F_CF_INCOMPLETE);
}

static const wb_legend summary_legend[] = {
    {F_KEY_MISSING, "Đơn vị chưa nộp báo cáo (cột Tình trạng ghi \"Chưa nộp\")."},
    {F_KEY_LATE, "Đơn vị nộp báo cáo sau hạn (cột Tình trạng ghi \"Trễ hạn\")."},
    {F_KEY_INCOMPLETE, "Đơn vị còn thiếu hoạt động bắt buộc hoặc có dòng lỗi (cột Còn thiếu "
                       "hoặc Dòng lỗi)."},
};

static void summary_table(wb_sheet *sh, const char *const *titles)
{
    const export_model *m = sh->x->m;
    wb_table_header(sh, titles);
    lxw_row_t first_data = sh->row;
    unsigned subtotal_rows[UNIT_KIND_COUNT];
    size_t ngroups = 0, stt = 0, i = 0;
    double sums[NSUMMED] = {0};
    while (i < m->c->nunits) {
        size_t start = i;
        unit_kind kind = m->c->units[m->order[i]].kind;
        lxw_row_t first = sh->row;
        for (; i < m->c->nunits && m->c->units[m->order[i]].kind == kind; i++)
            unit_row(sh, ++stt, m->order[i]);
        subtotal_rows[ngroups++] = (unsigned)sh->row + 1;
        subtotal_row(sh, kind, first, &m->order[start], i - start, sums);
    }
    lxw_row_t last_data = sh->row - 1;
    total_row(sh, subtotal_rows, ngroups, sums);
    if (m->c->nunits > 0)
        summary_highlights(sh, first_data, last_data);
}

void sheet_summary(wb_ctx *x)
{
    wb_sheet sh;
    const char *titles[S_NCOLS] = {"STT",          report_schema_column(COL_UNIT)->title,
                                   "Đơn vị",       "Loại đơn vị",
                                   "Ngày nhận",    "Tình trạng",
                                   "Số hoạt động", "Hoạt động bắt buộc",
                                   "Còn thiếu"};
    for (int i = 0; i < INDICATOR_COUNT; i++)
        titles[S_IND + i] = report_schema_column(COL_FIRST_INDICATOR + i)->title;
    titles[S_ERRORS] = "Dòng lỗi";
    wb_measure(x, &sh, S_NCOLS, summary_grow);
    summary_table(&sh, titles);
    if (!wb_sheet_begin(&sh, "Tổng hợp", "BẢNG TỔNG HỢP KẾT QUẢ TỔ CHỨC", NULL))
        return;
    summary_table(&sh, titles);
    wb_sheet_end(&sh, WB_LIST, summary_legend, sizeof summary_legend / sizeof summary_legend[0]);
}

/* ---- Theo hoạt động ----------------------------------------------------- */

enum { K_STT, K_NAME, K_REF, K_UNITS, K_ACTIVITIES, K_IND, K_NCOLS = K_IND + 6 };

static const bool category_grow[K_NCOLS] = {[K_NAME] = true};

static void category_row(wb_sheet *sh, size_t k)
{
    const export_model *m = sh->x->m;
    const category *cat = &m->c->categories[k];
    size_t acts = 0, units = consolidate_category_units(&m->totals, k, &acts);
    wb_num(sh, K_STT, (double)(k + 1), F_CENTER);
    wb_str(sh, K_NAME, cat->name, F_TEXT);
    wb_str(sh, K_REF, cat->letter_ref, F_CENTER);
    wb_num(sh, K_UNITS, (double)units, F_INT);
    wb_num(sh, K_ACTIVITIES, (double)acts, F_INT);
    for (int i = 0; i < INDICATOR_COUNT; i++)
        wb_num(sh, K_IND + i, (double)consolidate_category_total(&m->totals, k, i), F_INT);
    wb_next_row(sh);
}

static void category_total(wb_sheet *sh, lxw_row_t first)
{
    const export_model *m = sh->x->m;
    char formula[64], col[8];
    size_t reporting = 0, acts = 0;
    for (size_t u = 0; u < m->c->nunits; u++) {
        reporting += m->units[u].activities > 0;
        acts += m->units[u].activities;
    }
    wb_merge(sh, K_STT, K_REF, "TỔNG CỘNG", F_TOTAL_TEXT);
    /* a unit reports several categories: the total counts each unit once */
    wb_num(sh, K_UNITS, (double)reporting, F_TOTAL_INT);
    for (int c = K_ACTIVITIES; c < K_NCOLS; c++) {
        double v = (double)acts;
        if (c >= K_IND) {
            v = 0;
            for (size_t k = 0; k < m->c->ncategories; k++)
                v += (double)consolidate_category_total(&m->totals, k, c - K_IND);
        }
        lxw_col_to_name(col, (lxw_col_t)c, LXW_FALSE);
        snprintf(formula, sizeof formula, "=SUM(%s%u:%s%u)", col, (unsigned)first + 1, col,
                 (unsigned)sh->row);
        if (sh->row > first)
            wb_formula(sh, c, formula, v, F_TOTAL_INT);
        else
            wb_num(sh, c, v, F_TOTAL_INT);
    }
    wb_next_row(sh);
}

static void category_table(wb_sheet *sh, const char *const *titles)
{
    wb_table_header(sh, titles);
    lxw_row_t first = sh->row;
    for (size_t k = 0; k < sh->x->m->c->ncategories; k++)
        category_row(sh, k);
    category_total(sh, first);
}

void sheet_categories(wb_ctx *x)
{
    wb_sheet sh;
    const char *titles[K_NCOLS] = {"STT", "Hoạt động", "Mục trong công văn", "Số đơn vị báo cáo",
                                   "Số hoạt động"};
    for (int i = 0; i < INDICATOR_COUNT; i++)
        titles[K_IND + i] = report_schema_column(COL_FIRST_INDICATOR + i)->title;
    wb_measure(x, &sh, K_NCOLS, category_grow);
    category_table(&sh, titles);
    if (!wb_sheet_begin(&sh, "Theo hoạt động", "TỔNG HỢP THEO HOẠT ĐỘNG", NULL))
        return;
    category_table(&sh, titles);
    wb_sheet_end(&sh, WB_LIST, NULL, 0);
}
