/*
 * cmd_check.c - `tonghop check FILE...`: validate reports, store nothing.
 *
 * What a unit (or the clerk) runs before sending: the same findings import
 * would give, with nothing written anywhere.
 */
#include "batch.h"

int cmd_check(int argc, char **argv, command_env *env)
{
    batch_request req = {0};
    int status = batch_parse_args(argc, argv, &req, env);
    if (status == TH_EXIT_OK && req.supplement) {
        /* a supplement is added to the store's report in effect */
        cli_usage_error(env, "%s", _("--supplement is for import only"));
        status = TH_EXIT_USAGE;
    }
    return status == TH_EXIT_OK ? batch_run(&req, env) : status;
}
