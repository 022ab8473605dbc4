/*
 * test_field.c - unit tests for field.c: counts written the Vietnamese way,
 * day-first dates, local times and UTC offsets, each form with its exact
 * expected value, and the error every malformed form must give.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "field.h"

#define NBSP "\xC2\xA0"
#define NNBSP "\xE2\x80\xAF"
#define MINUS "\xE2\x88\x92"

/* ---- helpers ------------------------------------------------------------ */

struct count_case {
    const char *text;
    field_status status;
    int64_t value; /* only when status is FIELD_OK */
};

static void check_counts(const struct count_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int64_t v = -777;
        field_status st = field_parse_count(cases[i].text, &v);
        if (st != cases[i].status || (st == FIELD_OK && v != cases[i].value))
            fail_msg("count \"%s\": got status %d value %lld, want %d value %lld", cases[i].text,
                     st, (long long)v, cases[i].status, (long long)cases[i].value);
        if (st != FIELD_OK && v != -777)
            fail_msg("count \"%s\": *out written on failure", cases[i].text);
    }
}

struct date_case {
    const char *text;
    field_status status;
    int y, m, d; /* only when status is FIELD_OK */
};

static void check_dates(const struct date_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        civil_day day = -12345;
        field_status st = field_parse_date(cases[i].text, &day);
        civil_day want = field_civil_day(cases[i].y, cases[i].m, cases[i].d);
        if (st != cases[i].status || (st == FIELD_OK && day != want))
            fail_msg("date \"%s\": got status %d day %d, want %d day %d", cases[i].text, st,
                     (int)day, cases[i].status, (int)want);
    }
}

struct time_case {
    const char *text;
    int offset;
    field_status status;
    int64_t epoch; /* only when status is FIELD_OK */
};

static void check_times(const struct time_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int64_t t = -1;
        field_status st = field_parse_time(cases[i].text, cases[i].offset, &t);
        if (st != cases[i].status || (st == FIELD_OK && t != cases[i].epoch))
            fail_msg("time \"%s\" (%+d): got status %d epoch %lld, want %d epoch %lld",
                     cases[i].text, cases[i].offset, st, (long long)t, cases[i].status,
                     (long long)cases[i].epoch);
    }
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- counts ------------------------------------------------------------- */

static void test_count_plain_and_grouped(void **state)
{
    (void)state;
    static const struct count_case cases[] = {
        {"0", FIELD_OK, 0},
        {"5", FIELD_OK, 5},
        {"1200", FIELD_OK, 1200},
        {"1.200", FIELD_OK, 1200},
        {"1,200", FIELD_OK, 1200},
        {"1 200", FIELD_OK, 1200},
        {"1" NBSP "200", FIELD_OK, 1200},
        {"1" NNBSP "200", FIELD_OK, 1200},
        {"1.200.000", FIELD_OK, 1200000},
        {"1,200,000", FIELD_OK, 1200000},
        {"1 200 000", FIELD_OK, 1200000},
        {"1" NBSP "200" NBSP "000", FIELD_OK, 1200000},
        {"12.345.678", FIELD_OK, 12345678},
        {"123.456", FIELD_OK, 123456},
        {"1.000", FIELD_OK, 1000},
        {"007", FIELD_OK, 7},
        {"000", FIELD_OK, 0},
        {"0000000000000000000000000042", FIELD_OK, 42},
        {"+5", FIELD_OK, 5},
        {"+1.200", FIELD_OK, 1200},
        {"-0", FIELD_OK, 0},
    };
    check_counts(cases, N(cases));
}

static void test_count_surrounding_space(void **state)
{
    (void)state;
    static const struct count_case cases[] = {
        {"  1200  ", FIELD_OK, 1200},
        {"\t1.200\r\n", FIELD_OK, 1200},
        {NBSP "1 200" NBSP, FIELD_OK, 1200},
        {NNBSP NBSP " 42 " NNBSP, FIELD_OK, 42},
        {"", FIELD_EMPTY, 0},
        {"   ", FIELD_EMPTY, 0},
        {"\t \r\n", FIELD_EMPTY, 0},
        {NBSP NNBSP, FIELD_EMPTY, 0},
    };
    check_counts(cases, N(cases));
}

