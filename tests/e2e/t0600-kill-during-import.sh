#!/bin/sh
# t0600: kill -9 at random moments of a large import.  After every kill the
# store passes PRAGMA integrity_check and each file is wholly in it or wholly
# absent (its stored rows == its rows_counted == the rows it has); a re-run
# then completes the batch: every file present once, exit 0.
. "$(dirname "$0")/lib.sh"

NFILES=${T0600_FILES:-200}
NROWS=${T0600_ROWS:-2000}
KILLS=${T0600_KILLS:-6}
mkdir inbox
/usr/bin/python3 - "$SRC/templates/htsd-2022" inbox "$NFILES" "$NROWS" <<'PY'
import csv, os, sys
campaign, out, nfiles, nrows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open(os.path.join(campaign, "units.csv"), encoding="utf-8") as f:
    units = [r["code"] for r in csv.DictReader(f)]
with open(os.path.join(campaign, "categories.csv"), encoding="utf-8") as f:
    cats = [r["code"] for r in csv.DictReader(f)]
head = "ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,den_ngay,hinh_thuc,so_nguoi,so_buoi,kinh_phi\n"
for i in range(nfiles):
    unit = units[i % len(units)]
    rows = [head]
    for r in range(nrows):
        rows.append("%s,%s,Hoạt động %d của tệp %d tại đơn vị,0%d/10/2022,07/10/2022,trực tiếp,%d,%d,%d\n"
                    % (unit, cats[r % len(cats)], r, i, 1 + r % 7, 10 + r, 1 + r % 5, 1000 * r))
    with open(os.path.join(out, "r%03d.csv" % i), "w", encoding="utf-8") as f:
        f.writelines(rows)
PY

# consistent: the store is sound and holds whole files only.
consistent() {
    expect_equal "$(sqlite3 store.db 'PRAGMA integrity_check')" ok "integrity_check ($1)"
    expect_equal "$(sqlite3 store.db 'PRAGMA foreign_key_check' | wc -l)" 0 "foreign_key_check ($1)"
    expect_equal "$(sqlite3 store.db "SELECT count(*) FROM submission s WHERE rows_counted != $NROWS
        OR rows_counted != (SELECT count(*) FROM activity a WHERE a.submission_id = s.id)")" 0 \
        "whole files only ($1)"
    expect_equal "$(sqlite3 store.db 'SELECT count(*) - count(DISTINCT file_name) FROM submission')" 0 \
        "no file twice ($1)"
}

# A random delay of 0.1 .. 1.0 s: most kills land inside a file's transaction.
delay() {
    n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
    echo "0.$((1 + n % 9))"
}

i=0
while [ "$i" -lt "$KILLS" ]; do
    i=$((i + 1))
    "$TONGHOP" --db store.db import --received 2022-10-06 inbox >kill$i.out 2>&1 &
    pid=$!
    sleep "$(delay)"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    [ -e store.db ] || continue
    before=$(sqlite3 store.db 'SELECT count(*) FROM submission')
    echo "kill $i: $before files in the store"
    consistent "after kill $i"
done

run 0 import --received 2022-10-06 inbox
expect_line out.txt "^Tổng cộng $NFILES tệp: [0-9]+ được tiếp nhận, [0-9]+ không đổi, 0 bị từ chối, 0 có dòng lỗi$"
consistent "after the re-run"
expect_equal "$(sql 'SELECT count(*) FROM submission WHERE state = 0')" "$NFILES" "files accepted"
expect_equal "$(sql 'SELECT count(*) FROM activity')" "$((NFILES * NROWS))" "rows stored"
# And once more: nothing left to do.
run 0 import --received 2022-10-06 inbox
expect_line out.txt "^Tổng cộng $NFILES tệp: 0 được tiếp nhận, $NFILES không đổi, 0 bị từ chối, 0 có dòng lỗi$"
run 0 status
finish
