#!/bin/sh
# t0810: `import --maildir DIR` reads a Maildir built by Python's email
# package (make_maildir.py: RFC 2231 and RFC 2047 Vietnamese file names,
# nested multipart, a forwarded message, a message without a report, a
# duplicate, a hostile message).  Exactly the reports are imported, each
# with the received time of its message's headers; the messages whose
# reports are stored move to cur/ with the seen flag, the others stay in
# new/ and are listed again; `check --maildir` moves nothing.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

$PY "$SRC/tests/e2e/make_maildir.py" "$SRC/samples" md >truth.txt
cp -r md md-copy

# check only reads: nothing moves, nothing is stored
run 3 check --maildir md-copy
expect_line out.txt '^Thư 4.no-report từ ai.do@example.com .*0 tệp báo cáo'
checks=$((checks + 1))
[ "$(ls md-copy/new | wc -l)" -eq 6 ] && [ -z "$(ls -A md-copy/cur)" ] ||
    fail "check --maildir moved messages: $(ls md-copy/new md-copy/cur)"

run 3 import --maildir md
expect_line out.txt '^Thư 1.rfc2231 từ vanthu.dongxoai@binhphuoc.gov.vn, nhận 20/10/2022 08:00: 1 tệp báo cáo$'
expect_line out.txt '^Thư 2.rfc2047 từ vanthu.budang@binhphuoc.gov.vn, nhận 14/10/2022 15:45: 1 tệp báo cáo$'
expect_line out.txt '^Thư 3.forwarded từ vanthu.binhlong@binhphuoc.gov.vn, nhận 11/10/2022 10:15'
expect_line out.txt '^4.no-report: Cảnh báo \[mail-no-report\]'
expect_line out.txt '^Báo cáo Đồng Xoài tuần lễ học tập.csv: không đổi'
expect_line out.txt "^6.hostile: Lỗi \[mail-bad-attachment\] .* — 'broken.csv'"
expect_line out.txt '^x.csv: LOCNINH'
expect_line out.txt '^Tổng cộng 5 tệp: 4 được tiếp nhận, 1 không đổi, 1 bị từ chối'

# Exactly the reports, with their names and received times.
expect_equal "$(sql 'SELECT count(*) FROM submission')" 4 "submissions stored"
grep -v '^5.duplicate|' truth.txt | while IFS='|' read -r msg name sha received; do
    got=$(sql "SELECT file_name || '|' || received FROM submission WHERE sha256 = '$sha'")
    [ "$got" = "$name|$received" ] || echo "$msg: stored '$got', expected '$name|$received'"
done >mismatch.txt
checks=$((checks + 1))
[ -s mismatch.txt ] && fail "$(cat mismatch.txt)"

# Moved once stored; the others stay for the clerk.
expect_equal "$(ls md/new | tr '\n' ' ')" "4.no-report 6.hostile " "left in new/"
expect_equal "$(ls md/cur | tr '\n' ' ')" "1.rfc2231:2,S 2.rfc2047:2,S 3.forwarded:2,S 5.duplicate:2,S " "moved to cur/"
# ../../x.csv wrote nothing anywhere
checks=$((checks + 1))
[ ! -e x.csv ] && [ ! -e ../x.csv ] && [ ! -e md/x.csv ] || fail "x.csv was written"

# A second run lists only what is left; the reports it holds are unchanged.
run 3 import --maildir md
expect_no_line out.txt '^Thư 1.rfc2231'
expect_line out.txt '^x.csv: không đổi'
expect_line out.txt '^4.no-report: Cảnh báo \[mail-no-report\]'
expect_equal "$(sql 'SELECT count(*) FROM submission')" 4 "submissions after the second run"

# Not a Maildir: a usage error.
run 1 import --maildir "$SRC/samples"
expect_line err.txt 'Maildir'

finish
