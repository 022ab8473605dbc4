/*
 * template_xlsx.c - the fill-in workbook of `tonghop template --xlsx`.
 *
 * Three sheets: "Báo cáo" first (the one a unit fills in, and the one a
 * spreadsheet program saves when asked for CSV), "Hướng dẫn" (who, what, by
 * when, how), and the hidden "Danh mục" that holds the drop-down lists.  On
 * "Báo cáo" the header row is locked and the sheet protected without a
 * password, so columns cannot be renamed, inserted, deleted or moved, while
 * every cell below the header stays editable (its columns are formatted
 * unlocked) and rows may be inserted and deleted.  Each column below the
 * header carries a data validation with a Vietnamese input message and
 * error message: the unit's code, the category list (the unit's required
 * categories first), dates of the campaign's years, the forms, whole
 * numbers from 0.
 *
 * The unit code is not pre-filled: a row holding only the code would be an
 * incomplete activity on import.  With --unit the code is instead the only
 * value the column accepts, offered in its drop-down.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "export.h"
#include "field.h"
#include "report_schema.h"
#include "template.h"
#include "text.h"
#include "i18n.h"

/* Rows below the header that carry the validations (a unit sends dozens). */
#define DATA_ROWS 10000
#define LISTS_SHEET "Danh mục"

typedef struct {
    const campaign *c;
    long u; /* unit index, -1 for any unit */
    lxw_workbook *wb;
    lxw_error lerr; /* the first library error */
    th_error err;   /* the first error of ours */
    size_t *order;  /* categories, required first */
    size_t nrequired;
    lxw_format *head, *cell, *date, *count, *money, *wrap, *title, *bold, *text;
} tpl;

static bool ok(tpl *t, lxw_error e)
{
    if (e != LXW_NO_ERROR && t->lerr == LXW_NO_ERROR)
        t->lerr = e;
    return t->lerr == LXW_NO_ERROR && t->err == TH_OK;
}

/* Writes text as a string cell, made safe for Excel first. */
static void put(tpl *t, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
                lxw_format *f)
{
    char *copy = NULL;
    th_error rc = export_xlsx_text(text, &copy);
    if (rc != TH_OK) {
        t->err = rc;
        return;
    }
    ok(t, worksheet_write_string(ws, row, col, copy ? copy : text, f));
    free(copy);
}