static void test_count_fraction(void **state)
{
    (void)state;
    static const struct count_case cases[] = {
        {"1,5", FIELD_FRACTION, 0},          {"12.5", FIELD_FRACTION, 0},
        {"0,5", FIELD_FRACTION, 0},          {"1.2345", FIELD_FRACTION, 0},
        {"1.20", FIELD_FRACTION, 0},         {"5,00", FIELD_FRACTION, 0},
        {"1.200,5", FIELD_FRACTION, 0},      {"1 200,5", FIELD_FRACTION, 0},
        {"1,200.75", FIELD_FRACTION, 0},     {"1200.000", FIELD_FRACTION, 0},
        {"1.200.000,25", FIELD_FRACTION, 0}, {"1,200.000", FIELD_FRACTION, 0},
    };
    check_counts(cases, N(cases));
}

static void test_count_negative(void **state)
{
    (void)state;
    static const struct count_case cases[] = {
        {"-3", FIELD_NEGATIVE, 0},      {"- 3", FIELD_NEGATIVE, 0},
        {MINUS "3", FIELD_NEGATIVE, 0}, {MINUS " 3", FIELD_NEGATIVE, 0},
        {"-1.200", FIELD_NEGATIVE, 0},  {" -1 200 ", FIELD_NEGATIVE, 0},
        {"-1,5", FIELD_NEGATIVE, 0},    {"-99999999999999999999", FIELD_NEGATIVE, 0},
    };
    check_counts(cases, N(cases));
}

static void test_count_bad(void **state)
{
    (void)state;
    static const struct count_case cases[] = {
        {"abc", FIELD_BAD, 0},       {"12a", FIELD_BAD, 0},
        {"a12", FIELD_BAD, 0},       {"1..200", FIELD_BAD, 0},
        {"1 20", FIELD_BAD, 0},      {"1e3", FIELD_BAD, 0},
        {"1.200 000", FIELD_BAD, 0}, {"1,200.000.5", FIELD_BAD, 0},
        {"1,200,5", FIELD_BAD, 0},   {"1  200", FIELD_BAD, 0},
        {"1.", FIELD_BAD, 0},        {".5", FIELD_BAD, 0},
        {",", FIELD_BAD, 0},         {"-", FIELD_BAD, 0},
        {"+", FIELD_BAD, 0},         {"--3", FIELD_BAD, 0},
        {"+-3", FIELD_BAD, 0},       {"1\t200", FIELD_BAD, 0},
        {"1_200", FIELD_BAD, 0},     {"0x10", FIELD_BAD, 0},
        {"1.2.3", FIELD_BAD, 0},     {"1234.567.890", FIELD_BAD, 0},
        {"1 2345", FIELD_BAD, 0},    {"1'200", FIELD_BAD, 0},
        {"\xC2", FIELD_BAD, 0},      {"1\xE2\x80", FIELD_BAD, 0},
        {"3-", FIELD_BAD, 0},
    };
    check_counts(cases, N(cases));
}

static void test_count_limit(void **state)
{
    (void)state;
    static const struct count_case cases[] = {
        {"1000000000000000", FIELD_OK, 1000000000000000LL},
        {"999999999999999", FIELD_OK, 999999999999999LL},
        {"1.000.000.000.000.000", FIELD_OK, 1000000000000000LL},
        {"1000000000000001", FIELD_TOO_BIG, 0},
        {"1.000.000.000.000.001", FIELD_TOO_BIG, 0},
        {"9223372036854775807", FIELD_TOO_BIG, 0},
        {"9223372036854775808", FIELD_TOO_BIG, 0},
        {"18446744073709551617", FIELD_TOO_BIG, 0},
        {"99999999999999999999999", FIELD_TOO_BIG, 0},
        {"999 999 999 999 999 999 999 999", FIELD_TOO_BIG, 0},
    };
    check_counts(cases, N(cases));
}

