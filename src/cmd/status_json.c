/*
 * status_json.c - the JSON form of `tonghop status`, built with jansson.
 *
 * The only file that includes jansson.h.  One object: the campaign, the
 * as-of time, one member of "units" per unit of units.csv in its order, and
 * the totals.  Times are ISO 8601 with the campaign's UTC offset, or null;
 * an indicator no activity gave is null, not 0.
 */
#include <jansson.h>

#include "field.h"
#include "report_schema.h"
#include "status_report.h"

/* jansson's *_new functions return NULL when out of memory, and the
 * json_object_set_new / json_array_append_new family takes the reference
 * even then and returns -1: so a build is checked once, by counting
 * failures in *bad. */
static void set(json_t *obj, const char *key, json_t *value, int *bad)
{
    if (value == NULL || json_object_set_new(obj, key, value) != 0)
        (*bad)++;
}

static json_t *time_value(const status_view *v, int64_t t)
{
    char when[32];
    if (t == 0)
        return json_null();
    field_format_iso_time(t, v->c->utc_offset_min, when, sizeof when);
    return json_string(when);
}

static json_t *count(size_t n)
{
    return json_integer((json_int_t)n);
}

static json_t *campaign_object(const status_view *v, int *bad)
{
    const campaign *c = v->c;
    json_t *o = json_object();
    char offset[32];
    /* "+07:00": the tail of any ISO time in the zone */
    field_format_iso_time(0, c->utc_offset_min, offset, sizeof offset);
    set(o, "code", json_string(c->code), bad);
    set(o, "title", json_string(c->title), bad);
    set(o, "late_from", time_value(v, c->late_from), bad);
    set(o, "utc_offset", json_string(offset + 19), bad);
    return o;
}

static json_t *missing_array(const status_view *v, size_t u, int *bad)
{
    json_t *a = json_array();
    for (size_t k = 0; a != NULL && k < v->c->ncategories; k++)
        if (campaign_requires(v->c, u, k) && !v->units[u].has_category[k])
            *bad += json_array_append_new(a, json_string(v->c->categories[k].code)) != 0;
    return a;
}

static json_t *unit_indicators(const status_view *v, size_t u, int *bad)
{
    json_t *o = json_object();
    for (int i = 0; o != NULL && i < INDICATOR_COUNT; i++) {
        int64_t sum;
        bool has = status_unit_indicator(v, u, i, &sum);
        set(o, report_schema_column(COL_FIRST_INDICATOR + i)->key,
            has ? json_integer((json_int_t)sum) : json_null(), bad);
    }
    return o;
}

static json_t *unit_object(const status_view *v, size_t u, int *bad)
{
    const unit *un = &v->c->units[u];
    const unit_status *s = &v->units[u];
    json_t *o = json_object();
    if (o == NULL)
        return NULL;
    set(o, "code", json_string(un->code), bad);
    set(o, "name", json_string(un->name), bad);
    set(o, "kind", json_string(unit_kind_key(un->kind)), bad);
    set(o, "received", time_value(v, s->first_received), bad);
    set(o, "effective_received", time_value(v, s->effective_received), bad);
    set(o, "status", json_string(status_key(s->status)), bad);
    set(o, "status_label", json_string(consolidate_deadline_label(s->status, v->lang)), bad);
    set(o, "required", count(s->required), bad);
    set(o, "covered", count(s->covered), bad);
    set(o, "missing_categories", missing_array(v, u, bad), bad);
    set(o, "submissions", count(s->submissions), bad);
    set(o, "activities", count(s->activities), bad);
    set(o, "rows_rejected", count(s->rows_rejected), bad);
    set(o, "indicators", unit_indicators(v, u, bad), bad);
    return o;
}

static json_t *totals_object(const status_view *v, int *bad)
{
    size_t n[DEADLINE_ON_TIME_AMENDED_LATE + 1];
    size_t incomplete = status_count(v, n);
    json_t *o = json_object(), *ind = json_object();
    set(o, "units", count(v->c->nunits), bad);
    for (int st = 0; st <= DEADLINE_ON_TIME_AMENDED_LATE; st++)
        set(o, status_key((deadline_status)st), count(n[st]), bad);
    set(o, "incomplete", count(incomplete), bad);
    for (int i = 0; ind != NULL && i < INDICATOR_COUNT; i++) {
        int64_t sum = 0;
        for (size_t u = 0; u < v->c->nunits; u++)
            sum += consolidate_unit_total(v->totals, u, i);
        set(ind, report_schema_column(COL_FIRST_INDICATOR + i)->key, json_integer((json_int_t)sum),
            bad);
    }
    set(o, "indicators", ind, bad);
    return o;
}

static json_t *build(const status_view *v, int *bad)
{
    json_t *root = json_object(), *units = json_array();
    set(root, "campaign", campaign_object(v, bad), bad);
    set(root, "as_of", time_value(v, v->as_of), bad);
    for (size_t u = 0; units != NULL && u < v->c->nunits; u++)
        *bad += json_array_append_new(units, unit_object(v, u, bad)) != 0;
    set(root, "units", units, bad);
    set(root, "totals", totals_object(v, bad), bad);
    return root;
}

th_error status_write_json(FILE *out, const status_view *v)
{
    int bad = 0;
    json_t *root = build(v, &bad);
    th_error rc = TH_OK;
    if (root == NULL || bad > 0)
        rc = TH_ERR_NOMEM;
    else if (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 ||
             fputc('\n', out) == EOF)
        rc = TH_ERR_IO;
    json_decref(root);
    return rc;
}
