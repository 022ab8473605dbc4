/*
 * maildir.c - reads the report attachments of Maildir messages with GMime
 * (see maildir.h).  With mail_message.c, the only code that includes gmime.h.
 *
 * Bounds, because a message is input from anyone: the file is refused past
 * max_message_bytes before it is read; GMime allocates an object for every
 * MIME part and header field it meets, so before it parses, one pass counts
 * the lines that can start a part ("--boundary") or a header field
 * ("Name:"), and a message with more than the limits allow is refused; the
 * walk stops past max_depth; a decoded attachment past max_attachment_bytes
 * is dropped.  GMime's base64 decoder silently skips what is not base64, so
 * a damaged attachment would be imported as other bytes: its encoded form
 * is checked first.
 */
#include "maildir.h"

#include <dirent.h>
#include <errno.h>
#include <gmime/gmime.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "report_reader.h"
#include "text.h"
#include "i18n.h"

/* Header fields GMime may hold per MIME part, on average, before we call a
 * message hostile: real messages carry 5-30 per part. */
#define HEADERS_PER_PART 16

maildir_limits maildir_default_limits(void)
{
    maildir_limits l = {64u << 20, 64u << 20, 16, 1000};
    return l;
}

/* ---- listing and moving ---------------------------------------------- */

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

th_error maildir_list_new(const char *dir, maildir_names *out, char *err, size_t errlen)
{
    out->names = NULL;
    out->count = 0;
    char path[4096];
    snprintf(path, sizeof path, "%s/new", dir);
    DIR *d = opendir(path);
    if (d == NULL) {
        snprintf(err, errlen, _("cannot read the Maildir folder '%s': %s"), path, strerror(errno));
        return TH_ERR_CONFIG;
    }
    size_t cap = 0;
    th_error rc = TH_OK;
    for (struct dirent *e; rc == TH_OK && (e = readdir(d)) != NULL;) {
        char file[4096 + 256];
        struct stat st;
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        if (e->d_name[0] == '.' || stat(file, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(out->names, cap * sizeof *grown);
            if (grown == NULL) {
                rc = TH_ERR_NOMEM;
                break;
            }
            out->names = grown;
        }
        out->names[out->count] = strdup(e->d_name);
        rc = out->names[out->count] ? TH_OK : TH_ERR_NOMEM;
        out->count += rc == TH_OK;
    }
    closedir(d);
    if (rc == TH_OK && out->count > 1)
        qsort(out->names, out->count, sizeof *out->names, compare_names);
    return rc;
}

void maildir_names_release(maildir_names *names)
{
    for (size_t i = 0; i < names->count; i++)
        free(names->names[i]);
    free(names->names);
    names->names = NULL;
    names->count = 0;
}

th_error maildir_mark_seen(const char *dir, const char *file, char *err, size_t errlen)
{
    if (strchr(file, '/') != NULL || file[0] == '.') {
        snprintf(err, errlen, _("'%s' is not a message file name"), file);
        return TH_ERR_IO;
    }
    char from[4096], to[4096 + 16];
    snprintf(from, sizeof from, "%s/new/%s", dir, file);
    const char *info = strstr(file, ":2,");
    if (info == NULL)
        snprintf(to, sizeof to, "%s/cur/%s:2,S", dir, file);
    else if (strchr(info + 3, 'S') != NULL)
        snprintf(to, sizeof to, "%s/cur/%s", dir, file);
    else
        /* flags are kept in ASCII order: S sorts after D, F, P, R */
        snprintf(to, sizeof to, "%s/cur/%sS", dir, file);
    if (rename(from, to) != 0) {
        snprintf(err, errlen, _("cannot move '%s' to '%s': %s"), from, to, strerror(errno));
        return TH_ERR_IO;
    }
    return TH_OK;
}

/* ---- safe names -------------------------------------------------------- */

void maildir_safe_name(const char *name, const char *fallback, char *out, size_t outlen)
{
    out[0] = '\0';
    /* only the last path component, whichever separator the sender used */
    const char *base = name ? name : "";
    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    char *valid = g_utf8_make_valid(base, -1);
    size_t nfc_len = 0;
    char *nfc = text_nfc(valid, strlen(valid), &nfc_len);
    const char *s = nfc ? nfc : valid;
    size_t o = 0;
    while (*s == '.' || *s == ' ')
        s++; /* no hidden file, no "..", no name of dots */
    for (; *s && o + 5 < outlen;) {
        gunichar c = g_utf8_get_char(s);
        const char *next = g_utf8_next_char(s);
        size_t n = (size_t)(next - s);
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == ':' || c == '*' || c == '?' ||
            c == '"' || c == '<' || c == '>' || c == '|')
            out[o++] = '_';
        else if (o + n < outlen - 1) {
            memcpy(out + o, s, n);
            o += n;
        } else
            break;
        s = next;
    }
    while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '.'))
        o--;
    out[o] = '\0';
    if (o == 0)
        snprintf(out, outlen, "%s", fallback);
    free(nfc);
    g_free(valid);
}

