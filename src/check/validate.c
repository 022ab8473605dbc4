/*
 * validate.c - checks a report table against the campaign (see validate.h).
 *
 * Three levels (docs/design.md §4): a file error rejects the
 * whole file; a row error drops the row; a warning keeps the row and flags
 * it.  Validation never stops at the first problem: the unit gets the whole
 * list of what to fix in one go.
 */
#include "validate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "similar.h"
#include "text.h"
#include "vietnamese.h"

/* Recent lookups of unit and category cells.  A report repeats the same
 * few codes on every row, and matching one costs a Unicode case fold. */
#define LOOKUP_SLOTS 32
typedef struct {
    char *text[LOOKUP_SLOTS];
    long found[LOOKUP_SLOTS];
    size_t used;
} lookup_cache;

/* A row with an error, and the category it named: a required category whose
 * every row failed is "present but not counted", not "missing". */
typedef struct {
    size_t category;
    size_t line;
} rejected_row;

/* At most this many are kept per file: enough to point at the rows. */
#define REJECTED_ROWS_KEPT 4096

/* What validation of one file carries from row to row. */
typedef struct {
    const raw_table *table;
    const validate_options *opt;
    report *out;
    finding_list *findings;
    size_t column_of[COL_COUNT]; /* index of each schema column, SIZE_MAX if absent */
    size_t ncolumns;             /* cells in the header */
    long unit;                   /* resolved unit, -1 until a row names one */
    bool several_units;
    bool unknown_unit; /* reported once, not on every row */
    bool row_failed;   /* the current row has an error */
    th_error rc;       /* first real failure (out of memory) */
    lookup_cache units, categories, forms;
    long opening;           /* the opening ceremony's category, -1 if none */
    size_t *seen;           /* open-addressing set of counted rows: index + 1, 0 empty */
    size_t seen_cap;        /* a power of two, at least twice the counted rows */
    rejected_row *rejected; /* rows with an error that named a known category */
    size_t nrejected, rejected_cap;
} validation;

/* Appends a finding about row `line`, cell index `cell` (SIZE_MAX: none). */
static void add(validation *v, finding_code code, size_t line, size_t cell, const char *detail)
{
    const char *column_name = "";
    const raw_record *header = &v->table->records[0];
    if (cell != SIZE_MAX && cell < header->ncells)
        column_name = header->cells[cell];
    size_t column = cell == SIZE_MAX ? 0 : cell + 1;
    th_error rc = finding_list_add(v->findings, code, v->opt->file_name, line, column, column_name,
                                   "%s", detail ? detail : "");
    if (rc != TH_OK && v->rc == TH_OK)
        v->rc = rc;
    if (finding_code_severity(code) == FINDING_ROW_ERROR)
        v->row_failed = true;
}

/* add() with, when hint >= 0, the unit (is_unit) or category of that index
 * as a suggestion: "có phải ... không?". */
static void add_with_hint(validation *v, finding_code code, size_t line, size_t cell,
                          const char *text, long hint, bool is_unit)
{
    if (hint < 0) {
        add(v, code, line, cell, text);
        return;
    }
    const campaign *c = v->opt->campaign;
    const char *hcode = is_unit ? c->units[hint].code : c->categories[hint].code;
    const char *hname = is_unit ? c->units[hint].name : c->categories[hint].name;
    char *detail = NULL;
    if (asprintf(&detail, "%s" FINDING_HINT "%s - %s", text, hcode, hname) < 0) {
        v->rc = TH_ERR_NOMEM;
        return;
    }
    add(v, code, line, cell, detail);
    free(detail);
}

/* Returns find(c, text) through cache; a full cache just stops caching. */
static long cached_find(lookup_cache *cache, const campaign *c, const char *text,
                        long (*find)(const campaign *, const char *))
{
    for (size_t i = 0; i < cache->used; i++)
        if (strcmp(cache->text[i], text) == 0)
            return cache->found[i];
    long found = find(c, text);
    if (cache->used < LOOKUP_SLOTS && (cache->text[cache->used] = strdup(text)) != NULL)
        cache->found[cache->used++] = found;
    return found;
}

