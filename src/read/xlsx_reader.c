/*
 * xlsx_reader.c - Office Open XML workbooks (.xlsx, .xlsm) into a raw_table.
 *
 * The parts are read in the order the package links them: _rels/.rels ->
 * the workbook (its sheets in order, hidden ones left out, the date
 * system) -> its relationships (the sheets' parts, styles, shared strings)
 * -> styles.xml (which cell formats show dates) -> sharedStrings.xml (kept
 * in memory: cells refer to them by number) -> each visible sheet, streamed
 * cell by cell into sheet_table until one has the report's header.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "sheet_reader.h"
#include "sheet_table.h"
#include "th_limits.h"
#include "i18n.h"

/* ---- the package ------------------------------------------------------- */

typedef struct {
    char *id, *type, *target;
} xlsx_rel;

typedef struct {
    sheet_zip *zip;
    const reader_limits *limits;
    char *base; /* folder of the workbook part, "xl/" */
    xlsx_rel *rels;
    size_t nrels, rels_cap;
    char **names; /* visible worksheets, in workbook order */
    char **paths;
    size_t nsheets, names_cap, sheets_cap;
    bool date1904;
    unsigned char *xf_kind; /* numfmt_kind of each cell format */
    size_t nxf, xf_cap;
    unsigned *fmt_ids; /* custom number formats and their kinds */
    unsigned char *fmt_kinds;
    size_t nfmts, fmts_cap, fmt_kinds_cap;
    bool in_cellxfs;
    sheet_text sst; /* the shared strings, each NUL-terminated */
    size_t *sst_off;
    size_t nsst, sst_cap;
    bool in_si, in_t, in_rph;
    bool nomem;
} xlsx_book;

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

static void rels_clear(xlsx_book *k)
{
    for (size_t i = 0; i < k->nrels; i++) {
        free(k->rels[i].id);
        free(k->rels[i].type);
        free(k->rels[i].target);
    }
    k->nrels = 0;
}

static void rel_start(void *ctx, const char *name, const char **attrs)
{
    xlsx_book *k = ctx;
    const char *id = sheet_xml_attr(attrs, NULL, "Id");
    const char *type = sheet_xml_attr(attrs, NULL, "Type");
    const char *target = sheet_xml_attr(attrs, NULL, "Target");
    if (!sheet_xml_is(name, "Relationship") || !id || !type || !target ||
        k->nrels >= LIMIT_SHEET_RELS)
        return;
    if (!array_reserve(&k->rels, &k->rels_cap, k->nrels + 1, sizeof *k->rels)) {
        k->nomem = true;
        return;
    }
    xlsx_rel r = {strdup(id), strdup(type), strdup(target)};
    if (!r.id || !r.type || !r.target) {
        free(r.id), free(r.type), free(r.target);
        k->nomem = true;
        return;
    }
    k->rels[k->nrels++] = r;
}

/* Returns the part a relationship target names, relative to base. */
static char *resolve(const char *base, const char *target)
{
    char *out = NULL;
    if (target[0] == '/')
        return strdup(target + 1);
    if (asprintf(&out, "%s%s", base, target) < 0)
        return NULL;
    return out;
}

static const xlsx_rel *rel_by_type(const xlsx_book *k, const char *type_tail)
{
    for (size_t i = 0; i < k->nrels; i++)
        if (ends_with(k->rels[i].type, type_tail))
            return &k->rels[i];
    return NULL;
}

/* Parses the entry with h; on failure adds the finding.  Returns false
 * when the file is done with (a finding was added, or out of memory: *rc). */
static bool parse_part(xlsx_book *k, const char *entry, const sheet_xml_handlers *h,
                       const char *file, finding_list *findings, th_error *rc)
{
    char detail[200];
    bool stop = false;
    sheet_zip_status zs;
    sheet_xml_status xs = sheet_xml_parse(k->zip, entry, h, k, &stop, &zs, detail, sizeof detail);
    if (k->nomem || k->sst.nomem || xs == SHEET_XML_NOMEM) {
        *rc = TH_ERR_NOMEM;
        return false;
    }
    if (k->sst.over) {
        *rc = finding_list_add(findings, FC_SPREADSHEET_TOO_LARGE, file, 0, 0, NULL,
                               _("shared strings over %zu bytes"), k->sst.max);
        return false;
    }
    if (xs == SHEET_XML_OK || xs == SHEET_XML_STOPPED)
        return true;
    *rc = sheet_add_failure(findings, file, xs, zs, detail);
    return false;
}

