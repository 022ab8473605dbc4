/*
 * test_changes.c - what a resubmission changed (changes.c) and the run's
 * record (run_state.c), on a real store filled by hand, against the
 * shipped 2022 campaign.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "changes.h"
#include "run_state.h"
#include "store.h"
#include "test_support.h"

typedef test_store_fixture fixture;

static int setup(void **state)
{
    test_i18n(LANG_VI); /* the changes file is worded in Vietnamese */
    return test_store_setup(state, "test_changes");
}

static int teardown(void **state)
{
    return test_store_teardown(state);
}

/* One row: category, content, day of October, participants (-1: none). */
typedef struct {
    const char *category, *content;
    int day;
    int64_t people;
} row;

/* Stores a submission of LOCNINH with rows[0..n), line = index + 2. */
static int64_t add(fixture *x, const row *rows, size_t n)
{
    report r;
    report_init(&r);
    for (size_t i = 0; i < n; i++) {
        activity a = {.line = i + 2, .content = strdup(rows[i].content), .note = strdup("")};
        a.category = (size_t)campaign_find_category(&x->c, rows[i].category);
        a.from = a.to = field_civil_day(2022, 10, rows[i].day);
        a.indicators[0] = rows[i].people < 0 ? 0 : rows[i].people;
        a.has_indicator[0] = rows[i].people >= 0;
        r.activities = realloc(r.activities, (r.nactivities + 1) * sizeof *r.activities);
        r.activities[r.nactivities++] = a;
    }
    submission s = {0};
    s.file_name = strdup("f.csv");
    s.unit_code = strdup("LOCNINH");
    snprintf(s.sha256, sizeof s.sha256, "%064d", ++x->seq);
    s.received = 1666000000 + x->seq;
    snprintf(s.encoding, sizeof s.encoding, "UTF-8");
    s.rows_counted = r.nactivities;
    finding_list f;
    finding_list_init(&f);
    assert_int_equal(store_add_submission(x->st, &s, &r, &x->c, &f), TH_OK);
    int64_t id = s.id;
    submission_release(&s);
    report_release(&r);
    return id;
}

/* Kept, changed, added and removed rows; a row moved is no change. */
static void matches_rows(void **state)
{
    fixture *x = *state;
    const row before[] = {{"KE_HOACH", "Kế hoạch", 1, -1},
                          {"KHAI_MAC", "Khai mạc", 1, 380},
                          {"KIEM_TRA", "Kiểm tra", 5, 16},
                          {"TUYEN_TRUYEN", "Băng rôn", 2, 10}};
    const row after[] = {{"TUYEN_TRUYEN", "Băng rôn", 2, 10}, /* moved */
                         {"KE_HOACH", "Kế hoạch", 1, -1},
                         {"KHAI_MAC", "Khai mạc", 1, 400}, /* changed */
                         {"THU_VIEN", "Thư viện", 3, 50},  /* added */
                         {"THU_VIEN", "Thư viện", 3, 50}}; /* added, the same again */
    int64_t a = add(x, before, 4), b = add(x, after, 5);
    changes ch;
    assert_int_equal(changes_compute(x->st, a, b, &ch), TH_OK);
    assert_int_equal(ch.rows_before, 4);
    assert_int_equal(ch.rows_after, 5);
    assert_int_equal(changes_count(&ch, CHANGE_ADDED), 2);
    assert_int_equal(changes_count(&ch, CHANGE_REMOVED), 1);
    assert_int_equal(changes_count(&ch, CHANGE_CHANGED), 1);
    assert_int_equal(ch.before[0], 406);
    assert_int_equal(ch.after[0], 510);
    /* ordered by line: the change (line 4), then the row removed from old
     * line 4 (a line's new rows first), then the two added (5, 6) */
    assert_int_equal(ch.items[0].kind, CHANGE_CHANGED);
    assert_int_equal(ch.items[0].new_line, 4);
    assert_int_equal(ch.items[0].old_line, 3);
    assert_int_equal(ch.items[0].before[0], 380);
    assert_int_equal(ch.items[0].after[0], 400);
    assert_int_equal(ch.items[1].kind, CHANGE_REMOVED);
    assert_string_equal(ch.items[1].category_code, "KIEM_TRA");
    assert_int_equal(ch.items[2].kind, CHANGE_ADDED);
    assert_int_equal(ch.items[3].kind, CHANGE_ADDED);

    strbuf text;
    strbuf_init(&text);
    changes_format(&ch, &x->c, LANG_VI, &text);
    assert_false(text.failed);
    assert_non_null(strstr(text.buf, "Số dòng được tính: 4 → 5 (thêm 2, bỏ 1, sửa 1)\n"));
    assert_non_null(strstr(text.buf, "  Số người tham gia: 406 → 510  (thay đổi)\n"));
    assert_non_null(strstr(text.buf, "~ sửa, dòng 4 (dòng 3 cũ): Lễ khai mạc Tuần lễ «Khai mạc» "
                                     "(01/10/2022); Số người tham gia 380 → 400\n"));
    assert_non_null(strstr(text.buf, "- bỏ, dòng 4 cũ: Kiểm tra, đánh giá «Kiểm tra»"));
    strbuf_reset(&text);
    changes_format_totals(&ch, LANG_EN, &text);
    assert_string_equal(text.buf, "Participants 406 → 510");
    strbuf_release(&text);
    changes_release(&ch);

    /* the same rows: nothing changed */
    int64_t c = add(x, after, 5);
    assert_int_equal(changes_compute(x->st, b, c, &ch), TH_OK);
    assert_int_equal(ch.count, 0);
    assert_memory_equal(ch.before, ch.after, sizeof ch.before);
    changes_release(&ch);
}

