#!/bin/sh
# t0120: no value vanishes in silence and messages tell the truth: a header
# that nearly matches is read (and said so), a column that matches nothing
# but holds values makes the exit status 3, unknown codes come with the
# closest name, 31/09 says September has 30 days, a shifted row gets one
# finding, sep= files are numbered as Excel shows them, and `check` without
# --received does not judge the deadline from the file's date.
. "$(dirname "$0")/lib.sh"

# "So buoi lop" (no comma) and a typo: read as their columns, with a warning.
printf '%s\n' 'ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,So buoi lop,So nguoi tham gai' \
    'LOCNINH,KE_HOACH,Kế hoạch,01/10/2022,2,15' 'LOCNINH,KHAI_MAC,Khai mạc,01/10/2022,1,380' \
    >near-headers.csv
run 0 import --received 2022-10-10 near-headers.csv
expect_line out.txt "^near-headers.csv dòng 1, cột E \(So buoi lop\): Cảnh báo \[guessed-column\].* — 'Số buổi, lớp'$"
expect_line out.txt "^near-headers.csv dòng 1, cột F \(So nguoi tham gai\): Cảnh báo \[guessed-column\].* — 'Số người tham gia'$"
expect_line out.txt '^near-headers.csv: LOCNINH — 2 dòng được tính, 0 dòng lỗi'
expect_equal "$(sql 'SELECT sum(sessions), sum(participants) FROM activity')" "3|395" \
    "values of the near headers are stored"

# A column that matches nothing but holds values: an error naming it and the
# count, exit 3; the rows still count.
printf '%s\n' 'ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,Người dự' \
    'HKH,TUYEN_TRUYEN,a,01/10/2022,40' 'HKH,HOC_TAP_CONG_DONG,b,02/10/2022,12' >unknown-col.csv
run 3 import --received 2022-10-10 unknown-col.csv
expect_line out.txt "^unknown-col.csv dòng 1, cột E \(Người dự\): Lỗi \[ignored-column\].* — '2'$"
expect_line out.txt '^unknown-col.csv: HKH — 2 dòng được tính'

# Unknown unit and category: "có phải ... không?"; 31/09 and September.
printf '%s\n' 'ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay' 'LOCNINHH,KE_HOACH,a,01/10/2022' >unit-typo.csv
run 3 check unit-typo.csv
expect_line out.txt "^unit-typo.csv dòng 2, cột A \(ma_don_vi\): Lỗi \[unknown-unit\].* — 'LOCNINHH' — có phải «LOCNINH - UBND huyện Lộc Ninh» không\?$"
printf '%s\n' 'ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay' 'HKH,TUYEN_TRUYENN,a,01/10/2022' \
    'HKH,TUYEN_TRUYEN,c,31/09/2022' 'HKH,HOC_TAP_CONG_DONG,b,01/10/2022' >row-typos.csv
run 3 check row-typos.csv
expect_line out.txt "\[unknown-category\].* — 'TUYEN_TRUYENN' — có phải «TUYEN_TRUYEN - .*» không\?$"
expect_line out.txt "\[bad-date\].* — '31/09/2022' — tháng 9 chỉ có 30 ngày$"
run 3 --lang en check row-typos.csv
expect_line out.txt "\[bad-date\].* — '31/09/2022' — September has only 30 days$"
expect_line out.txt "\[unknown-category\].* — 'TUYEN_TRUYENN' — did you mean «TUYEN_TRUYEN - .*»\?$"
# ...and the required category whose only row failed is named as such.
expect_line out.txt "^row-typos.csv: Warning \[category-rows-rejected\].*'TUYEN_TRUYEN \(.*\): 3'$"

# A ';' inside unquoted text of a ';' file: one finding, no cascade; with a
# sep= line the row is the one Excel shows, and the output says so.
printf '%s\n' 'sep=;' 'ma_don_vi;ma_hoat_dong;noi_dung;tu_ngay;so_nguoi' \
    'HKH;TUYEN_TRUYEN;Treo băng rôn; khẩu hiệu;01/10/2022;5' \
    'HKH;HOC_TAP_CONG_DONG;Tin bài;01/10/2022;3' >shifted.csv
run 3 check shifted.csv
expect_line out.txt '^shifted.csv dòng 2, cột F: Lỗi \[extra-cells\]'
expect_no_line out.txt '^shifted.csv dòng 2, .*\[(bad-date|bad-number)\]'
expect_line out.txt '^shifted.csv: số dòng là số hàng Excel hiển thị'

# check without --received: content only, the deadline is not judged from
# the file's date (this file's date is today, long after the campaign).
printf '%s\n' 'ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay' 'HKH,TUYEN_TRUYEN,a,01/10/2022' \
    'HKH,HOC_TAP_CONG_DONG,b,01/10/2022' >today.csv
run 0 check today.csv
expect_no_line out.txt '\[(closed|late)\]'
expect_line out.txt '^Chưa xét thời hạn nộp'
run 3 check --received 2026-11-28 today.csv
expect_line out.txt '\[closed\]'

finish
