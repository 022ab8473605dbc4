#!/bin/sh
# t0200: `import samples/` then `status`: every unit of units.csv has the
# status, coverage and totals samples/README.md expects (that table is
# written by scripts/make-samples from its own reading of the files); a
# second import changes nothing and says so.
. "$(dirname "$0")/lib.sh"

# Before anything is imported: status says there is no store, makes none.
run 1 status
expect_line err.txt "^tonghop: lỗi: không có kho dữ liệu '.*store.db'"
expect_equal "$(test -e store.db && echo yes || echo no)" no "status must not create a store"

run 3 import "$SRC/samples"
expect_line out.txt '^Tổng cộng 39 tệp: 38 được tiếp nhận, 0 không đổi, 1 bị từ chối, 7 có dòng lỗi; 1 mục khác bị bỏ qua \(không phải báo cáo\)$'
# The folder's README is no report: it is named, not passed over; the
# manifest is not named.
expect_line out.txt '^README.md: Lỗi \[skipped-other\]'
expect_no_line out.txt '^received.csv'
expect_line out.txt '^2022-10-12_PGDDT_DongXoai.csv dòng 2, cột A .*\[unknown-unit\]'
expect_line out.txt "^LocNinh_bao_cao.csv dòng 6, cột .*\[bad-date\].*'31/09/2022' — tháng 9 chỉ có 30 ngày$"
expect_line out.txt '^STP_bao_cao.csv: Cảnh báo \[late\]'

run 0 status
cp out.txt status.txt
# The status of each unit in words and its coverage, from the CSV form
# (t0220 holds the three forms to each other).
run 0 status --format csv
/usr/bin/python3 -c 'import csv, sys
for r in csv.DictReader(sys.stdin):
    print(r["code"] + "|" + r["status_label"] + "|" + r["covered"] + "/" + r["required"])' \
    <out.txt >status-csv.txt

# The expected table: | code | unit | kind | status | x/y | missing | file | rows | errors | người | buổi | băng rôn | tin bài | sách | kinh phí |
sed -n '/^## Expected status/,/^## Resubmissions/p' "$SRC/samples/README.md" |
    awk -F' [|] ' '/^\| [A-Z]/ { sub(/^\| /, "", $1); sub(/ \|$/, "", $15); print $1 "|" $4 "|" $5 "|" $8 "|" $10 "|" $11 "|" $12 "|" $13 "|" $14 "|" $15 }' \
        >expected.txt
expect_equal "$(wc -l <expected.txt | tr -d ' ')" 42 "units in the expected table"

# Totals of the submission in effect of each unit, straight from the store.
sql "SELECT s.unit_code, count(a.line), coalesce(sum(a.participants),0), coalesce(sum(a.sessions),0),
            coalesce(sum(a.banners),0), coalesce(sum(a.articles),0), coalesce(sum(a.books),0),
            coalesce(sum(a.budget),0)
     FROM submission s JOIN activity a ON a.submission_id = s.id
     WHERE s.id = (SELECT id FROM submission x WHERE x.unit_code = s.unit_code AND x.state = 0
                   ORDER BY received DESC, id DESC LIMIT 1)
     GROUP BY s.unit_code" >stored.txt

while IFS='|' read -r code status covered rows people sessions banners articles books budget; do
    line=$(grep -E "^$code[|]" status-csv.txt || true)
    expect_equal "$line" "$code|$status|$covered" "status of $code"
    expect_line status.txt "^$code +"
    got=$(grep -E "^$code[|]" stored.txt | cut -d'|' -f2- || true)
    [ -n "$got" ] || got="0|0|0|0|0|0|0"
    expect_equal "$got" "$rows|$people|$sessions|$banners|$articles|$books|$budget" "totals of $code"
done <expected.txt

# The totals paragraph wraps at 80 columns: read it as one line.
sed -n '/^42 đơn vị/,$p' status.txt | tr '\n' ' ' >totals.txt
expect_line totals.txt '^42 đơn vị: 34 đúng hạn, 1 đúng hạn và bổ sung sau hạn, 2 trễ hạn, 5 chưa nộp; 8 còn thiếu hoạt động bắt buộc $'
expect_line status.txt '^BUGIAMAP .* 27/10/2022 09:15 +Trễ hạn +5/6$'
expect_equal "$(grep -A1 '^BUGIAMAP ' status.txt | tail -n 1)" "           thiếu: KIEM_TRA" \
    "the line under BUGIAMAP"

# Idempotent: a second import stores nothing and says why.
before=$(sqlite3 "$SCRATCH/store.db" .dump | sha256sum)
run 3 import "$SRC/samples" # 3: the README is still there, and still named
expect_line out.txt '^Tổng cộng 39 tệp: 0 được tiếp nhận, 39 không đổi, 0 bị từ chối, 0 có dòng lỗi; 1 mục'
expect_line out.txt '^SXD_bao_cao.csv: không đổi — nội dung này đã được nhập'
after=$(sqlite3 "$SCRATCH/store.db" .dump | sha256sum)
expect_equal "$after" "$before" "store after a second import"
run 0 status
expect_equal "$(cat out.txt)" "$(cat status.txt)" "status after a second import"

# The received time is fixed at the first import: the same content under
# another name and another --received is still the same submission.
cp "$SRC/samples/STP_bao_cao.csv" renamed.csv
run 0 import --received 2022-10-01 renamed.csv
expect_line out.txt 'không đổi .*nhận 25/10/2022 00:00'
expect_equal "$(sql 'SELECT count(*) FROM submission')" 39 "submissions after re-import under a new name"
finish
