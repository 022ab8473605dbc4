#!/bin/sh
# t0310: one report made as a workbook (openpyxl: a merged title row, the
# header below it, dates as real dates, numbers as numbers, a line break in
# a cell), saved again as .xlsx, .ods and .xls by LibreOffice headless, and
# written as a CSV: every form stores the same rows, byte for byte.  A
# report with errors, in each spreadsheet form, gets findings that name the
# sheet and cell (Báo cáo!D6), on the terminal and in the workbook's "Lỗi
# dữ liệu" sheet.  Skips only when soffice is not installed.
. "$(dirname "$0")/lib.sh"
if ! command -v soffice >/dev/null 2>&1; then
    echo "SKIP: soffice not installed (scripts/setup installs libreoffice-calc-nogui)"
    exit 0
fi
PY=/usr/bin/python3

$PY - <<'PY'
import csv, datetime, openpyxl

HEADER = ["Mã đơn vị", "Mã hoạt động", "Nội dung", "Từ ngày", "Đến ngày", "Hình thức",
          "Số người tham gia", "Số buổi, lớp", "Số băng rôn, khẩu hiệu", "Số tin, bài",
          "Số sách (trưng bày, trao tặng)", "Kinh phí (đồng)", "Ghi chú"]
D = datetime.date
ROWS = [
    ["HKH", "TUYEN_TRUYEN", 'Treo băng rôn, khẩu hiệu "Học tập suốt đời"', D(2022, 10, 1), D(2022, 10, 7),
     "trực tiếp", 1200, None, 64, 12, None, 15000000, "Tổ chức ở 11 huyện"],
    ["HKH", "HOC_TAP_CONG_DONG", "Hội nghị học tập cộng đồng\nở xã Tân Thành", D(2022, 10, 2), None,
     "kết hợp", 350, 2, None, None, 1500, None, None],
    ["HKH", "HOC_TAP_CONG_DONG", "Tọa đàm", D(2022, 10, 3), D(2022, 10, 3), "trực tuyến", 0.1, None,
     None, None, None, None, None],
]

def book(name, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws["A1"] = "BÁO CÁO KẾT QUẢ TUẦN LỄ HỌC TẬP SUỐT ĐỜI 2022"
    ws.merge_cells("A1:M1")
    ws.append([])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=4):
        for c in row[3:5]:
            c.number_format = "dd/mm/yyyy"
    wb.save(name)

book("good.xlsx", ROWS[:2])
# Row 6 (sheet row) has a fraction in a count: the finding must say Báo cáo!G6.
book("bad.xlsx", ROWS)

with open("form-csv.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(HEADER)
    for r in ROWS[:2]:
        w.writerow(["" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, D) else v for v in r])
PY

LO="soffice -env:UserInstallation=file://$SCRATCH/lo-profile --headless"
mkdir lo
for ext in xlsx ods xls; do
    checks=$((checks + 1))
    timeout 180 $LO --convert-to $ext --outdir lo good.xlsx bad.xlsx >lo.txt 2>&1 ||
        fail "LibreOffice cannot save as .$ext"
    mv lo/good.$ext form-lo.$ext
    mv lo/bad.$ext bad-lo.$ext
done
mv good.xlsx form-openpyxl.xlsx

for f in form-*; do
    run 0 import --received 2022-10-20 "$f"
    expect_line out.txt "^$f: HKH — 2 dòng được tính, 0 dòng lỗi"
done
expect_equal "$(sql 'SELECT count(*) FROM submission WHERE state = 0')" 5 "accepted forms"
expect_equal "$(sql "SELECT group_concat(encoding, ' ') FROM (SELECT encoding FROM submission ORDER BY file_name)")" \
    "UTF-8 ods xls xlsx xlsx" "forms seen"

# Every form stored the same rows, to the byte.
distinct_rows >distinct.txt
expect_equal "$(wc -l <distinct.txt | tr -d ' ')" 2 "distinct rows over all forms"
expect_line distinct.txt '^ +5 TUYEN_TRUYEN\|Treo băng rôn, khẩu hiệu "Học tập suốt đời"\|19266\|19272\|1\|1\|1200\|\|64\|12\|\|15000000\|Tổ chức ở 11 huyện$'
expect_line distinct.txt '^ +5 HOC_TAP_CONG_DONG\|Hội nghị học tập cộng đồng\\nở xã Tân Thành\|19267\|19267\|0\|3\|350\|2\|\|\|1500\|\|$'
# The line of a row is its sheet row (below the title and blank rows), the
# CSV's its file line.
expect_equal "$(sql "SELECT group_concat(DISTINCT a.line) FROM activity a JOIN submission s ON s.id = a.submission_id WHERE s.file_name LIKE '%.csv'")" \
    "2,3" "CSV lines"
expect_equal "$(sql "SELECT group_concat(DISTINCT a.line) FROM activity a JOIN submission s ON s.id = a.submission_id WHERE s.file_name NOT LIKE '%.csv'")" \
    "4,5" "sheet rows"

# Findings of a spreadsheet name the sheet and the cell.
for f in bad.xlsx bad-lo.xlsx bad-lo.ods bad-lo.xls; do
    run 3 import --received 2022-10-20 "$f"
    expect_line out.txt "^$f 'Báo cáo'!G6 \(Số người tham gia\): Lỗi \[bad-number\] .* — '0.1'$"
done
expect_equal "$(sql "SELECT count(*) FROM finding WHERE sheet = 'Báo cáo' AND row = 6 AND col = 7")" 4 \
    "stored findings with their sheet"
# Lỗi dữ liệu is one of the clerk's sheets: export --full; the code is its
# last column.
run 0 export --full --as-of 2022-11-01T09:00 -o book.xlsx
checks=$((checks + 1))
$PY - <<'PY' >cells.txt || fail "cannot read the Lỗi dữ liệu sheet back"
import openpyxl
ws = openpyxl.load_workbook("book.xlsx", read_only=True)["Lỗi dữ liệu"]
for row in ws.iter_rows(values_only=True):
    if row[6] == "bad-number":
        print(row[1], row[2], row[3])
PY
expect_line cells.txt "^bad-lo.ods 6 'Báo cáo'!G6 \(Số người tham gia\)$"
expect_equal "$(grep -c "'Báo cáo'!G6" cells.txt)" 4 "findings in the workbook naming the cell"

# The fill-in workbook of `tonghop template --xlsx`, filled in, reads back.
run 0 template --unit HKH --xlsx -o tpl.xlsx
$PY - <<'PY'
import datetime, openpyxl
wb = openpyxl.load_workbook("tpl.xlsx")
ws = wb["Báo cáo"]
ws.append(["HKH", "HOC_TAP_CONG_DONG", "Hội nghị", datetime.date(2022, 10, 2), None, "kết hợp", 40])
ws.cell(ws.max_row, 4).number_format = "dd/mm/yyyy"
wb.save("tpl-filled.xlsx")
PY
run 0 check --received 2022-10-20 tpl-filled.xlsx
expect_line out.txt '^tpl-filled.xlsx: HKH — 1 dòng được tính, 0 dòng lỗi'
finish
