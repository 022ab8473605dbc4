/*
 * xls_reader.c - Excel 97-2003 workbooks (.xls) into a raw_table, through
 * libfreexl.  The only module that includes freexl.h.
 *
 * freexl opens only a path, so the bytes are written to a private
 * temporary file first.  freexl is not safe against crafted files (fuzzing
 * found it reading past a buffer in freexl_open), so it runs in a child
 * process, limited in memory (RLIMIT_AS) and time (alarm), which passes the
 * table back through a pipe (table_wire.h); a child that dies is a finding
 * about the file, not the end of the batch.  freexl
 * gives each cell's type: numbers (formatted as sheet_format_number),
 * text (UTF-8 from the workbook's code page), and dates and times already
 * as "YYYY-MM-DD" / "YYYY-MM-DD HH:MM:SS" text, in either date system.
 */
#include <errno.h>
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "array.h"
#include "sheet_reader.h"
#include "sheet_table.h"
#include "table_wire.h"
#include "text.h"
#include "th_limits.h"
#include "i18n.h"

#if defined(__SANITIZE_ADDRESS__)
#define XLS_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XLS_UNDER_ASAN 1
#endif
#endif

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
                         _("text that is not valid in the workbook's code page"));
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
        sheet_table_fail(b, FC_BAD_SPREADSHEET, 0, 0, "%s", _("a sheet cannot be read"));
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
                          ? _("an OLE2 file without an Excel workbook (a Word .doc?)")
                      : ret == FREEXL_CRAFTED_FILE ? _("a damaged or crafted workbook")
                                                   : _("a damaged or truncated workbook");
    return finding_list_add(findings, FC_BAD_SPREADSHEET, name, 0, 0, NULL, "%s (freexl %d)", why,
                            ret);
}

/* Reads the workbook at path with freexl (in the child process). */
static th_error read_workbook(const char *path, const char *name, const reader_limits *limits,
                              raw_table *table, finding_list *findings)
{
    xls_book k = {0};
    int ret = freexl_open(path, &k.xls);
    th_error rc = TH_OK;
    unsigned password = 0;
    if (ret != FREEXL_OK)
        rc = open_failed(ret, name, findings);
    else if (freexl_get_info(k.xls, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK &&
             password == FREEXL_BIFF_OBFUSCATED)
        rc = finding_list_add(findings, FC_ENCRYPTED, name, 0, 0, NULL, "%s",
                              _("the workbook is protected by a password"));
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

/* The child: bounded in memory and time, reads and writes the result to
 * fd, and leaves with _exit (nothing of the parent's is flushed). */
static void child(const char *path, const char *name, const reader_limits *limits, int fd)
    __attribute__((noreturn));

static void child(const char *path, const char *name, const reader_limits *limits, int fd)
{
#ifndef XLS_UNDER_ASAN /* AddressSanitizer reserves terabytes of address space */
    size_t cap = sheet_max_unpacked(limits);
    struct rlimit as = {cap, cap};
    setrlimit(RLIMIT_AS, &as);
#endif
    alarm(LIMIT_XLS_SECONDS);
    raw_table table = {0};
    finding_list findings;
    finding_list_init(&findings);
    FILE *out = fdopen(fd, "wb");
    th_error rc = read_workbook(path, name, limits, &table, &findings);
    bool ok = rc == TH_OK && out != NULL && table_wire_write(out, &table, &findings);
    _exit(ok ? 0 : rc == TH_ERR_NOMEM ? 3 : 4);
}

/* Reads everything the child writes to fd into a new buffer. */
static bool read_all(int fd, unsigned char **buf, size_t *len)
{
    size_t cap = 0;
    *buf = NULL;
    *len = 0;
    for (;;) {
        if (!array_reserve(buf, &cap, *len + 65536, 1))
            return false;
        ssize_t r = read(fd, *buf + *len, cap - *len);
        if (r == 0)
            return true;
        if (r < 0 && errno != EINTR)
            return false;
        if (r > 0)
            *len += (size_t)r;
    }
}

/* Adds the finding for a child that did not finish its work. */
static th_error child_failed(int status, const char *name, const reader_limits *limits,
                             finding_list *findings)
{
    if (WIFEXITED(status) && WEXITSTATUS(status) == 3) /* out of memory: its memory limit */
        return finding_list_add(findings, FC_SPREADSHEET_TOO_LARGE, name, 0, 0, NULL,
                                _("the .xls reader needs more than %zu bytes of memory"),
                                sheet_max_unpacked(limits));
    if (WIFSIGNALED(status))
        return finding_list_add(findings, FC_BAD_SPREADSHEET, name, 0, 0, NULL,
                                _("the .xls reader stopped on this file (signal %d): a damaged "
                                  "or crafted workbook"),
                                WTERMSIG(status));
    return finding_list_add(findings, FC_BAD_SPREADSHEET, name, 0, 0, NULL,
                            _("the .xls reader stopped on this file (status %d): a damaged or "
                              "crafted workbook"),
                            WEXITSTATUS(status));
}

th_error xls_read(const unsigned char *bytes, size_t n, const char *name,
                  const reader_limits *limits, raw_table *table, finding_list *findings)
{
    memset(table, 0, sizeof *table);
    table->format = "xls";
    char *path = write_temp(bytes, n);
    int fds[2] = {-1, -1};
    pid_t pid = -1;
    if (path == NULL || pipe(fds) != 0 || (pid = fork()) < 0) {
        int e = errno;
        if (fds[0] >= 0)
            close(fds[0]), close(fds[1]);
        if (path != NULL)
            unlink(path);
        free(path);
        return finding_list_add(findings, FC_UNREADABLE, name, 0, 0, NULL,
                                _("cannot start the .xls reader: %s"), strerror(e));
    }
    if (pid == 0) {
        close(fds[0]);
        child(path, name, limits, fds[1]);
    }
    close(fds[1]);
    unsigned char *msg = NULL;
    size_t len = 0;
    bool got = read_all(fds[0], &msg, &len);
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    unlink(path);
    free(path);
    th_error rc = got ? TH_OK : TH_ERR_NOMEM; /* a pipe read fails for want of memory only */
    bool clean = got && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (clean)
        rc = table_wire_read(msg, len, name, table, findings);
    if (got && (!clean || rc == TH_ERR_INTERNAL))
        rc = child_failed(status, name, limits, findings);
    free(msg);
    return rc;
}
