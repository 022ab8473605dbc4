#!/bin/sh
# t0230: a replacement is visible, can be undone, and a part can be added.
# Lộc Ninh (samples/LocNinh_bao_cao.csv, its 31/09 corrected) reports 8
# activities, 6/6 required categories.  Then it sends a file holding only 2
# of them: the import says on its own line which file it replaces, the rows
# before -> after, the categories lost and the change of each total, warns
# replaces-less and exits 3.  The clerk withdraws it: 6/6 again.  The same
# file imported again with --supplement is added, not replacing, its rows
# flagged as duplicates of the rows in effect; a real second part completes
# a first part.  The same content under another name prints both names.
. "$(dirname "$0")/lib.sh"

sed 's#31/09/2022#30/09/2022#' "$SRC/samples/LocNinh_bao_cao.csv" >LocNinh_bao_cao.csv
{ head -1 LocNinh_bao_cao.csv; grep -E ',(THU_VIEN|KIEM_TRA),' LocNinh_bao_cao.csv; } >LocNinh_2.csv

run 0 import --received 2022-10-20 LocNinh_bao_cao.csv
expect_line out.txt '^LocNinh_bao_cao.csv: LOCNINH — 8 dòng được tính, 0 dòng lỗi, 0 cảnh báo$'
run 0 status
expect_line out.txt '^LOCNINH .* Đúng hạn +6/6$'

# -- the 2-row file replaces the 8-row report
run 3 import --received 2022-10-22 LocNinh_2.csv
expect_line out.txt "^LocNinh_2.csv: Cảnh báo \[replaces-less\] .* — 'LocNinh_bao_cao.csv: 8 → 2; TUYEN_TRUYEN, KHAI_MAC, KE_HOACH, HOC_TRUC_TUYEN, XA_HOI_HOC_TAP'$"
expect_line out.txt '^LocNinh_2.csv: thay thế LocNinh_bao_cao.csv \(báo cáo có hiệu lực của LOCNINH\) — 8 → 2 dòng; mất TUYEN_TRUYEN, KHAI_MAC, KE_HOACH, HOC_TRUC_TUYEN, XA_HOI_HOC_TAP; Số người tham gia -5140; Số buổi, lớp -5; Số băng rôn, khẩu hiệu -70; Số tin, bài -34; Kinh phí \(đồng\) -35000000$'
expect_line out.txt '^Tổng cộng 1 tệp: 1 được tiếp nhận, 0 không đổi, 0 bị từ chối, 0 có dòng lỗi, 1 thay thế báo cáo có hiệu lực nhưng ít hơn nhiều$'
run 0 status
expect_line out.txt '^LOCNINH .* Đúng hạn +2/6$'
expect_line out.txt '^ +thiếu: TUYEN_TRUYEN, KHAI_MAC, KE_HOACH, XA_HOI_HOC_TAP$'
run 0 --lang en import --received 2022-10-22 LocNinh_2.csv
expect_line out.txt '^LocNinh_2.csv: unchanged — this content was already imported \(file LocNinh_2.csv, received 22/10/2022 00:00\)$'

# -- withdraw it: the 8-row report is back
run 1 withdraw LocNinh_2.csv
expect_line err.txt 'cần --reason'
run 1 withdraw no-such.csv --reason x
expect_line err.txt "không có tệp nào trong kho khớp 'no-such.csv'"
hash=$(sql "SELECT substr(sha256, 1, 10) FROM submission WHERE file_name = 'LocNinh_2.csv'")
run 0 withdraw "$hash" --reason "chỉ là phần bổ sung, gửi nhầm"
expect_line out.txt '^LocNinh_2.csv: đã rút lại — lý do: chỉ là phần bổ sung, gửi nhầm; báo cáo có hiệu lực của LOCNINH: LocNinh_bao_cao.csv, 2 → 8 dòng; Số người tham gia \+5140; Số buổi, lớp \+5; Số băng rôn, khẩu hiệu \+70; Số tin, bài \+34; Kinh phí \(đồng\) \+35000000$'
run 0 status
expect_line out.txt '^LOCNINH .* Đúng hạn +6/6$'
run 0 withdraw LocNinh_2.csv --reason again
expect_line out.txt '^LocNinh_2.csv: đã rút lại từ trước — lý do: chỉ là phần bổ sung, gửi nhầm$'
expect_equal "$(sql "SELECT count(*) FROM submission")" 2 "nothing deleted"
run 0 history LOCNINH
expect_line out.txt '^LOCNINH — UBND huyện Lộc Ninh$'
expect_line out.txt '^  20/10/2022 00:00  LocNinh_bao_cao.csv  \[[0-9a-f]{12}\]  8 dòng được tính, 0 dòng lỗi — đang có hiệu lực$'
expect_line out.txt '^  22/10/2022 00:00  LocNinh_2.csv  \[[0-9a-f]{12}\]  2 dòng được tính, 0 dòng lỗi — đã rút lại .*: chỉ là phần bổ sung, gửi nhầm$'
expect_line out.txt 'nhập: thay thế LocNinh_bao_cao.csv — 8 → 2 dòng; mất TUYEN_TRUYEN, KHAI_MAC, KE_HOACH, HOC_TRUC_TUYEN, XA_HOI_HOC_TAP; Số người tham gia -5140'
expect_line out.txt 'rút lại: chỉ là phần bổ sung, gửi nhầm — báo cáo có hiệu lực 2 → 8 dòng; Số người tham gia \+5140'

