/*
 * report_reader.c - reads a CSV report into a table of text cells.
 *
 * bytes -> decode_text -> delimiter (sep= line or sniffed) -> libcsv, fed one
 * physical line at a time so that each record knows the line it starts on.
 * Invariant: the table holds records only when no file error was found.
 */
#include "report_reader.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "array.h"
#include "th_limits.h"
#include "i18n.h"

#define CSV_BLOCK ((size_t)4096)

reader_limits reader_default_limits(void)
{
    reader_limits l = {
        .max_file_bytes = (size_t)LIMIT_FILE_MIB * 1024 * 1024,
        .max_field_bytes = (size_t)LIMIT_FIELD_MIB * 1024 * 1024,
        .max_records = LIMIT_RECORDS,
        .max_columns = LIMIT_COLUMNS,
    };
    return l;
}

/* What the libcsv callbacks share.  Callbacks cannot stop libcsv, so the
 * first problem is kept here and everything after it is ignored. */
typedef struct {
    const reader_limits *limits;
    raw_table *table;
    size_t records_cap;
    char **cells; /* the record being built */
    size_t ncells;
    size_t cells_cap;
    size_t pending_empty; /* empty cells not stored yet: trailing ones never are */
    size_t nfields;       /* fields seen in the record, empty ones included */
    size_t start_line;    /* line the record being built starts on */
    bool failed;
    th_error err; /* TH_ERR_NOMEM, or TH_OK with a finding below */
    finding_code fcode;
    size_t frow;
    size_t fcolumn;
    char fdetail[160];
} parse_ctx;

static void fail_nomem(parse_ctx *ctx)
{
    if (ctx->failed)
        return;
    ctx->failed = true;
    ctx->err = TH_ERR_NOMEM;
}

static void fail_finding(parse_ctx *ctx, finding_code code, size_t row, size_t column,
                         const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void fail_finding(parse_ctx *ctx, finding_code code, size_t row, size_t column,
                         const char *fmt, ...)
{
    if (ctx->failed)
        return;
    ctx->failed = true;
    ctx->err = TH_OK;
    ctx->fcode = code;
    ctx->frow = row;
    ctx->fcolumn = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->fdetail, sizeof ctx->fdetail, fmt, ap);
    va_end(ap);
}

static void free_cells(char **cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(cells[i]);
    free(cells);
}

static void reset_record(parse_ctx *ctx)
{
    free_cells(ctx->cells, ctx->ncells);
    ctx->cells = NULL;
    ctx->ncells = ctx->cells_cap = ctx->pending_empty = ctx->nfields = 0;
}

static bool push_cell(parse_ctx *ctx, const char *s, size_t len)
{
    if (!array_reserve(&ctx->cells, &ctx->cells_cap, ctx->ncells + 1, sizeof *ctx->cells))
        return false;
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return false;
    if (len > 0)
        memcpy(copy, s, len);
    copy[len] = '\0';
    ctx->cells[ctx->ncells++] = copy;
    return true;
}

/* libcsv field callback.  Empty cells are only counted until a non-empty one
 * follows, so trailing empty cells cost nothing and a line of commas cannot
 * trip the column limit. */
static void on_field(void *field, size_t len, void *data)
{
    parse_ctx *ctx = data;
    if (ctx->failed)
        return;
    ctx->nfields++;
    if (len > ctx->limits->max_field_bytes) {
        fail_finding(ctx, FC_BAD_CSV, ctx->start_line, ctx->nfields,
                     _("field of %zu bytes, the limit is %zu bytes"), len,
                     ctx->limits->max_field_bytes);
        return;
    }
    if (len == 0) {
        ctx->pending_empty++;
        return;
    }
    if (ctx->ncells + ctx->pending_empty + 1 > ctx->limits->max_columns) {
        fail_finding(ctx, FC_BAD_CSV, ctx->start_line, ctx->nfields,
                     P_("more than %zu column", "more than %zu columns", ctx->limits->max_columns),
                     ctx->limits->max_columns);
        return;
    }
    for (; ctx->pending_empty > 0; ctx->pending_empty--) {
        if (!push_cell(ctx, "", 0)) {
            fail_nomem(ctx);
            return;
        }
    }
    if (!push_cell(ctx, field, len))
        fail_nomem(ctx);
}