/* A number longer than any buffer must be measured without overflow. */
static void test_count_very_long(void **state)
{
    (void)state;
    enum { LEN = 100000 };
    static char buf[LEN + 1];
    int64_t v = -1;

    memset(buf, '9', LEN);
    buf[LEN] = '\0';
    assert_int_equal(field_parse_count(buf, &v), FIELD_TOO_BIG);
    memset(buf, '0', LEN);
    buf[LEN - 1] = '8';
    assert_int_equal(field_parse_count(buf, &v), FIELD_OK);
    assert_int_equal(v, 8);
}

/* ---- civil days --------------------------------------------------------- */

static void test_civil_day_known(void **state)
{
    (void)state;
    assert_int_equal(field_civil_day(1970, 1, 1), 0);
    assert_int_equal(field_civil_day(1969, 12, 31), -1);
    assert_int_equal(field_civil_day(1970, 1, 2), 1);
    assert_int_equal(field_civil_day(2022, 10, 1), 19266);
    assert_int_equal(field_civil_day(2022, 10, 25), 19290);
    assert_int_equal(field_civil_day(2024, 2, 29), 19782);
    assert_int_equal(field_civil_day(2000, 3, 1), 11017);
    assert_int_equal(field_civil_day(1900, 1, 1), -25567);
    assert_int_equal(field_civil_day(2200, 12, 31), 84370);
    assert_int_equal(field_civil_day(0, 3, 1), -719468);
}

static void test_civil_split_known(void **state)
{
    (void)state;
    int y, m, d;

    field_civil_split(-1, &y, &m, &d);
    assert_int_equal(y, 1969);
    assert_int_equal(m, 12);
    assert_int_equal(d, 31);
    field_civil_split(0, &y, &m, &d);
    assert_int_equal(y, 1970);
    assert_int_equal(m, 1);
    assert_int_equal(d, 1);
    field_civil_split(19782, &y, &m, &d);
    assert_int_equal(y, 2024);
    assert_int_equal(m, 2);
    assert_int_equal(d, 29);
    field_civil_split(-25567, &y, &m, &d);
    assert_int_equal(y, 1900);
    assert_int_equal(m, 1);
    assert_int_equal(d, 1);
}

static int month_length(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : len[m - 1];
}

/* Walks the calendar day by day from 1600-01-01 to 2400-12-31, checking both
 * directions against a naive count that shares no code with field.c. */
static void test_civil_round_trip(void **state)
{
    (void)state;
    int y = 1600, m = 1, d = 1;
    civil_day day = field_civil_day(1600, 1, 1);

    assert_int_equal(day, -135140);
    while (y <= 2400) {
        int sy, sm, sd;
        if (field_civil_day(y, m, d) != day)
            fail_msg("civil_day(%d-%d-%d) != %d", y, m, d, (int)day);
        field_civil_split(day, &sy, &sm, &sd);
        if (sy != y || sm != m || sd != d)
            fail_msg("split(%d) = %d-%d-%d, want %d-%d-%d", (int)day, sy, sm, sd, y, m, d);
        day++;
        if (++d > month_length(y, m)) {
            d = 1;
            if (++m > 12) {
                m = 1;
                y++;
            }
        }
    }
}

/* Far from today the algorithms must still invert each other. */
static void test_civil_round_trip_far(void **state)
{
    (void)state;
    for (civil_day day = -2000000000; day < 2000000000; day += 9999991) {
        int y, m, d;
        field_civil_split(day, &y, &m, &d);
        assert_true(m >= 1 && m <= 12 && d >= 1 && d <= 31);
        if (field_civil_day(y, m, d) != day)
            fail_msg("round trip of %d via %d-%d-%d", (int)day, y, m, d);
    }
}

/* ---- dates -------------------------------------------------------------- */

