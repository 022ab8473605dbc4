/*
 * sheet_zip.c - libzip over a buffer, with the zip-bomb caps (see sheet_zip.h).
 */
#include "sheet_zip.h"
#include "th_limits.h"
#include "i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define PIECE ((size_t)64 * 1024)

struct sheet_zip {
    zip_t *archive;
    size_t budget; /* bytes that may still be inflated */
};

static sheet_zip_status from_libzip(int code)
{
    switch (code) {
    case ZIP_ER_NOZIP:
        return SHEET_ZIP_NOT_ZIP;
    case ZIP_ER_MEMORY:
        return SHEET_ZIP_NOMEM;
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
    case ZIP_ER_ENCRNOTSUPP:
        return SHEET_ZIP_ENCRYPTED;
    default:
        return SHEET_ZIP_CORRUPT;
    }
}

/* Checks what the directory declares of entry i. */
static sheet_zip_status check_entry(zip_t *a, zip_uint64_t i, size_t max_unpacked, char *detail,
                                    size_t len, zip_uint64_t *total)
{
    zip_stat_t st;
    if (zip_stat_index(a, i, 0, &st) != 0) {
        snprintf(detail, len, "%s", zip_strerror(a));
        return SHEET_ZIP_CORRUPT;
    }
    const char *name = (st.valid & ZIP_STAT_NAME) ? st.name : "?";
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        snprintf(detail, len, _("'%s' is encrypted"), name);
        return SHEET_ZIP_ENCRYPTED;
    }
    if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
        return SHEET_ZIP_OK;
    *total += st.size;
    if (st.size > max_unpacked || *total > max_unpacked) {
        snprintf(detail, len, _("'%s' unpacks to %llu bytes; the limit is %zu bytes in all"), name,
                 (unsigned long long)st.size, max_unpacked);
        return SHEET_ZIP_TOO_LARGE;
    }
    if (st.size > (size_t)LIMIT_ZIP_RATIO_FLOOR_BYTES &&
        st.size / (st.comp_size > 0 ? st.comp_size : 1) > LIMIT_ZIP_RATIO) {
        snprintf(detail, len, _("'%s' is compressed %llu to 1; the limit is %d to 1"), name,
                 (unsigned long long)(st.size / (st.comp_size > 0 ? st.comp_size : 1)),
                 LIMIT_ZIP_RATIO);
        return SHEET_ZIP_TOO_LARGE;
    }
    return SHEET_ZIP_OK;
}

sheet_zip_status sheet_zip_open(const unsigned char *bytes, size_t n, size_t max_unpacked,
                                sheet_zip **out, char *detail, size_t detail_len)
{
    *out = NULL;
    snprintf(detail, detail_len, "%s", "");
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(bytes, n, 0, &err);
    zip_t *a = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err) : NULL;
    if (a == NULL) {
        sheet_zip_status st = from_libzip(zip_error_code_zip(&err));
        snprintf(detail, detail_len, "%s", zip_error_strerror(&err));
        zip_error_fini(&err);
        if (src != NULL)
            zip_source_free(src);
        return st;
    }
    zip_error_fini(&err);
    zip_int64_t count = zip_get_num_entries(a, 0);
    zip_uint64_t total = 0;
    sheet_zip_status st = SHEET_ZIP_OK;
    for (zip_int64_t i = 0; st == SHEET_ZIP_OK && i < count; i++)
        st = check_entry(a, (zip_uint64_t)i, max_unpacked, detail, detail_len, &total);
    sheet_zip *z = st == SHEET_ZIP_OK ? malloc(sizeof *z) : NULL;
    if (z == NULL) {
        zip_discard(a);
        return st == SHEET_ZIP_OK ? SHEET_ZIP_NOMEM : st;
    }
    z->archive = a;
    z->budget = max_unpacked;
    *out = z;
    return SHEET_ZIP_OK;
}

bool sheet_zip_has(sheet_zip *z, const char *name)
{
    return zip_name_locate(z->archive, name, 0) >= 0;
}

