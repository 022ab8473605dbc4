/*
 * mail_message.c - builds and writes an RFC 5322 message with GMime (see
 * mail_message.h).  With maildir.c, the only code that includes gmime.h.
 *
 * GMime does every encoding: RFC 2047 for the subject and display names,
 * RFC 2231 (forced, in UTF-8) for file names, base64 for attachments,
 * quoted-printable for a body that is not ASCII.  What we add is the
 * reproducibility: a stable Message-ID and boundary taken from a SHA-256 of
 * everything the message says.
 */
#include "mail_message.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "export.h"
#include "i18n.h"

static const struct {
    const char *ext;
    const char *type;
} mime_types[] = {
    {".xlsx", MAIL_XLSX_TYPE},
    {".xls", "application/vnd.ms-excel"},
    {".ods", "application/vnd.oasis.opendocument.spreadsheet"},
    {".csv", "text/csv"},
    {".txt", "text/plain"},
    {".pdf", "application/pdf"},
};

const char *mail_mime_type_for(const char *file_name)
{
    size_t n = file_name ? strlen(file_name) : 0;
    for (size_t i = 0; i < sizeof mime_types / sizeof mime_types[0]; i++) {
        size_t e = strlen(mime_types[i].ext);
        if (n > e && strcasecmp(file_name + n - e, mime_types[i].ext) == 0)
            return mime_types[i].type;
    }
    return "application/octet-stream";
}

static th_error fail(th_error rc, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static th_error fail(th_error rc, char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return rc;
}

/* The attachment's bytes: its own, or its file read whole into *owned. */
static th_error attachment_bytes(const mail_attachment *a, GByteArray **owned, char *err,
                                 size_t errlen)
{
    *owned = NULL;
    if (a->bytes != NULL || a->path == NULL)
        return TH_OK;
    int fd = open(a->path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int saved = errno;
        if (fd >= 0)
            close(fd);
        snprintf(err, errlen, _("cannot read '%s': %s"), a->path,
                 fd >= 0 && saved == 0 ? _("not a regular file") : strerror(saved));
        return TH_ERR_IO;
    }
    if ((uintmax_t)st.st_size >= G_MAXUINT) {
        close(fd);
        snprintf(err, errlen, _("cannot attach '%s': the file is too large"), a->path);
        return TH_ERR_LIMIT;
    }
    GByteArray *b = g_byte_array_sized_new((guint)st.st_size);
    g_byte_array_set_size(b, (guint)st.st_size);
    size_t done = 0;
    while (done < b->len) {
        ssize_t r = read(fd, b->data + done, b->len - done);
        if (r <= 0 && !(r < 0 && errno == EINTR)) {
            snprintf(err, errlen, _("cannot read '%s': %s"), a->path,
                     r == 0 ? _("the file shrank while read") : strerror(errno));
            close(fd);
            g_byte_array_unref(b);
            return TH_ERR_IO;
        }
        done += r > 0 ? (size_t)r : 0;
    }
    close(fd);
    *owned = b;
    return TH_OK;
}

/* SHA-256 (hex) of everything the message says, for a stable Message-ID. */
static th_error content_digest(const mail_message *m, GByteArray *const *files, char hex[65])
{
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "%s\n%s\n%s\n%s\n%lld %d\n%s\n", m->from, m->to, m->cc ? m->cc : "",
                           m->subject, (long long)m->date, m->utc_offset_min, m->body);
    th_error rc = TH_OK;
    for (size_t i = 0; i < m->nattachments && rc == TH_OK; i++) {
        const mail_attachment *a = &m->attachments[i];
        char part[65];
        rc = files[i] ? digest_sha256_hex(files[i]->data, files[i]->len, part)
                      : digest_sha256_hex(a->bytes, a->len, part);
        g_string_append_printf(s, "%s\n%s\n%s\n", a->name, a->mime_type ? a->mime_type : "", part);
    }
    if (rc == TH_OK)
        rc = digest_sha256_hex(s->str, s->len, hex);
    g_string_free(s, TRUE);
    return rc;
}

