/*
 * decode.h - turns the bytes of a report file into UTF-8 NFC text.
 *
 * First step of the read stage.  Recognises UTF-8 with or without BOM,
 * UTF-16 LE/BE with BOM and Windows-1258, and refuses anything else with the
 * byte offset of the first byte it cannot decode: text is never stored garbled.
 */
#ifndef TONGHOP_DECODE_H
#define TONGHOP_DECODE_H

#include <stddef.h>

#include "error.h"

typedef enum {
    ENCODING_UTF8 = 0,
    ENCODING_UTF8_BOM,
    ENCODING_UTF16LE,
    ENCODING_UTF16BE,
    ENCODING_CP1258,
} text_encoding;

/* Returns a short name of enc, such as "UTF-8 (BOM)" or "Windows-1258". */
const char *decode_encoding_name(text_encoding enc);

typedef enum {
    DECODE_OK = 0,
    DECODE_EMPTY,        /* no bytes at all, or only a BOM */
    DECODE_BINARY,       /* NUL bytes without a UTF-16 BOM: not a text file */
    DECODE_BAD_SEQUENCE, /* a byte sequence invalid in the detected encoding */
} decode_status;

typedef struct {
    char *text; /* UTF-8, NFC, NUL-terminated; owned; BOM removed */
    size_t len; /* bytes in text, without the NUL */
    text_encoding encoding;
    decode_status status;
    size_t bad_offset; /* with DECODE_BAD_SEQUENCE/BINARY: offset in the input */
} decoded_text;

/* Decodes bytes[0..n) into out.  Returns TH_OK when the bytes were examined
 * (out->status then says whether they decoded; out->text is set only with
 * DECODE_OK), or TH_ERR_NOMEM.  On any return out owns nothing that
 * decoded_text_release would not free. */
th_error decode_text(const unsigned char *bytes, size_t n, decoded_text *out);

/* Frees what out owns and zeroes it. */
void decoded_text_release(decoded_text *out);

#endif
