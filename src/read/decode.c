/*
 * decode.c - turns the bytes of a report file into UTF-8 NFC text.
 *
 * Order of detection: UTF-8 BOM, UTF-16 BOMs, NUL bytes (binary), valid
 * UTF-8, then Windows-1258.  Anything that does not decode is refused with
 * the offset of the bad byte in the original input: text is never guessed.
 */
#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

const char *decode_encoding_name(text_encoding enc)
{
    switch (enc) {
    case ENCODING_UTF8:
        return "UTF-8";
    case ENCODING_UTF8_BOM:
        return "UTF-8 (BOM)";
    case ENCODING_UTF16LE:
        return "UTF-16LE";
    case ENCODING_UTF16BE:
        return "UTF-16BE";
    case ENCODING_CP1258:
        return "Windows-1258";
    }
    return "unknown";
}

void decoded_text_release(decoded_text *out)
{
    free(out->text);
    memset(out, 0, sizeof *out);
}

static th_error refuse(decoded_text *out, decode_status status, size_t offset)
{
    out->status = status;
    out->bad_offset = offset;
    return TH_OK;
}

/* Stores the NFC form of the valid UTF-8 text utf8[0..len) in out. */
static th_error accept(decoded_text *out, const char *utf8, size_t len)
{
    out->text = text_nfc(utf8, len, &out->len);
    if (out->text == NULL)
        return TH_ERR_NOMEM;
    out->status = DECODE_OK;
    return TH_OK;
}

/* UTF-8 text starting at bytes[skip] (skip is the BOM's length). */
static th_error decode_utf8(const unsigned char *bytes, size_t n, size_t skip, decoded_text *out)
{
    const unsigned char *nul = memchr(bytes + skip, 0, n - skip);
    size_t bad;

    if (skip == n)
        return refuse(out, DECODE_EMPTY, 0);
    if (nul != NULL)
        return refuse(out, DECODE_BINARY, (size_t)(nul - bytes));
    if (!text_is_utf8((const char *)bytes + skip, n - skip, &bad))
        return refuse(out, DECODE_BAD_SEQUENCE, skip + bad);
    return accept(out, (const char *)bytes + skip, n - skip);
}

/* Doubles the output buffer of an iconv loop, keeping *outp in place. */
static bool grow(char **buf, size_t *cap, char **outp, size_t *outleft)
{
    size_t used = (size_t)(*outp - *buf);
    char *bigger = realloc(*buf, *cap * 2);

    if (bigger == NULL)
        return false;
    *buf = bigger;
    *cap *= 2;
    *outp = bigger + used;
    *outleft = *cap - used - 1; /* room for the NUL */
    return true;
}

/* Converts in[0..n) from charset `from` to UTF-8 into a new NUL-terminated
 * *text.  On a bad or truncated sequence *text is NULL and *bad is its
 * offset in in[].  Returns TH_ERR_NOMEM or TH_ERR_INTERNAL (iconv lacks the
 * charset), else TH_OK. */
static th_error convert(const char *from, const char *in, size_t n, char **text, size_t *len,
                        size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", from);
    size_t cap = 2 * n + 16, inleft = n, outleft = cap - 1;
    char *buf = malloc(cap), *inp = (char *)in, *outp = buf;
    th_error err = TH_OK;

    *text = NULL;
    if (cd == (iconv_t)-1 || buf == NULL) {
        err = (cd == (iconv_t)-1 && errno != ENOMEM) ? TH_ERR_INTERNAL : TH_ERR_NOMEM;
        goto done;
    }
    /* inp == NULL is the final call that flushes a held-back character:
     * CP1258 keeps the last letter in case a tone mark follows */
    for (bool flushing = false;;) {
        size_t r = flushing ? iconv(cd, NULL, NULL, &outp, &outleft)
                            : iconv(cd, &inp, &inleft, &outp, &outleft);
        int e = errno;
        if (r != (size_t)-1 && flushing)
            break;
        if (r != (size_t)-1) {
            flushing = true;
        } else if (e != E2BIG) {
            *bad = (size_t)(inp - in); /* EILSEQ, or EINVAL: truncated at the end */
            goto done;
        } else if (!grow(&buf, &cap, &outp, &outleft)) {
            err = TH_ERR_NOMEM;
            goto done;
        }
    }
    *outp = '\0';
    *len = (size_t)(outp - buf);
    *text = buf;
    buf = NULL;
done:
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    free(buf);
    return err;
}

