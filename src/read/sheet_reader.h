/*
 * sheet_reader.h - the spreadsheet readers: .xlsx and .ods (zip + XML,
 * through libzip and expat, streamed) and .xls (Excel 97-2003, through
 * libfreexl).  Each reads the sheet that holds the report into the same
 * raw_table the CSV reader produces (sheet_table.h says which sheet, and
 * how cells become text), so validation, findings, storage and export are
 * the same code for every kind of file.
 *
 * Contract of all three, as reader_read_bytes: a problem that rejects the
 * whole file (damaged, encrypted, too large unpacked, an XML declaration,
 * a formula without its value, over a reader limit) is appended to
 * findings as a file error and leaves the table empty; findings about a
 * cell name its sheet ("Sheet1!D7").  Return TH_OK (also when the file
 * was rejected) or TH_ERR_NOMEM; raw_table_release frees the table in
 * every case.
 */
#ifndef TONGHOP_SHEET_READER_H
#define TONGHOP_SHEET_READER_H

#include <stddef.h>

#include "error.h"
#include "finding.h"
#include "report_reader.h"
#include "sheet_table.h"
#include "sheet_xml.h"
#include "sheet_zip.h"

/* The mimetype entry of an OpenDocument spreadsheet. */
#define SHEET_ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"

/* Returns the unpacking budget for limits (LIMIT_SHEET_UNPACKED_FACTOR). */
size_t sheet_max_unpacked(const reader_limits *limits);

/* Reads the Office Open XML workbook (.xlsx, .xlsm) bytes[0..n). */
th_error xlsx_read(const unsigned char *bytes, size_t n, const char *name,
                   const reader_limits *limits, raw_table *table, finding_list *findings);

/* Reads the OpenDocument spreadsheet (.ods) bytes[0..n). */
th_error ods_read(const unsigned char *bytes, size_t n, const char *name,
                  const reader_limits *limits, raw_table *table, finding_list *findings);

/* Reads the Excel 97-2003 workbook (.xls, BIFF in an OLE2 file) bytes[0..n).
 * libfreexl reads only from a path: the bytes go to a private temporary
 * file ($TMPDIR, else /tmp) that is removed before returning. */
th_error xls_read(const unsigned char *bytes, size_t n, const char *name,
                  const reader_limits *limits, raw_table *table, finding_list *findings);

/* Returns the file error for an XML entry of a zip container that failed
 * with xs (zs: the zip's own status when xs is SHEET_XML_ZIP; for the
 * container itself pass SHEET_XML_ZIP and its status): bad-spreadsheet,
 * encrypted, spreadsheet-too-large or unsafe-xml; FC_COUNT when the failure
 * is only that memory ran out. */
finding_code sheet_failure_code(sheet_xml_status xs, sheet_zip_status zs);

/* Adds the file error of sheet_failure_code(xs, zs) about name, with
 * detail.  Returns TH_OK or TH_ERR_NOMEM (also when that is the failure). */
th_error sheet_add_failure(finding_list *findings, const char *name, sheet_xml_status xs,
                           sheet_zip_status zs, const char *detail);

/* After a sheet's XML was parsed into b with the result xs (zs), or with
 * memory run out (nomem): stops b with the file error or SHEET_NOMEM; does
 * nothing when the parse ended well. */
void sheet_read_failed(sheet_table *b, sheet_xml_status xs, sheet_zip_status zs, bool nomem,
                       const char *detail);

#endif
