#!/bin/sh
# t0750: the column widths of a sheet whose widest words do not fit the page
# are cut down until they do (workbook.c, cap_widest).  With the 300 units
# of this national set and 40 rows each, the last cut of "Tổng hợp" was a
# few ulps too small to change the sum of the widths, and the export spun
# for ever; it must finish, and the workbook must read back.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

$PY "$SRC/scripts/make-national" --out nat --units 300 --rows 40 --seed 2022 >gen.txt
expect_line gen.txt '^make-national: 300 reports, 12000 rows'
run 3 --campaign nat/campaign import --received 2022-10-20 nat/inbox
checks=$((checks + 1))
set +e
timeout 300 "$TONGHOP" --db "$SCRATCH/store.db" --campaign nat/campaign export --as-of 2022-10-28 \
    -o book.xlsx >out.txt 2>err.txt
got=$?
set -e
[ "$got" -eq 0 ] || {
    fail "tonghop export exited $got (124: still running after 300 s)"
    sed 's/^/  err: /' err.txt >&2
}
checks=$((checks + 1))
$PY - book.xlsx >check.txt 2>&1 <<'PY' || fail "the workbook does not read back: $(cat check.txt)"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
ws = wb["Tổng hợp"]
assert sum(1 for _ in ws.iter_rows()) > 300, "Tổng hợp lacks its rows"
PY

finish