/* Parses list into *out (NULL when it is empty or does not parse). */
static th_error parse_addresses(const char *list, const char *what, InternetAddressList **out,
                                char *err, size_t errlen)
{
    *out = NULL;
    if (list == NULL || *list == '\0')
        return fail(TH_ERR_USAGE, err, errlen, _("no %s address given"), what);
    if (!g_utf8_validate(list, -1, NULL))
        return fail(TH_ERR_USAGE, err, errlen, _("the %s addresses are not valid UTF-8"), what);
    InternetAddressList *parsed = internet_address_list_parse(NULL, list);
    if (parsed == NULL || internet_address_list_length(parsed) == 0) {
        if (parsed != NULL)
            g_object_unref(parsed);
        return fail(TH_ERR_USAGE, err, errlen, _("cannot read the %s addresses '%s'"), what, list);
    }
    *out = parsed;
    return TH_OK;
}

th_error mail_addresses_check(const char *list, const char *what, char *err, size_t errlen)
{
    g_mime_init();
    InternetAddressList *parsed = NULL;
    th_error rc = parse_addresses(list, what, &parsed, err, errlen);
    if (parsed != NULL)
        g_object_unref(parsed);
    return rc;
}

static th_error add_addresses(GMimeMessage *msg, GMimeAddressType type, const char *list,
                              bool required, const char *what, char *err, size_t errlen)
{
    if (!required && (list == NULL || *list == '\0'))
        return TH_OK;
    InternetAddressList *parsed = NULL;
    th_error rc = parse_addresses(list, what, &parsed, err, errlen);
    if (rc != TH_OK)
        return rc;
    internet_address_list_append(g_mime_message_get_addresses(msg, type), parsed);
    g_object_unref(parsed);
    return TH_OK;
}

/* The domain of the first From address, for the Message-ID. */
static const char *id_domain(GMimeMessage *msg)
{
    InternetAddressList *from = g_mime_message_get_from(msg);
    InternetAddress *a =
        internet_address_list_length(from) > 0 ? internet_address_list_get_address(from, 0) : NULL;
    const char *addr = a && INTERNET_ADDRESS_IS_MAILBOX(a)
                           ? internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))
                           : NULL;
    const char *at = addr ? strrchr(addr, '@') : NULL;
    return at && at[1] ? at + 1 : "localhost";
}

static void set_date(GMimeMessage *msg, int64_t date, int utc_offset_min)
{
    GTimeZone *tz = g_time_zone_new_offset(utc_offset_min * 60);
    GDateTime *utc = g_date_time_new_from_unix_utc(date);
    GDateTime *local = utc ? g_date_time_to_timezone(utc, tz) : NULL;
    if (local != NULL)
        g_mime_message_set_date(msg, local);
    if (local != NULL)
        g_date_time_unref(local);
    if (utc != NULL)
        g_date_time_unref(utc);
    g_time_zone_unref(tz);
}

/* File names are written as RFC 2231 UTF-8 even when Latin-1 would do, so
 * every client decodes them the same way. */
static void force_utf8_param(GMimeParamList *params, const char *name)
{
    GMimeParam *p = params ? g_mime_param_list_get_parameter(params, name) : NULL;
    if (p == NULL)
        return;
    g_mime_param_set_encoding_method(p, GMIME_PARAM_ENCODING_METHOD_RFC2231);
    if (!g_str_is_ascii(g_mime_param_get_value(p)))
        g_mime_param_set_charset(p, "UTF-8");
}

