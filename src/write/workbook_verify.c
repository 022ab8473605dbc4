/*
 * workbook_verify.c - reads a finished workbook back before it is renamed
 * into place.
 *
 * libxlsxwriter reports success even when its temporary files ran out of
 * space and a sheet was cut short (docs/design.md §11.1).  The rows
 * themselves are checked before workbook_close (the temporary files' error
 * flags, workbook.c); what is checked here is what workbook_close wrote: the
 * zip's central directory is read, and each worksheet is inflated to its end
 * and checked: its sizes against the directory's, its last row, and the
 * closing </worksheet> tag.
 *
 * The CRC is not computed again: it was computed by the zip writer over the
 * very bytes it compressed, so it cannot tell a sheet cut short in a
 * temporary file from a whole one, and a damaged stream already fails to
 * inflate to the directory's sizes.  Leaving it out saves about a third of
 * the read-back.
 */
#include "workbook.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define CHUNK 65536

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* What one worksheet's XML must contain. */
typedef struct {
    char want_row[32]; /* "<row r=\"N\"" or "" */
    bool found_row;
    char tail[16]; /* the last bytes seen */
    size_t ntail;
    uint64_t in, out; /* compressed bytes read, uncompressed bytes made */
} sheet_check;

static void scan(sheet_check *k, const unsigned char *buf, size_t n)
{
    size_t w = strlen(k->want_row);
    if (w > 0 && !k->found_row) {
        /* the tail of the previous chunk plus this one's head, then the chunk */
        unsigned char joint[64];
        size_t head = n < w ? n : w;
        memcpy(joint, k->tail, k->ntail);
        memcpy(joint + k->ntail, buf, head);
        k->found_row = memmem(joint, k->ntail + head, k->want_row, w) != NULL ||
                       memmem(buf, n, k->want_row, w) != NULL;
    }
    size_t keep = sizeof k->tail;
    if (n >= keep) {
        memcpy(k->tail, buf + n - keep, keep);
        k->ntail = keep;
    } else {
        size_t drop = k->ntail + n > keep ? k->ntail + n - keep : 0;
        memmove(k->tail, k->tail + drop, k->ntail - drop);
        memcpy(k->tail + k->ntail - drop, buf, n);
        k->ntail = k->ntail - drop + n;
    }
}

/* Inflates the entry whose local header is at offset and scans it. */
static bool inflate_entry(FILE *f, long offset, sheet_check *k)
{
    unsigned char hdr[30], *in = malloc(CHUNK), *out = malloc(CHUNK);
    z_stream z = {0};
    int zr = Z_DATA_ERROR;
    bool ok = in && out && fseek(f, offset, SEEK_SET) == 0 && fread(hdr, 1, 30, f) == 30 &&
              le32(hdr) == 0x04034b50 && fseek(f, le16(hdr + 26) + le16(hdr + 28), SEEK_CUR) == 0 &&
              inflateInit2(&z, -MAX_WBITS) == Z_OK;
    bool inflating = ok; /* inflateEnd is owed, whatever happens next */
    while (ok && zr != Z_STREAM_END) {
        z.avail_in = (uInt)fread(in, 1, CHUNK, f);
        z.next_in = in;
        if (z.avail_in == 0)
            break;
        do {
            z.next_out = out;
            z.avail_out = CHUNK;
            zr = inflate(&z, Z_NO_FLUSH);
            if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
                ok = false;
            scan(k, out, CHUNK - z.avail_out);
        } while (ok && z.avail_out == 0 && zr != Z_STREAM_END);
    }
    k->in = z.total_in;
    k->out = z.total_out;
    if (inflating)
        inflateEnd(&z);
    free(in);
    free(out);
    return ok && zr == Z_STREAM_END;
}

static th_error bad(char *err, size_t errlen, const char *path, const char *why)
{
    snprintf(err, errlen, _("the workbook '%s' is incomplete (%s): is the disk full?"), path, why);
    return TH_ERR_NOSPACE;
}

