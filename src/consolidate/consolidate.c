/*
 * consolidate.c - each unit's standing, computed from the store's ledger.
 *
 * The deadline rule of docs/design.md §5.4: a unit's status is decided by its
 * first accepted submission; a later one received after late_from turns
 * "Đúng hạn" into "Đúng hạn, bổ sung sau hạn".  A withdrawn submission
 * counts for nothing.  Categories and totals are judged on the unit's report
 * in effect, which only the store decides (store.h, invariant 3): this file
 * reads it, never re-derives it.
 */
#include "consolidate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "i18n.h"
/* English msgids; po/vi.po has the Vietnamese. */
static const char *const labels[] = {
    [DEADLINE_MISSING] = N_("Not submitted"),
    [DEADLINE_ON_TIME] = N_("On time"),
    [DEADLINE_LATE] = N_("Late"),
    [DEADLINE_ON_TIME_AMENDED_LATE] = N_("On time, amended late"),
};

const char *consolidate_deadline_label(deadline_status status, th_lang lang)
{
    if ((int)status < 0 || status > DEADLINE_ON_TIME_AMENDED_LATE)
        return "";
    return i18n_text_in(lang, labels[status]);
}

void consolidate_missing_list(const campaign *c, size_t u, const unit_status *s, const char *sep,
                              int naming, strbuf *out)
{
    bool first = true;
    for (size_t k = 0; k < c->ncategories; k++) {
        if (!campaign_requires(c, u, k) || s->has_category[k])
            continue;
        const category *cat = &c->categories[k];
        strbuf_addf(out, "%s%s%s%s", first ? "" : sep, naming == CONSOLIDATE_NAMES ? "" : cat->code,
                    naming == CONSOLIDATE_CODES_AND_NAMES ? ": " : "",
                    naming == CONSOLIDATE_CODES ? "" : cat->name);
        first = false;
    }
}

void consolidate_status_release(unit_status *statuses, size_t n)
{
    if (statuses != NULL && n > 0)
        free(statuses[0].has_category); /* every unit's flags: one block */
    free(statuses);
}

/* Folds one submission of the ledger (ordered by received time) into the
 * status of its unit. */
static void add_submission(unit_status *s, const submission *sub, const campaign *c)
{
    s->submissions++;
    if (sub->state != SUBMISSION_ACCEPTED || sub->withdrawn_at != 0)
        return;
    if (s->first_received == 0) {
        s->first_received = sub->received;
        s->status = sub->received < c->late_from ? DEADLINE_ON_TIME : DEADLINE_LATE;
    } else if (s->status == DEADLINE_ON_TIME && sub->received >= c->late_from) {
        s->status = DEADLINE_ON_TIME_AMENDED_LATE;
    }
    if (!sub->in_effect)
        return;
    if (sub->supplements == 0) {
        s->effective_id = sub->id;
        s->effective_received = sub->received;
    }
    s->activities += sub->rows_counted;
    s->rows_rejected += sub->rows_rejected;
}

/* A submission the ledger says is in effect, and its unit. */
typedef struct {
    int64_t id;
    size_t unit;
} effect_key;

typedef struct {
    const campaign *c;
    unit_status *statuses;
    consolidate_totals *t; /* NULL: the categories only */
    effect_key *effect;    /* the submissions in effect, sorted by id once complete */
    size_t neffect, capeffect;
} summary_walk;

static th_error fold_submission(const submission *sub, void *ctx)
{
    summary_walk *w = ctx;
    long u = *sub->unit_code ? campaign_unit_by_code(w->c, sub->unit_code) : -1;
    if (u < 0)
        return TH_OK;
    add_submission(&w->statuses[u], sub, w->c);
    if (!sub->in_effect)
        return TH_OK;
    if (!array_reserve(&w->effect, &w->capeffect, w->neffect + 1, sizeof *w->effect))
        return TH_ERR_NOMEM;
    w->effect[w->neffect++] = (effect_key){sub->id, (size_t)u};
    return TH_OK;
}

static int by_effect_id(const void *a, const void *b)
{
    int64_t x = ((const effect_key *)a)->id, y = ((const effect_key *)b)->id;
    return (x > y) - (x < y);
}

/* The unit and category of a summary, false when its submission is not in
 * effect (as the ledger says: the store's rule), its unit or category is no
 * longer in the campaign, or it counts nothing: such rows count for
 * nothing. */
