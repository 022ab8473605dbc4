#!/bin/sh
# t0400: `export` writes the consolidated workbook.  Reports with totals the
# test computes itself (gen_reports.py) are imported, exported and read back
# with openpyxl (check_workbook.py): sheets, statuses, totals per unit, kind
# and in all (cached formula values and plain cells), detail rows, dates,
# numbers, text kept as text, print set-up.  Then: byte-identical re-export,
# the detail split over sheets, failures that leave nothing behind, and the
# report CSV for the level above.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
CHECK="$SRC/tests/e2e/check_workbook.py"
CAMPAIGN="$SRC/templates/htsd-2022"
AS_OF=2022-11-01T09:00
AS_OF_UTC=2022-11-01T02:00:00

# no_leftovers DIR: nothing but what is expected, no temporary file.
no_leftovers() {
    checks=$((checks + 1))
    left=$(ls -A "$1")
    [ -z "$left" ] || fail "files left in $1: $left"
}

$PY "$SRC/tests/e2e/gen_reports.py" "$CAMPAIGN" inbox 20221101 6
# Some amended reports (_v2) drop required categories of their _v1: the
# warning replaces-less, and exit status 3.
run 3 import inbox
expect_line out.txt '^[A-Z_]+_v2.csv: Cảnh báo \[replaces-less\]'
expect_line out.txt '^Tổng cộng [0-9]+ tệp: [0-9]+ được tiếp nhận, 0 không đổi, 0 bị từ chối, 0 có dòng lỗi, [0-9]+ thay thế báo cáo có hiệu lực nhưng ít hơn nhiều$'
mkdir out
run 0 export --as-of "$AS_OF" -o out/a.xlsx
expect_line out.txt '^out/a.xlsx$'
expect_check "$CHECK" generated out/a.xlsx inbox-expected.json "$AS_OF_UTC" 1

# Reproducible: the same store and --as-of give the same bytes, whatever the
# file is called; the default name comes from the campaign's pattern.
(cd out && "$TONGHOP" --db "$SCRATCH/store.db" export --as-of "$AS_OF" >../out.txt)
expect_line out.txt '^TongHop_htsd-2022_20221101.xlsx$'
checks=$((checks + 1))
cmp -s out/a.xlsx out/TongHop_htsd-2022_20221101.xlsx || fail "two exports differ"
run 0 export --as-of 2022-11-02T09:00 -o out/c.xlsx
checks=$((checks + 1))
cmp -s out/a.xlsx out/c.xlsx && fail "another --as-of gave the same bytes"
expect_equal "$(ls -A out | grep -c '^\.')" 0 "hidden temporary files in out/"

# The detail continues on "Chi tiết (2)", ... past the rows a sheet holds
# (lowered through the testing hook instead of a million-row fixture).
rows=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["detail_rows"])' inbox-expected.json)
per=$((rows / 3 + 1))
TONGHOP_DETAIL_ROWS_PER_SHEET=$per run 0 export --as-of "$AS_OF" -o out/split.xlsx
expect_check "$CHECK" generated out/split.xlsx inbox-expected.json "$AS_OF_UTC" 3
TONGHOP_DETAIL_ROWS_PER_SHEET=$rows run 0 export --as-of "$AS_OF" -o out/exact.xlsx
expect_check "$CHECK" generated out/exact.xlsx inbox-expected.json "$AS_OF_UTC" 1

# The samples: every number reconciles with samples/README.md.
"$TONGHOP" --db samples.db import "$SRC/samples" >/dev/null 2>&1 || true
"$TONGHOP" --db samples.db export --as-of 2022-11-01T09:00 -o out/samples.xlsx >/dev/null
expect_check "$CHECK" samples out/samples.xlsx "$SRC/samples/README.md"
# --full: the same numbers, with the clerk's sheets added.
"$TONGHOP" --db samples.db export --full --as-of 2022-11-01T09:00 -o out/samples-full.xlsx >/dev/null
expect_check "$CHECK" samples out/samples-full.xlsx "$SRC/samples/README.md"

# Failures: exit 2, a message, and nothing left behind.
run 2 --lang en export --as-of "$AS_OF" -o "$SCRATCH/no/such/dir/x.xlsx"
expect_line err.txt "^tonghop: error: cannot write the workbook: .*no/such/dir"
mkdir small
(ulimit -f 80 && "$TONGHOP" --lang en --db "$SCRATCH/store.db" export --as-of "$AS_OF" -o small/x.xlsx \
    >out.txt 2>err.txt; echo $? >rc.txt) || true
expect_equal "$(cat rc.txt)" 2 "export under a 40 KB file-size limit"
expect_line err.txt "^tonghop: error: cannot write the workbook"
no_leftovers small

# Usage errors exit 1.
run 1 export --no-such-option
run 1 export --as-of yesterday
run 1 export -o
run 1 --db "$SCRATCH/none.db" export --as-of "$AS_OF"

# --csv: one report CSV that the level above imports like any unit's report;
# the consolidating unit's totals there are the grand totals here.
mkdir csv
run 0 export --as-of "$AS_OF" --csv csv
expect_line out.txt '^csv/SGDDT_htsd-2022_20221101.csv$'
expect_equal "$(head -c 3 csv/SGDDT_htsd-2022_20221101.csv | od -An -tx1 | tr -d ' ')" efbbbf "BOM"
checks=$((checks + 1))
"$TONGHOP" --db above.db import --received 2022-10-20 csv >above.txt 2>&1 || {
    fail "the level above cannot import the CSV"
    sed 's/^/  | /' above.txt >&2
}
"$TONGHOP" --db above.db export --as-of "$AS_OF" -o out/above.xlsx >/dev/null
expect_check "$CHECK" unit-totals out/above.xlsx SGDDT inbox-expected.json
finish
