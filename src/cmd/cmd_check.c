/*
 * cmd_check.c - `tonghop check FILE...`: validate reports, store nothing.
 *
 * What a unit (or the clerk) runs before sending: the same findings import
 * would give, with nothing written anywhere.
 */
#include "batch.h"

int cmd_check(int argc, char **argv, const global_options *g)
{
    batch_request req = {.keep = false};
    int status = batch_parse_args(argc, argv, &req, g);
    return status == TH_EXIT_OK ? batch_run(&req, g) : status;
}