/* ---- one message ------------------------------------------------------- */

typedef struct {
    const maildir_limits *limits;
    maildir_message *out;
    size_t parts;
    bool stopped; /* a limit was hit: the walk ends */
} walk_state;

static th_error add_finding(maildir_message *m, finding_code code, const char *detail)
{
    return finding_list_add(&m->findings, code, m->file, 0, 0, NULL, "%s", detail);
}

/* Counts the lines that may open a part or a header field: a hostile
 * message of tiny parts or fields would make GMime allocate gigabytes. */
static bool too_many_items(const unsigned char *b, size_t n, size_t max_parts)
{
    size_t dashes = 0, fields = 0;
    for (size_t i = 0; i < n;) {
        const unsigned char *line = b + i, *nl = memchr(line, '\n', n - i);
        size_t len = nl ? (size_t)(nl - line) : n - i;
        if (len >= 2 && line[0] == '-' && line[1] == '-')
            dashes++;
        size_t k = 0;
        while (k < len && line[k] > ' ' && line[k] < 0x7f && line[k] != ':')
            k++;
        fields += k > 0 && k < len && line[k] == ':';
        if (dashes > max_parts || fields > max_parts * HEADERS_PER_PART)
            return true;
        i += len + 1;
    }
    return false;
}

static bool is_base64_char(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

/* True when the encoded stream is base64 that decodes to what was sent:
 * only the alphabet, white space and final '=' padding, and a count of
 * characters that is a whole number of bytes. */
static bool base64_intact(GMimeStream *raw)
{
    char buf[8192];
    size_t count = 0, pad = 0;
    g_mime_stream_reset(raw);
    for (ssize_t r; (r = g_mime_stream_read(raw, buf, sizeof buf)) > 0;) {
        for (ssize_t i = 0; i < r; i++) {
            unsigned char c = (unsigned char)buf[i];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                continue;
            if (c == '=') {
                pad++;
            } else if (!is_base64_char(c) || pad > 0) {
                return false;
            } else {
                count++;
            }
        }
    }
    return pad <= 2 && (count + pad) % 4 != 1 && (pad == 0 || (count + pad) % 4 == 0);
}

static const char *const report_exts[] = {".csv", ".xlsx", ".ods", ".xls"};

/* The MIME types that make a part a report even without a file name. */
static const struct {
    const char *type;
    const char *ext;
} report_types[] = {
    {"text/csv", ".csv"},
    {"application/csv", ".csv"},
    {"text/comma-separated-values", ".csv"},
    {"application/vnd.ms-excel", ".xls"},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
    {"application/vnd.oasis.opendocument.spreadsheet", ".ods"},
};

static bool has_report_ext(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    for (size_t i = 0; i < sizeof report_exts / sizeof report_exts[0]; i++) {
        size_t e = strlen(report_exts[i]);
        if (n > e && strcasecmp(name + n - e, report_exts[i]) == 0)
            return true;
    }
    return false;
}

/* The extension for a report recognised by its type alone, or NULL. */
static const char *report_type_ext(const char *type)
{
    for (size_t i = 0; i < sizeof report_types / sizeof report_types[0]; i++)
        if (strcasecmp(type, report_types[i].type) == 0)
            return report_types[i].ext;
    return NULL;
}

/* Appends a report; its bytes are taken from the decoding buffer rather
 * than copied, so a large attachment is held once. */
static th_error append_attachment(maildir_message *m, const char *name, const char *type,
                                  GByteArray *bytes)
{
    maildir_attachment *grown =
        realloc(m->attachments, (m->nattachments + 1) * sizeof *m->attachments);
    if (grown == NULL)
        return TH_ERR_NOMEM;
    m->attachments = grown;
    maildir_attachment *a = &m->attachments[m->nattachments];
    /* take_part only keeps parts with a report extension or type */
    const char *ext = has_report_ext(name) ? strrchr(name, '.') : report_type_ext(type);
    char safe[256], fallback[32];
    snprintf(fallback, sizeof fallback, "attachment-%zu", m->nattachments + 1);
    maildir_safe_name(name, fallback, safe, sizeof safe - 8);
    if (!has_report_ext(safe)) /* "../.csv" made "csv": the type stays visible */
        snprintf(safe + strlen(safe), 8, "%.5s", ext ? ext : ".csv");
    a->name = strdup(safe);
    a->mime_type = strdup(type);
    for (char *p = a->mime_type; p && *p; p++)
        *p = g_ascii_tolower(*p);
    if (a->name == NULL || a->mime_type == NULL) {
        free(a->name);
        free(a->mime_type);
        return TH_ERR_NOMEM;
    }
    /* since GLib 2.46 g_malloc is malloc: the stolen buffer is free()d */
    gsize len = 0;
    a->bytes = g_byte_array_steal(bytes, &len);
    a->len = len;
    if (a->bytes == NULL) /* an empty part: still a buffer, never NULL */
        a->bytes = malloc(1);
    if (a->bytes == NULL) {
        free(a->name);
        free(a->mime_type);
        return TH_ERR_NOMEM;
    }
    m->nattachments++;
    return TH_OK;
}

static th_error take_part(walk_state *w, GMimePart *part)
{
    GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
    char *type = ct ? g_mime_content_type_get_mime_type(ct) : g_strdup("application/octet-stream");
    const char *name = g_mime_part_get_filename(part);
    th_error rc = TH_OK;
    if (!has_report_ext(name) && report_type_ext(type) == NULL) {
        g_free(type);
        return TH_OK;
    }
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    GMimeStream *raw = content ? g_mime_data_wrapper_get_stream(content) : NULL;
    char detail[256]; /* the name as findings print it: no control character */
    maildir_safe_name(name, type, detail, sizeof detail);
    if (raw != NULL && g_mime_data_wrapper_get_encoding(content) == GMIME_CONTENT_ENCODING_BASE64 &&
        !base64_intact(raw)) {
        rc = add_finding(w->out, FC_MAIL_BAD_ATTACHMENT, detail);
    } else if (raw != NULL) {
        GMimeStream *mem = g_mime_stream_mem_new();
        GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
        if (g_mime_data_wrapper_write_to_stream(content, mem) < 0)
            rc = add_finding(w->out, FC_MAIL_BAD_ATTACHMENT, detail);
        else if (bytes->len > w->limits->max_attachment_bytes)
            rc = add_finding(w->out, FC_MAIL_TOO_LARGE, detail);
        else
            rc = append_attachment(w->out, name, type, bytes);
        g_object_unref(mem);
    }
    g_free(type);
    return rc;
}

static th_error walk(walk_state *w, GMimeObject *obj, unsigned depth)
{
    if (obj == NULL || w->stopped)
        return TH_OK;
    if (depth > w->limits->max_depth || ++w->parts > w->limits->max_parts) {
        w->stopped = true;
        char detail[64];
        snprintf(
            detail, sizeof detail, depth > w->limits->max_depth ? _("depth > %u") : _("parts > %u"),
            depth > w->limits->max_depth ? w->limits->max_depth : (unsigned)w->limits->max_parts);
        return add_finding(w->out, FC_MAIL_TOO_COMPLEX, detail);
    }
    th_error rc = TH_OK;
    if (GMIME_IS_MULTIPART(obj)) {
        GMimeMultipart *mp = GMIME_MULTIPART(obj);
        int n = g_mime_multipart_get_count(mp);
        for (int i = 0; i < n && rc == TH_OK; i++)
            rc = walk(w, g_mime_multipart_get_part(mp, i), depth + 1);
    } else if (GMIME_IS_MESSAGE_PART(obj)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
        if (inner != NULL)
            rc = walk(w, g_mime_message_get_mime_part(inner), depth + 1);
    } else if (GMIME_IS_PART(obj)) {
        rc = take_part(w, GMIME_PART(obj));
    }
    return rc;
}

/* Epoch seconds of a date header's text, or false when it does not parse. */
static bool parse_date(const char *text, int64_t *out)
{
    GDateTime *dt = text ? g_mime_utils_header_decode_date(text) : NULL;
    if (dt == NULL)
        return false;
    *out = g_date_time_to_unix(dt);
    g_date_time_unref(dt);
    return *out > 0;
}

/* The receiving server adds its Received: on top; its date follows the
 * last ';'.  Else the sender's Date:. */
static void received_time(GMimeMessage *msg, maildir_message *m)
{
    GMimeHeaderList *headers = g_mime_object_get_header_list(GMIME_OBJECT(msg));
    int n = headers ? g_mime_header_list_get_count(headers) : 0;
    for (int i = 0; i < n; i++) {
        GMimeHeader *h = g_mime_header_list_get_header_at(headers, i);
        if (g_ascii_strcasecmp(g_mime_header_get_name(h), "Received") != 0)
            continue;
        const char *value = g_mime_header_get_value(h);
        const char *semi = value ? strrchr(value, ';') : NULL;
        if (semi != NULL && parse_date(semi + 1, &m->received)) {
            m->time_source = MAILDIR_TIME_RECEIVED;
            return;
        }
        break; /* only the topmost one is the receiving server's */
    }
    GDateTime *date = g_mime_message_get_date(msg);
    if (date != NULL && g_date_time_to_unix(date) > 0) {
        m->received = g_date_time_to_unix(date);
        m->time_source = MAILDIR_TIME_DATE;
        return;
    }
    m->received = 0;
    m->time_source = MAILDIR_TIME_NONE;
}

static char *first_sender(GMimeMessage *msg)
{
    InternetAddressList *from = g_mime_message_get_from(msg);
    for (int i = 0; from && i < internet_address_list_length(from); i++) {
        InternetAddress *a = internet_address_list_get_address(from, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(a))
            return strdup(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)));
    }
    return strdup("");
}

