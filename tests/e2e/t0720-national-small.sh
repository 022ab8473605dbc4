#!/bin/sh
# t0720: the national benchmark set of scripts/bench, at a small scale.
# scripts/make-national writes a campaign of 500 school units added to the
# shipped one and one report each, in every encoding, delimiter, number and
# date habit, with a few row errors; it reads every file back itself
# (--check).  The set is imported and exported; the workbook's grand totals,
# detail rows and row errors (on the clerk's sheet Lỗi dữ liệu, hence
# --full) read back with openpyxl must equal what the
# generator says it wrote.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

$PY "$SRC/scripts/make-national" --out nat --units 500 --rows 8 --seed 7 --check >gen.txt
expect_line gen.txt '^make-national: 500 reports, 4000 rows'
# exit 3: some rows have errors
run 3 --campaign nat/campaign import --received 2022-10-20 nat/inbox
expect_line out.txt '500 tệp: 500 được tiếp nhận'
run 0 --campaign nat/campaign export --full --as-of 2022-10-28 -o book.xlsx
checks=$((checks + 1))
$PY "$SRC/tests/e2e/check_workbook.py" national book.xlsx nat/expected.json >check.txt 2>&1 || {
    fail "check_workbook.py national"
    sed 's/^/  | /' check.txt >&2
}

finish
