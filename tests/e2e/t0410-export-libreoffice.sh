#!/bin/sh
# t0410: the workbook opens in LibreOffice (headless): it converts to PDF
# (A4 landscape pages) and its first sheet, Tổng hợp, to CSV showing the same
# totals the test computed.  Skips only when soffice is not installed.
. "$(dirname "$0")/lib.sh"
if ! command -v soffice >/dev/null 2>&1; then
    echo "SKIP: soffice not installed (scripts/setup installs libreoffice-calc-nogui)"
    exit 0
fi
PY=/usr/bin/python3
$PY "$SRC/tests/e2e/gen_reports.py" "$SRC/templates/htsd-2022" inbox 310 4
# (3: some amended reports drop required categories: replaces-less)
run 3 import inbox
run 0 export --as-of 2022-11-01T09:00 -o book.xlsx
LO="soffice -env:UserInstallation=file://$SCRATCH/lo-profile --headless"
checks=$((checks + 1))
timeout 120 $LO --convert-to pdf book.xlsx >lo.txt 2>&1 || fail "LibreOffice cannot convert to PDF"
checks=$((checks + 1))
[ -s book.pdf ] || fail "no PDF"
if command -v pdfinfo >/dev/null 2>&1; then
    expect_line "$(pdfinfo book.pdf >info.txt && echo info.txt)" '^Page size: +841.89 x 595.(2|3)'
fi
# CSV of sheet 1 (the last filter token), raw values, UTF-8 (76).
checks=$((checks + 1))
timeout 120 $LO --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1' \
    book.xlsx >lo.txt 2>&1 || fail "LibreOffice cannot convert to CSV"
csv=$(ls book*.csv 2>/dev/null | head -1)
checks=$((checks + 1))
if [ -n "$csv" ]; then
    $PY "$SRC/tests/e2e/check_workbook.py" lo-csv "$csv" inbox/expected.json >check.txt 2>&1 || {
        fail "LibreOffice's CSV does not show the totals"
        sed 's/^/  | /' check.txt >&2
    }
else
    fail "no CSV from LibreOffice"
fi
finish
