/*
 * test_store.c - unit tests of the SQLite store.
 *
 * Each test works in a fresh temporary directory.  The store is checked from
 * outside through a raw sqlite3 connection: schema version, refusals that
 * leave a file untouched, atomic imports and another run's lock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"

typedef struct {
    char dir[64];
    char path[96];
    campaign camp;
    category cats[3];
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    if (fx == NULL)
        return -1;
    snprintf(fx->dir, sizeof fx->dir, "/tmp/test_store.XXXXXX");
    if (mkdtemp(fx->dir) == NULL) {
        free(fx);
        return -1;
    }
    snprintf(fx->path, sizeof fx->path, "%s/tonghop.db", fx->dir);
    fx->cats[0].code = "TUYEN_TRUYEN";
    fx->cats[1].code = "HOI_THAO";
    fx->cats[2].code = "SACH";
    fx->camp.categories = fx->cats;
    fx->camp.ncategories = 3;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    const char *suffixes[] = {"", "-wal", "-shm", "-journal"};
    char p[128];
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        snprintf(p, sizeof p, "%s%s", fx->path, suffixes[i]);
        unlink(p);
    }
    rmdir(fx->dir);
    free(fx);
    return 0;
}

static bool exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Runs sql on a raw connection to path and returns the first column of its
 * first row as an integer (0 when no row). */
static int64_t raw_int(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    int64_t v = 0;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return v;
}

static void raw_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* Reads a whole small file into buf; returns its size. */
static size_t slurp(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, cap, f);
    assert_true(feof(f));
    fclose(f);
    return n;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static store *open_ok(const fixture *fx)
{
    store *st = NULL;
    char err[256] = "x";
    assert_int_equal(store_open(fx->path, &st, err, sizeof err), TH_OK);
    assert_non_null(st);
    return st;
}

/* A submission whose sha256 is 64 times c. */
static submission make_sub(const char *file, char c, int64_t received, const char *unit_code,
                           submission_state state)
{
    submission s = {0};
    s.file_name = (char *)file;
    memset(s.sha256, c, 64);
    s.received = received;
    s.imported_at = received + 5;
    s.unit_code = (char *)unit_code;
    s.state = state;
    snprintf(s.encoding, sizeof s.encoding, "Windows-1258");
    s.rows_read = 4;
    s.rows_counted = 3;
    s.rows_rejected = 1;
    s.warnings = 2;
    return s;
}

static void test_open_creates_and_reopens(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    store_close(st);
    assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 5);
    assert_int_equal(raw_int(fx->path, "PRAGMA application_id"), 0x54484F50);
    assert_int_equal(raw_int(fx->path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                       " AND name IN ('submission', 'activity', 'finding')"),
                     3);
    char wal[128];
    snprintf(wal, sizeof wal, "%s-wal", fx->path);
    assert_false(exists(wal));

    st = open_ok(fx);
    assert_string_equal(store_errmsg(st), "");
    store_close(st);
    assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 5);
    store_close(NULL);
}

static void test_newer_schema_refused_untouched(void **state)
{
    fixture *fx = *state;
    static char before[1 << 16], after[1 << 16];
    store_close(open_ok(fx));
    raw_exec(fx->path, "PRAGMA user_version = 99");
    size_t n = slurp(fx->path, before, sizeof before);

    store *st = (store *)1;
    char err[256] = "";
    assert_int_equal(store_open(fx->path, &st, err, sizeof err), TH_ERR_SCHEMA);
    assert_null(st);
    assert_non_null(strstr(err, "99"));
    assert_int_equal(slurp(fx->path, after, sizeof after), n);
    assert_memory_equal(before, after, n);
    assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 99);
}

static void test_garbage_file_refused(void **state)
{
    fixture *fx = *state;
    const char *text = "ma_don_vi,ma_hoat_dong,noi_dung\nSGDDT,TUYEN_TRUYEN,this is a CSV "
                       "file and not an SQLite database at all, whatever its name says\n";
    char buf[512];
    write_file(fx->path, text);
    store *st = (store *)1;
    char err[256] = "";
    assert_int_equal(store_open(fx->path, &st, err, sizeof err), TH_ERR_STORE);
    assert_null(st);
    assert_non_null(strstr(err, "not a database"));
    size_t n = slurp(fx->path, buf, sizeof buf);
    assert_int_equal(n, strlen(text));
    assert_memory_equal(buf, text, n);
}

static void test_foreign_database_refused(void **state)
{
    fixture *fx = *state;
    store *st = NULL;
    char err[256] = "";
    raw_exec(fx->path, "CREATE TABLE contacts (name TEXT)");
    assert_int_equal(store_open(fx->path, &st, err, sizeof err), TH_ERR_STORE);
    assert_null(st);
    assert_non_null(strstr(err, "not a tonghop store"));
    /* Nothing was added to it, and it was not switched to WAL. */
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM sqlite_master"), 1);
    assert_int_equal(raw_int(fx->path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 0);

    raw_exec(fx->path, "DROP TABLE contacts; PRAGMA application_id = 1234");
    assert_int_equal(store_open(fx->path, &st, err, sizeof err), TH_ERR_STORE);
    assert_null(st);
}

static void test_unopenable_path(void **state)
{
    fixture *fx = *state;
    char path[160];
    store *st = NULL;
    char err[256] = "";
    snprintf(path, sizeof path, "%s/no/such/dir/tonghop.db", fx->dir);
    assert_int_equal(store_open(path, &st, err, sizeof err), TH_ERR_IO);
    assert_null(st);
    assert_string_not_equal(err, "");
}

/* Three activities given out of line order, with empty and full cells. */
static void fill_report(report *r, activity *acts)
{
    memset(acts, 0, 3 * sizeof *acts);
    acts[0] = (activity){.line = 5,
                         .category = 1,
                         .content = "Hội thảo \"học tập suốt đời\", lần 2",
                         .from = 19265,
                         .to = 19267,
                         .has_to = true,
                         .form = FORM_BLENDED,
                         .note = "ghi chú"};
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        acts[0].indicators[i] = (i + 1) * 10;
        acts[0].has_indicator[i] = true;
    }
    acts[0].indicators[5] = INT64_C(1000000000000000);
    acts[1] = (activity){.line = 3,
                         .category = 0,
                         .content = "Treo băng rôn",
                         .from = 19264,
                         .to = 19264,
                         .has_to = false,
                         .form = FORM_NONE,
                         .note = ""};
    acts[1].indicators[2] = 12;
    acts[1].has_indicator[2] = true;
    acts[1].indicators[0] = 0;
    acts[1].has_indicator[0] = true;
    acts[2] = (activity){.line = 7,
                         .category = 2,
                         .content = "x",
                         .from = -3,
                         .to = 4,
                         .has_to = true,
                         .form = FORM_ONLINE,
                         .note = "'=1+1"};
    report_init(r);
    r->unit = 0;
    r->activities = acts;
    r->nactivities = 3;
    r->nrows_read = 4;
}

