/*
 * workbook.h - what the workbook writers share (internal to the write stage).
 *
 * Only the workbook_*.c and sheet_*.c files include this, and so
 * xlsxwriter.h.  workbook.c holds the shared pieces (formats, cell writers,
 * the official frame, print set-up, text measured with the font's metrics);
 * workbook_write.c opens the workbook, calls the sheets in order and closes
 * it; the sheet_*.c files only format what the model (export.h) computed.
 *
 * Every sheet is written twice over the same rows: a measuring pass
 * (nothing is written: the cell writers record how wide the text of each
 * column is, in points of Times New Roman), then the real pass with column
 * widths chosen so that the table fits one A4 page wide at 100 % and no word
 * is broken, and with each row's height computed from its wrapped text
 * (constant-memory mode cannot fit rows itself).  Pages are broken by the
 * writer, so "Trang x/y" counts each sheet's own pages.
 *
 * The workbook is in constant-memory mode: every sheet is written row after
 * row, in order, each after the previous one.  The first library error is
 * kept in the context; later writes are skipped.
 */
#ifndef TONGHOP_WORKBOOK_H
#define TONGHOP_WORKBOOK_H

#include <xlsxwriter.h>

#include "activity_spill.h"
#include "export.h"

typedef enum {
    F_ORG,            /* the parent body, "UBND TỈNH ..." */
    F_ORG_BOLD,       /* the issuing body and the national motto */
    F_MOTTO,          /* "Độc lập - Tự do - Hạnh phúc" */
    F_RULE,           /* the short rule under the body and the motto */
    F_PLACE,          /* "Bình Phước, ngày ... tháng ... năm ..." */
    F_APPENDIX,       /* "Phụ lục 01" */
    F_TITLE,          /* the sheet's heading */
    F_SUBTITLE,       /* the campaign title */
    F_NOTE,           /* "(Kèm theo ...)" */
    F_SIGN_TITLE,     /* "NGƯỜI LẬP BIỂU", "KT. GIÁM ĐỐC" */
    F_SIGN_NOTE,      /* "(Ký, ghi rõ họ tên)" */
    F_SIGN_NAME,      /* the signer's name */
    F_LEGEND,         /* the legend's text */
    F_HEAD,           /* the table's header cells */
    F_TEXT,           /* a cell of text */
    F_CENTER,         /* a short centred label */
    F_INT,            /* a number, #,##0 */
    F_DATE,           /* dd/mm/yyyy */
    F_DATETIME,       /* dd/mm/yyyy hh:mm */
    F_SUM_TEXT,       /* a subtotal row's label */
    F_SUM_INT,        /* a subtotal row's number */
    F_TOTAL_TEXT,     /* the grand total's label */
    F_TOTAL_INT,      /* the grand total's number */
    F_KEY_MISSING,    /* the legend's swatch of F_CF_MISSING */
    F_KEY_LATE,       /* ... of F_CF_LATE */
    F_KEY_INCOMPLETE, /* ... of F_CF_INCOMPLETE */
    F_CF_MISSING,     /* conditional: nothing received, rejected, row error */
    F_CF_LATE,        /* conditional: late */
    F_CF_INCOMPLETE,  /* conditional: missing categories, rows with errors, warning */
    F_COUNT
} wb_format;

/* Columns a sheet may have. */
#define WB_MAX_COLS 24

typedef struct {
    lxw_workbook *wb;
    const export_model *m;
    activity_spill *rows;    /* the activities in effect, for "Chi tiết" */
    finding_spill *findings; /* every finding, for "Lỗi dữ liệu" (full only) */
    bool full;               /* the clerk's sheets too */
    /* two sets of formats: the table's text at 11 pt (set 0) or, for a
     * sheet whose columns would not fit the page otherwise, at 10 pt (set 1) */
    lxw_format *fmt[2][F_COUNT];
    double size[2][F_COUNT]; /* font size of each format, points */
    bool bold[F_COUNT];
    lxw_error lerr; /* first library error */
    th_error err;   /* first error of tonghop's own (memory, spill file) */
    char *title_upper;
    char as_of_text[40];
    char place_date[160]; /* "Bình Phước, ngày 28 tháng 10 năm 2022" */
    size_t detail_rows_per_sheet;
    uint32_t *last_rows; /* per sheet: rows written, to verify the file */
    size_t nsheets, capsheets;
} wb_ctx;