static void cache_release(lookup_cache *cache)
{
    for (size_t i = 0; i < cache->used; i++)
        free(cache->text[i]);
    cache->used = 0;
}

/* ---- the header -------------------------------------------------------- */

/* Counts the non-empty cells of column index i in the data rows. */
static size_t values_in_column(const validation *v, size_t i)
{
    size_t n = 0;
    for (size_t r = 1; r < v->table->nrecords; r++) {
        const raw_record *rec = &v->table->records[r];
        n += i < rec->ncells && rec->cells[i][0] != '\0';
    }
    return n;
}

/* A header no column matched exactly: taken for the column it nearly
 * matches (with a warning naming it), else reported, as an error when the
 * column holds values that would otherwise vanish from the consolidation. */
static void map_inexact_header(validation *v, size_t i)
{
    const raw_record *header = &v->table->records[0];
    report_column c = report_schema_guess(header->cells[i]);
    if (c != COL_COUNT && v->column_of[c] == SIZE_MAX) {
        v->column_of[c] = i;
        add(v, FC_GUESSED_COLUMN, header->line, i, report_schema_column(c)->title);
        return;
    }
    size_t values = values_in_column(v, i);
    char n[32];
    snprintf(n, sizeof n, "%zu", values);
    if (values > 0)
        add(v, FC_IGNORED_COLUMN, header->line, i, n);
    else if (*header->cells[i] != '\0')
        add(v, FC_UNKNOWN_COLUMN, header->line, i, header->cells[i]);
}

static void map_header(validation *v)
{
    const raw_record *header = &v->table->records[0];
    size_t known = 0;
    bool *inexact = calloc(header->ncells, sizeof *inexact);
    if (inexact == NULL) {
        v->rc = TH_ERR_NOMEM;
        return;
    }
    for (int c = 0; c < COL_COUNT; c++)
        v->column_of[c] = SIZE_MAX;
    v->ncolumns = header->ncells;
    /* Exact matches first, so that a near match never takes a column that
     * another header names exactly. */
    for (size_t i = 0; i < header->ncells; i++) {
        report_column c = report_schema_match(header->cells[i]);
        if (c == COL_COUNT) {
            inexact[i] = true;
        } else if (v->column_of[c] != SIZE_MAX) {
            add(v, FC_DUPLICATE_COLUMN, header->line, i, header->cells[i]);
        } else {
            v->column_of[c] = i;
            known++;
        }
    }
    if (known == 0) {
        free(inexact);
        add(v, FC_NO_HEADER, header->line, SIZE_MAX, header->cells[0]);
        return;
    }
    for (size_t i = 0; i < header->ncells; i++)
        if (inexact[i])
            map_inexact_header(v, i);
    free(inexact);
    for (int c = 0; c < COL_COUNT; c++) {
        const column_spec *spec = report_schema_column((report_column)c);
        if (spec->required && v->column_of[c] == SIZE_MAX)
            add(v, FC_MISSING_COLUMN, header->line, SIZE_MAX, spec->title);
    }
}

/* ---- cells ------------------------------------------------------------- */

/* Returns the cell of column c in rec, "" when absent or beyond the row. */
static const char *cell_of(const validation *v, const raw_record *rec, report_column c)
{
    size_t i = v->column_of[c];
    return i < rec->ncells ? rec->cells[i] : "";
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return false;
    return true;
}

/* Removes C0 controls other than tab, CR and LF, and DEL: XML 1.0 (hence
 * .xlsx) cannot hold them.  Returns true when something was removed. */
static bool strip_controls(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        unsigned char ch = (unsigned char)*r;
        if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7F)
            continue;
        *w++ = *r;
    }
    bool removed = *w != '\0';
    *w = '\0';
    return removed;
}

