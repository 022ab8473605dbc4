/*
 * test_sheet_reader.c - the spreadsheet readers: cell values (numbers, dates
 * in both date systems, number formats), the choice of sheet and header
 * row, .xlsx and .ods parts built here with libzip, the .xls fixture made
 * by LibreOffice, and every refusal (damaged, encrypted, zip bomb, entity
 * declarations, formulas without values, limits) as a finding that names
 * the sheet and cell.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../support/zip_build.h"
#include "finding.h"
#include "report_format.h"
#include "report_reader.h"
#include "sheet_table.h"

#define HEADER_ROW                                                                                 \
    "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Mã đơn vị</t></is></c>"                  \
    "<c r=\"B3\" t=\"inlineStr\"><is><t>ma_hoat_dong</t></is></c>"                                 \
    "<c r=\"C3\" t=\"s\"><v>0</v></c><c r=\"D3\" t=\"inlineStr\"><is><t>Từ ngày</t></is></c>"   \
    "<c r=\"E3\" t=\"inlineStr\"><is><t>so_nguoi</t></is></c></row>"

/* What a read gave: the table and the findings. */
typedef struct {
    raw_table t;
    finding_list f;
} result;

static void read_bytes(const unsigned char *bytes, size_t n, const char *name,
                       const reader_limits *limits, result *r)
{
    finding_list_init(&r->f);
    assert_int_equal(report_format_read(bytes, n, name, limits, &r->t, &r->f), TH_OK);
}

static void release(result *r)
{
    raw_table_release(&r->t);
    finding_list_release(&r->f);
}

/* Asserts a single file error of code, and its cell reference (or ""). */
static void assert_refused(const result *r, finding_code code, const char *ref)
{
    char buf[128];
    assert_int_equal(r->t.nrecords, 0);
    assert_int_equal(r->f.count, 1);
    if (r->f.items[0].code != code)
        fail_msg("got %s (%s), expected %s", finding_code_name(r->f.items[0].code),
                 r->f.items[0].detail, finding_code_name(code));
    finding_cell_ref(&r->f.items[0], buf, sizeof buf);
    assert_string_equal(buf, ref);
}

static unsigned char *sheet_xlsx(const char *rows, const char *styles, size_t *len)
{
    static char xml[8192];
    snprintf(xml, sizeof xml, "%s%s%s", XLSX_SHEET_HEAD, rows, XLSX_SHEET_TAIL);
    const char *sst = "<?xml version=\"1.0\"?><sst "
                      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                      "<si><t>Nội dung</t></si><si><r><t>Treo </t></r><r><t>băng rôn</t></r>"
                      "<rPh><t>phonetic</t></rPh></si></sst>";
    return xlsx_build(NULL, xml, NULL, sst, styles, len);
}

static const char *STYLES =
    "<?xml version=\"1.0\"?><styleSheet "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"3\"/></cellXfs></styleSheet>";

/* ---- cell values ------------------------------------------------------- */

