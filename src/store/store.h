/*
 * store.h - the SQLite store of every submission, its rows and findings.
 *
 * The store stage.  Only store.c includes sqlite3.h.  WAL, foreign keys on,
 * schema versioned by PRAGMA user_version with forward migrations, prepared
 * statements only.  Invariants:
 *   1. A submission is added in one transaction with all its activities and
 *      findings, or not at all.
 *   2. A file's content (SHA-256) is stored at most once, with its original
 *      bytes (compressed), the name and the received time it came with.  Its
 *      received time is the one given at that first import, unless the clerk
 *      re-evaluates it with another one (import --received on content stored
 *      as rejected), which the history records.
 *   3. The report in effect of a unit is decided in one place, the views
 *      report_candidate and in_effect of the schema (store.c): its base is
 *      its accepted, not withdrawn full report (not a supplement) with the
 *      latest received time, then the highest id; with it count the
 *      accepted, not withdrawn supplements of that base.  Everything else
 *      stays as history; nothing is ever deleted.
 *   4. Re-evaluating a submission (recheck) replaces its outcome (state,
 *      counts, activities, findings) and adds an event with the outcome
 *      before and after; the submission and its original stay.
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

/* ---- transactions --------------------------------------------------------
 * store_add_submission is one transaction by itself.  The finer calls below
 * (store_insert_submission ... store_add_event) run inside a transaction the
 * caller opens with store_begin and ends with store_commit or store_rollback,
 * so that reading the report in effect before and after a change, and the
 * change, are one atomic step. */

/* Begins a write transaction (waiting for another run's lock up to the busy
 * timeout).  Returns TH_OK, TH_ERR_LOCKED, or another store error. */
th_error store_begin(store *st);

/* Commits the transaction; on failure it is rolled back and the error
 * returned (TH_ERR_NOSPACE for a full disk). */
th_error store_commit(store *st);

/* Rolls the transaction back, if one is open; the store is as before it. */
void store_rollback(store *st);

/* A group of transactions in one: between store_group_begin and
 * store_group_commit, store_begin / store_commit / store_rollback open,
 * release and roll back a savepoint of the group's transaction, so that
 * many small files cost one commit.  A transaction rolled back inside the
 * group leaves the group's earlier ones in place; nothing of the group is
 * durable before store_group_commit succeeds.  SQLite may roll the whole
 * group back on some errors (a full disk): store_begin and
 * store_group_commit then fail, and the caller does the group's work
 * again one transaction at a time (batch.c).
 *
 * store_group_begin begins the group: its write transaction is opened by
 * the first store_begin in it (waiting for another run's lock up to the
 * busy timeout, as store_begin does), so that a group that writes nothing
 * takes no lock; TH_ERR_INTERNAL inside a transaction or a group.
 * store_group_commit commits it (on failure it is rolled back and the
 * error returned); store_group_rollback rolls the whole group back. */
th_error store_group_begin(store *st);
th_error store_group_commit(store *st);
void store_group_rollback(store *st);

/* In a transaction: adds sub (its counts, state and sub->supplements) and,
 * when bytes is not NULL, its original bytes[0..n) compressed, with
 * sub->file_name and sub->received as the name and time it came with.  Sets
 * sub->id.  TH_ERR_EXISTS when the same content is stored already. */
th_error store_insert_submission(store *st, submission *sub, const unsigned char *bytes, size_t n);

/* In a transaction: keeps bytes[0..n) as the original of sub->id, which has
 * none (a submission stored before copies were kept, received again). */
th_error store_keep_original(store *st, const submission *sub, const unsigned char *bytes,
                             size_t n);

/* In a transaction: replaces the activities of submission id by those of r
 * (category indices resolved through c). */
th_error store_put_activities(store *st, int64_t id, const report *r, const campaign *c);

/* In a transaction: writes the outcome of sub->id (received, imported_at,
 * unit, state, encoding, counts) and replaces its findings by findings. */
th_error store_put_outcome(store *st, const submission *sub, const finding_list *findings);