static void fill_findings(finding_list *fl)
{
    finding_list_init(fl);
    assert_int_equal(
        finding_list_add(fl, FC_BAD_DATE, "SGDDT.csv", 4, 4, "Từ ngày", "%s", "31/09/2022"), TH_OK);
    assert_int_equal(finding_list_add(fl, FC_LATE, "SGDDT.csv", 0, 0, NULL, NULL), TH_OK);
    assert_int_equal(finding_list_add(fl, FC_OUTLIER, "SGDDT.csv", 5, 12, "Kinh phí", "%d%%", 900),
                     TH_OK);
}

typedef struct {
    stored_activity got[8];
    size_t n;
    size_t stop_after; /* 0: never */
} collected;

static th_error collect(const stored_activity *a, void *ctx)
{
    collected *c = ctx;
    assert_true(c->n < 8);
    stored_activity *g = &c->got[c->n++];
    *g = *a;
    g->unit_code = strdup(a->unit_code);
    g->category_code = strdup(a->category_code);
    g->content = strdup(a->content);
    g->note = strdup(a->note);
    if (c->stop_after && c->n == c->stop_after)
        return TH_ERR_LIMIT;
    return TH_OK;
}

static void collected_release(collected *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->got[i].unit_code);
        free(c->got[i].category_code);
        free(c->got[i].content);
        free(c->got[i].note);
    }
    c->n = 0;
}

static void check_submission(const submission *got, const submission *want)
{
    assert_int_equal(got->id, want->id);
    assert_string_equal(got->file_name, want->file_name);
    assert_string_equal(got->sha256, want->sha256);
    assert_int_equal(got->received, want->received);
    assert_int_equal(got->imported_at, want->imported_at);
    assert_string_equal(got->unit_code, want->unit_code);
    assert_int_equal(got->state, want->state);
    assert_string_equal(got->encoding, want->encoding);
    assert_int_equal(got->rows_read, want->rows_read);
    assert_int_equal(got->rows_counted, want->rows_counted);
    assert_int_equal(got->rows_rejected, want->rows_rejected);
    assert_int_equal(got->warnings, want->warnings);
}

static void check_activity(const stored_activity *got, const activity *want, int64_t id,
                           const char *category_code)
{
    assert_int_equal(got->submission_id, id);
    assert_int_equal(got->line, want->line);
    assert_string_equal(got->unit_code, "SGDDT");
    assert_string_equal(got->category_code, category_code);
    assert_string_equal(got->content, want->content);
    assert_int_equal(got->from, want->from);
    assert_int_equal(got->to, want->to);
    assert_int_equal(got->has_to, want->has_to);
    assert_int_equal(got->form, want->form);
    for (int i = 0; i < INDICATOR_COUNT; i++) {
        assert_int_equal(got->has_indicator[i], want->has_indicator[i]);
        if (want->has_indicator[i])
            assert_int_equal(got->indicators[i], want->indicators[i]);
    }
    assert_string_equal(got->note, want->note);
}

static void test_roundtrip(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    report r;
    activity acts[3];
    finding_list fl, back;
    fill_report(&r, acts);
    fill_findings(&fl);
    submission sub = make_sub("Báo cáo SGDDT.csv", 'a', 1664500000, "SGDDT", SUBMISSION_ACCEPTED);
    assert_int_equal(store_add_submission(st, &sub, &r, &fx->camp, &fl), TH_OK);
    assert_true(sub.id > 0);

    submission *subs;
    size_t n;
    assert_int_equal(store_list_submissions(st, &subs, &n), TH_OK);
    assert_int_equal(n, 1);
    check_submission(&subs[0], &sub);
    store_submissions_release(subs, n);

    collected c = {0};
    assert_int_equal(store_foreach_activity(st, sub.id, collect, &c), TH_OK);
    assert_int_equal(c.n, 3);
    check_activity(&c.got[0], &acts[1], sub.id, "TUYEN_TRUYEN"); /* line 3 */
    check_activity(&c.got[1], &acts[0], sub.id, "HOI_THAO");     /* line 5 */
    check_activity(&c.got[2], &acts[2], sub.id, "SACH");         /* line 7 */
    collected_release(&c);

    finding_list_init(&back);
    assert_int_equal(store_load_findings(st, sub.id, &back), TH_OK);
    assert_int_equal(back.count, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(back.items[i].code, fl.items[i].code);
        assert_string_equal(back.items[i].file, fl.items[i].file);
        assert_int_equal(back.items[i].row, fl.items[i].row);
        assert_int_equal(back.items[i].column, fl.items[i].column);
        assert_string_equal(back.items[i].column_name, fl.items[i].column_name);
        assert_string_equal(back.items[i].detail, fl.items[i].detail);
    }
    assert_string_equal(back.items[2].detail, "900%");
    assert_string_equal(back.items[1].column_name, "");
    finding_list_release(&back);

    /* An unknown id has nothing. */
    assert_int_equal(store_foreach_activity(st, sub.id + 100, collect, &c), TH_OK);
    assert_int_equal(c.n, 0);
    assert_int_equal(store_load_findings(st, sub.id + 100, &back), TH_OK);
    assert_int_equal(back.count, 0);

    finding_list_release(&fl);
    store_close(st);
}

