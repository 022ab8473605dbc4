/*
 * report_reader.h - reads a CSV report into a table of text cells.
 *
 * The read stage: file -> bytes -> UTF-8 NFC text (decode.h) -> dialect
 * sniffed (comma, semicolon or tab; an Excel "sep=" first line wins) ->
 * records parsed with libcsv (RFC 4180 quoting, CRLF/LF/CR) with the line
 * each record starts on.  Blank records and trailing empty cells are dropped.
 * No cell is interpreted here: that is the validator's job.
 */
#ifndef TONGHOP_REPORT_READER_H
#define TONGHOP_REPORT_READER_H

#include <stddef.h>

#include "decode.h"
#include "error.h"
#include "finding.h"

/* Limits enforced with a finding rather than by running out of memory. */
typedef struct {
    size_t max_file_bytes;  /* default LIMIT_FILE_MIB MiB */
    size_t max_field_bytes; /* default LIMIT_FIELD_MIB MiB */
    size_t max_records;     /* default LIMIT_RECORDS */
    size_t max_columns;     /* default LIMIT_COLUMNS */
} reader_limits;

/* Returns the default limits. */
reader_limits reader_default_limits(void);

typedef struct {
    char **cells;  /* ncells NUL-terminated UTF-8 NFC strings; owned, one block
                      with the texts (free(cells) frees all) */
    size_t ncells; /* trailing empty cells removed; never 0 */
    size_t line;   /* 1-based line of the file where the record starts, less
                      raw_table.lines_hidden */
} raw_record;

typedef struct {
    raw_record *records; /* records[0] is the header row */
    size_t nrecords;
    char delimiter;         /* ',', ';' or '\t' */
    text_encoding encoding; /* as decode_text found it */
    size_t lines_hidden;    /* lines before the header that Excel does not show (a
                               "sep=" line): records are numbered as Excel's rows,
                               this many less than the file's lines */
    const char *format;     /* NULL for CSV, else "xlsx", "ods" or "xls" (static) */
    char *sheet;            /* a spreadsheet's sheet the records come from (their
                               line is its row number), else NULL; owned */
} raw_table;

/* Returns what the ledger shows as the file's encoding: the CSV's text
 * encoding ("UTF-8 (BOM)"), or the spreadsheet format ("xlsx"). */
const char *reader_table_encoding(const raw_table *table);

/* Reads report bytes[0..n); name is the file name used in findings.  Problems
 * that reject the whole file (empty, binary, bad encoding, broken quoting,
 * over a limit) are appended to findings as file errors and the table is left
 * empty.  Returns TH_OK (also when the file was rejected) or TH_ERR_NOMEM.
 * The table must be released with raw_table_release in every case. */
th_error reader_read_bytes(const unsigned char *bytes, size_t n, const char *name,
                           const reader_limits *limits, raw_table *table, finding_list *findings);

/* Reads the file at path as reader_read_bytes does; an unreadable file or
 * one over limits->max_file_bytes is a file error finding, not a th_error. */
th_error reader_read_file(const char *path, const char *name, const reader_limits *limits,
                          raw_table *table, finding_list *findings);

/* Loads the bytes of the regular file at path into a newly allocated *bytes
 * (*n bytes; the caller frees it).  A file that cannot be read or is over
 * limits->max_file_bytes becomes a file error finding and leaves *bytes
 * NULL.  Returns TH_OK or TH_ERR_NOMEM. */
th_error reader_load_file(const char *path, const char *name, const reader_limits *limits,
                          unsigned char **bytes, size_t *n, finding_list *findings);

/* Frees what table owns and zeroes it. */
void raw_table_release(raw_table *table);

#endif
