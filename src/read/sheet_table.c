/*
 * sheet_table.c - one sheet's cells into a raw_table (see sheet_table.h).
 *
 * A row is gathered sparsely (column, text) and turned into a raw_record
 * only when it ends: the record is one block as in report_reader.c, the
 * pointers for every column up to the last non-empty one followed by the
 * texts, so a gap costs one NUL byte and a blank row nothing.
 */
#include "sheet_table.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "field.h"
#include "report_schema.h"
#include "text.h"
#include "th_limits.h"
#include "i18n.h"

void sheet_table_init(sheet_table *b, const reader_limits *limits, const char *file,
                      const char *sheet, size_t header_row, raw_table *table,
                      finding_list *findings)
{
    memset(b, 0, sizeof *b);
    b->limits = limits;
    b->file = file;
    b->sheet = sheet;
    b->header_row = header_row;
    b->table = table;
    b->findings = findings;
}

void sheet_table_release(sheet_table *b)
{
    free(b->cells);
    free(b->text);
    b->cells = NULL;
    b->text = NULL;
    b->ncells = b->cells_cap = b->text_len = b->text_cap = 0;
}

void sheet_table_fail(sheet_table *b, finding_code code, size_t row, size_t col, const char *fmt,
                      ...)
{
    if (b->state == SHEET_FAILED || b->state == SHEET_NOMEM)
        return;
    char detail[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    size_t first = b->findings->count;
    th_error rc = finding_list_add(b->findings, code, b->file, row, col, NULL, "%s", detail);
    if (rc == TH_OK)
        rc = finding_list_set_sheet(b->findings, first, b->sheet);
    b->state = rc == TH_OK ? SHEET_FAILED : SHEET_NOMEM;
}

/* Counts the distinct report columns the gathered row names. */
static size_t header_matches(const sheet_table *b)
{
    bool seen[COL_COUNT] = {false};
    size_t n = 0;
    for (size_t i = 0; i < b->ncells; i++) {
        report_column c = report_schema_match(b->text + b->cells[i].off);
        if (c != COL_COUNT && !seen[c]) {
            seen[c] = true;
            n++;
        }
    }
    return n;
}

static bool gather(sheet_table *b, size_t col, const char *text, size_t len)
{
    if (!array_reserve(&b->cells, &b->cells_cap, b->ncells + 1, sizeof *b->cells))
        return false;
    if (!array_reserve(&b->text, &b->text_cap, b->text_len + len + 1, 1))
        return false;
    memcpy(b->text + b->text_len, text, len);
    b->text[b->text_len + len] = '\0';
    b->cells[b->ncells++] = (struct sheet_cell){col, b->text_len};
    b->text_len += len + 1;
    return true;
}

/* Builds the record of the gathered row, its texts in NFC, as one block. */
static bool push_record(sheet_table *b)
{
    raw_table *t = b->table;
    size_t ncols = b->cells[b->ncells - 1].col;
    char **nfc = calloc(b->ncells, sizeof *nfc);
    size_t bytes = ncols * sizeof(char *) + ncols;
    bool ok = nfc != NULL;
    for (size_t i = 0; ok && i < b->ncells; i++) {
        const char *s = b->text + b->cells[i].off;
        nfc[i] = text_nfc(s, strlen(s), NULL);
        ok = nfc[i] != NULL;
        if (ok)
            bytes += strlen(nfc[i]);
    }
    b->table_bytes += bytes - ncols * sizeof(char *);
    if (ok && b->table_bytes > b->limits->max_file_bytes) {
        sheet_table_fail(b, FC_FILE_TOO_LARGE, b->row, 0,
                         _("the cells up to here weigh more than %zu bytes as a CSV"),
                         b->limits->max_file_bytes);
        ok = false;
    }
    char **block = ok ? malloc(bytes) : NULL;
    ok = ok && array_reserve(&t->records, &b->records_cap, t->nrecords + 1, sizeof *t->records);
    if (block != NULL && ok) {
        char *w = (char *)(block + ncols);
        for (size_t c = 1, i = 0; c <= ncols; c++) {
            const char *s = (i < b->ncells && b->cells[i].col == c) ? nfc[i++] : NULL;
            s = s != NULL ? s : ""; /* a gap */
            size_t len = strlen(s) + 1;
            memcpy(w, s, len);
            block[c - 1] = w;
            w += len;
        }
        t->records[t->nrecords++] = (raw_record){block, ncols, b->row};
        block = NULL;
    }
    for (size_t i = 0; nfc != NULL && i < b->ncells; i++)
        free(nfc[i]);
    free(nfc);
    free(block);
    if (!ok && b->state == SHEET_GOING)
        b->state = SHEET_NOMEM;
    return ok;
}

/* True when the gathered row, right below the header, is the second row
 * of a two-row header: it names a report column, and every cell of it is
 * under a header cell that is empty or names no report column. */
static bool is_subheader(const sheet_table *b)
{
    const raw_record *h = &b->table->records[0];
    size_t named = 0;
    for (size_t i = 0; i < b->ncells; i++) {
        size_t c = b->cells[i].col;
        const char *above = c <= h->ncells ? h->cells[c - 1] : "";
        if (*above != '\0' && report_schema_match(above) != COL_COUNT)
            return false;
        named += report_schema_match(b->text + b->cells[i].off) != COL_COUNT;
    }
    return named > 0;
}

static int by_column(const void *a, const void *b)
{
    size_t x = ((const struct sheet_cell *)a)->col, y = ((const struct sheet_cell *)b)->col;
    return (x > y) - (x < y);
}

/* Folds the gathered row into the header record, which keeps its line. */
static void fold_into_header(sheet_table *b)
{
    raw_table *t = b->table;
    raw_record old = t->records[0];
    size_t below = b->ncells;
    for (size_t c = 1; c <= old.ncells; c++) {
        bool taken = false;
        for (size_t i = 0; i < below && !taken; i++)
            taken = b->cells[i].col == c;
        if (!taken && *old.cells[c - 1] != '\0' &&
            !gather(b, c, old.cells[c - 1], strlen(old.cells[c - 1]))) {
            b->state = SHEET_NOMEM;
            return;
        }
    }
    qsort(b->cells, b->ncells, sizeof *b->cells, by_column);
    if (!push_record(b))
        return;
    t->records[0] = t->records[--t->nrecords];
    t->records[0].line = old.line;
    free(old.cells);
}

/* Decides what the gathered row is (title, header, data) and keeps it. */
static void end_row(sheet_table *b)
{
    if (b->ncells == 0 || b->state != SHEET_GOING)
        return;
    if (!b->have_header) {
        if (b->header_row == 0) {
            if (b->row > LIMIT_SHEET_HEADER_ROWS) {
                b->state = SHEET_NO_HEADER;
                return;
            }
            size_t n = header_matches(b);
            if (n > b->best_matches) {
                b->best_matches = n;
                b->best_row = b->row;
            }
            if (n < LIMIT_SHEET_HEADER_MATCHES)
                return; /* a title row above the header */
        } else if (b->row < b->header_row) {
            return;
        }
        b->have_header = true;
    } else if (b->table->nrecords >= b->limits->max_records) {
        sheet_table_fail(b, FC_FILE_TOO_LARGE, b->row, 0,
                         P_("more than %zu row", "more than %zu rows", b->limits->max_records),
                         b->limits->max_records);
        return;
    } else if (!b->below_header) {
        b->below_header = true;
        if (is_subheader(b)) {
            fold_into_header(b);
            return;
        }
    }
    push_record(b);
}

bool sheet_table_cell(sheet_table *b, size_t row, size_t col, const char *text, size_t len)
{
    if (b->state != SHEET_GOING)
        return false;
    if (row == 0 || col == 0 || row > LIMIT_SHEET_ROWS || col > LIMIT_SHEET_COLUMNS ||
        row < b->row || (row == b->row && b->ncells > 0 && col <= b->cells[b->ncells - 1].col)) {
        sheet_table_fail(b, FC_BAD_SPREADSHEET, row <= LIMIT_SHEET_ROWS ? row : 0,
                         col <= LIMIT_SHEET_COLUMNS ? col : 0,
                         _("cell out of place (row %zu, column %zu)"), row, col);
        return false;
    }
    if (len == 0)
        return true;
    if (row != b->row) {
        end_row(b);
        b->ncells = b->text_len = 0;
        b->row = row;
        if (b->state != SHEET_GOING)
            return false;
    }
    if (col > b->limits->max_columns) {
        sheet_table_fail(
            b, FC_SPREADSHEET_TOO_LARGE, row, col,
            P_("more than %zu column", "more than %zu columns", b->limits->max_columns),
            b->limits->max_columns);
        return false;
    }
    if (len > b->limits->max_field_bytes) {
        sheet_table_fail(b, FC_SPREADSHEET_TOO_LARGE, row, col,
                         _("cell of %zu bytes, the limit is %zu bytes"), len,
                         b->limits->max_field_bytes);
        return false;
    }
    if (!gather(b, col, text, len)) {
        b->state = SHEET_NOMEM;
        return false;
    }
    return true;
}

bool sheet_table_finish(sheet_table *b)
{
    end_row(b);
    b->ncells = b->text_len = 0;
    return b->state == SHEET_GOING && b->have_header;
}

void sheet_text_add(sheet_text *t, const char *s, size_t n)
{
    if (t->len + n > t->max) {
        t->over = true;
        n = t->max > t->len ? t->max - t->len : 0;
    }
    if (n == 0 || t->nomem)
        return;
    if (!array_reserve(&t->s, &t->cap, t->len + n + 1, 1)) {
        t->nomem = true;
        return;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

void sheet_text_clear(sheet_text *t)
{
    t->len = 0;
    t->over = false;
    if (t->s != NULL)
        t->s[0] = '\0';
}

/* ---- choosing the sheet ------------------------------------------------ */

/* Frees the records of t but keeps what it says about the file. */
static void clear_records(raw_table *t)
{
    const char *format = t->format;
    raw_table_release(t);
    t->format = format;
}

/* Reads sheet i with header_row (see sheet_table_init).  Returns the state:
 * SHEET_GOING with a header found means the table holds the sheet. */
static sheet_state read_one(const char *file, const char *name, size_t i, size_t header_row,
                            sheet_read_fn read, void *ctx, const reader_limits *limits,
                            raw_table *table, finding_list *findings, bool *found, size_t *best_row,
                            size_t *best_matches)
{
    sheet_table b;
    sheet_table_init(&b, limits, file, name, header_row, table, findings);
    read(ctx, i, &b);
    *found = sheet_table_finish(&b);
    *best_row = b.best_row;
    *best_matches = b.best_matches;
    sheet_table_release(&b);
    if (!*found)
        clear_records(table);
    return b.state;
}

th_error sheet_table_choose(const char *file, const char *const *names, size_t nsheets,
                            sheet_read_fn read, void *ctx, const reader_limits *limits,
                            raw_table *table, finding_list *findings)
{
    if (nsheets == 0)
        return finding_list_add(findings, FC_BAD_SPREADSHEET, file, 0, 0, NULL, "%s",
                                _("no visible sheet"));
    size_t pick = 0, pick_row = 1, most = 0, row, matches;
    bool found = false;
    sheet_state st = SHEET_GOING;
    for (size_t i = 0; i < nsheets && !found; i++) {
        st = read_one(file, names[i], i, 0, read, ctx, limits, table, findings, &found, &row,
                      &matches);
        if (st == SHEET_FAILED || st == SHEET_NOMEM)
            break;
        if (found)
            pick = i;
        else if (matches > most) {
            most = matches;
            pick = i;
            pick_row = row;
        }
    }
    if (!found && st != SHEET_FAILED && st != SHEET_NOMEM) /* no sheet has a full header */
        st = read_one(file, names[pick], pick, pick_row, read, ctx, limits, table, findings, &found,
                      &row, &matches);
    if (st == SHEET_NOMEM)
        return TH_ERR_NOMEM;
    if (st == SHEET_FAILED)
        return TH_OK;
    if (!found)
        return finding_list_add(findings, FC_EMPTY_FILE, file, 0, 0, NULL, "%s",
                                _("no cell holds a value"));
    table->sheet = strdup(names[pick]);
    return table->sheet != NULL ? TH_OK : TH_ERR_NOMEM;
}

/* ---- cell values ------------------------------------------------------- */

void sheet_format_number(double v, char *buf, size_t buflen)
{
    if (!isfinite(v)) {
        snprintf(buf, buflen, "%s", "#NUM!");
        return;
    }
    v += 0.0; /* -0 + 0 is +0: no "-0" */
    if (v == trunc(v) && fabs(v) < 1e15)
        snprintf(buf, buflen, "%.0f", v);
    else
        snprintf(buf, buflen, "%.15g", v);
}

bool sheet_format_serial(double v, bool date1904, bool time_only, char *buf, size_t buflen)
{
    /* 2958465 is 9999-12-31 in the 1900 system. */
    if (!isfinite(v) || v < 0 || v >= 2958466)
        return false;
    double days = floor(v);
    long secs = lround((v - days) * 86400.0);
    if (secs >= 86400) { /* 23:59:59.6 rounds to the next day */
        days += 1;
        secs = 0;
    }
    char time[48] = "";
    if (secs > 0 || time_only)
        snprintf(time, sizeof time, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
    if (time_only && days == 0) {
        snprintf(buf, buflen, "%s", time);
        return true;
    }
    long d = (long)days;
    int y, m, md;
    if (!date1904 && d == 60) { /* Lotus 1-2-3's 29 February 1900, kept by Excel */
        y = 1900, m = 2, md = 29;
    } else if (!date1904 && d == 0) { /* Excel shows 0 as 1900-01-00 */
        y = 1900, m = 1, md = 0;
    } else {
        civil_day base = date1904 ? field_civil_day(1904, 1, 1)
                         : d < 60 ? field_civil_day(1899, 12, 31)
                                  : field_civil_day(1899, 12, 30);
        field_civil_split((civil_day)(base + d), &y, &m, &md);
    }
    snprintf(buf, buflen, "%04d-%02d-%02d%s%s", y, m, md, *time ? " " : "", time);
    return true;
}

numfmt_kind sheet_builtin_numfmt(unsigned id)
{
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
        return NUMFMT_DATE;
    if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
        return NUMFMT_TIME;
    return NUMFMT_NUMBER;
}

numfmt_kind sheet_custom_numfmt(const char *code)
{
    bool date = false, time = false;
    for (const char *p = code; *p; p++) {
        char c = *p;
        if (c == '"') { /* quoted text */
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
        } else if (c == '\\' || c == '_' || c == '*') { /* escaped or padding character */
            if (p[1])
                p++;
        } else if (c == '[') { /* [Red], [$-42A], [h]: elapsed hours are a time */
            if (p[1] == 'h' || p[1] == 'H' || p[1] == 'm' || p[1] == 's')
                time = true;
            while (p[1] && p[1] != ']')
                p++;
            if (p[1])
                p++;
        } else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') {
            date = true;
        } else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
            time = true;
        } else if (c == ';') {
            break; /* the first section decides */
        }
    }
    return date ? NUMFMT_DATE : time ? NUMFMT_TIME : NUMFMT_NUMBER;
}

bool sheet_parse_ref(const char *ref, size_t *row, size_t *col)
{
    size_t c = 0, r = 0;
    const char *p = ref;
    if (*p == '$')
        p++;
    for (; *p >= 'A' && *p <= 'Z' && c <= LIMIT_SHEET_COLUMNS; p++)
        c = c * 26 + (size_t)(*p - 'A' + 1);
    if (*p == '$')
        p++;
    for (; *p >= '0' && *p <= '9' && r <= LIMIT_SHEET_ROWS; p++)
        r = r * 10 + (size_t)(*p - '0');
    if (*p != '\0' || c == 0 || r == 0)
        return false;
    *row = r;
    *col = c;
    return true;
}
