/*
 * test_text.c - unit tests for text.c: strict UTF-8 with the offset of the
 * first bad byte, NFC, matching keys, display width.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

/* "Bù Đăng" typed both ways */
#define BU_DANG_NFC "B\xC3\xB9 \xC4\x90\xC4\x83ng"
#define BU_DANG_NFD "Bu\xCC\x80 \xC4\x90\x61\xCC\x86ng"
/* "Tổ chức": precomposed, and o + circumflex + hook, u + horn + acute */
#define TO_CHUC_NFC "T\xE1\xBB\x95 ch\xE1\xBB\xA9\x63"
#define TO_CHUC_NFD "To\xCC\x82\xCC\x89 chu\xCC\x9B\xCC\x81\x63"

/* ---- text_is_utf8 ------------------------------------------------------- */

struct utf8_case {
    const char *bytes;
    size_t len;
    bool valid;
    size_t bad_offset;
};

#define UTF8_OK(s)                                                                                 \
    {                                                                                              \
        s, sizeof s - 1, true, 0                                                                   \
    }
#define UTF8_BAD(s, off)                                                                           \
    {                                                                                              \
        s, sizeof s - 1, false, off                                                                \
    }

static void test_utf8_valid(void **state)
{
    (void)state;
    static const struct utf8_case cases[] = {
        UTF8_OK(""),
        UTF8_OK("plain ASCII"),
        UTF8_OK(TO_CHUC_NFC),
        UTF8_OK(BU_DANG_NFD),
        UTF8_OK("\xC2\x80"),         /* U+0080, smallest two-byte */
        UTF8_OK("\xDF\xBF"),         /* U+07FF */
        UTF8_OK("\xE0\xA0\x80"),     /* U+0800, smallest three-byte */
        UTF8_OK("\xED\x9F\xBF"),     /* U+D7FF, just below the surrogates */
        UTF8_OK("\xEE\x80\x80"),     /* U+E000, just above them */
        UTF8_OK("\xEF\xBF\xBF"),     /* U+FFFF */
        UTF8_OK("\xF0\x90\x80\x80"), /* U+10000 */
        UTF8_OK("\xF4\x8F\xBF\xBF"), /* U+10FFFF, the last code point */
        UTF8_OK("a\0b"),             /* NUL is well-formed UTF-8 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t off = 12345;
        if (!text_is_utf8(cases[i].bytes, cases[i].len, &off))
            fail_msg("case %zu: valid UTF-8 refused at %zu", i, off);
        assert_int_equal(off, 12345); /* untouched on success */
    }
}

static void test_utf8_invalid(void **state)
{
    (void)state;
    static const struct utf8_case cases[] = {
        UTF8_BAD("\x80", 0),                                        /* lone continuation byte */
        UTF8_BAD("abc\xBF", 3), UTF8_BAD("ab\xC0\xAF", 2),          /* overlong '/' */
        UTF8_BAD("\xC1\xBF", 0),                                    /* overlong, C1 lead */
        UTF8_BAD("x\xE0\x80\xAF", 1),                               /* overlong three-byte */
        UTF8_BAD("x\xF0\x80\x80\xAF", 1),                           /* overlong four-byte */
        UTF8_BAD("ok\xED\xA0\x80", 2),                              /* surrogate U+D800 */
        UTF8_BAD("\xED\xBF\xBF", 0),                                /* surrogate U+DFFF */
        UTF8_BAD("\xF4\x90\x80\x80", 0),                            /* U+110000 */
        UTF8_BAD("\xF5\x80\x80\x80", 0),                            /* lead byte beyond F4 */
        UTF8_BAD("\xFF", 0), UTF8_BAD("T\xE1\xBB\x95 \xE1\xBB", 5), /* truncated at the end */
        UTF8_BAD("\xC3(", 0),                                       /* continuation missing */
        UTF8_BAD("\xE1\xBB(x", 0),
        UTF8_BAD(TO_CHUC_NFC "\xF4", 11), /* a Windows-1258 byte after good text */
        /* past the eight-byte ASCII steps, and between them */
        UTF8_BAD("abcdefghijklmnop\xC0", 16), UTF8_BAD("abcdefgh\xC3\xA9ijklmnopq\xE1\xBB", 19),
        UTF8_BAD("abcdefg\xC3", 7), /* a sequence cut by the end of a word */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t off = 12345;
        if (text_is_utf8(cases[i].bytes, cases[i].len, &off))
            fail_msg("case %zu: invalid UTF-8 accepted", i);
        if (off != cases[i].bad_offset)
            fail_msg("case %zu: bad offset %zu, want %zu", i, off, cases[i].bad_offset);
    }
    assert_false(text_is_utf8("\xED\xA0\x80", 3, NULL)); /* NULL offset allowed */
}

