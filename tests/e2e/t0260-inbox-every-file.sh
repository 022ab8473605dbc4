#!/bin/sh
# t0260: every entry of an inbox folder is accounted for.  Reports are taken
# from the folder and its dated subfolders (.csv, .xlsx, .xls, any case);
# a PDF, a Word file, an image, an archive, Excel's temporary "~$" file, a
# hidden file, anything else and a link looping back are each named with a
# finding and advice; the manifest is not; the summary counts them and the
# exit status is 3.  A second run says the same, in the same order.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
H='ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,den_ngay,so_nguoi'

mkdir -p inbox/2022-10-05/chieu inbox/2022-10-06
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,Treo băng rôn,01/10/2022,,1200' 'HKH,HOC_TAP_CONG_DONG,Hội nghị,02/10/2022,,40' \
    >inbox/HKH.csv
printf '%s\n' "$H" 'SGDDT,TUYEN_TRUYEN,Tuyên truyền,01/10/2022,,300' >inbox/2022-10-05/SGDDT.CSV
printf '%s\n' "$H" 'MTTQ,TUYEN_TRUYEN,Tuyên truyền,01/10/2022,,50' >inbox/2022-10-05/chieu/MTTQ.csv
$PY - <<'PY'
import datetime, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["ma_don_vi", "ma_hoat_dong", "noi_dung", "tu_ngay", "so_nguoi"])
ws.append(["HND", "TUYEN_TRUYEN", "Tuyên truyền", datetime.date(2022, 10, 3), 75])
ws["D2"].number_format = "dd/mm/yyyy"
wb.save("inbox/2022-10-06/HND.XLSX")
PY
printf 'file,received\nMTTQ.csv,2022-10-05 15:00\n' >inbox/2022-10-05/chieu/received.csv
printf '%%PDF-1.4\n' >inbox/2022-10-05/cong-van.pdf
printf 'PK\003\004' >inbox/2022-10-05/bao-cao.docx
printf '\211PNG\r\n' >inbox/2022-10-06/anh-chup.png
printf 'PK\003\004' >inbox/2022-10-06/tat-ca.zip
printf 'x' >'inbox/~$HKH.xlsx'
printf '%s\n' "$H" >inbox/.hidden.csv
printf 'ghi chú\n' >inbox/ghi-chu.txt
ln -s .. inbox/2022-10-06/vong-lap

# A subfolder alone, without --received: its own manifest gives the time
# (2022-10-05 15:00 +07:00); exit 0, no "skipped" in the summary.
run 0 import inbox/2022-10-05/chieu
expect_line out.txt '^Tổng cộng 1 tệp: 1 được tiếp nhận, 0 không đổi, 0 bị từ chối, 0 có dòng lỗi$'
expect_equal "$(sql "SELECT received FROM submission WHERE unit_code = 'MTTQ'")" 1664956800 "manifest time"

run 3 import --received 2022-10-20 inbox
# The reports, from every level, in name order (files before subfolders).
expect_line out.txt '^HKH.csv: HKH — 2 dòng được tính'
expect_line out.txt '^2022-10-05/SGDDT.CSV: SGDDT — 1 dòng được tính'
expect_line out.txt '^2022-10-05/chieu/MTTQ.csv: không đổi'
expect_line out.txt '^2022-10-06/HND.XLSX: HND — 1 dòng được tính'
expect_equal "$(sql 'SELECT group_concat(file_name, " ") FROM (SELECT file_name FROM submission ORDER BY id)')" \
    "MTTQ.csv HKH.csv 2022-10-05/SGDDT.CSV 2022-10-06/HND.XLSX" "stored in order"
# Everything else is named, with its advice.
expect_line out.txt '^\.hidden\.csv: Lỗi \[skipped-hidden\]'
expect_line out.txt '^ghi-chu\.txt: Lỗi \[skipped-other\].*hãy đổi đuôi thành \.csv'"'"'$'
expect_line out.txt '^~\$HKH\.xlsx: Lỗi \[skipped-temporary\]'
expect_line out.txt '^2022-10-05/bao-cao\.docx: Lỗi \[skipped-word\]'
expect_line out.txt '^2022-10-05/cong-van\.pdf: Lỗi \[skipped-pdf\]'
expect_line out.txt '^2022-10-06/anh-chup\.png: Lỗi \[skipped-image\]'
expect_line out.txt '^2022-10-06/tat-ca\.zip: Lỗi \[skipped-archive\] .*giải nén'
expect_line out.txt '^2022-10-06/vong-lap: Lỗi \[skipped-other\].*liên kết trỏ ngược về thư mục đang đọc'
expect_no_line out.txt 'received\.csv'
expect_line out.txt '^Tổng cộng 4 tệp: 3 được tiếp nhận, 1 không đổi, 0 bị từ chối, 0 có dòng lỗi; 8 mục khác bị bỏ qua \(không phải báo cáo\)$'
expect_equal "$(grep -c '\[skipped-' out.txt)" 8 "entries named"
cp out.txt first.txt

# check says the same; a second import finds the reports unchanged and
# names the same entries in the same order.
run 3 check --received 2022-10-20 inbox
expect_equal "$(grep '\[skipped-' out.txt)" "$(grep '\[skipped-' first.txt)" "check names the same"
run 3 import --received 2022-10-20 inbox
expect_line out.txt '^Tổng cộng 4 tệp: 0 được tiếp nhận, 4 không đổi, 0 bị từ chối, 0 có dòng lỗi; 8 mục'
expect_equal "$(grep '\[skipped-' out.txt)" "$(grep '\[skipped-' first.txt)" "second run names the same"

finish