/* ---- workbook.xml ------------------------------------------------------ */

static void book_start(void *ctx, const char *name, const char **attrs)
{
    xlsx_book *k = ctx;
    if (sheet_xml_is(name, "workbookPr")) {
        const char *d = sheet_xml_attr(attrs, NULL, "date1904");
        k->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
        return;
    }
    if (!sheet_xml_is(name, "sheet"))
        return;
    const char *sheet = sheet_xml_attr(attrs, NULL, "name");
    const char *state = sheet_xml_attr(attrs, NULL, "state");
    const char *rid = sheet_xml_attr(attrs, NULL, "id");
    if (!sheet || !rid || (state && strcmp(state, "visible") != 0) ||
        k->nsheets >= LIMIT_SHEET_SHEETS)
        return;
    const xlsx_rel *rel = NULL;
    for (size_t i = 0; i < k->nrels && rel == NULL; i++)
        if (strcmp(k->rels[i].id, rid) == 0 && ends_with(k->rels[i].type, "/worksheet"))
            rel = &k->rels[i];
    if (rel == NULL) /* a chart sheet, or a dangling link: no cells */
        return;
    if (!array_reserve(&k->names, &k->names_cap, k->nsheets + 1, sizeof *k->names) ||
        !array_reserve(&k->paths, &k->sheets_cap, k->nsheets + 1, sizeof *k->paths)) {
        k->nomem = true;
        return;
    }
    k->names[k->nsheets] = strdup(sheet);
    k->paths[k->nsheets] = resolve(k->base, rel->target);
    if (!k->names[k->nsheets] || !k->paths[k->nsheets]) {
        free(k->names[k->nsheets]);
        free(k->paths[k->nsheets]);
        k->nomem = true;
        return;
    }
    k->nsheets++;
}

/* ---- styles.xml -------------------------------------------------------- */

static numfmt_kind kind_of_format(const xlsx_book *k, unsigned id)
{
    for (size_t i = 0; i < k->nfmts; i++)
        if (k->fmt_ids[i] == id)
            return (numfmt_kind)k->fmt_kinds[i];
    return sheet_builtin_numfmt(id);
}

static void styles_start(void *ctx, const char *name, const char **attrs)
{
    xlsx_book *k = ctx;
    const char *id = sheet_xml_attr(attrs, NULL, "numFmtId");
    if (sheet_xml_is(name, "cellXfs")) {
        k->in_cellxfs = true;
    } else if (sheet_xml_is(name, "numFmt") && id != NULL && k->nfmts < LIMIT_SHEET_NUMFMTS) {
        const char *code = sheet_xml_attr(attrs, NULL, "formatCode");
        if (!array_reserve(&k->fmt_ids, &k->fmts_cap, k->nfmts + 1, sizeof *k->fmt_ids) ||
            !array_reserve(&k->fmt_kinds, &k->fmt_kinds_cap, k->nfmts + 1, 1)) {
            k->nomem = true;
            return;
        }
        k->fmt_ids[k->nfmts] = (unsigned)strtoul(id, NULL, 10);
        k->fmt_kinds[k->nfmts++] = (unsigned char)sheet_custom_numfmt(code ? code : "");
    } else if (sheet_xml_is(name, "xf") && k->in_cellxfs && k->nxf < LIMIT_SHEET_STYLES) {
        if (!array_reserve(&k->xf_kind, &k->xf_cap, k->nxf + 1, 1)) {
            k->nomem = true;
            return;
        }
        k->xf_kind[k->nxf++] =
            (unsigned char)(id ? kind_of_format(k, (unsigned)strtoul(id, NULL, 10))
                               : NUMFMT_NUMBER);
    }
}

static void styles_end(void *ctx, const char *name)
{
    xlsx_book *k = ctx;
    if (sheet_xml_is(name, "cellXfs"))
        k->in_cellxfs = false;
}

/* ---- strings ----------------------------------------------------------- */

static bool hex4(const char *s, unsigned *cp)
{
    *cp = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                                            : 16;
        if (d == 16)
            return false;
        *cp = *cp * 16 + d;
    }
    return true;
}

/* Decodes, in place, the _xHHHH_ escapes of an OOXML string: Excel writes a
 * character XML cannot hold as _x000D_ (a carriage return), and a literal
 * "_x0041_" as "_x005F_x0041_".  NUL and surrogates stay as written.
 * Returns the new length (never longer: 7 bytes become at most 3). */
