#!/bin/sh
# t0500: the bad-input matrix of docs/bad-inputs.md.  Every class of hostile
# or broken input is imported on its own: the finding it produces, the exit
# status, bounded memory for the huge ones, and afterwards a sound store that
# holds exactly the files that were read (accepted ones with their rows,
# rejected ones with none).  Big files are generated here, never committed.
. "$(dirname "$0")/lib.sh"

H='ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,den_ngay,so_nguoi'
R=2022-10-06
mkdir m && cd m

# matrix FILE EXIT CODE: imports FILE alone; it exits EXIT and some finding
# about FILE carries CODE ("-" for none: the file is accepted cleanly).
matrix() {
    run "$2" import --received "$R" "$SCRATCH/m/$1"
    if [ "$3" != - ]; then
        expect_line "$SCRATCH/m/out.txt" "^$1( dòng [0-9]+)?(, cột [A-Z]+( \(.*\))?)?: (Lỗi|Cảnh báo) \[$3\]"
    fi
}
# The helpers of lib.sh write out.txt/err.txt to the current folder.
cd "$SCRATCH/m"

# -- control: a good file
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,Treo băng rôn,01/10/2022,,1.200' >good.csv
matrix good.csv 0 -

# -- empty, BOM only, binary, NUL
: >empty.csv
matrix empty.csv 3 empty-file
printf '\357\273\277' >bom-only.csv
matrix bom-only.csv 3 empty-file
printf '\377\376' >utf16-bom-only.csv
matrix utf16-bom-only.csv 3 empty-file
printf 'PK\003\004\024\000\006\000binary' >binary.csv
matrix binary.csv 3 bad-spreadsheet
printf '%s\nHKH,TUYEN_TRUYEN,a\000b,01/10/2022\n' "$H" >nul.csv
matrix nul.csv 3 binary-file
expect_line out.txt "^nul.csv: Lỗi \[binary-file\].* — 'byte thứ 76'$"

# -- invalid UTF-8 / UTF-16
printf '%s\nHKH,TUYEN_TRUYEN,Tổ chức \377,01/10/2022\n' "$H" >bad-utf8.csv
matrix bad-utf8.csv 3 bad-encoding
expect_line out.txt "byte thứ 87 không hợp lệ theo UTF-8'$"
printf '%s\nHKH,TUYEN_TRUYEN,a \201 b,01/10/2022\n' "$H" >bad-cp1258.csv
matrix bad-cp1258.csv 3 bad-encoding
expect_line out.txt "không hợp lệ theo Windows-1258'$"
# A lone surrogate encoded in UTF-8 (ED A0 80) after real UTF-8 text.
printf '%s\nHKH,TUYEN_TRUYEN,Tổ chức \355\240\200,01/10/2022\n' "$H" >surrogate-utf8.csv
matrix surrogate-utf8.csv 3 bad-encoding
/usr/bin/python3 - "$H" <<'PY'
import sys
h = sys.argv[1]
body = "\ufeff" + h + "\nHKH,TUYEN_TRUYEN,"
open("surrogate-utf16.csv", "wb").write(body.encode("utf-16-le") + b"\x00\xd8" + ",01/10/2022\n".encode("utf-16-le"))
open("odd-utf16.csv", "wb").write((body + "x,01/10/2022\n").encode("utf-16-le") + b"A")
open("good-utf16.csv", "wb").write((body + "Tổ chức,02/10/2022\r\n").encode("utf-16-le"))
PY
matrix surrogate-utf16.csv 3 bad-encoding
expect_line out.txt "không hợp lệ theo UTF-16LE'$"
matrix odd-utf16.csv 3 bad-encoding
matrix good-utf16.csv 0 -

