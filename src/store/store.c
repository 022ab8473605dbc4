/*
 * store.c - the SQLite store: schema and migrations, adding a submission in
 * one transaction, and reading submissions, activities and findings back.
 *
 * The only file that includes sqlite3.h: every SQLite result code is turned
 * into a th_error here, and the library's message is kept in the store for
 * store_errmsg.  Statements are prepared once and cached in the store.
 */
#include "store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "i18n.h"
#include "th_limits.h"
#include "codec.h"
/* PRAGMA application_id: 'THOP', so a tonghop store is told from any other
 * SQLite file before anything is written to it. */
#define STORE_APPLICATION_ID 0x54484F50

/* Migration i brings user_version i to i + 1.  Never edit one that has
 * shipped: append a new one. */
static const char *const migrations[] = {
    /* 0 -> 1: the first schema. */
    "PRAGMA application_id = 1414025040;" /* STORE_APPLICATION_ID */
    "CREATE TABLE submission ("
    " id INTEGER PRIMARY KEY,"
    " file_name TEXT NOT NULL,"
    " sha256 TEXT NOT NULL UNIQUE,"
    " received INTEGER NOT NULL,"
    " imported_at INTEGER NOT NULL,"
    " unit_code TEXT NOT NULL,"
    " state INTEGER NOT NULL CHECK (state IN (0, 1)),"
    " encoding TEXT NOT NULL,"
    " rows_read INTEGER NOT NULL,"
    " rows_counted INTEGER NOT NULL,"
    " rows_rejected INTEGER NOT NULL,"
    " warnings INTEGER NOT NULL);"
    "CREATE INDEX submission_by_unit ON submission (unit_code, state, received);"
    "CREATE TABLE activity ("
    " submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE CASCADE,"
    " line INTEGER NOT NULL,"
    " category_code TEXT NOT NULL,"
    " content TEXT NOT NULL,"
    " from_day INTEGER NOT NULL,"
    " to_day INTEGER NOT NULL,"
    " has_to INTEGER NOT NULL,"
    " form INTEGER NOT NULL,"
    " participants INTEGER, sessions INTEGER, banners INTEGER,"
    " articles INTEGER, books INTEGER, budget INTEGER,"
    " note TEXT NOT NULL,"
    " PRIMARY KEY (submission_id, line)) WITHOUT ROWID;"
    "CREATE TABLE finding ("
    " submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL,"
    " code TEXT NOT NULL,"
    " file TEXT NOT NULL,"
    " row INTEGER NOT NULL,"
    " col INTEGER NOT NULL,"
    " column_name TEXT NOT NULL,"
    " detail TEXT NOT NULL,"
    " PRIMARY KEY (submission_id, seq)) WITHOUT ROWID;",
    /* 1 -> 2: the original bytes of every file, withdrawals, supplements,
     * the history of re-evaluations, and the rule of the report in effect.
     * Submissions stored before have no row in `original`: no copy. */
    "ALTER TABLE submission ADD COLUMN supplements INTEGER REFERENCES submission (id);"
    "ALTER TABLE submission ADD COLUMN withdrawn_at INTEGER;"
    "ALTER TABLE submission ADD COLUMN withdraw_reason TEXT;"
    "CREATE TABLE original ("
    " submission_id INTEGER PRIMARY KEY REFERENCES submission (id),"
    " name TEXT NOT NULL,"        /* the file name it came with */
    " received INTEGER NOT NULL," /* the received time it came with */
    " codec TEXT NOT NULL,"
    " size INTEGER NOT NULL," /* bytes before compression */
    " data BLOB NOT NULL);"
    "CREATE TABLE event ("
    " id INTEGER PRIMARY KEY,"
    " submission_id INTEGER NOT NULL REFERENCES submission (id),"
    " at INTEGER NOT NULL,"
    " kind TEXT NOT NULL CHECK (kind IN ('import', 'supplement', 'recheck', 'withdraw')),"
    " other_id INTEGER,"
    " before_state INTEGER NOT NULL, after_state INTEGER NOT NULL,"
    " before_rows INTEGER NOT NULL, after_rows INTEGER NOT NULL,"
    " before_findings INTEGER NOT NULL, after_findings INTEGER NOT NULL,"
    " before_received INTEGER NOT NULL, after_received INTEGER NOT NULL,"
    " lost TEXT NOT NULL, change TEXT NOT NULL, reason TEXT NOT NULL);"
    "CREATE INDEX event_by_submission ON event (submission_id, id);"
    /* THE rule of the report in effect (store.h, invariant 3), the only
     * place it is decided.  A candidate is a full report that counts: accepted,
     * not withdrawn, not a supplement.  A unit's base is its candidate with
     * the latest received time, then the highest id; its report in effect is
     * that base with every accepted, not withdrawn supplement of it. */
    "CREATE VIEW report_candidate AS SELECT * FROM submission"
    " WHERE state = 0 AND withdrawn_at IS NULL AND supplements IS NULL AND unit_code <> '';"
    "CREATE VIEW in_effect AS"
    " SELECT s.unit_code AS unit_code, s.id AS submission_id,"
    " coalesce(s.supplements, s.id) AS base_id FROM submission s"
    " WHERE s.state = 0 AND s.withdrawn_at IS NULL AND coalesce(s.supplements, s.id) ="
    " (SELECT c.id FROM report_candidate c WHERE c.unit_code = s.unit_code"
    " ORDER BY c.received DESC, c.id DESC LIMIT 1);"
    /* The ledger: each submission with what the rule says of it.  A full
     * report out of effect was superseded by the next candidate after it; a
     * supplement goes with its base. */
    "CREATE VIEW ledger AS SELECT s.*,"
    " EXISTS (SELECT 1 FROM original o WHERE o.submission_id = s.id) AS has_original,"
    " EXISTS (SELECT 1 FROM in_effect e WHERE e.submission_id = s.id) AS in_effect,"
    " (SELECT c.id FROM report_candidate c, submission b"
    " WHERE b.id = coalesce(s.supplements, s.id) AND c.unit_code = b.unit_code"
    " AND (c.received, c.id) > (b.received, b.id) ORDER BY c.received, c.id LIMIT 1)"
    " AS superseded_by FROM submission s;",
    /* 2 -> 3: the sheet a finding of a spreadsheet is on ("Sheet1!D7"). */
    "ALTER TABLE finding ADD COLUMN sheet TEXT NOT NULL DEFAULT '';",
    /* 3 -> 4: the reminders sent (`remind`), one row per unit and state. */
    "CREATE TABLE reminder ("
    " unit_code TEXT NOT NULL,"
    " state TEXT NOT NULL,"
    " sent_at INTEGER NOT NULL,"
    " PRIMARY KEY (unit_code, state)) WITHOUT ROWID;",
    /* 4 -> 5: the import's cache of what each file path held.  A path whose
     * stat(2) still says the same device, inode, size, mtime and ctime is
     * taken to hold the content it held (sha256) without reading it again;
     * the content hash stays the identity of a submission, this is only a
     * cache (import --rehash ignores it).  Nothing refers to it. */
    "CREATE TABLE file_seen ("
    " path TEXT PRIMARY KEY,"
    " device INTEGER NOT NULL, inode INTEGER NOT NULL, size INTEGER NOT NULL,"
    " mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,"
    " sha256 TEXT NOT NULL) WITHOUT ROWID;"
    /* ... and what each submission's activities hold per category (the
     * count, each indicator's sum, NULL when no activity gave it, and the
     * span of the dates), kept with the activities (insert_summary) so
     * that `status` and the export's totals read one small row per
     * submission and category instead of every activity.  Here total()
     * rather than sum(), which fails on an overflow: the sums of a store
     * migrated are exact up to 2^53 (9 x 10^15), far beyond any
     * campaign's; new ones are summed in 64 bits. */
    "CREATE TABLE activity_summary ("
    " submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE CASCADE,"
    " category_code TEXT NOT NULL,"
    " activities INTEGER NOT NULL,"
    " participants INTEGER, sessions INTEGER, banners INTEGER,"
    " articles INTEGER, books INTEGER, budget INTEGER,"
    " first_day INTEGER NOT NULL, last_day INTEGER NOT NULL,"
    " PRIMARY KEY (submission_id, category_code)) WITHOUT ROWID;"
    "INSERT INTO activity_summary SELECT submission_id, category_code, count(*),"
    " CASE WHEN count(participants) THEN CAST(total(participants) AS INTEGER) END,"
    " CASE WHEN count(sessions) THEN CAST(total(sessions) AS INTEGER) END,"
    " CASE WHEN count(banners) THEN CAST(total(banners) AS INTEGER) END,"
    " CASE WHEN count(articles) THEN CAST(total(articles) AS INTEGER) END,"
    " CASE WHEN count(books) THEN CAST(total(books) AS INTEGER) END,"
    " CASE WHEN count(budget) THEN CAST(total(budget) AS INTEGER) END,"
    " min(from_day), max(CASE WHEN has_to THEN to_day ELSE from_day END)"
    " FROM activity GROUP BY submission_id, category_code;",
};