/* A sheet being measured or written; row is the next row to write. */
typedef struct {
    wb_ctx *x;
    lxw_worksheet *ws; /* NULL while measuring */
    size_t index;      /* in x->last_rows */
    lxw_row_t row;
    int ncols;
    bool measuring;
    int set;                   /* the format set (wb_ctx.fmt) the sheet uses */
    double word[WB_MAX_COLS];  /* measured: widest word of each column, points */
    double text[WB_MAX_COLS];  /* measured: widest whole text of each column */
    double ink[WB_MAX_COLS];   /* measured: the text widths of each column, summed */
    double cells[WB_MAX_COLS]; /* measured: the cells with text of each column */
    bool grow[WB_MAX_COLS];    /* a column of running text: takes spare width */
    double width[WB_MAX_COLS]; /* chosen: each column's width in points */
    double row_height;         /* of the current row, from its wrapped cells */
    double fixed_height;       /* set by wb_row_height, 0: from the cells */
    double page_used;          /* points used on the current printed page */
    double head_height;        /* the repeated header row's height */
    lxw_row_t head_row;        /* row of the table header */
    double recent[4];          /* heights of the last rows written, newest last */
    lxw_row_t breaks[LXW_BREAKS_MAX + 1];
    size_t nbreaks;
    bool too_many_pages; /* more pages than breaks Excel keeps: "Trang x" only */
} wb_sheet;

/* The row of the table header: the frame above it is WB_HEAD_ROW rows. */
#define WB_HEAD_ROW 8

/* Starts the measuring pass of a sheet of ncols columns: the cell writers
 * record widths and write nothing until wb_sheet_begin.  grow (may be NULL)
 * marks the columns of running text, which get the spare width. */
void wb_measure(wb_ctx *x, wb_sheet *sh, int ncols, const bool *grow);

/* Ends the measuring pass of sh: chooses the column widths, adds the sheet
 * named name, its print set-up and the official frame with heading (rows 0
 * to WB_HEAD_ROW - 1), then the table header titles[ncols] (repeated on
 * every printed page) when titles is not NULL.  Returns false when the
 * sheet could not be added (the error is in x). */
bool wb_sheet_begin(wb_sheet *sh, const char *name, const char *heading, const char *const *titles);

/* Writes the table header titles[ncols] at sh->row (measuring or writing)
 * and moves to the next row. */
void wb_table_header(wb_sheet *sh, const char *const *titles);

/* What a sheet is, for its end (wb_sheet_end). */
typedef enum {
    WB_LIST,    /* a table: filter, frozen header, legend, signatures */
    WB_FIGURES, /* tables and charts to look at: none of those */
} wb_sheet_kind;

/* An entry of the legend of the colours under a table. */
typedef struct {
    wb_format swatch; /* F_KEY_... */
    const char *text;
} wb_legend;

/* Ends a sheet: for a WB_LIST an autofilter over the table and frozen panes
 * below its header, the legend (legend[nlegend] entries, may be 0) and the
 * signature block; for every sheet the page breaks and the footer
 * "Trang x/y". */
void wb_sheet_end(wb_sheet *sh, wb_sheet_kind kind, const wb_legend *legend, size_t nlegend);

/* Cell writers: record the first error, do nothing after one.  wb_str writes
 * any text as a string (never a formula or number), made safe first. */
void wb_str(wb_sheet *sh, int col, const char *text, wb_format f);
void wb_num(wb_sheet *sh, int col, double value, wb_format f);
void wb_blank(wb_sheet *sh, int col, wb_format f);
void wb_formula(wb_sheet *sh, int col, const char *formula, double cached, wb_format f);
void wb_day(wb_sheet *sh, int col, civil_day day, wb_format f);
void wb_time(wb_sheet *sh, int col, int64_t epoch, wb_format f);
/* Merges columns [first_col, last_col] of the current row with text; the
 * text is not measured (it spans columns), but the row is made tall enough. */
