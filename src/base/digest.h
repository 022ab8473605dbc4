/*
 * digest.h - SHA-256 of a file's bytes, as the store's identity of content.
 *
 * Wraps OpenSSL's libcrypto so that no other module depends on it.
 */
#ifndef TONGHOP_DIGEST_H
#define TONGHOP_DIGEST_H

#include <stddef.h>

#include "error.h"

/* Writes the lowercase hex SHA-256 of bytes[0..n) and a NUL into hex.
 * Returns TH_OK, or TH_ERR_NOMEM when libcrypto fails. */
th_error digest_sha256_hex(const void *bytes, size_t n, char hex[65]);

#endif
