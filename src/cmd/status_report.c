/*
 * status_report.c - what the three forms of `tonghop status` share (status
 * keys, counts, a unit's indicator totals) and the CSV form.
 *
 * The CSV is for scripts: UTF-8 without a BOM, LF line ends, a header row of
 * ASCII keys, one row per unit of units.csv in its order; a field is quoted
 * (RFC 4180) only when it holds a comma, a quote or a line break.
 */
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "report_schema.h"
#include "status_report.h"
#include "strbuf.h"

static const char *const status_keys[] = {
    [DEADLINE_MISSING] = "missing",
    [DEADLINE_ON_TIME] = "on_time",
    [DEADLINE_LATE] = "late",
    [DEADLINE_ON_TIME_AMENDED_LATE] = "on_time_amended_late",
};

const char *status_key(deadline_status status)
{
    if ((int)status < 0 || status > DEADLINE_ON_TIME_AMENDED_LATE)
        return "";
    return status_keys[status];
}

size_t status_count(const status_view *v, size_t n[DEADLINE_ON_TIME_AMENDED_LATE + 1])
{
    size_t incomplete = 0;
    memset(n, 0, sizeof n[0] * (DEADLINE_ON_TIME_AMENDED_LATE + 1));
    for (size_t u = 0; u < v->c->nunits; u++) {
        const unit_status *s = &v->units[u];
        n[s->status]++;
        incomplete += s->status != DEADLINE_MISSING && s->covered < s->required;
    }
    return incomplete;
}

bool status_unit_indicator(const status_view *v, size_t u, int i, int64_t *sum)
{
    *sum = consolidate_unit_total(v->totals, u, i);
    return consolidate_unit_has(v->totals, u, i);
}

/* Appends s as one CSV field, quoted only when it must be. */
static void add_field(strbuf *line, const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        strbuf_adds(line, s);
    } else {
        strbuf_addch(line, '"');
        for (; *s; s++) {
            if (*s == '"')
                strbuf_addch(line, '"');
            strbuf_addch(line, *s);
        }
        strbuf_addch(line, '"');
    }
    strbuf_addch(line, last ? '\n' : ',');
}

static void add_time(strbuf *line, const status_view *v, int64_t t)
{
    char when[32] = "";
    if (t != 0)
        field_format_iso_time(t, v->c->utc_offset_min, when, sizeof when);
    add_field(line, when, false);
}

static void add_count(strbuf *line, size_t n)
{
    strbuf_addf(line, "%zu,", n);
}

static void add_header(strbuf *line)
{
    strbuf_adds(line, "code,name,kind,received,effective_received,status,status_label,required,"
                      "covered,missing_categories,submissions,activities,rows_rejected");
    for (int i = 0; i < INDICATOR_COUNT; i++)
        strbuf_addf(line, ",%s", report_schema_column(COL_FIRST_INDICATOR + i)->key);
    strbuf_addch(line, '\n');
}

static void add_unit(strbuf *line, const status_view *v, size_t u)
{
    const unit *un = &v->c->units[u];
    const unit_status *s = &v->units[u];
    add_field(line, un->code, false);
    add_field(line, un->name, false);
    add_field(line, unit_kind_key(un->kind), false);
    add_time(line, v, s->first_received);
    add_time(line, v, s->effective_received);
    add_field(line, status_key(s->status), false);
    add_field(line, consolidate_deadline_label(s->status, v->lang), false);
    add_count(line, s->required);
    add_count(line, s->covered);
    strbuf missing = STRBUF_INIT;
    consolidate_missing_list(v->c, u, s, ";", CONSOLIDATE_CODES, &missing);
    add_field(line, missing.buf, false);
    line->failed |= missing.failed;
    strbuf_release(&missing);
    add_count(line, s->submissions);
    add_count(line, s->activities);
    strbuf_addf(line, "%zu", s->rows_rejected);
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        int64_t sum;
        if (status_unit_indicator(v, u, i, &sum))
            strbuf_addf(line, ",%lld", (long long)sum);
        else
            strbuf_addch(line, ',');
    }
    strbuf_addch(line, '\n');
}

th_error status_write_csv(FILE *out, const status_view *v)
{
    strbuf line = STRBUF_INIT;
    th_error rc = TH_OK;
    add_header(&line);
    for (size_t u = 0; u <= v->c->nunits && rc == TH_OK; u++) {
        if (line.failed)
            rc = TH_ERR_NOMEM;
        else if (fwrite(line.buf, 1, line.len, out) != line.len)
            rc = TH_ERR_IO;
        strbuf_reset(&line);
        if (u < v->c->nunits)
            add_unit(&line, v, u);
    }
    strbuf_release(&line);
    return rc;
}
