/*
 * test_finding.c - the finding catalogue and the finding list.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "finding.h"
#include "test_support.h"

static void every_code_has_a_name_severity_and_messages(void **state)
{
    (void)state;
    for (int i = 0; i < FC_COUNT; i++) {
        const char *name = finding_code_name((finding_code)i);
        assert_non_null(name);
        assert_true(strlen(name) > 2);
        for (const char *p = name; *p; p++)
            assert_true((*p >= 'a' && *p <= 'z') || *p == '-');
        assert_true(strlen(finding_code_message((finding_code)i, LANG_VI)) > 10);
        assert_true(strlen(finding_code_message((finding_code)i, LANG_EN)) > 10);
        /* po/vi.po translates every message (the English is the msgid). */
        assert_string_not_equal(finding_code_message((finding_code)i, LANG_VI),
                                finding_code_message((finding_code)i, LANG_EN));
        assert_int_equal(finding_code_from_name(name), i);
    }
}

static void names_are_unique(void **state)
{
    (void)state;
    for (int i = 0; i < FC_COUNT; i++)
        for (int j = i + 1; j < FC_COUNT; j++)
            assert_string_not_equal(finding_code_name((finding_code)i),
                                    finding_code_name((finding_code)j));
}

static void severities_follow_the_groups(void **state)
{
    (void)state;
    assert_int_equal(finding_code_severity(FC_UNKNOWN_UNIT), FINDING_FILE_ERROR);
    assert_int_equal(finding_code_severity(FC_CLOSED), FINDING_FILE_ERROR);
    assert_int_equal(finding_code_severity(FC_BAD_DATE), FINDING_ROW_ERROR);
    assert_int_equal(finding_code_severity(FC_EXTRA_CELLS), FINDING_ROW_ERROR);
    assert_int_equal(finding_code_severity(FC_LATE), FINDING_WARNING);
    assert_int_equal(finding_code_severity(FC_FORMULA_TEXT), FINDING_WARNING);
    for (int i = 0; i < FC_UNKNOWN_CATEGORY; i++)
        assert_int_equal(finding_code_severity((finding_code)i), FINDING_FILE_ERROR);
    for (int i = FC_UNKNOWN_CATEGORY; i < FC_LATE; i++)
        assert_int_equal(finding_code_severity((finding_code)i), FINDING_ROW_ERROR);
    for (int i = FC_LATE; i < FC_COUNT; i++)
        assert_int_equal(finding_code_severity((finding_code)i), FINDING_WARNING);
}

static void out_of_range_is_safe(void **state)
{
    (void)state;
    assert_string_equal(finding_code_name(FC_COUNT), "");
    assert_string_equal(finding_code_message((finding_code)-1, LANG_VI), "");
    assert_int_equal(finding_code_from_name("no-such-code"), FC_COUNT);
    assert_int_equal(finding_code_from_name(NULL), FC_COUNT);
    assert_string_equal(th_strerror(TH_ERR_COUNT), "lỗi không xác định");
    for (int i = 0; i < TH_ERR_COUNT; i++)
        assert_string_not_equal(th_strerror((th_error)i), "lỗi không xác định");
}

static void list_collects_copies(void **state)
{
    (void)state;
    finding_list list;
    finding_list_init(&list);
    char name[] = "Từ ngày";
    for (int i = 0; i < 20; i++)
        assert_int_equal(finding_list_add(&list, i % 2 ? FC_BAD_DATE : FC_LATE, "a.csv",
                                          (size_t)i + 2, 4, name, "value %d", i),
                         TH_OK);
    name[0] = 'X'; /* the list holds its own copy */
    assert_string_equal(name, "Xừ ngày");
    assert_int_equal(list.count, 20);
    assert_string_equal(list.items[3].column_name, "Từ ngày");
    assert_string_equal(list.items[3].detail, "value 3");
    assert_int_equal(list.items[3].row, 5);
    assert_int_equal(finding_list_count(&list, FINDING_ROW_ERROR), 10);
    assert_int_equal(finding_list_count(&list, FINDING_WARNING), 10);
    assert_false(finding_list_has_file_error(&list));
    assert_int_equal(finding_list_add(&list, FC_NO_ROWS, NULL, 0, 0, NULL, NULL), TH_OK);
    assert_string_equal(list.items[20].file, "");
    assert_string_equal(list.items[20].detail, "");
    assert_true(finding_list_has_file_error(&list));
    finding_list_release(&list);
    assert_int_equal(list.count, 0);
    assert_null(list.items);
}

static void column_letters_are_excel_style(void **state)
{
    (void)state;
    char buf[8];
    const struct {
        size_t column;
        const char *letters;
    } cases[] = {{1, "A"},   {4, "D"},    {26, "Z"},    {27, "AA"},     {52, "AZ"},
                 {53, "BA"}, {702, "ZZ"}, {703, "AAA"}, {16384, "XFD"}, {0, ""}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        finding_column_letters(cases[i].column, buf, sizeof buf);
        assert_string_equal(buf, cases[i].letters);
    }
}

/* Reads the source tree's file rel into doc (at most size - 1 bytes). */
static void read_doc(const char *rel, char *doc, size_t size)
{
    const char *dir = getenv("TONGHOP_SOURCE_DIR");
    assert_non_null(dir);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(doc, 1, size - 1, f);
    doc[n] = '\0';
    fclose(f);
}

/* docs/findings.md (English) and docs/findings.vi.md (Vietnamese) document
 * the catalogue: every code must appear in both, with its message in the
 * document's language. */
static void every_code_is_documented(void **state)
{
    (void)state;
    static char en[1 << 16], vi[1 << 16];
    read_doc("docs/findings.md", en, sizeof en);
    read_doc("docs/findings.vi.md", vi, sizeof vi);
    for (int i = 0; i < FC_COUNT; i++) {
        char needle[64];
        snprintf(needle, sizeof needle, "| `%s` |", finding_code_name((finding_code)i));
        assert_non_null(strstr(en, needle));
        assert_non_null(strstr(vi, needle));
        assert_non_null(strstr(vi, finding_code_message((finding_code)i, LANG_VI)));
        assert_non_null(strstr(en, finding_code_message((finding_code)i, LANG_EN)));
    }
}

/* A text asked for in one language leaves the selection as it was. */
static void a_text_in_the_other_language(void **state)
{
    (void)state;
    i18n_select(LANG_EN);
    assert_string_equal(finding_severity_label(FINDING_WARNING, LANG_VI), "Cảnh báo");
    assert_string_equal(finding_severity_label(FINDING_WARNING, LANG_EN), "Warning");
    assert_int_equal(i18n_lang(), LANG_EN);
    assert_string_equal(_("Warning"), "Warning");
    i18n_select(LANG_VI);
    assert_string_equal(finding_severity_label(FINDING_ROW_ERROR, LANG_EN), "Error");
    assert_string_equal(_("Error"), "Lỗi");
}

int main(void)
{
    test_i18n(LANG_VI);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_code_has_a_name_severity_and_messages),
        cmocka_unit_test(names_are_unique),
        cmocka_unit_test(severities_follow_the_groups),
        cmocka_unit_test(out_of_range_is_safe),
        cmocka_unit_test(list_collects_copies),
        cmocka_unit_test(column_letters_are_excel_style),
        cmocka_unit_test(every_code_is_documented),
        cmocka_unit_test(a_text_in_the_other_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