static bool summary_place(const summary_walk *w, const store_summary *x, size_t *u, size_t *k)
{
    effect_key key = {x->submission_id, 0};
    const effect_key *hit =
        w->neffect > 0 ? bsearch(&key, w->effect, w->neffect, sizeof key, by_effect_id) : NULL;
    long ik = hit != NULL ? campaign_category_by_code(w->c, x->category_code) : -1;
    *u = hit != NULL ? hit->unit : 0;
    *k = ik >= 0 ? (size_t)ik : 0;
    return ik >= 0 && x->activities > 0;
}

/* Adds one submission's summary of a category to its unit and category
 * cell: the same as adding each of its activities (the count, the sums,
 * whether an indicator was given, the earliest and latest day). */
static void add_cell(consolidate_cell *cell, const store_summary *x)
{
    if (cell->activities == 0 || x->first < cell->first)
        cell->first = x->first;
    if (cell->activities == 0 || x->last > cell->last)
        cell->last = x->last;
    cell->activities += x->activities;
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        if (x->has[i]) {
            cell->sum[i] += x->sum[i];
            cell->has[i] = true;
        }
    }
}

/* One submission's summary of a category: the category is covered, and its
 * numbers go to the unit's and the category's totals. */
static th_error add_summary(const store_summary *x, void *ctx)
{
    summary_walk *w = ctx;
    size_t u, k;
    if (!summary_place(w, x, &u, &k))
        return TH_OK;
    w->statuses[u].has_category[k] = true;
    consolidate_totals *t = w->t;
    if (t == NULL)
        return TH_OK;
    consolidate_category_sums *cat = &t->categories[k];
    cat->activities += x->activities;
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        if (x->has[i]) {
            t->unit_sum[u * INDICATOR_COUNT + (size_t)i] += x->sum[i];
            t->unit_has[u] |= (unsigned char)(1u << i);
            cat->sum[i] += x->sum[i];
        }
    }
    if (t->cells != NULL)
        add_cell(&t->cells[u * t->ncategories + k], x);
    return TH_OK;
}

/* Room for the totals of c (zeroed), cells too when asked for. */
static th_error totals_init(const campaign *c, bool cells, consolidate_totals *t)
{
    memset(t, 0, sizeof *t);
    t->nunits = c->nunits;
    t->ncategories = c->ncategories;
    size_t nu = c->nunits ? c->nunits : 1, nk = c->ncategories ? c->ncategories : 1;
    t->unit_sum = calloc(nu * INDICATOR_COUNT, sizeof *t->unit_sum);
    t->unit_has = calloc(nu, sizeof *t->unit_has);
    t->categories = calloc(nk, sizeof *t->categories);
    if (cells)
        t->cells = calloc(nu * nk, sizeof *t->cells);
    return t->unit_sum && t->unit_has && t->categories && (t->cells || !cells) ? TH_OK
                                                                               : TH_ERR_NOMEM;
}

/* The categories each unit's report in effect covers (and the totals):
 * one scan of the per-category summaries, not of the rows, keeping those
 * of the submissions in effect.  (The summaries joined to the store's view
 * of what is in effect ran its rule again for every submission: twice the
 * time of the ledger itself on the national set.) */
static th_error count_categories(store *st, summary_walk *w)
{
    const campaign *c = w->c;
    unit_status *statuses = w->statuses;
    size_t nflags = c->nunits * c->ncategories;
    bool *flags = calloc(nflags > 0 ? nflags : 1, sizeof *flags);
    if (flags == NULL)
        return TH_ERR_NOMEM;
    for (size_t u = 0; u < c->nunits; u++)
        statuses[u].has_category = flags + u * c->ncategories;
    if (c->nunits == 0)
        free(flags);    /* no unit holds it */
    if (w->neffect > 0) /* (NULL when the store is empty, which qsort may not take) */
        qsort(w->effect, w->neffect, sizeof *w->effect, by_effect_id);
    th_error rc = store_foreach_summary(st, w->t != NULL, add_summary, w);
    for (size_t u = 0; rc == TH_OK && u < c->nunits; u++) {
        unit_status *s = &statuses[u];
        s->required = campaign_required_count(c, u);
        for (size_t k = 0; k < c->ncategories; k++) {
            s->covered += campaign_requires(c, u, k) && s->has_category[k];
            if (w->t != NULL)
                w->t->categories[k].units += s->has_category[k];
        }
    }
    return rc;
}

