/*
 * text.c - Unicode: strict UTF-8 checking, code points, NFC/NFD, case,
 * matching keys and display width.
 *
 * The only file that includes utf8proc.h.  Invariant: every string these
 * functions return is valid UTF-8.
 */
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* ---- UTF-8 ------------------------------------------------------------ */

/* Returns the length of the well-formed UTF-8 sequence at p (n bytes left),
 * or 0 when it is not one.  Ranges of Unicode table 3-7: the second byte's
 * range excludes overlongs (E0, F0), surrogates (ED) and values beyond
 * U+10FFFF (F4). */
static size_t utf8_seq_len(const unsigned char *p, size_t n)
{
    unsigned char lo = 0x80, hi = 0xBF;
    size_t len;

    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        len = 2;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        len = 3;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        len = 4;
    else
        return 0;
    if (p[0] == 0xE0)
        lo = 0xA0;
    else if (p[0] == 0xED)
        hi = 0x9F;
    else if (p[0] == 0xF0)
        lo = 0x90;
    else if (p[0] == 0xF4)
        hi = 0x8F;
    if (n < 2 || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (i >= n || p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return len;
}

/* The high bit of each byte of a word: none set, eight ASCII bytes. */
#define ASCII_WORD_MASK 0x8080808080808080ULL

bool text_is_utf8(const char *s, size_t n, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;

    while (i < n) {
        /* Most text is ASCII: eight bytes at a time while it lasts, and an
         * ASCII byte between letters that are not without a call. */
        uint64_t word;
        if (n - i >= sizeof word) {
            memcpy(&word, p + i, sizeof word);
            if ((word & ASCII_WORD_MASK) == 0) {
                i += sizeof word;
                continue;
            }
        }
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = utf8_seq_len(p + i, n - i);
        if (len == 0) {
            if (bad_offset != NULL)
                *bad_offset = i;
            return false;
        }
        i += len;
    }
    return true;
}

size_t text_utf8_seq_len(const char *s, size_t n)
{
    return n == 0 ? 0 : utf8_seq_len((const unsigned char *)s, n);
}

size_t text_code_points(const char *s, size_t n)
{
    size_t points = 0;
    for (size_t i = 0; i < n; i++)
        points += ((unsigned char)s[i] & 0xC0) != 0x80; /* every byte but a continuation */
    return points;
}

/* Decodes the next code point of valid UTF-8 text at *p (advancing *p);
 * -1 at the terminating NUL or on a bad sequence. */
static int32_t next_cp(const char **p)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)*p, -1, &cp);

    if (len <= 0 || cp == 0)
        return -1;
    *p += len;
    return cp;
}

/* Appends the UTF-8 form of cp to buf (which has room for it). */
static size_t put_cp(char *buf, int32_t cp)
{
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf);
}

int32_t text_next_cp(const char **p)
{
    return next_cp(p);
}

size_t text_put_cp(char *buf, int32_t cp)
{
    return put_cp(buf, cp);
}

int32_t text_cp_lower(int32_t cp)
{
    return utf8proc_tolower(cp);
}

int32_t text_cp_upper(int32_t cp)
{
    return utf8proc_toupper(cp);
}

char *text_upper(const char *s)
{
    /* utf8proc's simple case mapping changes one code point into one, of at
     * most four bytes */
    char *out = malloc(strlen(s) * 4 + 1);
    size_t used = 0;
    int32_t cp;
    if (out == NULL)
        return NULL;
    while ((cp = next_cp(&s)) >= 0)
        used += put_cp(out + used, utf8proc_toupper(cp));
    out[used] = '\0';
    return out;
}

/* True when s[0..n) (valid UTF-8) is certainly NFC already: every code point
 * is below U+0300 or a precomposed letter of U+1E00-U+1EFF (where Vietnamese
 * lives).  Those all have NFC_Quick_Check=Yes, and without a combining mark
 * (U+0300 and up) nothing can compose with them.  Most reports pass this and
 * skip utf8proc's full normalisation, which dominates the import time. */
static bool surely_nfc(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        if (*p < 0x80) {
            p++;
        } else if (*p < 0xCC) { /* two bytes: up to U+02FF */
            p += 2;
        } else if (*p == 0xE1 && p + 1 < end &&
                   (p[1] == 0xB8 || p[1] == 0xB9 || p[1] == 0xBA ||
                    p[1] == 0xBB)) { /* U+1E00-U+1EFF */
            p += 3;
        } else {
            return false;
        }
    }
    return true;
}

