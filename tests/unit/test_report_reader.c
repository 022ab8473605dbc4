/*
 * test_report_reader.c - unit tests of the CSV read stage (report_reader.c).
 *
 * Reports are fed from memory: dialect sniffing, sep= lines, RFC 4180
 * quoting, line numbers under CRLF/LF/CR, blank records, limits and the
 * file errors a broken file must give.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report_reader.h"

/* One read: the table, the findings and the call's result. */
typedef struct {
    raw_table table;
    finding_list findings;
    th_error err;
} reading;

static void read_mem(reading *r, const void *bytes, size_t n, const reader_limits *limits)
{
    finding_list_init(&r->findings);
    r->err = reader_read_bytes(bytes, n, "r.csv", limits, &r->table, &r->findings);
}

static void read_str(reading *r, const char *s)
{
    read_mem(r, s, strlen(s), NULL);
}

static void done(reading *r)
{
    raw_table_release(&r->table);
    finding_list_release(&r->findings);
}

/* Checks record i: its line and its cells, given as a NULL-ended list. */
static void check_record(const raw_table *t, size_t i, size_t line, ...)
{
    assert_true(i < t->nrecords);
    const raw_record *rec = &t->records[i];
    assert_int_equal(rec->line, line);
    va_list ap;
    va_start(ap, line);
    size_t k = 0;
    for (const char *want; (want = va_arg(ap, const char *)) != NULL; k++) {
        assert_true(k < rec->ncells);
        assert_string_equal(rec->cells[k], want);
    }
    va_end(ap);
    assert_int_equal(rec->ncells, k);
}

/* Checks the read was rejected with exactly one finding of code at row. */
static void check_rejected(const reading *r, finding_code code, size_t row, size_t column)
{
    assert_int_equal(r->err, TH_OK);
    assert_int_equal(r->table.nrecords, 0);
    assert_null(r->table.records);
    assert_int_equal(r->findings.count, 1);
    const finding *f = &r->findings.items[0];
    assert_int_equal(f->code, code);
    assert_int_equal(f->row, row);
    assert_int_equal(f->column, column);
    assert_string_equal(f->file, "r.csv");
}

static void test_default_limits(void **state)
{
    (void)state;
    reader_limits l = reader_default_limits();
    assert_int_equal(l.max_file_bytes, 64 * 1024 * 1024);
    assert_int_equal(l.max_field_bytes, 1024 * 1024);
    assert_int_equal(l.max_records, 1100000);
    assert_int_equal(l.max_columns, 256);
}

static void test_comma(void **state)
{
    (void)state;
    reading r;
    read_str(&r, "ma,ten,so\n1, hai ,3\nx,\" y \",z");
    assert_int_equal(r.err, TH_OK);
    assert_int_equal(r.findings.count, 0);
    assert_int_equal(r.table.delimiter, ',');
    assert_int_equal(r.table.encoding, ENCODING_UTF8);
    assert_int_equal(r.table.nrecords, 3);
    check_record(&r.table, 0, 1, "ma", "ten", "so", (const char *)NULL);
    check_record(&r.table, 1, 2, "1", "hai", "3", (const char *)NULL);
    check_record(&r.table, 2, 3, "x", " y ", "z", (const char *)NULL);
    done(&r);
}

static void test_semicolon_with_quoted_comma_header(void **state)
{
    (void)state;
    reading r;
    read_str(&r, "\"Mã, đơn vị\";Nội dung;Số\nBP01;Hội thảo, tọa đàm;1,5\n");
    assert_int_equal(r.findings.count, 0);
    assert_int_equal(r.table.delimiter, ';');
    assert_int_equal(r.table.nrecords, 2);
    check_record(&r.table, 0, 1, "Mã, đơn vị", "Nội dung", "Số", (const char *)NULL);
    check_record(&r.table, 1, 2, "BP01", "Hội thảo, tọa đàm", "1,5", (const char *)NULL);
    done(&r);

    /* The most frequent wins: two ';' against one ','. */
    read_str(&r, "a,b;c;d\n");
    assert_int_equal(r.table.delimiter, ';');
    check_record(&r.table, 0, 1, "a,b", "c", "d", (const char *)NULL);
    done(&r);
}

