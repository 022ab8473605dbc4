/*
 * error.c - descriptions of tonghop's error codes.
 *
 * The table is indexed by th_error; a unit test checks it has one entry per
 * code, as libxlsxwriter does for its own error strings.
 */
#include "error.h"

#include <stddef.h>

static const char *const error_strings[TH_ERR_COUNT] = {
    [TH_OK] = "no error",
    [TH_ERR_NOMEM] = "out of memory",
    [TH_ERR_IO] = "input/output error",
    [TH_ERR_NOSPACE] = "no space left on device",
    [TH_ERR_CONFIG] = "campaign definition is missing or inconsistent",
    [TH_ERR_USAGE] = "bad command line",
    [TH_ERR_STORE] = "store error",
    [TH_ERR_LOCKED] = "the store is in use by another tonghop run",
    [TH_ERR_SCHEMA] = "the store was written by a newer version of tonghop",
    [TH_ERR_LIMIT] = "input exceeds a configured limit",
    [TH_ERR_INTERNAL] = "internal error",
    [TH_ERR_EXISTS] = "already exists",
};

const char *th_strerror(th_error err)
{
    if ((int)err < 0 || err >= TH_ERR_COUNT || error_strings[err] == NULL)
        return "unknown error";
    return error_strings[err];
}