static void test_date_forms(void **state)
{
    (void)state;
    static const struct date_case cases[] = {
        {"01/10/2022", FIELD_OK, 2022, 10, 1},
        {"1/10/2022", FIELD_OK, 2022, 10, 1},
        {"01-10-2022", FIELD_OK, 2022, 10, 1},
        {"01.10.2022", FIELD_OK, 2022, 10, 1},
        {"1.10.2022", FIELD_OK, 2022, 10, 1},
        {"1/2/2022", FIELD_OK, 2022, 2, 1},
        {"2022-10-01", FIELD_OK, 2022, 10, 1},
        {"2022-1-5", FIELD_OK, 2022, 1, 5},
        {"12/10/2022", FIELD_OK, 2022, 10, 12}, /* never month first */
        {"07/10/2022", FIELD_OK, 2022, 10, 7},
        {"01/10/2022 ", FIELD_OK, 2022, 10, 1},
        {"  01/10/2022\r\n", FIELD_OK, 2022, 10, 1},
        {NBSP "01/10/2022" NNBSP, FIELD_OK, 2022, 10, 1},
        {"01/10/2022 08:30", FIELD_OK, 2022, 10, 1},
        {"01/10/2022  8:30:59", FIELD_OK, 2022, 10, 1},
        {"2022-10-01 00:00:00", FIELD_OK, 2022, 10, 1},
        {"2022-10-01T23:59", FIELD_OK, 2022, 10, 1},
        {"29/02/2024", FIELD_OK, 2024, 2, 29},
        {"29/02/2000", FIELD_OK, 2000, 2, 29},
        {"31/12/2022", FIELD_OK, 2022, 12, 31},
        {"01/01/1900", FIELD_OK, 1900, 1, 1},
        {"31/12/2200", FIELD_OK, 2200, 12, 31},
        {"31/12/1969", FIELD_OK, 1969, 12, 31},
    };
    check_dates(cases, N(cases));
}

static void test_date_errors(void **state)
{
    (void)state;
    static const struct date_case cases[] = {
        {"", FIELD_EMPTY, 0, 0, 0},
        {"   ", FIELD_EMPTY, 0, 0, 0},
        {"01/10/22", FIELD_SHORT_YEAR, 0, 0, 0},
        {"1-10-22", FIELD_SHORT_YEAR, 0, 0, 0},
        {"31/09/22", FIELD_SHORT_YEAR, 0, 0, 0},
        {"31/09/2022", FIELD_NO_SUCH_DAY, 0, 0, 0},
        {"29/02/2023", FIELD_NO_SUCH_DAY, 0, 0, 0},
        {"29/02/1900", FIELD_NO_SUCH_DAY, 0, 0, 0},
        {"00/10/2022", FIELD_NO_SUCH_DAY, 0, 0, 0},
        {"01/13/2022", FIELD_NO_SUCH_DAY, 0, 0, 0},
        {"01/00/2022", FIELD_NO_SUCH_DAY, 0, 0, 0},
        {"32/01/2022", FIELD_NO_SUCH_DAY, 0, 0, 0},
        {"2022-02-30", FIELD_NO_SUCH_DAY, 0, 0, 0},
        {"2022-13-01", FIELD_NO_SUCH_DAY, 0, 0, 0},
        {"01/10-2022", FIELD_BAD, 0, 0, 0},
        {"2022-10/01", FIELD_BAD, 0, 0, 0},
        {"01/10/1899", FIELD_BAD, 0, 0, 0},
        {"01/01/2201", FIELD_BAD, 0, 0, 0},
        {"01/10/0022", FIELD_BAD, 0, 0, 0},
        {"44835", FIELD_BAD, 0, 0, 0},
        {"44835.5", FIELD_BAD, 0, 0, 0},
        {"abc", FIELD_BAD, 0, 0, 0},
        {"01/10/2022abc", FIELD_BAD, 0, 0, 0},
        {"01/10/2022 25:00", FIELD_BAD, 0, 0, 0},
        {"01/10/2022 08:60", FIELD_BAD, 0, 0, 0},
        {"01/10/2022 08:30:60", FIELD_BAD, 0, 0, 0},
        {"01/10/2022 08", FIELD_BAD, 0, 0, 0},
        {"01/10/2022 8:3", FIELD_BAD, 0, 0, 0},
        {"01/10/2022T", FIELD_BAD, 0, 0, 0},
        {"01/10/2022 08:30 ", FIELD_OK, 2022, 10, 1},
        {"001/10/2022", FIELD_BAD, 0, 0, 0},
        {"01/010/2022", FIELD_BAD, 0, 0, 0},
        {"01/10/202", FIELD_BAD, 0, 0, 0},
        {"01/10/20222", FIELD_BAD, 0, 0, 0},
        {"01/10/2", FIELD_BAD, 0, 0, 0},
        {"01/10/", FIELD_BAD, 0, 0, 0},
        {"01/10", FIELD_BAD, 0, 0, 0},
        {"/10/2022", FIELD_BAD, 0, 0, 0},
        {"2022-10-001", FIELD_BAD, 0, 0, 0},
        {"20221-10-01", FIELD_BAD, 0, 0, 0},
        {"01 10 2022", FIELD_BAD, 0, 0, 0},
        {"01/10/99999999999999999999", FIELD_BAD, 0, 0, 0},
        {"Oct 1, 2022", FIELD_BAD, 0, 0, 0},
    };
    check_dates(cases, N(cases));
}

