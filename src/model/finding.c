/*
 * finding.c - the finding catalogue and the list findings are collected in.
 *
 * The catalogue is one table indexed by finding_code: stable name, severity
 * and the message in each language.  docs/findings.md documents the same
 * codes; test_finding.c keeps the table, the enum and the document in step.
 */
#include "finding.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
typedef struct {
    const char *name;
    finding_severity severity;
    const char *message[2]; /* indexed by th_lang */
} catalogue_entry;

#define FILE_ERR FINDING_FILE_ERROR
#define ROW_ERR FINDING_ROW_ERROR
#define WARN FINDING_WARNING

static const catalogue_entry catalogue[FC_COUNT] = {
    [FC_UNREADABLE] = {"unreadable",
                       FILE_ERR,
                       {"Không đọc được tệp. Hãy gửi lại tệp.",
                        "The file cannot be read. Send the file again."}},
    [FC_EMPTY_FILE] = {"empty-file",
                       FILE_ERR,
                       {"Tệp rỗng. Hãy điền báo cáo vào mẫu và gửi lại.",
                        "The file is empty. Fill in the report template and send it again."}},
    [FC_BINARY_FILE] =
        {"binary-file",
         FILE_ERR,
         {"Tệp không phải văn bản CSV (có thể là tệp Excel .xlsx đổi tên). Hãy lưu dưới dạng CSV.",
          "The file is not CSV text (perhaps a renamed .xlsx). Save it as CSV."}},
    [FC_BAD_ENCODING] =
        {"bad-encoding",
         FILE_ERR,
         {"Tệp có ký tự không đọc được theo bảng mã UTF-8, UTF-16 hay Windows-1258. "
          "Hãy lưu lại bằng Excel với kiểu \"CSV UTF-8\".",
          "The file holds bytes that are not valid UTF-8, UTF-16 or Windows-1258. "
          "Save it again from Excel as \"CSV UTF-8\"."}},
    [FC_BAD_CSV] =
        {"bad-csv",
         FILE_ERR,
         {"Tệp CSV sai cấu trúc (dấu ngoặc kép không đóng, ô quá dài hoặc quá nhiều cột). "
          "Hãy mở bằng Excel, kiểm tra và lưu lại dạng CSV.",
          "The CSV structure is broken (unclosed quote, cell too long or too many "
          "columns). Open it in Excel, check it and save it as CSV again."}},
    [FC_FILE_TOO_LARGE] = {"file-too-large",
                           FILE_ERR,
                           {"Tệp vượt quá giới hạn cho phép. Hãy tách thành nhiều tệp nhỏ hơn, "
                            "ghi rõ các phần sau là báo cáo bổ sung (bên nhận nhập bằng "
                            "import --supplement để cộng vào phần đầu).",
                            "The file exceeds the allowed limit. Split it into smaller files and "
                            "mark the later parts as supplements (the receiver imports them with "
                            "import --supplement, added to the first part)."}},
    [FC_NO_HEADER] =
        {"no-header",
         FILE_ERR,
         {"Không có dòng tiêu đề cột. Dòng đầu tiên phải là tên cột như trong mẫu báo cáo.",
          "No header row. The first row must hold the column names of the template."}},
    [FC_MISSING_COLUMN] =
        {"missing-column",
         FILE_ERR,
         {"Thiếu cột bắt buộc. Hãy dùng mẫu báo cáo và giữ nguyên các cột.",
          "A required column is missing. Use the report template and keep its columns."}},
    [FC_DUPLICATE_COLUMN] = {"duplicate-column",
                             FILE_ERR,
                             {"Một cột xuất hiện hai lần. Hãy xóa cột thừa.",
                              "A column appears twice. Remove the extra one."}},
    [FC_MISSING_UNIT] = {"missing-unit",
                         FILE_ERR,
                         {"Không có mã đơn vị ở dòng nào. Hãy ghi mã đơn vị vào cột Mã đơn vị.",
                          "No row gives a unit code. Fill in the unit code column."}},
    [FC_UNKNOWN_UNIT] =
        {"unknown-unit",
         FILE_ERR,
         {"Mã đơn vị không có trong danh sách đơn vị. Hãy dùng đúng mã đơn vị được cấp.",
          "The unit code is not in the list of units. Use the code you were given."}},
    [FC_SEVERAL_UNITS] =
        {"several-units",
         FILE_ERR,
         {"Tệp chứa báo cáo của nhiều đơn vị. Mỗi đơn vị gửi một tệp riêng.",
          "The file holds reports of several units. Each unit sends its own file."}},
    [FC_NO_ROWS] = {"no-rows",
                    FILE_ERR,
                    {"Tệp không có dòng hoạt động nào. Hãy ghi mỗi hoạt động trên một dòng.",
                     "The file has no activity rows. Write one activity per row."}},
    [FC_CLOSED] = {"closed",
                   FILE_ERR,
                   {"Báo cáo nhận sau thời điểm khóa sổ nên không được tiếp nhận.",
                    "The report arrived after the campaign closed and is refused."}},
    [FC_STRICT] =
        {"strict-rejected",
         FILE_ERR,
         {"Tệp bị từ chối vì có lỗi (chế độ nghiêm ngặt). Hãy sửa các lỗi và gửi lại.",
          "The file is rejected because it has errors (strict mode). Fix them and resend."}},
    [FC_MAIL_TOO_LARGE] =
        {"mail-too-large",
         FILE_ERR,
         {"Thư hoặc tệp đính kèm vượt quá giới hạn kích thước nên không được đọc. Hãy gửi "
          "báo cáo trong một thư nhỏ hơn.",
          "The message or an attachment is over the size limit and is not read. Send the "
          "report in a smaller message."}},
    [FC_MAIL_TOO_COMPLEX] =
        {"mail-too-complex",
         FILE_ERR,
         {"Thư lồng nhau quá sâu hoặc có quá nhiều phần nên không được đọc. Hãy đính kèm báo "
          "cáo trực tiếp vào một thư mới.",
          "The message nests too deeply or has too many parts and is not read. Attach the "
          "report directly to a new message."}},
    [FC_MAIL_BAD_ATTACHMENT] =
        {"mail-bad-attachment",
         FILE_ERR,
         {"Tệp đính kèm bị hỏng (mã hóa base64 sai) nên không được đọc. Hãy gửi lại tệp.",
          "The attachment is damaged (broken base64) and is not read. Send the file again."}},
    [FC_UNKNOWN_CATEGORY] =
        {"unknown-category",
         ROW_ERR,
         {"Mã hoạt động không có trong danh mục. Hãy dùng mã hoặc tên hoạt động trong mẫu.",
          "The activity code is not in the list. Use a code or name from the template."}},
    [FC_MISSING_VALUE] = {"missing-value",
                          ROW_ERR,
                          {"Ô bắt buộc bị bỏ trống. Hãy điền giá trị.",
                           "A required cell is empty. Fill it in."}},
    [FC_BAD_DATE] =
        {"bad-date",
         ROW_ERR,
         {"Ngày không hợp lệ. Hãy ghi ngày/tháng/năm đủ bốn chữ số năm, ví dụ 01/10/2022.",
          "Invalid date. Write day/month/year with a four-digit year, e.g. 01/10/2022."}},
    [FC_BAD_NUMBER] = {"bad-number",
                       ROW_ERR,
                       {"Số không hợp lệ. Hãy ghi số nguyên, ví dụ 1200 hoặc 1.200.",
                        "Invalid number. Write a whole number, e.g. 1200 or 1.200."}},
    [FC_NEGATIVE_NUMBER] = {"negative-number",
                            ROW_ERR,
                            {"Số lượng không được âm. Hãy ghi số từ 0 trở lên.",
                             "Counts cannot be negative. Write 0 or more."}},
    [FC_DATE_ORDER] = {"date-order",
                       ROW_ERR,
                       {"Ngày kết thúc trước ngày bắt đầu. Hãy kiểm tra Từ ngày và Đến ngày.",
                        "The end date is before the start date. Check both dates."}},
    [FC_BAD_FORM] = {"bad-form",
                     ROW_ERR,
                     {"Hình thức không hợp lệ. Hãy ghi: trực tiếp, trực tuyến hoặc kết hợp.",
                      "Invalid form. Write: trực tiếp, trực tuyến or kết hợp."}},
    [FC_EXTRA_CELLS] =
        {"extra-cells",
         ROW_ERR,
         {"Dòng có nhiều ô hơn số cột tiêu đề (số ô/số cột ở cuối): một dấu phân cách (dấu phẩy "
          "hoặc chấm phẩy) nằm trong nội dung không có ngoặc kép nên các ô sau nó bị lệch cột và "
          "dòng không được tính. Hãy đặt nội dung đó trong ngoặc kép hoặc bỏ dấu phân cách.",
          "The row has more cells than the header (cells/columns at the end): a separator "
          "(comma or semicolon) inside unquoted text shifted the cells after it, so the row "
          "is not counted. Put that text in quotes or remove the separator."}},
    [FC_TEXT_TOO_LONG] =
        {"text-too-long",
         ROW_ERR,
         {"Nội dung dài quá 32.767 ký tự (giới hạn một ô Excel). Hãy rút gọn.",
          "The text is longer than 32,767 characters (an Excel cell). Shorten it."}},
    [FC_IGNORED_COLUMN] =
        {"ignored-column",
         ROW_ERR,
         {"Cột này không có trong mẫu nhưng có số liệu; các giá trị của cột (số lượng ở cuối) "
          "không được tính. Hãy đặt lại tên cột theo mẫu báo cáo và gửi lại.",
          "The column is not in the template but holds values; they (how many at the end) are "
          "not counted. Rename the column as in the report template and send the file again."}},
    [FC_LATE] = {"late",
                 WARN,
                 {"Báo cáo nhận sau hạn.", "The report was received after the deadline."}},
    [FC_MISSING_CATEGORY] =
        {"missing-category",
         WARN,
         {"Thiếu hoạt động bắt buộc đối với đơn vị. Hãy bổ sung nếu đơn vị đã thực hiện.",
          "A category the unit must report is missing. Add it if the unit did it."}},
    [FC_OPENING_DATE] =
        {"opening-date",
         WARN,
         {"Lễ khai mạc không diễn ra vào ngày khai mạc Tuần lễ. Hãy kiểm tra ngày.",
          "The opening ceremony is not on the week's opening day. Check the date."}},
    [FC_OUTSIDE_WEEK] = {"outside-week",
                         WARN,
                         {"Hoạt động ngoài thời gian Tuần lễ (vẫn được tính).",
                          "The activity is outside the week (it still counts)."}},
    [FC_DUPLICATE_ROW] = {"duplicate-row",
                          WARN,
                          {"Dòng trùng với một dòng trước đó. Hãy xóa nếu ghi hai lần.",
                           "The row repeats an earlier one. Remove it if it was entered twice."}},
    [FC_OUTLIER] = {"outlier",
                    WARN,
                    {"Số liệu cao bất thường so với các đơn vị khác. Hãy kiểm tra lại.",
                     "The number is unusually high compared with other units. Check it."}},
    [FC_FORMULA_TEXT] = {"formula-text",
                         WARN,
                         {"Nội dung bắt đầu bằng =, +, - hoặc @; được giữ nguyên dạng chữ.",
                          "The text starts with =, +, - or @; it is kept as plain text."}},
    [FC_LEGACY_FONT] = {"legacy-font",
                        WARN,
                        {"Văn bản gõ bằng phông chữ cũ (TCVN3/VNI). Hãy gõ lại bằng Unicode.",
                         "The text was typed in a legacy font (TCVN3/VNI). Retype it in Unicode."}},
    [FC_UNKNOWN_COLUMN] = {"unknown-column",
                           WARN,
                           {"Cột không có trong mẫu nên bị bỏ qua.",
                            "The column is not in the template and is ignored."}},
    [FC_CONTROL_CHARS] = {"control-chars",
                          WARN,
                          {"Nội dung có ký tự điều khiển; các ký tự này đã bị xóa.",
                           "The text holds control characters; they were removed."}},
    [FC_REPEATED_HEADER] =
        {"repeated-header",
         WARN,
         {"Dòng tiêu đề cột bị lặp lại giữa tệp (thường do dán hai bảng); dòng này được bỏ qua.",
          "The header row is repeated inside the file (two tables pasted); the row is skipped."}},
    [FC_GUESSED_COLUMN] =
        {"guessed-column",
         WARN,
         {"Tên cột gần giống một cột của mẫu nên được hiểu là cột đó. Hãy sửa tên cột theo mẫu.",
          "The column name is close to a template column and was read as that column. "
          "Correct the name as in the template."}},
    [FC_CATEGORY_ROWS_REJECTED] =
        {"category-rows-rejected",
         WARN,
         {"Hoạt động bắt buộc có trong báo cáo nhưng mọi dòng của nó đều bị lỗi nên chưa được "
          "tính. Hãy sửa các dòng đó.",
          "The report has this required category, but every row of it has an error, so none "
          "counts. Fix those rows."}},
    [FC_MAIL_NO_REPORT] =
        {"mail-no-report",
         WARN,
         {"Thư không đính kèm tệp báo cáo (.csv, .xlsx, .ods, .xls). Hãy gửi lại thư kèm tệp "
          "báo cáo.",
          "The message has no report attached (.csv, .xlsx, .ods, .xls). Send it again with "
          "the report attached."}},
    [FC_REPLACES_LESS] =
        {"replaces-less",
         WARN,
         {"Báo cáo này thay thế báo cáo đang có hiệu lực của đơn vị nhưng ít hơn nhiều (mất hoạt "
          "động bắt buộc hoặc quá nửa số dòng). Nếu đây chỉ là phần bổ sung, hãy rút lại "
          "(tonghop withdraw) rồi nhập với --supplement.",
          "This report replaces the unit's report in effect but holds much less (required "
          "categories lost, or more than half of the rows). If it is only a supplement, withdraw "
          "it (tonghop withdraw) and import it with --supplement."}},
};