/* Copies a text cell, converting legacy-font text and flagging what a
 * reader of the workbook should know.  Returns NULL (with v->rc set) only
 * when out of memory. */
static char *take_text(validation *v, const raw_record *rec, report_column c)
{
    const char *raw = cell_of(v, rec, c);
    size_t col = v->column_of[c];
    char *text = NULL;
    vn_font font = vn_detect_legacy_font(raw);
    if (font == VN_FONT_TCVN3)
        text = vn_from_tcvn3(raw);
    if (font != VN_FONT_UNICODE)
        add(v, FC_LEGACY_FONT, rec->line, col, font == VN_FONT_TCVN3 ? "TCVN3" : "VNI");
    if (text == NULL)
        text = strdup(raw);
    if (text == NULL) {
        v->rc = TH_ERR_NOMEM;
        return NULL;
    }
    if (strip_controls(text))
        add(v, FC_CONTROL_CHARS, rec->line, col, "");
    if (text_code_points(text, strlen(text)) > VALIDATE_MAX_TEXT) {
        char n[32];
        snprintf(n, sizeof n, "%zu", text_code_points(text, strlen(text)));
        add(v, FC_TEXT_TOO_LONG, rec->line, col, n);
    }
    if (strchr("=+-@", text[0]) != NULL && text[0] != '\0')
        add(v, FC_FORMULA_TEXT, rec->line, col, text);
    return text;
}

static void check_unit(validation *v, const raw_record *rec)
{
    const char *text = cell_of(v, rec, COL_UNIT);
    size_t col = v->column_of[COL_UNIT];
    if (is_blank(text)) {
        add(v, FC_MISSING_VALUE, rec->line, col, "");
        return;
    }
    long u = cached_find(&v->units, v->opt->campaign, text, campaign_find_unit);
    if (u < 0) {
        if (!v->unknown_unit)
            add_with_hint(v, FC_UNKNOWN_UNIT, rec->line, col, text,
                          similar_unit(v->opt->campaign, text), true);
        v->unknown_unit = true;
    } else if (v->unit < 0) {
        v->unit = u;
    } else if (u != v->unit && !v->several_units) {
        v->several_units = true;
        add(v, FC_SEVERAL_UNITS, rec->line, col, text);
    }
}

/* A bad date whose month exists ("31/09/2022"): the hint says how many days
 * that month has (finding_detail_text words it). */
static void add_month_length(validation *v, size_t line, size_t cell, const char *text,
                             civil_day first)
{
    int y, m, d;
    field_civil_split(first, &y, &m, &d);
    char *detail = NULL;
    if (asprintf(&detail, "%s" FINDING_HINT "%d/%d", text, m, field_days_in_month(y, m)) < 0) {
        v->rc = TH_ERR_NOMEM;
        return;
    }
    add(v, FC_BAD_DATE, line, cell, detail);
    free(detail);
}

static field_status parse_date_cell(validation *v, const raw_record *rec, report_column c,
                                    civil_day *day)
{
    const char *text = cell_of(v, rec, c);
    *day = INT32_MIN;
    field_status st = field_parse_date(text, day);
    if (st == FIELD_EMPTY && report_schema_column(c)->required)
        add(v, FC_MISSING_VALUE, rec->line, v->column_of[c], "");
    else if (st == FIELD_NO_SUCH_DAY && *day != INT32_MIN)
        add_month_length(v, rec->line, v->column_of[c], text, *day);
    else if (st != FIELD_OK && st != FIELD_EMPTY)
        add(v, FC_BAD_DATE, rec->line, v->column_of[c], text);
    return st;
}

