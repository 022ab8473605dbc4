/*
 * mail_message.h - e-mail out: an RFC 5322 message with attachments, ready
 * for `sendmail -t < FILE` (tonghop never sends anything itself).
 *
 * The message is built by GMime: the subject and display names are
 * RFC 2047-encoded, attachment file names RFC 2231-encoded in UTF-8, the
 * attachments base64-encoded, the body text/plain UTF-8.  Given the same
 * input with stable_id set, the output is byte-identical (the Message-ID and
 * the MIME boundary are derived from the content), so a nightly job that
 * changes nothing writes the same file.
 */
#ifndef TONGHOP_MAIL_MESSAGE_H
#define TONGHOP_MAIL_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* The MIME type of an .xlsx workbook. */
#define MAIL_XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* One file attached to a message: its bytes in memory, or the file at path
 * (read whole when the message is written; bytes must then be NULL). */
typedef struct {
    const unsigned char *bytes;
    size_t len;
    const char *path;
    const char *name;      /* the file name the recipient sees, UTF-8 */
    const char *mime_type; /* "type/subtype"; NULL: mail_mime_type_for(name) */
} mail_attachment;

/* A message to write.  Address lists are RFC 5322 lists in UTF-8, such as
 * "Sở GD&ĐT <so@example.vn>, b@example.vn"; display names may be
 * Vietnamese.  from and to must hold at least one address; cc may be NULL
 * or "". */
typedef struct {
    const char *from;
    const char *to;
    const char *cc;
    const char *subject; /* UTF-8 */
    const char *body;    /* UTF-8 plain text, lines ended by "\n" */
    int64_t date;        /* epoch seconds, written in the zone below */
    int utc_offset_min;  /* 420 for UTC+7 */
    bool stable_id;      /* Message-ID and boundary from the content, else random */
    const mail_attachment *attachments;
    size_t nattachments;
} mail_message;

/* Returns the MIME type for a file name by its extension, case-insensitive:
 * .xlsx, .xls, .ods, .csv, .txt, .pdf; "application/octet-stream" for any
 * other.  Never NULL; the string is static. */
const char *mail_mime_type_for(const char *file_name);

/* Checks that list is an address list GMime reads, with at least one
 * address: returns TH_OK, else TH_ERR_USAGE with a message in err naming
 * what (such as "To").  For commands that check their addresses before
 * doing any work. */
th_error mail_addresses_check(const char *list, const char *what, char *err, size_t errlen);

/* Formats m into a newly allocated buffer *out of *len bytes (NUL-terminated
 * too, for convenience; the caller frees it with free).  Returns TH_OK;
 * TH_ERR_USAGE with a message in err when an address list does not parse,
 * from or to is empty, or a text is not valid UTF-8; TH_ERR_IO when an
 * attachment's path cannot be read; TH_ERR_NOMEM.  On failure *out is NULL. */
th_error mail_message_format(const mail_message *m, char **out, size_t *len, char *err,
                             size_t errlen);

/* Writes m to path atomically: under a hidden temporary name in the same
 * folder, synced, then renamed; on any failure nothing is left at path or
 * beside it and the previous file at path, if any, is untouched.  Returns
 * what mail_message_format returns, or TH_ERR_IO / TH_ERR_NOSPACE with a
 * message in err when the file cannot be written. */
th_error mail_message_write(const mail_message *m, const char *path, char *err, size_t errlen);

#endif
