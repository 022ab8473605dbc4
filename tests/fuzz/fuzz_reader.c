/*
 * fuzz_reader.c - libFuzzer target: arbitrary bytes through the read stage
 * (encoding detection, NFC, dialect sniffing, libcsv parsing, limits).
 *
 * Besides not crashing, the reader's contract is checked: a file error and
 * records never come together, and every cell of every record is valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "report_reader.h"
#include "text.h"

/* Small limits so that the limit paths are reached by small inputs too. */
static reader_limits small_limits(void)
{
    reader_limits l = {
        .max_file_bytes = 1 << 20,
        .max_field_bytes = 300,
        .max_records = 200,
        .max_columns = 20,
    };
    return l;
}

static void check_table(const raw_table *t, const finding_list *findings)
{
    if (finding_list_has_file_error(findings) && t->nrecords != 0)
        abort();
    if (t->delimiter != ',' && t->delimiter != ';' && t->delimiter != '\t')
        abort();
    for (size_t i = 0; i < t->nrecords; i++) {
        const raw_record *r = &t->records[i];
        if (r->ncells == 0 || r->line == 0 || (i > 0 && r->line <= t->records[i - 1].line))
            abort();
        for (size_t c = 0; c < r->ncells; c++)
            if (!text_is_utf8(r->cells[c], strlen(r->cells[c]), NULL))
                abort();
        if (r->cells[r->ncells - 1][0] == '\0') /* trailing empty cells are dropped */
            abort();
    }
}

static void read_once(const uint8_t *data, size_t size, const reader_limits *limits)
{
    raw_table table;
    finding_list findings;
    finding_list_init(&findings);
    if (reader_read_bytes(data, size, "fuzz.csv", limits, &table, &findings) == TH_OK)
        check_table(&table, &findings);
    raw_table_release(&table);
    finding_list_release(&findings);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reader_limits small = small_limits();
    read_once(data, size, NULL);
    read_once(data, size, &small);
    return 0;
}
