/*
 * test_maildir.c - e-mail in: messages built by mail_message parsed back,
 * received times, forwarded and nested parts, hostile messages (too large,
 * too deep, too many parts or fields, broken base64), safe attachment
 * names and the move to cur/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "mail_message.h"
#include "maildir.h"

static const unsigned char csv[] = "ma_don_vi,noi_dung\nDONGXOAI,Tuyên truyền\n";

static void parse(const char *text, size_t n, const maildir_limits *lim, maildir_message *m)
{
    maildir_limits def = maildir_default_limits();
    assert_int_equal(maildir_parse((const unsigned char *)text, n, "msg", lim ? lim : &def, m),
                     TH_OK);
}

static bool has_finding(const maildir_message *m, finding_code code)
{
    for (size_t i = 0; i < m->findings.count; i++)
        if (m->findings.items[i].code == code)
            return true;
    return false;
}

static void round_trip(void **state)
{
    (void)state;
    unsigned char bin[300];
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (unsigned char)i;
    mail_attachment a[] = {
        {csv, sizeof csv - 1, NULL, "Báo cáo Phường Tân Phú - Đồng Xoài.csv", NULL},
        {bin, sizeof bin, NULL, "TongHop_htsd-2022_20221028.xlsx", MAIL_XLSX_TYPE},
        {(const unsigned char *)"x", 1, NULL, "ghi chú.txt", NULL},
    };
    mail_message out = {"Phòng GD&ĐT Lộc Ninh <pgd@locninh.example>",
                        "so@sgddt.example",
                        NULL,
                        "Báo cáo Tuần lễ học tập suốt đời — Lộc Ninh",
                        "Kính gửi Sở.\n",
                        1666890000,
                        420,
                        false,
                        a,
                        3};
    char *text = NULL, err[256];
    size_t n = 0;
    assert_int_equal(mail_message_format(&out, &text, &n, err, sizeof err), TH_OK);
    maildir_message m;
    parse(text, n, NULL, &m);
    assert_string_equal(m.sender, "pgd@locninh.example");
    assert_string_equal(m.subject, "Báo cáo Tuần lễ học tập suốt đời — Lộc Ninh");
    assert_int_equal(m.received, 1666890000);
    assert_int_equal(m.time_source, MAILDIR_TIME_DATE);
    assert_int_equal(m.findings.count, 0);
    assert_int_equal(m.nattachments, 2); /* the .txt is not a report */
    assert_string_equal(m.attachments[0].name, "Báo cáo Phường Tân Phú - Đồng Xoài.csv");
    assert_string_equal(m.attachments[0].mime_type, "text/csv");
    assert_int_equal(m.attachments[0].len, sizeof csv - 1);
    assert_memory_equal(m.attachments[0].bytes, csv, sizeof csv - 1);
    assert_string_equal(m.attachments[1].name, "TongHop_htsd-2022_20221028.xlsx");
    assert_int_equal(m.attachments[1].len, sizeof bin);
    assert_memory_equal(m.attachments[1].bytes, bin, sizeof bin);
    maildir_message_release(&m);
    free(text);
}

static const char forwarded[] =
    "Received: from mx.example by mail.sgddt.example; Mon, 24 Oct 2022 23:59:30 +0700\n"
    "Received: from pc by mx.example; Mon, 24 Oct 2022 16:00:00 +0000\n"
    "Date: Sun, 23 Oct 2022 10:00:00 +0700\n"
    "From: =?UTF-8?B?VGjhu4sgeMOjIELDrG5oIExvbmc=?= <vanthu@binhlong.example>\n"
    "Subject: Fwd: =?UTF-8?Q?b=C3=A1o_c=C3=A1o?=\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/alternative; boundary=\"outer\"\n"
    "\n"
    "--outer\n"
    "Content-Type: text/plain\n"
    "\n"
    "see below\n"
    "--outer\n"
    "Content-Type: multipart/mixed; boundary=\"inner\"\n"
    "\n"
    "--inner\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "From: x@y.example\n"
    "Subject: the original\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"orig\"\n"
    "\n"
    "--orig\n"
    "Content-Type: application/octet-stream\n"
    "Content-Disposition: attachment; filename=\"=?UTF-8?B?QsOhbyBjw6FvIELDrG5oIExvbmcuQ1NW?=\"\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "ma_don_vi,noi_dung\n"
    "BINHLONG,Tuy=C3=AAn truy=E1=BB=81n\n"
    "--orig--\n"
    "--inner\n"
    "Content-Type: text/csv\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "YSxiCjEsMgo=\n"
    "--inner--\n"
    "--outer--\n";

