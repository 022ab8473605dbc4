#!/bin/sh
# t0760: what the export no longer keeps in memory unless an output needs
# it.  The submissions are only counted for the plain workbook: the files
# received after --as-of are still counted and named in the warning; the
# clerk's workbook (--full) still has the ledger's sheet with a row per
# file, its states and the change of a replaced report; the report CSV
# (--csv) still has a row per unit and category.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

run 0 import --received 2022-10-20T09:00 "$SRC/samples/2022-10-14_UBND_BuDang_bao_cao.csv"
run 3 import --received 2022-10-21T09:00 "$SRC/samples/LocNinh_bao_cao.csv" # a row error
run 0 import --received 2022-10-25T09:00 "$SRC/samples/2022-10-18_UBND_DongXoai_bao_cao.csv"
run 0 import --received 2022-10-26T09:00 --supplement \
    "$SRC/samples/2022-10-26_UBND_BuDang_bao_cao_bo_sung.csv"
files=$(sql "SELECT count(*) FROM submission")
late=$(sql "SELECT count(*) FROM submission WHERE received > strftime('%s', '2022-10-22T02:00:00')")

run 0 export --as-of 2022-10-22T09:00 -o plain.xlsx
expect_line err.txt "^tonghop: [^:]+: $late tệp nhận sau thời điểm --as-of vẫn được tính$"
run 0 export --as-of 2022-10-30T09:00 -o plain2.xlsx
expect_no_line err.txt 'nhận sau thời điểm'

run 0 export --full --as-of 2022-10-30T09:00 -o full.xlsx
checks=$((checks + 1))
$PY - full.xlsx "$files" >check.txt 2>&1 <<'PY' || fail "the ledger sheet: $(cat check.txt)"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
rows = [r for r in wb["Lịch sử nộp"].iter_rows(values_only=True) if isinstance(r[0], (int, float))]
assert len(rows) == int(sys.argv[2]), (len(rows), sys.argv[2])
text = " ".join(str(c) for r in rows for c in r if c is not None)
assert "Đang có hiệu lực" in text and "Bổ sung, đang có hiệu lực" in text, text
PY

mkdir csv
run 0 export --csv csv --as-of 2022-10-30T09:00
checks=$((checks + 1))
n=$(tail -n +2 csv/*.csv | grep -c 'Đơn vị gốc:' || true)
[ "$n" -gt 3 ] || fail "the report CSV has $n rows of units and categories"

finish