static void test_format_date(void **state)
{
    (void)state;
    char buf[11];

    field_format_date(field_civil_day(2022, 10, 1), buf, sizeof buf);
    assert_string_equal(buf, "01/10/2022");
    field_format_date(field_civil_day(2024, 2, 29), buf, sizeof buf);
    assert_string_equal(buf, "29/02/2024");
    field_format_date(-1, buf, sizeof buf);
    assert_string_equal(buf, "31/12/1969");
    field_format_date(0, buf, sizeof buf);
    assert_string_equal(buf, "01/01/1970");
    field_format_date(field_civil_day(1900, 1, 1), buf, sizeof buf);
    assert_string_equal(buf, "01/01/1900");

    char small[6];
    field_format_date(0, small, sizeof small); /* truncated, still terminated */
    assert_string_equal(small, "01/01");
}

/* Every valid date of 1900..2200 survives format then parse. */
static void test_format_parse_round_trip(void **state)
{
    (void)state;
    civil_day first = field_civil_day(1900, 1, 1), last = field_civil_day(2200, 12, 31);
    char buf[16];

    for (civil_day day = first; day <= last; day++) {
        civil_day back = -1;
        field_format_date(day, buf, sizeof buf);
        if (field_parse_date(buf, &back) != FIELD_OK || back != day)
            fail_msg("\"%s\" did not parse back to %d", buf, (int)day);
    }
}

/* ---- times -------------------------------------------------------------- */

static void test_time_forms(void **state)
{
    (void)state;
    static const struct time_case cases[] = {
        {"2022-10-25", 420, FIELD_OK, 1666630800},
        {"2022-10-25T00:00", 420, FIELD_OK, 1666630800},
        {"2022-10-25 00:00:00", 420, FIELD_OK, 1666630800},
        {"25/10/2022", 420, FIELD_OK, 1666630800},
        {"2022-10-25T08:30", 420, FIELD_OK, 1666661400},
        {"2022-10-25 08:30", 420, FIELD_OK, 1666661400},
        {"2022-10-25T08:30:15", 420, FIELD_OK, 1666661415},
        {"25/10/2022 08:30", 420, FIELD_OK, 1666661400},
        {"25/10/2022 8:30", 420, FIELD_OK, 1666661400},
        {" 25/10/2022 8:30 ", 420, FIELD_OK, 1666661400},
        {"2022-10-25T23:59:59", 420, FIELD_OK, 1666717199},
        {"2022-10-25", 0, FIELD_OK, 1666656000},
        {"2022-10-25T08:30", -210, FIELD_OK, 1666699200},
        {"1970-01-01", 0, FIELD_OK, 0},
        {"1970-01-01", 420, FIELD_OK, -25200},
        {"31/12/1969 23:59:59", 0, FIELD_OK, -1},
        {"01/01/1900", 0, FIELD_OK, -2208988800LL},
    };
    check_times(cases, N(cases));
}

