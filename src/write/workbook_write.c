/*
 * workbook_write.c - the consolidated workbook as one file: the spill of the
 * activities read from the store first, then the workbook opened in
 * constant-memory mode with its temporary files next to the output, the
 * sheets written in order, the document properties, and the close with
 * libxlsxwriter's errors turned into tonghop's.
 *
 * The file is written under a temporary name in the output's folder, checked
 * (wb_verify) and only then renamed into place; on any failure it is removed.
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

#include "text.h"
#include "th_limits.h"
#include "workbook.h"
#include "i18n.h"

#define FONT "Times New Roman"

static th_error map_error(lxw_error e, int saved_errno)
{
    switch (e) {
    case LXW_NO_ERROR:
        return TH_OK;
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
        return TH_ERR_NOMEM;
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
    case LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED:
        return TH_ERR_LIMIT;
    default:
        return saved_errno == ENOSPC || saved_errno == EFBIG || saved_errno == EDQUOT
                   ? TH_ERR_NOSPACE
                   : TH_ERR_IO;
    }
}

static void set_properties(wb_ctx *x)
{
    const campaign *c = x->m->c;
    char title[512], subject[512];
    snprintf(title, sizeof title, "Bảng tổng hợp kết quả tổ chức %s", c->title);
    snprintf(subject, sizeof subject, "Kèm theo báo cáo thực hiện Công văn số %s", c->letter);
    lxw_doc_properties p = {0};
    p.title = title;
    p.subject = subject;
    p.author = c->consolidator;
    p.company = c->issuer;
    p.created = (time_t)x->m->as_of; /* non-zero: reproducible bytes */
    wb_check(x, workbook_set_properties(x->wb, &p));
}

/* About what constant-memory mode needs in temporary space (twice the
 * detail's XML, docs/design.md §11.1) plus the file itself: refuse early rather than
 * write a truncated sheet. */
static th_error check_space(const export_model *m, const char *dir, char *err, size_t errlen)
{
    struct statvfs vfs;
    uint64_t rows = 0;
    for (size_t u = 0; u < m->c->nunits; u++)
        rows += m->units[u].activities;
    uint64_t need = rows * LIMIT_EXPORT_BYTES_PER_ROW +
                    m->nsubs * LIMIT_EXPORT_BYTES_PER_SUBMISSION + LIMIT_EXPORT_BYTES_FIXED;
    if (statvfs(dir, &vfs) != 0)
        return TH_OK; /* cannot tell: the verification still guards */
    uint64_t have = (uint64_t)vfs.f_bavail * vfs.f_frsize;
    if (have >= need)
        return TH_OK;
    snprintf(err, errlen, _("not enough free space in '%s': about %llu MB needed, %llu MB free"),
             dir, (unsigned long long)(need >> 20), (unsigned long long)(have >> 20));
    return TH_ERR_NOSPACE;
}

/* The Normal style in Times New Roman: column widths are counted in its
 * digits, so Excel and LibreOffice (with Liberation Serif) agree on them.
 * libxlsxwriter keeps the Normal style as its first format. */
static void default_font(wb_ctx *x)
{
    lxw_format *normal = STAILQ_FIRST(x->wb->formats);
    if (normal != NULL)
        format_set_font_name(normal, FONT);
}

static void write_sheets(wb_ctx *x)
{
    default_font(x);
    wb_make_formats(x);
    set_properties(x);
    sheet_summary(x);
    sheet_categories(x);
    sheet_detail(x);
    sheet_missing(x);
    if (x->full) {
        sheet_findings(x);
        sheet_ledger(x);
    }
    sheet_chart(x);
}

/* In constant-memory mode each sheet's rows go to a temporary file as they
 * are written, and libxlsxwriter ignores a failed write there (a full disk,
 * a file-size limit).  The stream's error flag is sticky, so one look at it
 * before workbook_close tells whether every row reached the disk: a row
 * lost anywhere, not only at the end, is caught without reading anything
 * back.  What workbook_close itself writes is checked by wb_verify. */
static bool rows_on_disk(lxw_workbook *wb)
{
    lxw_worksheet *ws;
    bool ok = true;
    LXW_FOREACH_WORKSHEET(ws, wb)
    {
        if (ws->optimize_tmpfile != NULL &&
            (fflush(ws->optimize_tmpfile) != 0 || ferror(ws->optimize_tmpfile)))
            ok = false;
    }
    return ok;
}

/* Frees wb without writing it: workbook_close would still compress every
 * sheet into a file that is to be removed. */