/* Reads the open entry f of declared size `declared` into sink. */
static sheet_zip_status pump(sheet_zip *z, zip_file_t *f, const char *name, zip_uint64_t declared,
                             sheet_zip_sink sink, void *ctx, char *detail, size_t detail_len)
{
    char *buf = malloc(PIECE);
    if (buf == NULL)
        return SHEET_ZIP_NOMEM;
    zip_uint64_t got = 0;
    sheet_zip_status st = SHEET_ZIP_OK;
    for (;;) {
        zip_int64_t r = zip_fread(f, buf, PIECE);
        if (r < 0) {
            snprintf(detail, detail_len, "'%s': %s", name, zip_file_strerror(f));
            st = from_libzip(zip_error_code_zip(zip_file_get_error(f)));
            break;
        }
        if (r == 0)
            break;
        got += (zip_uint64_t)r;
        if (got > declared || (size_t)r > z->budget) {
            snprintf(detail, detail_len, _("'%s' unpacks to more than %s"), name,
                     got > declared ? _("its directory says") : _("the limit"));
            st = got > declared ? SHEET_ZIP_CORRUPT : SHEET_ZIP_TOO_LARGE;
            break;
        }
        z->budget -= (size_t)r;
        if (!sink(ctx, buf, (size_t)r)) {
            st = SHEET_ZIP_STOPPED;
            break;
        }
    }
    free(buf);
    return st;
}

sheet_zip_status sheet_zip_read(sheet_zip *z, const char *name, sheet_zip_sink sink, void *ctx,
                                char *detail, size_t detail_len)
{
    zip_int64_t i = zip_name_locate(z->archive, name, 0);
    zip_stat_t st;
    if (i < 0 || zip_stat_index(z->archive, (zip_uint64_t)i, 0, &st) != 0) {
        snprintf(detail, detail_len, _("no '%s' in the archive"), name);
        return SHEET_ZIP_MISSING;
    }
    if (!(st.valid & ZIP_STAT_SIZE) || st.size > z->budget) {
        snprintf(detail, detail_len, _("'%s' unpacks to more than the limit"), name);
        return SHEET_ZIP_TOO_LARGE;
    }
    zip_file_t *f = zip_fopen_index(z->archive, (zip_uint64_t)i, 0);
    if (f == NULL) {
        snprintf(detail, detail_len, "'%s': %s", name, zip_strerror(z->archive));
        return from_libzip(zip_error_code_zip(zip_get_error(z->archive)));
    }
    sheet_zip_status s = pump(z, f, name, st.size, sink, ctx, detail, detail_len);
    if (zip_fclose(f) != 0 && s == SHEET_ZIP_OK) { /* a CRC mismatch shows here */
        snprintf(detail, detail_len, _("'%s' is damaged"), name);
        s = SHEET_ZIP_CORRUPT;
    }
    return s;
}

typedef struct {
    char *buf;
    size_t len, max;
} small_sink;

static bool to_small(void *ctx, const char *buf, size_t len)
{
    small_sink *s = ctx;
    size_t take = len < s->max - s->len ? len : s->max - s->len;
    memcpy(s->buf + s->len, buf, take);
    s->len += take;
    return s->len < s->max;
}

sheet_zip_status sheet_zip_read_small(sheet_zip *z, const char *name, size_t max, char **out,
                                      size_t *len)
{
    char detail[160];
    small_sink s = {malloc(max + 1), 0, max};
    *out = NULL;
    *len = 0;
    if (s.buf == NULL)
        return SHEET_ZIP_NOMEM;
    sheet_zip_status st = sheet_zip_read(z, name, to_small, &s, detail, sizeof detail);
    if (st != SHEET_ZIP_OK && st != SHEET_ZIP_STOPPED) {
        free(s.buf);
        return st;
    }
    s.buf[s.len] = '\0';
    *out = s.buf;
    *len = s.len;
    return SHEET_ZIP_OK;
}

void sheet_zip_close(sheet_zip *z)
{
    if (z == NULL)
        return;
    zip_discard(z->archive);
    free(z);
}
