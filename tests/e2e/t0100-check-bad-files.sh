#!/bin/sh
# t0100: `check` on purpose-made bad files: each class of bad input yields
# its finding with file, row and column, the right exit code, and no store.
. "$(dirname "$0")/lib.sh"

H='ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,den_ngay,so_nguoi'
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,Treo băng rôn,01/10/2022,,1.200' \
    'HKH,HOC_TAP_CONG_DONG,Học tập cộng đồng,02/10/2022,,40' >good.csv
: >empty.csv
printf '\357\273\277' >bom-only.csv
printf 'PK\003\004\000\000binary' >binary.csv
printf '%s\nHKH,TUYEN_TRUYEN,bad \201 byte,01/10/2022\n' "$H" >bad-encoding.csv
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,"never closed,01/10/2022' 'HKH,x,y,z' >open-quote.csv
printf '%s\n' "$H" 'NOBODY,TUYEN_TRUYEN,a,01/10/2022' >unknown-unit.csv
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,a,01/10/2022' 'SGDDT,TUYEN_TRUYEN,b,01/10/2022' >two-units.csv
printf '%s\n' 'HKH,TUYEN_TRUYEN,a,01/10/2022' >no-header.csv
printf '%s\n' 'ma_don_vi,ma_hoat_dong,noi_dung' 'HKH,TUYEN_TRUYEN,a' >no-date-column.csv
printf '%s\n' "$H" >header-only.csv
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,a,31/09/2022' 'HKH,TUYEN_TRUYEN,b,01/10/2022,,"1,5"' \
    'HKH,NO_SUCH,c,01/10/2022' 'HKH,TUYEN_TRUYEN,d,05/10/2022,03/10/2022' \
    'HKH,TUYEN_TRUYEN,e,01/10/2022,,-4' 'HKH,HOC_TAP_CONG_DONG,f,01/10/2022' >row-errors.csv

run 0 check --received 2022-10-20 good.csv
expect_line out.txt '^good.csv: HKH — 2 dòng được tính, 0 dòng lỗi, 0 cảnh báo$'
expect_equal "$(test -e store.db && echo yes || echo no)" no "check must not create a store"

run 3 check --received 2022-10-20 empty.csv
expect_line out.txt '^empty.csv: Lỗi \[empty-file\]'
run 3 check --received 2022-10-20 bom-only.csv
expect_line out.txt '^bom-only.csv: Lỗi \[empty-file\]'
run 3 check --received 2022-10-20 binary.csv
expect_line out.txt "^binary.csv: Lỗi \[bad-spreadsheet\].*'Not a zip archive'$"
run 3 check --received 2022-10-20 bad-encoding.csv
expect_line out.txt "^bad-encoding.csv: Lỗi \[bad-encoding\].*byte thứ 79 không hợp lệ theo Windows-1258"
run 3 check --received 2022-10-20 open-quote.csv
expect_line out.txt '^open-quote.csv dòng 2: Lỗi \[bad-csv\]'
run 3 check --received 2022-10-20 unknown-unit.csv
expect_line out.txt "^unknown-unit.csv dòng 2, cột A \(ma_don_vi\): Lỗi \[unknown-unit\].* — 'NOBODY'$"
expect_line out.txt '^unknown-unit.csv: BỊ TỪ CHỐI'
run 3 check --received 2022-10-20 two-units.csv
expect_line out.txt "^two-units.csv dòng 3, cột A \(ma_don_vi\): Lỗi \[several-units\].*'SGDDT'$"
run 3 check --received 2022-10-20 no-header.csv
expect_line out.txt '^no-header.csv dòng 1: Lỗi \[no-header\]'
run 3 check --received 2022-10-20 no-date-column.csv
expect_line out.txt "^no-date-column.csv dòng 1: Lỗi \[missing-column\].*'Từ ngày'$"
run 3 check --received 2022-10-20 header-only.csv
expect_line out.txt '^header-only.csv: Lỗi \[no-rows\]'
# a name that names nothing: the clerk's slip, said at once (exit 1), not a
# report the unit must send again
run 1 check --received 2022-10-20 missing-file.csv
expect_line err.txt "^tonghop: lỗi: không có tệp hoặc thư mục 'missing-file.csv'$"
expect_equal "$(cat out.txt)" "" "stdout of a check of a missing file"

run 3 check --received 2022-10-20 row-errors.csv
expect_line out.txt "^row-errors.csv dòng 2, cột D \(tu_ngay\): Lỗi \[bad-date\].*'31/09/2022' — tháng 9 chỉ có 30 ngày$"
expect_line out.txt "^row-errors.csv dòng 3, cột F \(so_nguoi\): Lỗi \[bad-number\].*'1,5'$"
expect_line out.txt "^row-errors.csv dòng 4, cột B \(ma_hoat_dong\): Lỗi \[unknown-category\].*'NO_SUCH'$"
expect_line out.txt "^row-errors.csv dòng 5, cột E \(den_ngay\): Lỗi \[date-order\]"
expect_line out.txt "^row-errors.csv dòng 6, cột F \(so_nguoi\): Lỗi \[negative-number\].*'-4'$"
expect_line out.txt '^row-errors.csv: HKH — 1 dòng được tính, 5 dòng lỗi'

# English messages on request, and the same exit code.
run 3 --lang en check --received 2022-10-20 row-errors.csv
expect_line out.txt "^row-errors.csv line 2, column D \(tu_ngay\): Error \[bad-date\] Invalid date"

# Global options are also accepted after the command and its files.
run 3 check --received 2022-10-20 row-errors.csv --lang=en
expect_line out.txt "^row-errors.csv line 3, column F \(so_nguoi\): Error \[bad-number\]"
run 0 --version
expect_line out.txt '^tonghop [0-9]+\.[0-9]+\.[0-9]+$'
run 0 --help
expect_line out.txt 'import \[--received'

# --strict rejects a file with any row error.
run 3 check --received 2022-10-20 --strict row-errors.csv
expect_line out.txt '^row-errors.csv: Lỗi \[strict-rejected\]'
expect_line out.txt '^row-errors.csv: BỊ TỪ CHỐI'

# The reader's limits can be set per run; past one, a clear finding.
run 3 check --received 2022-10-20 --max-file-size 100 good.csv
expect_line out.txt "^good.csv: Lỗi \[file-too-large\].*giới hạn là 100 byte'$"
run 3 check --received 2022-10-20 --max-rows 2 good.csv
expect_line out.txt '^good.csv dòng 3: Lỗi \[file-too-large\]'
run 3 check --received 2022-10-20 --max-columns 3 good.csv
expect_line out.txt '^good.csv dòng 1, cột D: Lỗi \[bad-csv\]'
run 0 check --received 2022-10-20 --max-file-size 1K --max-field-size 64 good.csv
run 1 check --max-file-size lots good.csv
expect_line err.txt "^tonghop: lỗi: check: giới hạn không hợp lệ 'lots'"

# A folder: every *.csv in it, one summary.
mkdir inbox && cp good.csv row-errors.csv unknown-unit.csv inbox/
run 3 check --received 2022-10-20 inbox
expect_line out.txt '^Tổng cộng 3 tệp: 2 được tiếp nhận, 0 không đổi, 1 bị từ chối, 1 có dòng lỗi$'

# Usage errors exit 1.
run 1 check
run 1 check --received 2022-10-20 --no-such-option good.csv
run 1 no-such-command
run 1 --campaign "$SCRATCH/nowhere" check good.csv
expect_line err.txt "^tonghop: error: cannot read '.*nowhere/campaign.csv': No such file or directory$"
finish
