/*
 * test_consolidate.c - the deadline rule and the category coverage, on a
 * real store filled by hand, against the shipped 2022 campaign.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "consolidate.h"
#include "store.h"
#include "test_support.h"

typedef test_store_fixture fixture;

static int setup(void **state)
{
    test_i18n(LANG_VI); /* the labels are checked in Vietnamese */
    return test_store_setup(state, "test_consolidate");
}

static int teardown(void **state)
{
    return test_store_teardown(state);
}

/* Stores a submission of unit with one activity per category code given
 * (NULL-terminated), received at `received`. */
static void add(fixture *x, const char *unit_code, int64_t received, submission_state state, ...)
{
    report r;
    report_init(&r);
    va_list ap;
    va_start(ap, state);
    for (const char *code = va_arg(ap, const char *); code; code = va_arg(ap, const char *)) {
        activity a = {.line = r.nactivities + 2, .content = strdup("x"), .note = strdup("")};
        a.category = (size_t)campaign_find_category(&x->c, code);
        a.from = a.to = field_civil_day(2022, 10, 1);
        a.indicators[0] = 10;
        a.has_indicator[0] = true;
        r.activities = realloc(r.activities, (r.nactivities + 1) * sizeof *r.activities);
        r.activities[r.nactivities++] = a;
    }
    va_end(ap);
    submission s = {0};
    s.file_name = strdup("f.csv");
    s.unit_code = strdup(unit_code);
    snprintf(s.sha256, sizeof s.sha256, "%064d", ++x->seq);
    s.received = received;
    s.state = state;
    snprintf(s.encoding, sizeof s.encoding, "UTF-8");
    s.rows_counted = r.nactivities;
    s.supplements = x->supplements;
    if (state == SUBMISSION_REJECTED)
        report_release(&r);
    finding_list f;
    finding_list_init(&f);
    assert_int_equal(store_add_submission(x->st, &s, &r, &x->c, &f), TH_OK);
    submission_release(&s);
    report_release(&r);
}

/* Stores one accepted report of unit with n activities of category code
 * whose participants are value(first + i) for i in 0..n-1. */
static void add_values(fixture *x, const char *unit_code, const char *code, size_t first, size_t n,
                       int64_t (*value)(size_t))
{
    report r;
    report_init(&r);
    r.activities = calloc(n, sizeof *r.activities);
    assert_non_null(r.activities);
    for (size_t i = 0; i < n; i++) {
        activity a = {.line = i + 2, .content = strdup("x"), .note = strdup("")};
        a.category = (size_t)campaign_find_category(&x->c, code);
        a.from = a.to = field_civil_day(2022, 10, 1);
        a.indicators[0] = value(first + i);
        a.has_indicator[0] = true;
        r.activities[r.nactivities++] = a;
    }
    submission s = {0};
    s.file_name = strdup("v.csv");
    s.unit_code = strdup(unit_code);
    snprintf(s.sha256, sizeof s.sha256, "%064d", ++x->seq);
    s.received = x->c.late_from - 60;
    snprintf(s.encoding, sizeof s.encoding, "UTF-8");
    s.rows_counted = n;
    finding_list f;
    finding_list_init(&f);
    assert_int_equal(store_add_submission(x->st, &s, &r, &x->c, &f), TH_OK);
    submission_release(&s);
    report_release(&r);
}

/* 0, 1, 2, ... scrambled (a permutation of 0..n-1 for n a power of two
 * up to 2^15), so that the store's order is not the values' order. */
static int64_t scrambled(size_t i)
{
    return (int64_t)((i * 9973u) % 32768u);
}

static const unit_status *status_of(fixture *x, unit_status *all, const char *code)
{
    long u = campaign_find_unit(&x->c, code);
    assert_true(u >= 0);
    return &all[u];
}