static void forwarded_and_nested_parts(void **state)
{
    (void)state;
    maildir_message m;
    parse(forwarded, sizeof forwarded - 1, NULL, &m);
    assert_string_equal(m.sender, "vanthu@binhlong.example");
    assert_string_equal(m.subject, "Fwd: báo cáo");
    /* the topmost Received: is the receiving server's */
    assert_int_equal(m.time_source, MAILDIR_TIME_RECEIVED);
    assert_int_equal(m.received, 1666630770); /* 2022-10-24 23:59:30 +07:00 */
    assert_int_equal(m.findings.count, 0);
    assert_int_equal(m.nattachments, 2);
    assert_string_equal(m.attachments[0].name, "Báo cáo Bình Long.CSV");
    /* the line break before a boundary belongs to the boundary */
    const char want[] = "ma_don_vi,noi_dung\nBINHLONG,Tuyên truyền";
    assert_int_equal(m.attachments[0].len, sizeof want - 1);
    assert_memory_equal(m.attachments[0].bytes, want, sizeof want - 1);
    /* a CSV known by its type alone gets a name */
    assert_string_equal(m.attachments[1].name, "attachment-2.csv");
    assert_memory_equal(m.attachments[1].bytes, "a,b\n1,2\n", 8);
    maildir_message_release(&m);
}

static void no_attachment_is_a_warning(void **state)
{
    (void)state;
    static const char text[] = "From: a@b.example\nSubject: hello\n\nno report here\n";
    maildir_message m;
    parse(text, sizeof text - 1, NULL, &m);
    assert_int_equal(m.nattachments, 0);
    assert_int_equal(m.time_source, MAILDIR_TIME_NONE);
    assert_int_equal(m.received, 0);
    assert_true(has_finding(&m, FC_MAIL_NO_REPORT));
    maildir_message_release(&m);
    /* not a message at all is not a crash either */
    parse("\x00\x01\x02", 3, NULL, &m);
    assert_int_equal(m.nattachments, 0);
    assert_true(m.findings.count > 0);
    maildir_message_release(&m);
    parse("", 0, NULL, &m);
    assert_int_equal(m.nattachments, 0);
    maildir_message_release(&m);
}

static void broken_base64_is_a_finding(void **state)
{
    (void)state;
    static const char text[] = "From: a@b.example\n"
                               "Content-Type: multipart/mixed; boundary=b\n\n"
                               "--b\n"
                               "Content-Type: text/csv; name=bad.csv\n"
                               "Content-Transfer-Encoding: base64\n\n"
                               "YSxi*CjEs!Mgo=\n"
                               "--b\n"
                               "Content-Type: text/csv; name=good.csv\n"
                               "Content-Transfer-Encoding: base64\n\n"
                               "YSxiCjEsMgo=\n"
                               "--b--\n";
    maildir_message m;
    parse(text, sizeof text - 1, NULL, &m);
    assert_true(has_finding(&m, FC_MAIL_BAD_ATTACHMENT));
    assert_int_equal(m.nattachments, 1);
    assert_string_equal(m.attachments[0].name, "good.csv");
    maildir_message_release(&m);
}

/* Builds a message of n nested multiparts. */
static char *deep_message(size_t n, size_t *len)
{
    size_t cap = 200 + n * 80;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t o = (size_t)snprintf(s, cap, "From: a@b.example\nMIME-Version: 1.0\n");
    for (size_t i = 0; i < n; i++)
        o += (size_t)snprintf(s + o, cap - o,
                              "Content-Type: multipart/mixed; boundary=\"b%zu\"\n\n--b%zu\n", i, i);
    o += (size_t)snprintf(s + o, cap - o, "Content-Type: text/csv; name=a.csv\n\na,b\n");
    *len = o;
    return s;
}

