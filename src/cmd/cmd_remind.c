/*
 * cmd_remind.c - `tonghop remind [--before T] [--again] [--as-of T] --out DIR`:
 * one message (.eml, ready for `sendmail -t`) per unit that has sent
 * nothing accepted or still owes required categories, to its address in
 * units.csv, saying what it owes and by when, with the blank report
 * template (template_write, .xlsx) attached.
 *
 * A unit is reminded once per state: the state is a short text, "chua-nop"
 * or "thieu:CODE,CODE", and the date asked for; the store's reminder table
 * remembers which states were sent, so a nightly `remind` writes a message
 * only when a unit's state changed (it sent something that still lacks a
 * category, or the date moved).  --again writes every message anew.
 *
 * --before T is the date the message asks the report by: by default the
 * campaign's late_from ("trước ngày 25/10/2022"); a clerk who extends the
 * deadline gives the new one, and since it is part of the state, every unit
 * that owes something is reminded once more with the new date.  A message
 * written after the date says the deadline has passed and asks for the
 * report as soon as possible.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "consolidate.h"
#include "export_mail.h"
#include "feedback.h"
#include "field.h"
#include "mail_message.h"
#include "strbuf.h"
#include "template.h"

typedef struct {
    const char *out, *before, *as_of;
    bool again;
} remind_args;

typedef struct {
    const remind_args *a;
    command_env *env;
    const campaign *c;
    const global_options *g;
    int64_t as_of, by_when;
    size_t written, already, no_address;
} remind;

static int parse(int argc, char **argv, remind_args *a, const command_env *env)
{
    const option_spec specs[] = {
        {.name = "out", .short_name = 'o', .value = &a->out},
        {.name = "before", .value = &a->before},
        {.name = "as-of", .value = &a->as_of},
        {.name = "again", .flag = &a->again},
    };
    int status = cli_parse_options_only(env, specs, sizeof specs / sizeof specs[0], argc, argv);
    if (status == TH_EXIT_OK && a->out == NULL) {
        cli_usage_error(env, "%s", _("--out DIR is needed"));
        status = TH_EXIT_USAGE;
    }
    return status;
}

/* The unit's state as the reminder table keeps it; "" when it owes nothing. */
static void state_text(const remind *rm, size_t u, const unit_status *s, strbuf *out)
{
    if (s->status == DEADLINE_MISSING)
        strbuf_adds(out, "chua-nop");
    else if (s->covered < s->required) {
        strbuf_adds(out, "thieu:");
        consolidate_missing_list(rm->c, u, s, ",", CONSOLIDATE_CODES, out);
    } else
        return;
    strbuf_addf(out, "|han:%lld", (long long)rm->by_when);
}

static char *body_text(const remind *rm, size_t u, const unit_status *s, const char *tpl_name)
{
    const campaign *c = rm->c;
    strbuf b;
    strbuf_init(&b);
    char by[32], now[32];
    field_format_time(rm->by_when, c->utc_offset_min, by, sizeof by);
    field_format_time(rm->as_of, c->utc_offset_min, now, sizeof now);
    strbuf_addf(&b, _("To: %s.\n\n"), c->units[u].name);
    if (s->status == DEADLINE_MISSING) {
        strbuf_addf(&b, _("As of %s, %s has not received your %s report%s%s.\n"), now,
                    *c->consolidator ? c->consolidator : _("the consolidating unit"), c->title,
                    *c->letter ? _(" as asked by letter ") : "", c->letter);
    } else {
        strbuf_addf(&b,
                    _("As of %s, your %s report still lacks these required activities "
                      "(no valid row yet):\n- "),
                    now, c->title);
        consolidate_missing_list(c, u, s, "\n- ", CONSOLIDATE_CODES_AND_NAMES, &b);
        strbuf_addch(&b, '\n');
    }
    strbuf_adds(&b, _("\nThe activities you must report:\n"));
    for (size_t k = 0; k < c->ncategories; k++)
        if (campaign_requires(c, u, k))
            strbuf_addf(&b, "- %s: %s\n", c->categories[k].code, c->categories[k].name);
    if (rm->as_of < rm->by_when)
        strbuf_addf(&b, _("\nPlease send the report before %s.\n"), by);
    else
        strbuf_addf(&b,
                    _("\nThe deadline (before %s) has passed; please send the report as soon as "
                      "you can.\n"),
                    by);
    strbuf_addf(
        &b,
        _("The blank report template is attached (%s): one row per activity, send the whole "
          "file back; it may be saved as CSV or sent as the .xlsx.\n"),
        tpl_name);
    strbuf_adds(&b, _("\n-- \nA message made by tonghop.\n"));
    return strbuf_detach(&b, NULL);
}

