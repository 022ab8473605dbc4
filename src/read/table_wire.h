/*
 * table_wire.h - a raw_table and its findings as bytes, to pass them from a
 * child process that read a file to the parent.
 *
 * The .xls reader runs libfreexl in a child process (xls_reader.c): a
 * crafted workbook that makes the library read out of bounds or loop then
 * costs that child, not the batch.  Both ends are the same binary, so the
 * numbers are written in the machine's own byte order.
 */
#ifndef TONGHOP_TABLE_WIRE_H
#define TONGHOP_TABLE_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "finding.h"
#include "report_reader.h"

/* Writes the records of table (with its sheet) and the findings to out.
 * Returns false when a write failed. */
bool table_wire_write(FILE *out, const raw_table *table, const finding_list *findings);

/* Reads what table_wire_write wrote, bytes[0..n), into table (its records and
 * sheet; the caller zeroed it) and appends the findings to findings, named
 * file.  Returns TH_OK, TH_ERR_NOMEM, or TH_ERR_INTERNAL when the bytes are
 * not a whole message (then nothing was added). */
th_error table_wire_read(const unsigned char *bytes, size_t n, const char *file, raw_table *table,
                         finding_list *findings);

#endif
