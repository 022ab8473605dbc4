/*
 * ledger_setup.h - what `history`, `recheck` and `withdraw` share: their
 * set-up (the campaign and the existing store their table entry declares)
 * and the message when the store fails.
 */
#ifndef TONGHOP_LEDGER_SETUP_H
#define TONGHOP_LEDGER_SETUP_H

#include "cli.h"
#include "store.h"

/* Sets up env as the command table declares (cli_setup_campaign,
 * cli_setup_store), saying why not.  Returns TH_EXIT_OK (env->campaign and
 * env->store are then ready; main releases them), TH_EXIT_USAGE or
 * TH_EXIT_FAILURE. */
int ledger_setup(command_env *env);

/* Prints that the store failed, with its message; returns TH_EXIT_FAILURE. */
int ledger_store_failed(const command_env *env, th_error rc);

#endif
