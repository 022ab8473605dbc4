/*
 * filing.c - a validated file into the store, and what it changed (see
 * filing.h).
 *
 * Every path that changes a submission's outcome goes through file_in():
 * read the report in effect, write, read it again, judge, record.  So an
 * import, an import --received of rejected content and a recheck change
 * statuses by the same rules, and the clerk is told the same way.
 */
#include "filing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "array.h"
#include "consolidate.h"
#include "validate.h"

/* ---- the rows a supplement is added to ---------------------------------- */

typedef struct {
    const campaign *c;
    store *st;
    int64_t skip; /* the supplement itself, when it is in effect already */
    activity *rows;
    const char **files;
    size_t n, cap, fcap;
    char **names; /* distinct file names, owned */
    int64_t *ids; /* their submissions */
    size_t nnames, ncap, idcap;
} prior_walk;

static const char *name_of(prior_walk *w, int64_t id)
{
    for (size_t i = 0; i < w->nnames; i++)
        if (w->ids[i] == id)
            return w->names[i];
    submission sub = {0};
    bool found = false;
    if (!array_reserve(&w->names, &w->ncap, w->nnames + 1, sizeof *w->names) ||
        !array_reserve(&w->ids, &w->idcap, w->nnames + 1, sizeof *w->ids) ||
        store_find_id(w->st, id, &found, &sub) != TH_OK)
        return NULL;
    char *name = strdup(found ? sub.file_name : "");
    submission_release(&sub);
    if (name == NULL)
        return NULL;
    w->names[w->nnames] = name;
    w->ids[w->nnames++] = id;
    return name;
}

static th_error collect_prior(const stored_activity *a, void *ctx)
{
    prior_walk *w = ctx;
    long k = a->submission_id == w->skip ? -1 : campaign_category_by_code(w->c, a->category_code);
    if (k < 0)
        return TH_OK;
    const char *file = name_of(w, a->submission_id);
    if (file == NULL || !array_reserve(&w->rows, &w->cap, w->n + 1, sizeof *w->rows) ||
        !array_reserve(&w->files, &w->fcap, w->n + 1, sizeof *w->files))
        return TH_ERR_NOMEM;
    /* Only what same_activity compares, and the line; the text stays the
     * store's, valid until the walk ends, so it is copied. */
    activity row = {.line = a->line,
                    .category = (size_t)k,
                    .from = a->from,
                    .to = a->to,
                    .has_to = a->has_to,
                    .form = a->form};
    memcpy(row.indicators, a->indicators, sizeof row.indicators);
    row.content = strdup(a->content);
    if (row.content == NULL)
        return TH_ERR_NOMEM;
    w->rows[w->n] = row;
    w->files[w->n++] = file;
    return TH_OK;
}

static void prior_release(prior_walk *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->rows[i].content);
    for (size_t i = 0; i < w->nnames; i++)
        free(w->names[i]);
    free(w->rows);
    free(w->files);
    free(w->names);
    free(w->ids);
}

/* Flags the rows of x that repeat a row of the unit's report in effect
 * (other than x's own rows, when x is in it already). */
static th_error check_against_effect(store *st, const campaign *c, checked_file *x)
{
    prior_walk w = {.c = c, .st = st, .skip = x->sub.id};
    th_error rc = store_foreach_activity_in_effect(st, x->sub.unit_code, collect_prior, &w);
    if (rc == TH_OK) {
        validate_prior prior = {w.rows, w.n, w.files};
        rc = validate_duplicates_of(&x->report, &prior, x->sub.file_name, &x->findings);
    }
    prior_release(&w);
    return rc;
}

/* A supplement's own missing-category warnings judge the part alone; what
 * matters is the whole report it joins.  They are replaced by the required
 * categories the report in effect still lacks after it. */
