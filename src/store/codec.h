/*
 * codec.h - compression of the original bytes the store keeps (zlib).
 *
 * Only codec.c includes zlib.h.  The store keeps every received file as it
 * arrived, as the zlib stream compress2 gives; the size before compression is
 * stored beside it, so decompression knows how much room it needs and can
 * tell a damaged copy from a good one.
 */
#ifndef TONGHOP_CODEC_H
#define TONGHOP_CODEC_H

#include <stddef.h>

#include "error.h"

/* The name stored with each copy, so another codec can be added later. */
#define CODEC_NAME "zlib"

/* A compressor kept from one file to the next, so that zlib's state is
 * not set up (and its quarter-megabyte of tables cleared) for every file
 * of an import. */
typedef struct codec_packer codec_packer;

/* Compresses bytes[0..n) into a newly allocated buffer (*out, *outn), which
 * the caller frees: the zlib stream compress2 would give at level 1.  With
 * *packer, which is made at the first call (*packer NULL) and freed with
 * codec_packer_free.  Returns TH_OK, TH_ERR_NOMEM, TH_ERR_LIMIT (more than
 * 4 GiB) or TH_ERR_INTERNAL; on failure *out is NULL. */
th_error codec_pack(codec_packer **packer, const unsigned char *bytes, size_t n,
                    unsigned char **out, size_t *outn);

/* Frees packer (NULL allowed). */
void codec_packer_free(codec_packer *packer);

/* Decompresses data[0..n) into a newly allocated buffer of exactly `size`
 * bytes (*out, freed by the caller; one extra NUL byte follows it).
 * Returns TH_OK; TH_ERR_NOMEM; TH_ERR_STORE when the data is damaged or
 * does not decompress to `size` bytes.  On failure *out is NULL. */
th_error codec_decompress(const unsigned char *data, size_t n, size_t size, unsigned char **out);

#endif
