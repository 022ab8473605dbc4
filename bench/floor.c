/*
 * floor.c - the floor of any export with libxlsxwriter: writes ROWS rows of
 * the 18 columns of tonghop's detail sheet ("Chi tiết") from memory, in
 * constant-memory mode, with the formats created once and nothing else.
 *
 * scripts/bench runs it with the number of detail rows tonghop exported, so
 * tonghop's export time can be read as a multiple of this one.  Not part of
 * tonghop: built only by the bench_floor target (EXCLUDE_FROM_ALL).
 *
 * Usage: bench_floor OUT.xlsx ROWS
 */
#include <stdio.h>
#include <stdlib.h>

#include <xlsxwriter.h>

enum { NCOLS = 18, NCATS = 8, NFORMS = 3 };

static const char *const titles[NCOLS] = {"STT",
                                          "Mã đơn vị",
                                          "Đơn vị",
                                          "Mã hoạt động",
                                          "Hoạt động",
                                          "Nội dung",
                                          "Từ ngày",
                                          "Đến ngày",
                                          "Hình thức",
                                          "Số người tham gia",
                                          "Số buổi, lớp",
                                          "Số băng rôn, khẩu hiệu",
                                          "Số tin, bài",
                                          "Số sách (trưng bày, trao tặng)",
                                          "Kinh phí (đồng)",
                                          "Ghi chú",
                                          "Tệp nguồn",
                                          "Dòng"};

static const char *const cats[NCATS][2] = {
    {"TUYEN_TRUYEN", "Thông tin, tuyên truyền"},     {"HOC_TRUC_TUYEN", "Học tập trực tuyến"},
    {"LOP_HOC", "Lớp học, tập huấn, hội thảo"},      {"KY_NANG_SO", "Kỹ năng số"},
    {"THU_VIEN", "Thư viện, bảo tàng, nhà văn hóa"}, {"HOC_LIEU_MO", "Học liệu mở"},
    {"CUOC_THI", "Cuộc thi, diễn đàn công dân số"},  {"GUONG_DIEN_HINH", "Gương điển hình tự học"}};

static const char *const forms[NFORMS] = {"trực tiếp", "trực tuyến", "kết hợp"};

/* Excel's serial number of 2022-10-01. */
#define OCT_1_2022 44835.0

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s OUT.xlsx ROWS\n", argv[0]);
        return 1;
    }
    long rows = strtol(argv[2], NULL, 10);
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(argv[1], &opt);
    if (wb == NULL)
        return 2;
    lxw_format *text = workbook_add_format(wb);
    format_set_text_wrap(text);
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    lxw_format *count = workbook_add_format(wb);
    format_set_num_format(count, "#,##0");
    lxw_worksheet *ws = NULL;
    char unit[32], name[96], content[160], file[48];
    long on_sheet = LXW_ROW_MAX - 1; /* full: a sheet begins at the first row */
    int sheets = 0;
    for (long r = 0; r < rows; r++) {
        if (on_sheet >= LXW_ROW_MAX - 1) {
            char sheet[32];
            snprintf(sheet, sizeof sheet, sheets ? "Chi tiết (%d)" : "Chi tiết", sheets + 1);
            ws = workbook_add_worksheet(wb, sheet);
            for (int c = 0; c < NCOLS; c++)
                worksheet_write_string(ws, 0, (lxw_col_t)c, titles[c], NULL);
            sheets++;
            on_sheet = 0;
        }
        lxw_row_t row = (lxw_row_t)++on_sheet;
        long u = r / 20 + 1;
        int k = (int)(r % NCATS);
        snprintf(unit, sizeof unit, "TRUONG%06ld", u);
        snprintf(name, sizeof name, "Trường THCS Phước Bình số %ld", u);
        snprintf(content, sizeof content,
                 "Hoạt động số %ld của trường tại xã Phước Bình: tuyên truyền, học tập suốt đời, "
                 "đọc sách cùng học sinh",
                 r % 20 + 1);
        snprintf(file, sizeof file, "TRUONG%06ld_bao_cao.csv", u);
        worksheet_write_number(ws, row, 0, (double)(r + 1), NULL);
        worksheet_write_string(ws, row, 1, unit, text);
        worksheet_write_string(ws, row, 2, name, text);
        worksheet_write_string(ws, row, 3, cats[k][0], text);
        worksheet_write_string(ws, row, 4, cats[k][1], text);
        worksheet_write_string(ws, row, 5, content, text);
        worksheet_write_number(ws, row, 6, OCT_1_2022 + (double)(r % 7), date);
        worksheet_write_number(ws, row, 7, OCT_1_2022 + 6, date);
        worksheet_write_string(ws, row, 8, forms[r % NFORMS], NULL);
        for (int i = 0; i < 6; i++)
            worksheet_write_number(ws, row, (lxw_col_t)(9 + i), (double)((r * 7 + i * 13) % 2000),
                                   count);
        worksheet_write_string(ws, row, 15, "Đã báo cáo Phòng GD&ĐT", text);
        worksheet_write_string(ws, row, 16, file, text);
        worksheet_write_number(ws, row, 17, (double)(r % 20 + 2), NULL);
    }
    lxw_error rc = workbook_close(wb);
    if (rc != LXW_NO_ERROR) {
        fprintf(stderr, "bench_floor: %s\n", lxw_strerror(rc));
        return 2;
    }
    return 0;
}
