/*
 * field.h - parses the values of report cells: counts and money written the
 * Vietnamese way, day-first dates, and the times the clerk types.
 *
 * Pure functions of their text argument; no locale is consulted.
 */
#ifndef TONGHOP_FIELD_H
#define TONGHOP_FIELD_H

#include <stdint.h>

typedef enum {
    FIELD_OK = 0,
    FIELD_EMPTY,      /* nothing but white space */
    FIELD_BAD,        /* not a number / not a date at all */
    FIELD_FRACTION,   /* a number with a decimal part where a whole one is needed */
    FIELD_NEGATIVE,   /* a number below zero */
    FIELD_TOO_BIG,    /* a number beyond 10^15 */
    FIELD_SHORT_YEAR, /* a date with a two-digit year */
    FIELD_NO_SUCH_DAY /* a date that does not exist, like 31/09/2022 */
} field_status;

/* Parses a whole non-negative number: "1200", "1.200", "1 200", "1,200"
 * (a '.', ',', space or no-break space followed by exactly three digits
 * groups thousands, consistently) are all 1200; "1,5" and "12.5" are
 * FIELD_FRACTION; "-3" is FIELD_NEGATIVE.  Surrounding space is ignored. */
field_status field_parse_count(const char *s, int64_t *out);

/* A calendar day as days since 1970-01-01 (may be negative). */
typedef int32_t civil_day;

/* Parses a day-first date: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy, or
 * ISO yyyy-mm-dd.  Never month first.  For FIELD_NO_SUCH_DAY whose month
 * exists ("31/09/2022"), *out is the first day of that month, so that the
 * message can say how many days it has; otherwise *out is set only on
 * FIELD_OK. */
field_status field_parse_date(const char *s, civil_day *out);

/* Returns the days of month m (1-12) of year y, 0 for another m. */
int field_days_in_month(int y, int m);

/* Returns the civil day of year-month-day (no validation). */
civil_day field_civil_day(int year, int month, int day);

/* Splits day into year, month, day of month. */
void field_civil_split(civil_day day, int *year, int *month, int *mday);

/* Writes day as dd/mm/yyyy into buf (at least 11 bytes). */
void field_format_date(civil_day day, char *buf, int buflen);

/* Parses a local time of the campaign's zone: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS],
 * YYYY-MM-DD HH:MM[:SS], dd/mm/yyyy or dd/mm/yyyy HH:MM[:SS].  A date alone
 * means 00:00.  utc_offset_min is the zone's offset east of UTC in minutes;
 * *out receives seconds since the Unix epoch. */
field_status field_parse_time(const char *s, int utc_offset_min, int64_t *out);

/* Splits epoch into the day (days since 1970-01-01) and the seconds into
 * that day (0 to 86399) of local time in the zone utc_offset_min minutes
 * east of UTC.  The one place that does this: an instant so far off that
 * adding the offset would overflow saturates instead. */
void field_local_split(int64_t epoch, int utc_offset_min, int64_t *day, int *secs);

/* Writes epoch as local "dd/mm/yyyy HH:MM" of the zone into buf (>= 17 bytes). */
void field_format_time(int64_t epoch, int utc_offset_min, char *buf, int buflen);

/* Writes epoch as ISO 8601 local time with the zone's offset,
 * "2022-10-18T14:20:00+07:00", into buf (>= 26 bytes). */
void field_format_iso_time(int64_t epoch, int utc_offset_min, char *buf, int buflen);

/* Parses a UTC offset "+07:00", "+0700", "+7", "UTC+7" or "-03:30" into
 * minutes east of UTC.  Returns FIELD_OK or FIELD_BAD. */
field_status field_parse_utc_offset(const char *s, int *minutes);

#endif
