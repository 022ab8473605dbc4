/*
 * test_decode.c - unit tests for decode.c: one Vietnamese CSV text in every
 * accepted encoding must decode to the same NFC bytes; every refusal must
 * carry the right status and the offset of the bad byte in the input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decode.h"

/* ma_don_vi,noi_dung / SGDDT,Tổ chức tuyên truyền Bù Đăng, in NFC UTF-8 */
#define CSV_HEAD "ma_don_vi,noi_dung\nSGDDT,"
static const char csv_nfc[] = CSV_HEAD "T\xE1\xBB\x95 ch\xE1\xBB\xA9\x63 tuy\xC3\xAAn "
                                       "truy\xE1\xBB\x81n B\xC3\xB9 \xC4\x90\xC4\x83ng\n";

/* the same typed with combining marks (NFD) */
static const char csv_nfd[] = CSV_HEAD "To\xCC\x82\xCC\x89 chu\xCC\x9B\xCC\x81\x63 tuye\xCC\x82n "
                                       "truye\xCC\x82\xCC\x80n Bu\xCC\x80 \xC4\x90\x61\xCC\x86ng\n";

/* the same in Windows-1258: ổ is ô (F4) + hook (D2), ứ is ư (FD) + acute
 * (EC), ề is ê (EA) + grave (CC), ù is F9, Đ is D0, ă is E3 */
static const char csv_cp1258[] = CSV_HEAD "T\xF4\xD2 ch\xFD\xEC\x63 tuy\xEAn "
                                          "truy\xEA\xCCn B\xF9 \xD0\xE3ng\n";

/* ---- helpers ------------------------------------------------------------ */

/* Encodes the BMP text utf8 as UTF-16 with a BOM; the caller frees. */
static unsigned char *to_utf16(const char *utf8, bool big_endian, size_t *n)
{
    const unsigned char *s = (const unsigned char *)utf8;
    unsigned char *out = malloc(2 * strlen(utf8) + 2);
    size_t used = 0;
    uint32_t unit = 0xFEFF; /* the BOM first */

    assert_non_null(out);
    for (;;) {
        out[used++] = (unsigned char)(big_endian ? unit >> 8 : unit & 0xFF);
        out[used++] = (unsigned char)(big_endian ? unit & 0xFF : unit >> 8);
        if (*s == '\0')
            break;
        if (*s < 0x80) {
            unit = s[0];
            s += 1;
        } else if (*s < 0xE0) {
            unit = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
            s += 2;
        } else {
            unit = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
            s += 3;
        }
    }
    *n = used;
    return out;
}

static void expect_text(const void *bytes, size_t n, text_encoding enc, const char *want)
{
    decoded_text d;

    assert_int_equal(decode_text(bytes, n, &d), TH_OK);
    if (d.status != DECODE_OK)
        fail_msg("status %d at offset %zu, want OK", d.status, d.bad_offset);
    assert_int_equal(d.encoding, enc);
    assert_int_equal(d.len, strlen(want));
    assert_memory_equal(d.text, want, d.len + 1); /* NUL-terminated too */
    decoded_text_release(&d);
    assert_null(d.text);
    assert_int_equal(d.len, 0);
}

static void expect_refusal(const void *bytes, size_t n, decode_status status, size_t offset,
                           text_encoding enc)
{
    decoded_text d;

    assert_int_equal(decode_text(bytes, n, &d), TH_OK);
    if (d.status != status || d.bad_offset != offset)
        fail_msg("status %d offset %zu, want status %d offset %zu", d.status, d.bad_offset, status,
                 offset);
    assert_int_equal(d.encoding, enc);
    assert_null(d.text);
    decoded_text_release(&d);
}

#define EXPECT_TEXT(lit, enc, want) expect_text(lit, sizeof lit - 1, enc, want)
#define EXPECT_REFUSAL(lit, st, off, enc) expect_refusal(lit, sizeof lit - 1, st, off, enc)

/* ---- every encoding gives the same text --------------------------------- */

static void test_utf8(void **state)
{
    (void)state;
    expect_text(csv_nfc, strlen(csv_nfc), ENCODING_UTF8, csv_nfc);
}

static void test_utf8_bom(void **state)
{
    (void)state;
    char buf[sizeof csv_nfc + 3] = "\xEF\xBB\xBF";

    memcpy(buf + 3, csv_nfc, sizeof csv_nfc);
    expect_text(buf, strlen(buf), ENCODING_UTF8_BOM, csv_nfc);
}

static void test_utf8_nfd(void **state)
{
    (void)state;
    expect_text(csv_nfd, strlen(csv_nfd), ENCODING_UTF8, csv_nfc);
}

static void test_utf16(void **state)
{
    (void)state;
    size_t n;
    unsigned char *le = to_utf16(csv_nfc, false, &n);

    assert_memory_equal(le, "\xFF\xFEm\0a\0", 6);
    expect_text(le, n, ENCODING_UTF16LE, csv_nfc);
    free(le);
    unsigned char *be = to_utf16(csv_nfc, true, &n);
    assert_memory_equal(be, "\xFE\xFF\0m\0a", 6);
    expect_text(be, n, ENCODING_UTF16BE, csv_nfc);
    free(be);
    /* UTF-16 typed with combining marks comes out NFC as well */
    unsigned char *nfd = to_utf16(csv_nfd, false, &n);
    expect_text(nfd, n, ENCODING_UTF16LE, csv_nfc);
    free(nfd);
}

