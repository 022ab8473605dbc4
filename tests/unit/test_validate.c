/*
 * test_validate.c - every finding the validator produces, on reports built
 * in memory and read by the real reader, against the shipped 2022 campaign.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "campaign.h"
#include "report_reader.h"
#include "test_support.h"
#include "validate.h"

#define HEADER                                                                                     \
    "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,den_ngay,hinh_thuc,so_nguoi,so_buoi,so_bang_ron,"     \
    "so_tin_bai,so_sach,kinh_phi,ghi_chu\n"

/* A complete, valid report of a district: its six required categories. */
#define BUDANG_ROWS                                                                                    \
    "BUDANG,TUYEN_TRUYEN,Treo băng rôn,01/10/2022,07/10/2022,trực tiếp,,,\"1.200\",15,,,\n"      \
    "BUDANG,KHAI_MAC,Lễ khai mạc,01/10/2022,,trực tiếp,350,1,,,,\"15.000.000\",\n"             \
    "BUDANG,KE_HOACH,Kế hoạch số 12/KH-UBND,01/10/2022,,,,,,,,,\n"                               \
    "BUDANG,THU_VIEN,Triển lãm sách,02/10/2022,05/10/2022,kết hợp,800,4,,,1500,,\n"            \
    "BUDANG,XA_HOI_HOC_TAP,Hội nghị xã hội học tập,03/10/2022,,trực tuyến,120,1,,,,,\n" \
    "BUDANG,KIEM_TRA,Kiểm tra các xã,06/10/2022,07/10/2022,,,2,,,,,\n"

typedef struct {
    campaign c;
    report r;
    finding_list f;
} fixture;

static int setup(void **state)
{
    fixture *x = calloc(1, sizeof *x);
    test_i18n(LANG_VI);
    if (x == NULL || !test_load_template(&x->c))
        return -1;
    report_init(&x->r);
    finding_list_init(&x->f);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    fixture *x = *state;
    report_release(&x->r);
    finding_list_release(&x->f);
    campaign_release(&x->c);
    free(x);
    return 0;
}

/* 2022-10-20 10:00 +07:00: on time. */
#define ON_TIME 1666234800
#define LATE (1666630800 + 3600)

static void run_full(fixture *x, const char *csv, int64_t received, bool strict,
                     const int64_t *typical)
{
    report_release(&x->r);
    finding_list_release(&x->f);
    raw_table t = {0};
    reader_limits limits = reader_default_limits();
    assert_int_equal(
        reader_read_bytes((const unsigned char *)csv, strlen(csv), "r.csv", &limits, &t, &x->f),
        TH_OK);
    validate_options opt = {&x->c, "r.csv", received, strict, typical};
    assert_int_equal(validate_report(&t, &opt, &x->r, &x->f), TH_OK);
    raw_table_release(&t);
}

static void run(fixture *x, const char *csv)
{
    run_full(x, csv, ON_TIME, false, NULL);
}

/* Returns the finding with code (and row, when row != SIZE_MAX), or fails. */
static const finding *expect(const fixture *x, finding_code code, size_t row, size_t column)
{
    for (size_t i = 0; i < x->f.count; i++) {
        const finding *f = &x->f.items[i];
        if (f->code == code && (row == SIZE_MAX || f->row == row)) {
            assert_int_equal(f->column, column);
            assert_string_equal(f->file, "r.csv");
            return f;
        }
    }
    fail_msg("no finding %s on row %zu", finding_code_name(code), row);
    return NULL;
}

static size_t count_code(const fixture *x, finding_code code)
{
    size_t n = 0;
    for (size_t i = 0; i < x->f.count; i++)
        n += x->f.items[i].code == code;
    return n;
}

