/*
 * report_schema.c - the columns of a report CSV, written down once.
 *
 * Header cells are matched by key ("tu_ngay") or Vietnamese title ("Từ
 * ngày"), without regard to case, spacing or diacritics (text_same_key).
 */
#include "report_schema.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "similar.h"
#include "text.h"

static const column_spec columns[COL_COUNT] = {
    [COL_UNIT] = {"ma_don_vi", "Mã đơn vị", "Unit code", COLTYPE_CODE, true},
    [COL_CATEGORY] = {"ma_hoat_dong", "Mã hoạt động", "Activity code", COLTYPE_CODE, true},
    [COL_CONTENT] = {"noi_dung", "Nội dung", "Description", COLTYPE_TEXT, true},
    [COL_FROM] = {"tu_ngay", "Từ ngày", "From", COLTYPE_DATE, true},
    [COL_TO] = {"den_ngay", "Đến ngày", "To", COLTYPE_DATE, false},
    [COL_FORM] = {"hinh_thuc", "Hình thức", "Form", COLTYPE_FORM, false},
    [COL_PARTICIPANTS] = {"so_nguoi", "Số người tham gia", "Participants", COLTYPE_COUNT, false},
    [COL_SESSIONS] = {"so_buoi", "Số buổi, lớp", "Sessions, classes", COLTYPE_COUNT, false},
    [COL_BANNERS] = {"so_bang_ron", "Số băng rôn, khẩu hiệu", "Banners, slogans", COLTYPE_COUNT,
                     false},
    [COL_ARTICLES] = {"so_tin_bai", "Số tin, bài", "News items, articles", COLTYPE_COUNT, false},
    [COL_BOOKS] = {"so_sach", "Số sách (trưng bày, trao tặng)", "Books (shown, donated)",
                   COLTYPE_COUNT, false},
    [COL_BUDGET] = {"kinh_phi", "Kinh phí (đồng)", "Budget (VND)", COLTYPE_COUNT, false},
    [COL_NOTE] = {"ghi_chu", "Ghi chú", "Note", COLTYPE_TEXT, false},
};

const column_spec *report_schema_column(report_column col)
{
    if ((int)col < 0 || col >= COL_COUNT)
        return NULL;
    return &columns[col];
}

report_column report_schema_match(const char *header)
{
    char *key = text_fold(header);
    if (key == NULL)
        return COL_COUNT;
    report_column found = COL_COUNT;
    for (int c = 0; c < COL_COUNT && found == COL_COUNT; c++) {
        char *k = text_fold(columns[c].key);
        char *t = text_fold(columns[c].title);
        if ((k && strcmp(k, key) == 0) || (t && strcmp(t, key) == 0))
            found = (report_column)c;
        free(k);
        free(t);
    }
    free(key);
    return found;
}

report_column report_schema_guess(const char *header)
{
    char *key = similar_key(header);
    similar_best best;
    similar_best_init(&best);
    for (int c = 0; key != NULL && c < COL_COUNT; c++) {
        similar_consider(&best, key, columns[c].key, c);
        similar_consider(&best, key, columns[c].title, c);
    }
    free(key);
    long found = similar_best_index(&best);
    return found < 0 ? COL_COUNT : (report_column)found;
}

static const char *const form_labels[] = {
    [FORM_NONE] = "",
    [FORM_IN_PERSON] = "trực tiếp",
    [FORM_ONLINE] = "trực tuyến",
    [FORM_BLENDED] = "kết hợp",
};

const char *report_schema_form_label(activity_form form)
{
    if ((int)form < 0 || form > FORM_BLENDED)
        return "";
    return form_labels[form];
}

activity_form report_schema_match_form(const char *text)
{
    /* "trực tiếp kết hợp trực tuyến", the letter's own phrase, is blended. */
    static const struct {
        const char *key;
        activity_form form;
    } forms[] = {
        {"ket hop", FORM_BLENDED},
        {"truc tiep ket hop truc tuyen", FORM_BLENDED},
        {"truc tiep va truc tuyen", FORM_BLENDED},
        {"truc tiep", FORM_IN_PERSON},
        {"truc tuyen", FORM_ONLINE},
        {"online", FORM_ONLINE},
        {"offline", FORM_IN_PERSON},
        {"blended", FORM_BLENDED},
    };
    char *key = text_fold(text);
    if (key == NULL)
        return FORM_NONE;
    activity_form found = FORM_NONE;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0] && found == FORM_NONE; i++)
        if (strcmp(key, forms[i].key) == 0)
            found = forms[i].form;
    free(key);
    return found;
}
