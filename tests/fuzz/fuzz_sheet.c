/*
 * fuzz_sheet.c - libFuzzer target: the spreadsheet readers (.xlsx, .ods,
 * .xls) and the choice between them.
 *
 * Random bytes rarely survive a zip's checksums, so the first byte picks
 * how the rest is used: 0 as a whole file named .xlsx (format detection,
 * libzip, freexl on OLE2 input); 1 as the XML parts of an .xlsx (sheet1,
 * shared strings, styles, workbook, split at "\n#\n") zipped here, so the
 * mutations reach expat and the cell handling; 2 as the content.xml and
 * manifest of an .ods; 3 as a whole file named .xls.  The reader's
 * contract is checked as in fuzz_reader: a file error and records never
 * come together, lines increase, cells are valid UTF-8 and the last cell of
 * a record is never empty.
 *
 * libfreexl itself is not instrumented, and it reads .xls in a child process
 * (xls_reader.c): when ASan's interceptors catch it reading out of bounds
 * (tests/fuzz/corpus/fuzz_sheet/freexl-overread), the child dies, leaves
 * its report and a crash-* file, and this process goes on with the
 * bad-spreadsheet finding that the parent makes of it, as tonghop would.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../support/zip_build.h"
#include "finding.h"
#include "fuzz_support.h"
#include "report_format.h"
#include "report_reader.h"
#include "text.h"

static void read_once(const uint8_t *data, size_t size, const char *name,
                      const reader_limits *limits)
{
    raw_table table;
    finding_list findings;
    finding_list_init(&findings);
    if (report_format_read(data, size, name, limits, &table, &findings) == TH_OK) {
        check_table(&table, &findings);
        if (table.nrecords > 0 && table.format != NULL && table.sheet == NULL)
            abort(); /* a spreadsheet's records always say their sheet */
    }
    raw_table_release(&table);
    finding_list_release(&findings);
}

/* Splits text at "\n#\n" into at most n NUL-terminated parts (in place). */
static size_t split(char *text, char **parts, size_t n)
{
    size_t k = 0;
    while (k < n) {
        parts[k++] = text;
        char *sep = strstr(text, "\n#\n");
        if (sep == NULL)
            break;
        *sep = '\0';
        text = sep + 3;
    }
    return k;
}

static void read_built(const uint8_t *data, size_t size, int kind)
{
    char *text = malloc(size + 1);
    if (text == NULL)
        return;
    memcpy(text, data, size);
    text[size] = '\0';
    char *p[4] = {NULL, NULL, NULL, NULL};
    split(text, p, 4);
    size_t len = 0;
    unsigned char *zip =
        kind == 1 ? xlsx_build(p[3], p[0], NULL, p[1], p[2], &len) : ods_build(p[0], p[1], &len);
    free(text);
    if (zip == NULL)
        return;
    reader_limits small = small_limits();
    read_once(zip, len, kind == 1 ? "fuzz.xlsx" : "fuzz.ods", NULL);
    read_once(zip, len, kind == 1 ? "fuzz.xlsx" : "fuzz.ods", &small);
    free(zip);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    int mode = data[0] % 4;
    reader_limits small = small_limits();
    if (mode == 1 || mode == 2) {
        read_built(data + 1, size - 1, mode);
    } else {
        const char *name = mode == 0 ? "fuzz.xlsx" : "fuzz.xls";
        read_once(data + 1, size - 1, name, NULL);
        read_once(data + 1, size - 1, name, &small);
    }
    return 0;
}