static void test_empty_submission(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    submission sub = make_sub("rong.csv", 'e', 50, "", SUBMISSION_REJECTED);
    assert_int_equal(store_add_submission(st, &sub, NULL, &fx->camp, NULL), TH_OK);
    bool found = false;
    submission got;
    assert_int_equal(store_find_sha(st, sub.sha256, &found, &got), TH_OK);
    assert_true(found);
    check_submission(&got, &sub);
    submission_release(&got);
    assert_null(got.file_name);
    assert_int_equal(got.id, 0);
    store_close(st);
}

static void test_duplicate_sha_keeps_first(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    submission first = make_sub("a.csv", 'b', 1000, "SGDDT", SUBMISSION_ACCEPTED);
    submission again = make_sub("a (1).csv", 'b', 2000, "SGDDT", SUBMISSION_ACCEPTED);
    bool found = true;
    submission got;
    assert_int_equal(store_find_sha(st, first.sha256, &found, &got), TH_OK);
    assert_false(found);

    assert_int_equal(store_add_submission(st, &first, NULL, &fx->camp, NULL), TH_OK);
    /* Checked under the write lock, so a second run racing the first gets
     * a clear "already there" rather than a constraint error. */
    assert_int_equal(store_add_submission(st, &again, NULL, &fx->camp, NULL), TH_ERR_EXISTS);
    assert_int_equal(again.id, 0);

    assert_int_equal(store_find_sha(st, again.sha256, &found, &got), TH_OK);
    assert_true(found);
    assert_int_equal(got.received, 1000);
    assert_string_equal(got.file_name, "a.csv");
    assert_int_equal(got.id, first.id);
    submission_release(&got);
    store_close(st);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM submission"), 1);
}

static void assert_store_empty(const fixture *fx)
{
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM submission"), 0);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM activity"), 0);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM finding"), 0);
}

static void test_add_is_atomic(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    report r;
    activity acts[3];
    finding_list fl;
    fill_findings(&fl);

    /* Two rows on the same line: the third insert fails. */
    fill_report(&r, acts);
    acts[2].line = 5;
    submission sub = make_sub("a.csv", 'c', 10, "SGDDT", SUBMISSION_ACCEPTED);
    assert_int_equal(store_add_submission(st, &sub, &r, &fx->camp, &fl), TH_ERR_STORE);
    assert_int_equal(sub.id, 0);
    assert_store_empty(fx);

    /* A category outside the campaign, after the first activity. */
    fill_report(&r, acts);
    acts[1].category = 3;
    assert_int_equal(store_add_submission(st, &sub, &r, &fx->camp, &fl), TH_ERR_INTERNAL);
    assert_store_empty(fx);

    /* A finding outside the catalogue, after every activity. */
    fill_report(&r, acts);
    fl.items[2].code = FC_COUNT;
    assert_int_equal(store_add_submission(st, &sub, &r, &fx->camp, &fl), TH_ERR_INTERNAL);
    assert_store_empty(fx);

    /* The store is still usable. */
    fl.items[2].code = FC_OUTLIER;
    assert_int_equal(store_add_submission(st, &sub, &r, &fx->camp, &fl), TH_OK);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM activity"), 3);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM finding"), 3);
    finding_list_release(&fl);
    store_close(st);
}

/* A group of transactions: a file that fails inside it rolls back alone,
 * the files before it stay, and nothing is visible to another connection
 * before the group commits; a group rolled back leaves nothing. */
static void test_group_keeps_files_whole(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    report r;
    activity acts[3];
    finding_list fl;
    fill_findings(&fl);
    fill_report(&r, acts);
    submission a = make_sub("a.csv", 'a', 10, "SGDDT", SUBMISSION_ACCEPTED);
    submission b = make_sub("b.csv", 'b', 20, "SGDDT", SUBMISSION_ACCEPTED);
    submission c = make_sub("c.csv", 'c', 30, "SGDDT", SUBMISSION_ACCEPTED);

    assert_int_equal(store_group_begin(st), TH_OK);
    assert_int_equal(store_add_submission(st, &a, &r, &fx->camp, &fl), TH_OK);
    acts[2].line = 5; /* two rows on one line: b's third insert fails */
    assert_int_equal(store_add_submission(st, &b, &r, &fx->camp, &fl), TH_ERR_STORE);
    fill_report(&r, acts);
    assert_int_equal(store_add_submission(st, &c, &r, &fx->camp, &fl), TH_OK);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM submission"), 0); /* not yet */
    assert_int_equal(store_group_commit(st), TH_OK);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM submission"), 2);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM activity"), 6);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM finding"), 6);

    submission d = make_sub("d.csv", 'd', 40, "SGDDT", SUBMISSION_ACCEPTED);
    assert_int_equal(store_group_begin(st), TH_OK);
    /* No write yet: no lock taken, another run may write meanwhile. */
    raw_exec(fx->path, "BEGIN IMMEDIATE; COMMIT");
    assert_int_equal(store_add_submission(st, &d, &r, &fx->camp, &fl), TH_OK);
    store_group_rollback(st);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM submission"), 2);

    /* Without a group, each file commits by itself again. */
    assert_int_equal(store_add_submission(st, &d, &r, &fx->camp, &fl), TH_OK);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM submission"), 3);
    finding_list_release(&fl);
    store_close(st);
}