static size_t decode_xstring(char *s, size_t len)
{
    size_t r = 0, w = 0;
    unsigned cp;
    while (r < len) {
        if (r + 7 <= len && s[r] == '_' && s[r + 1] == 'x' && s[r + 6] == '_' &&
            hex4(s + r + 2, &cp) && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
            if (cp < 0x80) {
                s[w++] = (char)cp;
            } else if (cp < 0x800) {
                s[w++] = (char)(0xC0 | cp >> 6);
                s[w++] = (char)(0x80 | (cp & 0x3F));
            } else {
                s[w++] = (char)(0xE0 | cp >> 12);
                s[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                s[w++] = (char)(0x80 | (cp & 0x3F));
            }
            r += 7;
        } else {
            s[w++] = s[r++];
        }
    }
    if (w < len)
        s[w] = '\0';
    return w;
}

/* ---- sharedStrings.xml ------------------------------------------------- */

static void sst_start(void *ctx, const char *name, const char **attrs)
{
    (void)attrs;
    xlsx_book *k = ctx;
    if (sheet_xml_is(name, "si")) {
        if (!array_reserve(&k->sst_off, &k->sst_cap, k->nsst + 1, sizeof *k->sst_off)) {
            k->nomem = true;
            return;
        }
        k->sst_off[k->nsst++] = k->sst.len;
        k->in_si = true;
    } else if (sheet_xml_is(name, "rPh")) { /* phonetic guide: not the text */
        k->in_rph = true;
    } else if (sheet_xml_is(name, "t") && k->in_si && !k->in_rph) {
        k->in_t = true;
    }
}

static void sst_end(void *ctx, const char *name)
{
    xlsx_book *k = ctx;
    if (sheet_xml_is(name, "si")) {
        size_t start = k->sst_off[k->nsst - 1];
        if (k->sst.s != NULL && !k->sst.over)
            k->sst.len = start + decode_xstring(k->sst.s + start, k->sst.len - start);
        sheet_text_add(&k->sst, "", 1); /* the string's NUL */
        k->in_si = false;
    } else if (sheet_xml_is(name, "rPh")) {
        k->in_rph = false;
    } else if (sheet_xml_is(name, "t")) {
        k->in_t = false;
    }
}

static void sst_text(void *ctx, const char *s, size_t len)
{
    xlsx_book *k = ctx;
    if (k->in_t)
        sheet_text_add(&k->sst, s, len);
}

/* ---- a worksheet ------------------------------------------------------- */

typedef struct {
    xlsx_book *k;
    sheet_table *b;
    size_t row, col;
    char type[12];
    unsigned style;
    bool in_v, in_is, in_t, in_rph, has_v, has_f;
    sheet_text value;
    bool *stop;
} sheet_run;

static void cell_start(sheet_run *r, const char **attrs)
{
    const char *ref = sheet_xml_attr(attrs, NULL, "r");
    const char *t = sheet_xml_attr(attrs, NULL, "t");
    const char *s = sheet_xml_attr(attrs, NULL, "s");
    size_t row, col;
    if (ref != NULL && sheet_parse_ref(ref, &row, &col)) {
        r->row = row;
        r->col = col;
    } else {
        r->col++;
    }
    snprintf(r->type, sizeof r->type, "%s", t ? t : "n");
    r->style = s ? (unsigned)strtoul(s, NULL, 10) : 0;
    r->has_v = r->has_f = false;
    sheet_text_clear(&r->value);
}

static void sheet_start(void *ctx, const char *name, const char **attrs)
{
    sheet_run *r = ctx;
    if (sheet_xml_is(name, "row")) {
        const char *n = sheet_xml_attr(attrs, NULL, "r");
        r->row = n ? (size_t)strtoul(n, NULL, 10) : r->row + 1;
        r->col = 0;
    } else if (sheet_xml_is(name, "c")) {
        cell_start(r, attrs);
    } else if (sheet_xml_is(name, "v")) {
        r->in_v = r->has_v = true;
    } else if (sheet_xml_is(name, "f")) {
        r->has_f = true;
    } else if (sheet_xml_is(name, "is")) {
        r->in_is = true;
    } else if (sheet_xml_is(name, "rPh")) {
        r->in_rph = true;
    } else if (sheet_xml_is(name, "t") && r->in_is && !r->in_rph) {
        r->in_t = true;
    }
}

/* "2022-10-01T00:00:00" (a t="d" cell) -> "2022-10-01"; a time kept. */
static void iso_date(sheet_text *v)
{
    char *t = v->s != NULL ? strchr(v->s, 'T') : NULL;
    if (t == NULL)
        return;
    if (strncmp(t, "T00:00:00", 9) == 0 && (t[9] == '\0' || t[9] == '.' || t[9] == 'Z'))
        *t = '\0';
    else
        *t = ' ';
    v->len = strlen(v->s);
}

/* Hands the finished cell to the table, as the text it shows. */
static void cell_end(sheet_run *r)
{
    xlsx_book *k = r->k;
    const char *v = r->value.s ? r->value.s : "";
    size_t len = r->value.len + (r->value.over ? 1 : 0); /* over: the table refuses it */
    char num[64] = "";
    bool ok = true;
    /* A formula whose value was never computed: no <v>, or an empty one
     * (openpyxl writes <v></v>); only a text result (t="str") may be "". */
    if (r->has_f && r->value.len == 0 && strcmp(r->type, "str") != 0 &&
        strcmp(r->type, "inlineStr") != 0) {
        sheet_table_fail(r->b, FC_FORMULA_NO_VALUE, r->row, r->col, "%s",
                         _("a formula without its value"));
        ok = false;
    } else if (strcmp(r->type, "s") == 0) {
        char *end = NULL;
        unsigned long i = strtoul(v, &end, 10);
        if (!r->has_v || end == v || *end != '\0' || i >= k->nsst) {
            sheet_table_fail(r->b, FC_BAD_SPREADSHEET, r->row, r->col,
                             _("shared string '%.20s' does not exist"), v);
            ok = false;
        } else {
            v = k->sst.s + k->sst_off[i];
            len = strlen(v);
        }
    } else if (strcmp(r->type, "b") == 0) {
        v = strcmp(v, "1") == 0 ? "TRUE" : *v ? "FALSE" : "";
        len = strlen(v);
    } else if (strcmp(r->type, "d") == 0) {
        iso_date(&r->value);
        v = r->value.s ? r->value.s : "";
        len = r->value.len;
    } else if (strcmp(r->type, "n") == 0 && r->has_v && *v) {
        char *end = NULL;
        double d = strtod(v, &end);
        numfmt_kind kind = r->style < k->nxf ? (numfmt_kind)k->xf_kind[r->style] : NUMFMT_NUMBER;
        if (end == v || *end != '\0') {
            sheet_table_fail(r->b, FC_BAD_SPREADSHEET, r->row, r->col, _("'%.20s' is not a number"),
                             v);
            ok = false;
        } else if (kind == NUMFMT_NUMBER ||
                   !sheet_format_serial(d, k->date1904, kind == NUMFMT_TIME, num, sizeof num)) {
            sheet_format_number(d, num, sizeof num);
        }
        v = num;
        len = strlen(num);
    }
    /* inlineStr, str (a formula's text) and e (#N/A, ...) are their text. */
    if (ok && r->value.s != NULL && v == r->value.s &&
        (strcmp(r->type, "inlineStr") == 0 || strcmp(r->type, "str") == 0)) {
        r->value.len = decode_xstring(r->value.s, r->value.len);
        len = r->value.len + (r->value.over ? 1 : 0);
    }
    if (ok && !sheet_table_cell(r->b, r->row, r->col, v, len))
        *r->stop = true;
    if (!ok || r->value.nomem)
        *r->stop = true;
}

static void sheet_end(void *ctx, const char *name)
{
    sheet_run *r = ctx;
    if (sheet_xml_is(name, "c"))
        cell_end(r);
    else if (sheet_xml_is(name, "v"))
        r->in_v = false;
    else if (sheet_xml_is(name, "is"))
        r->in_is = false;
    else if (sheet_xml_is(name, "rPh"))
        r->in_rph = false;
    else if (sheet_xml_is(name, "t"))
        r->in_t = false;
    else if (sheet_xml_is(name, "sheetData"))
        *r->stop = true; /* what follows (merged cells, print set-up) is not needed */
}

static void on_text(void *ctx, const char *s, size_t len)
{
    sheet_run *r = ctx;
    if (r->in_v || r->in_t)
        sheet_text_add(&r->value, s, len);
}

/* sheet_read_fn: streams worksheet i into b. */
static void read_sheet(void *ctx, size_t i, sheet_table *b)
{
    xlsx_book *k = ctx;
    static const sheet_xml_handlers h = {sheet_start, sheet_end, on_text};
    bool stop = false;
    sheet_run r = {.k = k, .b = b, .stop = &stop};
    r.value.max = k->limits->max_field_bytes;
    char detail[200];
    sheet_zip_status zs;
    sheet_xml_status xs =
        sheet_xml_parse(k->zip, k->paths[i], &h, &r, &stop, &zs, detail, sizeof detail);
    sheet_read_failed(b, xs, zs, r.value.nomem, detail);
    free(r.value.s);
}

/* ---- the whole book ---------------------------------------------------- */

static void book_release(xlsx_book *k)
{
    rels_clear(k);
    free(k->rels);
    for (size_t i = 0; i < k->nsheets; i++) {
        free(k->names[i]);
        free(k->paths[i]);
    }
    free(k->names);
    free(k->paths);
    free(k->base);
    free(k->xf_kind);
    free(k->fmt_ids);
    free(k->fmt_kinds);
    free(k->sst.s);
    free(k->sst_off);
    sheet_zip_close(k->zip);
}

/* Finds the workbook part and its sheets.  Returns false when the file is
 * done with (*rc says whether memory ran out). */
static bool load_book(xlsx_book *k, const char *file, finding_list *findings, th_error *rc)
{
    static const sheet_xml_handlers rels = {rel_start, NULL, NULL};
    static const sheet_xml_handlers book = {book_start, NULL, NULL};
    char *wb = NULL, *wb_rels = NULL;
    if (!parse_part(k, "_rels/.rels", &rels, file, findings, rc))
        return false;
    const xlsx_rel *main = rel_by_type(k, "/officeDocument");
    wb = main ? resolve("", main->target) : strdup("xl/workbook.xml");
    rels_clear(k);
    const char *slash = wb ? strrchr(wb, '/') : NULL;
    k->base = wb ? strndup(wb, slash ? (size_t)(slash - wb + 1) : 0) : NULL;
    if (k->base == NULL ||
        asprintf(&wb_rels, "%s_rels/%s.rels", k->base, slash ? slash + 1 : wb) < 0) {
        free(wb);
        *rc = TH_ERR_NOMEM;
        return false;
    }
    bool ok = parse_part(k, wb_rels, &rels, file, findings, rc) &&
              parse_part(k, wb, &book, file, findings, rc);
    free(wb);
    free(wb_rels);
    return ok;
}

/* Reads styles and shared strings, when the workbook has them. */
static bool load_parts(xlsx_book *k, const char *file, finding_list *findings, th_error *rc)
{
    static const sheet_xml_handlers styles = {styles_start, styles_end, NULL};
    static const sheet_xml_handlers sst = {sst_start, sst_end, sst_text};
    const char *tails[2] = {"/styles", "/sharedStrings"};
    const sheet_xml_handlers *hs[2] = {&styles, &sst};
    for (int i = 0; i < 2; i++) {
        const xlsx_rel *rel = rel_by_type(k, tails[i]);
        char *part = rel ? resolve(k->base, rel->target) : NULL;
        if (rel != NULL && part == NULL) {
            *rc = TH_ERR_NOMEM;
            return false;
        }
        bool ok = part == NULL || !sheet_zip_has(k->zip, part) ||
                  parse_part(k, part, hs[i], file, findings, rc);
        free(part);
        if (!ok)
            return false;
    }
    return true;
}

th_error xlsx_read(const unsigned char *bytes, size_t n, const char *name,
                   const reader_limits *limits, raw_table *table, finding_list *findings)
{
    xlsx_book k = {.limits = limits};
    char detail[200];
    memset(table, 0, sizeof *table);
    table->format = "xlsx";
    k.sst.max = LIMIT_SHARED_STRINGS_FACTOR * limits->max_file_bytes;
    sheet_zip_status zs =
        sheet_zip_open(bytes, n, sheet_max_unpacked(limits), &k.zip, detail, sizeof detail);
    if (zs != SHEET_ZIP_OK)
        return sheet_add_failure(findings, name, SHEET_XML_ZIP, zs, detail);
    th_error rc = TH_OK;
    if (load_book(&k, name, findings, &rc) && load_parts(&k, name, findings, &rc))
        rc = sheet_table_choose(name, (const char *const *)k.names, k.nsheets, read_sheet, &k,
                                limits, table, findings);
    book_release(&k);
    return rc;
}
