/*
 * changes.c - a resubmission against the submission it replaces (see
 * changes.h).  Both submissions' activities are copied out of the store,
 * sorted by every field, and matched by two merge passes: exact equality,
 * then category + content + start day among the rows left over.
 */
#include "i18n.h"
#include "changes.h"

#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "report_schema.h"

/* An activity as compared: what the store gives, owned here. */
typedef struct {
    size_t line;
    char *category_code, *content, *note;
    civil_day from, to;
    bool has_to;
    int form;
    int64_t ind[INDICATOR_COUNT];
    bool has[INDICATOR_COUNT];
    bool matched;
} row;

typedef struct {
    row *rows;
    size_t count, cap;
} rows;

static th_error take_row(const stored_activity *a, void *ctx)
{
    rows *rs = ctx;
    if (rs->count == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 64;
        row *grown = realloc(rs->rows, cap * sizeof *grown);
        if (grown == NULL)
            return TH_ERR_NOMEM;
        rs->rows = grown;
        rs->cap = cap;
    }
    row *r = &rs->rows[rs->count];
    memset(r, 0, sizeof *r);
    r->line = a->line;
    r->category_code = strdup(a->category_code);
    r->content = strdup(a->content);
    r->note = strdup(a->note);
    r->from = a->from;
    r->to = a->to;
    r->has_to = a->has_to;
    r->form = (int)a->form;
    memcpy(r->ind, a->indicators, sizeof r->ind);
    memcpy(r->has, a->has_indicator, sizeof r->has);
    rs->count++;
    return r->category_code && r->content && r->note ? TH_OK : TH_ERR_NOMEM;
}

static void rows_release(rows *rs)
{
    for (size_t i = 0; i < rs->count; i++) {
        free(rs->rows[i].category_code);
        free(rs->rows[i].content);
        free(rs->rows[i].note);
    }
    free(rs->rows);
    memset(rs, 0, sizeof *rs);
}

/* Category, content, start day: what makes a row "the same activity". */
static int cmp_key(const row *a, const row *b)
{
    int c = strcmp(a->category_code, b->category_code);
    if (c == 0)
        c = strcmp(a->content, b->content);
    if (c == 0)
        c = (a->from > b->from) - (a->from < b->from);
    return c;
}

static int cmp_full(const void *pa, const void *pb)
{
    const row *a = pa, *b = pb;
    int c = cmp_key(a, b);
    if (c == 0)
        c = (a->to > b->to) - (a->to < b->to);
    if (c == 0)
        c = (int)a->has_to - (int)b->has_to;
    if (c == 0)
        c = a->form - b->form;
    for (int i = 0; c == 0 && i < INDICATOR_COUNT; i++) {
        c = (int)a->has[i] - (int)b->has[i];
        if (c == 0 && a->has[i])
            c = (a->ind[i] > b->ind[i]) - (a->ind[i] < b->ind[i]);
    }
    if (c == 0)
        c = strcmp(a->note, b->note);
    return c;
}

static th_error add_change(changes *ch, change_kind kind, const row *old, const row *new)
{
    row_change *grown = realloc(ch->items, (ch->count + 1) * sizeof *grown);
    if (grown == NULL)
        return TH_ERR_NOMEM;
    ch->items = grown;
    row_change *c = &ch->items[ch->count++];
    memset(c, 0, sizeof *c);
    const row *any = new ? new : old;
    c->kind = kind;
    c->old_line = old ? old->line : 0;
    c->new_line = new ? new->line : 0;
    c->category_code = strdup(any->category_code);
    c->content = strdup(any->content);
    c->from = any->from;
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        c->before[i] = old && old->has[i] ? old->ind[i] : 0;
        c->after[i] = new &&new->has[i] ? new->ind[i] : 0;
    }
    return c->category_code && c->content ? TH_OK : TH_ERR_NOMEM;
}

/* Merges the sorted a and b, marking as matched the pairs cmp calls equal;
 * with kind >= 0 each pair is also recorded as that change. */
static th_error merge(rows *a, rows *b, int (*cmp)(const row *, const row *), int kind, changes *ch)
{
    size_t i = 0, j = 0;
    th_error rc = TH_OK;
    while (rc == TH_OK && i < a->count && j < b->count) {
        if (a->rows[i].matched) {
            i++;
            continue;
        }
        if (b->rows[j].matched) {
            j++;
            continue;
        }
        int c = cmp(&a->rows[i], &b->rows[j]);
        if (c < 0) {
            i++;
        } else if (c > 0) {
            j++;
        } else {
            a->rows[i].matched = b->rows[j].matched = true;
            if (kind >= 0)
                rc = add_change(ch, (change_kind)kind, &a->rows[i], &b->rows[j]);
        }
    }
    return rc;
}

static int cmp_full_rows(const row *a, const row *b)
{
    return cmp_full(a, b);
}

static int by_line(const void *pa, const void *pb)
{
    const row_change *a = pa, *b = pb;
    size_t la = a->new_line ? a->new_line : a->old_line;
    size_t lb = b->new_line ? b->new_line : b->old_line;
    if (la != lb)
        return la < lb ? -1 : 1;
    /* at one line, the new file's rows (changed, added) before the removed */
    static const int rank[] = {[CHANGE_CHANGED] = 0, [CHANGE_ADDED] = 1, [CHANGE_REMOVED] = 2};
    return rank[a->kind] - rank[b->kind];
}