#define NMIGRATIONS ((int64_t)(sizeof migrations / sizeof migrations[0]))

#define SUBMISSION_COLUMNS                                                                         \
    "id, file_name, sha256, received, imported_at, unit_code, state, encoding, rows_read, "        \
    "rows_counted, rows_rejected, warnings, supplements, withdrawn_at, withdraw_reason, "          \
    "has_original, in_effect, superseded_by"

#define EVENT_COLUMNS                                                                              \
    "id, submission_id, at, kind, other_id, before_state, after_state, before_rows, after_rows, "  \
    "before_findings, after_findings, before_received, after_received, lost, change, reason"

#define ACTIVITY_COLUMNS                                                                           \
    "a.line, a.category_code, a.content, a.from_day, a.to_day, a.has_to, a.form, "                 \
    "a.participants, a.sessions, a.banners, a.articles, a.books, a.budget, a.note, s.unit_code, "  \
    "s.id"

typedef enum {
    Q_INSERT_SUBMISSION,
    Q_INSERT_ACTIVITY,
    Q_INSERT_FINDING,
    Q_INSERT_ORIGINAL,
    Q_INSERT_EVENT,
    Q_UPDATE_OUTCOME,
    Q_DELETE_ACTIVITIES,
    Q_DELETE_FINDINGS,
    Q_WITHDRAW,
    Q_REFILE,
    Q_FIND_SHA,
    Q_FIND_ID,
    Q_FIND_KEY,
    Q_LIST,
    Q_LIST_STATE,
    Q_COUNT_SUBMISSIONS,
    Q_ACTIVITIES,
    Q_IN_EFFECT,
    Q_FINDINGS,
    Q_EFFECTIVE,
    Q_ORIGINAL,
    Q_EVENTS,
    Q_SEEN_LOOKUP,
    Q_SEEN_PUT,
    Q_DELETE_SUMMARY,
    Q_INSERT_SUMMARY,
    Q_SUMMARY_IN_EFFECT,
    Q_SUMMARY_ALL,
    Q_SUMMARY_KEYS,
    Q_SUMMARY_OF_UNIT,
    Q_FILE_NAME,
    Q_SAMPLE_ORDER,
    Q_SAMPLE_ROWS,
    Q_COUNT
} query;

static const char *const query_sql[Q_COUNT] = {
    [Q_INSERT_SUBMISSION] = "INSERT INTO submission (file_name, sha256, received, imported_at,"
                            " unit_code, state, encoding, rows_read, rows_counted,"
                            " rows_rejected, warnings, supplements)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [Q_INSERT_ACTIVITY] = "INSERT INTO activity (submission_id, line, category_code, content,"
                          " from_day, to_day, has_to, form, participants, sessions, banners,"
                          " articles, books, budget, note)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                          " ?14, ?15)",
    [Q_INSERT_FINDING] = "INSERT INTO finding (submission_id, seq, code, file, row, col,"
                         " column_name, detail, sheet)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [Q_INSERT_ORIGINAL] = "INSERT INTO original (submission_id, name, received, codec, size, data)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_INSERT_EVENT] = "INSERT INTO event (submission_id, at, kind, other_id, before_state,"
                       " after_state, before_rows, after_rows, before_findings, after_findings,"
                       " before_received, after_received, lost, change, reason)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                       " ?15)",
    /* Numbered as Q_INSERT_SUBMISSION, so bind_submission fills it; ?13 is
     * the id. */
    [Q_UPDATE_OUTCOME] = "UPDATE submission SET received = ?3, imported_at = ?4, unit_code = ?5,"
                         " state = ?6, encoding = ?7, rows_read = ?8, rows_counted = ?9,"
                         " rows_rejected = ?10, warnings = ?11 WHERE id = ?13",
    [Q_DELETE_ACTIVITIES] = "DELETE FROM activity WHERE submission_id = ?1",
    [Q_DELETE_FINDINGS] = "DELETE FROM finding WHERE submission_id = ?1",
    [Q_WITHDRAW] = "UPDATE submission SET withdrawn_at = ?2, withdraw_reason = ?3"
                   " WHERE id = ?1 AND withdrawn_at IS NULL",
    [Q_REFILE] = "UPDATE submission SET supplements = ?2, withdrawn_at = NULL,"
                 " withdraw_reason = NULL WHERE id = ?1 AND withdrawn_at IS NOT NULL",
    [Q_FIND_SHA] = "SELECT " SUBMISSION_COLUMNS " FROM ledger WHERE sha256 = ?1",
    [Q_FIND_ID] = "SELECT " SUBMISSION_COLUMNS " FROM ledger WHERE id = ?1",
    [Q_FIND_KEY] = "SELECT " SUBMISSION_COLUMNS " FROM ledger"
                   " WHERE file_name = ?1 OR (length(?1) >= 6 AND sha256 >= lower(?1)"
                   " AND sha256 < lower(?1) || 'g')"
                   " OR id IN (SELECT submission_id FROM original WHERE name = ?1)"
                   " ORDER BY received, id",
    [Q_LIST] = "SELECT " SUBMISSION_COLUMNS " FROM ledger ORDER BY received, id",
    /* Q_LIST with only what a unit's status needs: the view's subqueries
     * of the columns not asked for are not run (half the time of the
     * ledger on the national set), and no text is copied but the unit's. */
    [Q_COUNT_SUBMISSIONS] = "SELECT count(*), count(CASE WHEN received > ?1 THEN 1 END)"
                            " FROM submission",
    [Q_LIST_STATE] = "SELECT id, '', '', received, 0, unit_code, state, '', 0, rows_counted,"
                     " rows_rejected, 0, supplements, withdrawn_at, NULL, 0, in_effect, 0"
                     " FROM ledger ORDER BY received, id",
    [Q_ACTIVITIES] =
        "SELECT " ACTIVITY_COLUMNS " FROM activity a JOIN submission s ON s.id = a.submission_id"
        " WHERE a.submission_id = ?1 ORDER BY a.line",
    [Q_IN_EFFECT] = "SELECT s.id FROM in_effect e JOIN submission s ON s.id = e.submission_id"
                    " WHERE e.unit_code = ?1"
                    " ORDER BY s.supplements IS NOT NULL, s.received, s.id",
    [Q_FINDINGS] = "SELECT code, file, row, col, column_name, detail, sheet FROM finding"
                   " WHERE submission_id = ?1 ORDER BY seq",
    [Q_EFFECTIVE] = "SELECT base_id FROM in_effect WHERE unit_code = ?1 LIMIT 1",
    [Q_ORIGINAL] = "SELECT codec, size, data FROM original WHERE submission_id = ?1",
    [Q_EVENTS] = "SELECT " EVENT_COLUMNS " FROM event WHERE submission_id = ?1 ORDER BY id",
    /* The submission's own columns and has_original as the ledger has
     * them, without the ledger's in_effect and superseded_by (0 and NULL
     * here): what they cost was most of an import of unchanged files. */
    [Q_SEEN_LOOKUP] = "SELECT id, file_name, sha256, received, imported_at, unit_code, state,"
                      " encoding, rows_read, rows_counted, rows_rejected, warnings, supplements,"
                      " withdrawn_at, withdraw_reason,"
                      " EXISTS (SELECT 1 FROM original o WHERE o.submission_id = s.id), 0, NULL"
                      " FROM submission s WHERE sha256 ="
                      " (SELECT sha256 FROM file_seen WHERE path = ?1 AND device = ?2"
                      " AND inode = ?3 AND size = ?4 AND mtime_ns = ?5 AND ctime_ns = ?6)",
    [Q_SEEN_PUT] = "INSERT OR REPLACE INTO file_seen (path, device, inode, size, mtime_ns,"
                   " ctime_ns, sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [Q_DELETE_SUMMARY] = "DELETE FROM activity_summary WHERE submission_id = ?1",
    [Q_INSERT_SUMMARY] = "INSERT INTO activity_summary (submission_id, category_code,"
                         " activities, participants, sessions, banners, articles, books,"
                         " budget, first_day, last_day)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    /* CROSS JOIN keeps in_effect the outer loop: the rule's subquery runs
     * once per submission, and only the summaries in effect are read;
     * otherwise SQLite scans every summary and runs it once per summary
     * (4 times the work on the national set). */
    [Q_SUMMARY_IN_EFFECT] =
        "SELECT e.unit_code, x.category_code, x.activities, x.participants, x.sessions,"
        " x.banners, x.articles, x.books, x.budget, x.first_day, x.last_day, x.submission_id"
        " FROM in_effect e CROSS JOIN activity_summary x ON x.submission_id = e.submission_id",
    /* the columns of Q_SUMMARY_IN_EFFECT, the submission's id in place of
     * its unit */
    [Q_SUMMARY_ALL] = "SELECT x.submission_id, x.category_code, x.activities, x.participants,"
                      " x.sessions, x.banners, x.articles, x.books, x.budget, x.first_day,"
                      " x.last_day, x.submission_id FROM activity_summary x",
    /* the same without the sums and dates */
    [Q_SUMMARY_KEYS] = "SELECT NULL, category_code, activities, NULL, NULL, NULL, NULL, NULL,"
                       " NULL, 0, 0, submission_id FROM activity_summary",
    [Q_FILE_NAME] = "SELECT file_name FROM submission WHERE id = ?1",
    [Q_SUMMARY_OF_UNIT] =
        "SELECT e.unit_code, x.category_code, x.activities, x.participants, x.sessions,"
        " x.banners, x.articles, x.books, x.budget, x.first_day, x.last_day, x.submission_id"
        " FROM in_effect e JOIN activity_summary x ON x.submission_id = e.submission_id"
        " WHERE e.unit_code = ?1",
    /* Knuth's multiplicative hash of the id: an order unrelated to the
     * units' or the times', the same for the same store. */
    [Q_SAMPLE_ORDER] = "SELECT submission_id FROM in_effect"
                       " ORDER BY (submission_id * 2654435761) % 4294967296, submission_id",
    [Q_SAMPLE_ROWS] =
        "SELECT a.category_code, a.participants, a.sessions, a.banners, a.articles, a.books,"
        " a.budget, s.unit_code FROM activity a JOIN submission s ON s.id = a.submission_id"
        " WHERE a.submission_id = ?1",
};