const char *finding_code_name(finding_code code)
{
    if ((int)code < 0 || code >= FC_COUNT)
        return "";
    return catalogue[code].name;
}

finding_code finding_code_from_name(const char *name)
{
    for (int i = 0; i < FC_COUNT; i++)
        if (name != NULL && strcmp(catalogue[i].name, name) == 0)
            return (finding_code)i;
    return FC_COUNT;
}

finding_severity finding_code_severity(finding_code code)
{
    if ((int)code < 0 || code >= FC_COUNT)
        return FINDING_FILE_ERROR;
    return catalogue[code].severity;
}

const char *finding_code_message(finding_code code, th_lang lang)
{
    if ((int)code < 0 || code >= FC_COUNT || (lang != LANG_VI && lang != LANG_EN))
        return "";
    return catalogue[code].message[lang];
}

const char *finding_severity_label(finding_severity sev, th_lang lang)
{
    if (sev == FINDING_WARNING)
        return lang == LANG_EN ? "Warning" : "Cảnh báo";
    return lang == LANG_EN ? "Error" : "Lỗi";
}

void finding_list_init(finding_list *list)
{
    list->items = NULL;
    list->count = 0;
    list->capacity = 0;
}

void finding_list_release(finding_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].file);
        free(list->items[i].column_name);
        free(list->items[i].detail);
    }
    free(list->items);
    finding_list_init(list);
}