static void the_deadline_rule(void **state)
{
    fixture *x = *state;
    int64_t before = x->c.late_from - 60, after = x->c.late_from + 60;
    add(x, "SNV", before, SUBMISSION_ACCEPTED, "TUYEN_TRUYEN", (char *)NULL);
    add(x, "SYT", x->c.late_from, SUBMISSION_ACCEPTED, "TUYEN_TRUYEN", (char *)NULL);
    add(x, "BUDANG", before - 3600, SUBMISSION_ACCEPTED, "TUYEN_TRUYEN", (char *)NULL);
    add(x, "BUDANG", after, SUBMISSION_ACCEPTED, "TUYEN_TRUYEN", "KHAI_MAC", (char *)NULL);
    add(x, "SCT", before - 7200, SUBMISSION_ACCEPTED, "TUYEN_TRUYEN", (char *)NULL);
    add(x, "SCT", before, SUBMISSION_ACCEPTED, "TUYEN_TRUYEN", "CAN_BO_HOC_TAP", (char *)NULL);
    add(x, "STC", before, SUBMISSION_REJECTED, (char *)NULL);
    add(x, "SXD", before, SUBMISSION_REJECTED, (char *)NULL);
    add(x, "SXD", after, SUBMISSION_ACCEPTED, "TUYEN_TRUYEN", (char *)NULL);

    unit_status *all = NULL;
    assert_int_equal(consolidate_status(x->st, &x->c, &all), TH_OK);
    assert_int_equal(status_of(x, all, "SNV")->status, DEADLINE_ON_TIME);
    assert_int_equal(status_of(x, all, "SYT")->status, DEADLINE_LATE); /* at late_from: late */
    assert_int_equal(status_of(x, all, "BUDANG")->status, DEADLINE_ON_TIME_AMENDED_LATE);
    assert_int_equal(status_of(x, all, "SCT")->status, DEADLINE_ON_TIME); /* amended in time */
    assert_int_equal(status_of(x, all, "STC")->status, DEADLINE_MISSING); /* rejected only */
    assert_int_equal(status_of(x, all, "STC")->submissions, 1);
    assert_int_equal(status_of(x, all, "SXD")->status, DEADLINE_LATE);
    assert_int_equal(status_of(x, all, "SXD")->first_received, after);
    assert_int_equal(status_of(x, all, "HCCB")->status, DEADLINE_MISSING);
    assert_int_equal(status_of(x, all, "HCCB")->effective_id, 0);

    /* Coverage is judged on the submission in effect (the latest). */
    const unit_status *bd = status_of(x, all, "BUDANG");
    assert_int_equal(bd->required, 6);
    assert_int_equal(bd->covered, 2);
    assert_int_equal(bd->activities, 2);
    assert_int_equal(bd->first_received, before - 3600);
    assert_int_equal(bd->effective_received, after);
    const unit_status *sct = status_of(x, all, "SCT");
    assert_int_equal(sct->covered, 2);
    assert_int_equal(sct->required, 3);
    long cb = campaign_find_category(&x->c, "CAN_BO_HOC_TAP");
    assert_true(sct->has_category[cb]);
    assert_string_equal(consolidate_deadline_label(bd->status, LANG_VI),
                        "Đúng hạn, bổ sung sau hạn");
    assert_string_equal(consolidate_deadline_label(DEADLINE_LATE, LANG_EN), "Late");
    consolidate_status_release(all, x->c.nunits);
}

/* Up to LIMIT_OUTLIER_SAMPLE_MAX values the median is exact; past it, it
 * is the median of a uniform sample: close to the true one, the same on
 * every run, and memory bounded. */
static void typical_values_from_a_bounded_sample(void **state)
{
    fixture *x = *state;
    long tt = campaign_find_category(&x->c, "TUYEN_TRUYEN");
    long km = campaign_find_category(&x->c, "KHAI_MAC");
    int64_t *typical = NULL;
    add_values(x, "SNV", "TUYEN_TRUYEN", 0, 8191, scrambled); /* values of 32768 / 9973 ... */
    add_values(x, "SYT", "KHAI_MAC", 0, 32768, scrambled);    /* 0 .. 32767 */
    assert_int_equal(consolidate_typical(x->st, &x->c, &typical), TH_OK);
    /* exact: the median of the 8191 values, computed here by counting */
    int64_t below = 0, median = typical[tt * INDICATOR_COUNT];
    for (size_t i = 0; i < 8191; i++)
        below += scrambled(i) < median;
    assert_int_equal(below, 4095);
    int64_t sampled = typical[km * INDICATOR_COUNT];
    assert_true(sampled > 16384 - 1000 && sampled < 16384 + 1000);
    free(typical);
    assert_int_equal(consolidate_typical(x->st, &x->c, &typical), TH_OK);
    assert_int_equal(typical[km * INDICATOR_COUNT], sampled);
    free(typical);
}

/* Past LIMIT_OUTLIER_SAMPLE_ROWS activities in effect, whole reports are
 * read in a fixed order until that many: still close, still repeatable. */
static void typical_values_from_some_reports(void **state)
{
    fixture *x = *state;
    long tt = campaign_find_category(&x->c, "TUYEN_TRUYEN");
    const char *units[] = {"SNV", "SYT", "SCT", "STC", "SXD", "STP", "SGDDT", "SNNPTNT"};
    size_t per = LIMIT_OUTLIER_SAMPLE_ROWS / 6; /* 8 reports: a third more than the budget */
    for (size_t u = 0; u < 8; u++)
        add_values(x, units[u], "TUYEN_TRUYEN", u * per, per, scrambled);
    int64_t *typical = NULL;
    assert_int_equal(consolidate_typical(x->st, &x->c, &typical), TH_OK);
    int64_t sampled = typical[tt * INDICATOR_COUNT];
    free(typical);
    /* the values are 0 .. 32767 about four times over: the median 16384 */
    assert_true(sampled > 16384 - 1000 && sampled < 16384 + 1000);
    assert_int_equal(consolidate_typical(x->st, &x->c, &typical), TH_OK);
    assert_int_equal(typical[tt * INDICATOR_COUNT], sampled);
    free(typical);
}