static void message_init(maildir_message *m)
{
    memset(m, 0, sizeof *m);
    finding_list_init(&m->findings);
    m->time_source = MAILDIR_TIME_NONE;
}

/* Parses the message held by bytes (which the parser's stream takes over). */
static th_error parse_owned(GByteArray *bytes, const maildir_limits *limits, maildir_message *out)
{
    if (too_many_items(bytes->data, bytes->len, limits->max_parts)) {
        g_byte_array_unref(bytes);
        return add_finding(out, FC_MAIL_TOO_COMPLEX, "parts or header fields");
    }
    GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(bytes);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
    GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
    g_object_unref(parser);
    th_error rc = TH_OK;
    if (msg == NULL) {
        rc = add_finding(out, FC_UNREADABLE, "not an e-mail message");
    } else {
        const char *subject = g_mime_message_get_subject(msg);
        out->subject = strdup(subject ? subject : "");
        out->sender = first_sender(msg);
        rc = out->subject && out->sender ? TH_OK : TH_ERR_NOMEM;
        received_time(msg, out);
        walk_state w = {limits, out, 0, false};
        if (rc == TH_OK)
            rc = walk(&w, g_mime_message_get_mime_part(msg), 0);
        if (rc == TH_OK && out->nattachments == 0 && out->findings.count == 0)
            rc = add_finding(out, FC_MAIL_NO_REPORT, "");
        g_object_unref(msg);
    }
    g_object_unref(stream);
    return rc;
}