struct store {
    sqlite3 *db;
    sqlite3_stmt *stmts[Q_COUNT]; /* prepared on first use */
    bool in_group;                /* store_group_begin: store_begin opens a savepoint */
    bool group_began;             /* the group's transaction is open (at its first write) */
    codec_packer *packer;         /* compresses the originals, made at the first */
    char errmsg[1024];
};

/* Maps an SQLite result code (primary or extended) to tonghop's own. */
static th_error map_rc(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return TH_OK;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return TH_ERR_LOCKED;
    case SQLITE_FULL:
        return TH_ERR_NOSPACE;
    case SQLITE_NOMEM:
        return TH_ERR_NOMEM;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return TH_ERR_IO;
    default: /* NOTADB, CORRUPT, CONSTRAINT, ... */
        return TH_ERR_STORE;
    }
}

/* What went wrong, for the clerk, from SQLite's result code rc; SQLite's
 * own words follow it only as a detail (fail). */
static const char *situation(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return _("another program is using the store; try again when it has finished");
    case SQLITE_FULL:
        return _("the disk is full");
    case SQLITE_NOMEM:
        return th_strerror(TH_ERR_NOMEM);
    case SQLITE_READONLY:
        return _("you may only read the store: its file or its folder is read-only for you");
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return _("you are not allowed to open the store's file");
    case SQLITE_CANTOPEN:
        return _("the store's file cannot be opened or created");
    case SQLITE_NOTADB:
        return _("the file is not a tonghop store, or it is damaged");
    case SQLITE_CORRUPT:
        return _("the store is damaged; restore it from a backup copy");
    case SQLITE_IOERR:
        return _("the disk could not be read or written");
    default:
        return _("the store failed");
    }
}

/* Records, for rc, what went wrong and SQLite's message, and returns rc
 * mapped.  Called before any ROLLBACK, which would overwrite the message. */
static th_error fail(store *st, int rc)
{
    const char *msg = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
    /* SQLite reports a write that hit a full disk or a file-size limit
     * (EFBIG) as a generic I/O error, and sqlite3_system_errno does not
     * always keep the errno; a failed write is almost always one of those. */
    int sys = st->db ? sqlite3_system_errno(st->db) : 0;
    if ((rc & 0xFF) == SQLITE_IOERR &&
        (sys == ENOSPC || sys == EFBIG || rc == SQLITE_IOERR_WRITE)) {
        snprintf(st->errmsg, sizeof st->errmsg, "%s (SQLite: %s)",
                 sys == ENOSPC || sys == EFBIG
                     ? strerror(sys)
                     : _("the disk is full or a file-size limit was reached"),
                 msg);
        return TH_ERR_NOSPACE;
    }
    snprintf(st->errmsg, sizeof st->errmsg, "%s (SQLite: %s)", situation(rc), msg);
    return map_rc(rc);
}

/* The store's file at path could not be opened (rc): says why when its
 * folder is the reason, which is the usual case (a mistyped --db). */
static th_error fail_open(store *st, int rc, const char *path)
{
    th_error err = fail(st, rc);
    if ((rc & 0xff) != SQLITE_CANTOPEN)
        return err;
    char dir[sizeof st->errmsg / 2];
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    struct stat sb;
    const char *msg = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
    char sqlite_said[sizeof st->errmsg / 2];
    snprintf(sqlite_said, sizeof sqlite_said, "%s", msg);
    if (stat(dir, &sb) != 0)
        snprintf(st->errmsg, sizeof st->errmsg, _("the folder '%s' does not exist (SQLite: %s)"),
                 dir, sqlite_said);
    else if (!S_ISDIR(sb.st_mode))
        snprintf(st->errmsg, sizeof st->errmsg, _("'%s' is not a folder (SQLite: %s)"), dir,
                 sqlite_said);
    else if (access(dir, W_OK | X_OK) != 0)
        snprintf(st->errmsg, sizeof st->errmsg,
                 _("you may not write in the folder '%s' (SQLite: %s)"), dir, sqlite_said);
    return err;
}

static th_error fail_msg(store *st, th_error err, const char *msg)
{
    snprintf(st->errmsg, sizeof st->errmsg, "%s", msg);
    return err;
}

/* Returns the cached statement q, reset and ready for binding. */
static th_error statement(store *st, query q, sqlite3_stmt **out)
{
    sqlite3_stmt **s = &st->stmts[q];
    if (*s == NULL) {
        int rc = sqlite3_prepare_v3(st->db, query_sql[q], -1, SQLITE_PREPARE_PERSISTENT, s, NULL);
        if (rc != SQLITE_OK)
            return fail(st, rc);
    } else if (sqlite3_stmt_busy(*s)) {
        /* A callback of store_foreach_activity calling it again. */
        return fail_msg(st, TH_ERR_INTERNAL, _("re-entrant use of a store statement"));
    }
    *out = *s;
    return TH_OK;
}

