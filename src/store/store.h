/*
 * store.h - the SQLite store of every submission, its rows and findings.
 *
 * The store stage.  Only store.c includes sqlite3.h.  WAL, foreign keys on,
 * schema versioned by PRAGMA user_version with forward migrations, prepared
 * statements only.  Invariants:
 *   1. A submission is added in one transaction with all its activities and
 *      findings, or not at all.
 *   2. A file's content (SHA-256) is stored at most once; its received time is
 *      the one given at that first import.
 *   3. A unit's submission in effect is its accepted submission with the
 *      latest received time (then the highest id); older ones stay as history.
 * Rows name units and categories by code, so a store outlives edits of the
 * campaign folder.
 */
#ifndef TONGHOP_STORE_H
#define TONGHOP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "campaign.h"
#include "error.h"
#include "finding.h"
#include "report.h"
#include "submission.h"

typedef struct store store;

/* Opens (creating if needed) the store at path and migrates its schema.
 * Returns TH_OK; TH_ERR_SCHEMA for a store from a newer tonghop; TH_ERR_LOCKED
 * when another run holds it past a short wait; TH_ERR_STORE for a file that is
 * not a tonghop store or is corrupt.  err receives the library's message. On
 * failure *out is NULL. */
th_error store_open(const char *path, store **out, char *err, size_t errlen);

/* Closes the store (checkpointing the WAL).  NULL is allowed. */
void store_close(store *st);

/* Sets how long a call waits for another run's lock before TH_ERR_LOCKED
 * (LIMIT_STORE_BUSY_MS after store_open). */
void store_set_busy_timeout(store *st, int ms);

/* Returns the library's message for the store's last failure, "" if none.
 * Valid until the next call on st. */
const char *store_errmsg(const store *st);

/* Looks up a submission by content.  Returns TH_OK and sets *found; when
 * found, *out is filled (the caller releases it). */
th_error store_find_sha(store *st, const char *sha256, bool *found, submission *out);

/* Adds sub with the activities of r (category indices resolved through c)
 * and the findings in one transaction.  sets sub->id.  On any failure the
 * store is unchanged; TH_ERR_EXISTS when another run stored the same content
 * meanwhile; TH_ERR_NOSPACE when the disk is full; TH_ERR_LOCKED when another
 * run holds the store past the busy timeout. */
th_error store_add_submission(store *st, submission *sub, const report *r, const campaign *c,
                              const finding_list *findings);

/* Returns every submission, ordered by received time then id, in a newly
 * allocated array (*subs, *n) freed with store_submissions_release. */
th_error store_list_submissions(store *st, submission **subs, size_t *n);

/* Frees an array from store_list_submissions. */
void store_submissions_release(submission *subs, size_t n);

/* An activity as stored. */
typedef struct {
    int64_t submission_id;
    size_t line;
    char *unit_code;     /* owned */
    char *category_code; /* owned */
    char *content;       /* owned */
    civil_day from, to;
    bool has_to;
    activity_form form;
    int64_t indicators[INDICATOR_COUNT];
    bool has_indicator[INDICATOR_COUNT];
    char *note; /* owned */
} stored_activity;

/* Called once per activity; a non-TH_OK return stops the walk and is returned. */
typedef th_error (*store_activity_fn)(const stored_activity *a, void *ctx);

/* Walks the activities of submission id in line order.  The activity passed
 * to fn is valid only during the call. */
th_error store_foreach_activity(store *st, int64_t submission_id, store_activity_fn fn, void *ctx);

/* Reads the findings of submission id into list (appending). */
th_error store_load_findings(store *st, int64_t submission_id, finding_list *list);

/* Returns the id of unit_code's submission in effect (invariant 3), 0 if none. */
th_error store_effective_submission(store *st, const char *unit_code, int64_t *id);

/* Reminders (`remind`): a unit is reminded once per state, a short text
 * saying what it owes and by when.  Sets *sent when a reminder for unit_code
 * in state was recorded, and then *sent_at (may be NULL) to when. */
th_error store_reminder_sent(store *st, const char *unit_code, const char *state, bool *sent,
                             int64_t *sent_at);

/* Records that unit_code was reminded in state at sent_at (replacing an
 * earlier record of the same state). */
th_error store_reminder_record(store *st, const char *unit_code, const char *state,
                               int64_t sent_at);

#endif
