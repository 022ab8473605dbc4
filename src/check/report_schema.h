/*
 * report_schema.h - the columns of a unit's report CSV (docs/design.md §3.1).
 *
 * One table, used by the validator (header matching, types), the template
 * writer and the workbook writers, so a column's key, Vietnamese title and
 * type are written down once.
 */
#ifndef TONGHOP_REPORT_SCHEMA_H
#define TONGHOP_REPORT_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    COL_UNIT = 0,     /* ma_don_vi */
    COL_CATEGORY,     /* ma_hoat_dong */
    COL_CONTENT,      /* noi_dung */
    COL_FROM,         /* tu_ngay */
    COL_TO,           /* den_ngay */
    COL_FORM,         /* hinh_thuc */
    COL_PARTICIPANTS, /* so_nguoi */
    COL_SESSIONS,     /* so_buoi */
    COL_BANNERS,      /* so_bang_ron */
    COL_ARTICLES,     /* so_tin_bai */
    COL_BOOKS,        /* so_sach */
    COL_BUDGET,       /* kinh_phi */
    COL_NOTE,         /* ghi_chu */
    COL_COUNT
} report_column;

typedef enum { COLTYPE_CODE, COLTYPE_TEXT, COLTYPE_DATE, COLTYPE_FORM, COLTYPE_COUNT } column_type;

typedef struct {
    const char *key;      /* ASCII key, "tu_ngay" */
    const char *title;    /* Vietnamese header, "Từ ngày" */
    const char *title_en; /* English, "From" */
    column_type type;
    bool required;
} column_spec;

/* The indicators: the count columns, in order, COL_PARTICIPANTS..COL_BUDGET. */
#define INDICATOR_COUNT 6
#define COL_FIRST_INDICATOR COL_PARTICIPANTS
/* Index of so_nguoi among the indicators (what the chart of districts shows). */
#define INDICATOR_PARTICIPANTS (COL_PARTICIPANTS - COL_FIRST_INDICATOR)

/* Returns the spec of col. */
const column_spec *report_schema_column(report_column col);

/* Returns the column whose key or title matches header (any case, spacing,
 * diacritics), or COL_COUNT. */
report_column report_schema_match(const char *header);

/* Returns the column whose key or title header nearly matches: the same
 * letters and digits once punctuation and spaces are dropped ("So buoi
 * lop"), or within a small edit distance ("So nguoi tham gai"); COL_COUNT
 * when none, or when two columns are equally close.  For headers that
 * report_schema_match did not match: the caller says which column it took. */
report_column report_schema_guess(const char *header);

typedef enum { FORM_NONE = 0, FORM_IN_PERSON, FORM_ONLINE, FORM_BLENDED } activity_form;

/* Returns the Vietnamese label of form ("trực tiếp"), "" for FORM_NONE. */
const char *report_schema_form_label(activity_form form);

/* Parses "trực tiếp", "truc tuyen", "Kết hợp" and so on; FORM_NONE if none. */
activity_form report_schema_match_form(const char *text);

#endif