static void a_clean_report_counts_every_row(void **state)
{
    fixture *x = *state;
    run(x, HEADER BUDANG_ROWS);
    assert_int_equal(x->f.count, 0);
    assert_false(x->r.rejected);
    assert_int_equal(x->r.unit, campaign_find_unit(&x->c, "BUDANG"));
    assert_int_equal(x->r.nactivities, 6);
    assert_int_equal(x->r.nrows_read, 6);
    const activity *a = &x->r.activities[0];
    assert_int_equal(a->line, 2);
    assert_int_equal(a->indicators[2], 1200); /* "1.200" banners */
    assert_true(a->has_indicator[2]);
    assert_false(a->has_indicator[0]);
    assert_int_equal(a->from, field_civil_day(2022, 10, 1));
    assert_int_equal(a->to, field_civil_day(2022, 10, 7));
    assert_int_equal(a->form, FORM_IN_PERSON);
    assert_int_equal(x->r.activities[1].indicators[5], 15000000);
    assert_false(x->r.activities[1].has_to);
    assert_int_equal(x->r.activities[1].to, x->r.activities[1].from);
    assert_int_equal(x->r.activities[3].form, FORM_BLENDED);
    assert_string_equal(x->r.activities[3].content, "Triển lãm sách");
}

static void headers_match_in_any_language_order_and_case(void **state)
{
    fixture *x = *state;
    run(x, "Nội dung;MA DON VI;TỪ NGÀY;Ma hoat dong;so nguoi tham gia\n"
           "Treo băng rôn;HKH;01/10/2022;TUYEN_TRUYEN;1 200\n"
           "Học tập cộng đồng;HKH;2022-10-02;học tập trong gia đình, dòng họ, cộng đồng;30\n");
    assert_int_equal(x->f.count, 0);
    assert_int_equal(x->r.nactivities, 2);
    assert_int_equal(x->r.activities[0].indicators[0], 1200);
    assert_string_equal(x->c.categories[x->r.activities[1].category].code, "HOC_TAP_CONG_DONG");
}

static void row_errors_drop_the_row_only(void **state)
{
    fixture *x = *state;
    run(x, HEADER BUDANG_ROWS "BUDANG,NO_SUCH,Hoạt động lạ,01/10/2022,,,,,,,,,\n"      /* line 8 */
                              "BUDANG,LOP_HOC,,01/10/2022,,,,,,,,,\n"                  /* 9 */
                              "BUDANG,LOP_HOC,Lớp học,31/09/2022,,,,,,,,,\n"           /* 10 */
                              "BUDANG,LOP_HOC,Lớp học,01/10/22,,,,,,,,,\n"             /* 11 */
                              "BUDANG,LOP_HOC,Lớp học,01/10/2022,,,\"1,5\",,,,,,\n"    /* 12 */
                              "BUDANG,LOP_HOC,Lớp học,01/10/2022,,,-3,,,,,,\n"         /* 13 */
                              "BUDANG,LOP_HOC,Lớp học,05/10/2022,03/10/2022,,,,,,,,\n" /* 14 */
                              "BUDANG,LOP_HOC,Lớp học,01/10/2022,,qua thư,,,,,,,\n"    /* 15 */
                              "BUDANG,LOP_HOC,Lớp học,01/10/2022,,,,,,,,,,ô thừa\n"    /* 16 */
                              "BUDANG,LOP_HOC,Lớp học,,,,,,,,,,\n");                   /* 17 */
    assert_false(x->r.rejected);
    assert_int_equal(x->r.nactivities, 6);
    assert_int_equal(x->r.nrows_read, 16);
    assert_int_equal(x->r.nrows_rejected, 10);
    assert_string_equal(expect(x, FC_UNKNOWN_CATEGORY, 8, 2)->detail, "NO_SUCH");
    assert_string_equal(expect(x, FC_UNKNOWN_CATEGORY, 8, 2)->column_name, "ma_hoat_dong");
    expect(x, FC_MISSING_VALUE, 9, 3);
    /* An impossible day says how long its month is. */
    assert_string_equal(expect(x, FC_BAD_DATE, 10, 4)->detail, "31/09/2022" FINDING_HINT "9/30");
    char *said = finding_detail_text(expect(x, FC_BAD_DATE, 10, 4), LANG_VI);
    assert_string_equal(said, "'31/09/2022' — tháng 9 chỉ có 30 ngày");
    free(said);
    said = finding_detail_text(expect(x, FC_BAD_DATE, 10, 4), LANG_EN);
    assert_string_equal(said, "'31/09/2022' — September has only 30 days");
    free(said);
    assert_string_equal(expect(x, FC_BAD_DATE, 11, 4)->detail, "01/10/22");
    assert_string_equal(expect(x, FC_BAD_NUMBER, 12, 7)->detail, "1,5");
    assert_string_equal(expect(x, FC_NEGATIVE_NUMBER, 13, 7)->detail, "-3");
    expect(x, FC_DATE_ORDER, 14, 5);
    assert_string_equal(expect(x, FC_BAD_FORM, 15, 6)->detail, "qua thư");
    expect(x, FC_EXTRA_CELLS, 16, 14);
    expect(x, FC_MISSING_VALUE, 17, 4);
}

