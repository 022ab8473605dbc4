/*
 * status_text.c - the text form of `tonghop status`, for a person at a
 * terminal.
 *
 * Columns are measured in display columns (text_width), not bytes, so
 * Vietnamese names line up; no line is wider than style->width: the unit's
 * name takes what the other columns leave and is cut with "…" between two
 * characters (text_prefix_for_width), and longer lists wrap at spaces.  The
 * status is always in words; with style->colour, ANSI colours say it again
 * (late yellow, nothing sent red, on time green), as the workbook's
 * summary does.
 */
#include <string.h>

#include "cli.h"
#include "field.h"
#include "status_report.h"
#include "strbuf.h"
#include "text.h"

#define GAP 2       /* spaces between columns */
#define CODE_MAX 12 /* a longer unit code is cut */
#define NAME_MIN 12 /* the name keeps this much even when the line overflows */

/* Short labels: the workbook's "Đúng hạn, bổ sung sau hạn" would leave no
 * room for the name in 80 columns; the totals line spells it out. */
static const char *const short_labels[] = {
    [DEADLINE_MISSING] = N_("Not submitted"),
    [DEADLINE_ON_TIME] = N_("On time"),
    [DEADLINE_LATE] = N_("Late"),
    [DEADLINE_ON_TIME_AMENDED_LATE] = N_("Amended late"),
};

/* SGR parameters of each status: red, green, bold yellow, yellow. */
static const char *const status_colours[] = {
    [DEADLINE_MISSING] = "31",
    [DEADLINE_ON_TIME] = "32",
    [DEADLINE_LATE] = "1;33",
    [DEADLINE_ON_TIME_AMENDED_LATE] = "33",
};
#define COLOUR_HEADER "1"
#define COLOUR_INCOMPLETE "33"

typedef struct {
    size_t code, name, received, status, required;
} widths;

/* One printer: where, how wide, whether in colour. */
typedef struct {
    FILE *out;
    const status_text_style *style;
    th_lang lang;
} printer;

static const char *short_label(deadline_status s)
{
    return _(short_labels[s]);
}

static size_t max_size(size_t a, size_t b)
{
    return a > b ? a : b;
}

static void received_text(const campaign *c, const unit_status *s, char *buf, size_t len)
{
    if (s->first_received == 0)
        snprintf(buf, len, "—");
    else
        field_format_time(s->first_received, c->utc_offset_min, buf, (int)len);
}

/* Prints text cut to width columns (with "…" when cut), in colour when
 * sgr is not NULL, then pads it to width unless it ends the line. */
static void print_cell(const printer *p, const char *text, size_t width, const char *sgr, bool last)
{
    size_t w = text_width(text), len = strlen(text);
    bool cut = w > width;
    if (cut) {
        len = width > 0 ? text_prefix_for_width(text, width - 1) : 0;
        while (len > 0 && text[len - 1] == ' ') /* "Truyền…", not "Truyền …" */
            len--;
        w = width;
    }
    if (sgr != NULL && p->style->colour)
        fprintf(p->out, "\033[%sm", sgr);
    fwrite(text, 1, len, p->out);
    if (cut && width > 0)
        fputs("…", p->out);
    if (sgr != NULL && p->style->colour)
        fputs("\033[0m", p->out);
    for (; !last && w < width + GAP; w++)
        fputc(' ', p->out);
}

/* Prints text word-wrapped to the style's width, each line after indent
 * spaces; a word too long for a line is cut with "…". */
static void print_wrapped(const printer *p, size_t indent, const char *text, const char *sgr)
{
    size_t room = p->style->width > indent + 1 ? p->style->width - indent : 1, used = 0;
    strbuf word = STRBUF_INIT;
    while (*text != '\0') {
        size_t n = strcspn(text, " ");
        if (n > 0) {
            strbuf_reset(&word);
            strbuf_add(&word, text, n);
            size_t w = text_width(word.buf);
            if (used == 0 || used + 1 + w > room) {
                fprintf(p->out, "%s%*s", used > 0 ? "\n" : "", (int)indent, "");
                used = 0;
            } else {
                fputc(' ', p->out);
                used++;
            }
            w = w < room ? w : room;
            print_cell(p, word.buf, w, sgr, true);
            used += w;
        }
        text += n + (text[n] == ' ');
    }
    fputc('\n', p->out);
    strbuf_release(&word);
}