/* Returns the cells as one block: the pointer array followed by the texts,
 * freed with a single free().  A separate allocation per cell would cost
 * several times a short cell's size (a 64 MiB file of one-letter cells
 * peaked at 1.46 GB); as one block a table costs about 5 times its text. */
static char **compact_record(char *const *cells, size_t n)
{
    size_t bytes = n * sizeof(char *);
    for (size_t i = 0; i < n; i++)
        bytes += strlen(cells[i]) + 1;
    char **block = malloc(bytes);
    if (block == NULL)
        return NULL;
    char *text = (char *)(block + n);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(cells[i]) + 1;
        memcpy(text, cells[i], len);
        block[i] = text;
        text += len;
    }
    return block;
}

/* libcsv record callback: keeps the record unless it is blank. */
static void on_record(int term, void *data)
{
    (void)term;
    parse_ctx *ctx = data;
    raw_table *t = ctx->table;
    if (ctx->failed)
        return;
    if (ctx->ncells == 0) {
        reset_record(ctx);
        return;
    }
    if (t->nrecords >= ctx->limits->max_records) {
        fail_finding(ctx, FC_FILE_TOO_LARGE, ctx->start_line, 0,
                     P_("more than %zu record", "more than %zu records", ctx->limits->max_records),
                     ctx->limits->max_records);
        return;
    }
    if (!array_reserve(&t->records, &ctx->records_cap, t->nrecords + 1, sizeof *t->records)) {
        fail_nomem(ctx);
        return;
    }
    char **block = compact_record(ctx->cells, ctx->ncells);
    if (block == NULL) {
        fail_nomem(ctx);
        return;
    }
    t->records[t->nrecords++] = (raw_record){block, ctx->ncells, ctx->start_line};
    reset_record(ctx);
}

/* Returns the length of the line starting at pos, without its terminator;
 * *term gets the terminator's length: 2 for CRLF, 1 for CR or LF, 0 at EOF. */
static size_t line_length(const char *text, size_t len, size_t pos, size_t *term)
{
    size_t end = pos;
    while (end < len && text[end] != '\r' && text[end] != '\n')
        end++;
    *term = 0;
    if (end < len)
        *term = (text[end] == '\r' && end + 1 < len && text[end + 1] == '\n') ? 2 : 1;
    return end - pos;
}

/* True when the first line is an Excel "sep=X" line; *delim gets X. */
static bool sep_line(const char *text, size_t len, char *delim)
{
    size_t term;
    if (line_length(text, len, 0, &term) != 5 || strncasecmp(text, "sep=", 4) != 0)
        return false;
    *delim = text[4];
    return true;
}

static bool blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != ',' && s[i] != ';')
            return false;
    return true;
}

/* Sniffs the delimiter from the header: the first non-blank line, read to
 * its end outside quotes.  Most frequent of tab, ';' and ',' wins; ties go
 * in that order; none at all means comma. */
static char sniff_delimiter(const char *text, size_t len, size_t pos)
{
    size_t term, n;
    while (pos < len && (n = line_length(text, len, pos, &term), blank_line(text + pos, n)))
        pos += n + term;
    size_t count[3] = {0, 0, 0};
    static const char cand[3] = {'\t', ';', ','};
    bool quoted = false;
    for (; pos < len; pos++) {
        char c = text[pos];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\r' || c == '\n'))
            break;
        for (int i = 0; !quoted && i < 3; i++)
            count[i] += (c == cand[i]);
    }
    char best = ',';
    size_t best_count = 0;
    for (int i = 0; i < 3; i++) {
        if (count[i] > best_count) {
            best = cand[i];
            best_count = count[i];
        }
    }
    return best;
}

/* Follows the quote state over one line, as libcsv's strict mode allows it
 * (a quote opens or closes a field; "" inside one is a literal).  Records in
 * *quote_line the line where a quoted field was last opened. */
static bool scan_quotes(const char *s, size_t n, bool quoted, size_t line, size_t *quote_line)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '"')
            continue;
        quoted = !quoted;
        /* A quote right after a closing one is a doubled quote, not a new field. */
        if (quoted && !(i > 0 && s[i - 1] == '"'))
            *quote_line = line;
    }
    return quoted;
}

static int space_only(unsigned char c)
{
    return c == ' ';
}

