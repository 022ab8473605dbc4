/*
 * sheet_reader.c - what the spreadsheet readers share (see sheet_reader.h):
 * the unpacking budget, and turning a failed zip or XML part into a finding.
 */
#include "sheet_reader.h"

#include <stdint.h>

#include "sheet_table.h"
#include "th_limits.h"

size_t sheet_max_unpacked(const reader_limits *limits)
{
    size_t m = limits->max_file_bytes;
    return m > SIZE_MAX / LIMIT_SHEET_UNPACKED_FACTOR ? SIZE_MAX : m * LIMIT_SHEET_UNPACKED_FACTOR;
}

finding_code sheet_failure_code(sheet_xml_status xs, sheet_zip_status zs)
{
    if (xs == SHEET_XML_NOMEM || (xs == SHEET_XML_ZIP && zs == SHEET_ZIP_NOMEM))
        return FC_COUNT;
    if (xs == SHEET_XML_UNSAFE)
        return FC_UNSAFE_XML;
    if (xs == SHEET_XML_ZIP && zs == SHEET_ZIP_TOO_LARGE)
        return FC_SPREADSHEET_TOO_LARGE;
    if (xs == SHEET_XML_ZIP && zs == SHEET_ZIP_ENCRYPTED)
        return FC_ENCRYPTED;
    return FC_BAD_SPREADSHEET;
}

th_error sheet_add_failure(finding_list *findings, const char *name, sheet_xml_status xs,
                           sheet_zip_status zs, const char *detail)
{
    finding_code code = sheet_failure_code(xs, zs);
    if (code == FC_COUNT)
        return TH_ERR_NOMEM;
    return finding_list_add(findings, code, name, 0, 0, NULL, "%s", detail);
}

void sheet_read_failed(sheet_table *b, sheet_xml_status xs, sheet_zip_status zs, bool nomem,
                       const char *detail)
{
    finding_code code = sheet_failure_code(xs, zs);
    if (nomem || (code == FC_COUNT && xs != SHEET_XML_OK && xs != SHEET_XML_STOPPED))
        b->state = SHEET_NOMEM;
    else if (xs != SHEET_XML_OK && xs != SHEET_XML_STOPPED)
        sheet_table_fail(b, code, 0, 0, "%s", detail);
}
