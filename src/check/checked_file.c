/*
 * checked_file.c - one report file through reading and validation (see checked_file.h).
 */
#include "checked_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "digest.h"
#include "report_format.h"
#include "validate.h"
#include "i18n.h"

void checked_file_init(checked_file *out)
{
    memset(out, 0, sizeof *out);
    report_init(&out->report);
    finding_list_init(&out->findings);
}

void checked_file_release(checked_file *out)
{
    submission_release(&out->sub);
    report_release(&out->report);
    finding_list_release(&out->findings);
    checked_file_init(out);
}

int64_t checked_file_received_time(const inbox_file *file, int64_t override)
{
    struct stat st;
    if (override != 0)
        return override;
    if (file->received != 0)
        return file->received;
    if (stat(file->path, &st) == 0)
        return (int64_t)st.st_mtime;
    return (int64_t)time(NULL);
}

/* The content of a file already in memory, under the same size limit as a
 * file read from disk. */
static th_error copy_bytes(const inbox_file *file, const reader_limits *limits,
                           unsigned char **bytes, size_t *n, finding_list *findings)
{
    if (file->len > limits->max_file_bytes)
        return finding_list_add(findings, FC_FILE_TOO_LARGE, file->name, 0, 0, NULL,
                                _("%zu bytes, the limit is %zu bytes"), file->len,
                                limits->max_file_bytes);
    *bytes = malloc(file->len ? file->len : 1);
    if (*bytes == NULL)
        return TH_ERR_NOMEM;
    memcpy(*bytes, file->bytes, file->len);
    *n = file->len;
    return TH_OK;
}

th_error checked_file_load(const checked_file_options *opt, const inbox_file *file,
                           checked_file *out, unsigned char **bytes, size_t *n)
{
    *bytes = NULL;
    *n = 0;
    out->sub.file_name = strdup(file->name);
    out->sub.unit_code = strdup("");
    if (out->sub.file_name == NULL || out->sub.unit_code == NULL)
        return TH_ERR_NOMEM;
    th_error rc = file->bytes != NULL ? copy_bytes(file, &opt->limits, bytes, n, &out->findings)
                                      : reader_load_file(file->path, file->name, &opt->limits,
                                                         bytes, n, &out->findings);
    if (rc != TH_OK || *bytes == NULL)
        return rc;
    out->loaded = true;
    return digest_sha256_hex(*bytes, *n, out->sub.sha256);
}

th_error checked_file_validate(const checked_file_options *opt, const unsigned char *bytes,
                               size_t n, int64_t received, checked_file *out)
{
    raw_table table = {0};
    size_t first = out->findings.count;
    th_error rc =
        report_format_read(bytes, n, out->sub.file_name, &opt->limits, &table, &out->findings);
    validate_options vo = {opt->campaign, out->sub.file_name, received, opt->strict, opt->typical};
    if (rc == TH_OK)
        rc = validate_report(&table, &vo, &out->report, &out->findings);
    if (rc == TH_OK) /* a spreadsheet's findings say "Sheet1!D7" */
        rc = finding_list_set_sheet(&out->findings, first, table.sheet);
    if (rc == TH_OK) {
        submission *s = &out->sub;
        s->received = received;
        s->imported_at = (int64_t)time(NULL);
        s->state = out->report.rejected ? SUBMISSION_REJECTED : SUBMISSION_ACCEPTED;
        snprintf(s->encoding, sizeof s->encoding, "%s", reader_table_encoding(&table));
        s->rows_read = out->report.nrows_read;
        s->rows_counted = out->report.nactivities;
        s->rows_rejected = out->report.nrows_rejected;
        s->warnings = finding_list_count(&out->findings, FINDING_WARNING);
        out->lines_hidden = table.lines_hidden;
        if (out->report.unit >= 0) {
            free(s->unit_code);
            s->unit_code = strdup(opt->campaign->units[out->report.unit].code);
            rc = s->unit_code ? TH_OK : TH_ERR_NOMEM;
        }
    }
    raw_table_release(&table);
    return rc;
}