/* Resets s so it holds no read lock and no bound text past the call. */
static void done(sqlite3_stmt *s)
{
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

static int exec(store *st, const char *sql)
{
    return sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

/* Runs a one-row, one-integer query (a PRAGMA). */
static int query_int(store *st, const char *sql, int64_t *out)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(s, 0);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        *out = 0;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    return rc;
}

/* Ends a failed transaction; err was recorded before. */
static th_error rollback(store *st, th_error err)
{
    if (!sqlite3_get_autocommit(st->db))
        exec(st, "ROLLBACK");
    return err;
}

/* Refuses a file that is SQLite but not a tonghop store, or one from a newer
 * tonghop, before anything is written to it.  Sets *version. */
static th_error check_identity(store *st, int64_t *version)
{
    int64_t app_id = 0, ntables = 0;
    /* One read transaction, so the three answers come from one snapshot even
     * while another run is creating the store. */
    int rc = exec(st, "BEGIN");
    if (rc == SQLITE_OK)
        rc = query_int(st, "PRAGMA application_id", &app_id);
    if (rc == SQLITE_OK)
        rc = query_int(st, "PRAGMA user_version", version);
    if (rc == SQLITE_OK)
        rc = query_int(st, "SELECT count(*) FROM sqlite_master", &ntables);
    if (rc == SQLITE_OK)
        rc = exec(st, "COMMIT");
    if (rc != SQLITE_OK) {
        th_error err = fail(st, rc);
        exec(st, "ROLLBACK");
        return err;
    }
    if ((uint32_t)app_id != STORE_APPLICATION_ID && (app_id != 0 || ntables > 0 || *version))
        return fail_msg(st, TH_ERR_STORE,
                        _("the file is an SQLite database but not a tonghop store"));
    if (*version > NMIGRATIONS) {
        snprintf(st->errmsg, sizeof st->errmsg,
                 _("the store has schema version %lld; this tonghop knows up to %lld"),
                 (long long)*version, (long long)NMIGRATIONS);
        return TH_ERR_SCHEMA;
    }
    return TH_OK;
}

/* Applies the next migration in its own transaction.  The version is read
 * again under the write lock, as another run may have migrated meanwhile. */
static th_error migrate_one(store *st, int64_t *version)
{
    char sql[64];
    int rc = exec(st, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return fail(st, rc);
    rc = query_int(st, "PRAGMA user_version", version);
    if (rc == SQLITE_OK && *version < NMIGRATIONS) {
        rc = exec(st, migrations[*version]);
        /* PRAGMA takes no parameters; the value is our own counter. */
        snprintf(sql, sizeof sql, "PRAGMA user_version = %lld", (long long)(*version + 1));
        if (rc == SQLITE_OK)
            rc = exec(st, sql);
    }
    if (rc == SQLITE_OK)
        rc = exec(st, "COMMIT");
    if (rc != SQLITE_OK)
        return rollback(st, fail(st, rc));
    rc = query_int(st, "PRAGMA user_version", version);
    return rc == SQLITE_OK ? TH_OK : fail(st, rc);
}

/* Sets the connection up: WAL, foreign keys, fsync at checkpoints only. */
static th_error configure(store *st)
{
    /* journal_mode answers with the mode it ended in; a file system without
     * shared memory keeps the old one, which is slower but still correct. */
    int64_t ignored;
    int rc = query_int(st, "PRAGMA journal_mode = WAL", &ignored);
    if (rc == SQLITE_OK)
        rc = exec(st, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL");
    return rc == SQLITE_OK ? TH_OK : fail(st, rc);
}

static th_error open_and_migrate(store *st, const char *path)
{
    int64_t version = 0;
    /* The import's savepoints (store_group_begin) keep the pages a file
     * changes in a sub-journal, a temporary file once it passes 64 KiB:
     * two system calls per page.  Kept in memory up to the limit instead.
     * Only possible before SQLite's first use in the process; later calls
     * fail harmlessly (SQLITE_MISUSE), the first store opened set it. */
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, (int)LIMIT_STORE_SUBJOURNAL_BYTES);
    /* One thread uses a store: no mutex around every call (NOMUTEX), a
     * quarter of the instructions of walking the activities. */
    int rc = sqlite3_open_v2(
        path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return fail_open(st, rc, path);
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, LIMIT_STORE_BUSY_MS);
    th_error err = check_identity(st, &version);
    if (err == TH_OK)
        err = configure(st);
    while (err == TH_OK && version < NMIGRATIONS)
        err = migrate_one(st, &version);
    if (err == TH_OK && version > NMIGRATIONS) /* a newer run migrated meanwhile */
        err = fail_msg(st, TH_ERR_SCHEMA, _("the store was migrated by a newer tonghop"));
    return err;
}

/* Milliseconds of a monotonic clock. */
static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

th_error store_open(const char *path, store **out, char *err, size_t errlen)
{
    *out = NULL;
    int64_t deadline = now_ms() + LIMIT_STORE_BUSY_MS;
    th_error e;
    store *st;
    /* While another run creates the file or switches it to WAL, SQLite can
     * answer "locked" without calling the busy handler; so the whole opening
     * is retried until the same timeout the busy handler would give. */
    for (;;) {
        st = calloc(1, sizeof *st);
        if (st == NULL) {
            if (err && errlen)
                snprintf(err, errlen, "%s", th_strerror(TH_ERR_NOMEM));
            return TH_ERR_NOMEM;
        }
        e = open_and_migrate(st, path);
        if (err && errlen)
            snprintf(err, errlen, "%s", st->errmsg);
        if (e == TH_OK)
            break;
        sqlite3_close(st->db);
        free(st);
        if (e != TH_ERR_LOCKED || now_ms() >= deadline)
            return e;
        nanosleep(&(struct timespec){0, 50 * 1000000L}, NULL);
    }
    *out = st;
    return TH_OK;
}

void store_close(store *st)
{
    if (st == NULL)
        return;
    for (int q = 0; q < Q_COUNT; q++)
        sqlite3_finalize(st->stmts[q]);
    /* Otherwise the -wal file keeps the size of the largest import.  Without
     * waiting: while another run writes, it will checkpoint instead. */
    sqlite3_busy_timeout(st->db, 0);
    sqlite3_exec(st->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    sqlite3_close(st->db);
    codec_packer_free(st->packer);
    free(st);
}

void store_set_busy_timeout(store *st, int ms)
{
    sqlite3_busy_timeout(st->db, ms);
}

const char *store_errmsg(const store *st)
{
    return st ? st->errmsg : "";
}

static int bind_text(sqlite3_stmt *s, int i, const char *text)
{
    return sqlite3_bind_text(s, i, text ? text : "", -1, SQLITE_STATIC);
}

static int bind_submission(sqlite3_stmt *s, const submission *sub)
{
    int rc = bind_text(s, 1, sub->file_name);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 2, sub->sha256);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 3, sub->received);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 4, sub->imported_at);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 5, sub->unit_code);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(s, 6, (int)sub->state);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 7, sub->encoding);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 8, (sqlite3_int64)sub->rows_read);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 9, (sqlite3_int64)sub->rows_counted);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 10, (sqlite3_int64)sub->rows_rejected);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 11, (sqlite3_int64)sub->warnings);
    if (rc == SQLITE_OK)
        rc = sub->supplements ? sqlite3_bind_int64(s, 12, sub->supplements)
                              : sqlite3_bind_null(s, 12);
    return rc;
}

static int bind_activity(sqlite3_stmt *s, int64_t id, const activity *a, const char *category_code)
{
    int rc = sqlite3_bind_int64(s, 1, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 2, (sqlite3_int64)a->line);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 3, category_code);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 4, a->content);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(s, 5, a->from);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(s, 6, a->to);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(s, 7, a->has_to);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(s, 8, (int)a->form);
    for (int i = 0; rc == SQLITE_OK && i < INDICATOR_COUNT; i++)
        rc = a->has_indicator[i] ? sqlite3_bind_int64(s, 9 + i, a->indicators[i])
                                 : sqlite3_bind_null(s, 9 + i);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 15, a->note);
    return rc;
}

static int bind_finding(sqlite3_stmt *s, int64_t id, size_t seq, const finding *f, const char *code)
{
    int rc = sqlite3_bind_int64(s, 1, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 2, (sqlite3_int64)seq);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 3, code);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 4, f->file);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 5, (sqlite3_int64)f->row);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 6, (sqlite3_int64)f->column);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 7, f->column_name);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 8, f->detail);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 9, f->sheet);
    return rc;
}

/* Steps an INSERT whose binding returned rc; returns SQLITE_OK or the error.
 * The caller records the error before done() resets the statement. */
static int step_insert(sqlite3_stmt *s, int rc)
{
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Runs a one-parameter statement (a DELETE) for submission id. */
static th_error run_for_id(store *st, query q, int64_t id);

/* What the activities of one category hold, as activity_summary keeps it. */
typedef struct {
    int64_t activities;
    int64_t sum[INDICATOR_COUNT];
    bool has[INDICATOR_COUNT];
    civil_day first, last;
} summary_cell;

static void add_to_cell(summary_cell *x, const activity *a)
{
    civil_day last = a->has_to ? a->to : a->from;
    if (x->activities == 0 || a->from < x->first)
        x->first = a->from;
    if (x->activities == 0 || last > x->last)
        x->last = last;
    x->activities++;
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        if (!a->has_indicator[i])
            continue;
        /* wraps instead of overflowing: 64 bits are 9 x 10^18 */
        x->sum[i] = (int64_t)((uint64_t)x->sum[i] + (uint64_t)a->indicators[i]);
        x->has[i] = true;
    }
}

static int bind_summary(sqlite3_stmt *s, int64_t id, const char *code, const summary_cell *x)
{
    int rc = sqlite3_bind_int64(s, 1, id);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 2, code);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 3, x->activities);
    for (int i = 0; rc == SQLITE_OK && i < INDICATOR_COUNT; i++)
        rc = x->has[i] ? sqlite3_bind_int64(s, 4 + i, x->sum[i]) : sqlite3_bind_null(s, 4 + i);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(s, 10, x->first);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int(s, 11, x->last);
    return rc;
}

