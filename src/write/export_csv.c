/*
 * export_csv.c - the consolidation as a report CSV (docs/design.md §8),
 * so the level above imports it with tonghop like any unit's report.
 *
 * One file; ma_don_vi is the consolidating unit (the one the level above
 * knows in its units.csv); one row per original unit and category, whose
 * indicators are that unit's totals, ghi_chu naming the original unit.  So
 * the totals above equal the totals here, and the detail above still shows
 * which unit did what.  UTF-8 with a BOM (Excel opens it), comma, CRLF.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "field.h"
#include "report_schema.h"
#include "i18n.h"

/* Writes s as a quoted field: every text field is quoted. */
static void put_text(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void put_row(FILE *f, const export_model *m, size_t u, size_t k,
                    const consolidate_cell *cell)
{
    const unit *un = &m->c->units[u];
    char text[1024], from[16], to[16];
    field_format_date(cell->first, from, sizeof from);
    field_format_date(cell->last, to, sizeof to);
    put_text(f, m->c->consolidator_code);
    fputc(',', f);
    put_text(f, m->c->categories[k].code);
    fputc(',', f);
    snprintf(text, sizeof text, "Tổng hợp %zu hoạt động của %s", cell->activities, un->name);
    put_text(f, text);
    fprintf(f, ",%s,%s,,", from, to); /* hinh_thuc empty: forms differ within a sum */
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        if (cell->has[i])
            fprintf(f, "%lld", (long long)cell->sum[i]);
        fputc(',', f);
    }
    snprintf(text, sizeof text, "Đơn vị gốc: %s - %s", un->code, un->name);
    put_text(f, text);
    fputs("\r\n", f);
}

static void put_all(FILE *f, const export_model *m)
{
    static const report_column cols[] = {
        COL_UNIT,     COL_CATEGORY, COL_CONTENT,  COL_FROM,  COL_TO,     COL_FORM, COL_PARTICIPANTS,
        COL_SESSIONS, COL_BANNERS,  COL_ARTICLES, COL_BOOKS, COL_BUDGET, COL_NOTE};
    fputs("\xEF\xBB\xBF", f);
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        fprintf(f, "%s%s", i ? "," : "", report_schema_column(cols[i])->key);
    fputs("\r\n", f);
    for (size_t i = 0; i < m->c->nunits; i++) {
        size_t u = m->order[i];
        for (size_t k = 0; k < m->c->ncategories; k++) {
            const consolidate_cell *cell = consolidate_totals_cell(&m->totals, u, k);
            if (cell->activities > 0)
                put_row(f, m, u, k, cell);
        }
    }
}

static th_error write_file(const export_model *m, const char *tmp, char *err, size_t errlen)
{
    FILE *f = fopen(tmp, "wb");
    if (f == NULL) {
        snprintf(err, errlen, _("cannot write '%s': %s"), tmp, strerror(errno));
        return TH_ERR_IO;
    }
    put_all(f, m);
    bool ok = fflush(f) == 0 && !ferror(f);
    int saved = errno;
    ok = fclose(f) == 0 && ok;
    if (ok)
        return TH_OK;
    snprintf(err, errlen, _("cannot write '%s': %s"), tmp, strerror(saved ? saved : errno));
    return saved == ENOSPC || saved == EFBIG || saved == EDQUOT ? TH_ERR_NOSPACE : TH_ERR_IO;
}

th_error export_csv(const export_model *m, const char *dir, char **path_out, char *err,
                    size_t errlen)
{
    *path_out = NULL;
    if (*m->c->consolidator_code == '\0') {
        snprintf(err, errlen,
                 _("campaign.csv names no consolidator_code: the report above "
                   "needs the consolidating unit's code"));
        return TH_ERR_CONFIG;
    }
    char *name =
        export_output_name("{code}_{yyyymmdd}.csv", m->c->code, m->as_of, m->c->utc_offset_min);
    size_t len = strlen(dir) + strlen(m->c->consolidator_code) + (name ? strlen(name) : 0) + 4;
    char *path = name ? malloc(len) : NULL;
    export_temp tmp = {NULL, -1};
    th_error rc = path ? TH_OK : TH_ERR_NOMEM;
    if (rc == TH_OK) {
        snprintf(path, len, "%s/%s_%s", dir, m->c->consolidator_code, name);
        rc = export_temp_create(path, &tmp, err, errlen);
    }
    if (rc == TH_OK)
        rc = write_file(m, tmp.path, err, errlen);
    if (rc == TH_OK)
        rc = export_temp_commit(&tmp, path, err, errlen);
    else
        export_temp_discard(&tmp);
    free(name);
    if (rc == TH_OK)
        *path_out = path;
    else
        free(path);
    return rc;
}
