/*
 * report_format.h - which reader a received file needs, decided by its
 * content, with its name's extension as a hint.
 *
 * A zip archive holding an OpenDocument spreadsheet (its mimetype entry) is
 * read as .ods, one holding an Office Open XML workbook as .xlsx; an OLE2
 * file as .xls (or, holding EncryptionInfo, as the encrypted .xlsx it is);
 * anything else as CSV text.  So a .xlsx renamed .csv still reads, and a
 * file whose name promises a spreadsheet but whose bytes are not one gets
 * a finding that says so instead of a cascade of CSV findings.
 */
#ifndef TONGHOP_REPORT_FORMAT_H
#define TONGHOP_REPORT_FORMAT_H

#include <stddef.h>

#include "error.h"
#include "finding.h"
#include "report_reader.h"

typedef enum {
    REPORT_CSV = 0,
    REPORT_XLSX,
    REPORT_ODS,
    REPORT_XLS,
    REPORT_ENCRYPTED_OOXML, /* an .xlsx (or .docx) saved with a password */
    REPORT_OTHER_ZIP,       /* a zip that is no spreadsheet (.docx, an archive) */
    REPORT_NOT_SPREADSHEET, /* named as a spreadsheet, but binary and no zip nor OLE2 */
    REPORT_MARKUP,          /* named as a spreadsheet, but an HTML or XML page (what web
                               systems export as "Excel", or Excel 2003's XML) */
} report_format;

/* Decides the format of bytes[0..n) named name (see above). */
report_format report_format_detect(const unsigned char *bytes, size_t n, const char *name);

/* True when name ends in the extension of a report a folder is read for:
 * .csv, .xlsx, .xlsm, .ods or .xls, in any case.  (A .txt, such as Excel's
 * "Unicode Text", is read when given by name, but in a folder it is more
 * often a note than a report.) */
bool report_format_known_extension(const char *name);

/* Reads the report bytes[0..n) named name with the reader its format needs
 * (reader_read_bytes, xlsx_read, ods_read, xls_read), under the same
 * contract as reader_read_bytes. */
th_error report_format_read(const unsigned char *bytes, size_t n, const char *name,
                            const reader_limits *limits, raw_table *table, finding_list *findings);

#endif