/* A separator inside unquoted text shifts the cells after it: one finding
 * explains it, instead of a bad date and a bad number that are not there. */
static void a_shifted_row_gets_one_finding(void **state)
{
    fixture *x = *state;
    run(x, "ma_don_vi;ma_hoat_dong;noi_dung;tu_ngay;so_nguoi\n"
           "HKH;TUYEN_TRUYEN;Treo băng rôn; khẩu hiệu;01/10/2022;5\n"
           "HKH;TUYEN_TRUYEN;Tin bài;01/10/2022;3\n");
    expect(x, FC_EXTRA_CELLS, 2, 6);
    for (size_t i = 0; i < x->f.count; i++)
        assert_true(x->f.items[i].row != 2 || x->f.items[i].code == FC_EXTRA_CELLS);
    assert_int_equal(x->r.nactivities, 1);
    assert_int_equal(x->r.nrows_rejected, 1);
}

/* Unknown codes come with the closest known one, when one is close. */
static void unknown_codes_suggest_the_closest(void **state)
{
    fixture *x = *state;
    run(x, "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay\n"
           "HKH,TUYEN_TRUYENN,a,01/10/2022\n"
           "HKH,ZZZ,b,01/10/2022\n");
    const finding *f = expect(x, FC_UNKNOWN_CATEGORY, 2, 2);
    assert_non_null(strstr(f->detail, "TUYEN_TRUYENN" FINDING_HINT "TUYEN_TRUYEN - "));
    char *said = finding_detail_text(f, LANG_VI);
    assert_true(strncmp(said, "'TUYEN_TRUYENN' — có phải «TUYEN_TRUYEN - ", 46) == 0);
    free(said);
    assert_string_equal(expect(x, FC_UNKNOWN_CATEGORY, 3, 2)->detail, "ZZZ");

    run(x, "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay\nLOCNINHH,KE_HOACH,a,01/10/2022\n");
    f = expect(x, FC_UNKNOWN_UNIT, 2, 1);
    assert_string_equal(f->detail, "LOCNINHH" FINDING_HINT "LOCNINH - UBND huyện Lộc Ninh");
}

/* A required category whose every row failed is not "missing": the
 * warning says so and points at the rows. */
static void a_category_whose_rows_failed_points_at_them(void **state)
{
    fixture *x = *state;
    run(x, "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,so_nguoi\n"
           "HKH,TUYEN_TRUYEN,a,31/09/2022,1\n"
           "HKH,TUYEN_TRUYEN,b,01/10/2022,-2\n"
           "HKH,HOC_TAP_CONG_DONG,c,01/10/2022,3\n");
    const finding *f = expect(x, FC_CATEGORY_ROWS_REJECTED, 0, 0);
    assert_non_null(strstr(f->detail, "TUYEN_TRUYEN ("));
    assert_non_null(strstr(f->detail, "): 2, 3"));
    for (size_t i = 0; i < x->f.count; i++)
        assert_int_not_equal(x->f.items[i].code, FC_MISSING_CATEGORY);
}

/* Without a received time (check without --received) the deadline is not
 * judged at all. */
static void an_unknown_received_time_is_not_judged(void **state)
{
    fixture *x = *state;
    run_full(x, "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay\nHKH,TUYEN_TRUYEN,a,01/10/2022\n",
             VALIDATE_TIME_UNKNOWN, false, NULL);
    for (size_t i = 0; i < x->f.count; i++) {
        assert_int_not_equal(x->f.items[i].code, FC_LATE);
        assert_int_not_equal(x->f.items[i].code, FC_CLOSED);
    }
    assert_false(x->r.rejected);
}

