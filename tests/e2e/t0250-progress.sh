#!/bin/sh
# t0250: the progress line of import, check and export.  On a terminal
# (a pseudo-terminal made by Python) stderr shows files done of the total
# and rows, redrawn in place with '\r' and erased at the end, so the screen
# keeps exactly what stdout printed; a pipe, or --quiet, sees none of it
# and stdout is the same either way.
. "$(dirname "$0")/lib.sh"
CHECK="/usr/bin/python3 $SRC/tests/e2e/check_status.py"

# on_tty COLS CAPTURE [STDOUT_FILE] -- ARGS...: tonghop ARGS with stderr (and
# stdout, unless STDOUT_FILE) on a terminal; the exit status in rc.txt.
on_tty() {
    checks=$((checks + 1))
    set +e
    $CHECK pty "$@"
    echo $? >rc.txt
    set -e
}

# Reference: the import with stdout and stderr piped.
"$TONGHOP" --db piped.db import "$SRC/samples" >piped-out.txt 2>piped-err.txt || true
expect_no_line piped-err.txt 'tệp,|dòng/giây'
checks=$((checks + 1))
! grep -q "$(printf '\r')" piped-err.txt || fail "a carriage return on a piped stderr"

# stderr on a terminal, stdout to a file: the progress is there from the
# start (0/39, while the first file is read), stdout is
# as in a pipe, and nothing is left on the screen.
on_tty 80 tty-err.txt tty-out.txt -- "$TONGHOP" --db tty.db import "$SRC/samples"
expect_equal "$(cat rc.txt)" 3 "exit status of the import on a terminal"
expect_line tty-err.txt "$(printf '\rtonghop: 39/39 tệp, 188 dòng')"
expect_line tty-err.txt "$(printf '\rtonghop: 0/39 tệp, 0 dòng')"
expect_equal "$(cat tty-out.txt)" "$(cat piped-out.txt)" "stdout of the import with stderr on a terminal"
expect_equal "$($CHECK screen tty-err.txt)" "" "what the progress leaves on the screen"
expect_equal "$(sqlite3 tty.db 'SELECT count(*) FROM submission')" \
    "$(sqlite3 piped.db 'SELECT count(*) FROM submission')" "submissions stored"

# Both on the same terminal: the line is erased before each file's output,
# so the screen shows stdout's lines whole and in order.
on_tty 80 both.txt -- "$TONGHOP" --db both.db import "$SRC/samples"
expect_line both.txt 'tonghop: 39/39 tệp'
$CHECK screen both.txt >both-screen.txt
expect_equal "$(cat both-screen.txt)" "$(cat piped-out.txt)" "the screen of an import on a terminal"

# --quiet, and English.
on_tty 80 quiet.txt quiet-out.txt -- "$TONGHOP" --db quiet.db import --quiet "$SRC/samples"
expect_equal "$(cat quiet.txt)" "" "stderr on a terminal with --quiet"
on_tty 80 en.txt en-out.txt -- "$TONGHOP" --db en.db --lang en check "$SRC/samples"
expect_line en.txt 'tonghop: 39/39 files, 188 rows'
on_tty 80 check-quiet.txt check-out.txt -- "$TONGHOP" --db en.db check -q "$SRC/samples"
expect_equal "$(cat check-quiet.txt)" "" "check -q on a terminal"

# A longer import (half a million rows: the import must take some seconds
# even on two cores): the rate and the time left appear, and the line is
# redrawn at most about four times a second (every 250 ms, plus the last).
/usr/bin/python3 "$SRC/tests/e2e/gen_reports.py" "$SRC/templates/htsd-2022" big 7 12000 >/dev/null
start=$(date +%s%N)
on_tty 80 big.txt big-out.txt -- "$TONGHOP" --db big.db import "$SRC/samples" big
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
expect_line big.txt 'tệp, [0-9.]+ dòng, [0-9.]+ dòng/giây, còn [0-9]+:[0-9][0-9]'
draws=$(tr '\r' '\n' <big.txt | grep -c '^tonghop: ' || true)
checks=$((checks + 1))
[ "$draws" -ge 2 ] && [ "$draws" -le $((elapsed_ms / 250 + 2)) ] ||
    fail "$draws redraws in $elapsed_ms ms"

# A narrow terminal: the line is cut to fit, never wraps.
on_tty 20 narrow.txt narrow-out.txt -- "$TONGHOP" --db narrow.db import "$SRC/samples"
checks=$((checks + 1))
tr '\r' '\n' <narrow.txt | $CHECK width /dev/stdin 19 || fail "the progress line overflows 20 columns"

# export: a note while reading and writing, erased before the file name is
# printed; none in a pipe or with --quiet.
on_tty 80 export.txt -- "$TONGHOP" --db tty.db export --as-of 2022-10-28T08:00 -o a.xlsx
expect_equal "$(cat rc.txt)" 0 "exit status of the export on a terminal"
expect_line export.txt 'tonghop: đang ghi 42 đơn vị, [0-9]+ hoạt động…'
expect_equal "$($CHECK screen export.txt)" "a.xlsx" "the screen of an export on a terminal"
on_tty 80 export-quiet.txt -- "$TONGHOP" --db tty.db export --quiet --as-of 2022-10-28T08:00 -o b.xlsx
expect_equal "$(cat export-quiet.txt)" "b.xlsx" "an export with --quiet on a terminal"
"$TONGHOP" --db tty.db export --as-of 2022-10-28T08:00 -o c.xlsx >out.txt 2>err.txt ||
    fail "the piped export failed"
expect_equal "$(cat err.txt)" "" "stderr of a piped export"
checks=$((checks + 1))
cmp -s a.xlsx c.xlsx || fail "the workbook differs with the progress line on"
finish
