#!/bin/sh
# t0660: the export's temporary files run out of room (a file-size limit,
# ulimit -f, stands in for a full disk: tonghop ignores SIGXFSZ, so writes
# fail with EFBIG).  libxlsxwriter reports success either way, so tonghop
# checks for itself, at two moments, and never renames a cut workbook into
# place:
#  - rows lost on their way to the temporary file of a sheet: caught before
#    the workbook is closed (the stream's error flag);
#  - the sheet cut short while workbook_close assembles it (the limit falls
#    between the rows' file and the assembled sheet): caught by reading the
#    finished zip back.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

$PY "$SRC/scripts/make-national" --out nat --units 300 --rows 20 --seed 11 >/dev/null
run 3 --campaign nat/campaign import --received 2022-10-20 nat/inbox
mkdir out
run 0 --campaign nat/campaign export --as-of 2022-10-28 -o whole.xlsx

# The detail sheet's XML: its size, and the size of its rows alone (what the
# temporary file of its rows holds).
set -- $($PY - whole.xlsx <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
name = max((i for i in z.infolist() if i.filename.startswith("xl/worksheets/sheet")),
           key=lambda i: i.file_size).filename
xml = z.read(name)
head = xml.index(b"<sheetData>") + len(b"<sheetData>")
print(len(xml), xml.index(b"</sheetData>") - head, head)
PY
)
sheet=$1 rows=$2 head=$3
# limited BLOCKS: an export with files limited to BLOCKS x 512 bytes.
limited() {
    checks=$((checks + 1))
    (set +e; (ulimit -f "$1" && exec "$TONGHOP" --lang en --campaign nat/campaign \
        --db "$SCRATCH/store.db" export --as-of 2022-10-28 -o out/x.xlsx) 2>&1
        echo $? >status.txt) | cat >err.txt
    got=$(cat status.txt)
}

# Room for the rows and the sheet's head, not for its tail (the page set-up
# and the closing tag, over 512 bytes).
blocks=$(((head + rows + 511) / 512))
expect_equal "$([ $((blocks * 512)) -lt "$sheet" ] && echo yes)" yes "a limit between the two"
limited "$blocks"
expect_equal "$got" 2 "exit status when the sheet is cut while assembled"
expect_line err.txt "is incomplete \(a worksheet is cut short\): is the disk full\?"
expect_equal "$(ls -A out)" "" "files left after a cut sheet"

# No room for the rows.
limited $((rows / 1024))
expect_equal "$got" 2 "exit status when rows are lost"
expect_line err.txt "is incomplete \(rows could not be written to the temporary files in 'out'\)"
expect_equal "$(ls -A out)" "" "files left after lost rows"

# With room, the same export is whole.
limited $((blocks * 3))
expect_equal "$got" 0 "exit status with room"
checks=$((checks + 1))
cmp -s whole.xlsx out/x.xlsx || fail "the export with room differs from the first"
finish