static th_error fill_defaults(maildir_message *out)
{
    if (out->sender == NULL)
        out->sender = strdup("");
    if (out->subject == NULL)
        out->subject = strdup("");
    return out->sender && out->subject ? TH_OK : TH_ERR_NOMEM;
}

th_error maildir_parse(const unsigned char *bytes, size_t n, const char *file,
                       const maildir_limits *limits, maildir_message *out)
{
    message_init(out);
    g_mime_init();
    out->file = strdup(file);
    if (out->file == NULL)
        return TH_ERR_NOMEM;
    th_error rc = TH_OK;
    if (n > limits->max_message_bytes) {
        char detail[64];
        snprintf(detail, sizeof detail, P_("%zu byte", "%zu bytes", n), n);
        rc = add_finding(out, FC_MAIL_TOO_LARGE, detail);
    } else {
        GByteArray *copy = g_byte_array_sized_new((guint)n);
        g_byte_array_append(copy, bytes, (guint)n);
        rc = parse_owned(copy, limits, out);
    }
    return rc == TH_OK ? fill_defaults(out) : rc;
}

th_error maildir_read(const char *dir, const char *file, const maildir_limits *limits,
                      maildir_message *out)
{
    message_init(out);
    g_mime_init();
    out->file = strdup(file);
    if (out->file == NULL)
        return TH_ERR_NOMEM;
    char path[4096];
    snprintf(path, sizeof path, "%s/new/%s", dir, file);
    reader_limits rl = reader_default_limits();
    rl.max_file_bytes = limits->max_message_bytes;
    unsigned char *bytes = NULL;
    size_t n = 0;
    finding_list found;
    finding_list_init(&found);
    th_error rc = reader_load_file(path, file, &rl, &bytes, &n, &found);
    /* the reader's size finding, said as the message's */
    for (size_t i = 0; rc == TH_OK && i < found.count; i++)
        rc = add_finding(
            out, found.items[i].code == FC_FILE_TOO_LARGE ? FC_MAIL_TOO_LARGE : found.items[i].code,
            found.items[i].detail);
    finding_list_release(&found);
    if (rc == TH_OK && bytes != NULL)
        /* since GLib 2.46 g_malloc is malloc: the array may own our buffer */
        rc = parse_owned(g_byte_array_new_take(bytes, n), limits, out);
    else
        free(bytes);
    return rc == TH_OK ? fill_defaults(out) : rc;
}

void maildir_message_release(maildir_message *m)
{
    for (size_t i = 0; i < m->nattachments; i++) {
        free(m->attachments[i].name);
        free(m->attachments[i].mime_type);
        free(m->attachments[i].bytes);
    }
    free(m->attachments);
    free(m->file);
    free(m->sender);
    free(m->subject);
    finding_list_release(&m->findings);
    message_init(m);
}