static void make_formats(tpl *t)
{
    lxw_format **all[] = {&t->head, &t->cell,  &t->date, &t->count, &t->money,
                          &t->wrap, &t->title, &t->bold, &t->text};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        *all[i] = workbook_add_format(t->wb);
        if (*all[i] == NULL) {
            ok(t, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        format_set_font_name(*all[i], "Times New Roman");
        format_set_font_size(*all[i], 12);
    }
    format_set_bold(t->head);
    format_set_text_wrap(t->head);
    format_set_align(t->head, LXW_ALIGN_CENTER);
    format_set_align(t->head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(t->head, 0xDDEBF7);
    format_set_border(t->head, LXW_BORDER_THIN);
    /* Below the header: editable even with the sheet protected. */
    lxw_format *data[] = {t->cell, t->date, t->count, t->money, t->wrap};
    for (size_t i = 0; i < sizeof data / sizeof data[0]; i++)
        format_set_unlocked(data[i]);
    format_set_num_format(t->date, "dd/mm/yyyy");
    format_set_num_format(t->count, "0");
    format_set_num_format(t->money, "#,##0");
    format_set_text_wrap(t->wrap);
    format_set_text_wrap(t->text);
    format_set_align(t->text, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(t->title);
    format_set_font_size(t->title, 14);
    format_set_bold(t->bold);
}

/* ---- the hidden lists ----------------------------------------------------- */

static lxw_worksheet *write_lists(tpl *t)
{
    lxw_worksheet *ws = workbook_add_worksheet(t->wb, LISTS_SHEET);
    if (ws == NULL) {
        ok(t, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
    put(t, ws, 0, 0, "Mã hoạt động", NULL);
    put(t, ws, 0, 1, "Mã đơn vị", NULL);
    for (size_t i = 0; i < t->c->ncategories; i++)
        put(t, ws, (lxw_row_t)(i + 1), 0, t->c->categories[t->order[i]].code, NULL);
    for (size_t i = 0; i < t->c->nunits; i++)
        put(t, ws, (lxw_row_t)(i + 1), 1, t->c->units[i].code, NULL);
    worksheet_hide(ws);
    worksheet_protect(ws, NULL, NULL);
    return ws;
}

/* ---- the sheet a unit fills in ------------------------------------------- */

static lxw_format *column_format(tpl *t, report_column col)
{
    switch (report_schema_column(col)->type) {
    case COLTYPE_DATE:
        return t->date;
    case COLTYPE_COUNT:
        return col == COL_BUDGET ? t->money : t->count;
    case COLTYPE_TEXT:
        return t->wrap;
    default:
        return t->cell;
    }
}

/* A width that shows the header on at most two lines, or the widest code. */
static double column_width(const tpl *t, report_column col)
{
    if (col == COL_CONTENT)
        return 45;
    if (col == COL_NOTE)
        return 30;
    size_t w = text_width(report_schema_column(col)->title);
    size_t want = w <= 12 ? w : (w + 1) / 2 + 2;
    if (col == COL_UNIT)
        for (size_t i = 0; i < t->c->nunits; i++)
            want = want > text_width(t->c->units[i].code) ? want : text_width(t->c->units[i].code);
    if (col == COL_CATEGORY)
        for (size_t i = 0; i < t->c->ncategories; i++) {
            size_t cw = text_width(t->c->categories[i].code);
            want = want > cw ? want : cw;
        }
    if (col == COL_FROM || col == COL_TO)
        want = want > 11 ? want : 11;
    return (double)want + 3; /* room for the drop-down arrow */
}

static void validate(tpl *t, lxw_worksheet *ws, report_column col, lxw_data_validation *dv)
{
    ok(t, worksheet_data_validation_range(ws, 1, (lxw_col_t)col, DATA_ROWS, (lxw_col_t)col, dv));
}

/* Offers items (n of them, NULL-terminated) in dv's drop-down: as a literal
 * list when Excel can hold it (at most 255 characters, no comma or quote in
 * an item), else as range, the cells of the lists sheet that hold them.
 * The literal form comes first because libxlsxwriter 1.1.4 leaks its copy
 * of a range list's formula (one small string per list, until exit). */
static void offer_list(lxw_data_validation *dv, const char **items, size_t n, char *range)
{
    size_t len = n > 0 ? n - 1 : 0;
    bool literal = n > 0;
    for (size_t i = 0; i < n && literal; i++) {
        len += strlen(items[i]);
        literal = strpbrk(items[i], ",\"") == NULL && len <= 255;
    }
    if (literal) {
        dv->validate = LXW_VALIDATION_TYPE_LIST;
        dv->value_list = (char **)items;
    } else {
        dv->validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        dv->value_formula = range;
    }
}

/* With --unit the unit's code is the only value offered and accepted. */
static void validate_unit(tpl *t, lxw_worksheet *ws)
{
    char range[64], input[256], error[256];
    size_t n = t->u >= 0 ? 1 : t->c->nunits;
    const char **codes = calloc(n + 1, sizeof *codes);
    if (codes == NULL) {
        t->err = TH_ERR_NOMEM;
        return;
    }
    for (size_t i = 0; i < n; i++)
        codes[i] = t->c->units[t->u >= 0 ? (size_t)t->u : i].code;
    if (t->u >= 0) {
        snprintf(range, sizeof range, "='%s'!$B$%ld", LISTS_SHEET, t->u + 2);
        snprintf(input, sizeof input, "Chọn %s (mã của đơn vị bạn) ở mọi dòng có hoạt động.",
                 codes[0]);
        snprintf(error, sizeof error, "Mẫu này của đơn vị %s: mã đơn vị phải là %s.", codes[0],
                 codes[0]);
    } else {
        snprintf(range, sizeof range, "='%s'!$B$2:$B$%zu", LISTS_SHEET, n + 1);
        snprintf(input, sizeof input, "Chọn mã của đơn vị bạn; mọi dòng cùng một mã.");
        snprintf(error, sizeof error,
                 "Mã đơn vị không có trong danh sách. Hãy chọn trong danh sách thả xuống.");
    }
    lxw_data_validation dv = {0};
    offer_list(&dv, codes, n, range);
    dv.input_title = "Mã đơn vị";
    dv.error_title = "Mã đơn vị không đúng";
    dv.input_message = input;
    dv.error_message = error;
    validate(t, ws, COL_UNIT, &dv);
    free(codes);
}

static void validate_category(tpl *t, lxw_worksheet *ws)
{
    char range[64], input[256];
    size_t n = t->c->ncategories;
    const char **codes = calloc(n + 1, sizeof *codes);
    if (codes == NULL) {
        t->err = TH_ERR_NOMEM;
        return;
    }
    for (size_t i = 0; i < n; i++)
        codes[i] = t->c->categories[t->order[i]].code;
    snprintf(range, sizeof range, "='%s'!$A$2:$A$%zu", LISTS_SHEET, n + 1);
    if (t->nrequired > 0)
        snprintf(input, sizeof input,
                 "Chọn trong danh sách. %zu mã đầu là hoạt động đơn vị bắt buộc phải báo cáo; "
                 "tên của từng mã ở trang Hướng dẫn.",
                 t->nrequired);
    else
        snprintf(input, sizeof input, "Chọn trong danh sách; tên của từng mã ở trang Hướng dẫn.");
    lxw_data_validation dv = {0};
    offer_list(&dv, codes, n, range);
    dv.input_title = "Mã hoạt động";
    dv.input_message = input;
    dv.error_title = "Mã hoạt động không đúng";
    dv.error_message = "Mã này không có trong danh mục hoạt động. Hãy chọn trong danh sách.";
    validate(t, ws, COL_CATEGORY, &dv);
    free(codes);
}

static lxw_datetime day_of(int year, int month, int day)
{
    lxw_datetime d = {year, month, day, 0, 0, 0};
    return d;
}

/* Dates from 1 January of the year before the week to 31 December of the
 * year after it: room for planning and late reports, not for typos. */
static void validate_dates(tpl *t, lxw_worksheet *ws)
{
    int y0, y1, m, d;
    field_civil_split(t->c->week_start, &y0, &m, &d);
    field_civil_split(t->c->week_end, &y1, &m, &d);
    char input[256], error[256], to_min[64];
    snprintf(input, sizeof input, "Ghi ngày/tháng/năm, ví dụ 01/10/%d (hoặc %d-10-01).", y0, y0);
    snprintf(error, sizeof error,
             "Không phải ngày hợp lệ trong khoảng 01/01/%d - 31/12/%d. Hãy ghi "
             "ngày/tháng/năm, ví dụ 01/10/%d.",
             y0 - 1, y1 + 1, y0);
    lxw_data_validation dv = {0};
    dv.validate = LXW_VALIDATION_TYPE_DATE;
    dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    dv.minimum_datetime = day_of(y0 - 1, 1, 1);
    dv.maximum_datetime = day_of(y1 + 1, 12, 31);
    dv.input_title = "Từ ngày";
    dv.input_message = input;
    dv.error_title = "Ngày không hợp lệ";
    dv.error_message = error;
    validate(t, ws, COL_FROM, &dv);
    /* Đến ngày: not before Từ ngày of the same row. */
    snprintf(to_min, sizeof to_min, "=MAX(D2,DATE(%d,1,1))", y0 - 1);
    lxw_data_validation to = dv;
    to.validate = LXW_VALIDATION_TYPE_DATE_FORMULA;
    to.minimum_formula = to_min;
    to.maximum_formula = NULL;
    char to_max[32];
    snprintf(to_max, sizeof to_max, "=DATE(%d,12,31)", y1 + 1);
    to.maximum_formula = to_max;
    to.input_title = "Đến ngày (không bắt buộc)";
    to.error_message = "Đến ngày phải là ngày hợp lệ, không trước Từ ngày.";
    validate(t, ws, COL_TO, &to);
}

static void validate_form(tpl *t, lxw_worksheet *ws)
{
    const char *forms[] = {report_schema_form_label(FORM_IN_PERSON),
                           report_schema_form_label(FORM_ONLINE),
                           report_schema_form_label(FORM_BLENDED), NULL};
    lxw_data_validation dv = {0};
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.value_list = (char **)forms;
    dv.input_title = "Hình thức (không bắt buộc)";
    dv.input_message = "Chọn trực tiếp, trực tuyến hoặc kết hợp.";
    dv.error_title = "Hình thức không đúng";
    dv.error_message = "Hãy chọn trực tiếp, trực tuyến hoặc kết hợp trong danh sách.";
    validate(t, ws, COL_FORM, &dv);
}

static void validate_counts(tpl *t, lxw_worksheet *ws)
{
    for (int col = COL_FIRST_INDICATOR; col < COL_FIRST_INDICATOR + INDICATOR_COUNT; col++) {
        lxw_data_validation dv = {0};
        dv.validate = LXW_VALIDATION_TYPE_INTEGER;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        dv.input_title = "Số (không bắt buộc)";
        dv.input_message = col == COL_BUDGET ? "Số tiền nguyên, tính bằng đồng; để trống nếu "
                                               "không có."
                                             : "Số nguyên từ 0; để trống nếu không có.";
        dv.error_title = "Số không hợp lệ";
        dv.error_message = "Hãy ghi số nguyên không âm (0, 1, 2, ...), không ghi số thập phân "
                           "hay chữ.";
        validate(t, ws, (report_column)col, &dv);
    }
}

/* Input messages alone: any text is accepted. */
static void hint(tpl *t, lxw_worksheet *ws, report_column col, const char *title,
                 const char *message)
{
    lxw_data_validation dv = {0};
    dv.validate = LXW_VALIDATION_TYPE_ANY;
    dv.input_title = (char *)title;
    dv.input_message = (char *)message;
    validate(t, ws, col, &dv);
}

static void write_report_sheet(tpl *t)
{
    lxw_worksheet *ws = workbook_add_worksheet(t->wb, "Báo cáo");
    if (ws == NULL) {
        ok(t, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    for (int col = 0; col < COL_COUNT; col++) {
        report_column rc = (report_column)col;
        ok(t, worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col, column_width(t, rc),
                                   column_format(t, rc)));
        put(t, ws, 0, (lxw_col_t)col, report_schema_column(rc)->title, t->head);
    }
    ok(t, worksheet_set_row(ws, 0, 33, t->head));
    worksheet_freeze_panes(ws, 1, 0);
    validate_unit(t, ws);
    validate_category(t, ws);
    hint(t, ws, COL_CONTENT, "Nội dung (bắt buộc)", "Mô tả hoạt động: tên, nơi tổ chức.");
    validate_dates(t, ws);
    validate_form(t, ws);
    validate_counts(t, ws);
    hint(t, ws, COL_NOTE, "Ghi chú (không bắt buộc)", "Điều cần nói thêm về hoạt động.");
    /* The header row stays as it is; rows below can be added and removed. */
    lxw_protection p = {0};
    p.format_columns = 1;
    p.format_rows = 1;
    p.insert_rows = 1;
    p.delete_rows = 1;
    p.sort = 1;
    worksheet_protect(ws, NULL, &p);
    worksheet_activate(ws);
}

/* ---- the instructions ----------------------------------------------------- */

/* "trước ngày 25/10/2022" when lateness starts at midnight, else with the
 * hour: the letter's own wording. */
static void deadline_text(const campaign *c, char *buf, size_t len)
{
    int64_t local = c->late_from + (int64_t)c->utc_offset_min * 60;
    int64_t day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int secs = (int)(local - day * 86400);
    char date[16];
    field_format_date((civil_day)day, date, sizeof date);
    if (secs == 0)
        snprintf(buf, len, "trước ngày %s", date);
    else
        snprintf(buf, len, "trước %02d:%02d ngày %s", secs / 3600, secs / 60 % 60, date);
}

typedef struct {
    lxw_worksheet *ws;
    lxw_row_t row;
} lines;

static void line(tpl *t, lines *l, const char *a, const char *b, lxw_format *f)
{
    put(t, l->ws, l->row, 0, a, f);
    if (b != NULL)
        put(t, l->ws, l->row, 1, b, t->text);
    l->row++;
}

static void write_who(tpl *t, lines *l)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "MẪU BÁO CÁO KẾT QUẢ: %s", t->c->title);
    line(t, l, buf, NULL, t->title);
    snprintf(buf, sizeof buf, "Theo Công văn số %s của %s", t->c->letter, t->c->issuer);
    line(t, l, buf, NULL, NULL);
    l->row++;
    if (t->u >= 0) {
        line(t, l, "Đơn vị", t->c->units[t->u].name, t->bold);
        line(t, l, "Mã đơn vị", t->c->units[t->u].code, t->bold);
    } else {
        line(t, l, "Đơn vị", "Mẫu chung: chọn mã đơn vị của mình ở cột Mã đơn vị", t->bold);
    }
    deadline_text(t->c, buf, sizeof buf);
    line(t, l, "Hạn nộp", buf, t->bold);
    line(t, l, "Gửi về", t->c->consolidator, t->bold);
    l->row++;
}

static void write_steps(tpl *t, lines *l)
{
    static const char *const steps[] = {
        "1. Ở trang \"Báo cáo\", mỗi hoạt động ghi một dòng, từ dòng 2. Không đổi tên, thứ tự "
        "hay xóa các cột của dòng 1.",
        "2. Mã đơn vị và Mã hoạt động: chọn trong danh sách thả xuống của ô. Các hoạt động bắt "
        "buộc với đơn vị đứng đầu danh sách (xem bảng dưới).",
        "3. Nội dung và Từ ngày là bắt buộc. Ngày ghi ngày/tháng/năm (01/10/2022) hoặc "
        "năm-tháng-ngày (2022-10-01).",
        "4. Các cột số: số nguyên từ 0, để trống nếu không có; Kinh phí tính bằng đồng.",
        "5. Lưu tệp (.xlsx) rồi gửi; hoặc Lưu thành \"CSV UTF-8 (Comma delimited)\" và gửi tệp "
        ".csv.",
    };
    line(t, l, "Cách điền", NULL, t->bold);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        ok(t, worksheet_merge_range(l->ws, l->row, 0, l->row, 2, "", t->text));
        ok(t, worksheet_set_row(l->ws, l->row, 33, NULL)); /* two wrapped lines */
        line(t, l, steps[i], NULL, t->text);
    }
    l->row++;
}

static void write_categories(tpl *t, lines *l)
{
    put(t, l->ws, l->row, 0, "Mã hoạt động", t->bold);
    put(t, l->ws, l->row, 1, "Hoạt động", t->bold);
    put(t, l->ws, l->row, 2, t->u >= 0 ? "Đơn vị phải báo cáo" : "", t->bold);
    l->row++;
    for (size_t i = 0; i < t->c->ncategories; i++) {
        const category *k = &t->c->categories[t->order[i]];
        put(t, l->ws, l->row, 0, k->code, NULL);
        put(t, l->ws, l->row, 1, k->name, t->text);
        if (i < t->nrequired)
            put(t, l->ws, l->row, 2, "bắt buộc", NULL);
        l->row++;
    }
}

static void write_instructions(tpl *t)
{
    lines l = {workbook_add_worksheet(t->wb, "Hướng dẫn"), 0};
    if (l.ws == NULL) {
        ok(t, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    ok(t, worksheet_set_column(l.ws, 0, 0, 22, NULL));
    ok(t, worksheet_set_column(l.ws, 1, 1, 70, NULL));
    ok(t, worksheet_set_column(l.ws, 2, 2, 22, NULL));
    write_who(t, &l);
    write_steps(t, &l);
    write_categories(t, &l);
    worksheet_protect(l.ws, NULL, NULL);
}

/* ---- the workbook --------------------------------------------------------- */

static void write_all(tpl *t)
{
    char title[512];
    snprintf(title, sizeof title, "Mẫu báo cáo: %s", t->c->title);
    lxw_doc_properties p = {0};
    p.title = title;
    p.author = t->c->consolidator;
    p.company = t->c->issuer;
    ok(t, workbook_set_properties(t->wb, &p));
    make_formats(t);
    if (t->lerr != LXW_NO_ERROR)
        return;
    write_report_sheet(t);
    write_instructions(t);
    write_lists(t);
}

th_error template_write_xlsx(const campaign *c, long u, const char *tmp_path, char *err,
                             size_t errlen)
{
    tpl t = {0};
    t.c = c;
    t.u = u;
    t.order = malloc((c->ncategories ? c->ncategories : 1) * sizeof *t.order);
    if (t.order == NULL)
        return TH_ERR_NOMEM;
    t.nrequired = template_category_order(c, u, t.order);
    t.wb = workbook_new(tmp_path);
    if (t.wb == NULL) {
        free(t.order);
        snprintf(err, errlen, _("cannot start the workbook '%s'"), tmp_path);
        return TH_ERR_NOMEM;
    }
    write_all(&t);
    errno = 0;
    lxw_error closed = workbook_close(t.wb);
    int saved = errno;
    ok(&t, closed);
    free(t.order);
    if (t.err != TH_OK) {
        snprintf(err, errlen, "%s", th_strerror(t.err));
        return t.err;
    }
    if (t.lerr == LXW_NO_ERROR)
        return TH_OK;
    snprintf(err, errlen, "libxlsxwriter: %s%s%s", lxw_strerror(t.lerr), saved ? ": " : "",
             saved ? strerror(saved) : "");
    if (t.lerr == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return TH_ERR_NOMEM;
    return saved == ENOSPC || saved == EFBIG || saved == EDQUOT ? TH_ERR_NOSPACE : TH_ERR_IO;
}
