/*
 * cmd_withdraw.c - `tonghop withdraw FILE|HASH --reason R`: takes a
 * submission out of effect.
 *
 * Nothing is deleted: the submission, its original and its rows stay, marked
 * withdrawn with the time and the reason, and the history shows it.  The
 * unit's report in effect is then whatever the store's rule says (its
 * previous full report, with that report's supplements).
 */
#include <stdio.h>
#include <string.h>

#include "filing.h"
#include "ledger_setup.h"

/* Finds the one submission key names; prints why not and returns an exit
 * status otherwise. */
static int find_one(const command_env *env, const char *key, submission *out)
{
    store *st = env->store;
    submission *subs = NULL;
    size_t n = 0;
    th_error rc = store_find_submissions(st, key, &subs, &n);
    if (rc != TH_OK)
        return ledger_store_failed(env, rc);
    int status = TH_EXIT_OK;
    if (n == 0) {
        th_msg_error(_("no stored file matches '%s' (a file name or a SHA-256)"), key);
        status = TH_EXIT_USAGE;
    } else if (n > 1) {
        th_msg_error(_("'%s' matches %zu files; name one by its SHA-256:"), key, n);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "  %.12s  %s\n", subs[i].sha256, subs[i].file_name);
        status = TH_EXIT_USAGE;
    } else {
        *out = subs[0];
        memset(&subs[0], 0, sizeof subs[0]);
    }
    store_submissions_release(subs, n);
    return status;
}

static void print_withdrawn(const submission *sub, const char *reason, const filing_change *ch,
                            th_lang lang)
{
    printf(_("%s: withdrawn — reason: %s"), sub->file_name, reason);
    if (ch->before_base == ch->after_base && ch->before_rows == ch->after_rows)
        printf(_("; the report in effect of %s is unchanged"), sub->unit_code);
    else if (ch->after_base == 0)
        printf(_("; %s has no report in effect any more (%zu → 0 rows)"), sub->unit_code,
               ch->before_rows);
    else
        printf(P_("; the report in effect of %s: %s, %zu → %zu row",
                  "; the report in effect of %s: %s, %zu → %zu rows", ch->after_rows),
               sub->unit_code, ch->after_file, ch->before_rows, ch->after_rows);
    filing_print_deltas(stdout, ch->delta, lang);
    putchar('\n');
}

int cmd_withdraw(int argc, char **argv, command_env *env)
{
    const global_options *g = env->g;
    const char *reason = NULL;
    const option_spec specs[] = {{.name = "reason", .value = &reason}};
    argc = cli_parse_options(env, specs, sizeof specs / sizeof specs[0], argc, argv);
    if (argc < 0)
        return TH_EXIT_USAGE;
    if (argc != 2) {
        cli_usage_error(env, "%s", _("exactly one file or SHA-256 is needed"));
        return TH_EXIT_USAGE;
    }
    if (reason == NULL || *reason == '\0') {
        cli_usage_error(env, "%s", _("--reason is needed: the history records why"));
        return TH_EXIT_USAGE;
    }
    int status = ledger_setup(env);
    if (status != TH_EXIT_OK)
        return status;
    submission sub = {0};
    filing_change ch;
    filing_change_init(&ch);
    status = find_one(env, argv[1], &sub);
    if (status == TH_EXIT_OK && sub.withdrawn_at != 0) {
        printf(_("%s: already withdrawn — reason: %s\n"), sub.file_name,
               sub.withdraw_reason ? sub.withdraw_reason : "");
    } else if (status == TH_EXIT_OK) {
        th_error rc = filing_withdraw(env->store, &env->campaign, &sub, reason, &ch);
        if (rc == TH_OK)
            print_withdrawn(&sub, reason, &ch, g->lang);
        else
            status = ledger_store_failed(env, rc);
    }
    submission_release(&sub);
    filing_change_release(&ch);
    return status;
}
