/*
 * finding.c - the finding catalogue and the list findings are collected in.
 *
 * The catalogue is one table indexed by finding_code: stable name, severity
 * and the message, in English: the msgid of its Vietnamese in po/vi.po,
 * looked up in the language asked for (i18n_text_in).  docs/findings.md
 * documents the same codes in both; test_finding.c keeps the table, the
 * enum, the catalogue and the document in step.
 */
#include "finding.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
typedef struct {
    const char *name;
    finding_severity severity;
    const char *message; /* English, the msgid of the Vietnamese text */
} catalogue_entry;

#define FILE_ERR FINDING_FILE_ERROR
#define ROW_ERR FINDING_ROW_ERROR
#define WARN FINDING_WARNING

static const catalogue_entry catalogue[FC_COUNT] = {
    [FC_UNREADABLE] = {"unreadable", FILE_ERR, N_("The file cannot be read. Send the file again.")},
    [FC_EMPTY_FILE] = {"empty-file", FILE_ERR,
                       N_("The file is empty. Fill in the report template and send it again.")},
    [FC_BINARY_FILE] =
        {"binary-file", FILE_ERR,
         N_("The file is neither CSV text nor a spreadsheet (.xlsx, .ods, .xls). Save the "
            "report as .xlsx or CSV.")},
    [FC_BAD_ENCODING] =
        {"bad-encoding", FILE_ERR,
         N_("The file holds bytes that are not valid UTF-8, UTF-16 or Windows-1258. "
            "Save it again from Excel as \"CSV UTF-8\".")},
    [FC_BAD_CSV] = {"bad-csv", FILE_ERR,
                    N_("The CSV structure is broken (unclosed quote, cell too long or too many "
                       "columns). Open it in Excel, check it and save it as CSV again.")},
    [FC_FILE_TOO_LARGE] = {"file-too-large", FILE_ERR,
                           N_("The file exceeds the allowed limit. Split it into smaller files and "
                              "mark the later parts as supplements (the receiver imports them with "
                              "import --supplement, added to the first part).")},
    [FC_NO_HEADER] =
        {"no-header", FILE_ERR,
         N_("No header row. The first row must hold the column names of the template.")},
    [FC_MISSING_COLUMN] =
        {"missing-column", FILE_ERR,
         N_("A required column is missing. Use the report template and keep its columns.")},
    [FC_DUPLICATE_COLUMN] = {"duplicate-column", FILE_ERR,
                             N_("A column appears twice. Remove the extra one.")},
    [FC_MISSING_UNIT] = {"missing-unit", FILE_ERR,
                         N_("No row gives a unit code. Fill in the unit code column.")},
    [FC_UNKNOWN_UNIT] =
        {"unknown-unit", FILE_ERR,
         N_("The unit code is not in the list of units. Use the code you were given.")},
    [FC_SEVERAL_UNITS] =
        {"several-units", FILE_ERR,
         N_("The file holds reports of several units. Each unit sends its own file.")},
    [FC_NO_ROWS] = {"no-rows", FILE_ERR,
                    N_("The file has no activity rows. Write one activity per row.")},
    [FC_CLOSED] = {"closed", FILE_ERR,
                   N_("The report arrived after the campaign closed and is refused.")},
    [FC_STRICT] =
        {"strict-rejected", FILE_ERR,
         N_("The file is rejected because it has errors (strict mode). Fix them and resend.")},
    [FC_MAIL_TOO_LARGE] =
        {"mail-too-large", FILE_ERR,
         N_("The message or an attachment is over the size limit and is not read. Send the "
            "report in a smaller message.")},
    [FC_MAIL_TOO_COMPLEX] =
        {"mail-too-complex", FILE_ERR,
         N_("The message nests too deeply or has too many parts and is not read. Attach the "
            "report directly to a new message.")},
    [FC_MAIL_BAD_ATTACHMENT] =
        {"mail-bad-attachment", FILE_ERR,
         N_("The attachment is damaged (broken base64) and is not read. Send the file again.")},
    [FC_BAD_SPREADSHEET] =
        {"bad-spreadsheet", FILE_ERR,
         N_("The spreadsheet is damaged, truncated or not the spreadsheet its name says. "
            "Open it in Excel or LibreOffice, save it again (.xlsx) and send it again.")},
    [FC_ENCRYPTED] =
        {"encrypted", FILE_ERR,
         N_("The file is protected by a password and cannot be read. Remove the password, "
            "save it and send it again.")},
    [FC_SPREADSHEET_TOO_LARGE] =
        {"spreadsheet-too-large", FILE_ERR,
         N_("Unpacked, the spreadsheet exceeds a limit (too large, abnormally compressed, too "
            "many columns or a cell too long). Copy the report table alone into a new file "
            "and send that.")},
    [FC_UNSAFE_XML] =
        {"unsafe-xml", FILE_ERR,
         N_("The spreadsheet holds XML declarations (DOCTYPE, ENTITY) that Excel never "
            "writes; it is not read. Save it again from Excel or LibreOffice and send it.")},
    [FC_FORMULA_NO_VALUE] =
        {"formula-no-value", FILE_ERR,
         N_("A cell holds a formula without its computed value. Open the file in Excel or "
            "LibreOffice and save it so the values are computed, then send it again.")},
    [FC_SKIPPED_PDF] =
        {"skipped-pdf", FILE_ERR,
         N_("A PDF file holds no readable data and is skipped. Ask the unit for the report "
            "as a spreadsheet (.xlsx) or CSV.")},
    [FC_SKIPPED_WORD] =
        {"skipped-word", FILE_ERR,
         N_("A Word document is skipped. If it is a report, ask the unit to fill in the "
            "spreadsheet (.xlsx) or CSV template.")},
    [FC_SKIPPED_IMAGE] =
        {"skipped-image", FILE_ERR,
         N_("An image (a photo or scan) is skipped. Ask the unit for the report as a "
            "spreadsheet (.xlsx) or CSV.")},
    [FC_SKIPPED_ARCHIVE] =
        {"skipped-archive", FILE_ERR,
         N_("An archive is skipped. Extract it into this folder and run again.")},
    [FC_SKIPPED_TEMPORARY] =
        {"skipped-temporary", FILE_ERR,
         N_("A temporary (~$) file that Excel or Word makes while a file is open is skipped. "
            "Close the open file; the temporary file can be deleted.")},
    [FC_SKIPPED_HIDDEN] =
        {"skipped-hidden", FILE_ERR,
         N_("A hidden file (its name starts with a dot) is skipped. If it is a report, "
            "rename it without the leading dot.")},
    [FC_SKIPPED_OTHER] =
        {"skipped-other", FILE_ERR,
         N_("Not a report (only .csv, .xlsx, .xlsm, .ods and .xls are read): skipped. "
            "If it is a report, save it as .xlsx or CSV.")},
    [FC_UNKNOWN_CATEGORY] =
        {"unknown-category", ROW_ERR,
         N_("The activity code is not in the list. Use a code or name from the template.")},
    [FC_MISSING_VALUE] = {"missing-value", ROW_ERR, N_("A required cell is empty. Fill it in.")},
    [FC_BAD_DATE] =
        {"bad-date", ROW_ERR,
         N_("Invalid date. Write day/month/year with a four-digit year, e.g. 01/10/2022.")},
    [FC_BAD_NUMBER] = {"bad-number", ROW_ERR,
                       N_("Invalid number. Write a whole number, e.g. 1200 or 1.200.")},
    [FC_NEGATIVE_NUMBER] = {"negative-number", ROW_ERR,
                            N_("Counts cannot be negative. Write 0 or more.")},
    [FC_DATE_ORDER] = {"date-order", ROW_ERR,
                       N_("The end date is before the start date. Check both dates.")},
    [FC_BAD_FORM] = {"bad-form", ROW_ERR,
                     N_("Invalid form. Write: trực tiếp, trực tuyến or kết hợp.")},
    [FC_EXTRA_CELLS] =
        {"extra-cells", ROW_ERR,
         N_("The row has more cells than the header (cells/columns at the end): a separator "
            "(comma or semicolon) inside unquoted text shifted the cells after it, so the row "
            "is not counted. Put that text in quotes or remove the separator.")},
    [FC_TEXT_TOO_LONG] =
        {"text-too-long", ROW_ERR,
         N_("The text is longer than 32,767 characters (an Excel cell). Shorten it.")},
    [FC_IGNORED_COLUMN] =
        {"ignored-column", ROW_ERR,
         N_("The column is not in the template but holds values; they (how many at the end) are "
            "not counted. Rename the column as in the report template and send the file again.")},
    [FC_LATE] = {"late", WARN, N_("The report was received after the deadline.")},
    [FC_MISSING_CATEGORY] =
        {"missing-category", WARN,
         N_("A category the unit must report is missing. Add it if the unit did it.")},
    [FC_OPENING_DATE] =
        {"opening-date", WARN,
         N_("The opening ceremony is not on the week's opening day. Check the date.")},
    [FC_OUTSIDE_WEEK] = {"outside-week", WARN,
                         N_("The activity is outside the week (it still counts).")},
    [FC_DUPLICATE_ROW] = {"duplicate-row", WARN,
                          N_("The row repeats an earlier one. Remove it if it was entered twice.")},
    [FC_OUTLIER] = {"outlier", WARN,
                    N_("The number is unusually high compared with other units. Check it.")},
    [FC_FORMULA_TEXT] = {"formula-text", WARN,
                         N_("The text starts with =, +, - or @; it is kept as plain text.")},
    [FC_LEGACY_FONT] =
        {"legacy-font", WARN,
         N_("The text was typed in a legacy font (TCVN3/VNI). Retype it in Unicode.")},
    [FC_UNKNOWN_COLUMN] = {"unknown-column", WARN,
                           N_("The column is not in the template and is ignored.")},
    [FC_CONTROL_CHARS] = {"control-chars", WARN,
                          N_("The text holds control characters; they were removed.")},
    [FC_REPEATED_HEADER] =
        {"repeated-header", WARN,
         N_("The header row is repeated inside the file (two tables pasted); the row is skipped.")},
    [FC_GUESSED_COLUMN] =
        {"guessed-column", WARN,
         N_("The column name is close to a template column and was read as that column. "
            "Correct the name as in the template.")},
    [FC_CATEGORY_ROWS_REJECTED] =
        {"category-rows-rejected", WARN,
         N_("The report has this required category, but every row of it has an error, so none "
            "counts. Fix those rows.")},
    [FC_MAIL_NO_REPORT] =
        {"mail-no-report", WARN,
         N_("The message has no report attached (.csv, .xlsx, .ods, .xls). Send it again with "
            "the report attached.")},
    [FC_REPLACES_LESS] =
        {"replaces-less", WARN,
         N_("This report replaces the unit's report in effect but holds much less (required "
            "categories lost, or more than half of the rows). If it is only a supplement, withdraw "
            "it (tonghop withdraw) and import it with --supplement.")},
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
    return i18n_text_in(lang, catalogue[code].message);
}