static void strict_rejects_the_file_on_a_row_error(void **state)
{
    fixture *x = *state;
    run_full(x, HEADER BUDANG_ROWS "BUDANG,NO_SUCH,x,01/10/2022,,,,,,,,,\n", ON_TIME, true, NULL);
    expect(x, FC_STRICT, 0, 0);
    assert_true(x->r.rejected);
    assert_int_equal(x->r.nactivities, 0);
    assert_int_equal(x->r.nrows_read, 7);
}

static void text_too_long_for_a_cell(void **state)
{
    fixture *x = *state;
    size_t n = VALIDATE_MAX_TEXT + 1;
    char *csv = malloc(n + 200);
    strcpy(csv, HEADER "HKH,TUYEN_TRUYEN,");
    memset(csv + strlen(csv), 'a', n);
    strcpy(csv + strlen(HEADER "HKH,TUYEN_TRUYEN,") + n, ",01/10/2022\n");
    run(x, csv);
    free(csv);
    assert_string_equal(expect(x, FC_TEXT_TOO_LONG, 2, 3)->detail, "32768");
    assert_int_equal(x->r.nactivities, 0);
}

static void file_errors_reject_everything(void **state)
{
    fixture *x = *state;
    run(x, HEADER "BUDANG,TUYEN_TRUYEN,a,01/10/2022\nXYZ,TUYEN_TRUYEN,b,01/10/2022\n"
                  "XYZ,TUYEN_TRUYEN,c,01/10/2022\n");
    assert_string_equal(expect(x, FC_UNKNOWN_UNIT, 3, 1)->detail, "XYZ");
    assert_int_equal(count_code(x, FC_UNKNOWN_UNIT), 1); /* once, not per row */
    assert_true(x->r.rejected);
    assert_int_equal(x->r.nactivities, 0);

    run(x, HEADER "BUDANG,TUYEN_TRUYEN,a,01/10/2022\nLOCNINH,TUYEN_TRUYEN,b,01/10/2022\n");
    assert_string_equal(expect(x, FC_SEVERAL_UNITS, 3, 1)->detail, "LOCNINH");
    assert_true(x->r.rejected);

    run(x, HEADER);
    expect(x, FC_NO_ROWS, 0, 0);
    assert_true(x->r.rejected);

    run(x, "BUDANG,TUYEN_TRUYEN,a,01/10/2022\n");
    expect(x, FC_NO_HEADER, 1, 0);
    assert_true(x->r.rejected);

    run(x, "ma_don_vi,ma_hoat_dong,noi_dung\nBUDANG,TUYEN_TRUYEN,a\n");
    assert_string_equal(expect(x, FC_MISSING_COLUMN, 1, 0)->detail, "Từ ngày");

    run(x, "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,Từ Ngày\nBUDANG,TUYEN_TRUYEN,a,01/10/2022,\n");
    expect(x, FC_DUPLICATE_COLUMN, 1, 5);
    assert_true(x->r.rejected);

    run(x, HEADER ",TUYEN_TRUYEN,a,01/10/2022\n");
    expect(x, FC_MISSING_VALUE, 2, 1);
    expect(x, FC_MISSING_UNIT, 0, 1);
    assert_true(x->r.rejected);
}

static void deadline_warnings_and_closing(void **state)
{
    fixture *x = *state;
    run_full(x, HEADER BUDANG_ROWS, LATE, false, NULL);
    assert_string_equal(expect(x, FC_LATE, 0, 0)->detail, "25/10/2022 01:00");
    assert_false(x->r.rejected);
    run_full(x, HEADER BUDANG_ROWS, x->c.closes_at, false, NULL);
    expect(x, FC_CLOSED, 0, 0);
    assert_true(x->r.rejected);
    run_full(x, HEADER BUDANG_ROWS, x->c.late_from - 1, false, NULL);
    assert_int_equal(x->f.count, 0);
}

