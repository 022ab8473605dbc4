/*
 * finding.h - a problem found in a report, and the catalogue of them.
 *
 * Findings are data, not errors: the reader and the validator append them to
 * a list the caller owns and keep going.  Every finding has a stable code
 * from the catalogue (documented in docs/findings.md), a severity, and the
 * file, row and column it is about.
 */
#ifndef TONGHOP_FINDING_H
#define TONGHOP_FINDING_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "i18n.h"

typedef enum {
    FINDING_FILE_ERROR, /* the whole file is rejected */
    FINDING_ROW_ERROR,  /* the row is not counted */
    FINDING_WARNING,    /* counted, but flagged */
} finding_severity;

/* The catalogue.  Never renumber or rename: codes are stored and read by
 * people; add new ones at the end of their group. */
typedef enum {
    /* file errors */
    FC_UNREADABLE = 0,
    FC_EMPTY_FILE,
    FC_BINARY_FILE,
    FC_BAD_ENCODING,
    FC_BAD_CSV,
    FC_FILE_TOO_LARGE,
    FC_NO_HEADER,
    FC_MISSING_COLUMN,
    FC_DUPLICATE_COLUMN,
    FC_MISSING_UNIT,
    FC_UNKNOWN_UNIT,
    FC_SEVERAL_UNITS,
    FC_NO_ROWS,
    FC_CLOSED,
    FC_STRICT,
    FC_MAIL_TOO_LARGE,
    FC_MAIL_TOO_COMPLEX,
    FC_MAIL_BAD_ATTACHMENT,
    FC_BAD_SPREADSHEET,
    FC_ENCRYPTED,
    FC_SPREADSHEET_TOO_LARGE,
    FC_UNSAFE_XML,
    FC_FORMULA_NO_VALUE,
    FC_SKIPPED_PDF, /* entries of a folder that are not reports (inbox.h) */
    FC_SKIPPED_WORD,
    FC_SKIPPED_IMAGE,
    FC_SKIPPED_ARCHIVE,
    FC_SKIPPED_TEMPORARY,
    FC_SKIPPED_HIDDEN,
    FC_SKIPPED_OTHER,
    /* row errors */
    FC_UNKNOWN_CATEGORY,
    FC_MISSING_VALUE,
    FC_BAD_DATE,
    FC_BAD_NUMBER,
    FC_NEGATIVE_NUMBER,
    FC_DATE_ORDER,
    FC_BAD_FORM,
    FC_EXTRA_CELLS,
    FC_TEXT_TOO_LONG,
    FC_IGNORED_COLUMN,
    /* warnings */
    FC_LATE,
    FC_MISSING_CATEGORY,
    FC_OPENING_DATE,
    FC_OUTSIDE_WEEK,
    FC_DUPLICATE_ROW,
    FC_OUTLIER,
    FC_FORMULA_TEXT,
    FC_LEGACY_FONT,
    FC_UNKNOWN_COLUMN,
    FC_CONTROL_CHARS,
    FC_REPEATED_HEADER,
    FC_GUESSED_COLUMN,
    FC_CATEGORY_ROWS_REJECTED,
    FC_MAIL_NO_REPORT,
    FC_REPLACES_LESS,
    FC_COUNT
} finding_code;

/* Returns the stable kebab-case name of code ("bad-date"), "" if unknown. */
const char *finding_code_name(finding_code code);

/* Returns the code whose name is name, or FC_COUNT when there is none. */
finding_code finding_code_from_name(const char *name);

/* Returns the severity the catalogue gives code. */
finding_severity finding_code_severity(finding_code code);

/* Returns the catalogue's message for code in lang: what is wrong and what
 * the unit should do.  Never NULL. */
const char *finding_code_message(finding_code code, th_lang lang);

/* Returns "Lỗi"/"Error" or "Cảnh báo"/"Warning" for sev, in lang. */
const char *finding_severity_label(finding_severity sev, th_lang lang);

typedef struct {
    finding_code code;
    char *file;        /* the report's file name as given; owned */
    size_t row;        /* line in the file where the record starts; 0: whole file */
    size_t column;     /* 1-based column; 0: no particular column */
    char *column_name; /* the column's header as written, or ""; owned */
    char *detail;      /* the value or fact at issue, or ""; owned */
    char *sheet;       /* the sheet of a spreadsheet the row is on, or ""; owned */
} finding;

typedef struct {
    finding *items;
    size_t count;
    size_t capacity;
} finding_list;

/* Initialises an empty list.  finding_list_release frees it. */
void finding_list_init(finding_list *list);

/* Frees every finding and the array, leaving an empty list. */
void finding_list_release(finding_list *list);

/* Appends a finding; file, column_name and detail are copied (NULL is taken
 * as "").  detail is a printf format.  Returns TH_OK or TH_ERR_NOMEM. */
th_error finding_list_add(finding_list *list, finding_code code, const char *file, size_t row,
                          size_t column, const char *column_name, const char *detail_fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* Frees the findings list->items[count..] and keeps the first count. */
void finding_list_truncate(finding_list *list, size_t count);

/* Counts the findings of severity sev. */
size_t finding_list_count(const finding_list *list, finding_severity sev);

/* True when the list holds a file error. */
bool finding_list_has_file_error(const finding_list *list);

/* Separates, in a finding's detail, the value at issue from a hint: for
 * unknown-unit and unknown-category the closest name ("LOCNINHH"
 * FINDING_HINT "LOCNINH - UBND huyện Lộc Ninh"), for bad-date the month and
 * its days ("31/09/2022" FINDING_HINT "9/30").  The detail stays
 * language-neutral data; finding_detail_text words it. */
#define FINDING_HINT "\x1f"

/* Returns, newly allocated, the detail as shown after the message: "" when
 * there is none, "'value'", or with its hint worded in lang: "'LOCNINHH' —
 * có phải «LOCNINH - UBND huyện Lộc Ninh» không?", "'31/09/2022' — tháng 9
 * chỉ có 30 ngày".
 * NULL when out of memory.  The caller frees it. */
char *finding_detail_text(const finding *f, th_lang lang);

/* Sets the sheet of the findings list->items[first..count) that are about a
 * row and name no sheet yet, so they read "Sheet1!D7".  Returns TH_OK or
 * TH_ERR_NOMEM (the findings already changed keep their sheet). */
th_error finding_list_set_sheet(finding_list *list, size_t first, const char *sheet);

/* Writes where f points in a spreadsheet, as Excel writes a reference:
 * "Sheet1!D7", "'Báo cáo'!D7" (a name with spaces or punctuation is quoted,
 * quotes doubled), or "Sheet1!7:7" for a whole row; "" when f names no sheet
 * or no row.  buf is always terminated (truncated if too short). */
void finding_cell_ref(const finding *f, char *buf, size_t buflen);

/* Writes column as Excel letters ("A", "AB") into buf (at least 8 bytes). */
void finding_column_letters(size_t column, char *buf, size_t buflen);

#endif
