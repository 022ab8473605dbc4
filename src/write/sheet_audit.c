/*
 * sheet_audit.c - the sheets a clerk acts on: "Chưa nộp - Thiếu" (who owes
 * a report or a required category, with the e-mail to write to), "Lỗi dữ
 * liệu" (every finding of every file) and "Lịch sử nộp" (the ledger: every
 * file received, and what became of it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "workbook.h"

/* ---- Chưa nộp - Thiếu --------------------------------------------------- */

enum { M_STT, M_CODE, M_NAME, M_KIND, M_STATUS, M_REQUIRED, M_MISSING, M_EMAIL, M_NCOLS };

static const double missing_widths[M_NCOLS] = {5, 12, 32, 16, 14, 10, 50, 30};

static void missing_row(wb_sheet *sh, size_t stt, size_t u)
{
    const export_model *m = sh->x->m;
    const unit_status *s = &m->units[u];
    char req[32];
    strbuf missing = STRBUF_INIT;
    consolidate_missing_list(m->c, u, s, "\n", true, &missing);
    if (missing.failed)
        sh->x->err = TH_ERR_NOMEM;
    const char *wrapped[] = {m->c->units[u].name, missing.buf};
    const double widths[] = {missing_widths[M_NAME], missing_widths[M_MISSING]};
    wb_fit_row(sh, 2, wrapped, widths);
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

void sheet_missing(wb_ctx *x)
{
    const export_model *m = x->m;
    wb_sheet sh;
    const char *titles[M_NCOLS] = {"STT",        report_schema_column(COL_UNIT)->title,
                                   "Đơn vị",     "Loại đơn vị",
                                   "Tình trạng", "Hoạt động bắt buộc",
                                   "Còn thiếu",  "Thư điện tử"};
    if (!wb_sheet_begin(x, &sh, "Chưa nộp - Thiếu",
                        "DANH SÁCH ĐƠN VỊ CHƯA NỘP BÁO CÁO HOẶC CÒN THIẾU HOẠT ĐỘNG BẮT BUỘC",
                        missing_widths, M_NCOLS))
        return;
    wb_table_header(&sh, titles);
    lxw_row_t first = sh.row;
    size_t stt = 0;
    /* first who sent nothing, then who sent an incomplete report */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < m->c->nunits; i++) {
            const unit_status *s = &m->units[m->order[i]];
            bool nothing = s->status == DEADLINE_MISSING;
            if (pass == 0 ? nothing : (!nothing && s->covered < s->required))
                missing_row(&sh, ++stt, m->order[i]);
        }
    }
    if (stt > 0)
        wb_highlight_equal(&sh, first, sh.row - 1, M_STATUS,
                           consolidate_deadline_label(DEADLINE_MISSING, LANG_VI), F_CF_MISSING);
}

/* ---- Lỗi dữ liệu -------------------------------------------------------- */

enum { E_STT, E_FILE, E_LINE, E_COL, E_CODE, E_SEVERITY, E_TEXT, E_NCOLS };

static const double finding_widths[E_NCOLS] = {6, 36, 7, 16, 18, 10, 80};

static void finding_row(wb_sheet *sh, size_t stt, const finding *f)
{
    char col[128];
    strbuf text = STRBUF_INIT;
    char *detail = finding_detail_text(f, LANG_VI);
    strbuf_adds(&text, finding_code_message(f->code, LANG_VI));
    if (detail != NULL && *detail != '\0')
        strbuf_addf(&text, " — %s", detail);
    if (detail == NULL || text.failed)
        sh->x->err = TH_ERR_NOMEM;
    free(detail);
    const char *wrapped[] = {f->file, text.buf};
    const double widths[] = {finding_widths[E_FILE], finding_widths[E_TEXT]};
    wb_fit_row(sh, 2, wrapped, widths);
    wb_num(sh, E_STT, (double)stt, F_CENTER);
    wb_str(sh, E_FILE, f->file, F_TEXT);
    if (f->row > 0)
        wb_num(sh, E_LINE, (double)f->row, F_CENTER);
    else
        wb_blank(sh, E_LINE, F_CENTER);
    col[0] = '\0';
    if (f->column > 0) {
        char letters[8];
        finding_column_letters(f->column, letters, sizeof letters);
        snprintf(col, sizeof col, *f->column_name ? "%s (%s)" : "%s", letters, f->column_name);
    }
    wb_str(sh, E_COL, col, F_CENTER);
    wb_str(sh, E_CODE, finding_code_name(f->code), F_CENTER);
    wb_str(sh, E_SEVERITY, finding_severity_label(finding_code_severity(f->code), LANG_VI),
           F_CENTER);
    wb_str(sh, E_TEXT, text.buf, F_TEXT);
    strbuf_release(&text);
    wb_next_row(sh);
}

