/*
 * template.h - the blank report a unit fills in (`tonghop template`): a CSV
 * (UTF-8 with BOM, the Vietnamese headers) or a fill-in workbook (.xlsx with
 * drop-down lists, validation, an instructions sheet and a protected header).
 *
 * Both have the columns of report_schema in its order, so what a unit sends
 * back imports like any report.  Neither has an example row: a row a unit
 * edits but leaves marked as an example would be silently dropped, one it
 * forgets to delete would be counted, and the importer would need a rule for
 * both.  The guidance goes into the workbook's instructions sheet, input
 * messages and drop-down lists instead.  Files are written under a temporary
 * name and renamed into place (export_temp), like the exports.
 */
#ifndef TONGHOP_TEMPLATE_H
#define TONGHOP_TEMPLATE_H

#include <stddef.h>

#include "campaign.h"
#include "error.h"

typedef enum { TEMPLATE_CSV, TEMPLATE_XLSX } template_format;

/* Returns the file name of the template of the unit with code unit_code
 * (NULL: the template for any unit): the code made safe as a file name
 * (template_safe_name) and ".csv" or ".xlsx"; "mau-bao-cao.csv" or
 * "mau-bao-cao.xlsx" for any unit.  Newly allocated; NULL when out of
 * memory. */
char *template_file_name(const char *unit_code, template_format fmt);

/* Writes into out (at least n + 1 bytes, n = strlen(code)) the code made
 * safe as a file name inside a folder: every byte that is not an ASCII
 * letter, digit, '-' or '_' becomes '_' (so no '/', no '..', no control or
 * non-ASCII byte), and an empty code becomes "_". */
void template_safe_name(const char *code, char *out);

/* Fills order (c->ncategories entries) with the category indices in the
 * order a drop-down lists them: the categories unit u must report first,
 * then the others, each group in categories.csv order.  u < 0 (any unit):
 * categories.csv order.  Returns how many are required of u. */
size_t template_category_order(const campaign *c, long u, size_t *order);

/* Writes the template of unit u (index into c->units; -1 for any unit) to
 * path in format fmt, through a temporary file in path's folder.  Returns
 * TH_OK; TH_ERR_IO / TH_ERR_NOSPACE / TH_ERR_NOMEM with the reason (the
 * system's or libxlsxwriter's message) in err, and then nothing is left at
 * path or in its folder. */
th_error template_write(const campaign *c, long u, template_format fmt, const char *path, char *err,
                        size_t errlen);

/* The workbook writer behind template_write (template_xlsx.c, the only part
 * that includes xlsxwriter.h): writes the workbook of unit u to tmp_path,
 * an existing file it replaces.  Same returns as template_write; the caller
 * removes tmp_path on failure. */
th_error template_write_xlsx(const campaign *c, long u, const char *tmp_path, char *err,
                             size_t errlen);

#endif
