/*
 * template.c - the blank report of `tonghop template`: file names made safe,
 * the category order of the drop-down lists, the CSV template, and the
 * temporary file renamed into place for both formats.
 *
 * The CSV is what Excel shows right when a unit double-clicks it: UTF-8 with
 * a BOM, comma separated, CRLF, the Vietnamese headers of report_schema (the
 * importer matches them as it matches the ASCII keys).  It has the header
 * row only; see template.h for why there is no example row.
 */
#include "template.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "report_schema.h"
#include "i18n.h"

void template_safe_name(const char *code, char *out)
{
    char *o = out;
    for (const unsigned char *p = (const unsigned char *)code; *p; p++) {
        bool ok = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
                  (*p >= '0' && *p <= '9') || *p == '-' || *p == '_';
        *o++ = ok ? (char)*p : '_';
    }
    if (o == out)
        *o++ = '_';
    *o = '\0';
}

char *template_file_name(const char *unit_code, template_format fmt)
{
    const char *ext = fmt == TEMPLATE_XLSX ? ".xlsx" : ".csv";
    const char *stem = unit_code != NULL ? unit_code : "mau-bao-cao";
    size_t len = strlen(stem) + strlen(ext) + 2;
    char *name = malloc(len);
    if (name == NULL)
        return NULL;
    template_safe_name(stem, name);
    strcat(name, ext);
    return name;
}

size_t template_category_order(const campaign *c, long u, size_t *order)
{
    size_t n = 0, required = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < c->ncategories; k++) {
            bool req = u >= 0 && campaign_requires(c, (size_t)u, k);
            if (req == (pass == 0))
                order[n++] = k;
        }
        if (pass == 0)
            required = n;
    }
    return required;
}

/* The header row; the cells below are the unit's to fill. */
static void put_csv(FILE *f)
{
    fputs("\xEF\xBB\xBF", f);
    for (int col = 0; col < COL_COUNT; col++) {
        const char *title = report_schema_column((report_column)col)->title;
        /* Titles such as "Số buổi, lớp" hold the delimiter: quote them. */
        fprintf(f, "%s%s%s%s", col ? "," : "", strchr(title, ',') ? "\"" : "", title,
                strchr(title, ',') ? "\"" : "");
    }
    fputs("\r\n", f);
}

static th_error write_csv(const char *tmp, char *err, size_t errlen)
{
    FILE *f = fopen(tmp, "wb");
    if (f == NULL) {
        snprintf(err, errlen, _("cannot write '%s': %s"), tmp, strerror(errno));
        return TH_ERR_IO;
    }
    put_csv(f);
    bool ok = fflush(f) == 0 && !ferror(f);
    int saved = errno;
    ok = fclose(f) == 0 && ok;
    if (ok)
        return TH_OK;
    saved = saved ? saved : errno;
    snprintf(err, errlen, _("cannot write '%s': %s"), tmp, strerror(saved));
    return saved == ENOSPC || saved == EFBIG || saved == EDQUOT ? TH_ERR_NOSPACE : TH_ERR_IO;
}

th_error template_write(const campaign *c, long u, template_format fmt, const char *path, char *err,
                        size_t errlen)
{
    export_temp tmp = {NULL, -1};
    th_error rc = export_temp_create(path, &tmp, err, errlen);
    if (rc != TH_OK)
        return rc;
    rc = fmt == TEMPLATE_XLSX ? template_write_xlsx(c, u, tmp.path, err, errlen)
                              : write_csv(tmp.path, err, errlen);
    if (rc == TH_OK)
        return export_temp_commit(&tmp, path, err, errlen);
    export_temp_discard(&tmp);
    return rc;
}
