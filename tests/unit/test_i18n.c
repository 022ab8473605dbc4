/*
 * test_i18n.c - unit tests for i18n.c: language names, the locale's
 * language, and that selecting a language switches gettext's catalogue
 * (the build tree's po/vi.po, compiled into $TONGHOP_LOCALE_DIR).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "i18n.h"

static void test_parse_lang(void **state)
{
    (void)state;
    th_lang lang = LANG_EN;
    assert_true(i18n_parse_lang("vi", &lang));
    assert_int_equal(lang, LANG_VI);
    assert_true(i18n_parse_lang("en_US.UTF-8", &lang));
    assert_int_equal(lang, LANG_EN);
    assert_true(i18n_parse_lang("vi_VN.UTF-8", &lang));
    assert_int_equal(lang, LANG_VI);
    assert_true(i18n_parse_lang("en@quot", &lang));
    assert_int_equal(lang, LANG_EN);
    assert_false(i18n_parse_lang("fr", &lang));
    assert_false(i18n_parse_lang("vie", &lang));
    assert_false(i18n_parse_lang("", &lang));
    assert_false(i18n_parse_lang(NULL, &lang));
}

static void test_locale_lang(void **state)
{
    (void)state;
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
    assert_int_equal(i18n_locale_lang(), LANG_EN);
    setenv("LANG", "vi_VN.UTF-8", 1);
    assert_int_equal(i18n_locale_lang(), LANG_VI);
    setenv("LC_MESSAGES", "C", 1); /* the first one set wins */
    assert_int_equal(i18n_locale_lang(), LANG_EN);
    setenv("LC_ALL", "vi_VN", 1);
    assert_int_equal(i18n_locale_lang(), LANG_VI);
    setenv("LC_ALL", "", 1); /* empty counts as unset */
    assert_int_equal(i18n_locale_lang(), LANG_EN);
}

static void test_select_switches_catalogue(void **state)
{
    (void)state;
    const char *dir = getenv("TONGHOP_LOCALE_DIR");
    assert_non_null(dir);
    setenv("LANG", "C", 1); /* gettext must work under LANG=C too */
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    i18n_init(dir);
    const char *msgid = "unknown language '%s' (expected vi or en)";
    i18n_select(LANG_VI);
    assert_int_equal(i18n_lang(), LANG_VI);
    assert_string_equal(_(msgid), "không có ngôn ngữ '%s' (chỉ có vi hoặc en)");
    i18n_select(LANG_EN);
    assert_int_equal(i18n_lang(), LANG_EN);
    assert_string_equal(_(msgid), msgid);
    i18n_select(LANG_VI);
    assert_string_equal(_(msgid), "không có ngôn ngữ '%s' (chỉ có vi hoặc en)");
    /* English has two plural forms, Vietnamese one. */
    i18n_select(LANG_EN);
    assert_string_equal(P_("%zu file", "%zu files", 1), "%zu file");
    assert_string_equal(P_("%zu file", "%zu files", 2), "%zu files");
    /* A text with a context the catalogue lacks is its msgid. */
    i18n_select(LANG_VI);
    assert_string_equal(C_("nowhere", "%zu files"), "%zu files");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_lang),
        cmocka_unit_test(test_locale_lang),
        cmocka_unit_test(test_select_switches_catalogue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