static th_error missing_of_whole(const campaign *c, checked_file *x, const consolidate_effect *a)
{
    finding_list kept;
    finding_list_init(&kept);
    th_error rc = TH_OK;
    for (size_t i = 0; rc == TH_OK && i < x->findings.count; i++) {
        const finding *f = &x->findings.items[i];
        if (f->code != FC_MISSING_CATEGORY)
            rc = finding_list_add(&kept, f->code, f->file, f->row, f->column, f->column_name, "%s",
                                  f->detail);
    }
    long u = campaign_find_unit(c, x->sub.unit_code);
    for (size_t k = 0; rc == TH_OK && u >= 0 && k < c->ncategories; k++)
        if (campaign_requires(c, (size_t)u, k) && !a->has_category[k])
            rc = finding_list_add(&kept, FC_MISSING_CATEGORY, x->sub.file_name, 0, 0, "", "%s (%s)",
                                  c->categories[k].code, c->categories[k].name);
    if (rc != TH_OK) {
        finding_list_release(&kept);
        return rc;
    }
    finding_list_release(&x->findings);
    x->findings = kept;
    return TH_OK;
}

/* ---- judging the change -------------------------------------------------- */

static void file_name_of(store *st, int64_t id, char *buf, size_t len)
{
    buf[0] = '\0';
    if (id != 0 && store_file_name(st, id, buf, len) != TH_OK)
        buf[0] = '\0'; /* as for a submission not found: the name is only told */
}

/* Fills the comparison part of out from the report in effect of unit_code
 * before and after a change to submission self; when findings is not NULL
 * and self replaced the report in effect keeping much less (a required
 * category lost, or more than half of the rows), appends replaces-less. */
static th_error judge(store *st, const campaign *c, const char *unit_code, int64_t self,
                      const char *file_name, finding_list *findings, const consolidate_effect *b,
                      const consolidate_effect *a, filing_change *out)
{
    long u = *unit_code ? campaign_find_unit(c, unit_code) : -1;
    out->before_base = b->base_id;
    out->after_base = a->base_id;
    out->before_rows = b->rows;
    out->after_rows = a->rows;
    file_name_of(st, b->base_id, out->before_file, sizeof out->before_file);
    file_name_of(st, a->base_id, out->after_file, sizeof out->after_file);
    for (int i = 0; i < INDICATOR_COUNT; i++)
        out->delta[i] = a->sum[i] - b->sum[i];
    for (size_t k = 0; k < c->ncategories; k++) {
        if (!b->has_category[k] || a->has_category[k])
            continue;
        strbuf_addf(&out->lost, "%s%s", out->lost.len ? ", " : "", c->categories[k].code);
        out->lost_required |= u >= 0 && campaign_requires(c, (size_t)u, k);
    }
    if (out->lost.failed)
        return TH_ERR_NOMEM;
    out->replaced = b->base_id != 0 && a->base_id == self && b->base_id != a->base_id;
    if (!out->replaced || findings == NULL || !(out->lost_required || a->rows * 2 < b->rows))
        return TH_OK;
    out->replaces_less = true;
    return finding_list_add(findings, FC_REPLACES_LESS, file_name, 0, 0, "", "%s: %zu → %zu%s%s",
                            out->before_file, b->rows, a->rows, out->lost.len ? "; " : "",
                            out->lost.buf);
}

/* The change of each indicator total as the history stores it: the
 * INDICATOR_COUNT integers, separated by spaces. */
static void change_for_history(const int64_t delta[INDICATOR_COUNT], strbuf *sb)
{
    for (int i = 0; i < INDICATOR_COUNT; i++)
        strbuf_addf(sb, "%s%lld", i ? " " : "", (long long)delta[i]);
}

/* The common path: x->sub.id is set and its row written; writes the
 * activities, judges, writes the outcome and the event.  In a transaction. */
