/*
 * test_template.c - the blank report of `tonghop template`: file names that
 * cannot leave their folder, the category order of the drop-down list, the
 * bytes of the CSV template, and no file left behind on failure.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "template.h"
#include "test_support.h"

static void safe_as(const char *code, const char *want)
{
    char out[64];
    template_safe_name(code, out);
    assert_string_equal(out, want);
}

static void test_safe_name(void **state)
{
    (void)state;
    safe_as("LOCNINH", "LOCNINH");
    safe_as("THPT_chuyen-QT", "THPT_chuyen-QT");
    safe_as("../etc/passwd", "___etc_passwd");
    safe_as("..", "__");
    safe_as(".hidden", "_hidden");
    safe_as("a/b\\c", "a_b_c");
    safe_as("tab\there\nnl", "tab_here_nl");
    safe_as("Đà", "____"); /* every byte of a non-ASCII letter */
    safe_as("", "_");
}

static void test_file_name(void **state)
{
    (void)state;
    char *n = template_file_name("LOCNINH", TEMPLATE_XLSX);
    assert_string_equal(n, "LOCNINH.xlsx");
    free(n);
    n = template_file_name("../x", TEMPLATE_CSV);
    assert_string_equal(n, "___x.csv");
    free(n);
    n = template_file_name(NULL, TEMPLATE_CSV);
    assert_string_equal(n, "mau-bao-cao.csv");
    free(n);
}

/* A district's required categories come first, in categories.csv order,
 * then the rest; for any unit the order is categories.csv's. */
static void test_category_order(void **state)
{
    (void)state;
    campaign c;
    assert_true(test_load_template(&c));
    long u = campaign_find_unit(&c, "LOCNINH");
    assert_true(u >= 0);
    size_t *order = calloc(c.ncategories, sizeof *order);
    size_t nreq = template_category_order(&c, u, order);
    assert_int_equal(nreq, campaign_required_count(&c, (size_t)u));
    bool seen[64] = {false};
    for (size_t i = 0; i < c.ncategories; i++) {
        assert_true(order[i] < c.ncategories && !seen[order[i]]);
        seen[order[i]] = true;
        assert_int_equal(campaign_requires(&c, (size_t)u, order[i]), i < nreq);
        if (i > 0 && (i < nreq) == (i - 1 < nreq))
            assert_true(order[i - 1] < order[i]);
    }
    assert_int_equal(template_category_order(&c, -1, order), 0);
    for (size_t i = 0; i < c.ncategories; i++)
        assert_int_equal(order[i], i);
    free(order);
    campaign_release(&c);
}

static void test_csv_bytes(void **state)
{
    (void)state;
    campaign c;
    assert_true(test_load_template(&c));
    char dir[] = "/tmp/test_template.XXXXXX", path[128], err[256] = "";
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.csv", dir);
    assert_int_equal(template_write(&c, 0, TEMPLATE_CSV, path, err, sizeof err), TH_OK);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[1024] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    const char *want = "\xEF\xBB\xBFMã đơn vị,Mã hoạt động,Nội dung,Từ ngày,Đến ngày,Hình thức,"
                       "Số người tham gia,\"Số buổi, lớp\",\"Số băng rôn, khẩu hiệu\",\"Số tin, "
                       "bài\",\"Số sách (trưng bày, trao tặng)\",Kinh phí (đồng),Ghi chú\r\n";
    assert_int_equal(n, strlen(want));
    assert_memory_equal(buf, want, n);
    unlink(path);
    rmdir(dir);
    campaign_release(&c);
}

/* An unwritable place: an error with the reason, and nothing created. */
static void test_failure_leaves_nothing(void **state)
{
    (void)state;
    campaign c;
    assert_true(test_load_template(&c));
    char err[256] = "";
    th_error rc = template_write(&c, -1, TEMPLATE_XLSX, "/nonexistent-dir/t.xlsx", err, sizeof err);
    assert_int_equal(rc, TH_ERR_IO);
    assert_non_null(strstr(err, "nonexistent-dir"));
    campaign_release(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_safe_name),
        cmocka_unit_test(test_file_name),
        cmocka_unit_test(test_category_order),
        cmocka_unit_test(test_csv_bytes),
        cmocka_unit_test(test_failure_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