th_error consolidate_compute(store *st, const campaign *c, const submission *subs, size_t nsubs,
                             unit_status **out, consolidate_totals *totals, bool cells)
{
    summary_walk w = {c, calloc(c->nunits ? c->nunits : 1, sizeof **out), totals, NULL, 0, 0};
    th_error rc = w.statuses ? TH_OK : TH_ERR_NOMEM;
    if (rc == TH_OK && totals != NULL)
        rc = totals_init(c, cells, totals);
    if (rc == TH_OK && subs == NULL)
        rc = store_foreach_submission_state(st, fold_submission, &w);
    for (size_t i = 0; rc == TH_OK && i < nsubs; i++)
        rc = fold_submission(&subs[i], &w);
    if (rc == TH_OK)
        rc = count_categories(st, &w);
    free(w.effect);
    if (rc != TH_OK) {
        consolidate_status_release(w.statuses, w.statuses ? c->nunits : 0);
        w.statuses = NULL;
    }
    *out = w.statuses;
    return rc;
}

th_error consolidate_status(store *st, const campaign *c, unit_status **out)
{
    return consolidate_compute(st, c, NULL, 0, out, NULL, false);
}

/* ---- typical values for the outlier warning ---------------------------- */

typedef struct {
    const campaign *c;
    int64_t **values; /* per category x indicator, growable up to LIMIT_OUTLIER_SAMPLE_MAX */
    size_t *count;    /* values seen */
    size_t *capacity;
    uint64_t random; /* xorshift64 state: a fixed seed, so a store gives one answer */
} sample_walk;

