/*
 * run_state.h - what `tonghop run` remembers of its last run, in a small
 * hidden file of the output folder (RUN_STATE_FILE), written atomically
 * after every output of the run is in place.
 *
 * The fingerprint says whether anything a run would write has changed: the
 * SHA-256 of the tonghop version, every file of the campaign folder (name
 * and SHA-256 of its bytes) and every submission of the store (id, content
 * SHA-256, state, received time, unit, the report it supplements, when it
 * was withdrawn, rows counted and warnings: what a recheck or a withdrawal
 * changes).  Equal fingerprints and the last
 * workbook still in place mean there is nothing new: the run writes
 * nothing.  The per-unit lines (status and submission in effect) are what
 * "since the last run" in summary.txt and the changes files compare with.
 * The state lives beside the outputs rather than in the store so that two
 * output folders fed from one store each know what they were last given.
 */
#ifndef TONGHOP_RUN_STATE_H
#define TONGHOP_RUN_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "campaign.h"
#include "consolidate.h"
#include "error.h"
#include "submission.h"

#define RUN_STATE_FILE ".tonghop-run"

typedef struct {
    char *code; /* owned */
    int status; /* deadline_status */
    int64_t effective_id;
} run_state_unit;

typedef struct {
    bool present;         /* a state file was read */
    char fingerprint[65]; /* lowercase hex */
    int64_t as_of;        /* the last run's as-of time */
    int64_t last_id;      /* the highest submission id the last run saw */
    char *workbook;       /* the workbook's file name in the folder; owned */
    run_state_unit *units;
    size_t nunits;
} run_state;

/* Reads dir/RUN_STATE_FILE into out.  A missing or unreadable file gives
 * out->present false and TH_OK (the run then works as the first one).
 * Returns TH_ERR_NOMEM only.  run_state_release frees out in every case. */
th_error run_state_load(const char *dir, run_state *out);

/* Writes st to dir/RUN_STATE_FILE atomically.  TH_ERR_IO / TH_ERR_NOSPACE
 * with a message in err. */
th_error run_state_save(const char *dir, const run_state *st, char *err, size_t errlen);

/* Returns the entry of unit code in st, or NULL. */
const run_state_unit *run_state_find(const run_state *st, const char *code);

/* Frees what st owns and zeroes it. */
void run_state_release(run_state *st);

/* Computes the fingerprint (above) of the campaign folder campaign_dir and
 * the submissions subs[0..n) into hex.  Returns TH_OK; TH_ERR_CONFIG with
 * err when the campaign folder cannot be read; TH_ERR_NOMEM. */
th_error run_state_fingerprint(const char *campaign_dir, const submission *subs, size_t n,
                               char hex[65], char *err, size_t errlen);

#endif