static char *copy_or_empty(const char *s)
{
    return strdup(s != NULL ? s : "");
}

th_error finding_list_add(finding_list *list, finding_code code, const char *file, size_t row,
                          size_t column, const char *column_name, const char *detail_fmt, ...)
{
    if (!array_reserve(&list->items, &list->capacity, list->count + 1, sizeof *list->items))
        return TH_ERR_NOMEM;
    char *detail = NULL;
    if (detail_fmt != NULL) {
        va_list ap;
        va_start(ap, detail_fmt);
        if (vasprintf(&detail, detail_fmt, ap) < 0)
            detail = NULL;
        va_end(ap);
    } else {
        detail = strdup("");
    }
    finding f = {code, copy_or_empty(file), row, column, copy_or_empty(column_name), detail};
    if (f.file == NULL || f.column_name == NULL || f.detail == NULL) {
        free(f.file);
        free(f.column_name);
        free(f.detail);
        return TH_ERR_NOMEM;
    }
    list->items[list->count++] = f;
    return TH_OK;
}

size_t finding_list_count(const finding_list *list, finding_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++)
        if (finding_code_severity(list->items[i].code) == sev)
            n++;
    return n;
}

bool finding_list_has_file_error(const finding_list *list)
{
    return finding_list_count(list, FINDING_FILE_ERROR) > 0;
}