/* ---- text_nfc ----------------------------------------------------------- */

static void check_nfc(const char *in, size_t n, const char *want)
{
    size_t len = 999;
    char *out = text_nfc(in, n, &len);

    assert_non_null(out);
    assert_string_equal(out, want);
    assert_int_equal(len, strlen(want));
    free(out);
}

static void test_nfc(void **state)
{
    (void)state;
    check_nfc(BU_DANG_NFD, strlen(BU_DANG_NFD), BU_DANG_NFC);
    check_nfc(TO_CHUC_NFD, strlen(TO_CHUC_NFD), TO_CHUC_NFC);
    check_nfc(TO_CHUC_NFC, strlen(TO_CHUC_NFC), TO_CHUC_NFC);
    check_nfc("abc", 3, "abc");
    check_nfc("", 0, "");
    check_nfc("abcdef", 3, "abc"); /* only n bytes */
    /* a mark with no precomposed form stays combining (y + hook is ỷ) */
    check_nfc("q\xCC\x89", 3, "q\xCC\x89");
    /* a nested dot below + circumflex in either order composes to ộ */
    check_nfc("o\xCC\xA3\xCC\x82", 5, "\xE1\xBB\x99");
    check_nfc("o\xCC\x82\xCC\xA3", 5, "\xE1\xBB\x99");
}

/* Text that is NFC already is copied as it is (the fast path); a combining
 * mark after a precomposed letter still composes with it. */
static void test_nfc_fast_path_and_its_edge(void **state)
{
    (void)state;
    const char *nfc = "Tiếng Việt, Đồng Xoài: ưu tiên 1.200 người";
    size_t len = 0;
    char *out = text_nfc(nfc, strlen(nfc), &len);
    assert_string_equal(out, nfc);
    assert_int_equal(len, strlen(nfc));
    free(out);
    /* ạ (U+1EA1) + combining circumflex (U+0302) is ậ (U+1EAD). */
    out = text_nfc("\xe1\xba\xa1\xcc\x82", 5, &len);
    assert_string_equal(out, "\xe1\xba\xad");
    assert_int_equal(len, 3);
    free(out);
    /* Kelvin sign (U+212A) is not NFC: it becomes K. */
    out = text_nfc("\xe2\x84\xaa", 3, &len);
    assert_string_equal(out, "K");
    free(out);
}

static void test_nfc_invalid(void **state)
{
    (void)state;
    size_t len = 77;
    assert_null(text_nfc("ab\xC0\xAF", 4, &len));
    assert_null(text_nfc("\xED\xA0\x80", 3, NULL));
    assert_int_equal(len, 77);
}

/* ---- text_fold / text_same_key ------------------------------------------ */

static void check_fold(const char *in, const char *want)
{
    char *out = text_fold(in);

    if (out == NULL)
        fail_msg("fold \"%s\" returned NULL", in);
    if (strcmp(out, want) != 0)
        fail_msg("fold \"%s\" = \"%s\", want \"%s\"", in, out, want);
    free(out);
}