static void test_tab(void **state)
{
    (void)state;
    reading r;
    read_str(&r, "ma\tten\tso\n 1 \t\t3\n\tb\n");
    assert_int_equal(r.findings.count, 0);
    assert_int_equal(r.table.delimiter, '\t');
    assert_int_equal(r.table.nrecords, 3);
    check_record(&r.table, 0, 1, "ma", "ten", "so", (const char *)NULL);
    /* Spaces are still trimmed; a tab is a delimiter, never trimmed away. */
    check_record(&r.table, 1, 2, "1", "", "3", (const char *)NULL);
    check_record(&r.table, 2, 3, "", "b", (const char *)NULL);
    done(&r);
}

static void test_sniff_ties_and_none(void **state)
{
    (void)state;
    reading r;
    read_str(&r, "a,b;c\td\n");
    assert_int_equal(r.table.delimiter, '\t');
    done(&r);
    read_str(&r, "a,b;c\n");
    assert_int_equal(r.table.delimiter, ';');
    done(&r);
    read_str(&r, "abc\n1\n");
    assert_int_equal(r.table.delimiter, ',');
    check_record(&r.table, 0, 1, "abc", (const char *)NULL);
    check_record(&r.table, 1, 2, "1", (const char *)NULL);
    done(&r);
    /* The header is the first non-blank line: blank lines before it, even
     * ones of tabs, do not vote. */
    read_str(&r, "\n\t\t\t\n  \na;b\n");
    assert_int_equal(r.table.delimiter, ';');
    check_record(&r.table, 0, 4, "a", "b", (const char *)NULL);
    done(&r);
    /* A quoted header field that spans lines is read to its end. */
    read_str(&r, "\"a,\nb,c\";d;e\n");
    assert_int_equal(r.table.delimiter, ';');
    check_record(&r.table, 0, 1, "a,\nb,c", "d", "e", (const char *)NULL);
    done(&r);
}

static void test_sep_line(void **state)
{
    (void)state;
    reading r;
    read_str(&r, "sep=;\nma;ten\n1;2\n");
    assert_int_equal(r.findings.count, 0);
    assert_int_equal(r.table.delimiter, ';');
    assert_int_equal(r.table.nrecords, 2);
    /* Excel hides the sep= line: rows are numbered as it shows them. */
    assert_int_equal(r.table.lines_hidden, 1);
    check_record(&r.table, 0, 1, "ma", "ten", (const char *)NULL);
    check_record(&r.table, 1, 2, "1", "2", (const char *)NULL);
    done(&r);

    /* Any case, CRLF; it overrides what sniffing would say. */
    read_str(&r, "SEP=,\r\na;b;c,d\r\n");
    assert_int_equal(r.table.delimiter, ',');
    check_record(&r.table, 0, 1, "a;b;c", "d", (const char *)NULL);
    done(&r);

    read_str(&r, "Sep=\t\rx\ty\r");
    assert_int_equal(r.table.delimiter, '\t');
    check_record(&r.table, 0, 1, "x", "y", (const char *)NULL);
    done(&r);

    /* Not exactly "sep=X": an ordinary header. */
    read_str(&r, "sep=;;\n");
    assert_int_equal(r.table.delimiter, ';');
    check_record(&r.table, 0, 1, "sep=", (const char *)NULL);
    done(&r);

    read_str(&r, "sep=|\na|b\n");
    check_rejected(&r, FC_BAD_CSV, 1, 0);
    done(&r);

    /* A sep line and nothing else is an empty report. */
    read_str(&r, "sep=,\n");
    check_rejected(&r, FC_EMPTY_FILE, 0, 0);
    done(&r);
}

