/*
 * table_wire.c - a raw_table and its findings as bytes (see table_wire.h).
 *
 * Message: "THW1", count of records, then per record its line, count of
 * cells and each cell as length + bytes; the sheet (length + bytes, the
 * length all ones for none); count of findings, then per finding its code,
 * row, column, detail and sheet.  Every number is a uint64_t.
 */
#include "table_wire.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

#define MAGIC "THW1"
#define NONE UINT64_MAX

static bool put_u64(FILE *out, uint64_t v)
{
    return fwrite(&v, sizeof v, 1, out) == 1;
}

static bool put_str(FILE *out, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    return put_u64(out, s ? n : NONE) && (n == 0 || fwrite(s, 1, n, out) == n);
}

bool table_wire_write(FILE *out, const raw_table *table, const finding_list *findings)
{
    bool ok = fwrite(MAGIC, 1, 4, out) == 4 && put_u64(out, table->nrecords);
    for (size_t i = 0; ok && i < table->nrecords; i++) {
        const raw_record *r = &table->records[i];
        ok = put_u64(out, r->line) && put_u64(out, r->ncells);
        for (size_t c = 0; ok && c < r->ncells; c++)
            ok = put_str(out, r->cells[c]);
    }
    ok = ok && put_str(out, table->sheet) && put_u64(out, findings->count);
    for (size_t i = 0; ok && i < findings->count; i++) {
        const finding *f = &findings->items[i];
        ok = put_u64(out, (uint64_t)f->code) && put_u64(out, f->row) && put_u64(out, f->column) &&
             put_str(out, f->detail) && put_str(out, f->sheet);
    }
    return ok && fflush(out) == 0;
}

typedef struct {
    const unsigned char *p, *end;
    bool bad;
} reader;

static uint64_t get_u64(reader *r)
{
    uint64_t v = 0;
    if ((size_t)(r->end - r->p) < sizeof v) {
        r->bad = true;
        return 0;
    }
    memcpy(&v, r->p, sizeof v);
    r->p += sizeof v;
    return v;
}

/* Returns the next string's bytes (*len of them, not terminated), NULL for
 * none or when the message is cut short (r->bad). */
static const char *get_str(reader *r, size_t *len)
{
    uint64_t n = get_u64(r);
    *len = 0;
    if (r->bad || n == NONE)
        return NULL;
    if (n > (uint64_t)(r->end - r->p)) {
        r->bad = true;
        return NULL;
    }
    const char *s = (const char *)r->p;
    r->p += n;
    *len = (size_t)n;
    return s;
}

/* Reads one record into its one-block form (as report_reader.c keeps it). */
static th_error get_record(reader *r, raw_record *rec)
{
    uint64_t line = get_u64(r), ncells = get_u64(r);
    const unsigned char *start = r->p;
    size_t bytes = 0;
    if (r->bad || ncells == 0 || ncells > (uint64_t)(r->end - r->p) / sizeof(uint64_t)) {
        r->bad = true;
        return TH_ERR_INTERNAL;
    }
    for (uint64_t c = 0; c < ncells && !r->bad; c++) { /* measure first */
        size_t len;
        get_str(r, &len);
        bytes += len + 1;
    }
    if (r->bad)
        return TH_ERR_INTERNAL;
    char **block = malloc((size_t)ncells * sizeof(char *) + bytes);
    if (block == NULL)
        return TH_ERR_NOMEM;
    r->p = start;
    char *w = (char *)(block + ncells);
    for (uint64_t c = 0; c < ncells; c++) {
        size_t len;
        const char *s = get_str(r, &len);
        if (len > 0)
            memcpy(w, s, len);
        w[len] = '\0';
        block[c] = w;
        w += len + 1;
    }
    *rec = (raw_record){block, (size_t)ncells, (size_t)line};
    return TH_OK;
}

static th_error get_findings(reader *r, const char *file, finding_list *findings)
{
    uint64_t count = get_u64(r);
    th_error rc = TH_OK;
    for (uint64_t i = 0; rc == TH_OK && !r->bad && i < count; i++) {
        uint64_t code = get_u64(r), row = get_u64(r), col = get_u64(r);
        size_t dlen, slen;
        const char *detail = get_str(r, &dlen);
        const char *sheet = get_str(r, &slen);
        if (r->bad || code >= FC_COUNT)
            return TH_ERR_INTERNAL;
        char *s = strndup(sheet ? sheet : "", slen);
        size_t first = findings->count;
        rc = s == NULL
                 ? TH_ERR_NOMEM
                 : finding_list_add(findings, (finding_code)code, file, (size_t)row, (size_t)col,
                                    NULL, "%.*s", (int)dlen, detail ? detail : "");
        if (rc == TH_OK)
            rc = finding_list_set_sheet(findings, first, s);
        free(s);
    }
    return r->bad ? TH_ERR_INTERNAL : rc;
}

th_error table_wire_read(const unsigned char *bytes, size_t n, const char *file, raw_table *table,
                         finding_list *findings)
{
    reader r = {bytes + 4, bytes + n, n < 4 || memcmp(bytes, MAGIC, 4) != 0};
    uint64_t count = r.bad ? 0 : get_u64(&r);
    size_t cap = 0, first = findings->count;
    th_error rc = TH_OK;
    for (uint64_t i = 0; rc == TH_OK && !r.bad && i < count; i++) {
        if (!array_reserve(&table->records, &cap, table->nrecords + 1, sizeof *table->records))
            rc = TH_ERR_NOMEM;
        else if ((rc = get_record(&r, &table->records[table->nrecords])) == TH_OK)
            table->nrecords++;
    }
    size_t slen;
    const char *sheet = rc == TH_OK ? get_str(&r, &slen) : NULL;
    if (rc == TH_OK && sheet != NULL && (table->sheet = strndup(sheet, slen)) == NULL)
        rc = TH_ERR_NOMEM;
    if (rc == TH_OK)
        rc = get_findings(&r, file, findings);
    if (rc == TH_OK && (r.bad || r.p != r.end))
        rc = TH_ERR_INTERNAL;
    if (rc != TH_OK) { /* nothing half-read is kept */
        const char *format = table->format;
        raw_table_release(table);
        table->format = format;
        finding_list_truncate(findings, first);
    }
    return rc;
}
