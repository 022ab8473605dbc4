/*
 * field.c - turns the text of a report cell into a count, a calendar day or
 * an instant, the way Vietnamese clerks and Excel write them: thousands
 * grouped with '.', ',' or spaces, dates always day first.
 *
 * Invariant: every parser reads only its argument and never overflows, however
 * long or hostile the text; no locale is consulted.
 */
#include "field.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "th_limits.h"

#define SECONDS_PER_DAY 86400

/* ---- white space and separators ---------------------------------------- */

/* Length of the white space character at s, or 0.  Besides ASCII space this
 * knows U+00A0 and U+202F, which Excel and Word put between digit groups. */
static size_t space_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    if (*u == ' ' || (*u >= '\t' && *u <= '\r'))
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
        return 3;
    return 0;
}

/* Sets *begin and *end to the text of s without surrounding white space. */
static void trim(const char *s, const char **begin, const char **end)
{
    const char *p = s;
    size_t n;
    while ((n = space_len(p)) > 0)
        p += n;
    const char *e = p;
    /* Scan forward so that multi-byte spaces are never split from behind. */
    for (const char *q = p; *q;) {
        n = space_len(q);
        if (n == 0) {
            q++;
            e = q;
        } else {
            q += n;
        }
    }
    *begin = p;
    *end = e;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length of a minus sign at p (ASCII '-' or U+2212), or 0. */
static size_t minus_len(const char *p, const char *end)
{
    if (p < end && *p == '-')
        return 1;
    /* cppcheck-suppress knownConditionTrueFalse ; p < end with *p != '-' */
    if (end - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x88 &&
        (unsigned char)p[2] == 0x92)
        return 3;
    return 0;
}

/* ---- counts ------------------------------------------------------------- */

/* Separators that may stand between digit groups. */
typedef enum { SEP_NONE, SEP_DOT, SEP_COMMA, SEP_SPACE, SEP_NBSP, SEP_NNBSP } group_sep;

static group_sep read_sep(const char *p, const char *end, size_t *len)
{
    *len = 1;
    if (*p == '.')
        return SEP_DOT;
    if (*p == ',')
        return SEP_COMMA;
    if (*p == ' ')
        return SEP_SPACE;
    *len = space_len(p);
    if (p + *len > end)
        return SEP_NONE;
    if (*len == 2)
        return SEP_NBSP;
    if (*len == 3)
        return SEP_NNBSP;
    return SEP_NONE;
}

/* What the digit groups of a number look like, gathered in one pass so that
 * text of any length needs no storage. */
typedef struct {
    int nsep;            /* separators seen */
    size_t first_len;    /* digits in the first group */
    size_t last_len;     /* digits in the last group */
    group_sep first_sep; /* the first separator */
    group_sep last_sep;  /* the last separator */
    bool inner_mixed;    /* a separator before the last differs from the first */
    bool middle_bad;     /* a group between first and last is not 3 digits */
    bool nonzero;        /* some digit is not 0 */
    bool big;            /* all digits together exceed LIMIT_COUNT_MAX */
    int64_t value;       /* all digits together, if !big */
} number_shape;

/* Adds digit c to the running value without ever overflowing. */
static void push_digit(number_shape *sh, char c)
{
    if (c != '0')
        sh->nonzero = true;
    if (sh->big)
        return;
    sh->value = sh->value * 10 + (c - '0');
    if (sh->value > LIMIT_COUNT_MAX)
        sh->big = true;
}

/* Reads digit groups and separators from p to end; false if anything else
 * appears or a group is empty. */
static bool scan_groups(const char *p, const char *end, number_shape *sh)
{
    size_t len = 0;
    memset(sh, 0, sizeof *sh);
    for (;;) {
        const char *start = p;
        while (p < end && is_digit(*p))
            push_digit(sh, *p++);
        len = (size_t)(p - start);
        if (len == 0)
            return false;
        if (sh->nsep == 0)
            sh->first_len = len;
        else if (p < end && len != 3)
            sh->middle_bad = true;
        if (p == end)
            break;
        size_t slen;
        group_sep sep = read_sep(p, end, &slen);
        if (sep == SEP_NONE)
            return false;
        if (sh->nsep == 0)
            sh->first_sep = sep;
        else if (sh->last_sep != sh->first_sep)
            sh->inner_mixed = true;
        sh->last_sep = sep;
        sh->nsep++;
        p += slen;
    }
    sh->last_len = len;
    return true;
}

/* True if the digits form one whole number, plain or grouped by thousands. */
static bool is_grouped(const number_shape *sh)
{
    if (sh->nsep == 0)
        return true;
    return sh->first_len <= 3 && !sh->middle_bad && !sh->inner_mixed &&
           sh->last_sep == sh->first_sep && sh->last_len == 3;
}

/* True if the digits read as a whole part, a decimal mark and a fraction:
 * "1,5", "12.5", "1.2345", "1.200,5".  The mark must differ from the
 * thousands separator, else "1,200,5" would be a number. */
static bool is_fraction(const number_shape *sh)
{
    if (sh->nsep == 0 || (sh->last_sep != SEP_DOT && sh->last_sep != SEP_COMMA))
        return false;
    if (sh->nsep == 1)
        return true;
    return sh->first_len <= 3 && !sh->middle_bad && !sh->inner_mixed &&
           sh->first_sep != sh->last_sep;
}

field_status field_parse_count(const char *s, int64_t *out)
{
    const char *p, *end;
    trim(s, &p, &end);
    if (p == end)
        return FIELD_EMPTY;
    bool negative = false;
    size_t n = minus_len(p, end);
    if (n > 0) {
        negative = true;
        p += n;
    } else if (*p == '+') {
        p++;
    }
    while (p < end && (n = space_len(p)) > 0) /* "- 3" */
        p += n;
    number_shape sh;
    if (!scan_groups(p, end, &sh))
        return FIELD_BAD;
    bool whole = is_grouped(&sh);
    if (!whole && !is_fraction(&sh))
        return FIELD_BAD;
    if (negative && sh.nonzero)
        return FIELD_NEGATIVE;
    if (!whole)
        return FIELD_FRACTION;
    if (sh.big)
        return FIELD_TOO_BIG;
    *out = sh.value;
    return FIELD_OK;
}

/* ---- civil days (Howard Hinnant, "chrono-Compatible Low-Level Date
 *      Algorithms", proleptic Gregorian) --------------------------------- */

static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

civil_day field_civil_day(int year, int month, int day)
{
    return (civil_day)days_from_civil(year, month, day);
}

void field_civil_split(civil_day day, int *year, int *month, int *mday)
{
    int64_t y;
    civil_from_days(day, &y, month, mday);
    *year = (int)y;
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int field_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : m >= 1 && m <= 12 ? days[m - 1] : 0;
}

/* ---- dates and times of day -------------------------------------------- */

/* Reads a run of digits at *p: its length and, if it has at most 4 digits,
 * its value (else -1).  Long runs are measured, never converted. */
static size_t read_num(const char **p, const char *end, int *value)
{
    const char *start = *p;
    int v = 0;

    while (*p < end && is_digit(**p)) {
        if (*p - start < 4)
            v = v * 10 + (**p - '0');
        (*p)++;
    }
    *value = *p - start <= 4 ? v : -1;
    return (size_t)(*p - start);
}

/* Reads "HH:MM" or "HH:MM:SS" (hour of one or two digits) filling the rest
 * of the text; sets *secs to the seconds since midnight. */
static field_status parse_clock(const char *p, const char *end, int *secs)
{
    int h, m, s = 0;

    size_t n = read_num(&p, end, &h);
    if (n < 1 || n > 2 || p == end || *p++ != ':')
        return FIELD_BAD;
    if (read_num(&p, end, &m) != 2)
        return FIELD_BAD;
    if (p < end) {
        if (*p++ != ':' || read_num(&p, end, &s) != 2 || p != end)
            return FIELD_BAD;
    }
    if (h > 23 || m > 59 || s > 59)
        return FIELD_BAD;
    *secs = h * 3600 + m * 60 + s;
    return FIELD_OK;
}

/* Reads the optional time after a date: nothing, or a 'T' or spaces and a
 * clock.  *secs is 0 for a date alone. */
static field_status parse_time_part(const char *p, const char *end, int *secs)
{
    *secs = 0;
    if (p == end)
        return FIELD_OK;
    if (*p == 'T') {
        p++;
    } else if (*p == ' ') {
        while (p < end && *p == ' ')
            p++;
    } else {
        return FIELD_BAD;
    }
    return parse_clock(p, end, secs);
}

/* Checks a year-month-day already split from the text and sets *out. */
static field_status check_ymd(int y, int m, int d, civil_day *out)
{
    if (y < LIMIT_YEAR_MIN || y > LIMIT_YEAR_MAX)
        return FIELD_BAD;
    if (m < 1 || m > 12 || d < 1 || d > field_days_in_month(y, m)) {
        if (m >= 1 && m <= 12) /* say which month: see field_parse_date */
            *out = field_civil_day(y, m, 1);
        return FIELD_NO_SUCH_DAY;
    }
    *out = field_civil_day(y, m, d);
    return FIELD_OK;
}

/* Parses a date, day first or ISO year first, optionally followed by a time
 * of day, from trimmed text p..end. */
static field_status parse_date_time(const char *p, const char *end, civil_day *day, int *secs)
{
    int a, b, c;
    size_t na = read_num(&p, end, &a);
    if (p == end || (*p != '/' && *p != '-' && *p != '.'))
        return FIELD_BAD;
    char sep = *p++;
    size_t nb = read_num(&p, end, &b);
    if (p == end || *p++ != sep)
        return FIELD_BAD;
    size_t nc = read_num(&p, end, &c);
    if (nb < 1 || nb > 2 || parse_time_part(p, end, secs) != FIELD_OK)
        return FIELD_BAD;
    if (na == 4) { /* yyyy-mm-dd: year first only when unmistakable */
        if (nc < 1 || nc > 2)
            return FIELD_BAD;
        return check_ymd(a, b, c, day);
    }
    if (na < 1 || na > 2 || nc == 0 || nc == 1 || nc == 3 || nc > 4)
        return FIELD_BAD;
    if (nc == 2)
        return FIELD_SHORT_YEAR;
    return check_ymd(c, b, a, day);
}

field_status field_parse_date(const char *s, civil_day *out)
{
    const char *p, *end;
    trim(s, &p, &end);
    if (p == end)
        return FIELD_EMPTY;
    int secs;
    return parse_date_time(p, end, out, &secs);
}

void field_format_date(civil_day day, char *buf, int buflen)
{
    if (buf == NULL || buflen <= 0)
        return;
    int y, m, d;
    field_civil_split(day, &y, &m, &d);
    snprintf(buf, (size_t)buflen, "%02d/%02d/%04d", d, m, y);
}

field_status field_parse_time(const char *s, int utc_offset_min, int64_t *out)
{
    const char *p, *end;
    trim(s, &p, &end);
    if (p == end)
        return FIELD_EMPTY;
    civil_day day;
    int secs;
    field_status st = parse_date_time(p, end, &day, &secs);
    if (st != FIELD_OK)
        return st;
    *out = (int64_t)day * SECONDS_PER_DAY + secs - (int64_t)utc_offset_min * 60;
    return FIELD_OK;
}

void field_local_split(int64_t epoch, int utc_offset_min, int64_t *day, int *secs)
{
    int64_t local;
    /* Saturate rather than overflow for absurd instants. */
    if (__builtin_add_overflow(epoch, (int64_t)utc_offset_min * 60, &local))
        local = epoch < 0 ? INT64_MIN : INT64_MAX;
    int64_t days = local / SECONDS_PER_DAY, rest = local % SECONDS_PER_DAY;
    if (rest < 0) { /* floor, not truncation, before 1970 */
        rest += SECONDS_PER_DAY;
        days--;
    }
    *day = days;
    *secs = (int)rest;
}

/* The local date and time of epoch in the zone, for the formatters. */
typedef struct {
    int64_t year;
    int month, day, secs;
} local_time;

static local_time local_of(int64_t epoch, int utc_offset_min)
{
    local_time t;
    int64_t days;
    field_local_split(epoch, utc_offset_min, &days, &t.secs);
    civil_from_days(days, &t.year, &t.month, &t.day);
    return t;
}

/* Writes v (0..99) as two digits at b. */
static void put_two(char *b, int v)
{
    b[0] = (char)('0' + v / 10);
    b[1] = (char)('0' + v % 10);
}

void field_format_time(int64_t epoch, int utc_offset_min, char *buf, int buflen)
{
    if (buf == NULL || buflen <= 0)
        return;
    local_time t = local_of(epoch, utc_offset_min);
    if (t.year >= 0 && t.year <= 9999 && buflen > 16) {
        /* what the snprintf below writes, without it: `status` writes
         * 100,000 of them on a national set */
        put_two(buf, t.day);
        buf[2] = '/';
        put_two(buf + 3, t.month);
        buf[5] = '/';
        put_two(buf + 6, (int)(t.year / 100));
        put_two(buf + 8, (int)(t.year % 100));
        buf[10] = ' ';
        put_two(buf + 11, t.secs / 3600);
        buf[13] = ':';
        put_two(buf + 14, t.secs / 60 % 60);
        buf[16] = '\0';
        return;
    }
    snprintf(buf, (size_t)buflen, "%02d/%02d/%04lld %02d:%02d", t.day, t.month, (long long)t.year,
             t.secs / 3600, t.secs / 60 % 60);
}

void field_format_iso_time(int64_t epoch, int utc_offset_min, char *buf, int buflen)
{
    if (buf == NULL || buflen <= 0)
        return;
    local_time t = local_of(epoch, utc_offset_min);
    int off = utc_offset_min < 0 ? -utc_offset_min : utc_offset_min;
    snprintf(buf, (size_t)buflen, "%04lld-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", (long long)t.year,
             t.month, t.day, t.secs / 3600, t.secs / 60 % 60, t.secs % 60,
             utc_offset_min < 0 ? '-' : '+', off / 60, off % 60);
}

/* ---- UTC offsets -------------------------------------------------------- */

/* Case-insensitive test that p..end starts with the ASCII word w. */
static bool starts_with_word(const char *p, const char *end, const char *w)
{
    size_t n = strlen(w);

    if ((size_t)(end - p) < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 0x20) != w[i])
            return false;
    return true;
}