static void test_quoting(void **state)
{
    (void)state;
    reading r;
    read_str(&r, "a,b\n"
                 "\"x,y\",\"say \"\"hi\"\"\"\n"
                 "\"line1\nline2\n\nline4\",z\n"
                 "last,1\n");
    assert_int_equal(r.findings.count, 0);
    assert_int_equal(r.table.nrecords, 4);
    check_record(&r.table, 0, 1, "a", "b", (const char *)NULL);
    check_record(&r.table, 1, 2, "x,y", "say \"hi\"", (const char *)NULL);
    check_record(&r.table, 2, 3, "line1\nline2\n\nline4", "z", (const char *)NULL);
    check_record(&r.table, 3, 7, "last", "1", (const char *)NULL);
    done(&r);

    /* A field opened by a quote on a later field of the record. */
    read_str(&r, "a,b\n1,\"p\r\nq\"\r\n2,3\r\n");
    check_record(&r.table, 1, 2, "1", "p\r\nq", (const char *)NULL);
    check_record(&r.table, 2, 4, "2", "3", (const char *)NULL);
    done(&r);
}

static void test_line_ends(void **state)
{
    (void)state;
    static const char *const inputs[] = {
        "h1,h2\n\n1,2\n  \n3,4\n", "h1,h2\r\n\r\n1,2\r\n  \r\n3,4\r\n", "h1,h2\r\r1,2\r  \r3,4\r",
        "h1,h2\r\n\n1,2\r  \n3,4", /* mixed, no final line end */
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        reading r;
        read_str(&r, inputs[i]);
        assert_int_equal(r.findings.count, 0);
        assert_int_equal(r.table.nrecords, 3);
        check_record(&r.table, 0, 1, "h1", "h2", (const char *)NULL);
        check_record(&r.table, 1, 3, "1", "2", (const char *)NULL);
        check_record(&r.table, 2, 5, "3", "4", (const char *)NULL);
        done(&r);
    }
}

static void test_blank_records_and_trailing_cells(void **state)
{
    (void)state;
    reading r;
    read_str(&r, "a,b,,,\n"
                 ",,,\n"
                 "1,,3,,\n"
                 " , ,\t\n"
                 "\"\",\"\"\n"
                 ",x\n");
    assert_int_equal(r.findings.count, 0);
    assert_int_equal(r.table.nrecords, 3);
    check_record(&r.table, 0, 1, "a", "b", (const char *)NULL);
    check_record(&r.table, 1, 3, "1", "", "3", (const char *)NULL);
    check_record(&r.table, 2, 6, "", "x", (const char *)NULL);
    done(&r);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    reading r;
    read_str(&r, "a,b\n1,2\n\"open,3\nmore\n\n");
    check_rejected(&r, FC_BAD_CSV, 3, 0);
    assert_int_equal(r.table.delimiter, ',');
    done(&r);

    /* The quote opens on the second line of a record. */
    read_str(&r, "a,b\n\"x\ny\",\"open\nz");
    check_rejected(&r, FC_BAD_CSV, 3, 0);
    done(&r);
}

static void test_stray_quote(void **state)
{
    (void)state;
    reading r;
    read_str(&r, "a,b\n1,\"x\"y\n2,3\n");
    check_rejected(&r, FC_BAD_CSV, 2, 0);
    /* Worded from libcsv's error code, not in csv_strerror's words. */
    assert_string_equal(r.findings.items[0].detail,
                        "a quote mark out of place: inside a cell that does not start with one, "
                        "or right after a cell's closing quote");
    done(&r);

    read_str(&r, "a,b\n1,2\n3,4\"5\n");
    check_rejected(&r, FC_BAD_CSV, 3, 0);
    done(&r);
}