static void sum(const rows *rs, int64_t out[INDICATOR_COUNT])
{
    for (size_t i = 0; i < rs->count; i++)
        for (int k = 0; k < INDICATOR_COUNT; k++)
            out[k] += rs->rows[i].has[k] ? rs->rows[i].ind[k] : 0;
}

th_error changes_compute(store *st, int64_t old_id, int64_t new_id, changes *out)
{
    rows a = {0}, b = {0};
    memset(out, 0, sizeof *out);
    th_error rc = store_foreach_activity(st, old_id, take_row, &a);
    if (rc == TH_OK)
        rc = store_foreach_activity(st, new_id, take_row, &b);
    if (rc == TH_OK) {
        if (a.count > 1) /* qsort wants a valid array even for none */
            qsort(a.rows, a.count, sizeof *a.rows, cmp_full);
        if (b.count > 1)
            qsort(b.rows, b.count, sizeof *b.rows, cmp_full);
        rc = merge(&a, &b, cmp_full_rows, -1, out);
    }
    if (rc == TH_OK)
        rc = merge(&a, &b, cmp_key, CHANGE_CHANGED, out);
    for (size_t i = 0; rc == TH_OK && i < b.count; i++)
        if (!b.rows[i].matched)
            rc = add_change(out, CHANGE_ADDED, NULL, &b.rows[i]);
    for (size_t i = 0; rc == TH_OK && i < a.count; i++)
        if (!a.rows[i].matched)
            rc = add_change(out, CHANGE_REMOVED, &a.rows[i], NULL);
    if (rc == TH_OK) {
        if (out->count > 1)
            qsort(out->items, out->count, sizeof *out->items, by_line);
        out->rows_before = a.count;
        out->rows_after = b.count;
        sum(&a, out->before);
        sum(&b, out->after);
    }
    rows_release(&a);
    rows_release(&b);
    return rc;
}

void changes_release(changes *ch)
{
    for (size_t i = 0; i < ch->count; i++) {
        free(ch->items[i].category_code);
        free(ch->items[i].content);
    }
    free(ch->items);
    memset(ch, 0, sizeof *ch);
}

size_t changes_count(const changes *ch, change_kind k)
{
    size_t n = 0;
    for (size_t i = 0; i < ch->count; i++)
        n += ch->items[i].kind == k;
    return n;
}

static const char *indicator_title(int i, th_lang lang)
{
    const column_spec *spec = report_schema_column((report_column)(COL_FIRST_INDICATOR + i));
    return lang == LANG_VI ? spec->title : spec->title_en;
}

void changes_format_totals(const changes *ch, th_lang lang, strbuf *out)
{
    bool first = true;
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        if (ch->before[i] == ch->after[i])
            continue;
        strbuf_addf(out, "%s%s %lld → %lld", first ? "" : "; ", indicator_title(i, lang),
                    (long long)ch->before[i], (long long)ch->after[i]);
        first = false;
    }
}

/* "Tuyên truyền «content» (01/10/2022)": one row, in a few words. */
static void describe_row(const row_change *r, const campaign *c, strbuf *out)
{
    long k = campaign_find_category(c, r->category_code);
    char day[16];
    field_format_date(r->from, day, sizeof day);
    strbuf_addf(out, "%s «%s» (%s)", k >= 0 ? c->categories[k].name : r->category_code, r->content,
                day);
}

void changes_format(const changes *ch, const campaign *c, th_lang lang, strbuf *out)
{
    strbuf_addf(out,
                i18n_text_in(lang, N_("Rows counted: %zu → %zu (%zu added, %zu removed, %zu "
                                      "changed)\n")),
                ch->rows_before, ch->rows_after, changes_count(ch, CHANGE_ADDED),
                changes_count(ch, CHANGE_REMOVED), changes_count(ch, CHANGE_CHANGED));
    strbuf_adds(out, i18n_text_in(lang, N_("Totals (before → after):\n")));
    for (int i = 0; i < INDICATOR_COUNT; i++)
        strbuf_addf(out, "  %s: %lld → %lld%s\n", indicator_title(i, lang),
                    (long long)ch->before[i], (long long)ch->after[i],
                    ch->before[i] == ch->after[i] ? "" : i18n_text_in(lang, N_("  (changed)")));
    if (ch->count > 0)
        strbuf_adds(out, i18n_text_in(lang, N_("\nRows that changed:\n")));
    for (size_t i = 0; i < ch->count; i++) {
        const row_change *r = &ch->items[i];
        if (r->kind == CHANGE_ADDED)
            strbuf_addf(out, i18n_text_in(lang, N_("+ added, line %zu: ")), r->new_line);
        else if (r->kind == CHANGE_REMOVED)
            strbuf_addf(out, i18n_text_in(lang, N_("- removed, old line %zu: ")), r->old_line);
        else
            strbuf_addf(out, i18n_text_in(lang, N_("~ changed, line %zu (old %zu): ")), r->new_line,
                        r->old_line);
        describe_row(r, c, out);
        for (int k = 0; r->kind == CHANGE_CHANGED && k < INDICATOR_COUNT; k++)
            if (r->before[k] != r->after[k])
                strbuf_addf(out, "; %s %lld → %lld", indicator_title(k, lang),
                            (long long)r->before[k], (long long)r->after[k]);
        strbuf_addch(out, '\n');
    }
}
