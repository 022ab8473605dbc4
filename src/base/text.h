/*
 * text.h - Unicode: UTF-8 checking, code points, NFC and NFD, case, matching
 * keys and display width.
 *
 * All text inside tonghop is valid UTF-8 in NFC.  This is the only module
 * that knows about Unicode: it wraps utf8proc (no other file includes
 * utf8proc.h).  Decoding from other encodings is decode.h's; legacy
 * Vietnamese fonts are vietnamese.h's.
 */
#ifndef TONGHOP_TEXT_H
#define TONGHOP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* Returns the length in bytes of the longest start of s (valid UTF-8) that
 * takes at most width terminal columns (text_width), never ending inside a
 * UTF-8 sequence and never separating a combining mark from the letter
 * before it.  strlen(s) when the whole of s fits. */
size_t text_prefix_for_width(const char *s, size_t width);

/* Returns the length of the well-formed UTF-8 sequence at s (n bytes
 * available), 1 to 4, or 0 when none starts there (also when n is 0). */
size_t text_utf8_seq_len(const char *s, size_t n);

/* Returns the number of code points in the valid UTF-8 text s[0..n): what
 * Excel's cell limit and the row-height estimate count. */
size_t text_code_points(const char *s, size_t n);

/* Decodes the code point at *p (valid UTF-8) and advances *p past it.
 * Returns -1, leaving *p, at the terminating NUL or a bad sequence. */
int32_t text_next_cp(const char **p);

/* Writes the UTF-8 form of cp at buf (room for 4 bytes); returns its length. */
size_t text_put_cp(char *buf, int32_t cp);

/* Simple (one code point to one) lower and upper case mapping of cp. */
int32_t text_cp_lower(int32_t cp);
int32_t text_cp_upper(int32_t cp);

/* Returns a newly allocated upper-case copy of s (valid UTF-8), which the
 * caller frees; NULL when out of memory. */
char *text_upper(const char *s);

/* Returns a newly allocated NFD (decomposed) form of s (valid UTF-8), which
 * the caller frees; NULL when out of memory or s is not valid UTF-8. */
char *text_nfd(const char *s);

#endif