const char *finding_severity_label(finding_severity sev, th_lang lang)
{
    return i18n_text_in(lang, sev == FINDING_WARNING ? N_("Warning") : N_("Error"));
}

void finding_list_init(finding_list *list)
{
    list->items = NULL;
    list->count = 0;
    list->capacity = 0;
}

void finding_list_truncate(finding_list *list, size_t count)
{
    for (; list->count > count; list->count--) {
        finding *f = &list->items[list->count - 1];
        free(f->file);
        free(f->column_name);
        free(f->detail);
        free(f->sheet);
    }
}

void finding_list_release(finding_list *list)
{
    finding_list_truncate(list, 0);
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
    finding f = {code,   copy_or_empty(file), row, column, copy_or_empty(column_name),
                 detail, strdup("")};
    if (f.file == NULL || f.column_name == NULL || f.detail == NULL || f.sheet == NULL) {
        free(f.file);
        free(f.column_name);
        free(f.detail);
        free(f.sheet);
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

/* The months as a date's hint names them ("September has only 30 days";
 * in Vietnamese "tháng 9"). */
static const char *const month_names[12] = {
    N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
    N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December")};

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
    char *said = NULL;
    if (f->code == FC_BAD_DATE && sscanf(hint, "%d/%d", &month, &days) == 2 && month >= 1 &&
        month <= 12)
        n = asprintf(&said, i18n_text_in(lang, N_("%s has only %d days")),
                     i18n_text_in(lang, month_names[month - 1]), days);
    else
        n = asprintf(&said, i18n_text_in(lang, N_("did you mean «%s»?")), hint);
    if (n < 0)
        return NULL;
    n = asprintf(&out, "'%.*s' — %s", len, f->detail, said);
    free(said);
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

th_error finding_list_set_sheet(finding_list *list, size_t first, const char *sheet)
{
    for (size_t i = first; sheet != NULL && *sheet && i < list->count; i++) {
        finding *f = &list->items[i];
        if (f->row == 0 || *f->sheet != '\0')
            continue;
        char *copy = strdup(sheet);
        if (copy == NULL)
            return TH_ERR_NOMEM;
        free(f->sheet);
        f->sheet = copy;
    }
    return TH_OK;
}

/* True when Excel writes the sheet name in quotes: anything but letters,
 * digits, '_' and '.', or a leading digit. */
static bool sheet_needs_quotes(const char *name)
{
    if (*name >= '0' && *name <= '9')
        return true;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x80 && !isalnum(*p) && *p != '_' && *p != '.')
            return true;
    return false;
}

void finding_cell_ref(const finding *f, char *buf, size_t buflen)
{
    if (buflen == 0)
        return;
    buf[0] = '\0';
    if (f->sheet == NULL || *f->sheet == '\0' || f->row == 0)
        return;
    size_t used = 0;
    bool quoted = sheet_needs_quotes(f->sheet);
    /* The name, quoted as Excel quotes it ('' for a quote inside). */
    for (const char *p = quoted ? "'" : ""; *p && used + 1 < buflen; p++)
        buf[used++] = *p;
    for (const char *p = f->sheet; *p && used + 2 < buflen; p++) {
        buf[used++] = *p;
        if (*p == '\'')
            buf[used++] = '\'';
    }
    if (quoted && used + 1 < buflen)
        buf[used++] = '\'';
    buf[used] = '\0';
    char letters[8];
    finding_column_letters(f->column, letters, sizeof letters);
    if (f->column > 0)
        snprintf(buf + used, buflen - used, "!%s%zu", letters, f->row);
    else
        snprintf(buf + used, buflen - used, "!%zu:%zu", f->row, f->row);
}