# -- field, column and file sizes (the reader's limits)
field() { head -c "$1" /dev/zero | tr '\0' x; }
{ printf '%s\nHKH,TUYEN_TRUYEN,' "$H"; field 1048576; printf ',01/10/2022\n'; } >field-1mb.csv
matrix field-1mb.csv 3 text-too-long
{ printf '%s\nHKH,TUYEN_TRUYEN,' "$H"; field 1048577; printf ',01/10/2022\n'; } >field-over-1mb.csv
matrix field-over-1mb.csv 3 bad-csv
expect_line out.txt "ô dài 1048577 byte, giới hạn là 1048576 byte'$"
{ printf '%s\nHKH,TUYEN_TRUYEN,"' "$H"; field 2000000; printf '",01/10/2022\n'; } >quoted-over-1mb.csv
matrix quoted-over-1mb.csv 3 bad-csv
{ printf '%s\nHKH,TUYEN_TRUYEN,' "$H"; field 104857600; printf ',01/10/2022\n'; } >field-100mb.csv
matrix field-100mb.csv 3 file-too-large
expect_line out.txt "^field-100mb.csv: Lỗi \[file-too-large\].*104857687 byte, giới hạn là 67108864 byte'$"
if [ -x /usr/bin/time ]; then
    checks=$((checks + 1))
    /usr/bin/time -v "$TONGHOP" --db "$SCRATCH/rss.db" import --received "$R" field-100mb.csv \
        >/dev/null 2>time.txt || true
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' time.txt)
    [ "${kb:-999999999}" -lt 307200 ] || fail "import of a 100 MB file peaked at ${kb} kB (limit 300 MB)"
fi
awk 'BEGIN { printf "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay"; for (i = 0; i < 10000; i++) printf ",c%d", i; print ""; print "HKH,TUYEN_TRUYEN,a,01/10/2022" }' >cols-10000.csv
matrix cols-10000.csv 3 bad-csv
expect_line out.txt "^cols-10000.csv dòng 1, cột IW: Lỗi \[bad-csv\].*hơn 256 cột'$"
# One million realistic rows are far over 64 MiB: refused by size, unread.
{ printf '%s\n' "$H"; yes 'HKH,TUYEN_TRUYEN,Treo băng rôn khẩu hiệu hưởng ứng Tuần lễ tại trụ sở cơ quan và trường học,01/10/2022,07/10/2022,120' | head -n 1000000; } >rows-1m.csv
matrix rows-1m.csv 3 file-too-large
if [ -x /usr/bin/time ]; then
    checks=$((checks + 1))
    /usr/bin/time -v "$TONGHOP" --db "$SCRATCH/rss.db" import --received "$R" rows-1m.csv \
        >/dev/null 2>time.txt || true
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' time.txt)
    [ "${kb:-999999999}" -lt 307200 ] || fail "import of 1,000,000 rows peaked at ${kb} kB (limit 300 MB)"
fi
# Within every limit, the most cells a file can hold: 64 MiB of one-letter
# cells.  The table keeps each record in one block, so memory stays a small
# multiple of the file (measured: 464 MB; 1.46 GB with a block per cell).
awk 'BEGIN { row = "a"; for (i = 1; i < 256; i++) row = row ",a"; for (r = 0; r < 128000; r++) print row }' >cells-64mb.csv
matrix cells-64mb.csv 3 no-header
# (Not under AddressSanitizer: its redzones, not tonghop, would be measured.)
if [ -x /usr/bin/time ] && [ "${TONGHOP_SANITIZED:-0}" != 1 ]; then
    checks=$((checks + 1))
    /usr/bin/time -v "$TONGHOP" --db "$SCRATCH/rss.db" check --received "$R" cells-64mb.csv \
        >/dev/null 2>time.txt || true
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' time.txt)
    [ "${kb:-999999999}" -lt 716800 ] || fail "check of 64 MiB of one-letter cells peaked at ${kb} kB (limit 700 MB)"
fi
rm -f field-100mb.csv rows-1m.csv cells-64mb.csv "$SCRATCH/rss.db"*

