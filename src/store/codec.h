/*
 * codec.h - compression of the original bytes the store keeps (zlib).
 *
 * Only codec.c includes zlib.h.  The store keeps every received file as it
 * arrived, compressed with zlib's compress2; the size before compression is
 * stored beside it, so decompression knows how much room it needs and can
 * tell a damaged copy from a good one.
 */
#ifndef TONGHOP_CODEC_H
#define TONGHOP_CODEC_H

#include <stddef.h>

#include "error.h"

/* The name stored with each copy, so another codec can be added later. */
#define CODEC_NAME "zlib"

/* Compresses bytes[0..n) into a newly allocated buffer (*out, *outn), which
 * the caller frees.  Returns TH_OK or TH_ERR_NOMEM; on failure *out is NULL. */
th_error codec_compress(const unsigned char *bytes, size_t n, unsigned char **out, size_t *outn);

/* Decompresses data[0..n) into a newly allocated buffer of exactly `size`
 * bytes (*out, freed by the caller; one extra NUL byte follows it).
 * Returns TH_OK; TH_ERR_NOMEM; TH_ERR_STORE when the data is damaged or
 * does not decompress to `size` bytes.  On failure *out is NULL. */
th_error codec_decompress(const unsigned char *data, size_t n, size_t size, unsigned char **out);

#endif