static void parse_counts(validation *v, const raw_record *rec, activity *a)
{
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        report_column c = (report_column)(COL_FIRST_INDICATOR + i);
        const char *text = cell_of(v, rec, c);
        field_status st = field_parse_count(text, &a->indicators[i]);
        a->has_indicator[i] = st == FIELD_OK;
        if (st == FIELD_NEGATIVE)
            add(v, FC_NEGATIVE_NUMBER, rec->line, v->column_of[c], text);
        else if (st != FIELD_OK && st != FIELD_EMPTY)
            add(v, FC_BAD_NUMBER, rec->line, v->column_of[c], text);
        if (st != FIELD_OK)
            a->indicators[i] = 0;
    }
}

/* Resolves the category cell; returns whether it named a known category. */
static bool parse_category(validation *v, const raw_record *rec, activity *a)
{
    const char *text = cell_of(v, rec, COL_CATEGORY);
    long k = cached_find(&v->categories, v->opt->campaign, text, campaign_find_category);
    if (is_blank(text))
        add(v, FC_MISSING_VALUE, rec->line, v->column_of[COL_CATEGORY], "");
    else if (k < 0)
        add_with_hint(v, FC_UNKNOWN_CATEGORY, rec->line, v->column_of[COL_CATEGORY], text,
                      similar_category(v->opt->campaign, text), false);
    a->category = k < 0 ? 0 : (size_t)k;
    return k >= 0 && !is_blank(text);
}

static void parse_dates(validation *v, const raw_record *rec, activity *a)
{
    field_status from = parse_date_cell(v, rec, COL_FROM, &a->from);
    field_status to = parse_date_cell(v, rec, COL_TO, &a->to);
    a->has_to = to == FIELD_OK;
    if (!a->has_to)
        a->to = a->from;
    if (from == FIELD_OK && a->has_to && a->to < a->from)
        add(v, FC_DATE_ORDER, rec->line, v->column_of[COL_TO], cell_of(v, rec, COL_TO));
}

/* report_schema_match_form in the shape cached_find takes. */
static long find_form(const campaign *c, const char *text)
{
    (void)c;
    return (long)report_schema_match_form(text);
}

static void parse_form(validation *v, const raw_record *rec, activity *a)
{
    const char *text = cell_of(v, rec, COL_FORM);
    a->form = (activity_form)cached_find(&v->forms, v->opt->campaign, text, find_form);
    if (a->form == FORM_NONE && !is_blank(text))
        add(v, FC_BAD_FORM, rec->line, v->column_of[COL_FORM], text);
}

/* Extra non-empty cells past the header mean a delimiter inside unquoted
 * text: the row's cells are shifted, so none of its values can be trusted.
 * One finding says so; checking the shifted cells one by one would only
 * bury it under errors about dates and numbers that are not there.  Returns
 * true when the row is shifted. */
static bool shifted_row(validation *v, const raw_record *rec)
{
    if (rec->ncells <= v->ncolumns)
        return false;
    char n[64];
    snprintf(n, sizeof n, "%zu/%zu", rec->ncells, v->ncolumns);
    add(v, FC_EXTRA_CELLS, rec->line, v->ncolumns, n);
    return true;
}

/* Remembers that a row naming category k failed (up to REJECTED_ROWS_KEPT). */
static void remember_rejected(validation *v, size_t k, size_t line)
{
    if (v->nrejected >= REJECTED_ROWS_KEPT)
        return;
    if (!array_reserve(&v->rejected, &v->rejected_cap, v->nrejected + 1, sizeof *v->rejected)) {
        v->rc = TH_ERR_NOMEM;
        return;
    }
    v->rejected[v->nrejected++] = (rejected_row){k, line};
}

/* ---- warnings on rows that count --------------------------------------- */

static bool same_activity(const activity *a, const activity *b)
{
    return a->category == b->category && a->from == b->from && a->to == b->to &&
           a->form == b->form && strcmp(a->content, b->content) == 0 &&
           memcmp(a->indicators, b->indicators, sizeof a->indicators) == 0;
}