static int space_or_tab(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* Turns a libcsv failure into the context's failure, worded from libcsv's
 * error code (csv_strerror's English speaks of "strict checking"). */
static void csv_failed(parse_ctx *ctx, struct csv_parser *p, size_t line)
{
    int e = csv_error(p);
    if (e == CSV_ENOMEM)
        fail_nomem(ctx);
    else if (e == CSV_ETOOBIG)
        fail_finding(ctx, FC_FILE_TOO_LARGE, line, 0, "%s",
                     _("a cell is larger than this computer can hold"));
    else if (e == CSV_EPARSE)
        fail_finding(ctx, FC_BAD_CSV, line, 0, "%s",
                     _("a quote mark out of place: inside a cell that does not start with one, "
                       "or right after a cell's closing quote"));
    else
        fail_finding(ctx, FC_BAD_CSV, line, 0, _("the CSV reader failed (libcsv error %d)"), e);
}

/* Feeds one line (terminator included) to libcsv in bounded pieces. */
static void feed_line(parse_ctx *ctx, struct csv_parser *p, const char *s, size_t n, size_t line)
{
    size_t limit = ctx->limits->max_field_bytes;
    size_t guard = limit > SIZE_MAX - 2 * CSV_BLOCK ? SIZE_MAX : limit + 2 * CSV_BLOCK;
    for (size_t done = 0; done < n && !ctx->failed;) {
        size_t piece =
            n - done < (size_t)LIMIT_CSV_FEED_BYTES ? n - done : (size_t)LIMIT_CSV_FEED_BYTES;
        if (csv_parse(p, s + done, piece, on_field, on_record, ctx) != piece) {
            csv_failed(ctx, p, line);
            return;
        }
        done += piece;
        /* libcsv's buffer grows only with the field being read. */
        if (csv_get_buffer_size(p) > guard)
            fail_finding(ctx, FC_BAD_CSV, ctx->start_line, 0,
                         _("a field is longer than the limit of %zu bytes"), limit);
    }
}

/* Parses every line from pos on; each record's line is the line its first
 * byte is on, however many line breaks its quoted fields hold. */
static void parse_lines(parse_ctx *ctx, struct csv_parser *p, const char *text, size_t len,
                        size_t pos, size_t line)
{
    bool quoted = false;
    size_t quote_line = line;
    for (; pos < len && !ctx->failed; line++) {
        size_t term, n = line_length(text, len, pos, &term);
        if (!quoted)
            ctx->start_line = line;
        quoted = scan_quotes(text + pos, n, quoted, line, &quote_line);
        feed_line(ctx, p, text + pos, n + term, line);
        pos += n + term;
    }
    if (!ctx->failed && csv_fini(p, on_field, on_record, ctx) != 0)
        fail_finding(ctx, FC_BAD_CSV, quote_line, 0, "%s",
                     _("a quote mark opens a cell here and nothing closes it before the end of "
                       "the file"));
}

static void release_records(raw_table *t)
{
    for (size_t i = 0; i < t->nrecords; i++)
        free(t->records[i].cells); /* one block: see compact_record */
    free(t->records);
    t->records = NULL;
    t->nrecords = 0;
}

/* Sets the dialect, parses, and reports a failure as a finding. */
static th_error parse_text(const char *text, size_t len, const char *name,
                           const reader_limits *limits, raw_table *table, finding_list *findings)
{
    size_t pos = 0, line = 1, term;
    char delim;
    if (sep_line(text, len, &delim)) {
        if (delim != ',' && delim != ';' && delim != '\t')
            return finding_list_add(findings, FC_BAD_CSV, name, 1, 0, NULL,
                                    _("unsupported delimiter in \"%.5s\""), text);
        /* Excel uses the sep= line and does not show it: rows are numbered
         * as the unit sees them, the header being row 1. */
        pos = line_length(text, len, 0, &term) + term;
        table->lines_hidden = 1;
    } else {
        delim = sniff_delimiter(text, len, 0);
    }
    table->delimiter = delim;

    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return TH_ERR_NOMEM;
    csv_set_delim(&p, (unsigned char)delim);
    csv_set_space_func(&p, delim == '\t' ? space_only : space_or_tab);
    csv_set_blk_size(&p, CSV_BLOCK);
    parse_ctx ctx = {.limits = limits, .table = table};
    parse_lines(&ctx, &p, text, len, pos, line);
    csv_free(&p);
    reset_record(&ctx);

    if (!ctx.failed && table->nrecords == 0)
        fail_finding(&ctx, FC_EMPTY_FILE, 0, 0, _("only blank lines"));
    if (!ctx.failed)
        return TH_OK;
    release_records(table);
    if (ctx.err != TH_OK)
        return ctx.err;
    return finding_list_add(findings, ctx.fcode, name, ctx.frow, ctx.fcolumn, NULL, "%s",
                            ctx.fdetail);
}

th_error reader_read_bytes(const unsigned char *bytes, size_t n, const char *name,
                           const reader_limits *limits, raw_table *table, finding_list *findings)
{
    reader_limits defaults = reader_default_limits();
    if (limits == NULL)
        limits = &defaults;
    memset(table, 0, sizeof *table);
    table->delimiter = ',';

    decoded_text dec;
    th_error err = decode_text(bytes, n, &dec);
    if (err != TH_OK) {
        decoded_text_release(&dec);
        return err;
    }
    table->encoding = dec.encoding;
    switch (dec.status) {
    case DECODE_OK:
        err = parse_text(dec.text, dec.len, name, limits, table, findings);
        break;
    case DECODE_EMPTY:
        err = finding_list_add(findings, FC_EMPTY_FILE, name, 0, 0, NULL, "%s", "");
        break;
    case DECODE_BINARY:
        err = finding_list_add(findings, FC_BINARY_FILE, name, 0, 0, NULL, _("byte %zu"),
                               dec.bad_offset);
        break;
    case DECODE_BAD_SEQUENCE:
    default:
        err = finding_list_add(findings, FC_BAD_ENCODING, name, 0, 0, NULL,
                               _("byte %zu is not valid %s"), dec.bad_offset,
                               decode_encoding_name(dec.encoding));
        break;
    }
    decoded_text_release(&dec);
    return err;
}

/* Reads the whole of f, known to hold size bytes, into *out. */
static bool read_all(FILE *f, size_t size, unsigned char **out, size_t *n)
{
    unsigned char *buf = malloc(size > 0 ? size : 1);
    if (buf == NULL) {
        errno = ENOMEM;
        return false;
    }
    *n = fread(buf, 1, size, f);
    if (*n < size && ferror(f)) {
        int e = errno;
        free(buf);
        errno = e ? e : EIO;
        return false;
    }
    *out = buf;
    return true;
}

th_error reader_load_file(const char *path, const char *name, const reader_limits *limits,
                          unsigned char **bytes, size_t *n, finding_list *findings)
{
    reader_limits defaults = reader_default_limits();
    if (limits == NULL)
        limits = &defaults;
    *bytes = NULL;
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return finding_list_add(findings, FC_UNREADABLE, name, 0, 0, NULL, "%s", strerror(errno));
    struct stat st;
    th_error err = TH_OK;
    if (fstat(fileno(f), &st) != 0) {
        err = finding_list_add(findings, FC_UNREADABLE, name, 0, 0, NULL, "%s", strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        err = finding_list_add(findings, FC_UNREADABLE, name, 0, 0, NULL, "%s",
                               S_ISDIR(st.st_mode) ? strerror(EISDIR) : _("not a regular file"));
    } else if ((uintmax_t)st.st_size > limits->max_file_bytes) {
        err = finding_list_add(findings, FC_FILE_TOO_LARGE, name, 0, 0, NULL,
                               _("%jd bytes, the limit is %zu bytes"), (intmax_t)st.st_size,
                               limits->max_file_bytes);
    } else if (!read_all(f, (size_t)st.st_size, bytes, n)) {
        if (errno == ENOMEM)
            err = TH_ERR_NOMEM;
        else
            err =
                finding_list_add(findings, FC_UNREADABLE, name, 0, 0, NULL, "%s", strerror(errno));
    }
    fclose(f);
    return err;
}

th_error reader_read_file(const char *path, const char *name, const reader_limits *limits,
                          raw_table *table, finding_list *findings)
{
    unsigned char *bytes = NULL;
    size_t n = 0;
    memset(table, 0, sizeof *table);
    table->delimiter = ',';
    th_error err = reader_load_file(path, name, limits, &bytes, &n, findings);
    if (err == TH_OK && bytes != NULL)
        err = reader_read_bytes(bytes, n, name, limits, table, findings);
    free(bytes);
    return err;
}

const char *reader_table_encoding(const raw_table *table)
{
    return table->format != NULL ? table->format : decode_encoding_name(table->encoding);
}

void raw_table_release(raw_table *table)
{
    if (table == NULL)
        return;
    release_records(table);
    free(table->sheet);
    memset(table, 0, sizeof *table);
}
