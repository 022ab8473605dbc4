/*
 * cmd_status.c - `tonghop status`: one line per unit of units.csv.
 *
 * Received time, deadline status, required categories covered (x/y) and
 * which are missing, aligned by display width so Vietnamese names line up
 * in a terminal.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "consolidate.h"
#include "error.h"
#include "field.h"
#include "store.h"
#include "strbuf.h"
#include "text.h"

/* Column widths: the widest of the title and every value. */
typedef struct {
    size_t code, name, received, status;
} widths;

static void received_text(const campaign *c, const unit_status *s, char *buf, size_t len)
{
    if (s->first_received == 0)
        snprintf(buf, len, "—");
    else
        field_format_time(s->first_received, c->utc_offset_min, buf, (int)len);
}

static size_t max_size(size_t a, size_t b)
{
    return a > b ? a : b;
}

static widths measure(const campaign *c, const unit_status *st, th_lang lang)
{
    widths w = {text_width(tr(lang, "Mã", "Code")), text_width(tr(lang, "Đơn vị", "Unit")),
                text_width(tr(lang, "Ngày nhận", "Received")),
                text_width(tr(lang, "Tình trạng", "Status"))};
    for (size_t u = 0; u < c->nunits; u++) {
        char when[32];
        received_text(c, &st[u], when, sizeof when);
        w.code = max_size(w.code, text_width(c->units[u].code));
        w.name = max_size(w.name, text_width(c->units[u].name));
        w.received = max_size(w.received, text_width(when));
        w.status = max_size(w.status, text_width(consolidate_deadline_label(st[u].status, lang)));
    }
    return w;
}

static void print_row(const char *code, const char *name, const char *when, const char *status,
                      const char *covered, const widths *w)
{
    cli_print_padded(stdout, code, w->code + 2);
    cli_print_padded(stdout, name, w->name + 2);
    cli_print_padded(stdout, when, w->received + 2);
    cli_print_padded(stdout, status, w->status + 2);
    fputs(covered, stdout);
}

static void print_unit(const campaign *c, size_t u, const unit_status *s, const widths *w,
                       th_lang lang)
{
    char when[32], covered[32];
    received_text(c, s, when, sizeof when);
    snprintf(covered, sizeof covered, "%zu/%zu", s->covered, s->required);
    print_row(c->units[u].code, c->units[u].name, when, consolidate_deadline_label(s->status, lang),
              covered, w);
    /* A unit that sent nothing owes everything: listing it adds no news. */
    if (s->status != DEADLINE_MISSING && s->covered < s->required) {
        strbuf missing = STRBUF_INIT;
        consolidate_missing_list(c, u, s, ", ", CONSOLIDATE_CODES, &missing);
        /* out of memory: the list is shorter, the status line still true */
        printf("%s%s", tr(lang, "  thiếu: ", "  missing: "), missing.buf);
        strbuf_release(&missing);
    }
    if (s->rows_rejected > 0)
        printf(tr(lang, "  (%zu dòng lỗi)", "  (%zu rows with errors)"), s->rows_rejected);
    putchar('\n');
}

static void print_totals(const campaign *c, const unit_status *st, th_lang lang)
{
    size_t n[DEADLINE_ON_TIME_AMENDED_LATE + 1] = {0}, incomplete = 0;
    for (size_t u = 0; u < c->nunits; u++) {
        n[st[u].status]++;
        incomplete += st[u].status != DEADLINE_MISSING && st[u].covered < st[u].required;
    }
    printf(tr(lang,
              "\n%zu đơn vị: %zu đúng hạn, %zu đúng hạn và bổ sung sau hạn, %zu trễ hạn, %zu "
              "chưa nộp; %zu còn thiếu hoạt động bắt buộc\n",
              "\n%zu units: %zu on time, %zu on time and amended late, %zu late, %zu not "
              "submitted; %zu missing required categories\n"),
           c->nunits, n[DEADLINE_ON_TIME], n[DEADLINE_ON_TIME_AMENDED_LATE], n[DEADLINE_LATE],
           n[DEADLINE_MISSING], incomplete);
}

int cmd_status(int argc, char **argv, command_env *env)
{
    const global_options *g = env->g;
    (void)argv;
    if (argc > 1) {
        th_msg_error("%s",
                     tr(g->lang, "lệnh status không nhận đối số", "status takes no arguments"));
        return TH_EXIT_USAGE;
    }
    th_error rc = TH_OK;
    char err[512] = "";
    int status = cli_setup_campaign(env);
    if (status == TH_EXIT_OK)
        status = cli_setup_store(env, &rc, err, sizeof err);
    if (status != TH_EXIT_OK)
        return status;
    const campaign *c = &env->campaign;
    unit_status *units = NULL;
    if (rc == TH_OK)
        rc = consolidate_status(env->store, c, &units);
    if (rc == TH_OK) {
        widths w = measure(c, units, g->lang);
        print_row(tr(g->lang, "Mã", "Code"), tr(g->lang, "Đơn vị", "Unit"),
                  tr(g->lang, "Ngày nhận", "Received"), tr(g->lang, "Tình trạng", "Status"),
                  tr(g->lang, "Bắt buộc\n", "Required\n"), &w);
        for (size_t u = 0; u < c->nunits; u++)
            print_unit(c, u, &units[u], &w, g->lang);
        print_totals(c, units, g->lang);
    } else {
        th_msg_error("cannot read the store '%s': %s%s%s", g->db_path, th_strerror(rc),
                     *err ? ": " : "", err);
        status = TH_EXIT_FAILURE;
    }
    consolidate_status_release(units, c->nunits);
    return status;
}
