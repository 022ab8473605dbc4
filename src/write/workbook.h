/*
 * workbook.h - what the workbook writers share (internal to the write stage).
 *
 * Only workbook.c and the sheet_*.c files include this, and so xlsxwriter.h.
 * The workbook is in constant-memory mode, a workbook-wide setting: every
 * sheet is written row after row, in order, each after the previous one.
 * The first library error is kept in the context; later writes are skipped.
 */
#ifndef TONGHOP_WORKBOOK_H
#define TONGHOP_WORKBOOK_H

#include <xlsxwriter.h>

#include "export.h"

typedef enum {
    F_ORG,           /* "UBND TỈNH ..." */
    F_ORG_BOLD,      /* "SỞ GIÁO DỤC ..." and the national motto */
    F_TITLE,         /* the sheet's heading */
    F_SUBTITLE,      /* the campaign title */
    F_NOTE,          /* "(Kèm theo ...)", "Số liệu tính đến ..." */
    F_HEAD,          /* the table's header cells */
    F_TEXT,          /* a cell of text */
    F_CENTER,        /* a short centred code or label */
    F_INT,           /* a number, #,##0 */
    F_DATE,          /* dd/mm/yyyy */
    F_DATETIME,      /* dd/mm/yyyy hh:mm */
    F_SUM_TEXT,      /* a subtotal row's label */
    F_SUM_INT,       /* a subtotal row's number */
    F_TOTAL_TEXT,    /* the grand total's label */
    F_TOTAL_INT,     /* the grand total's number */
    F_CF_MISSING,    /* conditional: nothing received */
    F_CF_LATE,       /* conditional: late */
    F_CF_INCOMPLETE, /* conditional: missing categories or rows with errors */
    F_COUNT
} wb_format;

typedef struct {
    lxw_workbook *wb;
    const export_model *m;
    lxw_format *fmt[F_COUNT];
    lxw_error lerr; /* first library error */
    th_error err;   /* first error of tonghop's own (memory) */
    char *title_upper;
    char as_of_text[40];
    size_t detail_rows_per_sheet;
    uint32_t *last_rows; /* per sheet: rows written, to verify the file */
    size_t nsheets, capsheets;
} wb_ctx;

/* A sheet being written; row is the next row to write. */
typedef struct {
    wb_ctx *x;
    lxw_worksheet *ws;
    size_t index; /* in x->last_rows */
    lxw_row_t row;
    int ncols;
} wb_sheet;

/* The row of the table header: the block above it is WB_HEAD_ROW rows. */
#define WB_HEAD_ROW 8

/* Adds a sheet named name with column widths widths[ncols], its print set-up
 * and the official header block with heading (rows 0 to WB_HEAD_ROW - 1).
 * Returns false when the sheet could not be added (the error is in x). */
bool wb_sheet_begin(wb_ctx *x, wb_sheet *sh, const char *name, const char *heading,
                    const double *widths, int ncols);

/* Writes the table header titles[ncols] at sh->row, repeated on every
 * printed page, and moves to the next row. */
void wb_table_header(wb_sheet *sh, const char *const *titles);

/* Cell writers: record the first error, do nothing after one.  wb_str writes
 * any text as a string (never a formula or number), made safe first. */
void wb_str(wb_sheet *sh, int col, const char *text, wb_format f);
void wb_num(wb_sheet *sh, int col, double value, wb_format f);
void wb_blank(wb_sheet *sh, int col, wb_format f);
void wb_formula(wb_sheet *sh, int col, const char *formula, double cached, wb_format f);
void wb_day(wb_sheet *sh, int col, civil_day day, wb_format f);
void wb_time(wb_sheet *sh, int col, int64_t epoch, wb_format f);
void wb_merge(wb_sheet *sh, int first_col, int last_col, const char *text, wb_format f);

/* Sets the height of the current row so that texts[i], wrapped in a column
 * widths[i] characters wide, shows whole (an estimate: neither libxlsxwriter
 * nor every viewer fits rows to wrapped text).  Call before its cells. */
void wb_fit_row(wb_sheet *sh, int n, const char *const *texts, const double *widths);

/* Ends the current row (records it for the verification). */
void wb_next_row(wb_sheet *sh);

/* Adds a formula conditional format over rows [first, last] of every column
 * of sh; formula refers to the first row ("=$F10=\"Trễ hạn\""). */
void wb_conditional(wb_sheet *sh, lxw_row_t first, lxw_row_t last, const char *formula,
                    wb_format f);

/* wb_conditional with the formula "the cell of column col (0-based) in the
 * row equals text": the whole row is highlighted with f. */
void wb_highlight_equal(wb_sheet *sh, lxw_row_t first, lxw_row_t last, int col, const char *text,
                        wb_format f);

/* Keeps the first error; true while there is none. */
bool wb_check(wb_ctx *x, lxw_error e);

/* The sheets, in workbook order. */
void sheet_summary(wb_ctx *x);
void sheet_categories(wb_ctx *x);
void sheet_detail(wb_ctx *x);
void sheet_missing(wb_ctx *x);
void sheet_findings(wb_ctx *x);
void sheet_ledger(wb_ctx *x);
void sheet_chart(wb_ctx *x);

/* Checks the finished file at path: a sound zip whose worksheet i is
 * complete XML reaching row last_rows[i] (1-based; 0: no rows).  Catches a
 * sheet truncated when temporary space ran out, which libxlsxwriter does not
 * report.  TH_ERR_IO / TH_ERR_NOSPACE with a message in err. */
th_error wb_verify(const char *path, const uint32_t *last_rows, size_t nsheets, char *err,
                   size_t errlen);

#endif
