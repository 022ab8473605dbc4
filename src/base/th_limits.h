/*
 * th_limits.h - every limit tonghop enforces, each with the reason for its value.
 *
 * In the manner of SQLite's sqliteLimit.h: a limit is a promise to the user
 * (what input is accepted, what output can hold), so it is written once,
 * here, and every check, default and message uses the name.  See
 * docs/design.md §10.  Only macros: no code, so any module may include it.
 */
#ifndef TONGHOP_TH_LIMITS_H
#define TONGHOP_TH_LIMITS_H

/* Turns a limit's value into a string literal for messages and usage text,
 * so the text cannot drift from the value. */
#define LIMIT_STR_(x) #x
#define LIMIT_STR(x) LIMIT_STR_(x)

/* ---- what a cell holds ---------------------------------------------------- */

/* The most characters (code points) one Excel cell holds.  libxlsxwriter
 * refuses a longer string (LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) and writes
 * nothing, so a longer report text is a row error and text tonghop composes
 * is cut to it. */
#define LIMIT_CELL_CHARS 32767

/* ---- the reader's defaults (check/import --max-...) ----------------------- */

/* --max-file-size, in MiB: far above any real report (a few hundred KB), low
 * enough that reading one file (about seven times its size at worst) stays
 * well inside a small machine's memory. */
#define LIMIT_FILE_MIB 64
/* --max-field-size, in MiB: several times the longest cell Excel holds in
 * UTF-8 (LIMIT_CELL_CHARS x at most 4 bytes), so a long but honest cell reaches validation
 * and gets a clear text-too-long; a runaway unterminated quote does not. */
#define LIMIT_FIELD_MIB 1
/* --max-rows: records in one file; a little more than one Excel sheet
 * (1,048,576 rows), the most a unit could have typed in a spreadsheet. */
#define LIMIT_RECORDS 1100000
/* --max-columns: cells in one record; the report has 13 columns, and a
 * spreadsheet saved with stray cells far to the right stays well below. */
#define LIMIT_COLUMNS 256

/* The reader feeds libcsv at most this many bytes at a time, so a runaway
 * field is noticed (by its buffer size) before it grows much past the field
 * limit. */
#define LIMIT_CSV_FEED_BYTES (64 * 1024)

/* ---- spreadsheets (src/read/sheet_*.c, xlsx_, ods_, xls_reader.c) -------- */

/* Excel's last row and column (XFD): a cell beyond them is a damaged file. */
#define LIMIT_SHEET_ROWS 1048576
#define LIMIT_SHEET_COLUMNS 16384
/* The header row must be within a sheet's first 20 rows (a title block of
 * an official report takes five to ten) and name at least 3 report columns
 * (the report has four required ones; a title line names none). */
#define LIMIT_SHEET_HEADER_ROWS 20
#define LIMIT_SHEET_HEADER_MATCHES 3
/* An .xlsx or .ods may unpack to this many times --max-file-size in all
 * (1 GiB by default): a sheet of a million rows of a dozen columns is about
 * half of that in XML. */
#define LIMIT_SHEET_UNPACKED_FACTOR 16
/* No zip entry larger than LIMIT_ZIP_RATIO_FLOOR_BYTES unpacked may be
 * compressed more than this to 1: real sheets compress 5-20 to 1, even
 * LibreOffice's million empty styled rows stay far below; a zip bomb is in
 * the thousands. */
#define LIMIT_ZIP_RATIO 200
#define LIMIT_ZIP_RATIO_FLOOR_BYTES (1024 * 1024)
/* Shared strings are held in memory: at most this many times
 * --max-file-size of them. */
#define LIMIT_SHARED_STRINGS_FACTOR 2
/* What is matched against what while reading a workbook, capped so that a
 * crafted one cannot make it quadratic: far more than any real workbook
 * has (Excel allows 64,000 cell formats and about 250 custom number
 * formats). */
#define LIMIT_SHEET_STYLES 65536
#define LIMIT_SHEET_NUMFMTS 1024
#define LIMIT_SHEET_SHEETS 1024
#define LIMIT_SHEET_RELS 4096
#define LIMIT_SHEET_HIDDEN_STYLES 1024
/* The child process reading one .xls (libfreexl) is stopped after this many
 * seconds: a 64 MiB workbook reads in a few. */
#define LIMIT_XLS_SECONDS 120

/* ---- folders -------------------------------------------------------------- */

/* Subfolders of an inbox deeper than this are named, not read: clerks keep
 * a folder per day, perhaps per unit, not sixteen levels. */
#define LIMIT_INBOX_DEPTH 16