static void test_time_errors(void **state)
{
    (void)state;
    static const struct time_case cases[] = {
        {"", 420, FIELD_EMPTY, 0},
        {"  ", 420, FIELD_EMPTY, 0},
        {"2022-10-25T24:00", 420, FIELD_BAD, 0},
        {"2022-10-25T08:60", 420, FIELD_BAD, 0},
        {"2022-10-25T08:30:60", 420, FIELD_BAD, 0},
        {"2022-10-25T8", 420, FIELD_BAD, 0},
        {"2022-10-25X08:30", 420, FIELD_BAD, 0},
        {"2022-10-25T08:30Z", 420, FIELD_BAD, 0},
        {"25/10/22", 420, FIELD_SHORT_YEAR, 0},
        {"25/10/22 08:30", 420, FIELD_SHORT_YEAR, 0},
        {"31/09/2022", 420, FIELD_NO_SUCH_DAY, 0},
        {"2023-02-29T10:00", 420, FIELD_NO_SUCH_DAY, 0},
        {"now", 420, FIELD_BAD, 0},
        {"1666630800", 420, FIELD_BAD, 0},
    };
    check_times(cases, N(cases));
}

static void test_format_time(void **state)
{
    (void)state;
    char buf[17];

    field_format_time(1666630800, 420, buf, sizeof buf);
    assert_string_equal(buf, "25/10/2022 00:00");
    field_format_time(1666661415, 420, buf, sizeof buf);
    assert_string_equal(buf, "25/10/2022 08:30");
    field_format_time(1666630799, 420, buf, sizeof buf);
    assert_string_equal(buf, "24/10/2022 23:59");
    field_format_time(0, 0, buf, sizeof buf);
    assert_string_equal(buf, "01/01/1970 00:00");
    field_format_time(-1, 0, buf, sizeof buf);
    assert_string_equal(buf, "31/12/1969 23:59");
    field_format_time(-25200, 420, buf, sizeof buf);
    assert_string_equal(buf, "01/01/1970 00:00");
    field_format_time(1666699200, -210, buf, sizeof buf);
    assert_string_equal(buf, "25/10/2022 08:30");

    /* Absurd instants are written, not undefined behaviour. */
    char wide[40];
    field_format_time(INT64_MAX, 840, wide, sizeof wide);
    assert_true(strlen(wide) > 0);
    field_format_time(INT64_MIN, -840, wide, sizeof wide);
    assert_true(strlen(wide) > 0);
}

static void test_format_iso_time(void **state)
{
    (void)state;
    char buf[32];

    field_format_iso_time(1666661415, 420, buf, sizeof buf);
    assert_string_equal(buf, "2022-10-25T08:30:15+07:00");
    field_format_iso_time(1666699200, -210, buf, sizeof buf);
    assert_string_equal(buf, "2022-10-25T08:30:00-03:30");
    field_format_iso_time(0, 0, buf, sizeof buf);
    assert_string_equal(buf, "1970-01-01T00:00:00+00:00");
}

/* Parsing what was formatted gives back the instant, to the minute. */
static void test_time_round_trip(void **state)
{
    (void)state;
    char buf[17];
    const int offsets[] = {420, 0, -210, 840, -840};

    for (size_t k = 0; k < N(offsets); k++) {
        for (int64_t t = -2208988800LL + 86400; t < 7258118400LL; t += 3600 * 997 + 60 * 13 + 17) {
            int64_t back = 0;
            field_format_time(t, offsets[k], buf, sizeof buf);
            if (field_parse_time(buf, offsets[k], &back) != FIELD_OK ||
                back != t - (t % 60 + 60) % 60)
                fail_msg("\"%s\" (%+d) did not parse back to %lld", buf, offsets[k], (long long)t);
        }
    }
}

/* ---- UTC offsets -------------------------------------------------------- */