/* Writes the summary of submission id, whose activities are those of r
 * (what migration 3 computes from the rows, computed here from r: a
 * fraction of the cost of aggregating the rows just written). */
static th_error insert_summary(store *st, int64_t id, const report *r, const campaign *c)
{
    th_error err = run_for_id(st, Q_DELETE_SUMMARY, id);
    if (err != TH_OK || r == NULL || r->nactivities == 0)
        return err;
    summary_cell *cells = calloc(c->ncategories, sizeof *cells);
    sqlite3_stmt *s = NULL;
    if (cells == NULL)
        return fail_msg(st, TH_ERR_NOMEM, _("out of memory summing the activities"));
    for (size_t i = 0; i < r->nactivities; i++)
        add_to_cell(&cells[r->activities[i].category], &r->activities[i]);
    err = statement(st, Q_INSERT_SUMMARY, &s);
    for (size_t k = 0; err == TH_OK && k < c->ncategories; k++) {
        if (cells[k].activities == 0)
            continue;
        int rc = step_insert(s, bind_summary(s, id, c->categories[k].code, &cells[k]));
        if (rc != SQLITE_OK)
            err = fail(st, rc);
        done(s);
    }
    free(cells);
    return err;
}

/* Inserts the activities of r for submission id (which has none) and its
 * summary. */
static th_error insert_activities(store *st, int64_t id, const report *r, const campaign *c)
{
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, Q_INSERT_ACTIVITY, &s);
    for (size_t i = 0; err == TH_OK && r != NULL && i < r->nactivities; i++) {
        const activity *a = &r->activities[i];
        if (a->category >= c->ncategories) {
            err = fail_msg(st, TH_ERR_INTERNAL, _("activity names a category out of range"));
            break;
        }
        int rc = step_insert(s, bind_activity(s, id, a, c->categories[a->category].code));
        if (rc != SQLITE_OK)
            err = fail(st, rc);
        done(s);
    }
    return err == TH_OK ? insert_summary(st, id, r, c) : err;
}

static th_error insert_findings(store *st, int64_t id, const finding_list *findings)
{
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, Q_INSERT_FINDING, &s);
    for (size_t i = 0; err == TH_OK && findings != NULL && i < findings->count; i++) {
        const finding *f = &findings->items[i];
        const char *code = finding_code_name(f->code);
        if (code == NULL || *code == '\0') {
            err = fail_msg(st, TH_ERR_INTERNAL, _("finding with a code outside the catalogue"));
            break;
        }
        int rc = step_insert(s, bind_finding(s, id, i + 1, f, code));
        if (rc != SQLITE_OK)
            err = fail(st, rc);
        done(s);
    }
    return err;
}

static th_error insert_submission(store *st, const submission *sub, int64_t *id)
{
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, Q_INSERT_SUBMISSION, &s);
    if (err != TH_OK)
        return err;
    int rc = step_insert(s, bind_submission(s, sub));
    if (rc != SQLITE_OK)
        err = fail(st, rc);
    else
        *id = sqlite3_last_insert_rowid(st->db);
    done(s);
    return err;
}

th_error store_begin(store *st)
{
    st->errmsg[0] = '\0';
    if (st->in_group && st->group_began && sqlite3_get_autocommit(st->db))
        return fail_msg(st, TH_ERR_STORE, _("the group of transactions was rolled back"));
    if (st->in_group && !st->group_began) { /* the group's first write */
        int rc = exec(st, "BEGIN IMMEDIATE");
        if (rc != SQLITE_OK)
            return fail(st, rc);
        st->group_began = true;
    }
    int rc = exec(st, st->in_group ? "SAVEPOINT one" : "BEGIN IMMEDIATE");
    return rc == SQLITE_OK ? TH_OK : fail(st, rc);
}

th_error store_commit(store *st)
{
    if (st->in_group) {
        int rc = exec(st, "RELEASE one");
        if (rc == SQLITE_OK)
            return TH_OK;
        th_error err = fail(st, rc);
        store_rollback(st);
        return err;
    }
    int rc = exec(st, "COMMIT");
    return rc == SQLITE_OK ? TH_OK : rollback(st, fail(st, rc));
}

void store_rollback(store *st)
{
    /* In a group, only the savepoint: what the group did before stays.  An
     * error may have rolled the whole transaction back already (SQLite does
     * on a full disk, for one); then there is no savepoint left, and
     * store_group_commit says so. */
    if (st->in_group && st->group_began && !sqlite3_get_autocommit(st->db)) {
        exec(st, "ROLLBACK TO one");
        exec(st, "RELEASE one");
        return;
    }
    if (!st->in_group)
        rollback(st, TH_OK);
}

th_error store_group_begin(store *st)
{
    st->errmsg[0] = '\0';
    if (st->in_group || !sqlite3_get_autocommit(st->db))
        return fail_msg(st, TH_ERR_INTERNAL, _("a group begun inside a transaction"));
    st->in_group = true;
    st->group_began = false;
    return TH_OK;
}

th_error store_group_commit(store *st)
{
    bool began = st->group_began;
    st->in_group = false;
    st->group_began = false;
    if (!began) /* nothing was written: no transaction */
        return TH_OK;
    if (sqlite3_get_autocommit(st->db)) /* rolled back by an error meanwhile */
        return fail_msg(st, TH_ERR_STORE, _("the group of transactions was rolled back"));
    int rc = exec(st, "COMMIT");
    return rc == SQLITE_OK ? TH_OK : rollback(st, fail(st, rc));
}

void store_group_rollback(store *st)
{
    bool began = st->group_began;
    st->in_group = false;
    st->group_began = false;
    if (began)
        rollback(st, TH_OK);
}

/* Keeps bytes[0..n) compressed as the original of submission sub. */
static th_error insert_original(store *st, const submission *sub, const unsigned char *bytes,
                                size_t n)
{
    unsigned char *data = NULL;
    size_t ndata = 0;
    sqlite3_stmt *s = NULL;
    th_error err = codec_pack(&st->packer, bytes, n, &data, &ndata);
    if (err == TH_OK)
        err = statement(st, Q_INSERT_ORIGINAL, &s);
    if (err != TH_OK) {
        free(data);
        return err == TH_ERR_NOMEM ? fail_msg(st, err, _("out of memory compressing the file"))
                                   : err;
    }
    int rc = sqlite3_bind_int64(s, 1, sub->id);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 2, sub->file_name);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 3, sub->received);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 4, CODEC_NAME);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 5, (sqlite3_int64)n);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_blob64(s, 6, data, ndata, SQLITE_STATIC);
    rc = step_insert(s, rc);
    if (rc != SQLITE_OK)
        err = fail(st, rc);
    done(s);
    free(data);
    return err;
}

th_error store_keep_original(store *st, const submission *sub, const unsigned char *bytes, size_t n)
{
    return insert_original(st, sub, bytes, n);
}

th_error store_insert_submission(store *st, submission *sub, const unsigned char *bytes, size_t n)
{
    /* Checked under the write lock: another run may have stored the same
     * content since the caller looked (invariant 2). */
    bool exists = false;
    submission old = {0};
    th_error err = store_find_sha(st, sub->sha256, &exists, &old);
    submission_release(&old);
    if (err == TH_OK && exists)
        err = TH_ERR_EXISTS;
    if (err == TH_OK)
        err = insert_submission(st, sub, &sub->id);
    if (err == TH_OK && bytes != NULL)
        err = insert_original(st, sub, bytes, n);
    return err;
}

static th_error run_for_id(store *st, query q, int64_t id)
{
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, q, &s);
    if (err != TH_OK)
        return err;
    int rc = step_insert(s, sqlite3_bind_int64(s, 1, id));
    if (rc != SQLITE_OK)
        err = fail(st, rc);
    done(s);
    return err;
}

th_error store_put_activities(store *st, int64_t id, const report *r, const campaign *c)
{
    th_error err = run_for_id(st, Q_DELETE_ACTIVITIES, id);
    return err == TH_OK ? insert_activities(st, id, r, c) : err;
}

th_error store_put_outcome(store *st, const submission *sub, const finding_list *findings)
{
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, Q_UPDATE_OUTCOME, &s);
    if (err != TH_OK)
        return err;
    int rc = bind_submission(s, sub);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 13, sub->id);
    rc = step_insert(s, rc);
    if (rc != SQLITE_OK)
        err = fail(st, rc);
    done(s);
    if (err == TH_OK)
        err = run_for_id(st, Q_DELETE_FINDINGS, sub->id);
    return err == TH_OK ? insert_findings(st, sub->id, findings) : err;
}

