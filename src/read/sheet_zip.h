/*
 * sheet_zip.h - the zip container of .xlsx and .ods files, read from
 * memory through libzip with the caps that make a zip bomb harmless.
 *
 * Every entry read is checked twice: by what the zip directory declares
 * (its size against what is left of the budget, its compression ratio), and
 * while it is inflated (never more bytes than declared, never more than the
 * budget in all), so a directory that lies does not help.  The only module
 * that includes zip.h.
 */
#ifndef TONGHOP_SHEET_ZIP_H
#define TONGHOP_SHEET_ZIP_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    SHEET_ZIP_OK = 0,
    SHEET_ZIP_STOPPED,   /* the sink asked to stop */
    SHEET_ZIP_NOT_ZIP,   /* not a zip archive at all */
    SHEET_ZIP_CORRUPT,   /* damaged or truncated (libzip's message in detail) */
    SHEET_ZIP_TOO_LARGE, /* over the budget or the ratio */
    SHEET_ZIP_ENCRYPTED, /* an entry is encrypted */
    SHEET_ZIP_MISSING,   /* no entry of that name */
    SHEET_ZIP_NOMEM,
} sheet_zip_status;

typedef struct sheet_zip sheet_zip;

/* Consumes inflated bytes; returns false to stop reading. */
typedef bool (*sheet_zip_sink)(void *ctx, const char *buf, size_t len);

/* Opens the zip archive bytes[0..n) (not copied: they must outlive *out),
 * allowing max_unpacked bytes to be inflated in all.  Checks the directory:
 * consistency, encryption, and the declared sizes and ratios of all entries.
 * On anything but SHEET_ZIP_OK, *out is NULL and detail says why. */
sheet_zip_status sheet_zip_open(const unsigned char *bytes, size_t n, size_t max_unpacked,
                                sheet_zip **out, char *detail, size_t detail_len);

/* True when the archive holds an entry of that name. */
bool sheet_zip_has(sheet_zip *z, const char *name);

/* Inflates the entry name and feeds it to sink in pieces.  Returns
 * SHEET_ZIP_OK at its end, SHEET_ZIP_STOPPED when the sink stopped, or the
 * failure (detail says why). */
sheet_zip_status sheet_zip_read(sheet_zip *z, const char *name, sheet_zip_sink sink, void *ctx,
                                char *detail, size_t detail_len);

/* Reads the entry name, at most max bytes of it, into a newly allocated,
 * NUL-terminated *out (*len bytes; the caller frees it).  A longer entry is
 * cut at max bytes. */
sheet_zip_status sheet_zip_read_small(sheet_zip *z, const char *name, size_t max, char **out,
                                      size_t *len);

/* Closes z (NULL is allowed). */
void sheet_zip_close(sheet_zip *z);

#endif