static void warn_dates(validation *v, const raw_record *rec, const activity *a)
{
    const campaign *c = v->opt->campaign;
    char day[16];
    if (v->opening >= 0 && a->category == (size_t)v->opening && a->from != c->opening_day) {
        field_format_date(a->from, day, sizeof day);
        add(v, FC_OPENING_DATE, rec->line, v->column_of[COL_FROM], day);
    }
    if (a->to < c->week_start || a->from > c->week_end) {
        field_format_date(a->from, day, sizeof day);
        add(v, FC_OUTSIDE_WEEK, rec->line, v->column_of[COL_FROM], day);
    }
}

static void warn_outliers(validation *v, const raw_record *rec, const activity *a)
{
    if (v->opt->typical == NULL)
        return;
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        int64_t typical = v->opt->typical[a->category * INDICATOR_COUNT + i];
        int64_t x = a->indicators[i];
        if (typical > 0 && x > LIMIT_OUTLIER_FLOOR && x / LIMIT_OUTLIER_FACTOR > typical) {
            char detail[64];
            snprintf(detail, sizeof detail, "%lld (~%lld)", (long long)x, (long long)typical);
            add(v, FC_OUTLIER, rec->line, v->column_of[COL_FIRST_INDICATOR + i], detail);
        }
    }
}

/* FNV-1a over what makes two rows the same activity (same_activity). */
static size_t activity_hash(const activity *a)
{
    uint64_t h = 1469598103934665603u;
    const unsigned char *p = (const unsigned char *)a->content;
    for (; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    int64_t fields[4 + INDICATOR_COUNT] = {(int64_t)a->category, a->from, a->to, a->form};
    memcpy(fields + 4, a->indicators, sizeof a->indicators);
    p = (const unsigned char *)fields;
    for (size_t i = 0; i < sizeof fields; i++)
        h = (h ^ p[i]) * 1099511628211u;
    return (size_t)h;
}

/* Returns the slot of a row equal to a, or the empty slot where a belongs. */
static size_t seen_slot(const validation *v, const activity *a)
{
    size_t mask = v->seen_cap - 1, i = activity_hash(a) & mask;
    while (v->seen[i] != 0 && !same_activity(&v->out->activities[v->seen[i] - 1], a))
        i = (i + 1) & mask;
    return i;
}

/* Makes room for one more counted row in the set; false when out of memory. */
static bool seen_reserve(validation *v)
{
    if (2 * (v->out->nactivities + 1) <= v->seen_cap)
        return true;
    size_t cap = v->seen_cap ? v->seen_cap * 2 : 64;
    size_t *grown = calloc(cap, sizeof *grown);
    if (grown == NULL)
        return false;
    free(v->seen);
    v->seen = grown;
    v->seen_cap = cap;
    for (size_t k = 0; k < v->out->nactivities; k++)
        v->seen[seen_slot(v, &v->out->activities[k])] = k + 1;
    return true;
}

/* Flags a row equal to an earlier counted one (it still counts), and
 * remembers a row seen for the first time.  A hash set keeps this linear
 * in the rows of a file. */
static void warn_duplicate(validation *v, const raw_record *rec, const activity *a)
{
    if (!seen_reserve(v)) {
        v->rc = TH_ERR_NOMEM;
        return;
    }
    size_t slot = seen_slot(v, a);
    if (v->seen[slot] != 0) {
        char line[32];
        snprintf(line, sizeof line, "%zu", v->out->activities[v->seen[slot] - 1].line);
        add(v, FC_DUPLICATE_ROW, rec->line, SIZE_MAX, line);
    } else {
        v->seen[slot] = v->out->nactivities + 1; /* the index append_activity gives it */
    }
}

static th_error append_activity(report *r, const activity *a)
{
    if (!array_reserve(&r->activities, &r->capacity, r->nactivities + 1, sizeof *r->activities))
        return TH_ERR_NOMEM;
    r->activities[r->nactivities++] = *a;
    return TH_OK;
}

/* ---- rows -------------------------------------------------------------- */

/* True when rec repeats the header row cell for cell: two tables pasted one
 * under the other.  It is skipped with a warning, not read as data. */
static bool repeats_header(const validation *v, const raw_record *rec)
{
    const raw_record *header = &v->table->records[0];
    if (rec->ncells != header->ncells)
        return false;
    for (size_t i = 0; i < rec->ncells; i++)
        if (strcmp(rec->cells[i], header->cells[i]) != 0)
            return false;
    return true;
}

static void validate_row(validation *v, const raw_record *rec)
{
    if (repeats_header(v, rec)) {
        add(v, FC_REPEATED_HEADER, rec->line, SIZE_MAX, "");
        return;
    }
    activity a = {.line = rec->line};
    v->row_failed = false;
    v->out->nrows_read++;
    if (shifted_row(v, rec)) {
        v->out->nrows_rejected++;
        return;
    }
    check_unit(v, rec);
    bool known_category = parse_category(v, rec, &a);
    a.content = take_text(v, rec, COL_CONTENT);
    a.note = take_text(v, rec, COL_NOTE);
    if (a.content != NULL && is_blank(a.content))
        add(v, FC_MISSING_VALUE, rec->line, v->column_of[COL_CONTENT], "");
    parse_dates(v, rec, &a);
    parse_form(v, rec, &a);
    parse_counts(v, rec, &a);
    if (!v->row_failed && a.content != NULL && a.note != NULL) {
        warn_dates(v, rec, &a);
        warn_outliers(v, rec, &a);
        warn_duplicate(v, rec, &a);
        if (append_activity(v->out, &a) == TH_OK)
            return;
        v->rc = TH_ERR_NOMEM;
    }
    if (v->row_failed) {
        v->out->nrows_rejected++;
        if (known_category)
            remember_rejected(v, a.category, rec->line);
    }
    free(a.content);
    free(a.note);
}

/* ---- the whole file ---------------------------------------------------- */

/* Lists, into buf, the lines of the failed rows that named category k;
 * returns how many there are. */
static size_t rejected_lines(const validation *v, size_t k, char *buf, size_t len)
{
    size_t n = 0, used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < v->nrejected; i++) {
        if (v->rejected[i].category != k)
            continue;
        if (n++ < 10 && used < len) {
            int w =
                snprintf(buf + used, len - used, "%s%zu", n > 1 ? ", " : "", v->rejected[i].line);
            used += w > 0 ? (size_t)w : 0;
        }
    }
    if (n > 10 && used < len)
        snprintf(buf + used, len - used, ", …");
    return n;
}