th_error store_add_submission(store *st, submission *sub, const report *r, const campaign *c,
                              const finding_list *findings)
{
    th_error err = store_begin(st);
    if (err != TH_OK)
        return err;
    err = store_insert_submission(st, sub, NULL, 0);
    if (err == TH_OK)
        err = insert_activities(st, sub->id, r, c);
    if (err == TH_OK)
        err = insert_findings(st, sub->id, findings);
    if (err != TH_OK) {
        sub->id = 0;
        store_rollback(st); /* in a group, this file's savepoint only */
        return err;
    }
    err = store_commit(st);
    if (err != TH_OK)
        sub->id = 0;
    return err;
}

static const char *column_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? (const char *)t : "";
}

/* Fills out from a row of SUBMISSION_COLUMNS. */
static th_error read_submission(sqlite3_stmt *s, submission *out)
{
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(s, 0);
    out->file_name = strdup(column_text(s, 1));
    out->unit_code = strdup(column_text(s, 5));
    if (out->file_name == NULL || out->unit_code == NULL) {
        submission_release(out);
        return TH_ERR_NOMEM;
    }
    snprintf(out->sha256, sizeof out->sha256, "%s", column_text(s, 2));
    out->received = sqlite3_column_int64(s, 3);
    out->imported_at = sqlite3_column_int64(s, 4);
    out->state = (submission_state)sqlite3_column_int(s, 6);
    snprintf(out->encoding, sizeof out->encoding, "%s", column_text(s, 7));
    out->rows_read = (size_t)sqlite3_column_int64(s, 8);
    out->rows_counted = (size_t)sqlite3_column_int64(s, 9);
    out->rows_rejected = (size_t)sqlite3_column_int64(s, 10);
    out->warnings = (size_t)sqlite3_column_int64(s, 11);
    out->supplements = sqlite3_column_int64(s, 12);
    out->withdrawn_at = sqlite3_column_int64(s, 13);
    if (sqlite3_column_type(s, 14) != SQLITE_NULL &&
        (out->withdraw_reason = strdup(column_text(s, 14))) == NULL) {
        submission_release(out);
        return TH_ERR_NOMEM;
    }
    out->has_original = sqlite3_column_int(s, 15) != 0;
    out->in_effect = sqlite3_column_int(s, 16) != 0;
    out->superseded_by = sqlite3_column_int64(s, 17);
    return TH_OK;
}

/* Steps s, a query of at most one submission whose binding returned rc:
 * *found and *out as the row says.  Releases s in every case. */
static th_error step_one_submission(store *st, sqlite3_stmt *s, int rc, bool *found,
                                    submission *out)
{
    th_error err = TH_OK;
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        err = read_submission(s, out);
        *found = err == TH_OK;
    } else if (rc != SQLITE_DONE) {
        err = fail(st, rc);
    }
    done(s);
    return err;
}

/* Runs the one-row submission query q bound to text (when not NULL) or id. */
static th_error find_one(store *st, query q, const char *text, int64_t id, bool *found,
                         submission *out)
{
    sqlite3_stmt *s = NULL;
    *found = false;
    th_error err = statement(st, q, &s);
    if (err != TH_OK)
        return err;
    int rc = text != NULL ? bind_text(s, 1, text) : sqlite3_bind_int64(s, 1, id);
    return step_one_submission(st, s, rc, found, out);
}

th_error store_find_sha(store *st, const char *sha256, bool *found, submission *out)
{
    return find_one(st, Q_FIND_SHA, sha256, 0, found, out);
}

/* Appends the row of s to the growing array *subs. */
static th_error append_submission(sqlite3_stmt *s, submission **subs, size_t *n, size_t *cap)
{
    if (!array_reserve(subs, cap, *n + 1, sizeof **subs))
        return TH_ERR_NOMEM;
    th_error err = read_submission(s, &(*subs)[*n]);
    if (err == TH_OK)
        (*n)++;
    return err;
}

/* Runs the many-row submission query q, bound to key when not NULL, into a
 * newly allocated array. */
static th_error list_query(store *st, query q, const char *key, submission **subs, size_t *n)
{
    sqlite3_stmt *s = NULL;
    size_t cap = 0;
    *subs = NULL;
    *n = 0;
    th_error err = statement(st, q, &s);
    if (err != TH_OK)
        return err;
    int rc = key != NULL ? bind_text(s, 1, key) : SQLITE_OK;
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW && err == TH_OK) {
        err = append_submission(s, subs, n, &cap);
        rc = SQLITE_OK;
    }
    if (err == TH_OK && rc != SQLITE_DONE)
        err = fail(st, rc);
    done(s);
    if (err == TH_OK && *n > 0 && *n < cap) {
        /* the doubling's slack back: a quarter of the list on the national set */
        submission *fit = realloc(*subs, *n * sizeof **subs);
        *subs = fit != NULL ? fit : *subs;
    }
    if (err != TH_OK) {
        store_submissions_release(*subs, *n);
        *subs = NULL;
        *n = 0;
    }
    return err;
}

th_error store_list_submissions(store *st, submission **subs, size_t *n)
{
    return list_query(st, Q_LIST, NULL, subs, n);
}

th_error store_foreach_submission_state(store *st, store_submission_fn fn, void *ctx)
{
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, Q_LIST_STATE, &s);
    int rc = SQLITE_OK;
    while (err == TH_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        submission sub;
        err = read_submission(s, &sub);
        if (err == TH_OK) {
            err = fn(&sub, ctx);
            submission_release(&sub);
        }
    }
    if (err == TH_OK && rc != SQLITE_DONE)
        err = fail(st, rc);
    if (s != NULL)
        done(s);
    return err;
}

void store_submissions_release(submission *subs, size_t n)
{
    for (size_t i = 0; subs != NULL && i < n; i++)
        submission_release(&subs[i]);
    free(subs);
}

/* Builds a stored_activity over the row of s, without copying: the text
 * stays SQLite's and is valid until the next step. */
static void view_activity(sqlite3_stmt *s, stored_activity *a)
{
    memset(a, 0, sizeof *a);
    a->submission_id = sqlite3_column_int64(s, 15);
    a->line = (size_t)sqlite3_column_int64(s, 0);
    a->category_code = (char *)column_text(s, 1);
    a->content = (char *)column_text(s, 2);
    a->from = (civil_day)sqlite3_column_int(s, 3);
    a->to = (civil_day)sqlite3_column_int(s, 4);
    a->has_to = sqlite3_column_int(s, 5) != 0;
    a->form = (activity_form)sqlite3_column_int(s, 6);
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        a->has_indicator[i] = sqlite3_column_type(s, 7 + i) != SQLITE_NULL;
        a->indicators[i] = a->has_indicator[i] ? sqlite3_column_int64(s, 7 + i) : 0;
    }
    a->note = (char *)column_text(s, 13);
    a->unit_code = (char *)column_text(s, 14);
}

/* Walks the activity rows of the statement s, bound and ready. */
static th_error walk_activities(store *st, sqlite3_stmt *s, int rc, store_activity_fn fn, void *ctx)
{
    stored_activity a;
    th_error err = TH_OK;
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        view_activity(s, &a);
        err = fn(&a, ctx);
        if (err != TH_OK)
            break;
        rc = SQLITE_OK;
    }
    if (err == TH_OK && rc != SQLITE_DONE)
        err = fail(st, rc);
    done(s);
    return err;
}

th_error store_foreach_activity(store *st, int64_t submission_id, store_activity_fn fn, void *ctx)
{
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, Q_ACTIVITIES, &s);
    if (err != TH_OK)
        return err;
    return walk_activities(st, s, sqlite3_bind_int64(s, 1, submission_id), fn, ctx);
}

th_error store_foreach_activity_in_effect(store *st, const char *unit_code, store_activity_fn fn,
                                          void *ctx)
{
    /* The few submissions first, then each one's rows in its primary-key
     * order: one query over all the rows would have to sort them. */
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, Q_IN_EFFECT, &s);
    if (err != TH_OK)
        return err;
    int rc = bind_text(s, 1, unit_code);
    while (err == TH_OK && rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        if (!array_reserve(&ids, &cap, n + 1, sizeof *ids))
            err = TH_ERR_NOMEM;
        else
            ids[n++] = sqlite3_column_int64(s, 0);
    }
    if (err == TH_OK && rc != SQLITE_DONE)
        err = fail(st, rc);
    done(s);
    for (size_t i = 0; err == TH_OK && i < n; i++)
        err = store_foreach_activity(st, ids[i], fn, ctx);
    free(ids);
    return err;
}

