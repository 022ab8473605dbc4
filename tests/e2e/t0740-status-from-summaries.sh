#!/bin/sh
# t0740: `status` and the export's totals read the store's per-category
# summaries of each submission (kept with its activities) instead of every
# activity; they must say what the activities in effect say.
# check_summaries.py computes, from the rows themselves and the in_effect
# view, each unit's covered and missing required categories and its six
# totals, and compares them with `status --format csv`:
#  1. after importing the samples (a replacement, a supplement-like late
#     report, a rejected file, row errors);
#  2. after a replacement, a withdrawal, a supplement and a recheck that
#     changes a submission's rows;
#  3. after the store is taken back to schema 4 (no summaries) and migrated
#     again: the migration computes them, and the status is the same.
. "$(dirname "$0")/lib.sh"

check() {
    run 0 status --format csv
    checks=$((checks + 1))
    /usr/bin/python3 "$SRC/tests/e2e/check_summaries.py" "$SRC/templates/htsd-2022" \
        "$SCRATCH/store.db" out.txt >check.txt || {
        fail "status and the activities in effect differ ($1)"
        sed 's/^/  | /' check.txt >&2
    }
}

# -- 1. the samples
run 3 import "$SRC/samples"
check "samples"
cp out.txt status-1.csv

# -- 2. replace, withdraw, supplement, recheck
sed 's#31/09/2022#30/09/2022#' "$SRC/samples/LocNinh_bao_cao.csv" >LocNinh_fixed.csv
{ head -1 LocNinh_fixed.csv; grep -E ',(THU_VIEN|KIEM_TRA),' LocNinh_fixed.csv; } >LocNinh_2.csv
run 0 import --received 2022-10-25T08:00 LocNinh_fixed.csv
check "a replacement"
run 3 import --received 2022-10-25T09:00 LocNinh_2.csv
check "a replacement with less"
run 0 withdraw LocNinh_2.csv --reason "phần bổ sung"
check "a withdrawal"
run 0 import --supplement --received 2022-10-25T10:00 LocNinh_2.csv
check "a supplement"
cp -r "$SRC/templates/htsd-2022" camp
cp "$SRC/samples/2022-10-12_PGDDT_DongXoai.csv" .
sed -i 's/|Đồng Xoài,district/|Đồng Xoài|PGDDT_DONGXOAI,district/' camp/units.csv
run 0 --campaign camp recheck 2022-10-12_PGDDT_DongXoai.csv
check "a recheck"
expect_equal "$(sql "SELECT count(*) FROM activity_summary x WHERE x.activities <>
    (SELECT count(*) FROM activity a WHERE a.submission_id = x.submission_id
     AND a.category_code = x.category_code)")" 0 "every summary counts its rows"
expect_equal "$(sql "SELECT count(*) FROM (SELECT DISTINCT submission_id, category_code
    FROM activity EXCEPT SELECT submission_id, category_code FROM activity_summary)")" 0 \
    "every submission and category has its summary"

# -- 3. back to schema 4, migrated again
run 0 status --format csv
cp out.txt status-2.csv
sqlite3 store.db "DROP TABLE activity_summary; DROP TABLE file_seen; PRAGMA user_version = 4"
check "migrated from schema 4"
expect_equal "$(cmp -s out.txt status-2.csv && echo same)" same "the status after the migration"
expect_equal "$(sql "PRAGMA user_version")" 5 "the schema after the migration"
finish
