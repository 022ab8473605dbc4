/*
 * cmd_recheck.c - `tonghop recheck [--strict] [UNIT|FILE|HASH...]`:
 * validates stored submissions again, from the original bytes the store
 * kept, against the campaign as it is now (after an alias, a category or the
 * deadline was fixed).
 *
 * Each file goes through the same validation and the same filing as an
 * import (checked_file_validate, filing_reevaluate), at the received time
 * stored with it; a changed outcome is recorded in the history with before
 * and after.  Withdrawn submissions are left alone; a submission stored
 * before copies were kept cannot be rechecked, and the clerk is told so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "consolidate.h"
#include "filing.h"
#include "ledger_setup.h"

typedef struct {
    const command_env *env;
    const global_options *g;
    const campaign *c;
    store *st;
    checked_file_options opt;
    size_t changed, unchanged, no_copy, withdrawn;
    bool troubled; /* something for exit status 3 */
} recheck;

static const char *state_label(const submission *s)
{
    return s->state == SUBMISSION_ACCEPTED ? _("accepted") : _("rejected");
}

/* Fills x as checked_file_load would from the stored copy of sub. */
static th_error load_stored(const submission *sub, checked_file *x)
{
    x->sub.file_name = strdup(sub->file_name);
    x->sub.unit_code = strdup("");
    if (x->sub.file_name == NULL || x->sub.unit_code == NULL)
        return TH_ERR_NOMEM;
    memcpy(x->sub.sha256, sub->sha256, sizeof x->sub.sha256);
    x->loaded = true;
    return TH_OK;
}

static int one(recheck *r, const submission *sub)
{
    th_lang lang = r->g->lang;
    if (sub->withdrawn_at != 0) {
        printf(_("%s: withdrawn — not rechecked\n"), sub->file_name);
        r->withdrawn++;
        return TH_EXIT_OK;
    }
    if (!sub->has_original) {
        printf(_("%s: the store has no copy of this file (stored before copies were kept) — "
                 "cannot recheck it; import the same file again\n"),
               sub->file_name);
        r->no_copy++;
        r->troubled = true;
        return TH_EXIT_OK;
    }
    unsigned char *bytes = NULL;
    size_t n = 0;
    bool found = false;
    checked_file x;
    filing_change ch;
    checked_file_init(&x);
    filing_change_init(&ch);
    th_error rc = store_load_original(r->st, sub->id, &found, &bytes, &n);
    if (rc == TH_OK)
        rc = load_stored(sub, &x);
    if (rc == TH_OK)
        rc = checked_file_validate(&r->opt, bytes, n, sub->received, &x);
    if (rc == TH_OK)
        rc = filing_reevaluate(r->st, r->c, sub, &x, NULL, 0, &ch);
    int status = TH_EXIT_OK;
    if (rc != TH_OK) {
        status = ledger_store_failed(r->env, rc);
    } else if (ch.unchanged) {
        printf(_("%s: unchanged (%s)\n"), sub->file_name, state_label(sub));
        r->unchanged++;
    } else {
        /* TRANSLATORS: the state before → after, then the rows counted
         * before → after */
        printf(P_("%s: rechecked — %s → %s, %zu → %zu row counted\n",
                  "%s: rechecked — %s → %s, %zu → %zu rows counted\n", x.sub.rows_counted),
               sub->file_name, state_label(sub), state_label(&x.sub), sub->rows_counted,
               x.sub.rows_counted);
        batch_print_outcome(stdout, &x, &ch, lang);
        r->changed++;
    }
    if (rc == TH_OK)
        r->troubled |=
            x.sub.state == SUBMISSION_REJECTED || x.sub.rows_rejected > 0 || ch.replaces_less;
    free(bytes);
    filing_change_release(&ch);
    checked_file_release(&x);
    return status;
}

/* Marks in want[] the submissions arg names: a file name or SHA-256 prefix
 * first, else a unit of the campaign.  Returns an exit status. */
static int select_arg(recheck *r, const char *arg, const submission *all, size_t nall, bool *want)
{
    submission *subs = NULL;
    size_t n = 0;
    th_error rc = store_find_submissions(r->st, arg, &subs, &n);
    if (rc != TH_OK)
        return ledger_store_failed(r->env, rc);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < nall; j++)
            want[j] |= all[j].id == subs[i].id;
    store_submissions_release(subs, n);
    if (n > 0)
        return TH_EXIT_OK;
    long u = campaign_find_unit(r->c, arg);
    if (u < 0) {
        th_msg_error(_("'%s' is neither a stored file, a SHA-256 nor a unit"), arg);
        return TH_EXIT_USAGE;
    }
    for (size_t j = 0; j < nall; j++)
        want[j] |= strcmp(all[j].unit_code, r->c->units[u].code) == 0;
    return TH_EXIT_OK;
}

static int run(recheck *r, char **args, int nargs)
{
    submission *all = NULL;
    size_t nall = 0;
    th_error rc = store_list_submissions(r->st, &all, &nall);
    if (rc != TH_OK)
        return ledger_store_failed(r->env, rc);
    bool *want = calloc(nall ? nall : 1, sizeof *want);
    int status = want ? TH_EXIT_OK : TH_EXIT_FAILURE;
    for (size_t j = 0; want && nargs == 0 && j < nall; j++)
        want[j] = true;
    for (int i = 0; status == TH_EXIT_OK && i < nargs; i++)
        status = select_arg(r, args[i], all, nall, want);
    /* In received order, as they arrived: each outcome then meets the
     * report in effect the way the original import did. */
    for (size_t j = 0; status == TH_EXIT_OK && j < nall; j++)
        if (want[j])
            status = one(r, &all[j]);
    if (status == TH_EXIT_OK)
        printf(_("Rechecked: %zu changed, %zu unchanged, %zu without a copy, %zu withdrawn\n"),
               r->changed, r->unchanged, r->no_copy, r->withdrawn);
    free(want);
    store_submissions_release(all, nall);
    if (status == TH_EXIT_OK && r->troubled)
        status = TH_EXIT_REJECTED;
    return status;
}

int cmd_recheck(int argc, char **argv, command_env *env)
{
    const global_options *g = env->g;
    recheck r = {.env = env, .g = g};
    r.opt.limits = reader_default_limits();
    const option_spec specs[] = {{.name = "strict", .flag = &r.opt.strict}};
    argc = cli_parse_options(env, specs, sizeof specs / sizeof specs[0], argc, argv);
    if (argc < 0)
        return TH_EXIT_USAGE;
    int64_t *typical = NULL;
    int status = ledger_setup(env);
    if (status != TH_EXIT_OK)
        return status;
    r.st = env->store;
    r.c = &env->campaign;
    r.opt.campaign = r.c;
    th_error rc = consolidate_typical(r.st, r.c, &typical);
    r.opt.typical = typical;
    status = rc == TH_OK ? run(&r, argv + 1, argc - 1) : ledger_store_failed(env, rc);
    free(typical);
    return status;
}
