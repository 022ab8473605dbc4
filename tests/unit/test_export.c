/*
 * test_export.c - the pure helpers of the write stage: the output file name
 * pattern and text made safe for an Excel cell.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "export.h"

/* 2022-10-28 08:05 in UTC+7 */
#define AS_OF ((int64_t)1666919100)

static void name_of(const char *pattern, const char *code, const char *want)
{
    char *got = export_output_name(pattern, code, AS_OF, 420);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_output_name(void **state)
{
    (void)state;
    name_of("TongHop_{code}_{yyyymmdd}.xlsx", "htsd-2022", "TongHop_htsd-2022_20221028.xlsx");
    name_of("{yyyy}/{mm}/{dd}-{hhmm}", "x", "2022/10/28-0805");
    name_of("{code}", "a/b\\c", "a-b-c");
    name_of("{unknown}_{code", "x", "{unknown}_{code");
    name_of("", "x", "");
    /* the local date, not the UTC one: 2022-10-27 23:30 UTC is the 28th at +7 */
    char *got = export_output_name("{yyyymmdd}", "x", (int64_t)1666913400, 420);
    assert_string_equal(got, "20221028");
    free(got);
}

static void safe(const char *in, const char *want)
{
    char *out = (char *)0x1;
    assert_int_equal(export_xlsx_text(in, &out), TH_OK);
    if (want == NULL) {
        assert_null(out);
        return;
    }
    assert_non_null(out);
    assert_string_equal(out, want);
    free(out);
}

static void test_xlsx_text(void **state)
{
    (void)state;
    safe("Bù Đăng", NULL);
    safe("=HYPERLINK(\"x\")", NULL); /* a string is a string: nothing to change */
    safe("snake_x_case_x12_", NULL);
    safe("_x0041_", "_x005F_x0041_");
    safe("a_X00fF_b_x0041_", "a_x005F_X00fF_b_x005F_x0041_");
    safe("bad \xff byte", "bad \xEF\xBF\xBD byte");
    safe("cut \xE1\xBB", "cut \xEF\xBF\xBD\xEF\xBF\xBD");
}

static void test_xlsx_text_limit(void **state)
{
    (void)state;
    size_t n = EXPORT_CELL_MAX + 10;
    char *big = malloc(n * 2 + 1), *out = NULL;
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        memcpy(big + 2 * i, "\xC3\xA0", 2); /* 'à', two bytes */
    big[2 * n] = '\0';
    assert_int_equal(export_xlsx_text(big, &out), TH_OK);
    assert_non_null(out);
    assert_int_equal(strlen(out), 2 * EXPORT_CELL_MAX);
    free(out);
    big[2 * EXPORT_CELL_MAX] = '\0'; /* exactly the limit in code points */
    assert_int_equal(export_xlsx_text(big, &out), TH_OK);
    if (out != NULL) /* long in bytes: rewritten, but whole */
        assert_int_equal(strlen(out), 2 * EXPORT_CELL_MAX);
    free(out);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_output_name),
        cmocka_unit_test(test_xlsx_text),
        cmocka_unit_test(test_xlsx_text_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