static void test_utf16_surrogate_pair(void **state)
{
    (void)state;
    /* U+1F600 as D83D DE00 */
    EXPECT_TEXT("\xFF\xFE"
                "a\0\x3D\xD8\x00\xDE",
                ENCODING_UTF16LE, "a\xF0\x9F\x98\x80");
    EXPECT_TEXT("\xFE\xFF"
                "\0a\xD8\x3D\xDE\x00",
                ENCODING_UTF16BE, "a\xF0\x9F\x98\x80");
}

static void test_cp1258(void **state)
{
    (void)state;
    expect_text(csv_cp1258, strlen(csv_cp1258), ENCODING_CP1258, csv_nfc);
}

static void test_cp1258_last_char_kept(void **state)
{
    (void)state;
    /* iconv holds a vowel back waiting for a tone mark: it must be flushed */
    EXPECT_TEXT("SGDDT,T\xF4", ENCODING_CP1258, "SGDDT,T\xC3\xB4");
    EXPECT_TEXT("T\xF4\xD2", ENCODING_CP1258, "T\xE1\xBB\x95");
    EXPECT_TEXT("B\xF9", ENCODING_CP1258, "B\xC3\xB9");
    EXPECT_TEXT("\xE0", ENCODING_CP1258, "\xC3\xA0");
}

static void test_cp1258_output_grows(void **state)
{
    (void)state;
    /* 0x80 is the euro sign: one byte in, three out, past the first buffer */
    enum { COUNT = 5000 };
    unsigned char *in = malloc(COUNT);
    char *want = malloc(3 * COUNT + 1);

    assert_non_null(in);
    assert_non_null(want);
    for (size_t i = 0; i < COUNT; i++) {
        in[i] = 0x80;
        memcpy(want + 3 * i, "\xE2\x82\xAC", 3);
    }
    want[3 * COUNT] = '\0';
    expect_text(in, COUNT, ENCODING_CP1258, want);
    free(in);
    free(want);
}

static void test_control_chars_pass(void **state)
{
    (void)state;
    EXPECT_TEXT("a\x01\x1F\x7F"
                "b\r\n",
                ENCODING_UTF8,
                "a\x01\x1F\x7F"
                "b\r\n");
}

/* ---- refusals ----------------------------------------------------------- */

static void test_empty(void **state)
{
    (void)state;
    expect_refusal("", 0, DECODE_EMPTY, 0, ENCODING_UTF8);
    EXPECT_REFUSAL("\xEF\xBB\xBF", DECODE_EMPTY, 0, ENCODING_UTF8_BOM);
    EXPECT_REFUSAL("\xFF\xFE", DECODE_EMPTY, 0, ENCODING_UTF16LE);
    EXPECT_REFUSAL("\xFE\xFF", DECODE_EMPTY, 0, ENCODING_UTF16BE);
}

static void test_binary(void **state)
{
    (void)state;
    EXPECT_REFUSAL("ab\0c", DECODE_BINARY, 2, ENCODING_UTF8);
    EXPECT_REFUSAL("\0", DECODE_BINARY, 0, ENCODING_UTF8);
    /* NUL wins over bytes that are not UTF-8: it is not a text file */
    EXPECT_REFUSAL("T\xF4\xD2\0", DECODE_BINARY, 3, ENCODING_UTF8);
    EXPECT_REFUSAL("\xEF\xBB\xBF"
                   "a\0",
                   DECODE_BINARY, 4, ENCODING_UTF8_BOM);
    /* U+0000 inside UTF-16 */
    EXPECT_REFUSAL("\xFF\xFE"
                   "a\0\0\0",
                   DECODE_BINARY, 4, ENCODING_UTF16LE);
    EXPECT_REFUSAL("\xFE\xFF\0\0", DECODE_BINARY, 2, ENCODING_UTF16BE);
}

/* Broken UTF-8 after good UTF-8 text, in files that are not Windows-1258
 * either (0x81), and in files that would be (mojibake is never stored). */