static int failed(const remind *rm, th_error rc, const char *what, const char *err)
{
    th_msg_error("%s: %s%s%s", what, th_strerror(rc), *err ? ": " : "", err);
    (void)rm;
    return rc == TH_ERR_USAGE || rc == TH_ERR_CONFIG ? TH_EXIT_USAGE : TH_EXIT_FAILURE;
}

/* Writes the message of unit u (the template made in a private folder and
 * attached), then records the state. */
static int send_one(remind *rm, size_t u, const unit_status *s, const char *state)
{
    const campaign *c = rm->c;
    char tmpdir[] = "/tmp/tonghop-remind.XXXXXX", err[1024] = "";
    const char *base = getenv("TMPDIR");
    char dirbuf[4096];
    snprintf(dirbuf, sizeof dirbuf, "%s/tonghop-remind.XXXXXX", base && *base ? base : "/tmp");
    char *dir = mkdtemp(dirbuf);
    if (dir == NULL && (dir = mkdtemp(tmpdir)) == NULL) {
        th_msg_error(_("cannot create a temporary folder: %s"), strerror(errno));
        return TH_EXIT_FAILURE;
    }
    char *tpl_name = template_file_name(c->units[u].code, TEMPLATE_XLSX);
    char *eml =
        feedback_file_name("NhacNop", c->units[u].code, rm->as_of, c->utc_offset_min, ".eml");
    char tpl_path[4200], eml_path[4200];
    th_error rc = tpl_name && eml ? TH_OK : TH_ERR_NOMEM;
    if (rc == TH_OK) {
        snprintf(tpl_path, sizeof tpl_path, "%s/%s", dir, tpl_name);
        snprintf(eml_path, sizeof eml_path, "%s/%s", rm->a->out, eml);
        rc = template_write(c, (long)u, TEMPLATE_XLSX, tpl_path, err, sizeof err);
    }
    char *body = rc == TH_OK ? body_text(rm, u, s, tpl_name) : NULL;
    char subject[1024];
    snprintf(subject, sizeof subject, _("Reminder: the %s report — %s"), c->title,
             c->units[u].name);
    mail_attachment file = {NULL, 0, tpl_path, tpl_name, MAIL_XLSX_TYPE};
    mail_message msg = {c->mail_from, c->units[u].email, "",   subject, body,
                        rm->as_of,    c->utc_offset_min, true, &file,   1};
    if (rc == TH_OK)
        rc = body ? mail_message_write(&msg, eml_path, err, sizeof err) : TH_ERR_NOMEM;
    if (rc == TH_OK)
        rc = store_reminder_record(rm->env->store, c->units[u].code, state, rm->as_of);
    if (rc == TH_OK) {
        printf("%s\n", eml_path);
        rm->written++;
    }
    if (tpl_name)
        unlink(tpl_path);
    rmdir(dir);
    free(body);
    free(tpl_name);
    free(eml);
    if (rc != TH_OK && *err == '\0')
        snprintf(err, sizeof err, "%s", store_errmsg(rm->env->store));
    return rc == TH_OK ? TH_EXIT_OK : failed(rm, rc, _("cannot write the reminder"), err);
}