static void hostile_messages_are_bounded(void **state)
{
    (void)state;
    maildir_limits lim = maildir_default_limits();
    maildir_message m;
    size_t n;
    /* nesting deeper than the limit */
    char *deep = deep_message(40, &n);
    parse(deep, n, &lim, &m);
    assert_true(has_finding(&m, FC_MAIL_TOO_COMPLEX));
    assert_int_equal(m.nattachments, 0);
    maildir_message_release(&m);
    free(deep);
    deep = deep_message(10, &n); /* within it: found */
    parse(deep, n, &lim, &m);
    assert_int_equal(m.findings.count, 0);
    assert_int_equal(m.nattachments, 1);
    maildir_message_release(&m);
    free(deep);
    /* forwarded in a forwarded message ... 20 times */
    char fwd[2048];
    size_t o = 0;
    for (int i = 0; i < 20; i++)
        o += (size_t)snprintf(fwd + o, sizeof fwd - o, "Content-Type: message/rfc822\n\n");
    o += (size_t)snprintf(fwd + o, sizeof fwd - o, "Content-Type: text/csv; name=a.csv\n\na\n");
    parse(fwd, o, &lim, &m);
    assert_true(has_finding(&m, FC_MAIL_TOO_COMPLEX));
    assert_int_equal(m.nattachments, 0);
    maildir_message_release(&m);
    /* a million empty parts, or header fields: refused before GMime
     * allocates one object for each */
    size_t parts = 1000000, cap = parts * 6 + 200;
    char *many = malloc(cap);
    assert_non_null(many);
    o = (size_t)snprintf(many, cap,
                         "From: a@b.example\nContent-Type: multipart/mixed; "
                         "boundary=b\n\n");
    for (size_t i = 0; i < parts; i++)
        o += (size_t)snprintf(many + o, cap - o, "--b\n\n");
    parse(many, o, &lim, &m);
    assert_true(has_finding(&m, FC_MAIL_TOO_COMPLEX));
    maildir_message_release(&m);
    o = (size_t)snprintf(many, cap, "From: a@b.example\n");
    for (size_t i = 0; i < parts && o + 8 < cap; i++)
        o += (size_t)snprintf(many + o, cap - o, "X-A: b\n");
    parse(many, o, &lim, &m);
    assert_true(has_finding(&m, FC_MAIL_TOO_COMPLEX));
    maildir_message_release(&m);
    free(many);
    /* over the size limits */
    lim.max_message_bytes = 100;
    parse(forwarded, sizeof forwarded - 1, &lim, &m);
    assert_true(has_finding(&m, FC_MAIL_TOO_LARGE));
    assert_int_equal(m.nattachments, 0);
    maildir_message_release(&m);
    lim = maildir_default_limits();
    lim.max_attachment_bytes = 10;
    parse(forwarded, sizeof forwarded - 1, &lim, &m);
    assert_true(has_finding(&m, FC_MAIL_TOO_LARGE));
    assert_int_equal(m.nattachments, 1); /* the 8-byte one */
    maildir_message_release(&m);
}

static void names_are_made_safe(void **state)
{
    (void)state;
    char out[256];
    maildir_safe_name("../../x.csv", "f", out, sizeof out);
    assert_string_equal(out, "x.csv");
    maildir_safe_name("..\\..\\windows\\x.csv", "f", out, sizeof out);
    assert_string_equal(out, "x.csv");
    maildir_safe_name("..", "fallback.csv", out, sizeof out);
    assert_string_equal(out, "fallback.csv");
    maildir_safe_name("/", "fallback.csv", out, sizeof out);
    assert_string_equal(out, "fallback.csv");
    maildir_safe_name(".hidden.csv", "f", out, sizeof out);
    assert_string_equal(out, "hidden.csv");
    maildir_safe_name("a\nb\x01"
                      "c:d.csv",
                      "f", out, sizeof out);
    assert_string_equal(out, "a_b_c_d.csv");
    maildir_safe_name("bad\xff.csv", "f", out, sizeof out);
    assert_null(strchr(out, '/'));
    assert_non_null(strstr(out, ".csv"));
    /* decomposed (NFD) letters come out composed */
    maildir_safe_name("Đo\xcc\x82\xcc\x80ng.csv", "f", out, sizeof out);
    assert_string_equal(out, "Đồng.csv");
    char longname[1000];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    maildir_safe_name(longname, "f", out, 64);
    assert_true(strlen(out) < 64);
}