static GMimeObject *attachment_part(const mail_attachment *a, GByteArray *file)
{
    const char *type = a->mime_type ? a->mime_type : mail_mime_type_for(a->name);
    GMimeContentType *ct = g_mime_content_type_parse(NULL, type);
    GMimePart *part = g_mime_part_new_with_type(g_mime_content_type_get_media_type(ct),
                                                g_mime_content_type_get_media_subtype(ct));
    g_object_unref(ct);
    GMimeStream *stream = file ? g_mime_stream_mem_new_with_byte_array(file)
                               : g_mime_stream_mem_new_with_buffer((const char *)a->bytes, a->len);
    GMimeDataWrapper *content =
        g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT);
    g_object_unref(stream);
    g_mime_part_set_content(part, content);
    g_object_unref(content);
    g_mime_part_set_filename(part, a->name);
    g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
    GMimeObject *obj = GMIME_OBJECT(part);
    GMimeContentDisposition *d = g_mime_object_get_content_disposition(obj);
    force_utf8_param(d ? g_mime_content_disposition_get_parameters(d) : NULL, "filename");
    force_utf8_param(g_mime_content_type_get_parameters(g_mime_object_get_content_type(obj)),
                     "name");
    return obj;
}

static GMimeObject *body_part(const char *body)
{
    GMimeTextPart *text = g_mime_text_part_new_with_subtype("plain");
    g_mime_text_part_set_text(text, body);
    g_mime_text_part_set_charset(text, "utf-8");
    GMimePart *part = GMIME_PART(text);
    g_mime_part_set_content_encoding(
        part, g_mime_part_get_best_content_encoding(part, GMIME_ENCODING_CONSTRAINT_7BIT));
    return GMIME_OBJECT(text);
}

static th_error check_texts(const mail_message *m, char *err, size_t errlen)
{
    if (m->subject == NULL || !g_utf8_validate(m->subject, -1, NULL))
        return fail(TH_ERR_USAGE, err, errlen, "%s", _("the subject is not valid UTF-8"));
    if (m->body == NULL || !g_utf8_validate(m->body, -1, NULL))
        return fail(TH_ERR_USAGE, err, errlen, "%s", _("the body is not valid UTF-8"));
    for (size_t i = 0; i < m->nattachments; i++) {
        const mail_attachment *a = &m->attachments[i];
        if (a->name == NULL || *a->name == '\0' || !g_utf8_validate(a->name, -1, NULL))
            return fail(TH_ERR_USAGE, err, errlen, "%s",
                        _("the name of an attachment is empty or not UTF-8"));
        if (a->bytes == NULL && a->path == NULL && a->len > 0)
            return fail(TH_ERR_USAGE, err, errlen, "%s",
                        _("an attachment has neither bytes nor a path"));
    }
    return TH_OK;
}

/* Builds the whole message into *out; the caller unrefs it. */
static th_error build(const mail_message *m, GMimeMessage **out, char *err, size_t errlen)
{
    *out = NULL;
    th_error rc = check_texts(m, err, errlen);
    GByteArray **files = g_new0(GByteArray *, m->nattachments + 1);
    for (size_t i = 0; i < m->nattachments && rc == TH_OK; i++)
        rc = attachment_bytes(&m->attachments[i], &files[i], err, errlen);
    char hex[65] = "";
    if (rc == TH_OK && m->stable_id)
        rc = content_digest(m, files, hex);
    GMimeMessage *msg = g_mime_message_new(TRUE);
    if (rc == TH_OK)
        rc = add_addresses(msg, GMIME_ADDRESS_TYPE_FROM, m->from, true, "From", err, errlen);
    if (rc == TH_OK)
        rc = add_addresses(msg, GMIME_ADDRESS_TYPE_TO, m->to, true, "To", err, errlen);
    if (rc == TH_OK)
        rc = add_addresses(msg, GMIME_ADDRESS_TYPE_CC, m->cc, false, "Cc", err, errlen);
    if (rc != TH_OK) {
        for (size_t i = 0; i < m->nattachments; i++)
            if (files[i] != NULL)
                g_byte_array_unref(files[i]);
        g_free(files);
        g_object_unref(msg);
        return rc;
    }
    g_mime_message_set_subject(msg, m->subject, "utf-8");
    set_date(msg, m->date, m->utc_offset_min);
    char *id = m->stable_id ? g_strdup_printf("%.32s.tonghop@%s", hex, id_domain(msg))
                            : g_mime_utils_generate_message_id(id_domain(msg));
    g_mime_message_set_message_id(msg, id);
    g_free(id);
    GMimeObject *body = body_part(m->body);
    if (m->nattachments == 0) {
        g_mime_message_set_mime_part(msg, body);
    } else {
        GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
        if (m->stable_id) {
            char boundary[64];
            snprintf(boundary, sizeof boundary, "=-tonghop-%.40s", hex + 24);
            g_mime_multipart_set_boundary(mixed, boundary);
        }
        g_mime_multipart_add(mixed, body);
        for (size_t i = 0; i < m->nattachments; i++) {
            /* the part's stream takes files[i] over */
            GMimeObject *part = attachment_part(&m->attachments[i], files[i]);
            g_mime_multipart_add(mixed, part);
            g_object_unref(part);
        }
        g_mime_message_set_mime_part(msg, GMIME_OBJECT(mixed));
        g_object_unref(mixed);
    }
    g_object_unref(body);
    g_free(files);
    *out = msg;
    return TH_OK;
}