void sheet_findings(wb_ctx *x)
{
    const export_model *m = x->m;
    wb_sheet sh;
    const char *titles[E_NCOLS] = {"STT", "Tệp", "Dòng", "Cột", "Mã lỗi", "Mức độ", "Nội dung"};
    if (!wb_sheet_begin(x, &sh, "Lỗi dữ liệu", "DANH SÁCH LỖI VÀ CẢNH BÁO TRONG CÁC BÁO CÁO",
                        finding_widths, E_NCOLS))
        return;
    wb_table_header(&sh, titles);
    lxw_row_t first = sh.row;
    size_t stt = 0;
    for (size_t i = 0; i < m->nsubs && wb_check(x, LXW_NO_ERROR); i++) {
        finding_list list;
        finding_list_init(&list);
        th_error rc = store_load_findings(m->st, m->subs[i].id, &list);
        for (size_t j = 0; rc == TH_OK && j < list.count; j++)
            finding_row(&sh, ++stt, &list.items[j]);
        finding_list_release(&list);
        if (rc != TH_OK)
            x->err = rc;
    }
    if (stt > 0) {
        wb_highlight_equal(&sh, first, sh.row - 1, E_SEVERITY,
                           finding_severity_label(FINDING_ROW_ERROR, LANG_VI), F_CF_MISSING);
        wb_highlight_equal(&sh, first, sh.row - 1, E_SEVERITY,
                           finding_severity_label(FINDING_WARNING, LANG_VI), F_CF_INCOMPLETE);
    }
}

/* ---- Lịch sử nộp -------------------------------------------------------- */

enum {
    L_STT,
    L_FILE,
    L_SHA,
    L_RECEIVED,
    L_CODE,
    L_NAME,
    L_READ,
    L_COUNTED,
    L_ERRORS,
    L_WARNINGS,
    L_STATE,
    L_CHANGE,
    L_NCOLS
};

static const double ledger_widths[L_NCOLS] = {5, 36, 14, 16, 12, 28, 8, 9, 8, 9, 36, 40};

#define REJECTED "Bị từ chối"

/* Appends to out how the unit's totals changed from old to new. */
static th_error change_text(store *st, const submission *old, const submission *new_, strbuf *out)
{
    int64_t a[INDICATOR_COUNT], b[INDICATOR_COUNT];
    th_error rc = consolidate_submission_totals(st, old->id, a);
    if (rc == TH_OK)
        rc = consolidate_submission_totals(st, new_->id, b);
    size_t start = out->len;
    long long rows = (long long)new_->rows_counted - (long long)old->rows_counted;
    if (rows != 0)
        strbuf_addf(out, "Số hoạt động %+lld", rows);
    for (int i = 0; rc == TH_OK && i < INDICATOR_COUNT; i++) {
        if (b[i] != a[i])
            strbuf_addf(out, "%s%s %+lld", out->len > start ? "; " : "",
                        report_schema_column(COL_FIRST_INDICATOR + i)->title,
                        (long long)(b[i] - a[i]));
    }
    if (rc == TH_OK && out->len == start)
        strbuf_adds(out, "Số liệu không đổi");
    return rc;
}

/* Appends the state of submission i to state and, when it was superseded,
 * the change in totals to change.  What became of it is the store's rule of
 * the report in effect (in_effect, superseded_by, withdrawn): never
 * re-derived here. */
