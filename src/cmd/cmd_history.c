/*
 * cmd_history.c - `tonghop history [UNIT]`: every file a unit sent (or
 * every unit), when it was received, what became of it and what it changed.
 *
 * One block per unit, one line per file, in received order, then a line per
 * event of the file (received, rechecked, withdrawn) with what it did to the
 * unit's report in effect.  What is in effect comes from the store's rule
 * (in_effect, superseded_by), never worked out here.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "filing.h"
#include "ledger_setup.h"

typedef struct {
    const global_options *g;
    const campaign *c;
    store *st;
    const submission *all;
    size_t nall;
} history;

static const char *name_of(const history *h, int64_t id)
{
    for (size_t i = 0; i < h->nall; i++)
        if (h->all[i].id == id)
            return h->all[i].file_name;
    return "?";
}

static void when(const history *h, int64_t t, char *buf, size_t len)
{
    field_format_time(t, h->c->utc_offset_min, buf, (int)len);
}

/* The file error codes of a rejected submission, "[closed]". */
static th_error print_rejection(const history *h, const submission *s)
{
    finding_list list;
    finding_list_init(&list);
    th_error rc = store_load_findings(h->st, s->id, &list);
    printf("%s", _("rejected"));
    for (size_t i = 0; rc == TH_OK && i < list.count; i++)
        if (finding_code_severity(list.items[i].code) == FINDING_FILE_ERROR)
            printf(" [%s]", finding_code_name(list.items[i].code));
    finding_list_release(&list);
    return rc;
}

static th_error print_state(const history *h, const submission *s)
{
    if (s->withdrawn_at != 0) {
        char t[32];
        when(h, s->withdrawn_at, t, sizeof t);
        printf(_("withdrawn %s: %s"), t, s->withdraw_reason ? s->withdraw_reason : "");
    } else if (s->state != SUBMISSION_ACCEPTED) {
        return print_rejection(h, s);
    } else if (s->in_effect && s->supplements != 0) {
        printf(_("supplements %s, in effect"), name_of(h, s->supplements));
    } else if (s->in_effect) {
        printf("%s", _("in effect"));
    } else if (s->superseded_by != 0) {
        printf(_("superseded by %s"), name_of(h, s->superseded_by));
    } else if (s->supplements != 0) {
        printf(_("supplements %s, not in effect"), name_of(h, s->supplements));
    } else {
        printf("%s", _("not in effect"));
    }
    return TH_OK;
}

/* "; lost A B; Title +N" from an event's stored lost codes and changes. */
static void print_change(const history *h, const store_event *e)
{
    int64_t delta[INDICATOR_COUNT] = {0};
    const char *p = e->change;
    for (int i = 0; i < INDICATOR_COUNT && *p; i++) {
        char *end = NULL;
        delta[i] = strtoll(p, &end, 10);
        p = end;
    }
    if (*e->lost)
        printf(_("; lost %s"), e->lost);
    filing_print_deltas(stdout, delta, h->g->lang);
}

static void print_event(const history *h, const store_event *e)
{
    char t[32];
    when(h, e->at, t, sizeof t);
    printf("      %s  ", t);
    switch (e->kind) {
    case STORE_EVENT_IMPORT:
        if (e->other_id != 0)
            /* TRANSLATORS: the rows of the report in effect before → after */
            printf(P_("imported: replaced %s — %zu → %zu row",
                      "imported: replaced %s — %zu → %zu rows", e->after.rows),
                   name_of(h, e->other_id), e->before.rows, e->after.rows);
        else
            printf("%s", _("imported"));
        break;
    case STORE_EVENT_SUPPLEMENT:
        printf(P_("imported as a supplement of %s — %zu → %zu row",
                  "imported as a supplement of %s — %zu → %zu rows", e->after.rows),
               name_of(h, e->other_id), e->before.rows, e->after.rows);
        break;
    case STORE_EVENT_RECHECK:
        /* TRANSLATORS: the state before → after; the counts follow */
        printf(_("rechecked: %s → %s, "),
               e->before.state == SUBMISSION_ACCEPTED ? _("accepted") : _("rejected"),
               e->after.state == SUBMISSION_ACCEPTED ? _("accepted") : _("rejected"));
        /* TRANSLATORS: the rows counted before → after a recheck */
        printf(P_("%zu → %zu row counted", "%zu → %zu rows counted", e->after.rows), e->before.rows,
               e->after.rows);
        fputs(", ", stdout);
        /* TRANSLATORS: the findings before → after a recheck */
        printf(P_("%zu → %zu finding", "%zu → %zu findings", e->after.findings), e->before.findings,
               e->after.findings);
        if (e->before.received != e->after.received) {
            char r1[32], r2[32];
            when(h, e->before.received, r1, sizeof r1);
            when(h, e->after.received, r2, sizeof r2);
            printf(_("; received %s → %s"), r1, r2);
        }
        break;
    case STORE_EVENT_WITHDRAW:
        /* TRANSLATORS: the reason, then the rows of the report in effect
         * before → after */
        printf(P_("withdrawn: %s — report in effect %zu → %zu row",
                  "withdrawn: %s — report in effect %zu → %zu rows", e->after.rows),
               e->reason, e->before.rows, e->after.rows);
        break;
    default:
        printf("?");
    }
    if (e->kind != STORE_EVENT_RECHECK)
        print_change(h, e);
    putchar('\n');
}

