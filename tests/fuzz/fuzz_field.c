/*
 * fuzz_field.c - libFuzzer target: the input as one cell's text through the
 * field parsers (counts, dates, times, UTC offsets) and the schema's header
 * and form matching, plus text_fold.
 *
 * Parsers see a NUL-terminated string, as cells are; results that claim
 * success are checked against the contract (round trips, ranges).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "report_schema.h"
#include "text.h"
#include "th_limits.h"

static void check_count(const char *s)
{
    int64_t n = -1;
    if (field_parse_count(s, &n) == FIELD_OK && (n < 0 || n > LIMIT_COUNT_MAX))
        abort();
}

static void check_date(const char *s)
{
    civil_day d;
    char buf[32];
    if (field_parse_date(s, &d) != FIELD_OK)
        return;
    /* A date that parsed formats and parses back to itself. */
    field_format_date(d, buf, sizeof buf);
    civil_day again;
    if (field_parse_date(buf, &again) != FIELD_OK || again != d)
        abort();
    int y, m, md;
    field_civil_split(d, &y, &m, &md);
    if (m < 1 || m > 12 || md < 1 || md > 31 || field_civil_day(y, m, md) != d)
        abort();
}

static void check_time(const char *s)
{
    int64_t t;
    char buf[64];
    static const int offsets[] = {420, 0, -210, 840};
    for (size_t i = 0; i < sizeof offsets / sizeof offsets[0]; i++)
        if (field_parse_time(s, offsets[i], &t) == FIELD_OK)
            field_format_time(t, offsets[i], buf, sizeof buf);
    int minutes;
    if (field_parse_utc_offset(s, &minutes) == FIELD_OK &&
        (minutes < -24 * 60 || minutes > 24 * 60))
        abort();
}

static void check_text(const char *s, size_t n)
{
    report_column c = report_schema_match(s);
    if (c > COL_COUNT)
        abort();
    activity_form f = report_schema_match_form(s);
    if (f > FORM_BLENDED)
        abort();
    char *key = text_fold(s);
    if (key != NULL) {
        /* A key is valid UTF-8, trimmed, and its own key. */
        size_t k = strlen(key);
        if (!text_is_utf8(key, k, NULL) || (k > 0 && (key[0] == ' ' || key[k - 1] == ' ')))
            abort();
        char *again = text_fold(key);
        if (again == NULL || strcmp(again, key) != 0)
            abort();
        free(again);
    } else if (text_is_utf8(s, n, NULL)) {
        abort(); /* valid text must fold (only allocation may fail, and it does not here) */
    }
    free(key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    size_t n = strlen(s); /* a cell never holds a NUL: cut at the first */
    check_count(s);
    check_date(s);
    check_time(s);
    check_text(s, n);
    free(s);
    return 0;
}