static void test_empty(void **state)
{
    (void)state;
    reading r;
    read_mem(&r, "", 0, NULL);
    check_rejected(&r, FC_EMPTY_FILE, 0, 0);
    done(&r);
    read_str(&r, "\xEF\xBB\xBF");
    check_rejected(&r, FC_EMPTY_FILE, 0, 0);
    done(&r);
    read_str(&r, "\n\r\n  \n,,\n");
    check_rejected(&r, FC_EMPTY_FILE, 0, 0);
    done(&r);
}

static void test_bom_not_in_first_cell(void **state)
{
    (void)state;
    reading r;
    read_str(&r, "\xEF\xBB\xBFma_don_vi;so\nBP01;2\n");
    assert_int_equal(r.findings.count, 0);
    assert_int_equal(r.table.encoding, ENCODING_UTF8_BOM);
    assert_int_equal(r.table.delimiter, ';');
    check_record(&r.table, 0, 1, "ma_don_vi", "so", (const char *)NULL);
    check_record(&r.table, 1, 2, "BP01", "2", (const char *)NULL);
    done(&r);
}

static void test_binary(void **state)
{
    (void)state;
    static const unsigned char bytes[] = {'P', 'K', 3, 4, 0, 0, 'x'};
    reading r;
    read_mem(&r, bytes, sizeof bytes, NULL);
    check_rejected(&r, FC_BINARY_FILE, 0, 0);
    assert_string_equal(r.findings.items[0].detail, "byte 4");
    done(&r);
}

static void test_bad_encoding(void **state)
{
    (void)state;
    /* UTF-16LE with a lone high surrogate: no reading of it is valid. */
    static const unsigned char bytes[] = {0xFF, 0xFE, 'a', 0, ',', 0, 0x00, 0xD8, 'b', 0};
    reading r;
    read_mem(&r, bytes, sizeof bytes, NULL);
    check_rejected(&r, FC_BAD_ENCODING, 0, 0);
    const char *detail = r.findings.items[0].detail;
    assert_non_null(strstr(detail, "byte "));
    assert_non_null(strstr(detail, decode_encoding_name(ENCODING_UTF16LE)));
    done(&r);
}

static void test_utf16le_tab(void **state)
{
    (void)state;
    /* "Mã\tSố\r\nĐP\t5\r\n" in UTF-16LE with BOM, as Excel's "Unicode Text". */
    static const unsigned char bytes[] = {
        0xFF, 0xFE, 'M',  0,    0xE3, 0, '\t', 0, 'S', 0, 0xD1, 0x1E, '\r', 0,
        '\n', 0,    0x10, 0x01, 'P',  0, '\t', 0, '5', 0, '\r', 0,    '\n', 0,
    };
    reading r;
    read_mem(&r, bytes, sizeof bytes, NULL);
    assert_int_equal(r.findings.count, 0);
    assert_int_equal(r.table.encoding, ENCODING_UTF16LE);
    assert_int_equal(r.table.delimiter, '\t');
    assert_int_equal(r.table.nrecords, 2);
    check_record(&r.table, 0, 1, "Mã", "Số", (const char *)NULL);
    check_record(&r.table, 1, 2, "ĐP", "5", (const char *)NULL);
    done(&r);
}

static void test_field_limit(void **state)
{
    (void)state;
    reader_limits l = reader_default_limits();
    l.max_field_bytes = 8;
    reading r;
    const char *ok = "a,b\n12345678,\"ab,defgh\"\n";
    read_mem(&r, ok, strlen(ok), &l);
    assert_int_equal(r.findings.count, 0);
    check_record(&r.table, 1, 2, "12345678", "ab,defgh", (const char *)NULL);
    done(&r);

    const char *bad = "a,b\n\nx,\"123\n56789\"\n";
    read_mem(&r, bad, strlen(bad), &l);
    check_rejected(&r, FC_BAD_CSV, 3, 2);
    done(&r);
}