static void typical_values_need_a_sample(void **state)
{
    fixture *x = *state;
    int64_t when = x->c.late_from - 86400;
    const char *units[] = {"SNV", "SYT", "SCT", "SXD", "STC"};
    int64_t *typical = NULL;
    for (int i = 0; i < 4; i++)
        add(x, units[i], when, SUBMISSION_ACCEPTED, "TUYEN_TRUYEN", (char *)NULL);
    assert_int_equal(consolidate_typical(x->st, &x->c, &typical), TH_OK);
    long tt = campaign_find_category(&x->c, "TUYEN_TRUYEN");
    assert_int_equal(typical[tt * INDICATOR_COUNT], 0); /* 4 values: too few */
    free(typical);
    add(x, units[4], when, SUBMISSION_ACCEPTED, "TUYEN_TRUYEN", (char *)NULL);
    assert_int_equal(consolidate_typical(x->st, &x->c, &typical), TH_OK);
    assert_int_equal(typical[tt * INDICATOR_COUNT], 10);
    assert_int_equal(typical[tt * INDICATOR_COUNT + 1], 0); /* no sessions given */
    free(typical);
}

/* The ledger: each submission's unit and state, what replaced it and how
 * the totals changed.  The state is the store's (its rule of the report in
 * effect), which consolidate_status reads too. */
static void the_ledger(void **state)
{
    fixture *x = *state;
    int64_t t = x->c.late_from - 86400;
    add(x, "BUDANG", t, SUBMISSION_ACCEPTED, "TUYEN_TRUYEN", (char *)NULL);
    add(x, "SXD", t + 60, SUBMISSION_REJECTED, (char *)NULL);
    add(x, "NOWHERE", t + 120, SUBMISSION_ACCEPTED, "TUYEN_TRUYEN", (char *)NULL);
    add(x, "BUDANG", t + 180, SUBMISSION_ACCEPTED, "TUYEN_TRUYEN", "KHAI_MAC", "KE_HOACH",
        (char *)NULL);
    /* a later full report, withdrawn: BUDANG's base stays the fourth */
    add(x, "BUDANG", t + 240, SUBMISSION_ACCEPTED, "TUYEN_TRUYEN", (char *)NULL);
    assert_int_equal(store_begin(x->st), TH_OK);
    assert_int_equal(store_withdraw(x->st, 5, t + 250, "gửi nhầm"), TH_OK);
    assert_int_equal(store_commit(x->st), TH_OK);
    /* a supplement of the fourth: counted with it */
    x->supplements = 4;
    add(x, "BUDANG", t + 300, SUBMISSION_ACCEPTED, "KIEM_TRA", (char *)NULL);
    x->supplements = 0;
    unit_status *all = NULL;
    submission *subs = NULL;
    size_t n = 0;
    ledger_entry *e = NULL;
    assert_int_equal(consolidate_status(x->st, &x->c, &all), TH_OK);
    assert_int_equal(store_list_submissions(x->st, &subs, &n), TH_OK);
    assert_int_equal(n, 6);
    assert_int_equal(consolidate_ledger(x->st, &x->c, subs, n, &e), TH_OK);
    long bd = campaign_find_unit(&x->c, "BUDANG");
    assert_int_equal(e[0].unit, bd);
    assert_int_equal(e[0].state, LEDGER_REPLACED);
    assert_int_equal(e[0].replaced_by, 3);
    assert_int_equal(e[0].rows_change, 2);
    assert_int_equal(e[0].change[0], 20); /* two more activities of 10 participants */
    assert_int_equal(e[1].state, LEDGER_REJECTED);
    assert_int_equal(e[1].replaced_by, n);
    assert_int_equal(e[2].state, LEDGER_UNKNOWN_UNIT);
    assert_int_equal(e[2].unit, -1);
    assert_int_equal(e[3].state, LEDGER_IN_EFFECT);
    assert_int_equal(subs[3].id, all[bd].effective_id);
    assert_int_equal(e[4].state, LEDGER_WITHDRAWN);
    assert_int_equal(e[4].replaced_by, n);
    assert_string_equal(subs[4].withdraw_reason, "gửi nhầm");
    assert_int_equal(e[5].state, LEDGER_SUPPLEMENT);
    assert_int_equal(e[5].unit, bd);
    assert_int_equal(all[bd].activities, 4); /* the base's three and the supplement's one */
    assert_string_equal(consolidate_ledger_label(LEDGER_WITHDRAWN, LANG_VI), "Đã rút lại");
    assert_string_equal(consolidate_ledger_label(LEDGER_IN_EFFECT, LANG_VI), "Đang có hiệu lực");
    assert_string_equal(consolidate_ledger_label(LEDGER_REJECTED, LANG_EN), "Rejected");
    free(e);
    store_submissions_release(subs, n);
    consolidate_status_release(all, x->c.nunits);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_deadline_rule, setup, teardown),
        cmocka_unit_test_setup_teardown(typical_values_need_a_sample, setup, teardown),
        cmocka_unit_test_setup_teardown(the_ledger, setup, teardown),
        cmocka_unit_test_setup_teardown(typical_values_from_a_bounded_sample, setup, teardown),
        cmocka_unit_test_setup_teardown(typical_values_from_some_reports, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
