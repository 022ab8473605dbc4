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
    assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 2);
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
    assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 2);
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

/* A store of the first schema (before reminders) is migrated on open and
 * keeps its submissions. */
static void test_migrates_first_schema(void **state)
{
    fixture *fx = *state;
    store *st = open_ok(fx);
    submission sub = make_sub("rong.csv", 'e', 50, "", SUBMISSION_REJECTED);
    assert_int_equal(store_add_submission(st, &sub, NULL, &fx->camp, NULL), TH_OK);
    store_close(st);
    raw_exec(fx->path, "DROP TABLE reminder; PRAGMA user_version = 1");
    st = open_ok(fx);
    store_close(st);
    assert_int_equal(raw_int(fx->path, "PRAGMA user_version"), 2);
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
        cmocka_unit_test_setup_teardown(test_effective_submission, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locked_by_another_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreach_stops_on_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_finding_code_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reminders, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrates_first_schema, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
