/*
 * error.c - descriptions of tonghop's error codes.
 *
 * The table is indexed by th_error; a unit test checks it has one entry per
 * code, as libxlsxwriter does for its own error strings.  The texts are
 * English msgids, translated when asked for (po/vi.po).
 */
#include "error.h"

#include <stddef.h>

#include "i18n.h"

static const char *const error_strings[TH_ERR_COUNT] = {
    [TH_OK] = N_("no error"),
    [TH_ERR_NOMEM] = N_("out of memory"),
    [TH_ERR_IO] = N_("input/output error"),
    [TH_ERR_NOSPACE] = N_("no space left on device"),
    [TH_ERR_CONFIG] = N_("campaign definition is missing or inconsistent"),
    [TH_ERR_USAGE] = N_("bad command line"),
    [TH_ERR_STORE] = N_("store error"),
    [TH_ERR_LOCKED] = N_("the store is in use by another tonghop run"),
    [TH_ERR_SCHEMA] = N_("the store was written by a newer version of tonghop"),
    [TH_ERR_LIMIT] = N_("input exceeds a configured limit"),
    [TH_ERR_INTERNAL] = N_("internal error"),
    [TH_ERR_EXISTS] = N_("already exists"),
};

const char *th_strerror(th_error err)
{
    if ((int)err < 0 || err >= TH_ERR_COUNT || error_strings[err] == NULL)
        return _("unknown error");
    return _(error_strings[err]);
}
