/*
 * run_report.c - summary.txt and the feedback message's body (see
 * run_report.h).
 */
#include "run_report.h"

#include <stdlib.h>
#include <string.h>

#include "consolidate.h"
#include "field.h"
#include "i18n.h"
#include "counts.h"
#include "strbuf.h"

/* New files listed by name in summary.txt; past them only their number, so
 * the first run over a full inbox still gives an e-mail one can read. */
#define SUMMARY_MAX_FILES 30

/* True when unit u's latest file was refused (after what is in effect). */
static bool latest_refused(const export_model *m, size_t u)
{
    const char *code = m->c->units[u].code;
    bool refused = false;
    for (size_t i = 0; i < m->nsubs; i++) /* by received time: the last one wins */
        if (strcmp(m->subs[i].unit_code, code) == 0)
            refused = m->subs[i].state == SUBMISSION_REJECTED;
    return refused;
}

static bool has_errors(const export_model *m, size_t u)
{
    return m->units[u].rows_rejected > 0 || latest_refused(m, u);
}

size_t run_units_with_errors(const export_model *m)
{
    size_t n = 0;
    for (size_t u = 0; u < m->c->nunits; u++)
        n += has_errors(m, u);
    return n;
}

enum { ON_TIME, LATE, MISSING, INCOMPLETE, WITH_ERRORS, NGROUPS };

static bool in_group(const export_model *m, size_t u, int g)
{
    const unit_status *s = &m->units[u];
    switch (g) {
    case ON_TIME:
        return s->status == DEADLINE_ON_TIME || s->status == DEADLINE_ON_TIME_AMENDED_LATE;
    case LATE:
        return s->status == DEADLINE_LATE;
    case MISSING:
        return s->status == DEADLINE_MISSING;
    case INCOMPLETE:
        return s->status != DEADLINE_MISSING && s->covered < s->required;
    default:
        return has_errors(m, u);
    }
}

static const char *const group_label[NGROUPS] = {N_("On time"), N_("Late"), N_("Not submitted"),
                                                 N_("Required content missing"), N_("With errors")};

/* "- Trễ hạn: 2 (A, B)" */
static void add_group(const export_model *m, int g, bool names, strbuf *b)
{
    size_t n = 0;
    for (size_t u = 0; u < m->c->nunits; u++)
        n += in_group(m, u, g);
    strbuf_addf(b, "- %s: %zu", _(group_label[g]), n);
    if (names && n > 0 && g != ON_TIME) {
        size_t k = 0;
        strbuf_adds(b, " (");
        for (size_t i = 0; i < m->c->nunits; i++) {
            size_t u = m->order ? m->order[i] : i;
            if (in_group(m, u, g))
                strbuf_addf(b, "%s%s", k++ ? ", " : "", m->c->units[u].name);
        }
        strbuf_adds(b, ")");
    }
    strbuf_addch(b, '\n');
}

static const char *unit_name_of(const export_model *m, const char *code)
{
    for (size_t u = 0; u < m->c->nunits; u++)
        if (strcmp(m->c->units[u].code, code) == 0)
            return m->c->units[u].name;
    return *code ? code : _("unknown unit");
}

/* The files new since the last run, and the units whose status changed. */
static void add_news(const run_summary_input *in, strbuf *b)
{
    const export_model *m = in->m;
    size_t n = 0, listed = 0;
    for (size_t i = 0; i < m->nsubs; i++) {
        const submission *s = &m->subs[i];
        if (s->id <= in->since_id)
            continue;
        if (++listed > SUMMARY_MAX_FILES)
            continue; /* counted below */
        char when[32];
        field_format_time(s->received, m->c->utc_offset_min, when, sizeof when);
        strbuf_addf(b, _("- New file: %s — %s, received %s: %s"), s->file_name,
                    unit_name_of(m, s->unit_code), when,
                    s->state == SUBMISSION_REJECTED ? _("rejected") : _("accepted"));
        if (s->state != SUBMISSION_REJECTED) {
            strbuf_adds(b, ", ");
            counts_add_rows(b, s->rows_counted, s->rows_rejected);
        }
        strbuf_adds(b, ".\n");
        n++;
    }
    if (listed > SUMMARY_MAX_FILES)
        strbuf_addf(b,
                    P_("- … and %zu other new file (see the workbook's «Lịch sử nộp» sheet).\n",
                       "- … and %zu other new files (see the workbook's «Lịch sử nộp» sheet).\n",
                       listed - SUMMARY_MAX_FILES),
                    listed - SUMMARY_MAX_FILES);
    for (size_t i = 0; i < m->c->nunits; i++) {
        size_t u = m->order ? m->order[i] : i;
        int before = in->before_status[u], now = (int)m->units[u].status;
        if (before != now && !in->first_run) { /* the first time, every unit "changed" */
            strbuf_addf(b, "- %s: %s → %s.\n", m->c->units[u].name,
                        consolidate_deadline_label((deadline_status)before, i18n_lang()),
                        consolidate_deadline_label((deadline_status)now, i18n_lang()));
            n++;
        }
        if (in->unit_changes[u] != NULL) {
            strbuf_addf(b, _("- %s sent a replacement report: %s.\n"), m->c->units[u].name,
                        in->unit_changes[u]);
            n++;
        }
    }
    if (n == 0)
        strbuf_adds(b, _("- No new file was accepted.\n"));
}

