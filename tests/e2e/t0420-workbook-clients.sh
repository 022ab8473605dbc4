#!/bin/sh
# t0420: the workbook as other clients show it.  The samples' workbooks, the
# province's and the clerk's (--full): LibreOffice renders them to PDF with
# every word at 10 pt or more and no word split across lines
# (check_print.py pdf, calibrated on a 10 pt cell rendered the same way);
# Gnumeric (ssconvert) loads them without a word on stderr and its
# recomputed values equal the cached ones, formulas included; the
# province's workbook has no category code, finding code or hash as a cell's
# text, and every sheet its official frame, signatures, own page count and
# (list sheets) filter and frozen header.  Then the same Gnumeric check on a seeded set of about 10,000 rows.
# Skips the parts whose client is not installed.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
CHECK="$SRC/tests/e2e/check_print.py"
CAMPAIGN="$SRC/templates/htsd-2022"

# gnumeric XLSX: ssconvert recomputes every sheet to CSV, silently, and the
# numbers equal the cached ones.
gnumeric() {
    out=gn-$(basename "$1" .xlsx)
    mkdir "$out"
    checks=$((checks + 1))
    timeout 300 ssconvert --recalc -S -T Gnumeric_stf:stf_assistant \
        -O 'format=raw separator=, quoting-mode=auto' "$1" "$out/sheet_%n.csv" \
        >"$out/log.txt" 2>&1 || fail "ssconvert cannot read $1"
    checks=$((checks + 1))
    [ ! -s "$out/log.txt" ] || {
        fail "ssconvert complains about $1"
        sed 's/^/  | /' "$out/log.txt" >&2
    }
    expect_check "$CHECK" gnumeric "$1" "$out"
}

"$TONGHOP" --db samples.db import "$SRC/samples" >/dev/null 2>&1 || true
"$TONGHOP" --db samples.db export --as-of 2022-10-28T17:00 -o book.xlsx >/dev/null
"$TONGHOP" --db samples.db export --full --as-of 2022-10-28T17:00 -o full.xlsx >/dev/null
expect_check "$CHECK" province book.xlsx "$CAMPAIGN/categories.csv" "$SRC/docs/findings.md"

if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
    $PY "$CHECK" calibrate calib.xlsx
    LO="soffice -env:UserInstallation=file://$SCRATCH/lo-profile --headless"
    checks=$((checks + 1))
    timeout 300 $LO --convert-to pdf calib.xlsx book.xlsx full.xlsx >lo.txt 2>&1 ||
        fail "LibreOffice cannot convert to PDF"
    expect_check "$CHECK" pdf book.xlsx book.pdf calib.pdf
    expect_check "$CHECK" pdf full.xlsx full.pdf calib.pdf
else
    echo "SKIP: soffice or pdftotext not installed"
fi

if command -v ssconvert >/dev/null 2>&1; then
    gnumeric book.xlsx
    gnumeric full.xlsx
    $PY "$SRC/tests/e2e/gen_reports.py" "$CAMPAIGN" inbox 4210 280
    run 0 import inbox
    run 0 export --full --as-of 2022-11-01T09:00 -o big.xlsx
    rows=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["detail_rows"])' inbox-expected.json)
    checks=$((checks + 1))
    [ "$rows" -ge 9000 ] || fail "only $rows rows generated"
    gnumeric big.xlsx
else
    echo "SKIP: ssconvert not installed (scripts/setup installs gnumeric)"
fi
finish
