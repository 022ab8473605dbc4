/*
 * cmd_check.c - `tonghop check FILE...`: validate reports, store nothing.
 *
 * What a unit (or the clerk) runs before sending: the same findings import
 * would give, with nothing written anywhere.
 */
#include "intake.h"

int cmd_check(int argc, char **argv, const global_options *g)
{
    intake_request req = {.keep = false};
    int status = intake_parse_args(argc, argv, &req, g);
    return status == TH_EXIT_OK ? intake_run(&req, g) : status;
}
