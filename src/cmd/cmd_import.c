/*
 * cmd_import.c - `tonghop import [--received T] [--strict] FILE|DIR...`.
 *
 * Validates each report and keeps it in the store, one transaction per file.
 * Re-importing identical content is a no-op and says so.
 */
#include "batch.h"

int cmd_import(int argc, char **argv, const global_options *g)
{
    batch_request req = {.keep = true};
    int status = batch_parse_args(argc, argv, &req, g);
    return status == TH_EXIT_OK ? batch_run(&req, g) : status;
}