static void discard_workbook(lxw_workbook *wb)
{
    lxw_worksheet *ws;
    LXW_FOREACH_WORKSHEET(ws, wb)
    {
        if (ws->optimize_tmpfile != NULL)
            fclose(ws->optimize_tmpfile);
        ws->optimize_tmpfile = NULL;
    }
    lxw_workbook_free(wb);
}

/* Opens, writes and closes the workbook at tmp (in folder dir).  Everything
 * it shows is already computed: no store call is made from here on. */
static th_error write_workbook(wb_ctx *x, const char *tmp, char *dir, char *err, size_t errlen)
{
    lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = dir};
    x->wb = workbook_new_opt(tmp, &opts);
    if (x->wb == NULL) {
        snprintf(err, errlen, _("cannot start the workbook '%s'"), tmp);
        return TH_ERR_NOMEM;
    }
    write_sheets(x);
    if (x->err == TH_OK && x->lerr == LXW_NO_ERROR && !rows_on_disk(x->wb)) {
        discard_workbook(x->wb);
        x->wb = NULL;
        snprintf(err, errlen,
                 _("the workbook '%s' is incomplete (rows could not be written to the temporary "
                   "files in '%s'): is the disk full?"),
                 tmp, dir);
        return TH_ERR_NOSPACE;
    }
    errno = 0;
    lxw_error closed = workbook_close(x->wb);
    int saved = errno;
    x->wb = NULL;
    wb_check(x, closed);
    if (x->err != TH_OK) {
        snprintf(err, errlen, "%s", th_strerror(x->err));
        return x->err;
    }
    if (x->lerr != LXW_NO_ERROR) {
        snprintf(err, errlen, "libxlsxwriter: %s%s%s", lxw_strerror(x->lerr), saved ? ": " : "",
                 saved ? strerror(saved) : "");
        return map_error(x->lerr, saved);
    }
    return wb_verify(tmp, x->last_rows, x->nsheets, err, errlen);
}

/* "Bình Phước, ngày 28 tháng 10 năm 2022": days below 10 and the months
 * January and February written with a leading zero (Nghị định 30/2020). */
static void place_date(wb_ctx *x)
{
    const campaign *c = x->m->c;
    int64_t days;
    int secs, y, mo, d;
    field_local_split(x->m->as_of, c->utc_offset_min, &days, &secs);
    field_civil_split((civil_day)days, &y, &mo, &d);
    snprintf(x->place_date, sizeof x->place_date, "%s%sngày %02d tháng %s%d năm %d", c->place,
             *c->place ? ", " : "", d, mo < 3 ? "0" : "", mo, y);
}

th_error export_workbook(const export_model *m, const char *path, const workbook_options *o,
                         char *err, size_t errlen)
{
    wb_ctx x = {0};
    activity_spill rows = {0};
    finding_spill findings = {0};
    x.m = m;
    x.rows = &rows;
    x.findings = &findings;
    x.full = o->full;
    x.detail_rows_per_sheet = o->detail_rows_per_sheet;
    place_date(&x);
    field_format_time(m->as_of, m->c->utc_offset_min, x.as_of_text, sizeof x.as_of_text);
    x.title_upper = text_upper(m->c->title);
    export_temp tmp = {NULL, -1};
    char *dircopy = strdup(path);
    th_error rc = x.title_upper && dircopy ? TH_OK : TH_ERR_NOMEM;
    if (rc == TH_OK && o->full && m->ledger == NULL) { /* built without EXPORT_LEDGER */
        snprintf(err, errlen, "the clerk's workbook needs the ledger");
        rc = TH_ERR_INTERNAL;
    }
    char *dir = dircopy ? dirname(dircopy) : NULL;
    if (rc == TH_OK)
        rc = export_temp_create(path, &tmp, err, errlen);
    if (rc == TH_OK)
        rc = check_space(m, dir, err, errlen);
    if (rc == TH_OK) /* read the store now, before the workbook is open */
        rc = activity_spill_build(m, dir, &rows, err, errlen);
    if (rc == TH_OK && o->full)
        rc = finding_spill_build(m, dir, &findings, err, errlen);
    if (rc == TH_OK)
        rc = write_workbook(&x, tmp.path, dir, err, errlen);
    if (rc == TH_OK)
        rc = export_temp_commit(&tmp, path, err, errlen);
    else
        export_temp_discard(&tmp);
    activity_spill_release(&rows);
    finding_spill_release(&findings);
    free(dircopy);
    free(x.title_upper);
    free(x.last_rows);
    return rc;
}