static void warn_missing_categories(validation *v)
{
    const campaign *c = v->opt->campaign;
    for (size_t k = 0; k < c->ncategories; k++) {
        if (!campaign_requires(c, (size_t)v->unit, k))
            continue;
        bool present = false;
        for (size_t i = 0; i < v->out->nactivities && !present; i++)
            present = v->out->activities[i].category == k;
        if (present)
            continue;
        char lines[128], detail[768];
        if (rejected_lines(v, k, lines, sizeof lines) > 0) {
            snprintf(detail, sizeof detail, "%s (%s): %s", c->categories[k].code,
                     c->categories[k].name, lines);
            add(v, FC_CATEGORY_ROWS_REJECTED, 0, SIZE_MAX, detail);
        } else {
            snprintf(detail, sizeof detail, "%s (%s)", c->categories[k].code,
                     c->categories[k].name);
            add(v, FC_MISSING_CATEGORY, 0, SIZE_MAX, detail);
        }
    }
}

static void check_file(validation *v)
{
    const campaign *c = v->opt->campaign;
    char when[32] = "";
    bool judged = v->opt->received != VALIDATE_TIME_UNKNOWN;
    if (judged)
        field_format_time(v->opt->received, c->utc_offset_min, when, sizeof when);
    if (v->out->nrows_read == 0)
        add(v, FC_NO_ROWS, 0, SIZE_MAX, "");
    else if (v->unit < 0 && !finding_list_has_file_error(v->findings))
        add(v, FC_MISSING_UNIT, 0, v->column_of[COL_UNIT], "");
    /* Not judged: `check` without --received checks content only. */
    if (judged && c->closes_at != 0 && v->opt->received >= c->closes_at)
        add(v, FC_CLOSED, 0, SIZE_MAX, when);
    else if (judged && v->opt->received >= c->late_from)
        add(v, FC_LATE, 0, SIZE_MAX, when);
    if (v->opt->strict && v->out->nrows_rejected > 0 && !finding_list_has_file_error(v->findings)) {
        char n[32];
        snprintf(n, sizeof n, "%zu", v->out->nrows_rejected);
        add(v, FC_STRICT, 0, SIZE_MAX, n);
    }
    if (v->unit >= 0 && !finding_list_has_file_error(v->findings))
        warn_missing_categories(v);
}

