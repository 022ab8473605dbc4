/*
 * sheet_table.h - turns the cells of one sheet of a spreadsheet into the
 * raw_table the CSV reader produces, and the cell values into the text a
 * unit would have typed in a CSV.
 *
 * The spreadsheet readers (xlsx, ods, xls) walk a sheet row by row and hand
 * each non-empty cell to sheet_table_cell; empty cells are never handed on,
 * so a sheet of millions of empty styled cells costs nothing.  The builder
 * finds the header row (the first of the sheet's first LIMIT_SHEET_HEADER_ROWS
 * rows that names at least LIMIT_SHEET_HEADER_MATCHES report columns; rows above
 * it are title rows and are dropped), keeps the rows below it with their
 * sheet row numbers as raw_record.line, and enforces the reader's limits
 * with a finding that names the sheet and cell ("Sheet1!D7").
 *
 * A header of two rows (a merged "Kết quả" over "Số người", "Số buổi"): a
 * row right below the header that names report columns only where the
 * header names none is folded into it.
 *
 * The records may weigh, as a CSV (cells and separators), no more than
 * limits->max_file_bytes: repeated rows (.ods) and a long shared string used
 * in many cells (.xlsx) cannot make a small file a huge table.
 *
 * Merged cells: the value stays in the merged range's top-left cell only,
 * as the file stores it; the other cells of the range read as empty.
 */
#ifndef TONGHOP_SHEET_TABLE_H
#define TONGHOP_SHEET_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "finding.h"
#include "report_reader.h"
#include "th_limits.h"

typedef enum {
    SHEET_GOING = 0, /* keep handing cells */
    SHEET_NO_HEADER, /* searching, and no header in the first rows: not this sheet */
    SHEET_FAILED,    /* a file error finding was added: stop */
    SHEET_NOMEM,     /* out of memory: stop */
} sheet_state;

typedef struct {
    const reader_limits *limits;
    const char *file;       /* the file name findings name */
    const char *sheet;      /* the sheet's name (borrowed) */
    size_t header_row;      /* 0: search the header; else the first row kept is the
                               first non-blank row at or below this one */
    raw_table *table;       /* receives the records */
    finding_list *findings; /* receives a file error */
    sheet_state state;
    size_t row; /* row of the cells being gathered; 0 before any */
    struct sheet_cell {
        size_t col; /* ascending */
        size_t off; /* start of the cell's text in text */
    } * cells;      /* the gathered row */
    size_t ncells, cells_cap;
    char *text; /* the cells' texts, each NUL-terminated */
    size_t text_len, text_cap;
    size_t records_cap;
    size_t table_bytes; /* the records' cells as a CSV would weigh them */
    bool have_header;
    bool below_header; /* the row below the header was looked at */
    size_t best_row;   /* while searching: the row naming most report columns */
    size_t best_matches;
} sheet_table;

/* Starts building into table (which the caller zeroed) from the sheet named
 * sheet of file.  Nothing is allocated until the first cell. */
void sheet_table_init(sheet_table *b, const reader_limits *limits, const char *file,
                      const char *sheet, size_t header_row, raw_table *table,
                      finding_list *findings);

/* Hands on the non-empty cell (row, col) (both 1-based) holding text[0..len)
 * (valid UTF-8).  Cells come row by row, left to right; a cell of a later
 * row ends the row before.  Returns true while the reader should go on. */
bool sheet_table_cell(sheet_table *b, size_t row, size_t col, const char *text, size_t len);

/* Ends the last row.  Returns true when the sheet gave a table (b->state is
 * SHEET_GOING and a header was found). */
bool sheet_table_finish(sheet_table *b);

/* Stops the build with the file error code, about (row, col) of the sheet
 * (0: none), detail a printf format.  Only the first failure is kept. */
void sheet_table_fail(sheet_table *b, finding_code code, size_t row, size_t col, const char *fmt,
                      ...) __attribute__((format(printf, 5, 6)));

/* Frees what the builder holds (not the table). */
void sheet_table_release(sheet_table *b);

/* A growing text that keeps at most max bytes: a cell's text, the shared
 * strings.  Zero it and set max before use; free(s) releases it. */
typedef struct {
    char *s; /* NUL-terminated once anything was added */
    size_t len, cap;
    size_t max;
    bool over;  /* more than max bytes were offered */
    bool nomem; /* an allocation failed */
} sheet_text;

/* Appends s[0..n), cut at t->max (setting over). */
void sheet_text_add(sheet_text *t, const char *s, size_t n);

/* Empties t, keeping its buffer. */
void sheet_text_clear(sheet_text *t);

/* Reads one sheet of a workbook into b: hands b its cells, or reports a
 * file error with sheet_table_fail. */
typedef void (*sheet_read_fn)(void *ctx, size_t sheet, sheet_table *b);

/* Picks the sheet of a workbook that holds the report and reads it into
 * table: the first of the nsheets visible sheets (names[i], in workbook
 * order) whose header row is within its first LIMIT_SHEET_HEADER_ROWS rows; else
 * the sheet whose row names most report columns, from that row; else the
 * first sheet from its first non-blank row, so that the validator says
 * what is missing.  read(ctx, i, b) reads sheet i.  Sets table->sheet.  A
 * file error (no visible sheet, a damaged or too large sheet, every sheet
 * blank) is appended to findings and leaves the table empty.  Returns TH_OK
 * or TH_ERR_NOMEM; raw_table_release frees the table in every case. */
th_error sheet_table_choose(const char *file, const char *const *names, size_t nsheets,
                            sheet_read_fn read, void *ctx, const reader_limits *limits,
                            raw_table *table, finding_list *findings);

/* Writes the number v as Excel shows it in a General cell: a whole number
 * without ".0" ("1200"), else at most 15 significant digits ("0.1", never
 * "0.1000000000000000055").  buf of at least 32 bytes. */
void sheet_format_number(double v, char *buf, size_t buflen);

/* Writes the date serial number v of the 1900 (Excel's default, with its
 * phantom 29 February 1900) or 1904 date system as "YYYY-MM-DD", with
 * " HH:MM:SS" when it holds a time of day; time_only: a time format, so a
 * serial below 1 is "HH:MM:SS".  Returns false (buf untouched) when v is
 * outside Excel's dates (negative, after 9999-12-31). */
bool sheet_format_serial(double v, bool date1904, bool time_only, char *buf, size_t buflen);

/* What a number format shows a value as. */
typedef enum { NUMFMT_NUMBER = 0, NUMFMT_DATE, NUMFMT_TIME } numfmt_kind;

/* Classifies the built-in number format id (14-22, 27-36, 45-47, 50-58 are
 * dates or times). */
numfmt_kind sheet_builtin_numfmt(unsigned id);

/* Classifies a custom format code ("dd/mm/yyyy", "#,##0 \"đồng\""): a date
 * when it holds d or y, a time when only h or s, outside quoted text,
 * escapes and [brackets]. */
numfmt_kind sheet_custom_numfmt(const char *code);

/* Parses an A1-style reference ("D7", "$D$7"); false when malformed. */
bool sheet_parse_ref(const char *ref, size_t *row, size_t *col);

#endif
