#!/bin/sh
# t0620: the store held by another process.  A writer holding the write lock
# (BEGIN IMMEDIATE) makes import give up after the busy timeout (5 s) with
# exit 2 and a message about the lock; an exclusive lock refuses even
# opening.  Nothing is changed, and once the lock is gone the import works.
. "$(dirname "$0")/lib.sh"

H='ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,den_ngay,so_nguoi'
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,Treo băng rôn,01/10/2022,,1.200' >a.csv
printf '%s\n' "$H" 'SGDDT,TUYEN_TRUYEN,Treo băng rôn,01/10/2022,,300' >b.csv
run 0 import --received 2022-10-06 a.csv

fingerprint() {
    { sha256sum store.db; sqlite3 store.db .dump | sha256sum; } | cut -d' ' -f1 | tr '\n' ' '
}

# hold MODE: another process takes the lock and keeps it until killed;
# returns once the lock is held.  MODE: immediate or exclusive.
hold() {
    rm -f held
    /usr/bin/python3 - "$SCRATCH/store.db" "$1" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    db.execute("PRAGMA locking_mode = EXCLUSIVE")
    db.execute("BEGIN EXCLUSIVE")
else:
    db.execute("BEGIN IMMEDIATE")
db.execute("INSERT INTO submission (file_name, sha256, received, imported_at, unit_code, state,"
           " encoding, rows_read, rows_counted, rows_rejected, warnings)"
           " VALUES ('held', 'x', 0, 0, 'X', 0, '', 0, 0, 0, 0)")
open("held", "w").close()
time.sleep(120)
PY
    holder=$!
    n=0
    while [ ! -e held ] && [ "$n" -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
}

release() {
    kill "$holder" 2>/dev/null || true
    wait "$holder" 2>/dev/null || true
}

for mode in immediate exclusive; do
    before=$(fingerprint)
    hold "$mode"
    start=$(date +%s)
    run 2 import --received 2022-10-06 b.csv
    took=$(($(date +%s) - start))
    release
    expect_line err.txt "in use by another tonghop run|locked"
    checks=$((checks + 1))
    [ "$took" -le 15 ] || fail "import waited ${took}s for the $mode lock (bound: 15 s)"
    expect_equal "$(fingerprint)" "$before" "store unchanged ($mode lock)"
    expect_equal "$(sql "SELECT count(*) FROM submission WHERE file_name IN ('b.csv', 'held')")" 0 \
        "nothing of b.csv nor of the holder ($mode lock)"
done
# status reads while a writer holds the write lock (WAL): it must not fail.
hold immediate
run 0 status
release

run 0 import --received 2022-10-06 b.csv
expect_equal "$(sql 'SELECT count(*) FROM submission')" 2 "b.csv stored once the lock is gone"
expect_equal "$(sql 'PRAGMA integrity_check')" ok "integrity_check"
finish