char *run_summary_text(const run_summary_input *in)
{
    const export_model *m = in->m;
    strbuf b;
    strbuf_init(&b);
    char when[32];
    field_format_time(m->as_of, m->c->utc_offset_min, when, sizeof when);
    strbuf_addf(&b, _("Consolidated reports: %s\nFigures as of %s.\n\n"), m->c->title, when);
    strbuf_addf(&b, P_("Reports of the %zu unit:\n", "Reports of the %zu units:\n", m->c->nunits),
                m->c->nunits);
    for (int g = 0; g < NGROUPS; g++)
        add_group(m, g, true, &b);
    if (in->first_run) {
        strbuf_adds(&b, _("\nChanges (first run):\n"));
    } else {
        field_format_time(in->last_as_of, m->c->utc_offset_min, when, sizeof when);
        strbuf_addf(&b, _("\nChanges since the last consolidation (%s):\n"), when);
    }
    add_news(in, &b);
    strbuf_addf(&b, _("\nWorkbook: %s\n"), in->workbook_name);
    bool any = false;
    for (size_t u = 0; u < m->c->nunits; u++) {
        if (in->feedback_names[u] == NULL)
            continue;
        strbuf_addf(&b, "%s%s", any ? ", " : _("Feedback to units: "), in->feedback_names[u]);
        any = true;
    }
    if (any)
        strbuf_addch(&b, '\n');
    strbuf_adds(&b, _("\n-- \nMade by tonghop.\n"));
    return strbuf_detach(&b, NULL);
}

char *run_feedback_body(const export_model *m, size_t u, const char *const *file_names,
                        const finding_list *const *findings, size_t nfiles, const char *changes)
{
    const campaign *c = m->c;
    strbuf b;
    strbuf_init(&b);
    strbuf_addf(&b, _("To: %s.\n\n"), c->units[u].name);
    strbuf_addf(&b, _("%s received your %s report:\n"),
                *c->consolidator ? c->consolidator : _("The consolidating unit"), c->title);
    for (size_t k = 0; k < nfiles; k++) {
        size_t errors = finding_list_count(findings[k], FINDING_FILE_ERROR) +
                        finding_list_count(findings[k], FINDING_ROW_ERROR);
        size_t warnings = finding_list_count(findings[k], FINDING_WARNING);
        /* TRANSLATORS: a file's name, then its errors and warnings */
        strbuf_addf(&b, P_("- %s: %zu error, ", "- %s: %zu errors, ", errors), file_names[k],
                    errors);
        strbuf_addf(&b, P_("%zu warning.\n", "%zu warnings.\n", warnings), warnings);
    }
    strbuf_adds(&b,
                _("\nThe attachment is your report with the cells in error coloured and a note "
                  "saying what to fix; the «Danh sách lỗi» sheet lists them all. Rows with errors "
                  "are not counted: please fix them and send the whole file again.\n"));
    strbuf missing;
    strbuf_init(&missing);
    consolidate_missing_list(c, u, &m->units[u], "\n- ", CONSOLIDATE_CODES_AND_NAMES, &missing);
    if (missing.len > 0)
        strbuf_addf(&b, _("\nRequired activities still missing:\n- %s\n"), missing.buf);
    if (missing.failed)
        b.failed = true;
    strbuf_release(&missing);
    if (changes != NULL)
        strbuf_addf(&b, _("\nCompared with your previous report: %s.\n"), changes);
    if (c->late_from != 0) {
        char when[32];
        field_format_time(c->late_from, c->utc_offset_min, when, sizeof when);
        strbuf_addf(&b, _("\nDeadline: before %s.\n"), when);
    }
    strbuf_adds(&b, _("\n-- \nA message made by tonghop.\n"));
    return strbuf_detach(&b, NULL);
}