static void test_effective_submission(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    submission s[6] = {
        make_sub("1.csv", '1', 100, "HUYEN_A", SUBMISSION_ACCEPTED),
        make_sub("2.csv", '2', 300, "HUYEN_A", SUBMISSION_ACCEPTED),
        make_sub("3.csv", '3', 400, "HUYEN_A", SUBMISSION_REJECTED),
        make_sub("4.csv", '4', 300, "HUYEN_A", SUBMISSION_ACCEPTED),
        make_sub("5.csv", '5', 200, "HUYEN_A", SUBMISSION_ACCEPTED),
        make_sub("6.csv", '6', 500, "HUYEN_B", SUBMISSION_REJECTED),
    };
    for (int i = 0; i < 6; i++)
        assert_int_equal(store_add_submission(st, &s[i], NULL, &fx->camp, NULL), TH_OK);

    int64_t id = -1;
    assert_int_equal(store_effective_submission(st, "HUYEN_A", &id), TH_OK);
    assert_int_equal(id, s[3].id); /* received 300 like s[1], higher id */
    assert_int_equal(store_effective_submission(st, "HUYEN_B", &id), TH_OK);
    assert_int_equal(id, 0);
    assert_int_equal(store_effective_submission(st, "HUYEN_C", &id), TH_OK);
    assert_int_equal(id, 0);

    submission *subs;
    size_t n;
    assert_int_equal(store_list_submissions(st, &subs, &n), TH_OK);
    assert_int_equal(n, 6);
    const int order[6] = {0, 4, 1, 3, 2, 5}; /* by received, then id */
    for (int i = 0; i < 6; i++)
        check_submission(&subs[i], &s[order[i]]);
    store_submissions_release(subs, n);
    store_close(st);
}

/* The schema of user_version 1, as the store of tonghop 0.1 (main before
 * copies were kept) wrote it: a store from then must open and keep its data. */
static const char schema_v1[] =
    "PRAGMA application_id = 1414025040;"
    "CREATE TABLE submission (id INTEGER PRIMARY KEY, file_name TEXT NOT NULL,"
    " sha256 TEXT NOT NULL UNIQUE, received INTEGER NOT NULL, imported_at INTEGER NOT NULL,"
    " unit_code TEXT NOT NULL, state INTEGER NOT NULL CHECK (state IN (0, 1)),"
    " encoding TEXT NOT NULL, rows_read INTEGER NOT NULL, rows_counted INTEGER NOT NULL,"
    " rows_rejected INTEGER NOT NULL, warnings INTEGER NOT NULL);"
    "CREATE INDEX submission_by_unit ON submission (unit_code, state, received);"
    "CREATE TABLE activity (submission_id INTEGER NOT NULL REFERENCES submission (id)"
    " ON DELETE CASCADE, line INTEGER NOT NULL, category_code TEXT NOT NULL,"
    " content TEXT NOT NULL, from_day INTEGER NOT NULL, to_day INTEGER NOT NULL,"
    " has_to INTEGER NOT NULL, form INTEGER NOT NULL, participants INTEGER, sessions INTEGER,"
    " banners INTEGER, articles INTEGER, books INTEGER, budget INTEGER, note TEXT NOT NULL,"
    " PRIMARY KEY (submission_id, line)) WITHOUT ROWID;"
    "CREATE TABLE finding (submission_id INTEGER NOT NULL REFERENCES submission (id)"
    " ON DELETE CASCADE, seq INTEGER NOT NULL, code TEXT NOT NULL, file TEXT NOT NULL,"
    " row INTEGER NOT NULL, col INTEGER NOT NULL, column_name TEXT NOT NULL,"
    " detail TEXT NOT NULL, PRIMARY KEY (submission_id, seq)) WITHOUT ROWID;"
    "PRAGMA user_version = 1;"
    "INSERT INTO submission VALUES (1, 'cu.csv', '" /* sha256 of nothing in particular */
    "1111111111111111111111111111111111111111111111111111111111111111',"
    " 1665000000, 1665000100, 'HUYEN_A', 0, 'UTF-8', 2, 2, 0, 1);"
    "INSERT INTO submission VALUES (2, 'moi.csv', '"
    "2222222222222222222222222222222222222222222222222222222222222222',"
    " 1665100000, 1665100100, 'HUYEN_A', 0, 'UTF-8', 1, 1, 0, 0);"
    "INSERT INTO activity VALUES (1, 2, 'TUYEN_TRUYEN', 'Treo băng rôn', 19266, 19266, 0, 1,"
    " 10, NULL, 5, NULL, NULL, 1000, '');"
    "INSERT INTO activity VALUES (1, 3, 'SACH', 'Trưng bày sách', 19266, 19267, 1, 1,"
    " 20, NULL, NULL, NULL, 300, NULL, 'x');"
    "INSERT INTO activity VALUES (2, 2, 'SACH', 'Sách', 19266, 19266, 0, 0,"
    " 7, NULL, NULL, NULL, NULL, NULL, '');"
    "INSERT INTO finding VALUES (1, 1, 'late', 'cu.csv', 0, 0, '', '26/10/2022');";