static void missing_required_categories_are_named(void **state)
{
    fixture *x = *state;
    run(x, HEADER "BUDANG,TUYEN_TRUYEN,a,01/10/2022\nBUDANG,KHAI_MAC,b,01/10/2022\n");
    assert_int_equal(count_code(x, FC_MISSING_CATEGORY), 4);
    const finding *f = expect(x, FC_MISSING_CATEGORY, 0, 0);
    assert_non_null(strstr(f->detail, "KE_HOACH"));
    assert_int_equal(x->r.nactivities, 2);
}

static void date_warnings(void **state)
{
    fixture *x = *state;
    run(x, HEADER "HKH,TUYEN_TRUYEN,a,15/11/2022\nHKH,KHAI_MAC,b,02/10/2022\n"
                  "HKH,HOC_TAP_CONG_DONG,c,30/09/2022,01/10/2022\n");
    assert_string_equal(expect(x, FC_OUTSIDE_WEEK, 2, 4)->detail, "15/11/2022");
    assert_string_equal(expect(x, FC_OPENING_DATE, 3, 4)->detail, "02/10/2022");
    assert_int_equal(count_code(x, FC_OUTSIDE_WEEK), 1); /* row 4 overlaps the week */
    assert_int_equal(x->r.nactivities, 3);
}

static void duplicates_and_outliers_are_flagged_but_counted(void **state)
{
    fixture *x = *state;
    int64_t *typical = calloc(x->c.ncategories * INDICATOR_COUNT, sizeof *typical);
    long tt = campaign_find_category(&x->c, "TUYEN_TRUYEN");
    typical[tt * INDICATOR_COUNT + 0] = 200; /* participants */
    run_full(x,
             HEADER "HKH,TUYEN_TRUYEN,a,01/10/2022,,,300\nHKH,TUYEN_TRUYEN,a,01/10/2022,,,300\n"
                    "HKH,TUYEN_TRUYEN,b,01/10/2022,,,400000\n",
             ON_TIME, false, typical);
    free(typical);
    assert_string_equal(expect(x, FC_DUPLICATE_ROW, 3, 0)->detail, "2");
    assert_string_equal(expect(x, FC_OUTLIER, 4, 7)->detail, "400000 (~200)");
    assert_int_equal(count_code(x, FC_OUTLIER), 1);
    assert_int_equal(x->r.nactivities, 3);
}

static void text_is_kept_as_text_and_cleaned(void **state)
{
    fixture *x = *state;
    run(x, HEADER "HKH,TUYEN_TRUYEN,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",01/10/2022\n"
                  "HKH,TUYEN_TRUYEN,Tæ chøc tuyªn truyÒn,02/10/2022\n"
                  "HKH,TUYEN_TRUYEN,a\x01"
                  "b\x7f"
                  "c,03/10/2022\n");
    expect(x, FC_FORMULA_TEXT, 2, 3);
    assert_string_equal(x->r.activities[0].content, "=HYPERLINK(\"http://x\",\"y\")");
    assert_string_equal(expect(x, FC_LEGACY_FONT, 3, 3)->detail, "TCVN3");
    assert_string_equal(x->r.activities[1].content, "Tổ chức tuyên truyền");
    expect(x, FC_CONTROL_CHARS, 4, 3);
    assert_string_equal(x->r.activities[2].content, "abc");
    assert_int_equal(x->r.nactivities, 3);
}

static void a_repeated_header_is_skipped_with_a_warning(void **state)
{
    fixture *x = *state;
    run(x, "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay\nHKH,TUYEN_TRUYEN,a,01/10/2022\n"
           "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay\nHKH,HOC_TAP_CONG_DONG,b,01/10/2022\n");
    expect(x, FC_REPEATED_HEADER, 3, 0);
    assert_int_equal(x->f.count, 1);
    assert_false(x->r.rejected);
    assert_int_equal(x->r.nactivities, 2);
    assert_int_equal(x->r.nrows_read, 2);
}

/* A header that matches nothing: a warning when its column is empty, an
 * error when it holds values, which would otherwise vanish unseen. */
