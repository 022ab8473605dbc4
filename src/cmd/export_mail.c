/*
 * export_mail.c - the message of `export --eml` (see export_mail.h): a
 * subject naming the campaign and the day, a short body saying who is on
 * time, late or missing (from the status the export computed), and the
 * workbook attached.  The MIME work is mail_message's.
 */
#include "export_mail.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consolidate.h"
#include "field.h"
#include "mail_message.h"

static const char *pick(const char *option, const char *configured)
{
    return option != NULL ? option : configured;
}

int export_mail_check(const export_mail_args *a, const campaign *c)
{
    if (a->path == NULL)
        return TH_EXIT_OK;
    const char *lists[] = {pick(a->from, c->mail_from), pick(a->to, c->mail_to),
                           pick(a->cc, c->mail_cc)};
    static const char *const what[] = {"From", "To", "Cc"};
    static const char *const where[] = {"mail_from / --from", "mail_to / --to", "mail_cc / --cc"};
    for (int i = 0; i < 3; i++) {
        char err[1024];
        if (i == 2 && *lists[i] == '\0') /* no copy is fine */
            continue;
        if (mail_addresses_check(lists[i], what[i], err, sizeof err) != TH_OK) {
            th_msg_error("%s: %s (%s)", _("--eml"), err, where[i]);
            return TH_EXIT_USAGE;
        }
    }
    return TH_EXIT_OK;
}

/* Appends "name1, name2" of the units for which want(status) holds. */
static size_t list_units(FILE *out, const export_model *m, int which)
{
    size_t n = 0;
    for (size_t i = 0; i < m->c->nunits; i++) {
        size_t u = m->order ? m->order[i] : i;
        const unit_status *s = &m->units[u];
        bool on_time = s->status == DEADLINE_ON_TIME || s->status == DEADLINE_ON_TIME_AMENDED_LATE;
        bool hit = which == 0   ? on_time
                   : which == 1 ? s->status == DEADLINE_LATE
                   : which == 2 ? s->status == DEADLINE_MISSING
                                : s->status != DEADLINE_MISSING && s->covered < s->required;
        if (!hit)
            continue;
        if (out != NULL)
            fprintf(out, "%s%s", n ? ", " : "", m->c->units[u].name);
        n++;
    }
    return n;
}

/* The body: a greeting, the counts, the names of the units that are late,
 * missing or incomplete.  Returns a newly allocated text, or NULL. */
static char *body_text(const export_model *m, const char *file_name)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (out == NULL)
        return NULL;
    char when[32];
    field_format_time(m->as_of, m->c->utc_offset_min, when, sizeof when);
    fprintf(out, _("To: %s.\n\n"), *m->c->recipient ? m->c->recipient : _("whom it may concern"));
    fprintf(out, _("%s sends the consolidated workbook of %s%s%s, figures as of %s.\n\n"),
            *m->c->consolidator ? m->c->consolidator : _("The consolidating unit"), m->c->title,
            *m->c->letter ? _(" as asked by letter ") : "", m->c->letter, when);
    fprintf(out, P_("Reports of the %zu unit:\n", "Reports of the %zu units:\n", m->c->nunits),
            m->c->nunits);
    static const char *const label_ids[] = {N_("On time"), N_("Late"), N_("Not submitted"),
                                            N_("Required content missing")};
    const char *labels[4];
    for (int w = 0; w < 4; w++)
        labels[w] = _(label_ids[w]);
    for (int w = 0; w < 4; w++)
        fprintf(out, "- %s: %zu\n", labels[w], list_units(NULL, m, w));
    for (int w = 1; w < 4; w++) {
        if (list_units(NULL, m, w) == 0)
            continue;
        fprintf(out, "\n%s: ", labels[w]);
        list_units(out, m, w);
        fputs(".\n", out);
    }
    fprintf(out, _("\nThe details are in the attached %s.\n"), file_name);
    fputs(_("\n-- \nA message made by tonghop.\n"), out);
    if (fclose(out) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

int export_mail_write(const export_model *m, const char *workbook_path, const export_mail_args *a)
{
    char *copy = strdup(workbook_path);
    const char *file_name = copy ? basename(copy) : "";
    char *body = copy ? body_text(m, file_name) : NULL;
    char day[32], subject[1024], err[1024] = "";
    field_format_time(m->as_of, m->c->utc_offset_min, day, sizeof day);
    day[10] = '\0'; /* "dd/mm/yyyy" of "dd/mm/yyyy HH:MM" */
    snprintf(subject, sizeof subject, _("Consolidated report %s as of %s"), m->c->title, day);
    mail_attachment file = {NULL, 0, workbook_path, file_name, MAIL_XLSX_TYPE};
    mail_message msg = {pick(a->from, m->c->mail_from),
                        pick(a->to, m->c->mail_to),
                        pick(a->cc, m->c->mail_cc),
                        subject,
                        body,
                        m->as_of,
                        m->c->utc_offset_min,
                        true,
                        &file,
                        1};
    th_error rc = body ? mail_message_write(&msg, a->path, err, sizeof err) : TH_ERR_NOMEM;
    free(body);
    free(copy);
    if (rc == TH_OK) {
        printf("%s\n", a->path);
        return TH_EXIT_OK;
    }
    th_msg_error("%s: %s%s%s", _("cannot write the message"), th_strerror(rc), *err ? ": " : "",
                 err);
    return rc == TH_ERR_USAGE ? TH_EXIT_USAGE : TH_EXIT_FAILURE;
}