static void test_migrates_a_store_of_schema_1(void **state)
{
    fixture *fx = *state;
    raw_exec(fx->path, schema_v1);
    store *st = open_ok(fx);
    store_close(st);
    assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 5);
    st = open_ok(fx);

    /* Its data is all there, read through the new schema. */
    submission *subs;
    size_t n;
    assert_int_equal(store_list_submissions(st, &subs, &n), TH_OK);
    assert_int_equal(n, 2);
    assert_string_equal(subs[0].file_name, "cu.csv");
    assert_int_equal(subs[0].received, 1665000000);
    assert_int_equal(subs[0].rows_counted, 2);
    assert_false(subs[0].has_original); /* stored before copies were kept */
    assert_false(subs[1].has_original);
    assert_false(subs[0].in_effect);
    assert_int_equal(subs[0].superseded_by, 2);
    assert_true(subs[1].in_effect);
    assert_int_equal(subs[1].withdrawn_at, 0);
    assert_null(subs[1].withdraw_reason);
    assert_int_equal(subs[1].supplements, 0);
    store_submissions_release(subs, n);

    collected c = {0};
    assert_int_equal(store_foreach_activity(st, 1, collect, &c), TH_OK);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.got[0].content, "Treo băng rôn");
    assert_int_equal(c.got[1].indicators[4], 300);
    collected_release(&c);
    finding_list fl;
    finding_list_init(&fl);
    assert_int_equal(store_load_findings(st, 1, &fl), TH_OK);
    assert_int_equal(fl.count, 1);
    assert_int_equal(fl.items[0].code, FC_LATE);
    finding_list_release(&fl);

    /* No copy: said so, not an error. */
    bool found = true;
    unsigned char *bytes = (unsigned char *)1;
    size_t nbytes = 9;
    assert_int_equal(store_load_original(st, 1, &found, &bytes, &nbytes), TH_OK);
    assert_false(found);
    assert_null(bytes);
    assert_int_equal(nbytes, 0);

    /* And it takes new submissions, with their copies. */
    submission s = make_sub("moi-nhat.csv", '3', 1665200000, "HUYEN_A", SUBMISSION_ACCEPTED);
    assert_int_equal(store_begin(st), TH_OK);
    assert_int_equal(store_insert_submission(st, &s, (const unsigned char *)"abc", 3), TH_OK);
    assert_int_equal(store_commit(st), TH_OK);
    int64_t id = 0;
    assert_int_equal(store_effective_submission(st, "HUYEN_A", &id), TH_OK);
    assert_int_equal(id, s.id);
    store_close(st);
}

/* Summaries copied out of store_foreach_summary_in_effect (codes are
 * compared during the walk only, so they are kept as fixed strings). */
typedef struct {
    store_summary x[4];
    char codes[4][32];
    size_t n;
} summaries;

static th_error collect_summary(const store_summary *x, void *ctx)
{
    summaries *s = ctx;
    assert_true(s->n < 4);
    s->x[s->n] = *x;
    snprintf(s->codes[s->n], sizeof s->codes[s->n], "%s", x->category_code);
    s->x[s->n].category_code = s->codes[s->n];
    s->x[s->n].unit_code = "";
    s->n++;
    return TH_OK;
}

/* A store of schema 4 (before the import's stat cache) opens, is migrated to
 * 5 and keeps its data, summaries of its activities are computed; the cache
 * then answers only an exact stat. */
static void test_migrates_a_store_of_schema_2(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    submission s = make_sub("a.csv", 'a', 1665000000, "HUYEN_A", SUBMISSION_ACCEPTED);
    assert_int_equal(store_begin(st), TH_OK);
    assert_int_equal(store_insert_submission(st, &s, (const unsigned char *)"abc", 3), TH_OK);
    assert_int_equal(store_commit(st), TH_OK);
    store_close(st);
    /* Schema 4 is schema 5 without its two tables; its activities come
     * without summaries. */
    raw_exec(fx->path,
             "DROP TABLE file_seen; DROP TABLE activity_summary; PRAGMA user_version = 4;"
             "INSERT INTO activity SELECT id, 2, 'SACH', 'a', 19266, 19268, 1, 1, 10, NULL, 5,"
             " NULL, NULL, 1000, '' FROM submission;"
             "INSERT INTO activity SELECT id, 3, 'SACH', 'b', 19265, 0, 0, 1, 7, NULL, NULL,"
             " NULL, NULL, 1, '' FROM submission;"
             "INSERT INTO activity SELECT id, 4, 'HOI_THAO', 'c', 19270, 0, 0, 1, NULL, NULL,"
             " NULL, NULL, NULL, NULL, '' FROM submission;");

    st = open_ok(fx);
    store_close(st);
    assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 5);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM file_seen"), 0);
    st = open_ok(fx);
    bool found = false;
    submission old = {0};
    assert_int_equal(store_find_sha(st, s.sha256, &found, &old), TH_OK);
    assert_true(found);
    assert_true(old.has_original);
    assert_true(old.in_effect);
    submission_release(&old);
    /* The migration summed them. */
    summaries got = {0};
    assert_int_equal(store_foreach_summary_in_effect(st, collect_summary, &got), TH_OK);
    assert_int_equal(got.n, 2);
    const store_summary *sach = &got.x[strcmp(got.x[0].category_code, "SACH") == 0 ? 0 : 1];
    const store_summary *hoi = &got.x[sach == &got.x[0] ? 1 : 0];
    assert_string_equal(sach->category_code, "SACH");
    assert_int_equal(sach->activities, 2);
    assert_true(sach->has[0] && !sach->has[1] && sach->has[2] && !sach->has[3] && sach->has[5]);
    assert_int_equal(sach->sum[0], 17);
    assert_int_equal(sach->sum[2], 5);
    assert_int_equal(sach->sum[5], 1001);
    assert_int_equal(sach->first, 19265);
    assert_int_equal(sach->last, 19268);
    assert_string_equal(hoi->category_code, "HOI_THAO");
    assert_int_equal(hoi->activities, 1);
    for (int i = 0; i < INDICATOR_COUNT; i++)
        assert_false(hoi->has[i]);
    assert_int_equal(hoi->first, 19270);
    assert_int_equal(hoi->last, 19270);

    store_file_stat fs = {1, 2, 3, 4000000001, 5000000002};
    submission seen = {0};
    bool hit = true;
    assert_int_equal(store_seen_lookup(st, "/in/a.csv", &fs, &hit, &seen), TH_OK);
    assert_false(hit);
    assert_int_equal(store_begin(st), TH_OK);
    assert_int_equal(store_seen_put(st, "/in/a.csv", &fs, s.sha256), TH_OK);
    /* a record of content the store does not hold is no hit */
    assert_int_equal(store_seen_put(st, "/in/c.csv", &fs, "c0ffee"), TH_OK);
    assert_int_equal(store_commit(st), TH_OK);
    assert_int_equal(store_seen_lookup(st, "/in/a.csv", &fs, &hit, &seen), TH_OK);
    assert_true(hit);
    assert_int_equal(seen.id, s.id);
    assert_string_equal(seen.sha256, s.sha256);
    assert_string_equal(seen.file_name, "a.csv");
    assert_true(seen.has_original);
    submission_release(&seen);
    assert_int_equal(store_seen_lookup(st, "/in/c.csv", &fs, &hit, &seen), TH_OK);
    assert_false(hit);
    /* Any field different: not the same file as far as the cache knows. */
    for (int i = 0; i < 5; i++) {
        store_file_stat other = fs;
        int64_t *field[] = {&other.device, &other.inode, &other.size, &other.mtime_ns,
                            &other.ctime_ns};
        (*field[i])++;
        assert_int_equal(store_seen_lookup(st, "/in/a.csv", &other, &hit, &seen), TH_OK);
        assert_false(hit);
    }
    assert_int_equal(store_seen_lookup(st, "/in/b.csv", &fs, &hit, &seen), TH_OK);
    assert_false(hit);
    /* A path recorded again replaces its record. */
    fs.size = 9;
    assert_int_equal(store_begin(st), TH_OK);
    assert_int_equal(store_seen_put(st, "/in/a.csv", &fs, s.sha256), TH_OK);
    assert_int_equal(store_commit(st), TH_OK);
    store_close(st);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM file_seen"), 2);
    assert_int_equal(raw_int(fx->path, "SELECT size FROM file_seen WHERE path = '/in/a.csv'"), 9);
}