static void test_utc_offset(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        field_status status;
        int minutes;
    } cases[] = {
        {"+07:00", FIELD_OK, 420},    {"+0700", FIELD_OK, 420},
        {"+7", FIELD_OK, 420},        {"7", FIELD_OK, 420},
        {"07", FIELD_OK, 420},        {"UTC+7", FIELD_OK, 420},
        {"UTC+07:00", FIELD_OK, 420}, {"utc+7", FIELD_OK, 420},
        {"GMT+7", FIELD_OK, 420},     {"UTC +7", FIELD_OK, 420},
        {" +07:00 ", FIELD_OK, 420},  {"-03:30", FIELD_OK, -210},
        {"-0330", FIELD_OK, -210},    {MINUS "3:30", FIELD_OK, -210},
        {"+05:45", FIELD_OK, 345},    {"+00:00", FIELD_OK, 0},
        {"-00:00", FIELD_OK, 0},      {"Z", FIELD_OK, 0},
        {"z", FIELD_OK, 0},           {"UTC", FIELD_OK, 0},
        {"+14:00", FIELD_OK, 840},    {"-14:00", FIELD_OK, -840},
        {"+1400", FIELD_OK, 840},     {"+14:01", FIELD_BAD, 0},
        {"-14:30", FIELD_BAD, 0},     {"+15", FIELD_BAD, 0},
        {"+07:60", FIELD_BAD, 0},     {"+7:5", FIELD_BAD, 0},
        {"+700", FIELD_BAD, 0},       {"+07:00:00", FIELD_BAD, 0},
        {"", FIELD_BAD, 0},           {"+", FIELD_BAD, 0},
        {"UTC+", FIELD_BAD, 0},       {"ICT", FIELD_BAD, 0},
        {"+07h", FIELD_BAD, 0},       {"Asia/Ho_Chi_Minh", FIELD_BAD, 0},
        {"++7", FIELD_BAD, 0},        {"+99999999999", FIELD_BAD, 0},
    };

    for (size_t i = 0; i < N(cases); i++) {
        int m = 12345;
        field_status st = field_parse_utc_offset(cases[i].text, &m);
        if (st != cases[i].status || (st == FIELD_OK && m != cases[i].minutes))
            fail_msg("offset \"%s\": got status %d minutes %d, want %d minutes %d", cases[i].text,
                     st, m, cases[i].status, cases[i].minutes);
    }
}

static void test_local_split(void **state)
{
    (void)state;
    int64_t day;
    int secs;
    field_local_split(1666630800, 420, &day, &secs); /* 2022-10-25 00:00 +07 */
    assert_int_equal(day, field_civil_day(2022, 10, 25));
    assert_int_equal(secs, 0);
    field_local_split(1666630799, 420, &day, &secs); /* one second before */
    assert_int_equal(day, field_civil_day(2022, 10, 24));
    assert_int_equal(secs, 86399);
    field_local_split(-1, 0, &day, &secs); /* floor before 1970, not truncation */
    assert_int_equal(day, -1);
    assert_int_equal(secs, 86399);
    field_local_split(INT64_MAX, 420, &day, &secs); /* saturates, no overflow */
    assert_int_equal(day, INT64_MAX / 86400);
    assert_true(secs >= 0 && secs < 86400);
    field_local_split(INT64_MIN, -720, &day, &secs);
    assert_true(secs >= 0 && secs < 86400);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_plain_and_grouped),
        cmocka_unit_test(test_count_surrounding_space),
        cmocka_unit_test(test_count_fraction),
        cmocka_unit_test(test_count_negative),
        cmocka_unit_test(test_count_bad),
        cmocka_unit_test(test_count_limit),
        cmocka_unit_test(test_count_very_long),
        cmocka_unit_test(test_civil_day_known),
        cmocka_unit_test(test_civil_split_known),
        cmocka_unit_test(test_civil_round_trip),
        cmocka_unit_test(test_civil_round_trip_far),
        cmocka_unit_test(test_date_forms),
        cmocka_unit_test(test_date_errors),
        cmocka_unit_test(test_format_date),
        cmocka_unit_test(test_format_parse_round_trip),
        cmocka_unit_test(test_time_forms),
        cmocka_unit_test(test_time_errors),
        cmocka_unit_test(test_format_time),
        cmocka_unit_test(test_format_iso_time),
        cmocka_unit_test(test_local_split),
        cmocka_unit_test(test_time_round_trip),
        cmocka_unit_test(test_utc_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
