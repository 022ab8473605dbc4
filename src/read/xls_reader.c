/*
 * xls_reader.c - Excel 97-2003 workbooks (.xls) into a raw_table, through
 * libfreexl.  The only module that includes freexl.h.
 *
 * freexl opens only a path, so the bytes are written to a private
 * temporary file first, unlinked as soon as freexl has read it.  freexl
 * gives each cell's type: numbers (formatted as sheet_format_number),
 * text (UTF-8 from the workbook's code page), and dates and times already
 * as "YYYY-MM-DD" / "YYYY-MM-DD HH:MM:SS" text, in either date system.
 */
#include <errno.h>
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sheet_reader.h"
#include "sheet_table.h"
#include "text.h"

typedef struct {
    const void *xls;
    char **names;
    unsigned *index; /* freexl's index of each sheet */
    size_t nsheets;
} xls_book;

/* Writes bytes to a new private temporary file; returns its path (to
 * unlink and free) or NULL with errno set. */
static char *write_temp(const unsigned char *bytes, size_t n)
{
    const char *dir = getenv("TMPDIR");
    char *path = NULL;
    if (asprintf(&path, "%s/tonghop-xls.XXXXXX", dir && *dir ? dir : "/tmp") < 0)
        return NULL;
    int fd = mkstemp(path);
    if (fd < 0) {
        free(path);
        return NULL;
    }
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(fd, bytes + done, n - done);
        if (w <= 0 && errno != EINTR)
            break;
        if (w > 0)
            done += (size_t)w;
    }
    if (close(fd) != 0 || done < n) {
        int e = errno ? errno : EIO;
        unlink(path);
        free(path);
        errno = e;
        return NULL;
    }
    return path;
}

/* Hands the cell (row, col) of the active sheet to b; false to stop. */
static bool take_cell(const xls_book *k, sheet_table *b, unsigned row, unsigned short col)
{
    FreeXL_CellValue v;
    char num[64];
    const char *text = NULL;
    if (freexl_get_cell_value(k->xls, row, col, &v) != FREEXL_OK)
        return true; /* freexl has no such cell: empty */
    switch (v.type) {
    case FREEXL_CELL_INT:
        snprintf(num, sizeof num, "%d", v.value.int_value);
        text = num;
        break;
    case FREEXL_CELL_DOUBLE:
        sheet_format_number(v.value.double_value, num, sizeof num);
        text = num;
        break;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
        text = v.value.text_value ? v.value.text_value : "";
        break;
    default:
        return true;
    }
    size_t len = strlen(text);
    if (!text_is_utf8(text, len, NULL)) {
        sheet_table_fail(b, FC_BAD_SPREADSHEET, (size_t)row + 1, (size_t)col + 1, "%s",
                         "text that is not valid in the workbook's code page");
        return false;
    }
    return sheet_table_cell(b, (size_t)row + 1, (size_t)col + 1, text, len);
}

/* sheet_read_fn: every cell of sheet i, row by row. */
static void read_sheet(void *ctx, size_t i, sheet_table *b)
{
    const xls_book *k = ctx;
    unsigned rows = 0;
    unsigned short cols = 0;
    if (freexl_select_active_worksheet(k->xls, (unsigned short)k->index[i]) != FREEXL_OK ||
        freexl_worksheet_dimensions(k->xls, &rows, &cols) != FREEXL_OK) {
        sheet_table_fail(b, FC_BAD_SPREADSHEET, 0, 0, "%s", "a sheet cannot be read");
        return;
    }
    for (unsigned r = 0; r < rows && b->state == SHEET_GOING; r++)
        for (unsigned short c = 0; c < cols; c++)
            if (!take_cell(k, b, r, c))
                break;
}

/* Lists the sheets of the open workbook. */
static th_error list_sheets(xls_book *k)
{
    unsigned count = 0;
    if (freexl_get_info(k->xls, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
        count = 0;
    k->names = calloc(count ? count : 1, sizeof *k->names);
    k->index = calloc(count ? count : 1, sizeof *k->index);
    if (k->names == NULL || k->index == NULL)
        return TH_ERR_NOMEM;
    for (unsigned i = 0; i < count; i++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(k->xls, (unsigned short)i, &name) != FREEXL_OK)
            continue;
        k->names[k->nsheets] = strdup(name ? name : "");
        if (k->names[k->nsheets] == NULL)
            return TH_ERR_NOMEM;
        k->index[k->nsheets++] = i;
    }
    return TH_OK;
}

/* Turns freexl's open failure into a finding. */
static th_error open_failed(int ret, const char *name, finding_list *findings)
{
    if (ret == FREEXL_INSUFFICIENT_MEMORY)
        return TH_ERR_NOMEM;
    const char *why = ret == FREEXL_BIFF_WORKBOOK_NOT_FOUND
                          ? "an OLE2 file without an Excel workbook (a Word .doc?)"
                      : ret == FREEXL_CRAFTED_FILE ? "a damaged or crafted workbook"
                                                   : "a damaged or truncated workbook";
    return finding_list_add(findings, FC_BAD_SPREADSHEET, name, 0, 0, NULL, "%s (freexl %d)", why,
                            ret);
}

th_error xls_read(const unsigned char *bytes, size_t n, const char *name,
                  const reader_limits *limits, raw_table *table, finding_list *findings)
{
    memset(table, 0, sizeof *table);
    table->format = "xls";
    char *path = write_temp(bytes, n);
    if (path == NULL)
        return finding_list_add(findings, FC_UNREADABLE, name, 0, 0, NULL,
                                "cannot write a temporary copy: %s", strerror(errno));
    xls_book k = {0};
    int ret = freexl_open(path, &k.xls);
    unlink(path);
    free(path);
    th_error rc = TH_OK;
    unsigned password = 0;
    if (ret != FREEXL_OK)
        rc = open_failed(ret, name, findings);
    else if (freexl_get_info(k.xls, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
             password == FREEXL_BIFF_OBFUSCATED)
        rc = finding_list_add(findings, FC_ENCRYPTED, name, 0, 0, NULL, "%s",
                              "the workbook is protected by a password");
    else if ((rc = list_sheets(&k)) == TH_OK)
        rc = sheet_table_choose(name, (const char *const *)k.names, k.nsheets, read_sheet, &k,
                                limits, table, findings);
    for (size_t i = 0; i < k.nsheets; i++)
        free(k.names[i]);
    free(k.names);
    free(k.index);
    if (k.xls != NULL)
        freexl_close(k.xls);
    return rc;
}