/* Reads the end-of-central-directory record: entries and offset. */
static bool central_directory(FILE *f, uint16_t *entries, uint32_t *offset, long *size)
{
    unsigned char buf[22];
    if (fseek(f, 0, SEEK_END) != 0 || (*size = ftell(f)) < 22)
        return false;
    /* libxlsxwriter writes no zip comment: the record is the last 22 bytes */
    if (fseek(f, *size - 22, SEEK_SET) != 0 || fread(buf, 1, 22, f) != 22 ||
        le32(buf) != 0x06054b50)
        return false;
    *entries = le16(buf + 10);
    *offset = le32(buf + 16);
    return *offset < (uint32_t)*size;
}

/* Checks one central-directory entry; sets *done for a worksheet checked. */
static th_error check_entry(FILE *f, const unsigned char *cd, const char *name, size_t nlen,
                            const uint32_t *last_rows, size_t nsheets, bool *seen, const char *path,
                            char *err, size_t errlen)
{
    unsigned sheet = 0;
    char tailname[8] = "";
    if (nlen > 40 || sscanf(name, "xl/worksheets/sheet%u.%4s", &sheet, tailname) != 2 ||
        strcmp(tailname, "xml") != 0 || sheet == 0 || sheet > nsheets)
        return TH_OK;
    sheet_check k = {0};
    if (last_rows[sheet - 1] > 0)
        snprintf(k.want_row, sizeof k.want_row, "<row r=\"%u\"", (unsigned)last_rows[sheet - 1]);
    long pos = ftell(f);
    bool ok = inflate_entry(f, (long)le32(cd + 42), &k);
    if (pos < 0 || fseek(f, pos, SEEK_SET) != 0)
        ok = false;
    if (!ok || k.in != le32(cd + 20) || k.out != le32(cd + 24))
        return bad(err, errlen, path, _("a worksheet does not inflate"));
    if (k.want_row[0] && !k.found_row)
        return bad(err, errlen, path, _("a worksheet lacks its last row"));
    if (k.ntail < 12 || memcmp(k.tail + k.ntail - 12, "</worksheet>", 12) != 0)
        return bad(err, errlen, path, _("a worksheet is cut short"));
    seen[sheet - 1] = true;
    return TH_OK;
}

static th_error walk(FILE *f, const uint32_t *last_rows, size_t nsheets, bool *seen,
                     const char *path, char *err, size_t errlen)
{
    uint16_t entries;
    uint32_t offset;
    long size;
    if (!central_directory(f, &entries, &offset, &size) || fseek(f, offset, SEEK_SET) != 0)
        return bad(err, errlen, path, _("no zip directory"));
    th_error rc = TH_OK;
    for (uint16_t i = 0; rc == TH_OK && i < entries; i++) {
        unsigned char cd[46];
        char name[64] = "";
        if (fread(cd, 1, 46, f) != 46 || le32(cd) != 0x02014b50)
            return bad(err, errlen, path, _("a damaged zip directory"));
        size_t nlen = le16(cd + 28), skip = (size_t)le16(cd + 30) + le16(cd + 32);
        if (nlen < sizeof name && fread(name, 1, nlen, f) == nlen)
            name[nlen] = '\0';
        else if (fseek(f, (long)nlen, SEEK_CUR) != 0)
            return bad(err, errlen, path, _("a damaged zip directory"));
        rc = check_entry(f, cd, name, nlen, last_rows, nsheets, seen, path, err, errlen);
        if (rc == TH_OK && fseek(f, (long)skip, SEEK_CUR) != 0)
            rc = bad(err, errlen, path, _("a damaged zip directory"));
    }
    for (size_t s = 0; rc == TH_OK && s < nsheets; s++) {
        if (!seen[s])
            rc = bad(err, errlen, path, _("a worksheet is missing"));
    }
    return rc;
}

th_error wb_verify(const char *path, const uint32_t *last_rows, size_t nsheets, char *err,
                   size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, errlen, _("cannot read back '%s': %s"), path, strerror(errno));
        return TH_ERR_IO;
    }
    bool *seen = calloc(nsheets ? nsheets : 1, sizeof *seen);
    th_error rc = seen ? walk(f, last_rows, nsheets, seen, path, err, errlen) : TH_ERR_NOMEM;
    free(seen);
    fclose(f);
    return rc;
}