/* ---- values in reports ---------------------------------------------------- */

/* Counts and money above this are refused: no report holds more, and it
 * leaves room to add thousands of them without int64 overflow. */
#define LIMIT_COUNT_MAX 1000000000000000LL

/* Years a date may have: a four-digit year that is plausibly a report's
 * (also keeps day arithmetic far from overflow). */
#define LIMIT_YEAR_MIN 1900
#define LIMIT_YEAR_MAX 2200

/* The largest UTC offset of a campaign's zone, in minutes: UTC+14:00
 * (Kiribati) and UTC-12:00 are the extremes in use. */
#define LIMIT_UTC_OFFSET_MIN (14 * 60)

/* ---- the outlier warning -------------------------------------------------- */

/* An indicator is an outlier when it exceeds LIMIT_OUTLIER_FACTOR times the
 * typical (median) value of the other units' activities in its category, and
 * LIMIT_OUTLIER_FLOOR: twenty times the median catches a typing slip (an
 * extra digit or two) without flagging a big district; below the floor
 * nothing is implausible enough to bother a clerk. */
#define LIMIT_OUTLIER_FACTOR 20
#define LIMIT_OUTLIER_FLOOR 1000
/* A median needs this many values before it is trusted as "typical". */
#define LIMIT_OUTLIER_MIN_SAMPLE 5
/* Values kept per category and indicator to find that median: up to this
 * many it is exact; past it, it is the median of a uniform sample of this
 * many (reservoir sampling, the same for the same store), which is within
 * about 1 % of the median's rank, so memory does not grow with the rows
 * (6 million values took 100 MiB at national scale) while a factor of 20
 * judges the same. */
#define LIMIT_OUTLIER_SAMPLE_MAX 8192
/* ... and the activities in effect read to find it: the reports in effect
 * are taken whole, in a fixed pseudo-random order, until this many rows
 * were read (all of them in a smaller store).  Reading all of a national
 * store's million rows was most of an import that brings one new file. */
#define LIMIT_OUTLIER_SAMPLE_ROWS 100000

/* ---- the store ------------------------------------------------------------ */

/* How long a run waits for another run's lock on the store, in ms, before
 * it gives up with "locked": long enough for another import's transaction
 * of one file, short enough for a nightly job to fail visibly. */
#define LIMIT_STORE_BUSY_MS 5000

/* An import writes its files in groups, one store transaction per group
 * (a savepoint per file: each file is still stored whole or not at all).
 * A group ends after this many files, this many bytes of files, or this
 * many ms, whichever comes first: few commits, and another run waits for
 * the lock far less than LIMIT_STORE_BUSY_MS. */
#define LIMIT_IMPORT_GROUP_FILES 256
#define LIMIT_IMPORT_GROUP_BYTES (4u << 20)
#define LIMIT_IMPORT_GROUP_MS 500
/* What a file's savepoint in a group may hold in memory (the store's pages
 * it changed, as they were) before SQLite spills it to a temporary file. */
#define LIMIT_STORE_SUBJOURNAL_BYTES (4u << 20)

/* While the store takes one file, a second thread reads, hashes and checks
 * the next ones: at most this many files, and no more once this many bytes
 * of files are waiting (memory stays flat in the number of files; a file
 * checked takes several times its size). */
#define LIMIT_IMPORT_AHEAD_FILES 32
#define LIMIT_IMPORT_AHEAD_BYTES (2u << 20)

/* How long `run`, `import` or `remind` waits for another one to finish with
 * the same store (the lock file beside it, store_lock.h), in ms: a nightly
 * run that meets a clerk's import waits for it, but a run stuck for a
 * minute is reported (exit 2) rather than waited for all night.
 * $TONGHOP_LOCK_WAIT (seconds) overrides it. */
#define LIMIT_RUN_LOCK_WAIT_MS 60000

/* ---- free space for an export --------------------------------------------- */

/* Before writing, an export checks that the output's file system has about
 * what libxlsxwriter's constant-memory mode needs (twice the sheet XML in
 * temporary files, then the zip; docs/design.md §11.1), so a full disk is
 * refused early instead of after all the work: */
/* per detail row: its sheet XML, held twice (temporary file, then zip), and
 * its record in the activity spill (an 80-byte head and its two texts) */
#define LIMIT_EXPORT_BYTES_PER_ROW 2400
/* per submission: its line in the ledger and its findings */
#define LIMIT_EXPORT_BYTES_PER_SUBMISSION 4096
/* the fixed sheets, styles and the zip's own overhead */
#define LIMIT_EXPORT_BYTES_FIXED (16u << 20)

#endif
