/*
 * submission.c - the ledger entry of one received file.
 *
 * Only its release lives here: the store fills submissions and the importer
 * builds them; both free them the same way.
 */
#include "submission.h"

#include <stdlib.h>
#include <string.h>

void submission_release(submission *s)
{
    if (s == NULL)
        return;
    free(s->file_name);
    free(s->unit_code);
    free(s->withdraw_reason);
    memset(s, 0, sizeof *s);
}