/* Offset of the first U+0000 code unit of UTF-16 bytes[2..n), or n. */
static size_t utf16_nul(const unsigned char *bytes, size_t n)
{
    for (size_t i = 2; i + 1 < n; i += 2)
        if (bytes[i] == 0 && bytes[i + 1] == 0)
            return i;
    return n;
}

/* UTF-16 after a BOM; iconv gets the text without it, so U+FEFF is not
 * kept as a character. */
static th_error decode_utf16(const unsigned char *bytes, size_t n, decoded_text *out)
{
    const char *from = out->encoding == ENCODING_UTF16LE ? "UTF-16LE" : "UTF-16BE";
    size_t len = 0, bad = n, nul = utf16_nul(bytes, n);
    char *text = NULL;
    th_error err;

    if (n == 2)
        return refuse(out, DECODE_EMPTY, 0);
    err = convert(from, (const char *)bytes + 2, n - 2, &text, &len, &bad);
    if (err != TH_OK)
        return err;
    if (text == NULL && bad + 2 < nul)
        return refuse(out, DECODE_BAD_SEQUENCE, bad + 2);
    if (nul < n) {
        free(text);
        return refuse(out, DECODE_BINARY, nul);
    }
    err = accept(out, text, len);
    free(text);
    return err;
}

/* Offset of the first byte Windows-1258 leaves undefined, or n. */
static size_t cp1258_undefined(const unsigned char *bytes, size_t n)
{
    static const char undefined[] = "\x81\x8A\x8D\x8E\x8F\x90\x9A\x9D\x9E";

    for (size_t i = 0; i < n; i++)
        if (bytes[i] >= 0x80 && memchr(undefined, bytes[i], sizeof undefined - 1) != NULL)
            return i;
    return n;
}

/* Bytes that are not UTF-8 (the first bad sequence at utf8_bad).  When
 * valid multi-byte UTF-8 comes before it, the file is damaged UTF-8:
 * reading it as Windows-1258 would store mojibake, so it is refused at
 * utf8_bad.  Otherwise it is read as Windows-1258. */
static th_error decode_legacy(const unsigned char *bytes, size_t n, size_t utf8_bad,
                              decoded_text *out)
{
    size_t bad = cp1258_undefined(bytes, n), len;
    char *text;
    th_error err;

    for (size_t i = 0; i < utf8_bad; i++)
        if (bytes[i] >= 0x80)
            return refuse(out, DECODE_BAD_SEQUENCE, utf8_bad);
    out->encoding = ENCODING_CP1258;
    if (bad < n)
        return refuse(out, DECODE_BAD_SEQUENCE, bad);
    err = convert("CP1258", (const char *)bytes, n, &text, &len, &bad);
    if (err != TH_OK)
        return err;
    if (text == NULL)
        return refuse(out, DECODE_BAD_SEQUENCE, bad);
    err = accept(out, text, len);
    free(text);
    return err;
}

th_error decode_text(const unsigned char *bytes, size_t n, decoded_text *out)
{
    const unsigned char *nul;
    size_t bad;

    memset(out, 0, sizeof *out);
    out->encoding = ENCODING_UTF8;
    if (n == 0)
        return refuse(out, DECODE_EMPTY, 0);
    if (n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
        out->encoding = ENCODING_UTF8_BOM;
        return decode_utf8(bytes, n, 3, out);
    }
    if (n >= 2 &&
        ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))) {
        out->encoding = bytes[0] == 0xFF ? ENCODING_UTF16LE : ENCODING_UTF16BE;
        return decode_utf16(bytes, n, out);
    }
    nul = memchr(bytes, 0, n);
    if (nul != NULL)
        return refuse(out, DECODE_BINARY, (size_t)(nul - bytes));
    if (text_is_utf8((const char *)bytes, n, &bad))
        return decode_utf8(bytes, n, 0, out);
    return decode_legacy(bytes, n, bad, out);
}
