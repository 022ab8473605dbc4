/*
 * text.h - Unicode text helpers: UTF-8 checking, NFC, matching keys, display
 * width, and legacy Vietnamese font (TCVN3, VNI) detection.
 *
 * All text inside tonghop is valid UTF-8 in NFC.  These helpers are the only
 * place that knows about Unicode; they wrap utf8proc and iconv.
 */
#ifndef TONGHOP_TEXT_H
#define TONGHOP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Returns true when s[0..n) is well-formed UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF).  On false, *bad_offset (if not NULL)
 * receives the offset of the first byte of the first bad sequence. */
bool text_is_utf8(const char *s, size_t n, size_t *bad_offset);

/* Returns a newly allocated, NUL-terminated NFC form of the valid UTF-8 text
 * s[0..n); *out_len (if not NULL) receives its length.  The caller frees it.
 * Returns NULL when out of memory or when s is not valid UTF-8. */
char *text_nfc(const char *s, size_t n, size_t *out_len);

/* Returns a newly allocated matching key for s (valid UTF-8): case folded,
 * diacritics removed (đ/Đ become d), every run of white space, '_' or '-'
 * turned into one space, leading and trailing space trimmed.  So "Mã  đơn
 * vị", "MA_DON_VI" and "ma don vi" all give "ma don vi".  The caller frees
 * it; NULL when out of memory or s is not valid UTF-8. */
char *text_fold(const char *s);

/* Returns true when a and b have the same matching key (text_fold). */
bool text_same_key(const char *a, const char *b);

/* Returns the number of terminal columns s (valid UTF-8) takes: combining
 * marks take none, wide East Asian characters two. */
size_t text_width(const char *s);

typedef enum {
    TEXT_FONT_UNICODE = 0, /* ordinary Unicode text */
    TEXT_FONT_TCVN3,       /* typed with a TCVN3 (.VnTime, "ABC") font */
    TEXT_FONT_VNI,         /* typed with a VNI font */
} text_font;

/* Guesses whether s (valid UTF-8) is Vietnamese typed with a legacy 8-bit
 * font, which decodes to valid but unreadable characters ("Tæ chøc" for
 * "Tổ chức").  Plain ASCII and real Vietnamese text give TEXT_FONT_UNICODE. */
text_font text_detect_legacy_font(const char *s);

/* Converts s, detected as TCVN3, to Unicode NFC.  Returns a newly allocated
 * string the caller frees, or NULL when out of memory or when s holds a
 * character TCVN3 cannot have produced. */
char *text_from_tcvn3(const char *s);

#endif