static void test_fold(void **state)
{
    (void)state;
    check_fold("M\xC3\xA3  \xC4\x90\xC6\xA1n_v\xE1\xBB\x8B", "ma don vi"); /* Mã  Đơn_vị */
    check_fold("S\xE1\xBB\x91 ng\xC6\xB0\xE1\xBB\x9Di tham gia", "so nguoi tham gia");
    check_fold("MA_DON_VI", "ma don vi");
    check_fold("ma don vi", "ma don vi");
    check_fold("  ma-don\t_ -vi \n", "ma don vi");
    check_fold("M\xC3\xA3\xC2\xA0\xC4\x91\xC6\xA1n v\xE1\xBB\x8B", "ma don vi"); /* NBSP */
    check_fold(BU_DANG_NFC, "bu dang");
    check_fold(BU_DANG_NFD, "bu dang");
    check_fold("\xC4\x90\xE1\xBB\x92NG PH\xC3\x9A", "dong phu"); /* ĐỒNG PHÚ */
    check_fold("S\xE1\xBB\x91 s\xC3\xA1\x63h (tr\xC6\xB0ng b\xC3\xA0y, trao t\xE1\xBA\xB7ng)",
               "so sach (trung bay, trao tang)");
    check_fold("Kinh ph\xC3\xAD (\xC4\x91\xE1\xBB\x93ng)", "kinh phi (dong)");
    check_fold("GD&\xC4\x90T", "gd&dt");
    check_fold("", "");
    check_fold(" _-\xC2\xA0 ", "");
    check_fold("caf\xC3\xA9 na\xC3\xAFve", "cafe naive");
}

/* An ASCII text is folded by a shortcut: it must fold as the same text
 * does through utf8proc, which one non-ASCII letter at the end forces. */
static void test_fold_ascii_as_unicode(void **state)
{
    (void)state;
    for (int c = 1; c < 0x80; c++) {
        char ascii[8], unicode[8], want[16];
        snprintf(ascii, sizeof ascii, "A%cz", c);
        snprintf(unicode, sizeof unicode, "A%cz\xC3\xA9", c); /* é folds to e */
        char *a = text_fold(ascii), *u = text_fold(unicode);
        assert_non_null(a);
        assert_non_null(u);
        snprintf(want, sizeof want, "%se", a);
        if (strcmp(want, u) != 0)
            fail_msg("byte 0x%02x: \"%s\" folds to \"%s\", through utf8proc \"%s\"", c, ascii, a,
                     u);
        free(a);
        free(u);
    }
}

static void test_fold_invalid(void **state)
{
    (void)state;
    assert_null(text_fold("ab\xC0\xAF"));
    assert_null(text_fold("\xED\xA0\x80"));
}

static void test_same_key(void **state)
{
    (void)state;
    assert_true(text_same_key(BU_DANG_NFC, BU_DANG_NFD));
    assert_true(text_same_key("B\xC3\xB9 \xC4\x90\xC4\x83ng", "bu dang"));
    assert_true(text_same_key("M\xC3\xA3 \xC4\x91\xC6\xA1n v\xE1\xBB\x8B", "MA_DON_VI"));
    assert_true(
        text_same_key("Th\xE1\xBB\x8B x\xC3\xA3 Ch\xC6\xA1n Th\xC3\xA0nh", "thi  xa chon-thanh"));
    assert_false(text_same_key("B\xC3\xB9 \xC4\x90\xC4\x83ng", "B\xC3\xB9 \xC4\x90\xE1\xBB\x91p"));
    assert_false(text_same_key("ma don vi", "madonvi"));
    assert_false(text_same_key("ab\xC0\xAF", "ab\xC0\xAF")); /* invalid never matches */
}

/* ---- text_width --------------------------------------------------------- */

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(text_width(BU_DANG_NFC), 7);
    assert_int_equal(text_width(BU_DANG_NFD), 7);
    assert_int_equal(text_width(TO_CHUC_NFC), 7);
    assert_int_equal(text_width(TO_CHUC_NFD), 7);
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width("abc"), 3);
    assert_int_equal(text_width("\xE6\x97\xA5\xE6\x9C\xAC"), 4); /* 日本: wide */
    assert_int_equal(text_width("a\xCC\x81"), 1);
}