# -- the same file with --supplement, as replaces-less advised: filed again
# as a supplement, added (not replacing), its rows flagged as duplicates of
# the rows in effect
run 0 import --supplement LocNinh_2.csv
expect_line out.txt '^LocNinh_2.csv: nội dung này đã nhập trước \(tệp LocNinh_2.csv\) rồi rút lại: nhập lại làm báo cáo bổ sung$'
expect_line out.txt "^LocNinh_2.csv dòng 2: Cảnh báo \[duplicate-row\] .* — 'LocNinh_bao_cao.csv:6'$"
expect_line out.txt "^LocNinh_2.csv dòng 3: Cảnh báo \[duplicate-row\] .* — 'LocNinh_bao_cao.csv:8'$"
expect_line out.txt '^LocNinh_2.csv: bổ sung cho LocNinh_bao_cao.csv — 8 → 10 dòng; Số người tham gia \+1666'
expect_no_line out.txt 'missing-category|thay thế'
run 0 status
expect_line out.txt '^LOCNINH .* Đúng hạn +6/6$'
expect_equal "$(sql "SELECT count(*) FROM activity a JOIN submission s ON s.id = a.submission_id WHERE s.unit_code = 'LOCNINH' AND s.withdrawn_at IS NULL")" 10 "rows of the base and its supplement"
expect_equal "$(sql "SELECT count(*) FROM submission")" 2 "the same submission, filed again"
run 0 history LOCNINH
expect_line out.txt '^  22/10/2022 00:00  LocNinh_2.csv  \[[0-9a-f]{12}\]  2 dòng được tính, 0 dòng lỗi — bổ sung cho LocNinh_bao_cao.csv, đang có hiệu lực$'
expect_line out.txt 'nhập bổ sung cho LocNinh_bao_cao.csv — 8 → 10 dòng'
run 0 recheck LocNinh_2.csv
expect_line out.txt '^LocNinh_2.csv: không đổi \(được tiếp nhận\)$'
# The clerk's workbook says what the store says: Chi tiết holds the base's
# rows and the supplement's, Lịch sử nộp names the supplement in effect.
run 0 export --full --as-of 2022-11-01T09:00 -o sup.xlsx
ledger_of() {
    /usr/bin/python3 - "$1" >ledger.txt <<'PY' || fail "cannot read $1 back"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
rows = [r for n in wb.sheetnames if n.startswith("Chi tiết") for r in wb[n].iter_rows(values_only=True)
        if isinstance(r[0], int) and r[1] == "LOCNINH"]
print("detail", len(rows))
for r in wb["Lịch sử nộp"].iter_rows(values_only=True):
    if isinstance(r[0], int):
        print(r[1], "|", r[7])
PY
}
ledger_of sup.xlsx
expect_line ledger.txt '^detail 10$'
expect_line ledger.txt '^LocNinh_bao_cao.csv \| Đang có hiệu lực$'
expect_line ledger.txt '^LocNinh_2.csv \| Bổ sung, đang có hiệu lực$'
run 0 withdraw LocNinh_2.csv --reason "trùng"
expect_line out.txt '^LocNinh_2.csv: đã rút lại — lý do: trùng; báo cáo có hiệu lực của LOCNINH: LocNinh_bao_cao.csv, 10 → 8 dòng; Số người tham gia -1666'
run 0 export --full --as-of 2022-11-01T09:00 -o wd.xlsx
ledger_of wd.xlsx
expect_line ledger.txt '^detail 8$'
expect_line ledger.txt '^LocNinh_2.csv \| Đã rút lại: trùng$'

# -- a report split in two parts: the second part completes the first
rm -f "$SCRATCH/store.db"*
head -6 LocNinh_bao_cao.csv >phan1.csv
{ head -1 LocNinh_bao_cao.csv; sed -n '7,9p' LocNinh_bao_cao.csv; } >phan2.csv
run 0 import --received 2022-10-20 phan1.csv
run 0 status
expect_line out.txt '^LOCNINH .* Đúng hạn +4/6$'
expect_line out.txt '^ +thiếu: XA_HOI_HOC_TAP, KIEM_TRA$'
run 0 import --supplement --received 2022-10-26 phan2.csv
expect_line out.txt '^phan2.csv: bổ sung cho phan1.csv — 5 → 8 dòng'
run 0 status
expect_line out.txt '^LOCNINH .* Bổ sung sau hạn +6/6$'
sql "SELECT sum(participants) FROM activity" >sum.txt
expect_equal "$(cat sum.txt)" 6806 "the parts add up to the whole"
# Looked at again, a part is judged as at its import: nothing changes.
run 0 recheck LOCNINH
expect_line out.txt '^phan1.csv: không đổi \(được tiếp nhận\)$'
expect_line out.txt '^phan2.csv: không đổi \(được tiếp nhận\)$'
# --supplement with nothing in effect: the file is the unit's report
run 0 import --supplement --received 2022-10-20 "$SRC/samples/SXD_bao_cao.csv"
expect_line out.txt '^SXD_bao_cao.csv: --supplement nhưng SXD chưa có báo cáo có hiệu lực: tệp được tính là báo cáo của đơn vị$'
run 1 check --supplement phan1.csv

# -- the same content under another name: both names
cp phan1.csv "phần 1 (gửi lại).csv"
run 0 import "phần 1 (gửi lại).csv"
expect_line out.txt '^phần 1 \(gửi lại\).csv: không đổi — nội dung này đã được nhập \(tệp phan1.csv, nhận 20/10/2022 00:00\)$'
finish
