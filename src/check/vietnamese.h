/*
 * vietnamese.h - Vietnamese typed with a legacy 8-bit font (TCVN3, VNI).
 *
 * Such text decodes to valid but unreadable characters ("Tæ chøc" for "Tổ
 * chức").  Detection decodes each suspicious word as TCVN3 and as VNI and
 * asks whether the result is a Vietnamese syllable while the word as it
 * stands is not.  Used by validation only (docs/design.md §3.2).
 */
#ifndef TONGHOP_VIETNAMESE_H
#define TONGHOP_VIETNAMESE_H

typedef enum {
    VN_FONT_UNICODE = 0, /* ordinary Unicode text */
    VN_FONT_TCVN3,       /* typed with a TCVN3 (.VnTime, "ABC") font */
    VN_FONT_VNI,         /* typed with a VNI font */
} vn_font;

/* Guesses whether s (valid UTF-8) is Vietnamese typed with a legacy 8-bit
 * font, which decodes to valid but unreadable characters ("Tæ chøc" for
 * "Tổ chức").  Plain ASCII and real Vietnamese text give VN_FONT_UNICODE.
 * Returns VN_FONT_UNICODE too when out of memory (no warning rather than a
 * false one). */
vn_font vn_detect_legacy_font(const char *s);

/* Converts s, detected as TCVN3, to Unicode NFC.  Returns a newly allocated
 * string the caller frees, or NULL when out of memory or when s holds a
 * character TCVN3 cannot have produced. */
char *vn_from_tcvn3(const char *s);

#endif
