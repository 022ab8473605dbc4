/*
 * test_font_metrics.c - text measured in Times New Roman (Liberation Serif's
 * advance widths) and wrapped at spaces, as the workbook writer sizes its
 * columns and rows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "workbook.h"

static void widths_are_the_fonts(void **state)
{
    (void)state;
    /* Times New Roman: n and the digits half an em, M 0.889 em */
    assert_true(wb_text_points("n", 10, false) == 5.0);
    assert_true(wb_text_points("2022", 11, false) == 22.0);
    assert_true(wb_text_points("M", 2048, false) == 1821.0);
    /* bold is wider; ệ (U+1EC7) is an e, precomposed or not */
    assert_true(wb_text_points("n", 10, true) > wb_text_points("n", 10, false));
    assert_true(wb_text_points("\xe1\xbb\x87", 12, false) == wb_text_points("e", 12, false));
    assert_true(wb_text_points("e\xcc\x82\xcc\xa3", 12, false) == wb_text_points("e", 12, false));
    assert_true(wb_span_points("nnnn", 2, 10, false) == 10.0);
    /* an invalid byte counts as U+FFFD instead of stopping the count */
    assert_true(wb_text_points("n\xffn", 10, false) > 10.0);
}

static void lines_wrap_at_spaces(void **state)
{
    (void)state;
    double n = wb_text_points("nnnn", 10, false); /* 20 pt */
    assert_int_equal(wb_text_lines("", 100, 10, false), 1);
    assert_int_equal(wb_text_lines("nnnn nnnn nnnn", 100, 10, false), 1);
    assert_int_equal(wb_text_lines("nnnn nnnn nnnn", n + 1, 10, false), 3);
    assert_int_equal(wb_text_lines("nnnn nnnn nnnn", 2 * n + 3, 10, false), 2);
    assert_int_equal(wb_text_lines("nnnn\nnnnn", 100, 10, false), 2);
    /* a word wider than the column takes the lines it needs */
    assert_int_equal(wb_text_lines("nnnnnnnnnnnn", n, 10, false), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(widths_are_the_fonts),
        cmocka_unit_test(lines_wrap_at_spaces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
