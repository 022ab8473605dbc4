/*
 * ods_reader.c - OpenDocument spreadsheets (.ods) into a raw_table.
 *
 * Every sheet is in content.xml: a first pass lists the visible sheets
 * (a sheet is hidden by its automatic style, table:display="false"), then
 * the chosen sheet is streamed into sheet_table.  Repeated rows and cells
 * (table:number-rows-repeated, table:number-columns-repeated, which is how
 * LibreOffice writes a million empty rows) only move the position when
 * they are empty; a repeated value is handed on once per repetition, and
 * the table's limits stop it.  Cell values come from office:value (numbers,
 * as a decimal), office:date-value (ISO dates) and office:boolean-value,
 * else from the text shown; comments (office:annotation) are not text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "sheet_reader.h"
#include "sheet_table.h"
#include "th_limits.h"
#include "i18n.h"

#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

/* ---- listing the sheets ------------------------------------------------ */

typedef struct {
    sheet_zip *zip;
    const reader_limits *limits;
    char **hidden_styles; /* table styles with table:display="false" */
    size_t nhidden, hidden_cap;
    char *style;   /* the style:style being read, when of family table */
    char **names;  /* visible sheets, in order */
    size_t *index; /* their position among all sheets */
    size_t nsheets, names_cap, index_cap;
    size_t ntables; /* sheets seen, hidden or not */
    bool nomem;
} ods_book;

static bool is_ns(const char *name, const char *uri, const char *local)
{
    size_t n = strlen(uri);
    return strncmp(name, uri, n) == 0 && name[n] == ' ' && strcmp(name + n + 1, local) == 0;
}

static bool push_str(char ***arr, size_t *count, size_t *cap, const char *s)
{
    char *copy = strdup(s);
    if (copy == NULL || !array_reserve(arr, cap, *count + 1, sizeof **arr)) {
        free(copy);
        return false;
    }
    (*arr)[(*count)++] = copy;
    return true;
}

static bool style_hidden(const ods_book *k, const char *style)
{
    for (size_t i = 0; style != NULL && i < k->nhidden; i++)
        if (strcmp(k->hidden_styles[i], style) == 0)
            return true;
    return false;
}

static void list_start(void *ctx, const char *name, const char **attrs)
{
    ods_book *k = ctx;
    if (is_ns(name, NS_STYLE, "style")) {
        const char *family = sheet_xml_attr(attrs, NS_STYLE, "family");
        const char *sname = sheet_xml_attr(attrs, NS_STYLE, "name");
        free(k->style);
        k->style = family && sname && strcmp(family, "table") == 0 ? strdup(sname) : NULL;
    } else if (is_ns(name, NS_STYLE, "table-properties") && k->style != NULL) {
        const char *display = sheet_xml_attr(attrs, NS_TABLE, "display");
        if (display && strcmp(display, "false") == 0 && k->nhidden < LIMIT_SHEET_HIDDEN_STYLES &&
            !push_str(&k->hidden_styles, &k->nhidden, &k->hidden_cap, k->style))
            k->nomem = true;
    } else if (is_ns(name, NS_TABLE, "table")) {
        const char *tname = sheet_xml_attr(attrs, NS_TABLE, "name");
        size_t pos = k->ntables++;
        if (k->nsheets >= LIMIT_SHEET_SHEETS ||
            style_hidden(k, sheet_xml_attr(attrs, NS_TABLE, "style-name")))
            return;
        if (!push_str(&k->names, &k->nsheets, &k->names_cap, tname ? tname : "") ||
            !array_reserve(&k->index, &k->index_cap, k->nsheets, sizeof *k->index)) {
            k->nomem = true;
            return;
        }
        k->index[k->nsheets - 1] = pos;
    }
}

/* ---- reading one sheet ------------------------------------------------- */

typedef struct {
    size_t col;
    size_t off; /* of its text in ods_run.text */
    size_t len;
    bool over; /* cut at the field limit */
} ods_cell;

typedef struct {
    ods_book *k;
    sheet_table *b;
    size_t want;  /* position of the sheet to read */
    size_t table; /* position of the current sheet + 1; 0 before the first */
    bool in_want;
    size_t row;           /* last row handed on */
    size_t rows_repeated; /* of the row being read */
    size_t col;           /* last column of the row read */
    ods_cell *cells;      /* the row's non-empty cells */
    size_t ncells, cells_cap;
    char *text; /* their texts, NUL-terminated */
    size_t text_len, text_cap;
    /* the cell being read */
    bool in_cell;
    size_t cols_repeated;
    char *value; /* from office:value, date-value or boolean-value; NULL: the text */
    bool formula;
    size_t paras;
    int in_p, in_note;
    sheet_text shown; /* its text */
    bool nomem;
    bool *stop;
} ods_run;

static size_t repeat_of(const char **attrs, const char *attr)
{
    const char *v = sheet_xml_attr(attrs, NS_TABLE, attr);
    unsigned long n = v ? strtoul(v, NULL, 10) : 1;
    return n == 0 ? 1 : n > LIMIT_SHEET_ROWS ? LIMIT_SHEET_ROWS + 1 : (size_t)n;
}

