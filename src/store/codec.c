/*
 * codec.c - zlib compression of the store's original bytes (see codec.h).
 */
#include "codec.h"

#include <stdlib.h>
#include <zlib.h>

struct codec_packer {
    z_stream z;
};

void codec_packer_free(codec_packer *packer)
{
    if (packer == NULL)
        return;
    deflateEnd(&packer->z);
    free(packer);
}

/* What compress2 sets up: zlib's defaults but the level.  Level 1
 * (Z_BEST_SPEED): report CSVs still shrink about nine to one, at half the
 * time of the default level 6 (0.34 s against 0.76 s for 67 MB here), so
 * the copy costs an import little. */
static th_error packer_new(codec_packer **out)
{
    codec_packer *p = calloc(1, sizeof *p);
    if (p == NULL)
        return TH_ERR_NOMEM;
    int rc = deflateInit(&p->z, Z_BEST_SPEED);
    if (rc != Z_OK) {
        free(p);
        return rc == Z_MEM_ERROR ? TH_ERR_NOMEM : TH_ERR_INTERNAL;
    }
    *out = p;
    return TH_OK;
}

th_error codec_pack(codec_packer **packer, const unsigned char *bytes, size_t n,
                    unsigned char **out, size_t *outn)
{
    *out = NULL;
    *outn = 0;
    if ((size_t)(uInt)n != n) /* one call of deflate takes it all */
        return TH_ERR_LIMIT;
    th_error err = *packer == NULL ? packer_new(packer) : TH_OK;
    if (err != TH_OK)
        return err;
    z_stream *z = &(*packer)->z;
    if (deflateReset(z) != Z_OK)
        return TH_ERR_INTERNAL;
    uLong cap = deflateBound(z, (uLong)n);
    unsigned char *buf = malloc(cap ? cap : 1);
    if (buf == NULL || (size_t)(uInt)cap != cap) {
        free(buf);
        return buf == NULL ? TH_ERR_NOMEM : TH_ERR_LIMIT;
    }
    z->next_in = (Bytef *)bytes;
    z->avail_in = (uInt)n;
    z->next_out = buf;
    z->avail_out = (uInt)cap;
    if (deflate(z, Z_FINISH) != Z_STREAM_END) { /* the bound is room enough */
        free(buf);
        return TH_ERR_INTERNAL;
    }
    *out = buf;
    *outn = (size_t)z->total_out;
    return TH_OK;
}

th_error codec_decompress(const unsigned char *data, size_t n, size_t size, unsigned char **out)
{
    *out = NULL;
    if ((size_t)(uLong)size != size || (size_t)(uLong)n != n)
        return TH_ERR_STORE;
    unsigned char *buf = malloc(size + 1);
    if (buf == NULL)
        return TH_ERR_NOMEM;
    uLongf got = (uLongf)size;
    int rc = uncompress(buf, &got, data, (uLong)n);
    if (rc != Z_OK || got != size) {
        free(buf);
        return rc == Z_MEM_ERROR ? TH_ERR_NOMEM : TH_ERR_STORE;
    }
    buf[size] = '\0';
    *out = buf;
    return TH_OK;
}