static void numbers_read_as_excel_shows_them(void **state)
{
    (void)state;
    char buf[64];
    const struct {
        double v;
        const char *text;
    } cases[] = {
        {1200, "1200"}, {0.1, "0.1"},           {0.1 + 0.2, "0.3"},         {1.2 - 1, "0.2"},
        {-0.0, "0"},    {15000000, "15000000"}, {123456.789, "123456.789"}, {-5, "-5"},
        {1e15, "1e+15"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sheet_format_number(cases[i].v, buf, sizeof buf);
        assert_string_equal(buf, cases[i].text);
    }
}

static void serial_dates_in_both_systems(void **state)
{
    (void)state;
    char buf[64];
    const struct {
        double v;
        bool d1904, time_only;
        const char *text;
    } cases[] = {
        {44835, false, false, "2022-10-01"},
        {43373, true, false, "2022-10-01"},
        {1, false, false, "1900-01-01"},
        {59, false, false, "1900-02-28"},
        {60, false, false, "1900-02-29"}, /* Excel's phantom leap day */
        {61, false, false, "1900-03-01"},
        {0, true, false, "1904-01-01"},
        {44835.5, false, false, "2022-10-01 12:00:00"},
        {0.5, false, true, "12:00:00"},
        {44835.99999999, false, false, "2022-10-02"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(
            sheet_format_serial(cases[i].v, cases[i].d1904, cases[i].time_only, buf, sizeof buf));
        assert_string_equal(buf, cases[i].text);
    }
    assert_false(sheet_format_serial(-1, false, false, buf, sizeof buf));
    assert_false(sheet_format_serial(3e6, false, false, buf, sizeof buf));
}

static void number_formats_that_show_dates(void **state)
{
    (void)state;
    assert_int_equal(sheet_builtin_numfmt(14), NUMFMT_DATE);
    assert_int_equal(sheet_builtin_numfmt(22), NUMFMT_DATE);
    assert_int_equal(sheet_builtin_numfmt(20), NUMFMT_TIME);
    assert_int_equal(sheet_builtin_numfmt(46), NUMFMT_TIME);
    assert_int_equal(sheet_builtin_numfmt(3), NUMFMT_NUMBER);
    assert_int_equal(sheet_custom_numfmt("dd/mm/yyyy"), NUMFMT_DATE);
    assert_int_equal(sheet_custom_numfmt("[$-42A]d mmmm yyyy"), NUMFMT_DATE);
    assert_int_equal(sheet_custom_numfmt("h:mm AM/PM"), NUMFMT_TIME);
    assert_int_equal(sheet_custom_numfmt("[h]:mm"), NUMFMT_TIME);
    assert_int_equal(sheet_custom_numfmt("#,##0 \"ngày\""), NUMFMT_NUMBER);
    assert_int_equal(sheet_custom_numfmt("[Red]#,##0.00;-0"), NUMFMT_NUMBER);
    assert_int_equal(sheet_custom_numfmt("0.00E+00"), NUMFMT_NUMBER);
    assert_int_equal(sheet_custom_numfmt("General"), NUMFMT_NUMBER);
    assert_int_equal(sheet_custom_numfmt("0\\d"), NUMFMT_NUMBER);
}

static void cell_references(void **state)
{
    (void)state;
    size_t row, col;
    assert_true(sheet_parse_ref("D7", &row, &col));
    assert_int_equal(row, 7);
    assert_int_equal(col, 4);
    assert_true(sheet_parse_ref("$AB$12", &row, &col));
    assert_int_equal(col, 28);
    assert_true(sheet_parse_ref("XFD1048576", &row, &col));
    assert_int_equal(row, 1048576);
    assert_int_equal(col, 16384);
    assert_false(sheet_parse_ref("7D", &row, &col));
    assert_false(sheet_parse_ref("A0", &row, &col));
    assert_false(sheet_parse_ref("", &row, &col));
    assert_false(sheet_parse_ref("XFE1", &row, &col) && col <= 16384);

    finding f = {.file = "a.xlsx", .row = 7, .column = 4, .sheet = "Sheet1"};
    char buf[64];
    finding_cell_ref(&f, buf, sizeof buf);
    assert_string_equal(buf, "Sheet1!D7");
    f.sheet = "Báo cáo 'A'";
    finding_cell_ref(&f, buf, sizeof buf);
    assert_string_equal(buf, "'Báo cáo ''A'''!D7");
    f.column = 0;
    f.sheet = "Sheet1";
    finding_cell_ref(&f, buf, sizeof buf);
    assert_string_equal(buf, "Sheet1!7:7");
    f.sheet = "";
    finding_cell_ref(&f, buf, sizeof buf);
    assert_string_equal(buf, "");
}

/* ---- .xlsx ------------------------------------------------------------- */

static void xlsx_title_rows_header_and_every_kind_of_cell(void **state)
{
    (void)state;
    size_t len;
    unsigned char *zip = sheet_xlsx(
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>BÁO CÁO KẾT "
        "QUẢ</t></is></c></row>" HEADER_ROW
        "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>HKH</t></is></c>"
        "<c r=\"B4\" t=\"str\"><f>\"TUYEN\"&amp;\"_TRUYEN\"</f><v>TUYEN_TRUYEN</v></c>"
        "<c r=\"C4\" t=\"s\"><v>1</v></c><c r=\"D4\" s=\"1\"><v>44835</v></c>"
        "<c r=\"E4\" s=\"3\"><f>1000+200</f><v>1200</v></c></row>"
        "<row r=\"6\"><c r=\"A6\" t=\"inlineStr\"><is><t>HKH</t></is></c>"
        "<c r=\"B6\" t=\"b\"><v>1</v></c><c r=\"D6\" s=\"2\"><v>44836.5</v></c>"
        "<c r=\"E6\"><v>0.1</v></c><c r=\"F6\" s=\"7\" t=\"d\"><v>2022-10-03T00:00:00</v></c></row>"
        "<row r=\"7\"><c r=\"A7\" s=\"1\"/><c r=\"Z7\" s=\"1\"/></row>",
        STYLES, &len);
    assert_non_null(zip);
    result r;
    read_bytes(zip, len, "a.xlsx", NULL, &r);
    assert_int_equal(r.f.count, 0);
    assert_string_equal(r.t.format, "xlsx");
    assert_string_equal(r.t.sheet, "Sheet1");
    assert_int_equal(r.t.nrecords, 3); /* header, rows 4 and 6; the title and empty cells gone */
    const raw_record *h = &r.t.records[0], *a = &r.t.records[1], *b = &r.t.records[2];
    assert_int_equal(h->line, 3);
    assert_string_equal(h->cells[2], "Nội dung");
    assert_int_equal(a->line, 4);
    assert_int_equal(a->ncells, 5);
    assert_string_equal(a->cells[1], "TUYEN_TRUYEN");
    assert_string_equal(a->cells[2], "Treo băng rôn"); /* rich text runs, not the phonetic */
    assert_string_equal(a->cells[3], "2022-10-01");
    assert_string_equal(a->cells[4], "1200");
    assert_int_equal(b->line, 6);
    assert_int_equal(b->ncells, 6);
    assert_string_equal(b->cells[1], "TRUE");
    assert_string_equal(b->cells[2], ""); /* a gap */
    assert_string_equal(b->cells[3], "2022-10-02 12:00:00");
    assert_string_equal(b->cells[4], "0.1");
    assert_string_equal(b->cells[5], "2022-10-03");
    assert_string_equal(reader_table_encoding(&r.t), "xlsx");
    release(&r);
    free(zip);
}

static void xlsx_1904_dates_and_hidden_sheets(void **state)
{
    (void)state;
    const char *book =
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        "<workbookPr date1904=\"1\"/><sheets>"
        "<sheet name=\"Ẩn\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
        "<sheet name=\"Báo cáo\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
    const char *sheet2 = XLSX_SHEET_HEAD HEADER_ROW
        "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>HKH</t></is></c>"
        "<c r=\"D4\" s=\"1\"><v>43373</v></c></row>" XLSX_SHEET_TAIL;
    const char *sst = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                      "<si><t>Nội dung</t></si></sst>";
    size_t len;
    unsigned char *zip =
        xlsx_build(book, XLSX_SHEET_HEAD HEADER_ROW XLSX_SHEET_TAIL, sheet2, sst, STYLES, &len);
    result r;
    read_bytes(zip, len, "a.xlsx", NULL, &r);
    assert_int_equal(r.f.count, 0);
    assert_string_equal(r.t.sheet, "Báo cáo"); /* not the hidden one */
    assert_int_equal(r.t.nrecords, 2);
    assert_string_equal(r.t.records[1].cells[3], "2022-10-01");
    release(&r);
    free(zip);
}

static void xlsx_the_sheet_with_the_header_wins(void **state)
{
    (void)state;
    const char *book =
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
        "<sheet name=\"Hướng dẫn\" sheetId=\"1\" r:id=\"rId1\"/>"
        "<sheet name=\"Sheet2\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
    const char *notes = XLSX_SHEET_HEAD
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Hãy điền vào trang sau</t></is></c></row>"
        "<row r=\"10\"><c r=\"A10\" "
        "t=\"inlineStr\"><is><t>ma_don_vi</t></is></c></row>" XLSX_SHEET_TAIL;
    const char *sst = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                      "<si><t>noi_dung</t></si></sst>";
    size_t len;
    unsigned char *zip =
        xlsx_build(book, notes, XLSX_SHEET_HEAD HEADER_ROW XLSX_SHEET_TAIL, sst, NULL, &len);
    result r;
    read_bytes(zip, len, "a.xlsx", NULL, &r);
    assert_int_equal(r.f.count, 0);
    assert_string_equal(r.t.sheet, "Sheet2");
    assert_int_equal(r.t.records[0].line, 3);
    release(&r);
    free(zip);

    /* No sheet has a full header: the first, from the row naming most
     * columns, so that the validator says what is missing. */
    zip = xlsx_build(book, notes, notes, sst, NULL, &len);
    read_bytes(zip, len, "a.xlsx", NULL, &r);
    assert_int_equal(r.f.count, 0);
    assert_string_equal(r.t.sheet, "Hướng dẫn");
    assert_int_equal(r.t.records[0].line, 10);
    release(&r);
    free(zip);
}

static void xlsx_merged_cells_keep_the_value_top_left(void **state)
{
    (void)state;
    size_t len;
    unsigned char *zip =
        sheet_xlsx(HEADER_ROW "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>HKH</t></is></c>"
                              "<c r=\"B4\" t=\"inlineStr\"><is><t>X</t></is></c></row>"
                              "<row r=\"5\"><c r=\"A5\" s=\"1\"/>"
                              "<c r=\"B5\" t=\"inlineStr\"><is><t>Y</t></is></c></row>"
                              "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A4:A5\"/>"
                              "</mergeCells><sheetData>",
                   NULL, &len);
    result r;
    read_bytes(zip, len, "a.xlsx", NULL, &r);
    assert_int_equal(r.t.nrecords, 3);
    assert_string_equal(r.t.records[1].cells[0], "HKH");
    assert_string_equal(r.t.records[2].cells[0], ""); /* as the file stores it */
    release(&r);
    free(zip);
}

/* Excel writes a character XML cannot hold as _xHHHH_, and a literal
 * "_x0041_" as "_x005F_x0041_": both are decoded. */
static void xlsx_escaped_characters(void **state)
{
    (void)state;
    size_t len;
    const char *sst = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                      "<si><t>Nội dung</t></si><si><t>dòng 1_x000D_\ndòng 2</t></si>"
                      "<si><t>_x005F_x0041_ và _x1EA0_</t></si></sst>";
    unsigned char *zip =
        xlsx_build(NULL,
                   XLSX_SHEET_HEAD HEADER_ROW
                   "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>1</v></c>"
                   "<c r=\"B4\" t=\"s\"><v>2</v></c>"
                   "<c r=\"C4\" t=\"inlineStr\"><is><t>a_x0009_b_x0000_</t></is></c>"
                   "</row>" XLSX_SHEET_TAIL,
                   NULL, sst, NULL, &len);
    result r;
    read_bytes(zip, len, "a.xlsx", NULL, &r);
    assert_int_equal(r.f.count, 0);
    const raw_record *a = &r.t.records[1];
    assert_string_equal(a->cells[0], "dòng 1\r\ndòng 2");
    assert_string_equal(a->cells[1], "_x0041_ và Ạ");
    assert_string_equal(a->cells[2], "a\tb_x0000_");
    release(&r);
    free(zip);
}

static void xlsx_a_header_of_two_rows(void **state)
{
    (void)state;
    size_t len;
    unsigned char *zip = sheet_xlsx(
        "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Mã đơn vị</t></is></c>"
        "<c r=\"B3\" t=\"inlineStr\"><is><t>Mã hoạt động</t></is></c>"
        "<c r=\"C3\" t=\"s\"><v>0</v></c><c r=\"D3\" t=\"inlineStr\"><is><t>Từ ngày</t></is></c>"
        "<c r=\"E3\" t=\"inlineStr\"><is><t>Kết quả</t></is></c></row>"
        "<row r=\"4\"><c r=\"E4\" t=\"inlineStr\"><is><t>Số người tham gia</t></is></c>"
        "<c r=\"F4\" t=\"inlineStr\"><is><t>Số buổi, lớp</t></is></c></row>"
        "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>HKH</t></is></c>"
        "<c r=\"E5\"><v>1200</v></c><c r=\"F5\"><v>3</v></c></row>"
        "<row r=\"6\"><c r=\"E6\" t=\"inlineStr\"><is><t>Số người tham gia</t></is></c></row>",
        NULL, &len);
    result r;
    read_bytes(zip, len, "a.xlsx", NULL, &r);
    assert_int_equal(r.f.count, 0);
    assert_int_equal(r.t.nrecords, 3);
    const raw_record *h = &r.t.records[0];
    assert_int_equal(h->line, 3);
    assert_int_equal(h->ncells, 6);
    assert_string_equal(h->cells[0], "Mã đơn vị");
    assert_string_equal(h->cells[4], "Số người tham gia"); /* "Kết quả" gives way */
    assert_string_equal(h->cells[5], "Số buổi, lớp");
    assert_int_equal(r.t.records[1].line, 5);
    assert_string_equal(r.t.records[1].cells[4], "1200");
    assert_int_equal(r.t.records[2].line, 6); /* only the row right below is folded */
    release(&r);
    free(zip);
}

static void xlsx_refusals_name_the_cell(void **state)
{
    (void)state;
    size_t len;
    result r;
    /* A formula whose value was never computed (written by a program, not Excel). */
    unsigned char *zip =
        sheet_xlsx(HEADER_ROW "<row r=\"7\"><c r=\"E7\"><f>SUM(E4:E6)</f></c></row>", NULL, &len);
    read_bytes(zip, len, "a.xlsx", NULL, &r);
    assert_refused(&r, FC_FORMULA_NO_VALUE, "Sheet1!E7");
    release(&r);
    free(zip);

    /* A shared string that does not exist. */
    zip = sheet_xlsx(HEADER_ROW "<row r=\"4\"><c r=\"C4\" t=\"s\"><v>99</v></c></row>", NULL, &len);
    read_bytes(zip, len, "a.xlsx", NULL, &r);
    assert_refused(&r, FC_BAD_SPREADSHEET, "Sheet1!C4");
    release(&r);
    free(zip);

    /* Beyond the column limit, and beyond the row limit. */
    reader_limits small = reader_default_limits();
    small.max_columns = 4;
    zip = sheet_xlsx(HEADER_ROW, NULL, &len);
    read_bytes(zip, len, "a.xlsx", &small, &r);
    assert_refused(&r, FC_SPREADSHEET_TOO_LARGE, "Sheet1!E3");
    release(&r);
    small = reader_default_limits();
    small.max_records = 1;
    free(zip);
    zip = sheet_xlsx(HEADER_ROW
                     "<row r=\"9\"><c r=\"A9\" t=\"inlineStr\"><is><t>x</t></is></c></row>",
                     NULL, &len);
    read_bytes(zip, len, "a.xlsx", &small, &r);
    assert_refused(&r, FC_FILE_TOO_LARGE, "Sheet1!9:9");
    release(&r);
    free(zip);

    /* An entity bomb never gets to expand. */
    zip = sheet_xlsx("", NULL, &len);
    const char *bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                       "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                       "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol2;</t></is>"
                       "</c></row></sheetData></worksheet>";
    free(zip);
    zip = xlsx_build(NULL, bomb, NULL, NULL, NULL, &len);
    read_bytes(zip, len, "a.xlsx", NULL, &r);
    assert_refused(&r, FC_UNSAFE_XML, "");
    release(&r);
    free(zip);
}

static void damaged_containers(void **state)
{
    (void)state;
    size_t len;
    result r;
    unsigned char *zip = sheet_xlsx(HEADER_ROW, NULL, &len);
    read_bytes(zip, len / 2, "a.xlsx", NULL, &r); /* truncated */
    assert_refused(&r, FC_BAD_SPREADSHEET, "");
    release(&r);
    zip[len / 2] ^= 0x55; /* a flipped byte in the middle: CRC or inflate error */
    read_bytes(zip, len, "a.xlsx", NULL, &r);
    assert_true(r.f.count == 1 && r.t.nrecords == 0);
    release(&r);
    free(zip);

    static const unsigned char not_zip[] = "PK\003\004 this is not really a zip";
    read_bytes(not_zip, sizeof not_zip - 1, "a.csv", NULL, &r);
    assert_refused(&r, FC_BAD_SPREADSHEET, "");
    release(&r);

    static const unsigned char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    read_bytes(binary, sizeof binary - 1, "a.xlsx", NULL, &r);
    assert_refused(&r, FC_BAD_SPREADSHEET, "");
    release(&r);

    /* What web systems export as "Excel": an HTML table named .xls. */
    static const unsigned char html[] = "\xEF\xBB\xBF\r\n<html><body><table><tr><td>ma_don_vi</td>"
                                        "</tr></table></body></html>";
    read_bytes(html, sizeof html - 1, "BaoCao.xls", NULL, &r);
    assert_refused(&r, FC_BAD_SPREADSHEET, "");
    assert_non_null(strstr(r.f.items[0].detail, "HTML"));
    release(&r);

    /* An encrypted .xlsx is an OLE2 file holding EncryptionInfo. */
    unsigned char ole[1024] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    memcpy(ole + 512, "E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0", 28);
    read_bytes(ole, sizeof ole, "a.xlsx", NULL, &r);
    assert_refused(&r, FC_ENCRYPTED, "");
    release(&r);
    memset(ole + 512, 0, 28); /* an OLE2 file that is no workbook */
    read_bytes(ole, sizeof ole, "a.xls", NULL, &r);
    assert_refused(&r, FC_BAD_SPREADSHEET, "");
    release(&r);

    /* A .docx is a zip without a workbook. */
    zip_part docx[] = {{"[Content_Types].xml", XLSX_CONTENT_TYPES, 0, false},
                       {"word/document.xml", "<w/>", 0, false}};
    zip = zip_build(docx, 2, &len);
    read_bytes(zip, len, "a.xlsx", NULL, &r);
    assert_refused(&r, FC_BAD_SPREADSHEET, "");
    release(&r);
    free(zip);
}

static void a_zip_bomb_is_refused_by_its_directory(void **state)
{
    (void)state;
    size_t big = (size_t)8 * 1024 * 1024, len;
    char *spaces = malloc(big + 1);
    assert_non_null(spaces);
    memset(spaces, ' ', big);
    spaces[big] = '\0';
    zip_part parts[] = {{"[Content_Types].xml", XLSX_CONTENT_TYPES, 0, false},
                        {"_rels/.rels", XLSX_RELS, 0, false},
                        {"xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS, 0, false},
                        {"xl/workbook.xml", XLSX_WORKBOOK, 0, false},
                        {"xl/worksheets/sheet1.xml", spaces, big, false}};
    unsigned char *zip = zip_build(parts, 5, &len);
    assert_non_null(zip);
    assert_true(len < big / 200); /* the ratio a bomb has */
    result r;
    read_bytes(zip, len, "a.xlsx", NULL, &r);
    assert_refused(&r, FC_SPREADSHEET_TOO_LARGE, "");
    assert_non_null(strstr(r.f.items[0].detail, "compressed"));
    release(&r);
    /* and by its size, with a budget smaller than the entry */
    reader_limits small = reader_default_limits();
    small.max_file_bytes = 256 * 1024; /* unpacking budget 4 MiB */
    read_bytes(zip, len, "a.xlsx", &small, &r);
    assert_refused(&r, FC_SPREADSHEET_TOO_LARGE, "");
    release(&r);
    free(zip);
    free(spaces);
}

/* ---- .ods -------------------------------------------------------------- */

#define ODS_CELL(t)                                                                                \
    "<table:table-cell office:value-type=\"string\"><text:p>" t "</text:p></table:table-cell>"

static void ods_repeats_dates_numbers_and_hidden_sheets(void **state)
{
    (void)state;
    const char *content = ODS_HEAD
        "<office:automatic-styles><style:style style:name=\"ta2\" style:family=\"table\">"
        "<style:table-properties table:display=\"false\"/></style:style>"
        "</office:automatic-styles><office:body><office:spreadsheet>"
        "<table:table table:name=\"Ẩn\" table:style-name=\"ta2\"><table:table-row>" ODS_CELL(
            "ma_don_vi") ODS_CELL("ma_hoat_dong")
            ODS_CELL(
                "noi_dung") "</table:table-row></table:table>"
                            "<table:table table:name=\"Báo cáo\">"
                            "<table:table-row table:number-rows-repeated=\"2\">"
                            "<table:table-cell "
                            "table:number-columns-repeated=\"1024\"/></table:table-row>"
                            "<table:table-row>" ODS_CELL("Mã đơn vị") ODS_CELL("Mã hoạt động")
                                ODS_CELL("Nội dung") ODS_CELL("Từ ngày") ODS_CELL(
                                    "Số người tham gia") "</table:table-row>"
                                                         "<table:table-row "
                                                         "table:number-rows-repeated="
                                                         "\"2\">" ODS_CELL(
                                                             "HKH") "<table:table-cell "
                                                                    "table:number-columns-spanned="
                                                                    "\"1\">"
                                                                    "<office:annotation><text:p>"
                                                                    "ghi "
                                                                    "chú</text:p></"
                                                                    "office:annotation>"
                                                                    "<text:p>TUYEN_TRUYEN</"
                                                                    "text:p></table:table-cell>"
                                                                    "<table:table-cell><text:p>"
                                                                    "Treo<text:s "
                                                                    "text:c=\"2\"/>băng</text:p>"
                                                                    "<text:p>rôn</text:p></"
                                                                    "table:table-cell>"
                                                                    "<table:table-cell "
                                                                    "office:value-type=\"date\" "
                                                                    "office:date-value=\"2022-10-"
                                                                    "01\"><text:p>01/10/2022</"
                                                                    "text:p>"
                                                                    "</table:table-cell>"
                                                                    "<table:table-cell "
                                                                    "office:value-type=\"float\" "
                                                                    "office:value=\"1200\">"
                                                                    "<text:p>1.200</text:p></"
                                                                    "table:table-cell>"
                                                                    "<table:covered-table-cell/></"
                                                                    "table:table-row>"
                                                                    "<table:table-row "
                                                                    "table:number-rows-repeated="
                                                                    "\"1048570\">"
                                                                    "<table:table-cell "
                                                                    "table:number-columns-repeated="
                                                                    "\"16384\"/>"
                                                                    "</table:table-row></"
                                                                    "table:table>"
                                                                    "</office:spreadsheet></"
                                                                    "office:body>" ODS_TAIL;
    size_t len;
    unsigned char *zip = ods_build(content, NULL, &len);
    result r;
    read_bytes(zip, len, "a.ods", NULL, &r);
    assert_int_equal(r.f.count, 0);
    assert_string_equal(r.t.format, "ods");
    assert_string_equal(r.t.sheet, "Báo cáo");
    assert_int_equal(r.t.nrecords, 3);
    assert_int_equal(r.t.records[0].line, 3);
    assert_int_equal(r.t.records[1].line, 4);
    assert_int_equal(r.t.records[2].line, 5);
    const raw_record *a = &r.t.records[2];
    assert_int_equal(a->ncells, 5);
    assert_string_equal(a->cells[1], "TUYEN_TRUYEN"); /* not the comment */
    assert_string_equal(a->cells[2], "Treo  băng\nrôn");
    assert_string_equal(a->cells[3], "2022-10-01");
    assert_string_equal(a->cells[4], "1200"); /* the value, not "1.200" as shown */
    release(&r);
    free(zip);
}

static void ods_refusals(void **state)
{
    (void)state;
    size_t len;
    result r;
    /* A small file that repeats a full row a million times is refused by
     * the weight of its table, as a CSV of it would be by its size. */
    reader_limits small = reader_default_limits();
    small.max_file_bytes = 64 * 1024;
    unsigned char *big = ods_build(
        ODS_HEAD "<office:body><office:spreadsheet><table:table table:name=\"S\">"
                 "<table:table-row>" ODS_CELL("ma_don_vi") ODS_CELL("ma_hoat_dong")
                     ODS_CELL("noi_dung") "</table:table-row>"
                                          "<table:table-row table:number-rows-repeated=\"1000000\">"
                                          "<table:table-cell table:number-columns-repeated=\"3\">"
                                          "<text:p>HKH HKH HKH HKH</text:p></table:table-cell>"
                                          "</table:table-row></table:table>"
                                          "</office:spreadsheet></office:body>" ODS_TAIL,
        NULL, &len);
    read_bytes(big, len, "a.ods", &small, &r);
    assert_int_equal(r.t.nrecords, 0);
    assert_int_equal(r.f.count, 1);
    assert_int_equal(r.f.items[0].code, FC_FILE_TOO_LARGE);
    release(&r);
    free(big);

    const char *manifest =
        "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
        "<manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/>"
        "</manifest:file-entry></manifest:manifest>";
    unsigned char *zip = ods_build("garbage", manifest, &len);
    read_bytes(zip, len, "a.ods", NULL, &r);
    assert_refused(&r, FC_ENCRYPTED, "");
    release(&r);
    free(zip);

    zip = ods_build(ODS_HEAD
                    "<office:body><office:spreadsheet><table:table table:name=\"S\">"
                    "<table:table-row>" ODS_CELL("ma_don_vi") ODS_CELL("ma_hoat_dong")
                        ODS_CELL("noi_dung") "</table:table-row><table:table-row>"
                                             "<table:table-cell table:formula=\"of:=[.A1]\"/>"
                                             "</table:table-row></table:table>"
                                             "</office:spreadsheet></office:body>" ODS_TAIL,
                    NULL, &len);
    read_bytes(zip, len, "a.ods", NULL, &r);
    assert_refused(&r, FC_FORMULA_NO_VALUE, "S!A2");
    release(&r);
    free(zip);

    zip = ods_build(ODS_HEAD "<office:body><unclosed>" ODS_TAIL, NULL, &len);
    read_bytes(zip, len, "a.ods", NULL, &r);
    assert_refused(&r, FC_BAD_SPREADSHEET, "");
    release(&r);
    free(zip);
}

/* ---- .xls -------------------------------------------------------------- */

/* Returns the bytes of tests/fixtures/name (*n of them; the caller frees). */
static unsigned char *load_fixture(const char *name, size_t *n)
{
    char path[4096];
    const char *src = getenv("TONGHOP_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/tests/fixtures/%s", src ? src : ".", name);
    finding_list f;
    finding_list_init(&f);
    unsigned char *bytes = NULL;
    assert_int_equal(reader_load_file(path, name, NULL, &bytes, n, &f), TH_OK);
    assert_int_equal(f.count, 0);
    finding_list_release(&f);
    assert_non_null(bytes);
    return bytes;
}

static void xls_made_by_libreoffice(void **state)
{
    (void)state;
    size_t n = 0;
    unsigned char *bytes = load_fixture("sheet-report.xls", &n);
    result r;
    read_bytes(bytes, n, "a.xls", NULL, &r);
    assert_int_equal(r.f.count, 0);
    assert_string_equal(r.t.format, "xls");
    assert_string_equal(r.t.sheet, "Báo cáo");
    assert_int_equal(r.t.records[0].line, 3); /* below a title and a blank row */
    const raw_record *a = &r.t.records[1];
    assert_string_equal(a->cells[0], "HKH");
    assert_string_equal(a->cells[3], "2022-10-01");
    assert_string_equal(a->cells[6], "1200");
    assert_string_equal(r.t.records[2].cells[6], "0.1");
    release(&r);
    free(bytes);
}

/* A workbook found by fuzzing on which freexl_open reads past a buffer: in
 * the child process that reads it, so it is a finding whatever happens. */
static void xls_crafted_is_a_finding(void **state)
{
    (void)state;
    size_t n = 0;
    unsigned char *bytes = load_fixture("freexl-overread.xls", &n);
    result r;
    read_bytes(bytes, n, "x.xls", NULL, &r);
    assert_refused(&r, FC_BAD_SPREADSHEET, "");
    release(&r);
    free(bytes);
}

/* The child reading an .xls may use 16 times --max-file-size of memory: with
 * a tiny limit it runs out, and that is a finding about the file, never a
 * failure of the batch.  (Not under AddressSanitizer, where the child has
 * no memory limit.) */
static void xls_child_out_of_memory_is_a_finding(void **state)
{
    (void)state;
#if defined(__SANITIZE_ADDRESS__)
    skip();
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    skip();
#endif
#endif
    size_t n = 0;
    unsigned char *bytes = load_fixture("sheet-report.xls", &n);
    reader_limits tiny = reader_default_limits();
    tiny.max_file_bytes = 64 * 1024; /* the child: 1 MiB of address space */
    result r;
    read_bytes(bytes, n, "a.xls", &tiny, &r);
    /* freexl says so itself, or fails to open its code page converter */
    assert_int_equal(r.t.nrecords, 0);
    assert_int_equal(r.f.count, 1);
    assert_true(r.f.items[0].code == FC_SPREADSHEET_TOO_LARGE ||
                r.f.items[0].code == FC_BAD_SPREADSHEET);
    release(&r);
    free(bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_read_as_excel_shows_them),
        cmocka_unit_test(serial_dates_in_both_systems),
        cmocka_unit_test(number_formats_that_show_dates),
        cmocka_unit_test(cell_references),
        cmocka_unit_test(xlsx_title_rows_header_and_every_kind_of_cell),
        cmocka_unit_test(xlsx_1904_dates_and_hidden_sheets),
        cmocka_unit_test(xlsx_the_sheet_with_the_header_wins),
        cmocka_unit_test(xlsx_merged_cells_keep_the_value_top_left),
        cmocka_unit_test(xlsx_escaped_characters),
        cmocka_unit_test(xlsx_a_header_of_two_rows),
        cmocka_unit_test(xlsx_refusals_name_the_cell),
        cmocka_unit_test(damaged_containers),
        cmocka_unit_test(a_zip_bomb_is_refused_by_its_directory),
        cmocka_unit_test(ods_repeats_dates_numbers_and_hidden_sheets),
        cmocka_unit_test(ods_refusals),
        cmocka_unit_test(xls_made_by_libreoffice),
        cmocka_unit_test(xls_crafted_is_a_finding),
        cmocka_unit_test(xls_child_out_of_memory_is_a_finding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