static void test_runaway_field(void **state)
{
    (void)state;
    /* An unterminated quote over 300 KB without a line break is stopped by
     * the field limit long before the end of the input. */
    size_t n = 300 * 1024;
    char *s = malloc(n);
    assert_non_null(s);
    memset(s, 'x', n);
    memcpy(s, "a\n\n\"", 4);
    reader_limits l = reader_default_limits();
    l.max_field_bytes = 1000;
    reading r;
    read_mem(&r, s, n, &l);
    check_rejected(&r, FC_BAD_CSV, 3, 0);
    done(&r);
    free(s);
}

static void test_column_limit(void **state)
{
    (void)state;
    reader_limits l = reader_default_limits();
    l.max_columns = 3;
    reading r;
    const char *ok = "a,b,c,,,,,,\n1,,3\n";
    read_mem(&r, ok, strlen(ok), &l);
    assert_int_equal(r.findings.count, 0);
    assert_int_equal(r.table.nrecords, 2);
    done(&r);

    const char *bad = "a,b,c\n1,2,3\n1,2,,4\n";
    read_mem(&r, bad, strlen(bad), &l);
    check_rejected(&r, FC_BAD_CSV, 3, 4);
    done(&r);
}

static void test_record_limit(void **state)
{
    (void)state;
    reader_limits l = reader_default_limits();
    l.max_records = 2;
    reading r;
    const char *ok = "a\n\n,,\nb\n";
    read_mem(&r, ok, strlen(ok), &l);
    assert_int_equal(r.findings.count, 0);
    assert_int_equal(r.table.nrecords, 2);
    done(&r);

    const char *bad = "a\nb\n\nc\n";
    read_mem(&r, bad, strlen(bad), &l);
    check_rejected(&r, FC_FILE_TOO_LARGE, 4, 0);
    assert_string_equal(r.findings.items[0].detail, "more than 2 records");
    done(&r);
}

static void test_read_file(void **state)
{
    (void)state;
    char path[] = "/tmp/test_report_reader_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *content = "ma;so\r\nBP01;1\r\n";
    assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
    close(fd);

    reading r;
    finding_list_init(&r.findings);
    r.err = reader_read_file(path, "r.csv", NULL, &r.table, &r.findings);
    assert_int_equal(r.err, TH_OK);
    assert_int_equal(r.findings.count, 0);
    check_record(&r.table, 1, 2, "BP01", "1", (const char *)NULL);
    done(&r);

    reader_limits l = reader_default_limits();
    l.max_file_bytes = 10;
    finding_list_init(&r.findings);
    r.err = reader_read_file(path, "r.csv", &l, &r.table, &r.findings);
    check_rejected(&r, FC_FILE_TOO_LARGE, 0, 0);
    assert_string_equal(r.findings.items[0].detail, "15 bytes, the limit is 10 bytes");
    done(&r);
    unlink(path);

    finding_list_init(&r.findings);
    r.err = reader_read_file(path, "r.csv", NULL, &r.table, &r.findings);
    check_rejected(&r, FC_UNREADABLE, 0, 0);
    assert_string_equal(r.findings.items[0].detail, strerror(ENOENT));
    done(&r);

    finding_list_init(&r.findings);
    r.err = reader_read_file("/tmp", "r.csv", NULL, &r.table, &r.findings);
    check_rejected(&r, FC_UNREADABLE, 0, 0);
    done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_limits),
        cmocka_unit_test(test_comma),
        cmocka_unit_test(test_semicolon_with_quoted_comma_header),
        cmocka_unit_test(test_tab),
        cmocka_unit_test(test_sniff_ties_and_none),
        cmocka_unit_test(test_sep_line),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_blank_records_and_trailing_cells),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_stray_quote),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_bom_not_in_first_cell),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_bad_encoding),
        cmocka_unit_test(test_utf16le_tab),
        cmocka_unit_test(test_field_limit),
        cmocka_unit_test(test_runaway_field),
        cmocka_unit_test(test_column_limit),
        cmocka_unit_test(test_record_limit),
        cmocka_unit_test(test_read_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
