/*
 * digest.c - SHA-256 through libcrypto's one-shot EVP_Digest.
 */
#include "digest.h"

#include <openssl/evp.h>

th_error digest_sha256_hex(const void *bytes, size_t n, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(bytes, n, md, &len, EVP_sha256(), NULL) != 1 || len != 32)
        return TH_ERR_NOMEM;
    for (unsigned int i = 0; i < len; i++) {
        hex[2 * (size_t)i] = digits[md[i] >> 4];
        hex[2 * (size_t)i + 1] = digits[md[i] & 15];
    }
    hex[64] = '\0';
    return TH_OK;
}
