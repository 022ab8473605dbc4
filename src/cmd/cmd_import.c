/*
 * cmd_import.c - `tonghop import [--received T] [--strict] FILE|DIR...`.
 *
 * Validates each report and keeps it in the store, one transaction per file.
 * Re-importing identical content is a no-op and says so.
 */
#include "batch.h"

int cmd_import(int argc, char **argv, command_env *env)
{
    batch_request req = {0};
    int status = batch_parse_args(argc, argv, &req, env);
    return status == TH_EXIT_OK ? batch_run(&req, env) : status;
}