/* Reads "H", "HH", "H:MM", "HH:MM" or "HHMM" filling p..end into minutes. */
static field_status parse_hours_minutes(const char *p, const char *end, int *minutes)
{
    int h, m = 0;

    size_t n = read_num(&p, end, &h);
    if (n == 4 && p == end) { /* "0700" */
        m = h % 100;
        h /= 100;
    } else if (n < 1 || n > 2) {
        return FIELD_BAD;
    } else if (p < end) {
        if (*p++ != ':' || read_num(&p, end, &m) != 2 || p != end)
            return FIELD_BAD;
    }
    if (m > 59)
        return FIELD_BAD;
    *minutes = h * 60 + m;
    return FIELD_OK;
}

field_status field_parse_utc_offset(const char *s, int *minutes)
{
    const char *p, *end;
    trim(s, &p, &end);
    if (end - p == 1 && (*p == 'Z' || *p == 'z')) {
        *minutes = 0;
        return FIELD_OK;
    }
    if (starts_with_word(p, end, "utc") || starts_with_word(p, end, "gmt")) {
        p += 3;
        while (p < end && *p == ' ') /* "UTC +7" */
            p++;
        if (p == end) { /* "UTC" alone */
            *minutes = 0;
            return FIELD_OK;
        }
    }
    int sign = 1;
    size_t n = minus_len(p, end);
    if (n > 0) {
        sign = -1;
        p += n;
    } else if (p < end && *p == '+') {
        p++;
    }
    int total;
    if (parse_hours_minutes(p, end, &total) != FIELD_OK || total > LIMIT_UTC_OFFSET_MIN)
        return FIELD_BAD;
    *minutes = sign * total;
    return FIELD_OK;
}
