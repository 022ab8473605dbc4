/*
 * sheet_audit.c - the sheets a clerk acts on: "Chưa nộp - Thiếu" (who owes
 * a report or a required category, with the e-mail to write to; in every
 * workbook), and in the clerk's workbook only (export --full) "Lỗi dữ liệu"
 * (every finding of every file, its code beside its words) and "Lịch sử
 * nộp" (the ledger: every file received, and what became of it).
 *
 * Everything shown was computed before the workbook was opened (the model's
 * ledger, the findings spilled to a temporary file): these functions only
 * format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "workbook.h"

/* ---- Chưa nộp - Thiếu --------------------------------------------------- */

enum { M_STT, M_CODE, M_NAME, M_KIND, M_STATUS, M_REQUIRED, M_MISSING, M_EMAIL, M_NCOLS };

static const bool missing_grow[M_NCOLS] = {[M_NAME] = true, [M_MISSING] = true};

static void missing_row(wb_sheet *sh, size_t stt, size_t u)
{
    const export_model *m = sh->x->m;
    const unit_status *s = &m->units[u];
    char req[32];
    strbuf missing = STRBUF_INIT;
    consolidate_missing_list(m->c, u, s, "\n", CONSOLIDATE_NAMES, &missing);
    if (missing.failed)
        sh->x->err = TH_ERR_NOMEM;
    wb_num(sh, M_STT, (double)stt, F_CENTER);
    wb_str(sh, M_CODE, m->c->units[u].code, F_TEXT);
    wb_str(sh, M_NAME, m->c->units[u].name, F_TEXT);
    wb_str(sh, M_KIND, unit_kind_label(m->c->units[u].kind), F_TEXT);
    wb_str(sh, M_STATUS, consolidate_deadline_label(s->status, LANG_VI), F_CENTER);
    snprintf(req, sizeof req, "%zu/%zu", s->covered, s->required);
    wb_str(sh, M_REQUIRED, req, F_CENTER);
    wb_str(sh, M_MISSING, missing.buf, F_TEXT);
    wb_str(sh, M_EMAIL, m->c->units[u].email, F_TEXT);
    wb_next_row(sh);
    strbuf_release(&missing);
}

static void missing_table(wb_sheet *sh, const char *const *titles)
{
    const export_model *m = sh->x->m;
    wb_table_header(sh, titles);
    lxw_row_t first = sh->row;
    size_t stt = 0;
    /* first who sent nothing, then who sent an incomplete report */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < m->c->nunits; i++) {
            const unit_status *s = &m->units[m->order[i]];
            bool nothing = s->status == DEADLINE_MISSING;
            if (pass == 0 ? nothing : (!nothing && s->covered < s->required))
                missing_row(sh, ++stt, m->order[i]);
        }
    }
    if (stt > 0)
        wb_highlight_equal(sh, first, sh->row - 1, M_STATUS,
                           consolidate_deadline_label(DEADLINE_MISSING, LANG_VI), F_CF_MISSING);
}

static const wb_legend missing_legend[] = {
    {F_KEY_MISSING, "Đơn vị chưa nộp báo cáo (cột Tình trạng ghi \"Chưa nộp\")."},
};

void sheet_missing(wb_ctx *x)
{
    wb_sheet sh;
    const char *titles[M_NCOLS] = {"STT",        report_schema_column(COL_UNIT)->title,
                                   "Đơn vị",     "Loại đơn vị",
                                   "Tình trạng", "Hoạt động bắt buộc",
                                   "Còn thiếu",  "Thư điện tử"};
    wb_measure(x, &sh, M_NCOLS, missing_grow);
    missing_table(&sh, titles);
    if (!wb_sheet_begin(&sh, "Chưa nộp - Thiếu",
                        "DANH SÁCH ĐƠN VỊ CHƯA NỘP BÁO CÁO HOẶC CÒN THIẾU HOẠT ĐỘNG BẮT BUỘC",
                        NULL))
        return;
    missing_table(&sh, titles);
    wb_sheet_end(&sh, WB_LIST, missing_legend, 1);
}

/* ---- Lỗi dữ liệu -------------------------------------------------------- */

enum { E_STT, E_FILE, E_LINE, E_COL, E_SEVERITY, E_TEXT, E_CODE, E_NCOLS };

static const bool finding_grow[E_NCOLS] = {[E_TEXT] = true};