static th_error print_submission(const history *h, const submission *s)
{
    char t[32];
    when(h, s->received, t, sizeof t);
    printf("  %s  %s  [%.12s]  ", t, s->file_name, s->sha256);
    if (s->state == SUBMISSION_ACCEPTED) {
        printf(P_("%zu row counted", "%zu rows counted", s->rows_counted), s->rows_counted);
        /* TRANSLATORS: after "%zu rows counted": the rows with errors, then the state */
        printf(_(", %zu with errors — "), s->rows_rejected);
    }
    th_error rc = print_state(h, s);
    if (!s->has_original)
        printf("%s", _(" (no stored copy)"));
    putchar('\n');
    store_event *events = NULL;
    size_t n = 0;
    if (rc == TH_OK)
        rc = store_list_events(h->st, s->id, &events, &n);
    for (size_t i = 0; rc == TH_OK && i < n; i++)
        print_event(h, &events[i]);
    store_events_release(events, n);
    return rc;
}

/* Prints the block of the files whose unit code is `code` ("" for files
 * whose unit was not recognised); nothing when there are none. */
static th_error print_unit(const history *h, const char *code, const char *title)
{
    bool any = false;
    th_error rc = TH_OK;
    for (size_t i = 0; rc == TH_OK && i < h->nall; i++) {
        if (strcmp(h->all[i].unit_code, code) != 0)
            continue;
        if (!any)
            printf("%s\n", title);
        any = true;
        rc = print_submission(h, &h->all[i]);
    }
    return rc;
}

static th_error print_all(const history *h, long only)
{
    char title[512];
    th_error rc = TH_OK;
    for (size_t u = 0; rc == TH_OK && u < h->c->nunits; u++) {
        if (only >= 0 && (size_t)only != u)
            continue;
        snprintf(title, sizeof title, "%s — %s", h->c->units[u].code, h->c->units[u].name);
        rc = print_unit(h, h->c->units[u].code, title);
    }
    if (rc == TH_OK && only < 0)
        rc = print_unit(h, "", _("(unit not recognised)"));
    return rc;
}

int cmd_history(int argc, char **argv, command_env *env)
{
    const global_options *g = env->g;
    if ((argc = cli_parse_options(env, NULL, 0, argc, argv)) < 0)
        return TH_EXIT_USAGE;
    if (argc > 2) {
        cli_usage_error(env, _("unexpected argument '%s'"), argv[2]);
        return TH_EXIT_USAGE;
    }
    int status = ledger_setup(env);
    if (status != TH_EXIT_OK)
        return status;
    const campaign *c = &env->campaign;
    store *st = env->store;
    long only = -1;
    if (argc == 2 && (only = campaign_find_unit(c, argv[1])) < 0) {
        th_msg_error(_("no unit '%s' in units.csv"), argv[1]);
        return TH_EXIT_USAGE;
    }
    submission *all = NULL;
    size_t nall = 0;
    th_error rc = store_list_submissions(st, &all, &nall);
    history h = {g, c, st, all, nall};
    if (rc == TH_OK)
        rc = print_all(&h, only);
    if (rc != TH_OK)
        status = ledger_store_failed(env, rc);
    store_submissions_release(all, nall);
    return status;
}
