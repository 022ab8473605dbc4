/*
 * test_report_schema.c - header cells matched to the template's columns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "report_schema.h"
#include "text.h"

/* Every column is found by its key and its title in any case, spacing or
 * diacritics: the folded forms written out in report_schema.c are what
 * text_fold gives. */
static void every_column_matches_its_key_and_title(void **state)
{
    (void)state;
    for (int c = 0; c < COL_COUNT; c++) {
        const column_spec *s = report_schema_column((report_column)c);
        assert_int_equal(report_schema_match(s->key), c);
        assert_int_equal(report_schema_match(s->title), c);
        char *folded = text_fold(s->title);
        assert_non_null(folded);
        assert_int_equal(report_schema_match(folded), c);
        free(folded);
    }
}

static void other_headers_match_what_they_fold_to(void **state)
{
    (void)state;
    assert_int_equal(report_schema_match(""), COL_COUNT);
    assert_int_equal(report_schema_match("Số điện thoại"), COL_COUNT);
    assert_int_equal(report_schema_match("ma_don"), COL_COUNT);
    assert_int_equal(report_schema_match("  Mã   đơn vị "), COL_UNIT);
    assert_int_equal(report_schema_match("SỐ NGƯỜI THAM GIA"), COL_PARTICIPANTS);
    assert_int_equal(report_schema_match("KINH PHÍ (ĐỒNG)"), COL_BUDGET);
    assert_int_equal(report_schema_match("TU_NGAY"), COL_FROM);
    assert_int_equal(report_schema_match("Ma\xcc\x83 \xc4\x91on vi\xcc\xa3"), COL_UNIT); /* NFD */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_column_matches_its_key_and_title),
        cmocka_unit_test(other_headers_match_what_they_fold_to),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