static void test_original_roundtrip(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    /* A report-like text with a NUL and high bytes, repeated: compressible. */
    static const char pattern[] = "LOCNINH,THU_VIEN,Trưng bày sách\r\n\0\xff";
    static unsigned char text[20000];
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = (unsigned char)pattern[i % sizeof pattern];
    submission sub = make_sub("Báo cáo gốc.csv", 'o', 1666000000, "", SUBMISSION_REJECTED);
    assert_int_equal(store_begin(st), TH_OK);
    assert_int_equal(store_insert_submission(st, &sub, text, sizeof text), TH_OK);
    assert_int_equal(store_commit(st), TH_OK);

    bool found = false;
    unsigned char *back = NULL;
    size_t n = 0;
    assert_int_equal(store_load_original(st, sub.id, &found, &back, &n), TH_OK);
    assert_true(found);
    assert_int_equal(n, sizeof text);
    assert_memory_equal(back, text, n);
    assert_int_equal(back[n], 0);
    free(back);
    submission got;
    assert_int_equal(store_find_id(st, sub.id, &found, &got), TH_OK);
    assert_true(found);
    assert_true(got.has_original);
    submission_release(&got);
    store_close(st);
    assert_true(raw_int(fx->path, "SELECT length(data) FROM original") < 2000);
    assert_int_equal(raw_int(fx->path, "SELECT received FROM original"), 1666000000);
    assert_int_equal(raw_int(fx->path, "SELECT name = 'Báo cáo gốc.csv' FROM original"), 1);

    /* A damaged copy is an error, not garbage. */
    raw_exec(fx->path, "UPDATE original SET data = x'789c0000'");
    st = open_ok(fx);
    assert_int_equal(store_load_original(st, sub.id, &found, &back, &n), TH_ERR_STORE);
    assert_false(found);
    assert_null(back);
    store_close(st);
}

/* Reads submission id back from the ledger. */
static submission ledger(store *st, int64_t id)
{
    submission got = {0};
    bool found = false;
    assert_int_equal(store_find_id(st, id, &found, &got), TH_OK);
    assert_true(found);
    return got;
}

static int64_t effective(store *st, const char *unit_code)
{
    int64_t id = -1;
    assert_int_equal(store_effective_submission(st, unit_code, &id), TH_OK);
    return id;
}