static GMimeFormatOptions *format_options(void)
{
    GMimeFormatOptions *f = g_mime_format_options_new();
    g_mime_format_options_set_param_encoding_method(f, GMIME_PARAM_ENCODING_METHOD_RFC2231);
    g_mime_format_options_set_newline_format(f, GMIME_NEWLINE_FORMAT_UNIX);
    return f;
}

th_error mail_message_format(const mail_message *m, char **out, size_t *len, char *err,
                             size_t errlen)
{
    *out = NULL;
    *len = 0;
    g_mime_init();
    GMimeMessage *msg = NULL;
    th_error rc = build(m, &msg, err, errlen);
    if (rc != TH_OK)
        return rc;
    GMimeFormatOptions *f = format_options();
    GMimeStream *mem = g_mime_stream_mem_new();
    if (g_mime_object_write_to_stream(GMIME_OBJECT(msg), f, mem) < 0) {
        rc = fail(TH_ERR_IO, err, errlen, "%s", _("cannot format the message"));
    } else {
        GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
        *out = malloc(bytes->len + 1);
        if (*out == NULL) {
            rc = TH_ERR_NOMEM;
        } else {
            memcpy(*out, bytes->data, bytes->len);
            (*out)[bytes->len] = '\0';
            *len = bytes->len;
        }
    }
    g_object_unref(mem);
    g_mime_format_options_free(f);
    g_object_unref(msg);
    return rc;
}

th_error mail_message_write(const mail_message *m, const char *path, char *err, size_t errlen)
{
    g_mime_init();
    GMimeMessage *msg = NULL;
    th_error rc = build(m, &msg, err, errlen);
    if (rc != TH_OK)
        return rc;
    export_temp t;
    rc = export_temp_create(path, &t, err, errlen);
    if (rc != TH_OK) {
        g_object_unref(msg);
        return rc;
    }
    GMimeFormatOptions *f = format_options();
    GMimeStream *fs = g_mime_stream_fs_new(t.fd);
    g_mime_stream_fs_set_owner(GMIME_STREAM_FS(fs), FALSE); /* t keeps the descriptor */
    errno = 0;
    bool written = g_mime_object_write_to_stream(GMIME_OBJECT(msg), f, fs) >= 0 &&
                   g_mime_stream_flush(fs) == 0;
    int saved = errno;
    g_object_unref(fs);
    g_mime_format_options_free(f);
    g_object_unref(msg);
    if (!written) {
        snprintf(err, errlen, _("cannot write '%s': %s"), path,
                 saved ? strerror(saved) : _("write failed"));
        export_temp_discard(&t);
        return saved == ENOSPC || saved == EDQUOT || saved == EFBIG ? TH_ERR_NOSPACE : TH_ERR_IO;
    }
    return export_temp_commit(&t, path, err, errlen);
}