static void state_text(wb_ctx *x, size_t i, long u, strbuf *state, strbuf *change)
{
    const export_model *m = x->m;
    const submission *s = &m->subs[i];
    const submission *next = s->superseded_by ? export_model_submission(m, s->superseded_by) : NULL;
    if (s->withdrawn_at != 0)
        strbuf_addf(state, "Đã rút lại: %s", s->withdraw_reason ? s->withdraw_reason : "");
    else if (s->state != SUBMISSION_ACCEPTED)
        strbuf_adds(state, REJECTED);
    else if (u < 0)
        strbuf_adds(state, "Không tính: đơn vị không có trong danh sách");
    else if (s->in_effect)
        strbuf_adds(state, s->supplements ? "Bổ sung, đang có hiệu lực" : "Đang có hiệu lực");
    else if (next != NULL) {
        strbuf_addf(state, "Được thay thế bởi %s", next->file_name);
        th_error rc = change_text(m->st, s, next, change);
        if (rc != TH_OK)
            x->err = rc;
    } else
        strbuf_adds(state, "Không có hiệu lực");
    if (state->failed || change->failed)
        x->err = TH_ERR_NOMEM;
}

static void ledger_row(wb_sheet *sh, size_t i, long u)
{
    const export_model *m = sh->x->m;
    const submission *s = &m->subs[i];
    char sha[13];
    strbuf state = STRBUF_INIT, change = STRBUF_INIT;
    snprintf(sha, sizeof sha, "%.12s", s->sha256);
    state_text(sh->x, i, u, &state, &change);
    const char *wrapped[] = {s->file_name, u >= 0 ? m->c->units[u].name : "", state.buf,
                             change.buf};
    const double widths[] = {ledger_widths[L_FILE], ledger_widths[L_NAME], ledger_widths[L_STATE],
                             ledger_widths[L_CHANGE]};
    wb_fit_row(sh, 4, wrapped, widths);
    wb_num(sh, L_STT, (double)(i + 1), F_CENTER);
    wb_str(sh, L_FILE, s->file_name, F_TEXT);
    wb_str(sh, L_SHA, sha, F_CENTER);
    wb_time(sh, L_RECEIVED, s->received, F_DATETIME);
    wb_str(sh, L_CODE, s->unit_code, F_TEXT);
    wb_str(sh, L_NAME, u >= 0 ? m->c->units[u].name : "", F_TEXT);
    wb_num(sh, L_READ, (double)s->rows_read, F_INT);
    wb_num(sh, L_COUNTED, (double)s->rows_counted, F_INT);
    wb_num(sh, L_ERRORS, (double)s->rows_rejected, F_INT);
    wb_num(sh, L_WARNINGS, (double)s->warnings, F_INT);
    wb_str(sh, L_STATE, state.buf, F_TEXT);
    wb_str(sh, L_CHANGE, change.buf, F_TEXT);
    wb_next_row(sh);
    strbuf_release(&state);
    strbuf_release(&change);
}

void sheet_ledger(wb_ctx *x)
{
    const export_model *m = x->m;
    wb_sheet sh;
    const char *titles[L_NCOLS] = {"STT",
                                   "Tệp",
                                   "SHA-256",
                                   "Thời điểm nhận",
                                   report_schema_column(COL_UNIT)->title,
                                   "Đơn vị",
                                   "Số dòng",
                                   "Dòng được tính",
                                   "Dòng lỗi",
                                   "Cảnh báo",
                                   "Tình trạng",
                                   "Thay đổi so với bản trước"};
    if (!wb_sheet_begin(x, &sh, "Lịch sử nộp", "LỊCH SỬ NHẬN BÁO CÁO", ledger_widths, L_NCOLS))
        return;
    wb_table_header(&sh, titles);
    lxw_row_t first = sh.row;
    for (size_t i = 0; i < m->nsubs && wb_check(x, LXW_NO_ERROR); i++) {
        const submission *s = &m->subs[i];
        ledger_row(&sh, i, *s->unit_code ? campaign_find_unit(m->c, s->unit_code) : -1);
    }
    if (m->nsubs > 0)
        wb_highlight_equal(&sh, first, sh.row - 1, L_STATE, REJECTED, F_CF_MISSING);
}