static void test_withdraw_brings_back_the_previous(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    submission a = make_sub("a.csv", 'a', 100, "HUYEN_A", SUBMISSION_ACCEPTED);
    submission b = make_sub("b.csv", 'b', 200, "HUYEN_A", SUBMISSION_ACCEPTED);
    assert_int_equal(store_add_submission(st, &a, NULL, &fx->camp, NULL), TH_OK);
    assert_int_equal(store_add_submission(st, &b, NULL, &fx->camp, NULL), TH_OK);
    assert_int_equal(effective(st, "HUYEN_A"), b.id);
    submission got = ledger(st, a.id);
    assert_int_equal(got.superseded_by, b.id);
    submission_release(&got);

    assert_int_equal(store_begin(st), TH_OK);
    assert_int_equal(store_withdraw(st, b.id, 5000, "gửi nhầm"), TH_OK);
    store_event ev = {.submission_id = b.id,
                      .at = 5000,
                      .kind = STORE_EVENT_WITHDRAW,
                      .other_id = a.id,
                      .before = {0, 3, 0, 200},
                      .after = {0, 3, 0, 200},
                      .change = "0 1 -2 0 0 0",
                      .reason = "gửi nhầm"};
    assert_int_equal(store_add_event(st, &ev), TH_OK);
    assert_int_equal(store_commit(st), TH_OK);

    assert_int_equal(effective(st, "HUYEN_A"), a.id);
    got = ledger(st, b.id);
    assert_int_equal(got.withdrawn_at, 5000);
    assert_string_equal(got.withdraw_reason, "gửi nhầm");
    assert_false(got.in_effect);
    submission_release(&got);
    got = ledger(st, a.id);
    assert_true(got.in_effect);
    assert_int_equal(got.superseded_by, 0);
    submission_release(&got);

    /* Once only; nothing is deleted. */
    assert_int_equal(store_begin(st), TH_OK);
    assert_int_equal(store_withdraw(st, b.id, 6000, "again"), TH_ERR_EXISTS);
    store_rollback(st);
    store_event *events;
    size_t n;
    assert_int_equal(store_list_events(st, b.id, &events, &n), TH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(events[0].kind, STORE_EVENT_WITHDRAW);
    assert_int_equal(events[0].other_id, a.id);
    assert_int_equal(events[0].before.received, 200);
    assert_string_equal(events[0].change, "0 1 -2 0 0 0");
    assert_string_equal(events[0].lost, "");
    assert_string_equal(events[0].reason, "gửi nhầm");
    store_events_release(events, n);

    /* Filed again as a supplement of a: in effect with it. */
    assert_int_equal(store_begin(st), TH_OK);
    assert_int_equal(store_refile_as_supplement(st, b.id, a.id), TH_OK);
    assert_int_equal(store_refile_as_supplement(st, b.id, a.id), TH_ERR_INTERNAL);
    store_rollback(st);
    assert_int_equal(store_begin(st), TH_OK);
    assert_int_equal(store_refile_as_supplement(st, b.id, a.id), TH_OK);
    assert_int_equal(store_commit(st), TH_OK);
    got = ledger(st, b.id);
    assert_true(got.in_effect);
    assert_int_equal(got.supplements, a.id);
    assert_int_equal(got.withdrawn_at, 0);
    submission_release(&got);
    assert_int_equal(effective(st, "HUYEN_A"), a.id);
    assert_int_equal(store_begin(st), TH_OK);
    assert_int_equal(store_withdraw(st, b.id, 6500, "lại"), TH_OK);
    assert_int_equal(store_commit(st), TH_OK);
    store_close(st);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM submission"), 2);

    /* Withdrawing the last one leaves nothing in effect. */
    st = open_ok(fx);
    assert_int_equal(store_begin(st), TH_OK);
    assert_int_equal(store_withdraw(st, a.id, 7000, "x"), TH_OK);
    assert_int_equal(store_commit(st), TH_OK);
    assert_int_equal(effective(st, "HUYEN_A"), 0);
    store_close(st);
}

static void test_supplement_joins_its_base(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    report r;
    activity acts[3];
    fill_report(&r, acts);
    submission base = make_sub("phan1.csv", '1', 100, "HUYEN_A", SUBMISSION_ACCEPTED);
    assert_int_equal(store_add_submission(st, &base, &r, &fx->camp, NULL), TH_OK);
    report one = r;
    one.nactivities = 1; /* line 5 */
    submission part = make_sub("phan2.csv", '2', 150, "HUYEN_A", SUBMISSION_ACCEPTED);
    part.supplements = base.id;
    assert_int_equal(store_add_submission(st, &part, &one, &fx->camp, NULL), TH_OK);

    /* The base stays the base; the rows in effect are both files'. */
    assert_int_equal(effective(st, "HUYEN_A"), base.id);
    collected c = {0};
    assert_int_equal(store_foreach_activity_in_effect(st, "HUYEN_A", collect, &c), TH_OK);
    assert_int_equal(c.n, 4);
    assert_int_equal(c.got[0].submission_id, base.id);
    assert_int_equal(c.got[3].submission_id, part.id);
    assert_int_equal(c.got[3].line, 5);
    collected_release(&c);
    submission got = ledger(st, part.id);
    assert_true(got.in_effect);
    assert_int_equal(got.supplements, base.id);
    submission_release(&got);

    /* A newer full report replaces both. */
    submission full = make_sub("day-du.csv", '3', 300, "HUYEN_A", SUBMISSION_ACCEPTED);
    assert_int_equal(store_add_submission(st, &full, &one, &fx->camp, NULL), TH_OK);
    assert_int_equal(store_foreach_activity_in_effect(st, "HUYEN_A", collect, &c), TH_OK);
    assert_int_equal(c.n, 1);
    assert_int_equal(c.got[0].submission_id, full.id);
    collected_release(&c);
    got = ledger(st, part.id);
    assert_false(got.in_effect);
    assert_int_equal(got.superseded_by, full.id);
    submission_release(&got);

    /* Withdrawn, the full report gives the base and its supplement back. */
    assert_int_equal(store_begin(st), TH_OK);
    assert_int_equal(store_withdraw(st, full.id, 900, "nhầm"), TH_OK);
    assert_int_equal(store_commit(st), TH_OK);
    assert_int_equal(store_foreach_activity_in_effect(st, "HUYEN_A", collect, &c), TH_OK);
    assert_int_equal(c.n, 4);
    collected_release(&c);
    store_close(st);
}

static void test_outcome_replaced(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    report r;
    activity acts[3];
    fill_report(&r, acts);
    finding_list fl;
    fill_findings(&fl);
    submission sub = make_sub("x.csv", 'x', 100, "", SUBMISSION_REJECTED);
    assert_int_equal(store_add_submission(st, &sub, NULL, &fx->camp, &fl), TH_OK);
    assert_int_equal(effective(st, "HUYEN_A"), 0);

    /* Validated again: accepted for HUYEN_A, with its rows and one finding. */
    sub.state = SUBMISSION_ACCEPTED;
    sub.unit_code = "HUYEN_A";
    sub.received = 90;
    finding_list one;
    finding_list_init(&one);
    assert_int_equal(finding_list_add(&one, FC_LATE, "x.csv", 0, 0, NULL, NULL), TH_OK);
    assert_int_equal(store_begin(st), TH_OK);
    assert_int_equal(store_put_activities(st, sub.id, &r, &fx->camp), TH_OK);
    assert_int_equal(store_put_outcome(st, &sub, &one), TH_OK);
    assert_int_equal(store_commit(st), TH_OK);
    assert_int_equal(effective(st, "HUYEN_A"), sub.id);
    submission got = ledger(st, sub.id);
    check_submission(&got, &sub);
    submission_release(&got);
    finding_list back;
    finding_list_init(&back);
    assert_int_equal(store_load_findings(st, sub.id, &back), TH_OK);
    assert_int_equal(back.count, 1);
    finding_list_release(&back);
    finding_list_release(&one);
    finding_list_release(&fl);
    store_close(st);
}

static void test_locked_by_another_run(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    sqlite3 *other;
    assert_int_equal(sqlite3_open(fx->path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);

    store_set_busy_timeout(st, 50);
    submission sub = make_sub("a.csv", 'd', 10, "SGDDT", SUBMISSION_ACCEPTED);
    assert_int_equal(store_add_submission(st, &sub, NULL, &fx->camp, NULL), TH_ERR_LOCKED);
    assert_int_equal(sub.id, 0);
    assert_non_null(strstr(store_errmsg(st), "locked"));

    /* Readers are not blocked by the writer (WAL). */
    int64_t id = -1;
    assert_int_equal(store_effective_submission(st, "SGDDT", &id), TH_OK);
    assert_int_equal(id, 0);

    assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(other);
    assert_int_equal(store_add_submission(st, &sub, NULL, &fx->camp, NULL), TH_OK);
    assert_true(sub.id > 0);
    store_close(st);
}

static void test_foreach_stops_on_error(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    report r;
    activity acts[3];
    fill_report(&r, acts);
    submission sub = make_sub("a.csv", 'f', 10, "SGDDT", SUBMISSION_ACCEPTED);
    assert_int_equal(store_add_submission(st, &sub, &r, &fx->camp, NULL), TH_OK);

    collected c = {.stop_after = 2};
    assert_int_equal(store_foreach_activity(st, sub.id, collect, &c), TH_ERR_LIMIT);
    assert_int_equal(c.n, 2);
    collected_release(&c);

    /* The walk was reset: a new one sees every row again. */
    c.stop_after = 0;
    assert_int_equal(store_foreach_activity(st, sub.id, collect, &c), TH_OK);
    assert_int_equal(c.n, 3);
    assert_int_equal(c.got[0].line, 3);
    collected_release(&c);
    store_close(st);
}

static void test_unknown_finding_code_skipped(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    finding_list fl;
    fill_findings(&fl);
    submission sub = make_sub("a.csv", '9', 10, "SGDDT", SUBMISSION_ACCEPTED);
    assert_int_equal(store_add_submission(st, &sub, NULL, &fx->camp, &fl), TH_OK);
    finding_list_release(&fl);
    store_close(st);

    raw_exec(fx->path, "UPDATE finding SET code = 'from-the-future' WHERE seq = 2");
    st = open_ok(fx);
    finding_list_init(&fl);
    assert_int_equal(store_load_findings(st, sub.id, &fl), TH_OK);
    assert_int_equal(fl.count, 2);
    assert_int_equal(fl.items[0].code, FC_BAD_DATE);
    assert_int_equal(fl.items[1].code, FC_OUTLIER);
    finding_list_release(&fl);
    store_close(st);
}

/* A reminder is remembered per unit and state, and survives a reopen. */
static void test_reminders(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    bool sent = true;
    int64_t when = 0;
    assert_int_equal(store_reminder_sent(st, "LOCNINH", "missing", &sent, &when), TH_OK);
    assert_false(sent);
    assert_int_equal(store_reminder_record(st, "LOCNINH", "missing", 1666000000), TH_OK);
    store_close(st);
    st = open_ok(fx);
    assert_int_equal(store_reminder_sent(st, "LOCNINH", "missing", &sent, &when), TH_OK);
    assert_true(sent);
    assert_int_equal(when, 1666000000);
    assert_int_equal(store_reminder_sent(st, "LOCNINH", "owes THU_VIEN", &sent, NULL), TH_OK);
    assert_false(sent);
    assert_int_equal(store_reminder_sent(st, "BUDANG", "missing", &sent, NULL), TH_OK);
    assert_false(sent);
    /* sent again (--again): the time is the latest */
    assert_int_equal(store_reminder_record(st, "LOCNINH", "missing", 1666100000), TH_OK);
    assert_int_equal(store_reminder_sent(st, "LOCNINH", "missing", &sent, &when), TH_OK);
    assert_int_equal(when, 1666100000);
    store_close(st);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM reminder"), 1);
}

/* A store of schema 2 (before the findings' sheet and the reminders) is
 * migrated on open and keeps its submissions. */
static void test_migrates_schema_2(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    submission sub = make_sub("rong.csv", 'e', 50, "", SUBMISSION_REJECTED);
    assert_int_equal(store_add_submission(st, &sub, NULL, &fx->camp, NULL), TH_OK);
    store_close(st);
    raw_exec(fx->path, "DROP TABLE reminder; ALTER TABLE finding DROP COLUMN sheet;"
                       " DROP TABLE file_seen; DROP TABLE activity_summary;"
                       " PRAGMA user_version = 2");
    st = open_ok(fx);
    store_close(st);
    assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 5);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM submission"), 1);
    assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM reminder"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_creates_and_reopens, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_schema_refused_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_garbage_file_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_database_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unopenable_path, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_submission, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_sha_keeps_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_is_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_group_keeps_files_whole, setup, teardown),
        cmocka_unit_test_setup_teardown(test_effective_submission, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrates_a_store_of_schema_1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrates_a_store_of_schema_2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_original_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_withdraw_brings_back_the_previous, setup, teardown),
        cmocka_unit_test_setup_teardown(test_supplement_joins_its_base, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outcome_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locked_by_another_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreach_stops_on_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_finding_code_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reminders, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrates_schema_2, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