static th_error file_in(store *st, const campaign *c, checked_file *x, consolidate_effect *before,
                        store_event *ev, filing_change *out)
{
    consolidate_effect after = {0};
    submission self = {0};
    bool found = false;
    strbuf change = STRBUF_INIT;
    th_error rc = store_put_activities(st, x->sub.id, &x->report, c);
    if (rc == TH_OK)
        rc = consolidate_effect_load(st, c, x->sub.unit_code, &after);
    if (rc == TH_OK && x->sub.supplements != 0)
        rc = missing_of_whole(c, x, &after);
    if (rc == TH_OK)
        rc = judge(st, c, x->sub.unit_code, x->sub.id, x->sub.file_name, &x->findings, before,
                   &after, out);
    if (rc == TH_OK) {
        x->sub.warnings = finding_list_count(&x->findings, FINDING_WARNING);
        rc = store_put_outcome(st, &x->sub, &x->findings);
    }
    if (rc == TH_OK)
        rc = store_find_id(st, x->sub.id, &found, &self);
    out->in_effect = found && self.in_effect;
    out->accepted = x->sub.state == SUBMISSION_ACCEPTED;
    submission_release(&self);
    if (rc == TH_OK)
        change_for_history(out->delta, &change);
    if (rc == TH_OK && change.failed)
        rc = TH_ERR_NOMEM;
    if (rc == TH_OK) {
        ev->submission_id = x->sub.id;
        ev->at = (int64_t)time(NULL);
        ev->after = (store_outcome){
            (int)x->sub.state, ev->kind == STORE_EVENT_RECHECK ? x->sub.rows_counted : after.rows,
            x->findings.count, x->sub.received};
        if (ev->kind == STORE_EVENT_RECHECK)
            ev->other_id = after.base_id;
        else if (ev->kind == STORE_EVENT_IMPORT)
            ev->other_id = out->replaced ? before->base_id : 0;
        ev->lost = out->lost.buf;
        ev->change = change.buf;
        rc = store_add_event(st, ev);
        ev->lost = ev->change = NULL; /* they were this call's */
    }
    strbuf_release(&change);
    consolidate_effect_release(&after);
    return rc;
}

/* Ends the transaction of a filing: commits when rc is TH_OK, else rolls
 * back and returns rc. */
static th_error finish(store *st, th_error rc)
{
    if (rc == TH_OK)
        return store_commit(st);
    store_rollback(st);
    return rc;
}

th_error filing_add(store *st, const campaign *c, checked_file *x, const unsigned char *bytes,
                    size_t n, bool supplement, filing_change *out)
{
    consolidate_effect before = {0};
    filing_change_init(out);
    th_error rc = store_begin(st);
    if (rc != TH_OK)
        return rc;
    rc = consolidate_effect_load(st, c, x->sub.unit_code, &before);
    bool accepted = x->sub.state == SUBMISSION_ACCEPTED;
    if (rc == TH_OK && supplement && accepted && before.base_id != 0) {
        x->sub.supplements = before.base_id;
        out->supplement = true;
        rc = check_against_effect(st, c, x);
    }
    out->supplement_without_base = supplement && accepted && before.base_id == 0;
    x->sub.warnings = finding_list_count(&x->findings, FINDING_WARNING);
    if (rc == TH_OK)
        rc = store_insert_submission(st, &x->sub, bytes, n);
    store_event ev = {.kind = out->supplement ? STORE_EVENT_SUPPLEMENT : STORE_EVENT_IMPORT,
                      .other_id = before.base_id, /* the base a supplement adds to */
                      .before = {(int)x->sub.state, before.rows, 0, x->sub.received}};
    if (rc == TH_OK)
        rc = file_in(st, c, x, &before, &ev, out);
    if (rc == TH_OK && ev.kind == STORE_EVENT_IMPORT && !out->in_effect)
        out->before_base = out->after_base; /* not a replacement: nothing changed hands */
    consolidate_effect_release(&before);
    rc = finish(st, rc);
    if (rc != TH_OK)
        x->sub.id = 0;
    return rc;
}

/* Counts the findings of list but the outlier warnings: those weigh a file
 * against the other units' reports at the time it was checked, so a second
 * look finds more or fewer of them as the store fills, with nothing about
 * the file or the campaign changed. */
static size_t findings_but_outliers(const finding_list *list)
{
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++)
        n += list->items[i].code != FC_OUTLIER;
    return n;
}

/* Counts the stored findings of submission id (*all) and those that are not
 * outlier warnings (*kept). */
static th_error stored_findings(store *st, int64_t id, size_t *all, size_t *kept)
{
    finding_list list;
    finding_list_init(&list);
    th_error rc = store_load_findings(st, id, &list);
    *all = list.count;
    if (kept != NULL)
        *kept = findings_but_outliers(&list);
    finding_list_release(&list);
    return rc;
}

static bool same_outcome(const submission *old, size_t old_kept, const checked_file *x)
{
    return old->state == x->sub.state && strcmp(old->unit_code, x->sub.unit_code) == 0 &&
           old->received == x->sub.received && old->rows_counted == x->sub.rows_counted &&
           old->rows_rejected == x->sub.rows_rejected &&
           old_kept == findings_but_outliers(&x->findings);
}