static void test_broken_utf8(void **state)
{
    (void)state;
    /* "Tổ chức" is 11 bytes */
#define TO_CHUC "T\xE1\xBB\x95 ch\xE1\xBB\xA9\x63"
    EXPECT_REFUSAL(TO_CHUC "\xC0\xAF x\x81", DECODE_BAD_SEQUENCE, 11, ENCODING_UTF8);
    EXPECT_REFUSAL(TO_CHUC " \xE0\x80\xAF\x81", DECODE_BAD_SEQUENCE, 12, ENCODING_UTF8);
    EXPECT_REFUSAL(TO_CHUC "\xED\xA0\x80 \x81", DECODE_BAD_SEQUENCE, 11, ENCODING_UTF8);
    EXPECT_REFUSAL(TO_CHUC "\xF4\x90\x80\x80\x81", DECODE_BAD_SEQUENCE, 11, ENCODING_UTF8);
    EXPECT_REFUSAL(TO_CHUC "\xE1\xBB"
                           "abc\x81",
                   DECODE_BAD_SEQUENCE, 11, ENCODING_UTF8);
    EXPECT_REFUSAL(TO_CHUC "\x81", DECODE_BAD_SEQUENCE, 11, ENCODING_UTF8);
    /* valid Windows-1258 as it stands, but plainly damaged UTF-8 */
    EXPECT_REFUSAL(TO_CHUC "\xC0\xAF", DECODE_BAD_SEQUENCE, 11, ENCODING_UTF8);
    EXPECT_REFUSAL(TO_CHUC " T\xF4\xD2", DECODE_BAD_SEQUENCE, 13, ENCODING_UTF8);
    /* with a BOM the file is UTF-8 whatever follows */
    EXPECT_REFUSAL("\xEF\xBB\xBF"
                   "ab\xED\xA0\x80",
                   DECODE_BAD_SEQUENCE, 5, ENCODING_UTF8_BOM);
    EXPECT_REFUSAL("\xEF\xBB\xBF"
                   "T\xF4\xD2",
                   DECODE_BAD_SEQUENCE, 4, ENCODING_UTF8_BOM);
#undef TO_CHUC
}

/* Without any UTF-8 before the first non-ASCII byte the file is read as
 * Windows-1258, and refused at the first byte that code page leaves out. */
static void test_bad_cp1258(void **state)
{
    (void)state;
    static const unsigned char undefined[] = {0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9D, 0x9E};

    for (size_t i = 0; i < sizeof undefined; i++) {
        unsigned char buf[] = {'T', 0xF4, 0xD2, ' ', 'x', undefined[i], 'y'};
        expect_refusal(buf, sizeof buf, DECODE_BAD_SEQUENCE, 5, ENCODING_CP1258);
    }
    EXPECT_REFUSAL("ab\xC0\xAF\x81", DECODE_BAD_SEQUENCE, 4, ENCODING_CP1258);
}

static void test_utf16_bad(void **state)
{
    (void)state;
    /* odd length: the stray last byte */
    EXPECT_REFUSAL("\xFF\xFE"
                   "A\0B",
                   DECODE_BAD_SEQUENCE, 4, ENCODING_UTF16LE);
    EXPECT_REFUSAL("\xFE\xFF\0A\0", DECODE_BAD_SEQUENCE, 4, ENCODING_UTF16BE);
    EXPECT_REFUSAL("\xFF\xFE"
                   "A",
                   DECODE_BAD_SEQUENCE, 2, ENCODING_UTF16LE);
    /* high surrogate followed by a letter, lone low surrogate */
    EXPECT_REFUSAL("\xFF\xFE"
                   "A\0\x00\xD8"
                   "B\0",
                   DECODE_BAD_SEQUENCE, 4, ENCODING_UTF16LE);
    EXPECT_REFUSAL("\xFF\xFE\x00\xDC"
                   "B\0",
                   DECODE_BAD_SEQUENCE, 2, ENCODING_UTF16LE);
    EXPECT_REFUSAL("\xFE\xFF\0A\xDC\x00", DECODE_BAD_SEQUENCE, 4, ENCODING_UTF16BE);
    /* high surrogate cut off by the end of the file */
    EXPECT_REFUSAL("\xFF\xFE"
                   "A\0\x3D\xD8",
                   DECODE_BAD_SEQUENCE, 4, ENCODING_UTF16LE);
    /* the earlier of a bad sequence and a NUL is reported */
    EXPECT_REFUSAL("\xFF\xFE\x00\xDC\0\0", DECODE_BAD_SEQUENCE, 2, ENCODING_UTF16LE);
    EXPECT_REFUSAL("\xFF\xFE\0\0\x00\xDC", DECODE_BINARY, 2, ENCODING_UTF16LE);
}

static void test_encoding_names(void **state)
{
    (void)state;
    assert_string_equal(decode_encoding_name(ENCODING_UTF8), "UTF-8");
    assert_string_equal(decode_encoding_name(ENCODING_UTF8_BOM), "UTF-8 (BOM)");
    assert_string_equal(decode_encoding_name(ENCODING_UTF16LE), "UTF-16LE");
    assert_string_equal(decode_encoding_name(ENCODING_UTF16BE), "UTF-16BE");
    assert_string_equal(decode_encoding_name(ENCODING_CP1258), "Windows-1258");
    assert_string_equal(decode_encoding_name((text_encoding)99), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_utf8_bom),
        cmocka_unit_test(test_utf8_nfd),
        cmocka_unit_test(test_utf16),
        cmocka_unit_test(test_utf16_surrogate_pair),
        cmocka_unit_test(test_cp1258),
        cmocka_unit_test(test_cp1258_last_char_kept),
        cmocka_unit_test(test_cp1258_output_grows),
        cmocka_unit_test(test_control_chars_pass),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_broken_utf8),
        cmocka_unit_test(test_bad_cp1258),
        cmocka_unit_test(test_utf16_bad),
        cmocka_unit_test(test_encoding_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