/* The value a typed cell shows, as the text a CSV would hold. */
static char *typed_value(const char **attrs)
{
    const char *type = sheet_xml_attr(attrs, NS_OFFICE, "value-type");
    const char *v = NULL;
    if (type == NULL)
        return NULL;
    if (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 ||
        strcmp(type, "currency") == 0) {
        v = sheet_xml_attr(attrs, NS_OFFICE, "value");
        char *end = NULL;
        double d = v ? strtod(v, &end) : 0;
        if (v == NULL || end == v || *end != '\0')
            return NULL;
        char buf[64];
        sheet_format_number(d, buf, sizeof buf);
        return strdup(buf);
    }
    if (strcmp(type, "date") == 0) {
        v = sheet_xml_attr(attrs, NS_OFFICE, "date-value");
        if (v == NULL)
            return NULL;
        const char *t = strchr(v, 'T');
        if (t != NULL && strncmp(t, "T00:00:00", 9) == 0 && (t[9] == '\0' || t[9] == '.'))
            return strndup(v, (size_t)(t - v));
        char *out = strdup(v);
        char *tt = out ? strchr(out, 'T') : NULL;
        if (tt != NULL)
            *tt = ' ';
        return out;
    }
    if (strcmp(type, "boolean") == 0) {
        v = sheet_xml_attr(attrs, NS_OFFICE, "boolean-value");
        return strdup(v && strcmp(v, "true") == 0 ? "TRUE" : "FALSE");
    }
    return NULL; /* string, time: the text shown */
}

static void cell_start(ods_run *r, const char **attrs)
{
    r->in_cell = true;
    r->cols_repeated = repeat_of(attrs, "number-columns-repeated");
    free(r->value);
    r->value = typed_value(attrs);
    r->formula = sheet_xml_attr(attrs, NS_TABLE, "formula") != NULL;
    r->paras = 0;
    sheet_text_clear(&r->shown);
}

/* Keeps the finished cell in the row, once per repetition (a repetition
 * past the column limit stops one column beyond it: the table says so). */
static void cell_end(ods_run *r)
{
    r->in_cell = false;
    const char *v = r->value ? r->value : r->shown.s ? r->shown.s : "";
    size_t len = r->value ? strlen(v) : r->shown.len;
    bool over = r->value == NULL && r->shown.over;
    if (r->value == NULL && len == 0 && r->formula) {
        sheet_table_fail(r->b, FC_FORMULA_NO_VALUE, r->row + 1, r->col + 1, "%s",
                         _("a formula without its value"));
        *r->stop = true;
        return;
    }
    if (len == 0 && !over) {
        r->col += r->cols_repeated;
        return;
    }
    for (size_t i = 0; i < r->cols_repeated && r->col <= r->k->limits->max_columns; i++) {
        r->col++;
        if (!array_reserve(&r->cells, &r->cells_cap, r->ncells + 1, sizeof *r->cells) ||
            !array_reserve(&r->text, &r->text_cap, r->text_len + len + 1, 1)) {
            r->nomem = true;
            return;
        }
        memcpy(r->text + r->text_len, v, len);
        r->text[r->text_len + len] = '\0';
        r->cells[r->ncells++] = (ods_cell){r->col, r->text_len, len, over};
        r->text_len += len + 1;
    }
}

/* Hands the row on, once per repetition; an empty row only moves on. */
static void row_end(ods_run *r)
{
    if (r->ncells == 0) {
        r->row += r->rows_repeated;
        return;
    }
    for (size_t rep = 0; rep < r->rows_repeated && !*r->stop; rep++) {
        r->row++;
        for (size_t i = 0; i < r->ncells && !*r->stop; i++) {
            const ods_cell *c = &r->cells[i];
            /* len + 1 for a cell cut at the field limit: the table refuses it */
            if (!sheet_table_cell(r->b, r->row, c->col, r->text + c->off, c->len + c->over))
                *r->stop = true;
        }
    }
}

static void sheet_start(void *ctx, const char *name, const char **attrs)
{
    ods_run *r = ctx;
    if (is_ns(name, NS_TABLE, "table")) {
        r->in_want = r->table++ == r->want;
        return;
    }
    if (!r->in_want)
        return;
    if (is_ns(name, NS_TABLE, "table-row")) {
        r->rows_repeated = repeat_of(attrs, "number-rows-repeated");
        r->col = 0;
        r->ncells = r->text_len = 0;
    } else if (is_ns(name, NS_TABLE, "table-cell") || is_ns(name, NS_TABLE, "covered-table-cell")) {
        cell_start(r, attrs);
    } else if (is_ns(name, NS_OFFICE, "annotation")) {
        r->in_note++;
    } else if (r->in_cell && r->in_note == 0) {
        if (is_ns(name, NS_TEXT, "p")) {
            if (r->paras++ > 0)
                sheet_text_add(&r->shown, "\n", 1);
            r->in_p++;
        } else if (is_ns(name, NS_TEXT, "s")) {
            const char *c = sheet_xml_attr(attrs, NS_TEXT, "c");
            unsigned long n = c ? strtoul(c, NULL, 10) : 1;
            for (unsigned long i = 0; i < n && !r->shown.over; i++)
                sheet_text_add(&r->shown, " ", 1);
        } else if (is_ns(name, NS_TEXT, "tab")) {
            sheet_text_add(&r->shown, "\t", 1);
        } else if (is_ns(name, NS_TEXT, "line-break")) {
            sheet_text_add(&r->shown, "\n", 1);
        }
    }
}