/* Opens the transaction of a filing of the stored submission old again,
 * gives x its id, and reads the unit's report in effect into *before.  On
 * failure the caller still releases *before and ends with finish(). */
static th_error begin_again(store *st, const campaign *c, const submission *old, checked_file *x,
                            consolidate_effect *before)
{
    th_error rc = store_begin(st);
    x->sub.id = old->id;
    x->sub.imported_at = old->imported_at;
    return rc == TH_OK ? consolidate_effect_load(st, c, x->sub.unit_code, before) : rc;
}

th_error filing_reevaluate(store *st, const campaign *c, const submission *old, checked_file *x,
                           const unsigned char *bytes, size_t n, filing_change *out)
{
    consolidate_effect before = {0};
    size_t old_findings = 0, old_kept = 0;
    filing_change_init(out);
    x->sub.supplements = old->supplements;
    th_error rc = begin_again(st, c, old, x, &before);
    /* A supplement in effect is judged as at its import: its rows against
     * the rest of the report, its missing categories on the whole. */
    if (rc == TH_OK && old->in_effect && old->supplements != 0 &&
        x->sub.state == SUBMISSION_ACCEPTED) {
        rc = check_against_effect(st, c, x);
        if (rc == TH_OK)
            rc = missing_of_whole(c, x, &before);
    }
    if (rc == TH_OK)
        rc = stored_findings(st, old->id, &old_findings, &old_kept);
    if (rc == TH_OK && same_outcome(old, old_kept, x)) {
        out->unchanged = true;
        if (bytes != NULL && !old->has_original)
            rc = store_keep_original(st, &x->sub, bytes, n);
        consolidate_effect_release(&before);
        return finish(st, rc);
    }
    out->supplement = old->supplements != 0;
    store_event ev = {.kind = STORE_EVENT_RECHECK,
                      .before = {(int)old->state, old->rows_counted, old_findings, old->received}};
    if (rc == TH_OK)
        rc = file_in(st, c, x, &before, &ev, out);
    if (rc == TH_OK && bytes != NULL && !old->has_original)
        rc = store_keep_original(st, &x->sub, bytes, n);
    consolidate_effect_release(&before);
    return finish(st, rc);
}

th_error filing_refile_supplement(store *st, const campaign *c, const submission *old,
                                  checked_file *x, filing_change *out)
{
    consolidate_effect before = {0};
    size_t old_findings = 0;
    filing_change_init(out);
    th_error rc = begin_again(st, c, old, x, &before);
    if (rc == TH_OK && (before.base_id == 0 || x->sub.state != SUBMISSION_ACCEPTED)) {
        out->unchanged = true; /* nothing to add it to: it stays withdrawn */
        out->supplement_without_base = before.base_id == 0;
        consolidate_effect_release(&before);
        store_rollback(st);
        return TH_OK;
    }
    x->sub.supplements = before.base_id;
    out->supplement = true;
    if (rc == TH_OK)
        rc = check_against_effect(st, c, x);
    if (rc == TH_OK)
        rc = stored_findings(st, old->id, &old_findings, NULL);
    if (rc == TH_OK)
        rc = store_refile_as_supplement(st, old->id, before.base_id);
    store_event ev = {.kind = STORE_EVENT_SUPPLEMENT,
                      .other_id = before.base_id,
                      .before = {(int)old->state, before.rows, old_findings, old->received}};
    if (rc == TH_OK)
        rc = file_in(st, c, x, &before, &ev, out);
    consolidate_effect_release(&before);
    return finish(st, rc);
}

