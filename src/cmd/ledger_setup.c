/*
 * ledger_setup.c - the set-up of the commands that work on the ledger (see
 * ledger_setup.h).
 */
#include "ledger_setup.h"

int ledger_setup(command_env *env)
{
    th_error rc = TH_OK;
    char err[512] = "";
    int status = cli_setup_campaign(env);
    if (status == TH_EXIT_OK)
        status = cli_setup_store(env, &rc, err, sizeof err);
    if (status == TH_EXIT_OK && rc != TH_OK) {
        th_msg_error(_("cannot open the store '%s': %s%s%s"), env->g->db_path, th_strerror(rc),
                     *err ? ": " : "", err);
        status = TH_EXIT_FAILURE;
    }
    return status;
}

int ledger_store_failed(const command_env *env, th_error rc)
{
    th_msg_error(_("the store '%s' failed: %s (%s)"), env->g->db_path, th_strerror(rc),
                 store_errmsg(env->store));
    return TH_EXIT_FAILURE;
}