static int remind_unit(remind *rm, size_t u, const unit_status *s)
{
    strbuf state;
    strbuf_init(&state);
    state_text(rm, u, s, &state);
    int status = TH_EXIT_OK;
    bool sent = false;
    if (state.failed) {
        status = failed(rm, TH_ERR_NOMEM, _("cannot write the reminder"), "");
    } else if (state.len == 0) {
        /* owes nothing */
    } else if (*rm->c->units[u].email == '\0') {
        th_msg_warning(_("%s: no e-mail address in units.csv, cannot remind it"),
                       rm->c->units[u].code);
        rm->no_address++;
    } else if (store_reminder_sent(rm->env->store, rm->c->units[u].code, state.buf, &sent, NULL) !=
               TH_OK) {
        status = failed(rm, TH_ERR_STORE, _("cannot read the store"), store_errmsg(rm->env->store));
    } else if (sent && !rm->a->again) {
        rm->already++;
    } else {
        status = send_one(rm, u, s, state.buf);
    }
    strbuf_release(&state);
    return status;
}

static int prepare(remind *rm)
{
    const campaign *c = rm->c;
    rm->as_of = (int64_t)time(NULL);
    rm->by_when = c->late_from;
    const char *bad = NULL;
    if (rm->a->as_of != NULL &&
        field_parse_time(rm->a->as_of, c->utc_offset_min, &rm->as_of) != FIELD_OK)
        bad = rm->a->as_of;
    else if (rm->a->before != NULL &&
             field_parse_time(rm->a->before, c->utc_offset_min, &rm->by_when) != FIELD_OK)
        bad = rm->a->before;
    if (bad != NULL) {
        cli_usage_error(rm->env, _("invalid time '%s'"), bad);
        return TH_EXIT_USAGE;
    }
    if (*c->mail_from == '\0') {
        th_msg_error("%s", _("campaign.csv has no mail_from (the reminders' sender)"));
        return TH_EXIT_USAGE;
    }
    char err[1024];
    if (mail_addresses_check(c->mail_from, "From", err, sizeof err) != TH_OK) {
        th_msg_error("%s (mail_from)", err);
        return TH_EXIT_USAGE;
    }
    if (mkdir(rm->a->out, 0777) != 0 && errno != EEXIST) {
        th_msg_error(_("cannot create '%s': %s"), rm->a->out, strerror(errno));
        return TH_EXIT_USAGE;
    }
    return TH_EXIT_OK;
}

int cmd_remind(int argc, char **argv, command_env *env)
{
    remind_args a = {0};
    remind rm = {.a = &a, .env = env, .g = env->g};
    int status = parse(argc, argv, &a, env);
    if (status == TH_EXIT_OK)
        status = cli_setup_campaign(env);
    if (status != TH_EXIT_OK)
        return status;
    rm.c = &env->campaign;
    if ((status = prepare(&rm)) != TH_EXIT_OK)
        return status;
    char err[512] = "";
    th_error rc = TH_OK;
    if ((status = cli_setup_store(env, &rc, err, sizeof err)) != TH_EXIT_OK)
        return status;
    unit_status *st = NULL;
    if (rc == TH_OK)
        rc = consolidate_status(env->store, rm.c, &st);
    if (rc != TH_OK)
        return failed(&rm, rc, _("cannot read the store"), err);
    for (size_t u = 0; status == TH_EXIT_OK && u < rm.c->nunits; u++)
        status = remind_unit(&rm, u, &st[u]);
    consolidate_status_release(st, rm.c->nunits);
    if (status == TH_EXIT_OK) {
        /* TRANSLATORS: the first of three counts, joined by ", " */
        printf(P_("%zu reminder written", "%zu reminders written", rm.written), rm.written);
        fputs(", ", stdout);
        /* TRANSLATORS: the second of three counts: units a reminder was sent
         * to by an earlier run, not again */
        printf(P_("%zu unit reminded before (--again to resend)",
                  "%zu units reminded before (--again to resend)", rm.already),
               rm.already);
        fputs(", ", stdout);
        /* TRANSLATORS: the last of three counts: units.csv has no e-mail
         * address for them */
        printf(P_("%zu unit without an address\n", "%zu units without an address\n", rm.no_address),
               rm.no_address);
    }
    return status;
}