# -- structure
printf '%s\nHKH;TUYEN_TRUYEN;a;01/10/2022\nHKH,TUYEN_TRUYEN,b,01/10/2022\n' "$H" >mixed-delimiters.csv
matrix mixed-delimiters.csv 3 unknown-unit
expect_line out.txt "'HKH;TUYEN_TRUYEN;a;01/10/2022'$"
printf '%s\nHKH,TUYEN_TRUYEN,a,01/10/2022\nHKH,TUYEN_TRUYEN,"never closed' "$H" >eof-quote.csv
matrix eof-quote.csv 3 bad-csv
expect_line out.txt '^eof-quote.csv dòng 3: Lỗi \[bad-csv\].*dấu ngoặc kép mở một ô ở đây nhưng không được đóng'
printf 'sep=|\n%s\n' "$H" >sep-pipe.csv
matrix sep-pipe.csv 3 bad-csv
printf '%s\nHKH,TUYEN_TRUYEN,a,01/10/2022\n%s\nHKH,TUYEN_TRUYEN,b,02/10/2022\n' "$H" "$H" >header-twice.csv
matrix header-twice.csv 0 repeated-header
expect_line out.txt '^header-twice.csv dòng 3: Cảnh báo \[repeated-header\]'
expect_line out.txt '^header-twice.csv: HKH — 2 dòng được tính, 0 dòng lỗi'

# -- hostile text: kept as text, flagged where the catalogue says so
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,=1+2,01/10/2022' 'HKH,TUYEN_TRUYEN,@SUM(A1),02/10/2022' \
    'HKH,TUYEN_TRUYEN,"=HYPERLINK(""http://x"")",03/10/2022' >formula.csv
matrix formula.csv 0 formula-text
expect_line out.txt "^formula.csv dòng 4, cột C \(noi_dung\): Cảnh báo \[formula-text\].*'=HYPERLINK\(\"http://x\"\)'$"
printf '%s\n' "$H" "HKH,TUYEN_TRUYEN,'); DROP TABLE submission;--,01/10/2022" >sql.csv
# (its one row replaces the three of formula.csv, the same unit's report in
# effect: the warning replaces-less, and exit 3)
matrix sql.csv 3 replaces-less
expect_equal "$(sql "SELECT content FROM activity a JOIN submission s ON s.id = a.submission_id WHERE s.file_name = 'sql.csv'")" \
    "'); DROP TABLE submission;--" "SQL-like text stored verbatim"
printf '%s\nHKH,TUYEN_TRUYEN,a\001b\033[31mc\177,01/10/2022\n' "$H" >control.csv
matrix control.csv 0 control-chars
expect_equal "$(sql "SELECT content FROM activity a JOIN submission s ON s.id = a.submission_id WHERE s.file_name = 'control.csv'")" \
    "ab[31mc" "control characters removed"

# -- unit codes that look like paths
printf '%s\n../../etc/passwd,TUYEN_TRUYEN,a,01/10/2022\n' "$H" >unit-slash.csv
matrix unit-slash.csv 3 unknown-unit
printf '%s\n..,TUYEN_TRUYEN,a,01/10/2022\n' "$H" >unit-dotdot.csv
matrix unit-dotdot.csv 3 unknown-unit
printf '%s\nHKH\000,TUYEN_TRUYEN,a,01/10/2022\n' "$H" >unit-nul.csv
matrix unit-nul.csv 3 binary-file

# -- the store afterwards: sound, and exactly the files that were read
expect_equal "$(sql 'PRAGMA integrity_check')" ok "integrity_check"
expect_equal "$(sql 'PRAGMA foreign_key_check' | wc -l)" 0 "foreign_key_check"
expect_equal "$(sql "SELECT group_concat(file_name, ' ') FROM (SELECT file_name FROM submission WHERE state = 0 ORDER BY file_name)")" \
    "control.csv field-1mb.csv formula.csv good-utf16.csv good.csv header-twice.csv sql.csv" "accepted submissions (field-1mb.csv: its one row rejected)"
expect_equal "$(sql 'SELECT count(*) FROM submission WHERE state = 1')" 20 "rejected submissions"
expect_equal "$(sql "SELECT count(*) FROM submission WHERE file_name IN ('field-100mb.csv', 'rows-1m.csv')")" 0 \
    "files refused unread are not stored"
expect_equal "$(sql 'SELECT count(*) FROM activity a JOIN submission s ON s.id = a.submission_id WHERE s.state = 1')" 0 \
    "rejected submissions have no rows"
expect_equal "$(sql 'SELECT count(*) FROM submission s WHERE rows_counted != (SELECT count(*) FROM activity a WHERE a.submission_id = s.id)')" 0 \
    "rows stored == rows_counted"
expect_equal "$(sql 'SELECT sum(rows_counted) FROM submission')" 9 "activities stored"
finish