char *text_nfc(const char *s, size_t n, size_t *out_len)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t len;

    if (!text_is_utf8(s, n, NULL))
        return NULL;
    if (n == 0) {
        /* nothing to normalise; the caller still gets a string to free */
        char *empty = calloc(1, 1);
        if (empty != NULL && out_len != NULL)
            *out_len = 0;
        return empty;
    }
    if (surely_nfc(s, n)) {
        char *copy = malloc(n + 1);
        if (copy == NULL)
            return NULL;
        memcpy(copy, s, n);
        copy[n] = '\0';
        if (out_len != NULL)
            *out_len = n;
        return copy;
    }
    len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
                       UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (len < 0)
        return NULL;
    if (out_len != NULL)
        *out_len = (size_t)len;
    return (char *)out;
}

char *text_nfd(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE) < 0)
        return NULL;
    return (char *)out;
}

/* ---- matching keys and width ------------------------------------------ */

/* White space, '_' and '-' all separate the words of a key. */
static bool is_key_space(int32_t cp)
{
    if (cp == '_' || cp == '-' || cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85)
        return true;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS: /* includes U+00A0 */
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return true;
    default:
        return false;
    }
}

/* A fold being written: the text so far, and whether a run of key spaces
 * is waiting for the next letter (text_fold squeezes it to one space,
 * dropped at either end). */
typedef struct {
    char *out;
    size_t used;
    bool pending_space;
} fold_out;

/* Adds the folded code point cp (a key space or a letter kept) to f. */
static void fold_put(fold_out *f, int32_t cp)
{
    if (is_key_space(cp)) {
        f->pending_space = f->used > 0;
        return;
    }
    if (f->pending_space)
        f->out[f->used++] = ' ';
    f->pending_space = false;
    f->used += put_cp(f->out + f->used, cp);
}

/* text_fold of an ASCII string (most codes and many headers): casefolding
 * is lowering A-Z, and there are no marks to drop. */
static char *fold_ascii(const char *s, size_t n)
{
    fold_out f = {malloc(n + 1), 0, false};
    if (f.out == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        fold_put(&f, c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    f.out[f.used] = '\0';
    return f.out;
}

/* The folded key of the code points cps[n] (decomposed and case-folded):
 * marks dropped, key spaces squeezed to one, đ as d. */
static char *fold_points(const utf8proc_int32_t *cps, size_t n)
{
    /* every code point kept takes at most 4 bytes, a space the place of
     * one that was not */
    fold_out f = {malloc(4 * n + 1), 0, false};
    if (f.out == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        int32_t cp = cps[i];
        if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN)
            continue;
        /* đ has no decomposition: it is its own letter to Unicode */
        fold_put(&f, (cp == 0x0110 || cp == 0x0111) ? 'd' : cp);
    }
    f.out[f.used] = '\0';
    char *fit = realloc(f.out, f.used + 1);
    return fit != NULL ? fit : f.out;
}

char *text_fold(const char *s)
{
    const utf8proc_option_t options =
        UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD;
    size_t n = 0;
    while (s[n] != '\0' && (unsigned char)s[n] < 0x80)
        n++;
    if (s[n] == '\0')
        return fold_ascii(s, n);
    if (!text_is_utf8(s, n + strlen(s + n), NULL))
        return NULL;
    /* the code points utf8proc_map would encode, decomposed once into a
     * buffer on the stack (a heap one for a long text), not measured,
     * encoded and decoded again */
    utf8proc_int32_t local[256], *cps = local;
    utf8proc_ssize_t len = utf8proc_decompose((const utf8proc_uint8_t *)s, 0, cps, 256, options);
    if (len > 256) {
        cps = malloc((size_t)len * sizeof *cps);
        if (cps == NULL)
            return NULL;
        len = utf8proc_decompose((const utf8proc_uint8_t *)s, 0, cps, len, options);
    }
    char *out = len >= 0 ? fold_points(cps, (size_t)len) : NULL;
    if (cps != local)
        free(cps);
    return out;
}

bool text_same_key(const char *a, const char *b)
{
    char *ka = text_fold(a);
    char *kb = text_fold(b);
    bool same = ka != NULL && kb != NULL && strcmp(ka, kb) == 0;

    free(ka);
    free(kb);
    return same;
}

size_t text_width(const char *s)
{
    size_t width = 0;
    int32_t cp;

    for (;;) {
        if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7F) {
            width++; /* printable ASCII: one column, without a call */
            s++;
            continue;
        }
        if ((cp = next_cp(&s)) < 0)
            break;
        int w = utf8proc_charwidth(cp);
        if (w > 0)
            width += (size_t)w;
    }
    return width;
}

size_t text_prefix_for_width(const char *s, size_t width)
{
    const char *p = s, *end = s;
    size_t used = 0;
    int32_t cp;

    /* A zero-width code point (a combining mark) always fits, so it stays
     * with the letter it follows. */
    while ((cp = next_cp(&p)) >= 0) {
        int w = utf8proc_charwidth(cp);
        size_t cw = w > 0 ? (size_t)w : 0;
        if (used + cw > width)
            break;
        used += cw;
        end = p;
    }
    return (size_t)(end - s);
}