static void unknown_columns_are_ignored_with_a_warning(void **state)
{
    fixture *x = *state;
    run(x, "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,Người ký\nHKH,TUYEN_TRUYEN,a,01/10/2022,\n");
    assert_string_equal(expect(x, FC_UNKNOWN_COLUMN, 1, 5)->detail, "Người ký");
    assert_int_equal(x->r.nactivities, 1);

    run(x, "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,Người ký\n"
           "HKH,TUYEN_TRUYEN,a,01/10/2022,Lan\nHKH,TUYEN_TRUYEN,b,02/10/2022,Hà\n");
    const finding *f = expect(x, FC_IGNORED_COLUMN, 1, 5);
    assert_string_equal(f->column_name, "Người ký");
    assert_string_equal(f->detail, "2");
    assert_int_equal(finding_code_severity(FC_IGNORED_COLUMN), FINDING_ROW_ERROR);
    assert_int_equal(x->r.nactivities, 2);
}

/* Returns the finding with code at row and column, or fails. */
static const finding *expect_at(const fixture *x, finding_code code, size_t row, size_t column)
{
    for (size_t i = 0; i < x->f.count; i++) {
        const finding *f = &x->f.items[i];
        if (f->code == code && f->row == row && f->column == column)
            return f;
    }
    fail_msg("no finding %s at %zu:%zu", finding_code_name(code), row, column);
    return NULL;
}

/* Headers that nearly match a column are read as that column, with a
 * warning that names the mapping. */
static void near_headers_are_mapped_with_a_warning(void **state)
{
    fixture *x = *state;
    run(x, "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,So buoi lop,So nguoi tham gai,Kinh phí đồng\n"
           "HKH,TUYEN_TRUYEN,a,01/10/2022,2,30,1.000\n");
    assert_string_equal(expect_at(x, FC_GUESSED_COLUMN, 1, 5)->detail, "Số buổi, lớp");
    assert_string_equal(expect_at(x, FC_GUESSED_COLUMN, 1, 6)->detail, "Số người tham gia");
    assert_string_equal(expect_at(x, FC_GUESSED_COLUMN, 1, 7)->detail, "Kinh phí (đồng)");
    assert_int_equal(x->r.nactivities, 1);
    assert_int_equal(x->r.activities[0].indicators[COL_SESSIONS - COL_FIRST_INDICATOR], 2);
    assert_int_equal(x->r.activities[0].indicators[COL_PARTICIPANTS - COL_FIRST_INDICATOR], 30);
    assert_int_equal(x->r.activities[0].indicators[COL_BUDGET - COL_FIRST_INDICATOR], 1000);

    /* An exact header wins over a near one for the same column. */
    run(x, "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,so_nguoi,So nguoi tham gai\n"
           "HKH,TUYEN_TRUYEN,a,01/10/2022,7,8\n");
    assert_int_equal(x->r.activities[0].indicators[COL_PARTICIPANTS - COL_FIRST_INDICATOR], 7);
    expect(x, FC_IGNORED_COLUMN, 1, 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_clean_report_counts_every_row),
        cmocka_unit_test(headers_match_in_any_language_order_and_case),
        cmocka_unit_test(row_errors_drop_the_row_only),
        cmocka_unit_test(strict_rejects_the_file_on_a_row_error),
        cmocka_unit_test(text_too_long_for_a_cell),
        cmocka_unit_test(file_errors_reject_everything),
        cmocka_unit_test(deadline_warnings_and_closing),
        cmocka_unit_test(missing_required_categories_are_named),
        cmocka_unit_test(date_warnings),
        cmocka_unit_test(duplicates_and_outliers_are_flagged_but_counted),
        cmocka_unit_test(text_is_kept_as_text_and_cleaned),
        cmocka_unit_test(unknown_columns_are_ignored_with_a_warning),
        cmocka_unit_test(near_headers_are_mapped_with_a_warning),
        cmocka_unit_test(a_shifted_row_gets_one_finding),
        cmocka_unit_test(unknown_codes_suggest_the_closest),
        cmocka_unit_test(a_category_whose_rows_failed_points_at_them),
        cmocka_unit_test(an_unknown_received_time_is_not_judged),
        cmocka_unit_test(a_repeated_header_is_skipped_with_a_warning),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