/* Appends the finding in the row of s; a code this tonghop does not know
 * (a store written by a newer one) is skipped. */
static th_error append_finding(sqlite3_stmt *s, finding_list *list)
{
    finding_code code = finding_code_from_name(column_text(s, 0));
    if (code == FC_COUNT)
        return TH_OK;
    th_error err = finding_list_add(
        list, code, column_text(s, 1), (size_t)sqlite3_column_int64(s, 2),
        (size_t)sqlite3_column_int64(s, 3), column_text(s, 4), "%s", column_text(s, 5));
    if (err == TH_OK)
        err = finding_list_set_sheet(list, list->count - 1, column_text(s, 6));
    return err;
}

th_error store_load_findings(store *st, int64_t submission_id, finding_list *list)
{
    sqlite3_stmt *s = NULL;
    int rc;
    th_error err = statement(st, Q_FINDINGS, &s);
    if (err != TH_OK)
        return err;
    rc = sqlite3_bind_int64(s, 1, submission_id);
    while (err == TH_OK && rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        err = append_finding(s, list);
        rc = SQLITE_OK;
    }
    if (err == TH_OK && rc != SQLITE_DONE)
        err = fail(st, rc);
    done(s);
    return err;
}

th_error store_effective_submission(store *st, const char *unit_code, int64_t *id)
{
    sqlite3_stmt *s = NULL;
    *id = 0;
    th_error err = statement(st, Q_EFFECTIVE, &s);
    if (err != TH_OK)
        return err;
    int rc = bind_text(s, 1, unit_code);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    else if (rc != SQLITE_DONE)
        err = fail(st, rc);
    done(s);
    return err;
}

th_error store_count_submissions(store *st, int64_t after, size_t *n, size_t *received_after)
{
    sqlite3_stmt *s = NULL;
    *n = *received_after = 0;
    th_error err = statement(st, Q_COUNT_SUBMISSIONS, &s);
    if (err != TH_OK)
        return err;
    int rc = sqlite3_bind_int64(s, 1, after);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *n = (size_t)sqlite3_column_int64(s, 0);
        *received_after = (size_t)sqlite3_column_int64(s, 1);
    } else {
        err = fail(st, rc);
    }
    done(s);
    return err;
}

th_error store_find_id(store *st, int64_t id, bool *found, submission *out)
{
    return find_one(st, Q_FIND_ID, NULL, id, found, out);
}

th_error store_find_submissions(store *st, const char *key, submission **subs, size_t *n)
{
    return list_query(st, Q_FIND_KEY, key, subs, n);
}

th_error store_load_original(store *st, int64_t id, bool *found, unsigned char **bytes, size_t *n)
{
    sqlite3_stmt *s = NULL;
    *found = false;
    *bytes = NULL;
    *n = 0;
    th_error err = statement(st, Q_ORIGINAL, &s);
    if (err != TH_OK)
        return err;
    int rc = sqlite3_bind_int64(s, 1, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        sqlite3_int64 size = sqlite3_column_int64(s, 1);
        const void *data = sqlite3_column_blob(s, 2);
        size_t ndata = (size_t)sqlite3_column_bytes(s, 2);
        if (strcmp(column_text(s, 0), CODEC_NAME) != 0 || size < 0 || data == NULL)
            err =
                fail_msg(st, TH_ERR_STORE, _("the stored copy is damaged or of an unknown codec"));
        else
            err = codec_decompress(data, ndata, (size_t)size, bytes);
        if (err == TH_ERR_STORE)
            fail_msg(st, err, _("the stored copy is damaged"));
        if (err == TH_OK) {
            *n = (size_t)size;
            *found = true;
        }
    } else if (rc != SQLITE_DONE) {
        err = fail(st, rc);
    }
    done(s);
    return err;
}

/* Runs the UPDATE q of one submission (?1 id, ?2 number, ?3 text when not
 * NULL); `none` with message `why` when it changed no row. */
static th_error update_one(store *st, query q, int64_t id, int64_t number, const char *text,
                           th_error none, const char *why)
{
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, q, &s);
    if (err != TH_OK)
        return err;
    int rc = sqlite3_bind_int64(s, 1, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 2, number);
    if (rc == SQLITE_OK && text != NULL)
        rc = bind_text(s, 3, text);
    rc = step_insert(s, rc);
    if (rc != SQLITE_OK)
        err = fail(st, rc);
    else if (sqlite3_changes(st->db) != 1)
        err = fail_msg(st, none, why);
    done(s);
    return err;
}

th_error store_withdraw(store *st, int64_t id, int64_t at, const char *reason)
{
    return update_one(st, Q_WITHDRAW, id, at, reason ? reason : "", TH_ERR_EXISTS,
                      _("the submission is already withdrawn"));
}

th_error store_refile_as_supplement(store *st, int64_t id, int64_t base)
{
    return update_one(st, Q_REFILE, id, base, NULL, TH_ERR_INTERNAL,
                      _("only a withdrawn submission can be filed again"));
}

static const char *const event_kinds[] = {
    [STORE_EVENT_IMPORT] = "import",
    [STORE_EVENT_SUPPLEMENT] = "supplement",
    [STORE_EVENT_RECHECK] = "recheck",
    [STORE_EVENT_WITHDRAW] = "withdraw",
};

static int bind_event(sqlite3_stmt *s, const store_event *e)
{
    int rc = sqlite3_bind_int64(s, 1, e->submission_id);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 2, e->at);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 3, event_kinds[e->kind]);
    if (rc == SQLITE_OK)
        rc = e->other_id ? sqlite3_bind_int64(s, 4, e->other_id) : sqlite3_bind_null(s, 4);
    const int64_t numbers[] = {e->before.state,
                               e->after.state,
                               (int64_t)e->before.rows,
                               (int64_t)e->after.rows,
                               (int64_t)e->before.findings,
                               (int64_t)e->after.findings,
                               e->before.received,
                               e->after.received};
    for (int i = 0; rc == SQLITE_OK && i < 8; i++)
        rc = sqlite3_bind_int64(s, 5 + i, numbers[i]);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 13, e->lost);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 14, e->change);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 15, e->reason);
    return rc;
}

th_error store_add_event(store *st, const store_event *e)
{
    sqlite3_stmt *s = NULL;
    if ((int)e->kind < 0 || e->kind >= STORE_EVENT_COUNT)
        return fail_msg(st, TH_ERR_INTERNAL, _("event of an unknown kind"));
    th_error err = statement(st, Q_INSERT_EVENT, &s);
    if (err != TH_OK)
        return err;
    int rc = step_insert(s, bind_event(s, e));
    if (rc != SQLITE_OK)
        err = fail(st, rc);
    done(s);
    return err;
}

void store_event_release(store_event *e)
{
    if (e == NULL)
        return;
    free(e->lost);
    free(e->change);
    free(e->reason);
    memset(e, 0, sizeof *e);
}

static th_error read_event(sqlite3_stmt *s, store_event *e)
{
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(s, 0);
    e->submission_id = sqlite3_column_int64(s, 1);
    e->at = sqlite3_column_int64(s, 2);
    e->kind = STORE_EVENT_COUNT;
    for (int k = 0; k < STORE_EVENT_COUNT; k++)
        if (strcmp(column_text(s, 3), event_kinds[k]) == 0)
            e->kind = (store_event_kind)k;
    e->other_id = sqlite3_column_int64(s, 4);
    e->before.state = sqlite3_column_int(s, 5);
    e->after.state = sqlite3_column_int(s, 6);
    e->before.rows = (size_t)sqlite3_column_int64(s, 7);
    e->after.rows = (size_t)sqlite3_column_int64(s, 8);
    e->before.findings = (size_t)sqlite3_column_int64(s, 9);
    e->after.findings = (size_t)sqlite3_column_int64(s, 10);
    e->before.received = sqlite3_column_int64(s, 11);
    e->after.received = sqlite3_column_int64(s, 12);
    e->lost = strdup(column_text(s, 13));
    e->change = strdup(column_text(s, 14));
    e->reason = strdup(column_text(s, 15));
    if (e->lost == NULL || e->change == NULL || e->reason == NULL) {
        store_event_release(e);
        return TH_ERR_NOMEM;
    }
    return TH_OK;
}

