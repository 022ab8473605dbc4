/*
 * cmd_import.c - `tonghop import [--received T] [--strict] FILE|DIR...`.
 *
 * Validates each report and keeps it in the store, one transaction per file.
 * Re-importing identical content is a no-op and says so.
 */
#include "intake.h"

int cmd_import(int argc, char **argv, const global_options *g)
{
    intake_request req = {.keep = true};
    int status = intake_parse_args(argc, argv, &req, g);
    return status == TH_EXIT_OK ? intake_run(&req, g) : status;
}
