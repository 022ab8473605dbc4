/*
 * test_vietnamese.c - unit tests for vietnamese.c: detection of Vietnamese
 * typed with legacy TCVN3/VNI fonts (and its false alarms), and conversion
 * of TCVN3 back to Unicode.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vietnamese.h"

/* "Bù Đăng" typed both ways */
#define BU_DANG_NFC "B\xC3\xB9 \xC4\x90\xC4\x83ng"
/* "Tổ chức": precomposed, and o + circumflex + hook, u + horn + acute */
#define TO_CHUC_NFC "T\xE1\xBB\x95 ch\xE1\xBB\xA9\x63"
#define TO_CHUC_NFD "To\xCC\x82\xCC\x89 chu\xCC\x9B\xCC\x81\x63"

/* ---- legacy fonts ------------------------------------------------------- */

struct font_case {
    const char *text;
    vn_font font;
};

static void check_fonts(const struct font_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        vn_font got = vn_detect_legacy_font(cases[i].text);
        if (got != cases[i].font)
            fail_msg("\"%s\": font %d, want %d", cases[i].text, got, cases[i].font);
    }
}

static void test_detect_tcvn3(void **state)
{
    (void)state;
    static const struct font_case cases[] = {
        {"T\xC3\xA6 ch\xC3\xB8\x63", VN_FONT_TCVN3},       /* Tæ chøc: Tổ chức */
        {"Gi\xC2\xB8o d\xC3\xB4\x63", VN_FONT_TCVN3},      /* Gi¸o dôc: Giáo dục */
        {"\xC2\xA7\xC2\xB5o t\xC2\xB9o", VN_FONT_TCVN3},   /* §µo t¹o: Đào tạo */
        {"Tr\xC3\xB9\x63 ti\xC3\x95p", VN_FONT_TCVN3},     /* Trùc tiÕp: Trực tiếp */
        {"Kh\xC2\xABng", VN_FONT_TCVN3},                   /* Kh«ng: Không */
        {"H\xC3\xA4 v\xC2\xB5 t\xC2\xAAn", VN_FONT_TCVN3}, /* Hä vµ tªn: Họ và tên */
        {"S\xC3\xAB GD&\xC2\xA7T B\xC3\x97nh Ph\xC2\xAD\xC3\xAD\x63", VN_FONT_TCVN3},
    };
    check_fonts(cases, sizeof cases / sizeof cases[0]);
}

static void test_detect_vni(void **state)
{
    (void)state;
    static const struct font_case cases[] = {
        {"To\xC3\xA5 ch\xC3\xB6\xC3\xB9\x63", VN_FONT_VNI}, /* Toå chöùc: Tổ chức */
        {"Gia\xC3\xB9o du\xC3\xAF\x63", VN_FONT_VNI},       /* Giaùo duïc: Giáo dục */
        {"TO\xC3\x85 CH\xC3\x96\xC3\x99\x43", VN_FONT_VNI}, /* TOÅ CHÖÙC */
    };
    check_fonts(cases, sizeof cases / sizeof cases[0]);
}

static void test_detect_unicode(void **state)
{
    (void)state;
    static const struct font_case cases[] = {
        {"", VN_FONT_UNICODE},
        {"hello world", VN_FONT_UNICODE},
        {"SGDDT", VN_FONT_UNICODE},
        {"caf\xC3\xA9", VN_FONT_UNICODE},                          /* café */
        {"na\xC3\xAFve", VN_FONT_UNICODE},                         /* naïve */
        {"cr\xC3\xA8me br\xC3\xBBl\xC3\xA9\x65", VN_FONT_UNICODE}, /* crème brûlée */
        {"Le caf\xC3\xA9 o\xC3\xB9 je bois", VN_FONT_UNICODE},     /* où alone looks like VNI */
        {"S\xC3\xB8ren Kierkegaard", VN_FONT_UNICODE},
        {"M\xC3\xBCller f\xC3\xBCr", VN_FONT_UNICODE},
        {"a\xC3\xB1o ni\xC3\xB1o se\xC3\xB1or", VN_FONT_UNICODE},
        {"S\xC3\xA3o Paulo", VN_FONT_UNICODE},
        {"5 \xC2\xB5m, 20\xC2\xB0\x43, 2\xC3\x97\x33 cm", VN_FONT_UNICODE},
        {"\xC2\xAB Bonjour \xC2\xBB", VN_FONT_UNICODE},
        {TO_CHUC_NFC, VN_FONT_UNICODE},
        {TO_CHUC_NFD, VN_FONT_UNICODE},
        {BU_DANG_NFC, VN_FONT_UNICODE},
        {"c\xC3\xA0 ph\xC3\xAA", VN_FONT_UNICODE},          /* cà phê: Latin-1 only */
        {"B\xC3\xA9 m\xC3\xAC t\xC3\xB4", VN_FONT_UNICODE}, /* Bé mì tô */
        {"T\xC3\xA6", VN_FONT_UNICODE},                     /* one weak word: too little */
        {"\xE6\x97\xA5\xE6\x9C\xAC", VN_FONT_UNICODE},
        {"ab\xC0\xAF", VN_FONT_UNICODE}, /* not UTF-8 at all */
    };
    check_fonts(cases, sizeof cases / sizeof cases[0]);
}

static void check_tcvn3(const char *in, const char *want)
{
    char *out = vn_from_tcvn3(in);

    if (out == NULL)
        fail_msg("TCVN3 \"%s\" gave NULL", in);
    if (strcmp(out, want) != 0)
        fail_msg("TCVN3 \"%s\" = \"%s\", want \"%s\"", in, out, want);
    free(out);
}

static void test_from_tcvn3(void **state)
{
    (void)state;
    check_tcvn3("T\xC3\xA6 ch\xC3\xB8\x63", TO_CHUC_NFC);
    check_tcvn3("Gi\xC2\xB8o d\xC3\xB4\x63", "Gi\xC3\xA1o d\xE1\xBB\xA5\x63");
    check_tcvn3("\xC2\xA7\xC2\xB5o t\xC2\xB9o", "\xC4\x90\xC3\xA0o t\xE1\xBA\xA1o");
    /* Së GD&§T B×nh Ph­íc: Sở GD&ĐT Bình Phước, soft hyphen is ư */
    check_tcvn3("S\xC3\xAB GD&\xC2\xA7T B\xC3\x97nh Ph\xC2\xAD\xC3\xAD\x63",
                "S\xE1\xBB\x9F GD&\xC4\x90T B\xC3\xACnh Ph\xC6\xB0\xE1\xBB\x9B\x63");
    /* a letter then a combining tone byte (0xB3, acute) composes */
    check_tcvn3("Ca\xC2\xB3", "C\xC3\xA1");
    /* the last letter is not lost, and ASCII passes through */
    check_tcvn3("abc, 123\n", "abc, 123\n");
    check_tcvn3("", "");
    /* a Windows-1252 special goes back to its byte: U+0152 is 0x8C, Ệ */
    check_tcvn3("\xC5\x92", "\xE1\xBB\x86");
}

static void test_from_tcvn3_impossible(void **state)
{
    (void)state;
    assert_null(vn_from_tcvn3(TO_CHUC_NFC)); /* ổ is beyond any 8-bit font */
    assert_null(vn_from_tcvn3("\xE6\x97\xA5"));
    assert_null(vn_from_tcvn3("ab\xC0\xAF"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect_tcvn3),          cmocka_unit_test(test_detect_vni),
        cmocka_unit_test(test_detect_unicode),        cmocka_unit_test(test_from_tcvn3),
        cmocka_unit_test(test_from_tcvn3_impossible),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