static uint64_t next_random(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* Keeps v in the slot's sample: every value up to LIMIT_OUTLIER_SAMPLE_MAX,
 * then each new one replaces a random kept one with the probability that
 * keeps the sample uniform (reservoir sampling, Vitter's algorithm R). */
static th_error keep_value(sample_walk *w, size_t slot, int64_t v)
{
    size_t seen = w->count[slot]++;
    if (seen < LIMIT_OUTLIER_SAMPLE_MAX) {
        if (!array_reserve(&w->values[slot], &w->capacity[slot], seen + 1, sizeof(int64_t)))
            return TH_ERR_NOMEM;
        w->values[slot][seen] = v;
        return TH_OK;
    }
    uint64_t j = next_random(&w->random) % ((uint64_t)seen + 1);
    if (j < LIMIT_OUTLIER_SAMPLE_MAX)
        w->values[slot][j] = v;
    return TH_OK;
}

static th_error collect_sample(const stored_activity *a, void *ctx)
{
    sample_walk *w = ctx;
    /* units no longer in units.csv count for nothing, as everywhere */
    long k = campaign_unit_by_code(w->c, a->unit_code) >= 0
                 ? campaign_category_by_code(w->c, a->category_code)
                 : -1;
    th_error rc = TH_OK;
    for (int i = 0; k >= 0 && rc == TH_OK && i < INDICATOR_COUNT; i++)
        if (a->has_indicator[i])
            rc = keep_value(w, (size_t)k * INDICATOR_COUNT + (size_t)i, a->indicators[i]);
    return rc;
}

static int by_value(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void swap64(int64_t *a, int64_t *b)
{
    int64_t t = *a;
    *a = *b;
    *b = t;
}

/* Returns the value v[k] would hold were v[0..n) sorted (k < n), reordering
 * v: quickselect, linear on average where sorting a million values was most
 * of an import that finds nothing new.  Median-of-three pivots; after
 * 2 log2(n) rounds the rest is sorted, so the worst case stays n log n. */
static int64_t nth_value(int64_t *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1, rounds = 0;
    for (size_t m = n; m > 1; m /= 2)
        rounds += 2;
    while (lo < hi && rounds-- > 0) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo])
            swap64(&v[mid], &v[lo]);
        if (v[hi] < v[lo])
            swap64(&v[hi], &v[lo]);
        if (v[hi] < v[mid])
            swap64(&v[hi], &v[mid]);
        int64_t pivot = v[mid];
        size_t i = lo, j = hi;
        while (i <= j) { /* Hoare: [lo, j] <= pivot <= [i, hi] */
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                swap64(&v[i], &v[j]);
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return v[k]; /* between the two parts: equal to the pivot */
    }
    if (lo < hi)
        qsort(v + lo, hi - lo + 1, sizeof *v, by_value);
    return v[k];
}

th_error consolidate_typical(store *st, const campaign *c, int64_t **out)
{
    size_t slots = c->ncategories * INDICATOR_COUNT;
    sample_walk w = {c, calloc(slots, sizeof(int64_t *)), calloc(slots, sizeof(size_t)),
                     calloc(slots, sizeof(size_t)), 0x9E3779B97F4A7C15u};
    *out = calloc(slots ? slots : 1, sizeof **out);
    th_error rc = (w.values && w.count && w.capacity && *out) ? TH_OK : TH_ERR_NOMEM;
    if (rc == TH_OK)
        rc = store_sample_in_effect(st, LIMIT_OUTLIER_SAMPLE_ROWS, collect_sample, &w);
    for (size_t s = 0; rc == TH_OK && s < slots; s++) {
        if (w.count[s] < LIMIT_OUTLIER_MIN_SAMPLE)
            continue;
        size_t kept = w.count[s] < LIMIT_OUTLIER_SAMPLE_MAX ? w.count[s] : LIMIT_OUTLIER_SAMPLE_MAX;
        (*out)[s] = nth_value(w.values[s], kept, kept / 2);
    }
    for (size_t s = 0; w.values && s < slots; s++)
        free(w.values[s]);
    free(w.values);
    free(w.count);
    free(w.capacity);
    if (rc != TH_OK) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

/* ---- indicator totals --------------------------------------------------- */

void consolidate_totals_release(consolidate_totals *t)
{
    free(t->unit_sum);
    free(t->unit_has);
    free(t->categories);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

const consolidate_cell *consolidate_totals_cell(const consolidate_totals *t, size_t u, size_t k)
{
    return &t->cells[u * t->ncategories + k];
}

int64_t consolidate_unit_total(const consolidate_totals *t, size_t u, int i)
{
    return t->unit_sum[u * INDICATOR_COUNT + (size_t)i];
}

bool consolidate_unit_has(const consolidate_totals *t, size_t u, int i)
{
    return (t->unit_has[u] >> i) & 1u;
}

int64_t consolidate_category_total(const consolidate_totals *t, size_t k, int i)
{
    return t->categories[k].sum[i];
}

size_t consolidate_category_units(const consolidate_totals *t, size_t k, size_t *activities)
{
    if (activities != NULL)
        *activities = t->categories[k].activities;
    return t->categories[k].units;
}

static th_error add_indicators(const stored_activity *a, void *ctx)
{
    int64_t *out = ctx;
    for (int i = 0; i < INDICATOR_COUNT; i++)
        out[i] += a->has_indicator[i] ? a->indicators[i] : 0;
    return TH_OK;
}

th_error consolidate_submission_totals(store *st, int64_t submission_id,
                                       int64_t out[INDICATOR_COUNT])
{
    memset(out, 0, INDICATOR_COUNT * sizeof *out);
    return store_foreach_activity(st, submission_id, add_indicators, out);
}

/* ---- one unit's report in effect, before and after a change ------------ */

typedef struct {
    const campaign *c;
    consolidate_effect *e;
} effect_walk;

/* One category of one submission of the report in effect, from its
 * summary (kept with the activities): the same counts and sums as its
 * activities one by one, at one row instead of one per activity. */
static th_error add_to_effect(const store_summary *x, void *ctx)
{
    effect_walk *w = ctx;
    long k = campaign_category_by_code(w->c, x->category_code);
    if (k >= 0)
        w->e->has_category[k] = true;
    w->e->rows += x->activities;
    for (int i = 0; i < INDICATOR_COUNT; i++)
        w->e->sum[i] += x->sum[i]; /* 0 when no activity gave it */
    return TH_OK;
}

th_error consolidate_effect_load(store *st, const campaign *c, const char *unit_code,
                                 consolidate_effect *out)
{
    memset(out, 0, sizeof *out);
    out->has_category = calloc(c->ncategories ? c->ncategories : 1, sizeof *out->has_category);
    if (out->has_category == NULL)
        return TH_ERR_NOMEM;
    if (unit_code == NULL || *unit_code == '\0')
        return TH_OK;
    th_error rc = store_effective_submission(st, unit_code, &out->base_id);
    effect_walk w = {c, out};
    if (rc == TH_OK && out->base_id != 0)
        rc = store_foreach_summary_of_unit(st, unit_code, add_to_effect, &w);
    return rc;
}

void consolidate_effect_release(consolidate_effect *e)
{
    free(e->has_category);
    memset(e, 0, sizeof *e);
}

/* ---- the ledger --------------------------------------------------------- */

/* English msgids; po/vi.po has the Vietnamese. */
static const char *const ledger_labels[] = {
    [LEDGER_IN_EFFECT] = N_("In effect"),
    [LEDGER_SUPPLEMENT] = N_("Supplement, in effect"),
    [LEDGER_REPLACED] = N_("Replaced"),
    [LEDGER_WITHDRAWN] = N_("Withdrawn"),
    [LEDGER_REJECTED] = N_("Rejected"),
    [LEDGER_UNKNOWN_UNIT] = N_("Not counted: unit not in the list"),
    [LEDGER_NOT_IN_EFFECT] = N_("Not in effect"),
};

const char *consolidate_ledger_label(ledger_state state, th_lang lang)
{
    if ((int)state < 0 || state > LEDGER_NOT_IN_EFFECT)
        return "";
    return i18n_text_in(lang, ledger_labels[state]);
}

/* The change in totals from submission old to its replacement new_. */
static th_error ledger_change(store *st, const submission *old, const submission *new_,
                              ledger_entry *e)
{
    int64_t a[INDICATOR_COUNT], b[INDICATOR_COUNT];
    th_error rc = consolidate_submission_totals(st, old->id, a);
    if (rc == TH_OK)
        rc = consolidate_submission_totals(st, new_->id, b);
    e->rows_change = (long long)new_->rows_counted - (long long)old->rows_counted;
    for (int i = 0; rc == TH_OK && i < INDICATOR_COUNT; i++)
        e->change[i] = b[i] - a[i];
    return rc;
}

typedef struct {
    int64_t id;
    size_t index;
} ledger_key;

static int by_ledger_id(const void *a, const void *b)
{
    int64_t x = ((const ledger_key *)a)->id, y = ((const ledger_key *)b)->id;
    return (x > y) - (x < y);
}

/* The index in the ledger of submission id (keys sorted by id), or n. */
static size_t ledger_index(const ledger_key *keys, size_t n, int64_t id)
{
    ledger_key k = {id, 0};
    const ledger_key *hit = id != 0 ? bsearch(&k, keys, n, sizeof *keys, by_ledger_id) : NULL;
    return hit ? hit->index : n;
}

/* What the store's rule says of s, in the ledger's words. */
static ledger_state ledger_state_of(const submission *s, long u, size_t replaced_by, size_t n)
{
    if (s->withdrawn_at != 0)
        return LEDGER_WITHDRAWN;
    if (s->state != SUBMISSION_ACCEPTED)
        return LEDGER_REJECTED;
    if (u < 0)
        return LEDGER_UNKNOWN_UNIT;
    if (s->in_effect)
        return s->supplements ? LEDGER_SUPPLEMENT : LEDGER_IN_EFFECT;
    return replaced_by < n ? LEDGER_REPLACED : LEDGER_NOT_IN_EFFECT;
}

th_error consolidate_ledger(store *st, const campaign *c, const submission *subs, size_t nsubs,
                            ledger_entry **out)
{
    ledger_entry *e = calloc(nsubs ? nsubs : 1, sizeof *e);
    ledger_key *keys = malloc((nsubs ? nsubs : 1) * sizeof *keys);
    th_error rc = e && keys ? TH_OK : TH_ERR_NOMEM;
    for (size_t i = 0; rc == TH_OK && i < nsubs; i++)
        keys[i] = (ledger_key){subs[i].id, i};
    if (rc == TH_OK)
        qsort(keys, nsubs, sizeof *keys, by_ledger_id);
    for (size_t i = 0; rc == TH_OK && i < nsubs; i++) {
        const submission *s = &subs[i];
        long u = *s->unit_code ? campaign_unit_by_code(c, s->unit_code) : -1;
        size_t next = ledger_index(keys, nsubs, s->superseded_by);
        e[i].unit = u;
        e[i].state = ledger_state_of(s, u, next, nsubs);
        e[i].replaced_by = e[i].state == LEDGER_REPLACED ? next : nsubs;
        if (e[i].state == LEDGER_REPLACED)
            rc = ledger_change(st, s, &subs[next], &e[i]);
    }
    free(keys);
    if (rc != TH_OK) {
        free(e);
        e = NULL;
    }
    *out = e;
    return rc;
}
