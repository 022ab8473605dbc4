/*
 * maildir.h - e-mail in: the report attachments of the messages that
 * fetchmail, getmail or offlineimap deliver into a Maildir.
 *
 * The rule for what is new: tonghop reads only the messages in DIR/new/.
 * Once the caller has stored a message's attachments it calls
 * maildir_mark_seen, which moves the message to DIR/cur/ with the ":2,S"
 * (seen) flag, as the Maildir convention says a reader does; the next run
 * does not see it again.  Messages already in cur/ (read by a mail client)
 * are left alone, and DIR/tmp/ holds deliveries in progress, never read.
 *
 * Every message is read by GMime in bounded memory and time; what is wrong
 * with one message (too large, nested too deeply, too many parts, a broken
 * attachment, no report attached) is a finding about that message, and the
 * next message is read as usual.
 */
#ifndef TONGHOP_MAILDIR_H
#define TONGHOP_MAILDIR_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "finding.h"

typedef struct {
    size_t max_message_bytes;    /* a larger message is not read (64 MiB) */
    size_t max_attachment_bytes; /* a larger decoded attachment is dropped (64 MiB,
                                    as the reader's file cap) */
    unsigned max_depth;          /* nesting of multiparts and forwarded messages (16) */
    size_t max_parts;            /* MIME parts of one message (1000) */
} maildir_limits;

/* Returns the default limits above. */
maildir_limits maildir_default_limits(void);

/* A report attached to a message. */
typedef struct {
    char *name;           /* the file name as sent, decoded (RFC 2047/2231), made safe:
                             no '/', '\\', control character or leading '.', never "" or
                             "..", NFC, ending in .csv/.xlsx/.ods/.xls (added from the
                        MIME type when the name lacks it); so DIR + "/" + name
                        stays in DIR.  Owned */
    char *mime_type;      /* "text/csv", lowercase; owned */
    unsigned char *bytes; /* decoded content, never NULL (also when len is 0); owned */
    size_t len;
} maildir_attachment;

/* Where received comes from. */
typedef enum {
    MAILDIR_TIME_RECEIVED, /* the date of the topmost Received: header */
    MAILDIR_TIME_DATE,     /* the Date: header */
    MAILDIR_TIME_NONE,     /* neither parses: received is 0 */
} maildir_time_source;

/* One message. */
typedef struct {
    char *file;       /* its file name in new/; owned */
    char *sender;     /* the address of the first From: mailbox, or ""; owned */
    char *subject;    /* decoded, or ""; owned */
    int64_t received; /* epoch seconds, see time_source */
    maildir_time_source time_source;
    maildir_attachment *attachments; /* the reports it carries, in order */
    size_t nattachments;
    finding_list findings; /* about the message: its file is the message's file name */
} maildir_message;

/* The file names of the messages in DIR/new/, sorted. */
typedef struct {
    char **names;
    size_t count;
} maildir_names;

/* Lists DIR/new/ into out (regular files whose name does not start with
 * '.').  Returns TH_OK; TH_ERR_CONFIG with err when DIR/new/ cannot be read
 * (DIR is not a Maildir); TH_ERR_NOMEM.  maildir_names_release frees out in
 * every case. */
th_error maildir_list_new(const char *dir, maildir_names *out, char *err, size_t errlen);

/* Frees what names owns and zeroes it. */
void maildir_names_release(maildir_names *names);

/* Reads message DIR/new/file into out.  A message that cannot be read or
 * parsed, or exceeds limits, gives a file-error finding in out->findings
 * and no attachment; a message without a report attachment gives the
 * warning mail-no-report.  Returns TH_OK (findings included) or
 * TH_ERR_NOMEM.  maildir_message_release frees out in every case. */
th_error maildir_read(const char *dir, const char *file, const maildir_limits *limits,
                      maildir_message *out);

/* As maildir_read, from the bytes of a message in memory (bytes[0..n) are
 * copied if needed; the caller keeps them).  file names the message in
 * findings. */
th_error maildir_parse(const unsigned char *bytes, size_t n, const char *file,
                       const maildir_limits *limits, maildir_message *out);

/* Frees what m owns and zeroes it. */
void maildir_message_release(maildir_message *m);

/* Moves DIR/new/file to DIR/cur/file:2,S (keeping flags it already has, and
 * adding S), after the caller stored what it needed.  Returns TH_OK, or
 * TH_ERR_IO with err. */
th_error maildir_mark_seen(const char *dir, const char *file, char *err, size_t errlen);

/* Writes into out (outlen bytes, at least 16) a safe file name made of name
 * as described for maildir_attachment.name; fallback is used when nothing of
 * name is left.  Exposed for the tests and for any command that writes files
 * named by a sender. */
void maildir_safe_name(const char *name, const char *fallback, char *out, size_t outlen);

#endif