/* ---- code points, case ---------------------------------------------- */

/* Cutting at a display width: whole characters only, combining marks kept
 * with their letter, a wide character never split. */
static void test_prefix_for_width(void **state)
{
    (void)state;
    assert_int_equal(text_prefix_for_width("abc", 5), 3);
    assert_int_equal(text_prefix_for_width("abc", 2), 2);
    assert_int_equal(text_prefix_for_width("abc", 0), 0);
    assert_int_equal(text_prefix_for_width("", 3), 0);
    /* "Bù Đăng" NFC: ù and ă are two bytes each */
    assert_int_equal(text_prefix_for_width(BU_DANG_NFC, 2), 3);
    assert_int_equal(text_prefix_for_width(BU_DANG_NFC, 5), 8);
    /* NFD: the grave accent stays with the u, the breve with the a */
    assert_int_equal(text_prefix_for_width(BU_DANG_NFD, 2), 4);
    assert_int_equal(text_prefix_for_width(BU_DANG_NFD, 5), 10);
    /* 日本 is two columns per character: 3 columns hold only 日 */
    assert_int_equal(text_prefix_for_width("\xE6\x97\xA5\xE6\x9C\xAC", 3), 3);
    assert_int_equal(text_prefix_for_width("\xE6\x97\xA5\xE6\x9C\xAC", 1), 0);
    assert_int_equal(text_prefix_for_width("\xE6\x97\xA5\xE6\x9C\xAC", 4), 6);
}

static void test_code_points_and_sequences(void **state)
{
    (void)state;
    assert_int_equal(text_code_points("", 0), 0);
    assert_int_equal(text_code_points(TO_CHUC_NFC, strlen(TO_CHUC_NFC)), 7);
    assert_int_equal(text_code_points(TO_CHUC_NFD, strlen(TO_CHUC_NFD)), 11); /* marks count */
    assert_int_equal(text_code_points(BU_DANG_NFC, 3), 2);                    /* "Bù" */
    assert_int_equal(text_utf8_seq_len("a", 1), 1);
    assert_int_equal(text_utf8_seq_len("\xE1\xBB\x95", 3), 3);
    assert_int_equal(text_utf8_seq_len("\xE1\xBB\x95", 2), 0); /* cut short */
    assert_int_equal(text_utf8_seq_len("\xC0\xAF", 2), 0);     /* overlong */
    assert_int_equal(text_utf8_seq_len("\xED\xA0\x80", 3), 0); /* surrogate */
    assert_int_equal(text_utf8_seq_len("", 0), 0);
    const char *p = BU_DANG_NFC;
    assert_int_equal(text_next_cp(&p), 'B');
    assert_int_equal(text_next_cp(&p), 0xF9);
    char buf[5] = {0};
    assert_int_equal(text_put_cp(buf, 0x1EE9), 3);
    assert_string_equal(buf, "\xE1\xBB\xA9");
}

static void test_upper(void **state)
{
    (void)state;
    char *up = text_upper("Tu\xE1\xBA\xA7n l\xE1\xBB\x85 h\xC6\xB0\xE1\xBB\x9Fng \xE1\xBB\xA9ng");
    assert_string_equal(up, "TU\xE1\xBA\xA6N L\xE1\xBB\x84 H\xC6\xAF\xE1\xBB\x9ENG \xE1\xBB\xA8NG");
    free(up);
    assert_int_equal(text_cp_lower(0x0110), 0x0111); /* Đ */
    assert_int_equal(text_cp_upper('a'), 'A');
    char *nfd = text_nfd(TO_CHUC_NFC);
    assert_string_equal(nfd, TO_CHUC_NFD);
    free(nfd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_invalid),
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_nfc_fast_path_and_its_edge),
        cmocka_unit_test(test_nfc_invalid),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_fold_invalid),
        cmocka_unit_test(test_same_key),
        cmocka_unit_test(test_fold_ascii_as_unicode),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_code_points_and_sequences),
        cmocka_unit_test(test_upper),
        cmocka_unit_test(test_prefix_for_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
