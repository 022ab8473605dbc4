/*
 * report_format.c - picks the reader of a received file (see report_format.h).
 */
#include "report_format.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sheet_reader.h"
#include "sheet_zip.h"
#include "i18n.h"

static const unsigned char OLE2_MAGIC[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

/* The stream name an encrypted OOXML file holds, in UTF-16LE as the OLE2
 * directory stores names. */
static const char ENCRYPTION_INFO[] = "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0";

static bool has_extension(const char *name, const char *ext)
{
    size_t n = strlen(name), e = strlen(ext);
    return n > e && strcasecmp(name + n - e, ext) == 0;
}

bool report_format_known_extension(const char *name)
{
    static const char *const exts[] = {".csv", ".xlsx", ".xlsm", ".ods", ".xls"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (has_extension(name, exts[i]))
            return true;
    return false;
}

static bool spreadsheet_name(const char *name)
{
    return has_extension(name, ".xlsx") || has_extension(name, ".xlsm") ||
           has_extension(name, ".ods") || has_extension(name, ".xls");
}

/* What a zip archive holds, looked up in its directory (no entry is
 * inflated but the few bytes of mimetype). */
static report_format zip_kind(const unsigned char *bytes, size_t n)
{
    char detail[160];
    sheet_zip *z = NULL;
    /* A small budget: only the directory and mimetype are looked at here;
     * the reader opens the archive again with the real caps. */
    if (sheet_zip_open(bytes, n, (size_t)-1, &z, detail, sizeof detail) != SHEET_ZIP_OK)
        return REPORT_XLSX; /* the xlsx reader reports the damage */
    report_format kind = REPORT_OTHER_ZIP;
    char *mime = NULL;
    size_t len = 0;
    if (sheet_zip_has(z, "mimetype") &&
        sheet_zip_read_small(z, "mimetype", 128, &mime, &len) == SHEET_ZIP_OK &&
        len == strlen(SHEET_ODS_MIMETYPE) && memcmp(mime, SHEET_ODS_MIMETYPE, len) == 0)
        kind = REPORT_ODS;
    else if (sheet_zip_has(z, "xl/workbook.xml") || sheet_zip_has(z, "[Content_Types].xml"))
        kind = sheet_zip_has(z, "xl/workbook.xml") || !sheet_zip_has(z, "word/document.xml")
                   ? REPORT_XLSX
                   : REPORT_OTHER_ZIP;
    free(mime);
    sheet_zip_close(z);
    return kind;
}

static bool looks_binary(const unsigned char *bytes, size_t n)
{
    /* A UTF-16 text has NUL bytes too, but starts with its BOM. */
    if (n >= 2 &&
        ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        return false;
    return memchr(bytes, '\0', n < 4096 ? n : 4096) != NULL;
}

/* True when the first thing in the text (after a UTF-8 BOM and white
 * space) is '<': an HTML or XML page. */
static bool starts_with_markup(const unsigned char *bytes, size_t n)
{
    size_t i = n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n'))
        i++;
    return i < n && bytes[i] == '<';
}

report_format report_format_detect(const unsigned char *bytes, size_t n, const char *name)
{
    if (n >= 4 && bytes[0] == 'P' && bytes[1] == 'K' &&
        ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6)))
        return zip_kind(bytes, n);
    if (n >= sizeof OLE2_MAGIC && memcmp(bytes, OLE2_MAGIC, sizeof OLE2_MAGIC) == 0)
        return memmem(bytes, n, ENCRYPTION_INFO, sizeof ENCRYPTION_INFO - 1) != NULL
                   ? REPORT_ENCRYPTED_OOXML
                   : REPORT_XLS;
    if (spreadsheet_name(name) && looks_binary(bytes, n))
        return REPORT_NOT_SPREADSHEET;
    if (spreadsheet_name(name) && starts_with_markup(bytes, n))
        return REPORT_MARKUP;
    return REPORT_CSV;
}

th_error report_format_read(const unsigned char *bytes, size_t n, const char *name,
                            const reader_limits *limits, raw_table *table, finding_list *findings)
{
    reader_limits defaults = reader_default_limits();
    if (limits == NULL)
        limits = &defaults;
    report_format f = report_format_detect(bytes, n, name);
    if (f == REPORT_XLSX || f == REPORT_ODS || f == REPORT_XLS) {
        th_error rc = f == REPORT_XLSX  ? xlsx_read(bytes, n, name, limits, table, findings)
                      : f == REPORT_ODS ? ods_read(bytes, n, name, limits, table, findings)
                                        : xls_read(bytes, n, name, limits, table, findings);
        table->delimiter = ','; /* as raw_table promises; a sheet has none */
        return rc;
    }
    if (f == REPORT_CSV)
        return reader_read_bytes(bytes, n, name, limits, table, findings);
    memset(table, 0, sizeof *table);
    table->delimiter = ',';
    if (f == REPORT_ENCRYPTED_OOXML)
        return finding_list_add(findings, FC_ENCRYPTED, name, 0, 0, NULL, "%s",
                                _("an Office file saved with a password"));
    return finding_list_add(
        findings, FC_BAD_SPREADSHEET, name, 0, 0, NULL, "%s",
        f == REPORT_OTHER_ZIP ? _("a zip archive without a spreadsheet (a .docx, a .zip?)")
        : f == REPORT_MARKUP  ? _("a web page (HTML or XML) named as a spreadsheet: open it in "
                                   "Excel or LibreOffice and save it as .xlsx")
                              : _("not a spreadsheet: neither a zip (.xlsx, .ods) nor an Excel "
                                   "97-2003 file (.xls)"));
}
