#!/bin/sh
# t0220: a rejected file is looked at again once its cause is fixed.
#  1. A report whose received time came from the file's date (the clerk
#     saved it today: after closes_at) is rejected as `closed`; imported
#     again with the right --received it is validated again and accepted,
#     not answered "không đổi".
#  2. A report naming a unit code units.csv does not know is rejected as
#     `unknown-unit`; the clerk adds the alias and runs `recheck`: accepted
#     from the copy the store kept, without the file.
# Each ends with the report in the store and the unit's status right, and
# the history saying what happened.
. "$(dirname "$0")/lib.sh"

# -- 1. closed, then import --received
cp "$SRC/samples/SXD_bao_cao.csv" .
touch SXD_bao_cao.csv # received "now", long after closes_at
run 3 import SXD_bao_cao.csv
expect_line out.txt '^SXD_bao_cao.csv: Lỗi \[closed\]'
expect_line out.txt '^SXD_bao_cao.csv: BỊ TỪ CHỐI \(1 lỗi\)$'
run 0 status
expect_line out.txt '^SXD +Sở Xây dựng +— +Chưa nộp +0/3$'
expect_equal "$(sql "SELECT count(*) FROM original")" 1 "the rejected file's copy is kept"

# The same content under the same name, without --received: still rejected,
# said so, nothing written.
before=$(sqlite3 "$SCRATCH/store.db" .dump | sha256sum)
run 0 import SXD_bao_cao.csv
expect_line out.txt '^SXD_bao_cao.csv: không đổi — nội dung này đã được nhập \(tệp SXD_bao_cao.csv, nhận .*\); vẫn bị từ chối$'
expect_equal "$(sqlite3 "$SCRATCH/store.db" .dump | sha256sum)" "$before" "store after an unchanged rejected import"

run 0 import --received "2022-10-11 10:30" SXD_bao_cao.csv
expect_line out.txt '^SXD_bao_cao.csv: nội dung này đã nhập trước \(tệp SXD_bao_cao.csv, bị từ chối\): kiểm tra lại với thời điểm nhận 11/10/2022 10:30$'
expect_line out.txt '^SXD_bao_cao.csv: SXD — 3 dòng được tính, 0 dòng lỗi, 0 cảnh báo$'
expect_line out.txt '^Tổng cộng 1 tệp: 1 được tiếp nhận, 0 không đổi, 0 bị từ chối, 0 có dòng lỗi$'
run 0 status
expect_line out.txt '^SXD +Sở Xây dựng +11/10/2022 10:30 +Đúng hạn +3/3$'
expect_equal "$(sql "SELECT count(*) || ' ' || min(state) FROM submission")" "1 0" "one submission, accepted"
expect_equal "$(sql "SELECT count(*) FROM activity")" 3 "its rows"
run 0 history SXD
expect_line out.txt '^  11/10/2022 10:30  SXD_bao_cao.csv  \[[0-9a-f]{12}\]  3 dòng được tính, 0 dòng lỗi — đang có hiệu lực$'
expect_line out.txt 'kiểm tra lại: bị từ chối → được tiếp nhận, 0 → 3 dòng được tính, 1 → 0 phát hiện; nhận .* → 11/10/2022 10:30$'
# Accepted content imported again stays a no-op, whatever --received says.
run 0 import --received 2022-10-01 SXD_bao_cao.csv
expect_line out.txt '^SXD_bao_cao.csv: không đổi — nội dung này đã được nhập \(tệp SXD_bao_cao.csv, nhận 11/10/2022 10:30\)$'

# -- 2. unknown-unit, then the alias, then recheck
cp -r "$SRC/templates/htsd-2022" camp
cp "$SRC/samples/2022-10-12_PGDDT_DongXoai.csv" .
run 3 --campaign camp import --received 2022-10-12T08:00 2022-10-12_PGDDT_DongXoai.csv
expect_line out.txt '^2022-10-12_PGDDT_DongXoai.csv dòng 2, cột A \(ma_don_vi\): Lỗi \[unknown-unit\]'
run 0 --campaign camp status
expect_line out.txt '^DONGXOAI .* Chưa nộp +0/6$'
rm 2022-10-12_PGDDT_DongXoai.csv # recheck works from the store's copy
sed -i 's/|Đồng Xoài,district/|Đồng Xoài|PGDDT_DONGXOAI,district/' camp/units.csv
run 0 --campaign camp recheck 2022-10-12_PGDDT_DongXoai.csv
expect_line out.txt '^2022-10-12_PGDDT_DongXoai.csv: kiểm tra lại — bị từ chối → được tiếp nhận, 0 → 4 dòng được tính$'
expect_line out.txt '^2022-10-12_PGDDT_DongXoai.csv: DONGXOAI — 4 dòng được tính, 0 dòng lỗi, 3 cảnh báo$'
expect_line out.txt '^Kiểm tra lại: 1 thay đổi, 0 không đổi, 0 không có bản gốc, 0 đã rút lại$'
run 0 --campaign camp status
expect_line out.txt '^DONGXOAI .* 12/10/2022 08:00 +Đúng hạn +3/6$'
expect_line out.txt '^ +thiếu: KE_HOACH, XA_HOI_HOC_TAP, KIEM_TRA$'
run 0 --campaign camp history DONGXOAI
expect_line out.txt 'kiểm tra lại: bị từ chối → được tiếp nhận, 0 → 4 dòng được tính, 1 → 3 phát hiện$'
# A second recheck changes nothing and records nothing.
events=$(sql "SELECT count(*) FROM event")
run 0 --campaign camp recheck DONGXOAI
expect_line out.txt '^2022-10-12_PGDDT_DongXoai.csv: không đổi \(được tiếp nhận\)$'
expect_equal "$(sql "SELECT count(*) FROM event")" "$events" "events after an unchanged recheck"

# -- recheck of what cannot be rechecked
run 1 recheck NO_SUCH_UNIT
expect_line err.txt "'NO_SUCH_UNIT' không phải tệp trong kho, mã SHA-256 hay đơn vị"
sqlite3 "$SCRATCH/store.db" "DELETE FROM original WHERE submission_id = (SELECT id FROM submission WHERE file_name = 'SXD_bao_cao.csv')"
run 3 recheck SXD
expect_line out.txt '^SXD_bao_cao.csv: kho không giữ bản gốc của tệp này .* không kiểm tra lại được; hãy nhập lại chính tệp đó$'
# Received again, the content gets its copy back; nothing else changes.
run 0 import SXD_bao_cao.csv
expect_line out.txt '^SXD_bao_cao.csv: không đổi — '
expect_equal "$(sql "SELECT count(*) FROM original o JOIN submission s ON s.id = o.submission_id WHERE s.file_name = 'SXD_bao_cao.csv'")" 1 \
    "the copy kept again"
run 0 recheck SXD
expect_line out.txt '^SXD_bao_cao.csv: không đổi \(được tiếp nhận\)$'

finish
