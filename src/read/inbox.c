/*
 * inbox.c - expands the command's file and folder arguments (see inbox.h).
 */
#include "inbox.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "array.h"
#include "field.h"
#include "report_format.h"
#include "report_reader.h"
#include "text.h"
#include "th_limits.h"
#include "i18n.h"

/* Adds the report at path, named name in findings and the ledger. */
static th_error add_file(inbox *in, const char *path, const char *name)
{
    if (!array_reserve(&in->files, &in->capacity, in->count + 1, sizeof *in->files))
        return TH_ERR_NOMEM;
    inbox_file *f = &in->files[in->count];
    *f = (inbox_file){0};
    f->path = strdup(path);
    f->name = strdup(name);
    if (f->path == NULL || f->name == NULL) {
        free(f->path);
        free(f->name);
        return TH_ERR_NOMEM;
    }
    in->count++;
    return TH_OK;
}

static bool ends_with_any(const char *name, const char *const *exts, size_t n)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < n; i++) {
        size_t e = strlen(exts[i]);
        if (len > e && strcasecmp(name + len - e, exts[i]) == 0)
            return true;
    }
    return false;
}

#define ENDS_WITH_ANY(name, exts) ends_with_any(name, exts, sizeof exts / sizeof exts[0])

/* Returns the finding that names the folder entry `name` as not taken, or
 * FC_COUNT for a report to read. */
static finding_code classify(const char *name)
{
    static const char *const pdf[] = {".pdf"};
    static const char *const word[] = {".doc", ".docx", ".docm", ".odt", ".rtf"};
    static const char *const image[] = {".png", ".jpg",  ".jpeg", ".gif", ".bmp",
                                        ".tif", ".tiff", ".webp", ".heic"};
    static const char *const archive[] = {".zip", ".rar", ".7z",  ".tar",
                                          ".gz",  ".tgz", ".bz2", ".xz"};
    if (strncmp(name, "~$", 2) == 0)
        return FC_SKIPPED_TEMPORARY;
    if (name[0] == '.')
        return FC_SKIPPED_HIDDEN;
    if (report_format_known_extension(name))
        return FC_COUNT;
    if (ENDS_WITH_ANY(name, pdf))
        return FC_SKIPPED_PDF;
    if (ENDS_WITH_ANY(name, word))
        return FC_SKIPPED_WORD;
    if (ENDS_WITH_ANY(name, image))
        return FC_SKIPPED_IMAGE;
    if (ENDS_WITH_ANY(name, archive))
        return FC_SKIPPED_ARCHIVE;
    return FC_SKIPPED_OTHER;
}

/* Returns the base name of an inbox name ("2022-10-05/a.csv" -> "a.csv"). */
static const char *base_name(const char *name)
{
    const char *slash = strrchr(name, '/');
    return slash ? slash + 1 : name;
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
        snprintf(err, errlen,
                 _("'%s' must be a CSV file with the columns \"file\" and \"received\""), path);
        rc = TH_ERR_CONFIG;
    }
    for (size_t r = 1; rc == TH_OK && r < t.nrecords; r++) {
        const raw_record *rec = &t.records[r];
        int64_t when = 0;
        if (rec->ncells < 2 || field_parse_time(rec->cells[1], offset, &when) != FIELD_OK) {
            snprintf(err, errlen, _("'%s' line %zu: '%s' is not a time (YYYY-MM-DD HH:MM)"), path,
                     rec->line, rec->ncells < 2 ? "" : rec->cells[1]);
            rc = TH_ERR_CONFIG;
            break;
        }
        for (size_t i = first; i < in->count; i++)
            if (strcmp(base_name(in->files[i].name), rec->cells[0]) == 0)
                in->files[i].received = when;
    }
    raw_table_release(&t);
    finding_list_release(&findings);
    return rc;
}

/* The folders being read, from the argument down: a link back into one of
 * them would never end. */
typedef struct {
    dev_t dev[LIMIT_INBOX_DEPTH + 1];
    ino_t ino[LIMIT_INBOX_DEPTH + 1];
    int depth;
} folder_path;

static bool on_path(const folder_path *fp, const struct stat *st)
{
    for (int i = 0; i < fp->depth; i++)
        if (fp->dev[i] == st->st_dev && fp->ino[i] == st->st_ino)
            return true;
    return false;
}

