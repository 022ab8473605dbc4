/*
 * run_state.c - the last run's record in the output folder (see
 * run_state.h).  A text file of "key value" lines:
 *
 *   tonghop-run 1
 *   fingerprint <64 hex>
 *   as_of <epoch>
 *   last_id <id>
 *   workbook <file name>
 *   unit <status> <effective id> <code>
 */
#include "run_state.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "export.h"
#include "i18n.h"
#include "strbuf.h"

#define STATE_MAGIC "tonghop-run 1"

static th_error add_unit(run_state *st, const char *code, int status, int64_t id)
{
    run_state_unit *grown = realloc(st->units, (st->nunits + 1) * sizeof *grown);
    if (grown == NULL)
        return TH_ERR_NOMEM;
    st->units = grown;
    run_state_unit *u = &st->units[st->nunits];
    u->code = strdup(code);
    u->status = status;
    u->effective_id = id;
    if (u->code == NULL)
        return TH_ERR_NOMEM;
    st->nunits++;
    return TH_OK;
}

/* Takes one line of the file; false when it is not one of ours. */
static bool parse_line(run_state *st, char *line, th_error *rc)
{
    long long a = 0, b = 0;
    int used = 0;
    if (sscanf(line, "fingerprint %64s", st->fingerprint) == 1)
        return strlen(st->fingerprint) == 64;
    if (sscanf(line, "as_of %lld", &a) == 1) {
        st->as_of = a;
        return true;
    }
    if (sscanf(line, "last_id %lld", &a) == 1) {
        st->last_id = a;
        return true;
    }
    if (strncmp(line, "workbook ", 9) == 0) {
        free(st->workbook);
        st->workbook = strdup(line + 9);
        *rc = st->workbook ? TH_OK : TH_ERR_NOMEM;
        return true;
    }
    if (sscanf(line, "unit %lld %lld %n", &a, &b, &used) == 2 && used > 0) {
        *rc = add_unit(st, line + used, (int)a, b);
        return true;
    }
    return false;
}

th_error run_state_load(const char *dir, run_state *out)
{
    char path[4096], line[4096];
    memset(out, 0, sizeof *out);
    snprintf(path, sizeof path, "%s/%s", dir, RUN_STATE_FILE);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return TH_OK;
    th_error rc = TH_OK;
    bool good = fgets(line, sizeof line, f) != NULL && strncmp(line, STATE_MAGIC, 13) == 0;
    while (good && rc == TH_OK && fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        good = parse_line(out, line, &rc);
    }
    good = good && !ferror(f) && out->fingerprint[0] != '\0';
    fclose(f);
    if (rc != TH_OK || !good) { /* a damaged record: as if there were none */
        run_state_release(out);
        return rc;
    }
    out->present = true;
    return TH_OK;
}

th_error run_state_save(const char *dir, const run_state *st, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, RUN_STATE_FILE);
    export_temp t;
    th_error rc = export_temp_create(path, &t, err, errlen);
    if (rc != TH_OK)
        return rc;
    FILE *f = fdopen(dup(t.fd), "w");
    if (f == NULL) {
        export_temp_discard(&t);
        snprintf(err, errlen, _("cannot write '%s': %s"), path, strerror(errno));
        return TH_ERR_IO;
    }
    fprintf(f, "%s\nfingerprint %s\nas_of %" PRId64 "\nlast_id %" PRId64 "\nworkbook %s\n",
            STATE_MAGIC, st->fingerprint, st->as_of, st->last_id, st->workbook ? st->workbook : "");
    for (size_t i = 0; i < st->nunits; i++)
        fprintf(f, "unit %d %" PRId64 " %s\n", st->units[i].status, st->units[i].effective_id,
                st->units[i].code);
    int saved = 0;
    if (fflush(f) != 0 || ferror(f))
        saved = errno ? errno : EIO;
    fclose(f);
    if (saved != 0) {
        export_temp_discard(&t);
        snprintf(err, errlen, _("cannot write '%s': %s"), path, strerror(saved));
        return saved == ENOSPC || saved == EFBIG ? TH_ERR_NOSPACE : TH_ERR_IO;
    }
    return export_temp_commit(&t, path, err, errlen);
}

const run_state_unit *run_state_find(const run_state *st, const char *code)
{
    for (size_t i = 0; i < st->nunits; i++)
        if (strcmp(st->units[i].code, code) == 0)
            return &st->units[i];
    return NULL;
}

void run_state_release(run_state *st)
{
    for (size_t i = 0; i < st->nunits; i++)
        free(st->units[i].code);
    free(st->units);
    free(st->workbook);
    memset(st, 0, sizeof *st);
}

/* Appends "file <name> <sha256>" for the regular file dir/name. */
static th_error hash_file(const char *dir, const char *name, strbuf *out, char *err, size_t errlen)
{
    char path[4096], hex[65];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    struct stat sb;
    if (f == NULL || fstat(fileno(f), &sb) != 0) {
        snprintf(err, errlen, _("cannot read '%s': %s"), path, strerror(errno));
        if (f)
            fclose(f);
        return TH_ERR_CONFIG;
    }
    if (!S_ISREG(sb.st_mode)) {
        fclose(f);
        return TH_OK;
    }
    unsigned char *bytes = malloc((size_t)sb.st_size + 1);
    size_t n = bytes ? fread(bytes, 1, (size_t)sb.st_size, f) : 0;
    fclose(f);
    th_error rc = bytes == NULL ? TH_ERR_NOMEM : digest_sha256_hex(bytes, n, hex);
    free(bytes);
    if (rc == TH_OK)
        strbuf_addf(out, "file %s %s\n", name, hex);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the campaign folder's files, sorted by name. */
static th_error hash_campaign(const char *dir, strbuf *out, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        snprintf(err, errlen, _("cannot read the campaign folder '%s': %s"), dir, strerror(errno));
        return TH_ERR_CONFIG;
    }
    char **names = NULL;
    size_t n = 0;
    th_error rc = TH_OK;
    for (struct dirent *e = readdir(d); e != NULL && rc == TH_OK; e = readdir(d)) {
        if (e->d_name[0] == '.')
            continue;
        char **grown = realloc(names, (n + 1) * sizeof *grown);
        if (grown == NULL || (grown[n] = strdup(e->d_name)) == NULL)
            rc = TH_ERR_NOMEM;
        if (grown != NULL)
            names = grown;
        n += rc == TH_OK;
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n && rc == TH_OK; i++)
        rc = hash_file(dir, names[i], out, err, errlen);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

th_error run_state_fingerprint(const char *campaign_dir, const submission *subs, size_t n,
                               char hex[65], char *err, size_t errlen)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_addf(&b, "tonghop %s\n", TONGHOP_VERSION);
    th_error rc = hash_campaign(campaign_dir, &b, err, errlen);
    for (size_t i = 0; i < n && rc == TH_OK; i++)
        strbuf_addf(
            &b, "submission %" PRId64 " %s %d %" PRId64 " %s %" PRId64 " %" PRId64 " %zu %zu\n",
            subs[i].id, subs[i].sha256, (int)subs[i].state, subs[i].received, subs[i].unit_code,
            subs[i].supplements, subs[i].withdrawn_at, subs[i].rows_counted, subs[i].warnings);
    if (rc == TH_OK)
        rc = b.failed ? TH_ERR_NOMEM : digest_sha256_hex(b.buf, b.len, hex);
    strbuf_release(&b);
    return rc;
}