static void finding_row(wb_sheet *sh, size_t stt, const finding *f)
{
    char col[256];
    strbuf text = STRBUF_INIT;
    char *detail = finding_detail_text(f, LANG_VI);
    strbuf_adds(&text, finding_code_message(f->code, LANG_VI));
    if (detail != NULL && *detail != '\0')
        strbuf_addf(&text, " — %s", detail);
    if (detail == NULL || text.failed)
        sh->x->err = TH_ERR_NOMEM;
    free(detail);
    wb_num(sh, E_STT, (double)stt, F_CENTER);
    wb_str(sh, E_FILE, f->file, F_TEXT);
    if (f->row > 0)
        wb_num(sh, E_LINE, (double)f->row, F_CENTER);
    else
        wb_blank(sh, E_LINE, F_CENTER);
    col[0] = '\0';
    finding_cell_ref(f, col, sizeof col); /* a spreadsheet: "Sheet1!D7" */
    if (*col != '\0' && f->column > 0 && *f->column_name) {
        size_t used = strlen(col);
        snprintf(col + used, sizeof col - used, " (%s)", f->column_name);
    } else if (*col == '\0' && f->column > 0) {
        char letters[8];
        finding_column_letters(f->column, letters, sizeof letters);
        snprintf(col, sizeof col, *f->column_name ? "%s (%s)" : "%s", letters, f->column_name);
    }
    wb_str(sh, E_COL, col, F_TEXT);
    wb_str(sh, E_SEVERITY, finding_severity_label(finding_code_severity(f->code), LANG_VI),
           F_CENTER);
    wb_str(sh, E_TEXT, text.buf ? text.buf : "", F_TEXT);
    wb_str(sh, E_CODE, finding_code_name(f->code), F_CENTER);
    strbuf_release(&text);
    wb_next_row(sh);
}

/* Reads the next finding; false at the end or on an error (kept in x). */
static bool next_finding(wb_ctx *x, finding *f)
{
    bool done = false;
    th_error rc = finding_spill_next(x->findings, f, &done);
    if (rc != TH_OK && x->err == TH_OK)
        x->err = rc;
    return rc == TH_OK && !done && wb_check(x, LXW_NO_ERROR);
}

static void finding_table(wb_sheet *sh, const char *const *titles)
{
    wb_table_header(sh, titles);
    lxw_row_t first = sh->row;
    size_t n = 0;
    finding f;
    if (finding_spill_rewind(sh->x->findings) != TH_OK && sh->x->err == TH_OK)
        sh->x->err = TH_ERR_IO;
    while (next_finding(sh->x, &f))
        finding_row(sh, ++n, &f);
    if (n > 0) {
        wb_highlight_equal(sh, first, sh->row - 1, E_SEVERITY,
                           finding_severity_label(FINDING_ROW_ERROR, LANG_VI), F_CF_MISSING);
        wb_highlight_equal(sh, first, sh->row - 1, E_SEVERITY,
                           finding_severity_label(FINDING_WARNING, LANG_VI), F_CF_INCOMPLETE);
    }
}

void sheet_findings(wb_ctx *x)
{
    wb_sheet sh;
    char error[128], warning[128];
    const char *titles[E_NCOLS] = {"STT", "Tệp", "Dòng", "Cột", "Mức độ", "Nội dung", "Mã lỗi"};
    snprintf(error, sizeof error, "Dòng có lỗi, không được tính (cột Mức độ ghi \"%s\").",
             finding_severity_label(FINDING_ROW_ERROR, LANG_VI));
    snprintf(warning, sizeof warning, "Cảnh báo, dòng vẫn được tính (cột Mức độ ghi \"%s\").",
             finding_severity_label(FINDING_WARNING, LANG_VI));
    const wb_legend legend[] = {{F_KEY_MISSING, error}, {F_KEY_INCOMPLETE, warning}};
    wb_measure(x, &sh, E_NCOLS, finding_grow);
    finding_table(&sh, titles);
    if (!wb_sheet_begin(&sh, "Lỗi dữ liệu", "DANH SÁCH LỖI VÀ CẢNH BÁO TRONG CÁC BÁO CÁO", NULL))
        return;
    finding_table(&sh, titles);
    wb_sheet_end(&sh, WB_LIST, legend, 2);
}

/* ---- Lịch sử nộp -------------------------------------------------------- */

enum {
    L_STT,
    L_FILE,
    L_RECEIVED,
    L_NAME, /* the unit's name, or the code as sent when it is not in the list */
    L_COUNTED,
    L_ERRORS,
    L_WARNINGS,
    L_STATE,
    L_CHANGE,
    L_SHA,
    L_NCOLS
};

static const bool ledger_grow[L_NCOLS] = {[L_NAME] = true, [L_STATE] = true, [L_CHANGE] = true};