/* In a transaction: takes submission id out of effect at time `at` for
 * `reason`.  TH_ERR_EXISTS when it is withdrawn already. */
th_error store_withdraw(store *st, int64_t id, int64_t at, const char *reason);

/* In a transaction: files the withdrawn submission id again, as a
 * supplement of base (import --supplement of content first imported as a
 * full report and withdrawn).  Its withdrawal stays in the history (the
 * events); the submission is in effect again with base.  TH_ERR_INTERNAL
 * when id is not withdrawn. */
th_error store_refile_as_supplement(store *st, int64_t id, int64_t base);

/* What changed a submission, for the history. */
typedef enum {
    STORE_EVENT_IMPORT,     /* received as a full report */
    STORE_EVENT_SUPPLEMENT, /* received as a supplement of other_id */
    STORE_EVENT_RECHECK,    /* validated again (recheck, import --received) */
    STORE_EVENT_WITHDRAW,   /* taken out of effect */
    STORE_EVENT_COUNT
} store_event_kind;

/* One side of an event.  For import, supplement and withdraw: state of the
 * submission, rows of the unit's report in effect, findings of the file; for
 * recheck: state, rows counted and findings of the file. */
typedef struct {
    int state; /* submission_state */
    size_t rows;
    size_t findings;
    int64_t received;
} store_outcome;

typedef struct {
    int64_t id; /* set when read back */
    int64_t submission_id;
    int64_t at; /* epoch seconds */
    store_event_kind kind;
    /* import: the base it replaced; supplement: its base; withdraw or
     * recheck: the base in effect afterwards; 0: none */
    int64_t other_id;
    store_outcome before, after;
    char *lost;   /* codes of the categories the unit's report lost, ", " between */
    char *change; /* the change of each indicator total: INDICATOR_COUNT integers */
    char *reason; /* withdraw: why */
} store_event;

/* In a transaction: records e (its strings may be NULL: stored as ""). */
th_error store_add_event(store *st, const store_event *e);

/* Reads the events of submission id, oldest first, into a newly allocated
 * array freed with store_events_release. */
th_error store_list_events(store *st, int64_t submission_id, store_event **events, size_t *n);

/* Frees what e owns and zeroes it. */
void store_event_release(store_event *e);

/* Frees an array from store_list_events. */
void store_events_release(store_event *events, size_t n);

/* ---- reading ------------------------------------------------------------ */

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

/* Looks up a submission by id, as store_find_sha. */
th_error store_find_id(store *st, int64_t id, bool *found, submission *out);

/* Copies the file name of submission id into buf (len bytes, cut to fit):
 * "" when there is none.  One small query, where only the name is needed. */
th_error store_file_name(store *st, int64_t id, char *buf, size_t len);

/* Finds the submissions a clerk means by key: a file name (as stored, or as
 * it came), or the first 6 or more hex digits of a SHA-256.  Newly allocated
 * array freed with store_submissions_release; *n is 0 when none matches. */
th_error store_find_submissions(store *st, const char *key, submission **subs, size_t *n);

/* Reads the original bytes of submission id into a newly allocated buffer
 * (*bytes, *n; NUL-terminated past n; freed by the caller).  *found is false
 * when the store has no copy (submissions stored before copies were kept).
 * TH_ERR_STORE when the copy is damaged. */
th_error store_load_original(store *st, int64_t id, bool *found, unsigned char **bytes, size_t *n);

/* Returns every submission, ordered by received time then id, in a newly
 * allocated array (*subs, *n) freed with store_submissions_release. */
th_error store_list_submissions(store *st, submission **subs, size_t *n);

/* Frees an array from store_list_submissions. */
void store_submissions_release(submission *subs, size_t n);

/* Counts the submissions into *n, and those received after epoch second
 * after into *received_after, without reading them. */
th_error store_count_submissions(store *st, int64_t after, size_t *n, size_t *received_after);

typedef th_error (*store_submission_fn)(const submission *s, void *ctx);