/* A rejected file keeps its row count (for the ledger) but no activities. */
static void reject(report *r)
{
    size_t read = r->nrows_read, rejected = r->nrows_rejected;
    long unit_index = r->unit;
    report_release(r);
    r->unit = unit_index;
    r->nrows_read = read;
    r->nrows_rejected = rejected;
    r->rejected = true;
}

th_error validate_report(const raw_table *table, const validate_options *opt, report *out,
                         finding_list *findings)
{
    validation v = {.table = table, .opt = opt, .out = out, .findings = findings, .unit = -1};
    v.opening = *opt->campaign->opening_category != '\0'
                    ? campaign_find_category(opt->campaign, opt->campaign->opening_category)
                    : -1;
    if (table->nrecords == 0 || finding_list_has_file_error(findings)) {
        out->rejected = true;
        return TH_OK;
    }
    map_header(&v);
    if (!finding_list_has_file_error(findings))
        for (size_t r = 1; r < table->nrecords && v.rc == TH_OK; r++)
            validate_row(&v, &table->records[r]);
    if (v.rc == TH_OK && !finding_list_has_file_error(findings))
        check_file(&v);
    out->unit = v.unit;
    cache_release(&v.units);
    cache_release(&v.categories);
    cache_release(&v.forms);
    free(v.seen);
    free(v.rejected);
    if (finding_list_has_file_error(findings))
        reject(out);
    return v.rc;
}

/* ---- a supplement against the report it adds to ------------------------ */

th_error validate_duplicates_of(const report *r, const validate_prior *prior, const char *file_name,
                                finding_list *findings)
{
    if (prior == NULL || prior->nrows == 0 || r->rejected)
        return TH_OK;
    /* The same open-addressing set as within one file, over the prior rows. */
    size_t cap = 64;
    while (cap < 2 * prior->nrows)
        cap *= 2;
    size_t *set = calloc(cap, sizeof *set), mask = cap - 1;
    if (set == NULL)
        return TH_ERR_NOMEM;
    for (size_t k = 0; k < prior->nrows; k++) {
        size_t i = activity_hash(&prior->rows[k]) & mask;
        while (set[i] != 0 && !same_activity(&prior->rows[set[i] - 1], &prior->rows[k]))
            i = (i + 1) & mask;
        if (set[i] == 0)
            set[i] = k + 1;
    }
    th_error rc = TH_OK;
    for (size_t j = 0; rc == TH_OK && j < r->nactivities; j++) {
        const activity *a = &r->activities[j];
        size_t i = activity_hash(a) & mask;
        while (set[i] != 0 && !same_activity(&prior->rows[set[i] - 1], a))
            i = (i + 1) & mask;
        if (set[i] == 0)
            continue;
        size_t k = set[i] - 1;
        rc = finding_list_add(findings, FC_DUPLICATE_ROW, file_name, a->line, 0, "", "%s:%zu",
                              prior->files[k], prior->rows[k].line);
    }
    free(set);
    return rc;
}
