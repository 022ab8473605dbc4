#!/bin/sh
# t0240: `status` in its three forms.  The text fits 80 display columns in
# a pipe (measured by Python's unicodedata, not by tonghop), cuts long
# names with "…" without breaking a character, and is coloured only on a
# terminal and never with NO_COLOR; `--format csv` read back by Python's
# csv module and `--format json` by json.load say what the text says, and
# their indicator totals are the store's.
. "$(dirname "$0")/lib.sh"
CHECK="/usr/bin/python3 $SRC/tests/e2e/check_status.py"

# The shipped campaign plus a unit whose code and name are far too long for
# a column, with wide (CJK) and Vietnamese letters: it sends one report that
# covers one of its six required categories.
cp -r "$SRC/templates/htsd-2022" camp
long_name="Trường Đại học Quốc tế Hồng Bàng Bình Phước 學校 phân hiệu Đồng Xoài và Bù Đăng"
printf 'TRUONG_QUOC_TE_HONG_BANG,%s,,district,\n' "$long_name" >>camp/units.csv
cat >long.csv <<EOF
Mã đơn vị,Mã hoạt động,Nội dung,Từ ngày
TRUONG_QUOC_TE_HONG_BANG,TUYEN_TRUYEN,Treo băng rôn,01/10/2022
EOF
run 3 --campaign camp import "$SRC/samples"
run 0 --campaign camp import --received 2022-10-20T08:00 long.csv

# Text, piped: no colour, every line within 80 columns, valid UTF-8.
run 0 --campaign camp status
cp out.txt text.txt
checks=$((checks + 1))
$CHECK width text.txt 80 || fail "the piped status is wider than 80 columns or coloured"
expect_line text.txt '^TRUONG_QUOC… +Trường Đại học [^ ]*… +20/10/2022 08:00 +Đúng hạn +1/6$'
expect_line text.txt '^ +thiếu: KHAI_MAC, KE_HOACH'
expect_line text.txt '^SGTVT +Sở Giao thông vận tải +— +Chưa nộp +0/3$'
expect_line text.txt '^BUDANG .* Bổ sung sau hạn +6/6$'

# CSV and JSON against the text and the store.
run 0 --campaign camp status --format csv
cp out.txt status.csv
run 0 --campaign camp status --format=json
cp out.txt status.json
checks=$((checks + 1))
$CHECK forms text.txt status.csv status.json store.db || fail "the three forms disagree"
expect_line status.csv "^TRUONG_QUOC_TE_HONG_BANG,$long_name,district,2022-10-20T08:00:00\+07:00,"
expect_line status.csv '^BUDANG,.*,on_time_amended_late,"Đúng hạn, bổ sung sau hạn",6,6,,2,'
expect_line status.csv '^SGTVT,Sở Giao thông vận tải,department,,,missing,Chưa nộp,3,0,TUYEN_TRUYEN;XA_HOI_HOC_TAP;CAN_BO_HOC_TAP,0,0,0,,,,,,$'
run 0 --campaign camp --lang en status --format csv
expect_line out.txt '^BUDANG,.*,on_time_amended_late,"On time, amended late",'
run 0 --campaign camp --lang en status
expect_line out.txt '^Code +Unit +Received +Status +Required$'
expect_line out.txt '^BUGIAMAP .* Late +5/6$'

# Bad arguments.
run 1 status --format xml
expect_line err.txt "^tonghop: lỗi: --format cần một trong text, csv, json$"
run 1 status --format
run 1 status extra
expect_line err.txt "^tonghop: lỗi: status: đối số thừa 'extra'$"

# On a terminal: colours (red for nothing sent, yellow for late, green on
# time), the status still in words; none with NO_COLOR; NO_COLOR empty is
# as if unset.  An 80-column terminal gets the same layout as a pipe.
T="$TONGHOP --db $SCRATCH/store.db --campaign camp status"
tty_run() { # tty_run COLS OUT [ENV...]: status on a terminal COLS wide
    cols=$1 out=$2
    shift 2
    checks=$((checks + 1))
    env "$@" $CHECK pty "$cols" "$out" -- $T || fail "status on a terminal failed: $*"
}
tty_run 80 tty.txt -u NO_COLOR TERM=xterm
expect_line tty.txt "$(printf '^SGTVT .*\033\\[31mChưa nộp\033\\[0m +0/3$')"
expect_line tty.txt "$(printf '^BUGIAMAP .*\033\\[1;33mTrễ hạn\033\\[0m +5/6$')"
expect_line tty.txt "$(printf '^DONGXOAI .*\033\\[32mĐúng hạn\033\\[0m +6/6$')"
sed 's/\x1b\[[0-9;]*m//g' tty.txt >tty-plain.txt
expect_equal "$(cat tty-plain.txt)" "$(cat text.txt)" "status on an 80-column terminal, colours removed"
tty_run 80 nocolour.txt NO_COLOR=1 TERM=xterm
expect_no_line nocolour.txt "$(printf '\033')"
expect_equal "$(cat nocolour.txt)" "$(cat text.txt)" "status on a terminal with NO_COLOR"
tty_run 80 emptynocolour.txt NO_COLOR= TERM=xterm
expect_line emptynocolour.txt "$(printf '\033\\[31mChưa nộp')"
tty_run 80 dumb.txt -u NO_COLOR TERM=dumb
expect_no_line dumb.txt "$(printf '\033')"
# A wider terminal shows whole names.
tty_run 160 wide.txt NO_COLOR=1 TERM=xterm
expect_line wide.txt "^TRUONG_QUOC… +$long_name +20/10/2022"
checks=$((checks + 1))
$CHECK width wide.txt 160 || fail "status on a 160-column terminal"
finish
