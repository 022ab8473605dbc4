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
#include "fuzz_support.h"
#include "report_reader.h"

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