static const char *const month_names_en[12] = {"January",   "February", "March",    "April",
                                               "May",       "June",     "July",     "August",
                                               "September", "October",  "November", "December"};

char *finding_detail_text(const finding *f, th_lang lang)
{
    char *out = NULL;
    const char *hint = strstr(f->detail, FINDING_HINT);
    if (*f->detail == '\0')
        return strdup("");
    if (hint == NULL)
        return asprintf(&out, "'%s'", f->detail) < 0 ? NULL : out;
    int len = (int)(hint - f->detail), n;
    hint += strlen(FINDING_HINT);
    int month, days;
    if (f->code == FC_BAD_DATE && sscanf(hint, "%d/%d", &month, &days) == 2 && month >= 1 &&
        month <= 12)
        n = lang == LANG_EN
                ? asprintf(&out, "'%.*s' — %s has only %d days", len, f->detail,
                           month_names_en[month - 1], days)
                : asprintf(&out, "'%.*s' — tháng %d chỉ có %d ngày", len, f->detail, month, days);
    else
        n = lang == LANG_EN ? asprintf(&out, "'%.*s' — did you mean «%s»?", len, f->detail, hint)
                            : asprintf(&out, "'%.*s' — có phải «%s» không?", len, f->detail, hint);
    return n < 0 ? NULL : out;
}

void finding_column_letters(size_t column, char *buf, size_t buflen)
{
    char rev[8];
    size_t n = 0;
    if (buflen == 0)
        return;
    /* Bijective base 26: 1 -> A, 26 -> Z, 27 -> AA. */
    while (column > 0 && n < sizeof rev) {
        column--;
        rev[n++] = (char)('A' + column % 26);
        column /= 26;
    }
    size_t i = 0;
    for (; i < n && i + 1 < buflen; i++)
        buf[i] = rev[n - 1 - i];
    buf[i] = '\0';
}