void wb_merge(wb_sheet *sh, int first_col, int last_col, const char *text, wb_format f);

/* Gives the current row a fixed height in points instead of one computed
 * from its cells. */
void wb_row_height(wb_sheet *sh, double points);

/* Ends the current row: sets its height and keeps count of the printed page. */
void wb_next_row(wb_sheet *sh);

/* Adds a formula conditional format over rows [first, last] of every column
 * of sh; formula refers to the first row ("=$F10=\"Trễ hạn\"").  Nothing
 * while measuring. */
void wb_conditional(wb_sheet *sh, lxw_row_t first, lxw_row_t last, const char *formula,
                    wb_format f);

/* wb_conditional with the formula "the cell of column col (0-based) in the
 * row equals text": the whole row is highlighted with f. */
void wb_highlight_equal(wb_sheet *sh, lxw_row_t first, lxw_row_t last, int col, const char *text,
                        wb_format f);

/* Keeps the first error; true while there is none. */
bool wb_check(wb_ctx *x, lxw_error e);

/* Makes the workbook's formats (x->wb must be open). */
void wb_make_formats(wb_ctx *x);

/* Width of text in points, set in Times New Roman of size points (bold or
 * not), from Liberation Serif's metrics (font_metrics.c). */
double wb_text_points(const char *text, double size, bool bold);

/* wb_text_points of the first n bytes of s. */
double wb_span_points(const char *s, size_t n, double size, bool bold);

/* Where wb_measure_text records a cell's text: the widths (points) of a
 * column's widest word and widest line, the sum of its lines' widths and
 * its count of cells with text; borrowed from the sheet. */
typedef struct {
    double *word, *line, *ink, *cells;
} wb_extent;

/* Measures text, set in size points (bold or not), in one pass: raises
 * *e->word to the width of its widest word (words end at spaces and line
 * breaks); when lines and text is not empty, raises *e->line to its widest
 * line, adds each line's width to *e->ink and one to *e->cells.  The widths
 * are wb_span_points' of each word and line, to the last bit. */
void wb_measure_text(const char *text, double size, bool bold, bool lines, wb_extent *e);

/* Lines text takes when wrapped at spaces in a column width points wide
 * (a word wider than the column takes as many lines as it needs). */
int wb_text_lines(const char *text, double width, double size, bool bold);

/* The sheets, in workbook order; "Lỗi dữ liệu" and "Lịch sử nộp" only in
 * the clerk's (--full) workbook. */
void sheet_summary(wb_ctx *x);
void sheet_categories(wb_ctx *x);
void sheet_detail(wb_ctx *x);
void sheet_missing(wb_ctx *x);
void sheet_findings(wb_ctx *x);
void sheet_ledger(wb_ctx *x);
void sheet_chart(wb_ctx *x);

/* The writers format what the model holds: once a workbook is open nothing
 * reads the store (or computes from it) again.  The compiler holds them to
 * it: after this header these names are an error. */
#pragma GCC poison store_open store_list_submissions store_foreach_activity store_load_findings
#pragma GCC poison store_effective_submission store_find_sha store_add_submission
#pragma GCC poison consolidate_status consolidate_compute consolidate_submission_totals
#pragma GCC poison consolidate_ledger consolidate_typical export_model_build

/* Checks the finished file at path: a sound zip whose worksheet i is
 * complete XML reaching row last_rows[i] (1-based; 0: no rows).  Catches a
 * sheet truncated when temporary space ran out, which libxlsxwriter does not
 * report.  TH_ERR_IO / TH_ERR_NOSPACE with a message in err. */
th_error wb_verify(const char *path, const uint32_t *last_rows, size_t nsheets, char *err,
                   size_t errlen);

#endif