static void sheet_end(void *ctx, const char *name)
{
    ods_run *r = ctx;
    if (is_ns(name, NS_TABLE, "table")) {
        if (r->in_want)
            *r->stop = true; /* the sheet is read */
        r->in_want = false;
    } else if (!r->in_want) {
        return;
    } else if (is_ns(name, NS_TABLE, "table-row")) {
        row_end(r);
    } else if (is_ns(name, NS_TABLE, "table-cell") || is_ns(name, NS_TABLE, "covered-table-cell")) {
        cell_end(r);
    } else if (is_ns(name, NS_OFFICE, "annotation")) {
        r->in_note--;
    } else if (is_ns(name, NS_TEXT, "p") && r->in_p > 0) {
        r->in_p--;
    }
    if (r->nomem)
        *r->stop = true;
}

static void on_text(void *ctx, const char *s, size_t len)
{
    ods_run *r = ctx;
    if (r->in_want && r->in_cell && r->in_p > 0 && r->in_note == 0)
        sheet_text_add(&r->shown, s, len);
}

/* sheet_read_fn: streams the i-th visible sheet into b. */
static void read_sheet(void *ctx, size_t i, sheet_table *b)
{
    ods_book *k = ctx;
    static const sheet_xml_handlers h = {sheet_start, sheet_end, on_text};
    bool stop = false;
    ods_run r = {.k = k, .b = b, .want = k->index[i], .stop = &stop};
    r.shown.max = k->limits->max_field_bytes;
    char detail[200];
    sheet_zip_status zs;
    sheet_xml_status xs =
        sheet_xml_parse(k->zip, "content.xml", &h, &r, &stop, &zs, detail, sizeof detail);
    sheet_read_failed(b, xs, zs, r.nomem || r.shown.nomem, detail);
    free(r.cells);
    free(r.text);
    free(r.value);
    free(r.shown.s);
}

/* ---- the whole document ------------------------------------------------ */

static void encryption_start(void *ctx, const char *name, const char **attrs)
{
    (void)attrs;
    if (sheet_xml_is(name, "encryption-data"))
        *(bool *)ctx = true;
}

/* True when META-INF/manifest.xml says the content is encrypted. */
static bool encrypted(sheet_zip *zip)
{
    static const sheet_xml_handlers h = {encryption_start, NULL, NULL};
    bool found = false, stop = false;
    if (sheet_zip_has(zip, "META-INF/manifest.xml")) {
        char detail[160];
        sheet_zip_status zs;
        sheet_xml_parse(zip, "META-INF/manifest.xml", &h, &found, &stop, &zs, detail,
                        sizeof detail);
    }
    return found;
}

static void book_release(ods_book *k)
{
    for (size_t i = 0; i < k->nhidden; i++)
        free(k->hidden_styles[i]);
    for (size_t i = 0; i < k->nsheets; i++)
        free(k->names[i]);
    free(k->hidden_styles);
    free(k->names);
    free(k->index);
    free(k->style);
    sheet_zip_close(k->zip);
}

th_error ods_read(const unsigned char *bytes, size_t n, const char *name,
                  const reader_limits *limits, raw_table *table, finding_list *findings)
{
    static const sheet_xml_handlers list = {list_start, NULL, NULL};
    ods_book k = {.limits = limits};
    char detail[200];
    memset(table, 0, sizeof *table);
    table->format = "ods";
    sheet_zip_status zs =
        sheet_zip_open(bytes, n, sheet_max_unpacked(limits), &k.zip, detail, sizeof detail);
    if (zs != SHEET_ZIP_OK)
        return sheet_add_failure(findings, name, SHEET_XML_ZIP, zs, detail);
    th_error rc = TH_OK;
    if (encrypted(k.zip)) {
        rc = finding_list_add(findings, FC_ENCRYPTED, name, 0, 0, NULL, "%s",
                              _("the content is encrypted (a password is set)"));
    } else {
        bool stop = false;
        sheet_xml_status xs =
            sheet_xml_parse(k.zip, "content.xml", &list, &k, &stop, &zs, detail, sizeof detail);
        if (k.nomem)
            rc = TH_ERR_NOMEM;
        else if (xs != SHEET_XML_OK)
            rc = sheet_add_failure(findings, name, xs, zs, detail);
        else
            rc = sheet_table_choose(name, (const char *const *)k.names, k.nsheets, read_sheet, &k,
                                    limits, table, findings);
    }
    book_release(&k);
    return rc;
}
