/*
 * test_mail_message.c - e-mail out: the headers GMime writes, the
 * reproducible Message-ID, bad addresses, and the atomic write.
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

static const unsigned char csv[] = "ma_don_vi,noi_dung\nDONGXOAI,Tuyên truyền\n";

static mail_message sample(const mail_attachment *a, size_t n)
{
    mail_message m = {
        .from = "Sở GD&ĐT Bình Phước <tonghop@sgddt.binhphuoc.example>",
        .to = "UBND tỉnh Bình Phước <vanthu@ubnd.binhphuoc.example>, kgvx@ubnd.binhphuoc.example",
        .cc = "",
        .subject = "Báo cáo tổng hợp Tuần lễ hưởng ứng học tập suốt đời năm 2022",
        .body = "Kính gửi UBND tỉnh.\nĐúng hạn: 3; trễ hạn: 1; chưa nộp: 2.\n",
        .date = 1666890000, /* 2022-10-28 00:00 +07:00 */
        .utc_offset_min = 420,
        .stable_id = true,
        .attachments = a,
        .nattachments = n,
    };
    return m;
}

static char *format(const mail_message *m, size_t *len)
{
    char *out = NULL, err[256] = "";
    th_error rc = mail_message_format(m, &out, len, err, sizeof err);
    if (rc != TH_OK)
        fprintf(stderr, "format: %s\n", err);
    assert_int_equal(rc, TH_OK);
    assert_non_null(out);
    return out;
}

static void headers_are_encoded_by_gmime(void **state)
{
    (void)state;
    mail_attachment a = {csv, sizeof csv - 1, NULL, "Báo cáo Đồng Xoài.csv", NULL};
    mail_message m = sample(&a, 1);
    size_t len = 0;
    char *out = format(&m, &len);
    assert_int_equal(strlen(out), len);
    /* the subject is RFC 2047, the file name RFC 2231 in UTF-8 */
    assert_non_null(strstr(out, "Subject: =?UTF-8?"));
    assert_non_null(strstr(out, "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%C4%90%E1%BB%93ng"));
    assert_non_null(strstr(out, "Date: Fri, 28 Oct 2022 00:00:00 +0700"));
    assert_non_null(strstr(out, "Content-Type: text/csv"));
    assert_non_null(strstr(out, "Content-Transfer-Encoding: base64"));
    assert_non_null(strstr(out, "Message-Id: <"));
    assert_non_null(strstr(out, ".tonghop@sgddt.binhphuoc.example>"));
    assert_non_null(strstr(out, "<vanthu@ubnd.binhphuoc.example>, kgvx@ubnd.binhphuoc.example"));
    assert_null(strstr(out, "\nCc:")); /* an empty Cc is left out */
    /* no raw 8-bit byte anywhere: the message is 7-bit clean */
    for (size_t i = 0; i < len; i++)
        assert_true((unsigned char)out[i] < 0x80);
    free(out);
}

static void stable_id_gives_the_same_bytes(void **state)
{
    (void)state;
    mail_attachment a = {csv, sizeof csv - 1, NULL, "a.csv", NULL};
    mail_message m = sample(&a, 1);
    size_t n1, n2, n3;
    char *one = format(&m, &n1), *two = format(&m, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(one, two, n1);
    m.date += 60; /* another content, another Message-ID and boundary */
    char *three = format(&m, &n3);
    const char *id1 = strstr(one, "Message-Id:"), *id3 = strstr(three, "Message-Id:");
    assert_non_null(id1);
    assert_non_null(id3);
    assert_memory_not_equal(id1, id3, 50);
    free(one);
    free(two);
    free(three);
}

static void bad_addresses_are_refused(void **state)
{
    (void)state;
    mail_message m = sample(NULL, 0);
    char *out = (char *)1, err[256] = "";
    size_t len;
    m.to = "";
    assert_int_equal(mail_message_format(&m, &out, &len, err, sizeof err), TH_ERR_USAGE);
    assert_null(out);
    assert_non_null(strstr(err, "To"));
    m.to = "<<<>>>";
    assert_int_equal(mail_message_format(&m, &out, &len, err, sizeof err), TH_ERR_USAGE);
    m.to = "a@example.vn";
    m.from = NULL;
    assert_int_equal(mail_message_format(&m, &out, &len, err, sizeof err), TH_ERR_USAGE);
    m.from = "a@example.vn";
    m.subject = "\xff\xfe";
    assert_int_equal(mail_message_format(&m, &out, &len, err, sizeof err), TH_ERR_USAGE);
    assert_null(out); /* the same rules, checked before any work */
    assert_int_equal(
        mail_addresses_check("Bà Hoà <b@x.example>, c@x.example", "To", err, sizeof err), TH_OK);
    assert_int_equal(mail_addresses_check("", "Cc", err, sizeof err), TH_ERR_USAGE);
    assert_int_equal(mail_addresses_check("<<<>>>", "To", err, sizeof err), TH_ERR_USAGE);
    assert_non_null(strstr(err, "To addresses '<<<>>>'"));
}

static void mime_types_by_extension(void **state)
{
    (void)state;
    assert_string_equal(mail_mime_type_for("TongHop.XLSX"), MAIL_XLSX_TYPE);
    assert_string_equal(mail_mime_type_for("a.csv"), "text/csv");
    assert_string_equal(mail_mime_type_for("a.ods"),
                        "application/vnd.oasis.opendocument.spreadsheet");
    assert_string_equal(mail_mime_type_for("xlsx"), "application/octet-stream");
    assert_string_equal(mail_mime_type_for(NULL), "application/octet-stream");
}

static void write_is_atomic(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_mail_message.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512], book[512], err[256] = "";
    snprintf(book, sizeof book, "%s/book.xlsx", dir);
    FILE *f = fopen(book, "wb");
    assert_non_null(f);
    fputs("PK\x03\x04 not really a workbook", f);
    fclose(f);
    mail_attachment a = {NULL, 0, book, "TongHop_htsd-2022_20221028.xlsx", MAIL_XLSX_TYPE};
    mail_message m = sample(&a, 1);
    snprintf(path, sizeof path, "%s/out.eml", dir);
    assert_int_equal(mail_message_write(&m, path, err, sizeof err), TH_OK);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 500);
    /* a missing attachment: nothing is written, the old file stays */
    a.path = "/nonexistent/book.xlsx";
    assert_int_equal(mail_message_write(&m, path, err, sizeof err), TH_ERR_IO);
    assert_non_null(strstr(err, "/nonexistent/book.xlsx"));
    struct stat again;
    assert_int_equal(stat(path, &again), 0);
    assert_int_equal(again.st_size, st.st_size);
    /* an unwritable folder: an error, nothing left */
    snprintf(path, sizeof path, "%s/no/such/dir/out.eml", dir);
    a.path = book;
    assert_int_equal(mail_message_write(&m, path, err, sizeof err), TH_ERR_IO);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 2 && rm -rf %s", dir, dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(headers_are_encoded_by_gmime),
        cmocka_unit_test(stable_id_gives_the_same_bytes),
        cmocka_unit_test(bad_addresses_are_refused),
        cmocka_unit_test(mime_types_by_extension),
        cmocka_unit_test(write_is_atomic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