/* The record round-trips; a damaged one counts as none; the fingerprint
 * follows the campaign folder and the submissions. */
static void run_state_roundtrip(void **state)
{
    (void)state;
    char dir[64], err[512];
    snprintf(dir, sizeof dir, "/tmp/test_run_state_%d", (int)getpid());
    mkdir(dir, 0700);
    run_state_unit units[] = {{"LOCNINH", 1, 7}, {"BUDANG", 0, 0}};
    run_state st = {.present = true,
                    .as_of = 1666600000,
                    .last_id = 9,
                    .workbook = "TongHop_x.xlsx",
                    .units = units,
                    .nunits = 2};
    memset(st.fingerprint, 'a', 64);
    assert_int_equal(run_state_save(dir, &st, err, sizeof err), TH_OK);
    run_state got;
    assert_int_equal(run_state_load(dir, &got), TH_OK);
    assert_true(got.present);
    assert_string_equal(got.fingerprint, st.fingerprint);
    assert_int_equal(got.as_of, 1666600000);
    assert_int_equal(got.last_id, 9);
    assert_string_equal(got.workbook, "TongHop_x.xlsx");
    assert_int_equal(got.nunits, 2);
    const run_state_unit *u = run_state_find(&got, "LOCNINH");
    assert_non_null(u);
    assert_int_equal(u->status, 1);
    assert_int_equal(u->effective_id, 7);
    assert_null(run_state_find(&got, "X"));
    run_state_release(&got);

    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, RUN_STATE_FILE);
    FILE *f = fopen(path, "w");
    fputs("tonghop-run 1\nfingerprint short\n", f);
    fclose(f);
    assert_int_equal(run_state_load(dir, &got), TH_OK);
    assert_false(got.present);
    run_state_release(&got);
    unlink(path);
    assert_int_equal(run_state_load(dir, &got), TH_OK);
    assert_false(got.present);
    run_state_release(&got);

    /* a campaign folder of one file: its content and the ledger count */
    char camp[96], file[128], h1[65], h2[65], h3[65];
    snprintf(camp, sizeof camp, "%s/camp", dir);
    mkdir(camp, 0700);
    snprintf(file, sizeof file, "%s/campaign.csv", camp);
    f = fopen(file, "w");
    fputs("key,value\n", f);
    fclose(f);
    submission subs[1] = {{.id = 1, .file_name = "a.csv", .unit_code = "LOCNINH"}};
    assert_int_equal(run_state_fingerprint(camp, subs, 1, h1, err, sizeof err), TH_OK);
    assert_int_equal(run_state_fingerprint(camp, subs, 1, h2, err, sizeof err), TH_OK);
    assert_string_equal(h1, h2);
    subs[0].state = SUBMISSION_REJECTED;
    assert_int_equal(run_state_fingerprint(camp, subs, 1, h3, err, sizeof err), TH_OK);
    assert_string_not_equal(h1, h3);
    f = fopen(file, "a");
    fputs("code,x\n", f);
    fclose(f);
    assert_int_equal(run_state_fingerprint(camp, subs, 0, h2, err, sizeof err), TH_OK);
    assert_string_not_equal(h2, h3);
    assert_int_equal(run_state_fingerprint("/nonexistent/x", subs, 0, h2, err, sizeof err),
                     TH_ERR_CONFIG);
    unlink(file);
    rmdir(camp);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(matches_rows, setup, teardown),
        cmocka_unit_test(run_state_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
