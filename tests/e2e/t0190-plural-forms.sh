#!/bin/sh
# t0190: counts are worded in the right number.  In English a count of 1
# takes the singular ("1 row counted, 1 row with errors, 1 warning", "1 → 2
# rows", "2 → 1 row", "1 unit", "1 reminder written") and any other count
# the plural; the Vietnamese, which has one form, says what it always said.
# The runs: a one-row report of the Hội Khuyến học (HKH) with one row in
# error and one warning, a two-row report replacing it and withdrawn, the
# first rechecked against a campaign that knows its unknown code and again
# against the shipped one, and a campaign of one unit (status, remind).
. "$(dirname "$0")/lib.sh"
S="$SRC/samples/HKH_bao_cao.csv"

# one.csv: TUYEN_TRUYEN and a row of an unknown code (HTCD): 1 row counted,
# 1 with errors, 1 warning (HOC_TAP_CONG_DONG missing).  two.csv: 2 rows.
sed -n '1,2p' "$S" >one.csv
sed -n '4p' "$S" | sed 's/^HKH;HOC_TAP_CONG_DONG;/HKH;HTCD;/' >>one.csv
sed -n '1,3p' "$S" >two.csv
# camp: HTCD an alias of HOC_TAP_CONG_DONG.  camp1: HKH the only unit.
cp -r "$SRC/templates/htsd-2022" camp
sed -i 's/,Học tập trong gia đình dòng họ cộng đồng|/,HTCD|Học tập trong gia đình dòng họ cộng đồng|/' camp/categories.csv
grep -q ',HTCD|Học tập trong gia đình' camp/categories.csv || fail "no HTCD alias in camp/categories.csv"
mkdir camp1
cp camp/categories.csv camp1/
grep -v '^consolidator_code,' camp/campaign.csv >camp1/campaign.csv
{ head -1 camp/units.csv; grep '^HKH,' camp/units.csv; } >camp1/units.csv
{ echo category,applies_to; grep -E ',(all|HKH)$' camp/requirements.csv; } >camp1/requirements.csv

# -- check: the same file in both languages
run 3 --lang en check --received 2022-10-20 one.csv
expect_line out.txt '^one.csv: HKH — 1 row counted, 1 row with errors, 1 warning$'
expect_line out.txt '^1 file: 1 accepted, 0 unchanged, 0 rejected, 1 with row errors$'
run 3 --lang vi check --received 2022-10-20 one.csv
expect_line out.txt '^one.csv: HKH — 1 dòng được tính, 1 dòng lỗi, 1 cảnh báo$'
run 0 --lang en check --received 2022-10-20 two.csv
expect_line out.txt '^two.csv: HKH — 2 rows counted, 0 rows with errors, 0 warnings$'
run 0 --lang vi check --received 2022-10-20 two.csv
expect_line out.txt '^two.csv: HKH — 2 dòng được tính, 0 dòng lỗi, 0 cảnh báo$'

# -- import, replace (1 → 2 rows), withdraw (2 → 1 row)
run 3 --lang en import --received 2022-10-20 one.csv
expect_line out.txt '^one.csv: HKH — 1 row counted, 1 row with errors, 1 warning$'
run 0 --lang en import --received 2022-10-21 two.csv
expect_line out.txt '^two.csv: replaces one.csv \(the report in effect of HKH\) — 1 → 2 rows; '
run 0 --lang en withdraw two.csv --reason "sent by mistake"
expect_line out.txt '^two.csv: withdrawn — reason: sent by mistake; the report in effect of HKH: one.csv, 2 → 1 row; '
for lang in en vi; do
    run 0 --lang $lang history HKH
    cp out.txt history-$lang.txt
done
expect_line history-en.txt '  one.csv  \[[0-9a-f]{12}\]  1 row counted, 1 with errors — in effect$'
expect_line history-en.txt '  two.csv  \[[0-9a-f]{12}\]  2 rows counted, 0 with errors — withdrawn '
expect_line history-en.txt '  imported: replaced one.csv — 1 → 2 rows; '
expect_line history-en.txt '  withdrawn: sent by mistake — report in effect 2 → 1 row; '
expect_line history-vi.txt '  one.csv  \[[0-9a-f]{12}\]  1 dòng được tính, 1 dòng lỗi — đang có hiệu lực$'
expect_line history-vi.txt '  nhập: thay thế one.csv — 1 → 2 dòng; '
expect_line history-vi.txt '  rút lại: sent by mistake — báo cáo có hiệu lực 2 → 1 dòng; '

# -- recheck: 1 → 2 rows counted with the alias, 2 → 1 without
run 0 --lang en --campaign camp recheck one.csv
expect_line out.txt '^one.csv: rechecked — accepted → accepted, 1 → 2 rows counted$'
expect_line out.txt '^one.csv: the report in effect of HKH: 1 → 2 rows; '
run 3 --lang en recheck one.csv
expect_line out.txt '^one.csv: rechecked — accepted → accepted, 2 → 1 row counted$'
expect_line out.txt '^one.csv: the report in effect of HKH: 2 → 1 row; '
run 0 --lang vi --campaign camp recheck one.csv
expect_line out.txt '^one.csv: kiểm tra lại — được tiếp nhận → được tiếp nhận, 1 → 2 dòng được tính$'
expect_line out.txt '^one.csv: báo cáo có hiệu lực của HKH: 1 → 2 dòng; '
run 3 --lang vi recheck one.csv
expect_line out.txt '^one.csv: kiểm tra lại — được tiếp nhận → được tiếp nhận, 2 → 1 dòng được tính$'
run 0 --lang en history HKH
expect_line out.txt '  rechecked: accepted → accepted, 1 → 2 rows counted, 2 → 0 findings$'
expect_line out.txt '  rechecked: accepted → accepted, 2 → 1 row counted, 0 → 2 findings$'
run 0 --lang vi history HKH
expect_line out.txt '  kiểm tra lại: được tiếp nhận → được tiếp nhận, 1 → 2 dòng được tính, 2 → 0 phát hiện$'

# -- a campaign of one unit: status and remind
run 0 --lang en --campaign camp1 status
expect_line out.txt '^1 unit: 1 on time, 0 on time and amended late, 0 late, 0 not submitted; 1'
run 0 --lang vi --campaign camp1 status
expect_line out.txt '^1 đơn vị: 1 đúng hạn, 0 đúng hạn và bổ sung sau hạn, 0 trễ hạn, 0 chưa nộp; 1'
run 0 --lang en status
expect_line out.txt '^[0-9]+ units: 1 on time, '
run 0 --lang en --campaign camp1 remind --out rem --as-of 2022-10-21T08:00
expect_line out.txt '^1 reminder written, 0 units reminded before \(--again to resend\), 0 units without an address$'
run 0 --lang vi --campaign camp1 remind --out rem --as-of 2022-10-21T08:00 --again
expect_line out.txt '^1 thư nhắc đã ghi, 0 đơn vị đã được nhắc trước đây \(--again để gửi lại\), 0 đơn vị không có địa chỉ thư$'

finish