static int by_bytes(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static th_error skip(inbox *in, finding_code code, const char *rel, const char *detail)
{
    return finding_list_add(&in->skipped, code, rel, 0, 0, NULL, "%s", detail);
}

static th_error add_folder(inbox *in, const char *dir, const char *prefix, folder_path *fp,
                           int offset, char *err, size_t errlen);

/* Makes *path = dir/name and *rel = prefix/name (name when prefix is NULL);
 * the caller frees both.  False when out of memory (nothing to free). */
static bool join(const char *dir, const char *prefix, const char *name, char **path, char **rel)
{
    *path = *rel = NULL;
    if (asprintf(path, "%s/%s", dir, name) < 0) {
        *path = NULL;
        return false;
    }
    bool ok =
        prefix == NULL ? (*rel = strdup(name)) != NULL : asprintf(rel, "%s/%s", prefix, name) >= 0;
    if (!ok) {
        free(*path);
        *path = *rel = NULL;
    }
    return ok;
}

/* Looks at one entry of a folder: takes a report, names anything else, and
 * notes a subfolder in *is_dir for later. */
static th_error add_entry(inbox *in, const char *dir, const char *prefix, const char *name,
                          bool *is_dir)
{
    char *path, *rel;
    struct stat st;
    th_error rc = TH_OK;
    *is_dir = false;
    if (!join(dir, prefix, name, &path, &rel))
        return TH_ERR_NOMEM;
    if (stat(path, &st) != 0)
        rc = skip(in, FC_SKIPPED_OTHER, rel, _("a link to nothing"));
    else if (S_ISDIR(st.st_mode))
        *is_dir = true;
    else if (!S_ISREG(st.st_mode))
        rc = skip(in, FC_SKIPPED_OTHER, rel, _("not a regular file"));
    else if (strcasecmp(name, INBOX_MANIFEST) != 0) {
        finding_code code = classify(name);
        size_t n = strlen(name);
        const char *why = n > 4 && strcasecmp(name + n - 4, ".txt") == 0
                              ? _("a text file: if it is a report saved as Unicode Text, "
                                  "rename it .csv")
                              : "";
        rc = code == FC_COUNT ? add_file(in, path, rel) : skip(in, code, rel, why);
    }
    free(path);
    free(rel);
    return rc;
}

/* Reads the subfolder name of dir (its inbox name below prefix). */
static th_error add_subfolder(inbox *in, const char *dir, const char *prefix, const char *name,
                              folder_path *fp, int offset, char *err, size_t errlen)
{
    char *path, *rel;
    struct stat st;
    th_error rc = TH_OK;
    if (!join(dir, prefix, name, &path, &rel))
        return TH_ERR_NOMEM;
    if (name[0] == '.')
        rc = skip(in, FC_SKIPPED_HIDDEN, rel, _("a hidden folder"));
    else if (stat(path, &st) != 0 || on_path(fp, &st))
        rc = skip(in, FC_SKIPPED_OTHER, rel, _("a link back to a folder being read"));
    else if (fp->depth > LIMIT_INBOX_DEPTH)
        rc = skip(in, FC_SKIPPED_OTHER, rel, _("a folder too deep below the one given"));
    else
        rc = add_folder(in, path, rel, fp, offset, err, errlen);
    free(path);
    free(rel);
    return rc;
}

/* Adds the folder dir, whose entries are named prefix/... (prefix NULL for
 * a folder given as an argument): its files, then its subfolders. */
static th_error add_folder(inbox *in, const char *dir, const char *prefix, folder_path *fp,
                           int offset, char *err, size_t errlen)
{
    struct dirent **list = NULL;
    struct stat st;
    int n = scandir(dir, &list, NULL, by_bytes);
    if (n < 0 || stat(dir, &st) != 0) {
        int e = errno;
        free(list);
        if (prefix != NULL)
            return skip(in, FC_SKIPPED_OTHER, prefix, _("a folder that cannot be opened"));
        snprintf(err, errlen, _("cannot open the folder '%s': %s"), dir, strerror(e));
        return TH_ERR_CONFIG;
    }
    fp->dev[fp->depth] = st.st_dev;
    fp->ino[fp->depth++] = st.st_ino;
    size_t first = in->count;
    bool *sub = calloc((size_t)n + 1, sizeof *sub);
    th_error rc = sub ? TH_OK : TH_ERR_NOMEM;
    for (int i = 0; rc == TH_OK && i < n; i++)
        if (strcmp(list[i]->d_name, ".") != 0 && strcmp(list[i]->d_name, "..") != 0)
            rc = add_entry(in, dir, prefix, list[i]->d_name, &sub[i]);
    if (rc == TH_OK)
        rc = apply_manifest(in, first, dir, offset, err, errlen);
    for (int i = 0; rc == TH_OK && i < n; i++)
        if (sub[i])
            rc = add_subfolder(in, dir, prefix, list[i]->d_name, fp, offset, err, errlen);
    for (int i = 0; i < n; i++)
        free(list[i]);
    free(list);
    free(sub);
    fp->depth--;
    return rc;
}

th_error inbox_collect(char *const *args, int nargs, int utc_offset_min, inbox *out, char *err,
                       size_t errlen)
{
    memset(out, 0, sizeof *out);
    snprintf(err, errlen, "%s", th_strerror(TH_ERR_NOMEM));
    th_error rc = TH_OK;
    finding_list_init(&out->skipped);
    for (int i = 0; i < nargs && rc == TH_OK; i++) {
        struct stat st;
        folder_path fp = {.depth = 0};
        const char *slash = strrchr(args[i], '/');
        int found = stat(args[i], &st);
        if (found == 0 && S_ISDIR(st.st_mode)) {
            rc = add_folder(out, args[i], NULL, &fp, utc_offset_min, err, errlen);
        } else if (found != 0 && (errno == ENOENT || errno == ENOTDIR)) {
            /* A name on the command line that names nothing is a typing
             * slip of the clerk's, not a file a unit must send again. */
            snprintf(err, errlen, _("there is no file or folder '%s'"), args[i]);
            rc = TH_ERR_USAGE;
        } else {
            rc = add_file(out, args[i], slash ? slash + 1 : args[i]);
        }
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
    finding_list_release(&in->skipped);
    memset(in, 0, sizeof *in);
}