th_error store_list_events(store *st, int64_t submission_id, store_event **events, size_t *n)
{
    sqlite3_stmt *s = NULL;
    size_t cap = 0;
    *events = NULL;
    *n = 0;
    th_error err = statement(st, Q_EVENTS, &s);
    if (err != TH_OK)
        return err;
    int rc = sqlite3_bind_int64(s, 1, submission_id);
    while (err == TH_OK && rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        if (!array_reserve(events, &cap, *n + 1, sizeof **events))
            err = TH_ERR_NOMEM;
        else if ((err = read_event(s, &(*events)[*n])) == TH_OK)
            (*n)++;
    }
    if (err == TH_OK && rc != SQLITE_DONE)
        err = fail(st, rc);
    done(s);
    if (err != TH_OK) {
        store_events_release(*events, *n);
        *events = NULL;
        *n = 0;
    }
    return err;
}

void store_events_release(store_event *events, size_t n)
{
    for (size_t i = 0; events != NULL && i < n; i++)
        store_event_release(&events[i]);
    free(events);
}

/* ---- reminders (`remind`) ------------------------------------------------ */

th_error store_reminder_sent(store *st, const char *unit_code, const char *state, bool *sent,
                             int64_t *sent_at)
{
    sqlite3_stmt *s = NULL;
    *sent = false;
    int rc = sqlite3_prepare_v2(
        st->db, "SELECT sent_at FROM reminder WHERE unit_code = ?1 AND state = ?2", -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 1, unit_code);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 2, state);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *sent = true;
        if (sent_at != NULL)
            *sent_at = sqlite3_column_int64(s, 0);
        rc = SQLITE_DONE;
    }
    th_error err = rc == SQLITE_DONE ? TH_OK : fail(st, rc);
    sqlite3_finalize(s);
    return err;
}

th_error store_reminder_record(store *st, const char *unit_code, const char *state, int64_t sent_at)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db,
                                "INSERT OR REPLACE INTO reminder (unit_code, state, sent_at)"
                                " VALUES (?1, ?2, ?3)",
                                -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 1, unit_code);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 2, state);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(s, 3, sent_at);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    th_error err = rc == SQLITE_DONE ? TH_OK : fail(st, rc);
    sqlite3_finalize(s);
    return err;
}

/* ---- the import's cache of file contents -------------------------------- */

/* Binds path and fs as ?1 .. ?6 of s. */
static int bind_seen(sqlite3_stmt *s, const char *path, const store_file_stat *fs)
{
    int rc = bind_text(s, 1, path);
    const int64_t numbers[] = {fs->device, fs->inode, fs->size, fs->mtime_ns, fs->ctime_ns};
    for (int i = 0; rc == SQLITE_OK && i < 5; i++)
        rc = sqlite3_bind_int64(s, 2 + i, numbers[i]);
    return rc;
}

th_error store_seen_lookup(store *st, const char *path, const store_file_stat *fs, bool *hit,
                           submission *out)
{
    sqlite3_stmt *s = NULL;
    *hit = false;
    th_error err = statement(st, Q_SEEN_LOOKUP, &s);
    if (err != TH_OK)
        return err;
    return step_one_submission(st, s, bind_seen(s, path, fs), hit, out);
}

th_error store_seen_put(store *st, const char *path, const store_file_stat *fs, const char *sha256)
{
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, Q_SEEN_PUT, &s);
    if (err != TH_OK)
        return err;
    int rc = bind_seen(s, path, fs);
    if (rc == SQLITE_OK)
        rc = bind_text(s, 7, sha256);
    rc = step_insert(s, rc);
    if (rc != SQLITE_OK)
        err = fail(st, rc);
    done(s);
    return err;
}

/* ---- per-category summaries of the reports in effect -------------------- */

th_error store_file_name(store *st, int64_t id, char *buf, size_t len)
{
    sqlite3_stmt *s = NULL;
    buf[0] = '\0';
    th_error err = statement(st, Q_FILE_NAME, &s);
    if (err != TH_OK)
        return err;
    int rc = sqlite3_bind_int64(s, 1, id);
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        snprintf(buf, len, "%s", column_text(s, 0));
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK)
        err = fail(st, rc);
    done(s);
    return err;
}

/* Calls fn for each row of s, a query of Q_SUMMARY_IN_EFFECT's columns
 * bound already (its binding's rc given), and resets it; the first column
 * is the unit's code when with_unit (else unit_code is ""). */
static th_error walk_summaries(store *st, sqlite3_stmt *s, int rc, bool with_unit,
                               store_summary_fn fn, void *ctx)
{
    th_error err = rc == SQLITE_OK ? TH_OK : fail(st, rc);
    store_summary x;
    while (err == TH_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        memset(&x, 0, sizeof x);
        x.unit_code = with_unit ? column_text(s, 0) : "";
        x.category_code = column_text(s, 1);
        x.activities = (size_t)sqlite3_column_int64(s, 2);
        for (int i = 0; i < INDICATOR_COUNT; i++) {
            x.has[i] = sqlite3_column_type(s, 3 + i) != SQLITE_NULL;
            x.sum[i] = x.has[i] ? sqlite3_column_int64(s, 3 + i) : 0;
        }
        x.first = (civil_day)sqlite3_column_int(s, 9);
        x.last = (civil_day)sqlite3_column_int(s, 10);
        x.submission_id = sqlite3_column_int64(s, 11);
        if ((err = fn(&x, ctx)) != TH_OK)
            break;
    }
    if (err == TH_OK && rc != SQLITE_DONE)
        err = fail(st, rc);
    done(s);
    return err;
}

th_error store_foreach_summary_in_effect(store *st, store_summary_fn fn, void *ctx)
{
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, Q_SUMMARY_IN_EFFECT, &s);
    return err == TH_OK ? walk_summaries(st, s, SQLITE_OK, true, fn, ctx) : err;
}

th_error store_foreach_summary(store *st, bool sums, store_summary_fn fn, void *ctx)
{
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, sums ? Q_SUMMARY_ALL : Q_SUMMARY_KEYS, &s);
    return err == TH_OK ? walk_summaries(st, s, SQLITE_OK, false, fn, ctx) : err;
}

th_error store_foreach_summary_of_unit(store *st, const char *unit_code, store_summary_fn fn,
                                       void *ctx)
{
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, Q_SUMMARY_OF_UNIT, &s);
    return err == TH_OK ? walk_summaries(st, s, bind_text(s, 1, unit_code), true, fn, ctx) : err;
}

/* Reads the ids of Q_SAMPLE_ORDER into a newly allocated array. */
static th_error sample_order(store *st, int64_t **ids, size_t *n)
{
    sqlite3_stmt *s = NULL;
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    th_error err = statement(st, Q_SAMPLE_ORDER, &s);
    if (err != TH_OK)
        return err;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (!array_reserve(ids, &cap, *n + 1, sizeof **ids)) {
            err = TH_ERR_NOMEM;
            break;
        }
        (*ids)[(*n)++] = sqlite3_column_int64(s, 0);
    }
    if (err == TH_OK && rc != SQLITE_DONE)
        err = fail(st, rc);
    done(s);
    return err;
}

/* Calls fn for each activity of submission id with its unit, category and
 * indicators; adds their number to *rows. */
static th_error sample_rows(store *st, int64_t id, store_activity_fn fn, void *ctx, size_t *rows)
{
    sqlite3_stmt *s = NULL;
    th_error err = statement(st, Q_SAMPLE_ROWS, &s);
    if (err != TH_OK)
        return err;
    int rc = sqlite3_bind_int64(s, 1, id);
    stored_activity a;
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        memset(&a, 0, sizeof a);
        a.submission_id = id;
        a.category_code = (char *)column_text(s, 0);
        a.unit_code = (char *)column_text(s, 7);
        a.content = a.note = (char *)"";
        for (int i = 0; i < INDICATOR_COUNT; i++) {
            a.has_indicator[i] = sqlite3_column_type(s, 1 + i) != SQLITE_NULL;
            a.indicators[i] = a.has_indicator[i] ? sqlite3_column_int64(s, 1 + i) : 0;
        }
        (*rows)++;
        if ((err = fn(&a, ctx)) != TH_OK)
            break;
    }
    if (err == TH_OK && rc != SQLITE_DONE)
        err = fail(st, rc);
    done(s);
    return err;
}

th_error store_sample_in_effect(store *st, size_t max_rows, store_activity_fn fn, void *ctx)
{
    int64_t *ids = NULL;
    size_t n = 0, rows = 0;
    th_error err = sample_order(st, &ids, &n);
    for (size_t i = 0; err == TH_OK && i < n && rows < max_rows; i++)
        err = sample_rows(st, ids[i], fn, ctx, &rows);
    free(ids);
    return err;
}