static widths measure(const status_view *v, size_t width)
{
    widths w = {text_width(_("Code")), text_width(_("Unit")), text_width(_("Received")),
                text_width(_("Status")), text_width(_("Required"))};
    for (size_t u = 0; u < v->c->nunits; u++) {
        const unit_status *s = &v->units[u];
        char when[32], covered[48];
        received_text(v->c, s, when, sizeof when);
        snprintf(covered, sizeof covered, "%zu/%zu", s->covered, s->required);
        w.code = max_size(w.code, text_width(v->c->units[u].code));
        w.name = max_size(w.name, text_width(v->c->units[u].name));
        w.received = max_size(w.received, text_width(when));
        w.status = max_size(w.status, text_width(short_label(s->status)));
        w.required = max_size(w.required, text_width(covered));
    }
    w.code = w.code < CODE_MAX ? w.code : CODE_MAX;
    size_t others = w.code + w.received + w.status + w.required + 4 * GAP;
    size_t room = width > others ? width - others : 0;
    if (w.name > room)
        w.name = room > NAME_MIN ? room : NAME_MIN;
    return w;
}

/* The second line of a unit that sent something: the required categories
 * it lacks and its rows with errors; nothing when there is no such news. */
static void print_details(const printer *p, const status_view *v, size_t u, const widths *w)
{
    const unit_status *s = &v->units[u];
    strbuf line = STRBUF_INIT;
    if (s->status != DEADLINE_MISSING && s->covered < s->required) {
        strbuf_adds(&line, _("missing: "));
        consolidate_missing_list(v->c, u, s, ", ", CONSOLIDATE_CODES, &line);
    }
    if (s->rows_rejected > 0) {
        if (line.len > 0)
            strbuf_adds(&line, "; ");
        strbuf_addf(&line, P_("%zu row with errors", "%zu rows with errors", s->rows_rejected),
                    s->rows_rejected);
    }
    /* out of memory: the line is shorter, the status line above still true */
    if (line.len > 0)
        print_wrapped(p, w->code + GAP, line.buf, COLOUR_INCOMPLETE);
    strbuf_release(&line);
}

static void print_unit(const printer *p, const status_view *v, size_t u, const widths *w)
{
    const unit_status *s = &v->units[u];
    char when[32], covered[48];
    received_text(v->c, s, when, sizeof when);
    snprintf(covered, sizeof covered, "%zu/%zu", s->covered, s->required);
    print_cell(p, v->c->units[u].code, w->code, NULL, false);
    print_cell(p, v->c->units[u].name, w->name, NULL, false);
    print_cell(p, when, w->received, NULL, false);
    print_cell(p, short_label(s->status), w->status, status_colours[s->status], false);
    print_cell(p, covered, w->required, NULL, true);
    fputc('\n', p->out);
    print_details(p, v, u, w);
}

static void print_totals(const printer *p, const status_view *v)
{
    size_t n[DEADLINE_ON_TIME_AMENDED_LATE + 1];
    size_t incomplete = status_count(v, n);
    strbuf line = STRBUF_INIT;
    strbuf_addf(&line,
                /* TRANSLATORS: the units of the campaign, then how many are in each state; the noun
                   follows the first count */
                P_("%zu unit: %zu on time, %zu on time and amended late, %zu late, %zu not "
                   "submitted; %zu missing required categories",
                   "%zu units: %zu on time, %zu on time and amended late, %zu late, %zu not "
                   "submitted; %zu missing required categories",
                   v->c->nunits),
                v->c->nunits, n[DEADLINE_ON_TIME], n[DEADLINE_ON_TIME_AMENDED_LATE],
                n[DEADLINE_LATE], n[DEADLINE_MISSING], incomplete);
    fputc('\n', p->out);
    print_wrapped(p, 0, line.buf, NULL);
    strbuf_release(&line);
}

void status_print_text(FILE *out, const status_view *v, const status_text_style *style)
{
    printer p = {out, style, v->lang};
    widths w = measure(v, style->width);
    print_cell(&p, _("Code"), w.code, COLOUR_HEADER, false);
    print_cell(&p, _("Unit"), w.name, COLOUR_HEADER, false);
    print_cell(&p, _("Received"), w.received, COLOUR_HEADER, false);
    print_cell(&p, _("Status"), w.status, COLOUR_HEADER, false);
    print_cell(&p, _("Required"), w.required, COLOUR_HEADER, true);
    fputc('\n', out);
    for (size_t u = 0; u < v->c->nunits; u++)
        print_unit(&p, v, u, &w);
    print_totals(&p, v);
}