/* Appends "label +12" or "label −12": a minus sign (U+2212), which, unlike
 * a hyphen, never ends a printed line before its number. */
static void add_change(strbuf *out, const char *label, long long v)
{
    unsigned long long a = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    strbuf_addf(out, "%s%s %s%llu", out->len ? "; " : "", label, v < 0 ? "\u2212" : "+", a);
}

/* The state in words (the store's, through the ledger: never re-derived
 * here), the reason of a withdrawal and, when replaced, the change in
 * totals. */
static void state_text(const export_model *m, size_t i, strbuf *state, strbuf *change)
{
    const ledger_entry *e = &m->ledger[i];
    const char *reason = m->subs[i].withdraw_reason;
    strbuf_adds(state, consolidate_ledger_label(e->state, LANG_VI));
    if (e->state == LEDGER_WITHDRAWN && reason != NULL && *reason != '\0')
        strbuf_addf(state, ": %s", reason);
    if (e->state != LEDGER_REPLACED)
        return;
    strbuf_addf(state, " bởi bản nhận sau (STT %zu)", e->replaced_by + 1);
    if (e->rows_change != 0)
        add_change(change, "Số hoạt động", e->rows_change);
    for (int k = 0; k < INDICATOR_COUNT; k++) {
        if (e->change[k] != 0)
            add_change(change, report_schema_column(COL_FIRST_INDICATOR + k)->title,
                       (long long)e->change[k]);
    }
    if (change->len == 0)
        strbuf_adds(change, "Số liệu không đổi");
}

static void ledger_row(wb_sheet *sh, size_t i)
{
    const export_model *m = sh->x->m;
    const submission *s = &m->subs[i];
    long u = m->ledger[i].unit;
    char sha[13];
    strbuf state = STRBUF_INIT, change = STRBUF_INIT;
    snprintf(sha, sizeof sha, "%.12s", s->sha256);
    state_text(m, i, &state, &change);
    if (state.failed || change.failed)
        sh->x->err = TH_ERR_NOMEM;
    wb_num(sh, L_STT, (double)(i + 1), F_CENTER);
    wb_str(sh, L_FILE, s->file_name, F_TEXT);
    wb_time(sh, L_RECEIVED, s->received, F_DATETIME);
    wb_str(sh, L_NAME, u >= 0 ? m->c->units[u].name : s->unit_code, F_TEXT);
    wb_num(sh, L_COUNTED, (double)s->rows_counted, F_INT);
    wb_num(sh, L_ERRORS, (double)s->rows_rejected, F_INT);
    wb_num(sh, L_WARNINGS, (double)s->warnings, F_INT);
    wb_str(sh, L_STATE, state.buf ? state.buf : "", F_TEXT);
    wb_str(sh, L_CHANGE, change.buf ? change.buf : "", F_TEXT);
    wb_str(sh, L_SHA, sha, F_CENTER);
    wb_next_row(sh);
    strbuf_release(&state);
    strbuf_release(&change);
}

static void ledger_table(wb_sheet *sh, const char *const *titles)
{
    const export_model *m = sh->x->m;
    wb_table_header(sh, titles);
    lxw_row_t first = sh->row;
    for (size_t i = 0; i < m->nsubs && wb_check(sh->x, LXW_NO_ERROR); i++)
        ledger_row(sh, i);
    if (m->nsubs > 0)
        wb_highlight_equal(sh, first, sh->row - 1, L_STATE,
                           consolidate_ledger_label(LEDGER_REJECTED, LANG_VI), F_CF_MISSING);
}

void sheet_ledger(wb_ctx *x)
{
    wb_sheet sh;
    const char *titles[L_NCOLS] = {"STT",
                                   "Tệp",
                                   "Thời điểm nhận",
                                   "Đơn vị",
                                   "Dòng được tính",
                                   "Dòng lỗi",
                                   "Cảnh báo",
                                   "Tình trạng",
                                   "Thay đổi so với bản trước",
                                   "Mã băm (SHA-256, 12 ký tự đầu)"};
    static const wb_legend legend[] = {
        {F_KEY_MISSING, "Tệp bị từ chối, không được tính (cột Tình trạng ghi \"Bị từ chối\")."},
    };
    wb_measure(x, &sh, L_NCOLS, ledger_grow);
    ledger_table(&sh, titles);
    if (!wb_sheet_begin(&sh, "Lịch sử nộp", "LỊCH SỬ NHẬN BÁO CÁO", NULL))
        return;
    ledger_table(&sh, titles);
    wb_sheet_end(&sh, WB_LIST, legend, 1);
}