th_error filing_withdraw(store *st, const campaign *c, const submission *sub, const char *reason,
                         filing_change *out)
{
    consolidate_effect before = {0}, after = {0};
    size_t nfindings = 0;
    strbuf change = STRBUF_INIT;
    filing_change_init(out);
    th_error rc = store_begin(st);
    if (rc != TH_OK)
        return rc;
    rc = consolidate_effect_load(st, c, sub->unit_code, &before);
    if (rc == TH_OK)
        rc = stored_findings(st, sub->id, &nfindings, NULL);
    int64_t now = (int64_t)time(NULL);
    if (rc == TH_OK)
        rc = store_withdraw(st, sub->id, now, reason);
    if (rc == TH_OK)
        rc = consolidate_effect_load(st, c, sub->unit_code, &after);
    if (rc == TH_OK)
        rc = judge(st, c, sub->unit_code, 0, sub->file_name, NULL, &before, &after, out);
    if (rc == TH_OK)
        change_for_history(out->delta, &change);
    if (rc == TH_OK && change.failed)
        rc = TH_ERR_NOMEM;
    if (rc == TH_OK) {
        store_event ev = {.submission_id = sub->id,
                          .at = now,
                          .kind = STORE_EVENT_WITHDRAW,
                          .other_id = after.base_id,
                          .before = {(int)sub->state, before.rows, nfindings, sub->received},
                          .after = {(int)sub->state, after.rows, nfindings, sub->received},
                          .lost = out->lost.buf,
                          .change = change.buf,
                          .reason = (char *)reason};
        rc = store_add_event(st, &ev);
    }
    strbuf_release(&change);
    consolidate_effect_release(&before);
    consolidate_effect_release(&after);
    return finish(st, rc);
}

void filing_print_deltas(FILE *out, const int64_t delta[INDICATOR_COUNT], th_lang lang)
{
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        if (delta[i] == 0)
            continue;
        const column_spec *col = report_schema_column(COL_FIRST_INDICATOR + i);
        fprintf(out, "; %s %+lld", lang == LANG_EN ? col->title_en : col->title,
                (long long)delta[i]);
    }
}

void filing_change_init(filing_change *ch)
{
    memset(ch, 0, sizeof *ch);
    strbuf_init(&ch->lost);
}

void filing_change_release(filing_change *ch)
{
    strbuf_release(&ch->lost);
    filing_change_init(ch);
}

/* ---- telling the clerk ----------------------------------------------------- */

void filing_print_change(FILE *out, const char *file_name, const char *unit_code,
                         const filing_change *ch, th_lang lang)
{
    if (ch->unchanged)
        return;
    if (ch->supplement_without_base) {
        fprintf(out,
                _("%s: --supplement, but %s has no report in effect: the file is taken as its "
                  "report\n"),
                file_name, unit_code);
        return;
    }
    if (ch->supplement && ch->in_effect) {
        fprintf(out,
                /* TRANSLATORS: the rows of the report in effect before → after */
                P_("%s: supplements %s — %zu → %zu row", "%s: supplements %s — %zu → %zu rows",
                   ch->after_rows),
                file_name, ch->after_file, ch->before_rows, ch->after_rows);
        filing_print_deltas(out, ch->delta, lang);
        fputc('\n', out);
        return;
    }
    if (ch->before_base == ch->after_base) {
        if (ch->accepted && !ch->in_effect && ch->after_base != 0 && *unit_code)
            fprintf(out, _("%s: not in effect — the report in effect of %s is %s\n"), file_name,
                    unit_code, ch->after_file);
        else if (ch->after_rows != ch->before_rows) {
            fprintf(out,
                    P_("%s: the report in effect of %s: %zu → %zu row",
                       "%s: the report in effect of %s: %zu → %zu rows", ch->after_rows),
                    file_name, unit_code, ch->before_rows, ch->after_rows);
            filing_print_deltas(out, ch->delta, lang);
            fputc('\n', out);
        }
        return;
    }
    if (ch->before_base == 0)
        return; /* the unit's first report: the summary line says it all */
    if (ch->after_base == 0)
        fprintf(out, _("%s: %s no longer has a report in effect (it was %s) — %zu → 0 rows"),
                file_name, unit_code, ch->before_file, ch->before_rows);
    else
        fprintf(out,
                P_("%s: replaces %s (the report in effect of %s) — %zu → %zu row",
                   "%s: replaces %s (the report in effect of %s) — %zu → %zu rows", ch->after_rows),
                file_name, ch->before_file, unit_code, ch->before_rows, ch->after_rows);
    if (ch->lost.len)
        fprintf(out, _("; lost %s"), ch->lost.buf);
    filing_print_deltas(out, ch->delta, lang);
    fputc('\n', out);
}
