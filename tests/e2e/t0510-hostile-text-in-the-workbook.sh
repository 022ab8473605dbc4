#!/bin/sh
# t0510: report text that looks like a formula, SQL, an XML escape, or holds
# control characters reaches the workbook as plain strings, and the workbook
# made from it opens in LibreOffice (converted to CSV, the text read back).
. "$(dirname "$0")/lib.sh"

/usr/bin/python3 - <<'PY'
rows = [
    ("=HYPERLINK(\"http://example.invalid\",\"bấm vào đây\")", "formula"),
    ("+84 912 345 678", "a phone number"),
    ("-5 điểm trừ thi đua", "starts with minus"),
    ("@SUM(A1:A9)", "at-formula"),
    ("'); DROP TABLE submission;--", "SQL"),
    ("Mã _x0041_ và _x005F_", "an XML escape"),
    ("chuông\x07 tab\there\x0bdọc\x1b[31m", "control characters"),
    ("0123", "a number-like text"),
    ("1e5", "scientific"),
    ("Dòng một\ndòng hai", "a line break"),
]
with open("hostile.csv", "w", encoding="utf-8", newline="") as f:
    f.write("ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,ghi_chu\r\n")
    for i, (text, note) in enumerate(rows):
        q = '"' + text.replace('"', '""') + '"'
        f.write(f"HKH,TUYEN_TRUYEN,{q},0{1 + i % 7}/10/2022,{note}\r\n")
PY
run 0 import --received 2022-10-20 hostile.csv
expect_line out.txt '^hostile.csv dòng 2, cột C \(noi_dung\): Cảnh báo \[formula-text\]'
expect_line out.txt '^hostile.csv dòng 8, cột C \(noi_dung\): Cảnh báo \[control-chars\]'
run 0 export --as-of 2022-10-28 -o book.xlsx

# openpyxl: every Nội dung of Chi tiết is a string, exactly as meant.
/usr/bin/python3 - book.xlsx >check.txt 2>&1 <<'PY' || { fail "the texts in Chi tiết"; sed 's/^/  | /' check.txt >&2; }
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Chi tiết"]
head = None
for r in ws.iter_rows():
    vals = [c.value for c in r]
    if "Nội dung" in vals:
        head = vals
        break
col = head.index("Nội dung") + 1
start = r[0].row + 1
got = []
for row in ws.iter_rows(min_row=start, min_col=col, max_col=col):
    c = row[0]
    if c.value is None:
        continue
    assert c.data_type == "s", (c.coordinate, c.data_type, c.value)
    # openpyxl leaves the _x005F_ escape of inline strings as it is (Excel
    # and LibreOffice show "_"); the LibreOffice check below reads the text.
    got.append(c.value.replace("_x005F_", "_"))
want = {
    '=HYPERLINK("http://example.invalid","bấm vào đây")', "+84 912 345 678",
    "-5 điểm trừ thi đua", "@SUM(A1:A9)", "'); DROP TABLE submission;--",
    "Mã _x0041_ và _x005F_", "chuông tab\there dọc[31m".replace(" dọc", "dọc"),
    "0123", "1e5", "Dòng một\ndòng hai",
}
missing = want - set(got)
assert not missing, ("missing", missing, got)
print("ok", len(got))
PY

if command -v soffice >/dev/null 2>&1; then
    LO="soffice -env:UserInstallation=file://$SCRATCH/lo-profile --headless"
    checks=$((checks + 1))
    # Sheet 3 is Chi tiết; UTF-8 (76), raw values.
    timeout 120 $LO --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,3' \
        book.xlsx >lo.txt 2>&1 || fail "LibreOffice cannot open the workbook"
    csv=$(ls book*.csv 2>/dev/null | head -1)
    checks=$((checks + 1))
    [ -n "$csv" ] && grep -q 'DROP TABLE submission' "$csv" && grep -q '=HYPERLINK(' "$csv" ||
        fail "LibreOffice's CSV of Chi tiết lacks the texts"
    checks=$((checks + 1))
    grep -q '1E+05\|100000' "$csv" && fail "LibreOffice read '1e5' as a number"
    checks=$((checks + 1))
    grep -q 'Mã _x0041_ và _x005F_' "$csv" || fail "LibreOffice shows the _xHHHH_ text changed"
else
    echo "SKIP: soffice not installed (scripts/setup installs libreoffice-calc-nogui)"
fi
finish
