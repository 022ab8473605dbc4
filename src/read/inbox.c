/*
 * inbox.c - expands the command's file and folder arguments (see inbox.h).
 */
#include "inbox.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "array.h"
#include "field.h"
#include "report_reader.h"
#include "text.h"

static th_error add_file(inbox *in, const char *dir, const char *name)
{
    if (!array_reserve(&in->files, &in->capacity, in->count + 1, sizeof *in->files))
        return TH_ERR_NOMEM;
    inbox_file *f = &in->files[in->count];
    *f = (inbox_file){0};
    if (dir != NULL) {
        if (asprintf(&f->path, "%s/%s", dir, name) < 0)
            return TH_ERR_NOMEM;
    } else {
        f->path = strdup(name);
    }
    const char *slash = strrchr(f->path ? f->path : "", '/');
    f->name = strdup(slash ? slash + 1 : name);
    if (f->path == NULL || f->name == NULL) {
        free(f->path);
        free(f->name);
        return TH_ERR_NOMEM;
    }
    in->count++;
    return TH_OK;
}

static bool is_report_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 4 && strcasecmp(name + n - 4, ".csv") == 0 &&
           strcasecmp(name, INBOX_MANIFEST) != 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const inbox_file *)a)->name, ((const inbox_file *)b)->name);
}

/* Applies dir/received.csv, if there is one, to the files [first, count). */
static th_error apply_manifest(inbox *in, size_t first, const char *dir, int offset, char *err,
                               size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, INBOX_MANIFEST);
    struct stat st;
    if (stat(path, &st) != 0)
        return TH_OK;
    raw_table t = {0};
    finding_list findings;
    finding_list_init(&findings);
    reader_limits limits = reader_default_limits();
    th_error rc = reader_read_file(path, INBOX_MANIFEST, &limits, &t, &findings);
    if (rc == TH_OK && (findings.count > 0 || t.nrecords == 0 || t.records[0].ncells < 2 ||
                        !text_same_key(t.records[0].cells[0], "file") ||
                        !text_same_key(t.records[0].cells[1], "received"))) {
        snprintf(err, errlen, "'%s' must be a CSV file with the columns file,received", path);
        rc = TH_ERR_CONFIG;
    }
    for (size_t r = 1; rc == TH_OK && r < t.nrecords; r++) {
        const raw_record *rec = &t.records[r];
        int64_t when = 0;
        if (rec->ncells < 2 || field_parse_time(rec->cells[1], offset, &when) != FIELD_OK) {
            snprintf(err, errlen, "'%s' line %zu: '%s' is not a time (YYYY-MM-DD HH:MM)", path,
                     rec->line, rec->ncells < 2 ? "" : rec->cells[1]);
            rc = TH_ERR_CONFIG;
            break;
        }
        for (size_t i = first; i < in->count; i++)
            if (strcmp(in->files[i].name, rec->cells[0]) == 0)
                in->files[i].received = when;
    }
    raw_table_release(&t);
    finding_list_release(&findings);
    return rc;
}

static th_error add_folder(inbox *in, const char *dir, int offset, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        snprintf(err, errlen, "cannot open folder '%s'", dir);
        return TH_ERR_CONFIG;
    }
    size_t first = in->count;
    th_error rc = TH_OK;
    for (struct dirent *e = readdir(d); e != NULL && rc == TH_OK; e = readdir(d)) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (is_report_name(e->d_name) && stat(path, &st) == 0 && S_ISREG(st.st_mode))
            rc = add_file(in, dir, e->d_name);
    }
    closedir(d);
    if (rc == TH_OK)
        qsort(in->files + first, in->count - first, sizeof *in->files, by_name);
    return rc == TH_OK ? apply_manifest(in, first, dir, offset, err, errlen) : rc;
}

th_error inbox_collect(char *const *args, int nargs, int utc_offset_min, inbox *out, char *err,
                       size_t errlen)
{
    memset(out, 0, sizeof *out);
    snprintf(err, errlen, "out of memory");
    th_error rc = TH_OK;
    for (int i = 0; i < nargs && rc == TH_OK; i++) {
        struct stat st;
        if (stat(args[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc = add_folder(out, args[i], utc_offset_min, err, errlen);
        else
            rc = add_file(out, NULL, args[i]);
    }
    return rc;
}

void inbox_release(inbox *in)
{
    for (size_t i = 0; i < in->count; i++) {
        free(in->files[i].path);
        free(in->files[i].name);
    }
    free(in->files);
    memset(in, 0, sizeof *in);
}