static void hostile_names_stay_in_the_folder(void **state)
{
    (void)state;
    static const char text[] =
        "From: a@b.example\n"
        "Content-Type: multipart/mixed; boundary=b\n\n"
        "--b\n"
        "Content-Type: text/csv\n"
        "Content-Disposition: attachment; filename=\"../../x.csv\"\n\n"
        "a,b\n"
        "--b\n"
        "Content-Type: application/octet-stream\n"
        "Content-Disposition: attachment; filename*=UTF-8''%2E%2E%2Fy.xlsx\n\n"
        "a,b\n"
        "--b--\n";
    maildir_message m;
    parse(text, sizeof text - 1, NULL, &m);
    assert_int_equal(m.nattachments, 2);
    assert_string_equal(m.attachments[0].name, "x.csv");
    assert_string_equal(m.attachments[1].name, "y.xlsx");
    maildir_message_release(&m);
    /* a name of dots, a name without extension, an empty part */
    static const char odd[] = "From: a@b.example\n"
                              "Content-Type: multipart/mixed; boundary=b\n\n"
                              "--b\n"
                              "Content-Type: text/csv; name=\"../.csv\"\n\n"
                              "a,b\n"
                              "--b\n"
                              "Content-Type: application/vnd.ms-excel; name=\"Báo cáo\"\n\n"
                              "--b--\n";
    parse(odd, sizeof odd - 1, NULL, &m);
    assert_int_equal(m.nattachments, 2);
    assert_string_equal(m.attachments[0].name, "csv.csv");
    assert_string_equal(m.attachments[1].name, "Báo cáo.xls");
    assert_non_null(m.attachments[1].bytes);
    assert_int_equal(m.attachments[1].len, 0);
    maildir_message_release(&m);
}

static void list_read_and_mark_seen(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_maildir.XXXXXX", path[512], err[256];
    assert_non_null(mkdtemp(dir));
    maildir_names names;
    assert_int_equal(maildir_list_new(dir, &names, err, sizeof err), TH_ERR_CONFIG);
    maildir_names_release(&names);
    const char *subs[] = {"new", "cur", "tmp"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, subs[i]);
        assert_int_equal(mkdir(path, 0700), 0);
    }
    const char *files[] = {"2.host", "1.host:2,F", ".hidden"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/new/%s", dir, files[i]);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fwrite(forwarded, 1, sizeof forwarded - 1, f);
        fclose(f);
    }
    assert_int_equal(maildir_list_new(dir, &names, err, sizeof err), TH_OK);
    assert_int_equal(names.count, 2);
    assert_string_equal(names.names[0], "1.host:2,F");
    assert_string_equal(names.names[1], "2.host");
    maildir_message m;
    maildir_limits lim = maildir_default_limits();
    assert_int_equal(maildir_read(dir, names.names[1], &lim, &m), TH_OK);
    assert_int_equal(m.nattachments, 2);
    assert_string_equal(m.file, "2.host");
    maildir_message_release(&m);
    assert_int_equal(maildir_read(dir, "gone", &lim, &m), TH_OK);
    assert_true(has_finding(&m, FC_UNREADABLE));
    maildir_message_release(&m);
    for (size_t i = 0; i < names.count; i++)
        assert_int_equal(maildir_mark_seen(dir, names.names[i], err, sizeof err), TH_OK);
    maildir_names_release(&names);
    struct stat st;
    snprintf(path, sizeof path, "%s/cur/2.host:2,S", dir);
    assert_int_equal(stat(path, &st), 0);
    snprintf(path, sizeof path, "%s/cur/1.host:2,FS", dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(maildir_list_new(dir, &names, err, sizeof err), TH_OK);
    assert_int_equal(names.count, 0);
    maildir_names_release(&names);
    assert_int_equal(maildir_mark_seen(dir, "../x", err, sizeof err), TH_ERR_IO);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(forwarded_and_nested_parts),
        cmocka_unit_test(no_attachment_is_a_warning),
        cmocka_unit_test(broken_base64_is_a_finding),
        cmocka_unit_test(hostile_messages_are_bounded),
        cmocka_unit_test(names_are_made_safe),
        cmocka_unit_test(hostile_names_stay_in_the_folder),
        cmocka_unit_test(list_read_and_mark_seen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