/* Calls fn for every submission, in the order of store_list_submissions,
 * without keeping them: s is valid only during the call.  Only what a
 * unit's status needs is read: id, received, unit_code, state,
 * rows_counted, rows_rejected, supplements, withdrawn_at and in_effect;
 * the other members are "", NULL, false or 0 (has_original and
 * superseded_by cost half the walk).  A non-TH_OK return stops the walk
 * and is returned. */
th_error store_foreach_submission_state(store *st, store_submission_fn fn, void *ctx);

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

/* Walks the activities of unit_code's report in effect (invariant 3): its
 * base first, then each supplement in received order, each in line order;
 * a->submission_id tells which file a row comes from. */
th_error store_foreach_activity_in_effect(store *st, const char *unit_code, store_activity_fn fn,
                                          void *ctx);

/* Calls fn for the activities of the submissions in effect (invariant 3),
 * taken whole in a fixed pseudo-random order of their ids (the same for the
 * same store), until max_rows activities were passed: every one when the
 * store holds fewer.  Only the activity's submission, unit, category and
 * indicators are filled in (the other texts are "", the rest 0). */
th_error store_sample_in_effect(store *st, size_t max_rows, store_activity_fn fn, void *ctx);

/* Reads the findings of submission id into list (appending). */
th_error store_load_findings(store *st, int64_t submission_id, finding_list *list);

/* Returns the id of the base of unit_code's report in effect (invariant 3),
 * 0 if none. */
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

/* What the activities of one submission in effect hold for one category
 * (kept with the activities, so reading it costs one row, not one per
 * activity). */
typedef struct {
    int64_t submission_id;
    const char *unit_code, *category_code; /* the store's, valid during the call */
    size_t activities;
    int64_t sum[INDICATOR_COUNT];
    bool has[INDICATOR_COUNT]; /* some activity gave the indicator */
    civil_day first, last;     /* earliest tu_ngay, latest den_ngay (tu_ngay if none) */
} store_summary;

typedef th_error (*store_summary_fn)(const store_summary *x, void *ctx);

/* Calls fn for each category of each submission of every unit's report in
 * effect (invariant 3), in no particular order; a non-TH_OK return stops
 * the walk and is returned. */
th_error store_foreach_summary_in_effect(store *st, store_summary_fn fn, void *ctx);

/* The same for the report in effect of one unit only (what an import
 * compares before and after it files a report). */
th_error store_foreach_summary_of_unit(store *st, const char *unit_code, store_summary_fn fn,
                                       void *ctx);

/* Calls fn for each category of every stored submission, in no particular
 * order, with unit_code "": one scan of the summaries, without the rule of
 * the report in effect, for a caller that knows from the ledger already
 * which submissions are in effect (store_foreach_submission_state).
 * Without sums only the submission, the category and the count of
 * activities are read (no indicator given, the days 0).  A non-TH_OK
 * return stops the walk and is returned. */
th_error store_foreach_summary(store *st, bool sums, store_summary_fn fn, void *ctx);

/* ---- the import's cache of file contents --------------------------------
 * What a file path held when an import last read it, so that the next
 * import need not read and hash a file that did not change (design.md §6).
 * The SHA-256 stays the identity of a submission: an entry is a hint that
 * the caller checks against the stored submissions. */

/* What stat(2) says of a file; two equal records mean "not touched". */
typedef struct {
    int64_t device, inode, size;
    int64_t mtime_ns, ctime_ns; /* nanoseconds since the epoch */
} store_file_stat;

/* Looks up path: *hit when the store recorded it with exactly fs and holds
 * the content recorded; then *out is that content's submission (released by
 * the caller), as store_find_sha gives it but for in_effect and
 * superseded_by, which are not computed (false and 0).  One cheap query:
 * this runs for every file of every import. */
th_error store_seen_lookup(store *st, const char *path, const store_file_stat *fs, bool *hit,
                           submission *out);

/* In a transaction: records that path, as fs describes it, held the content
 * sha256 (replacing what was recorded for path). */
th_error store_seen_put(store *st, const char *path, const store_file_stat *fs, const char *sha256);

#endif
