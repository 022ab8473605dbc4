#!/bin/sh
# t0210: two imports of the same inbox at the same time (a nightly job and
# the clerk by hand): both finish without failing, every file is stored
# exactly once, and the store is sound.
. "$(dirname "$0")/lib.sh"

mkdir inbox
/usr/bin/python3 - <<'PY'
units = ["DONGXOAI", "BINHLONG", "PHUOCLONG", "CHONTHANH", "BUDANG", "BUDOP", "BUGIAMAP",
         "DONGPHU", "HONQUAN", "LOCNINH", "PHURIENG", "SGDDT", "SVHTTDL", "STTTT", "STC", "SNV"]
for i, unit in enumerate(units * 2):
    with open(f"inbox/r{i:02d}.csv", "w", encoding="utf-8") as f:
        f.write("ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,so_nguoi\n")
        for r in range(300):
            f.write(f"{unit},TUYEN_TRUYEN,Hoạt động {i}-{r},0{1 + r % 7}/10/2022,{r + i}\n")
PY

set +e
"$TONGHOP" --db store.db import --received 2022-10-20 inbox >a.txt 2>a.err &
a=$!
"$TONGHOP" --db store.db import --received 2022-10-20 inbox >b.txt 2>b.err &
b=$!
wait $a
ea=$?
wait $b
eb=$?
set -e
# Warnings (missing categories) do not change the exit status; a run that
# finds a file already stored by the other says "unchanged", not an error.
expect_equal "$ea/$eb" "0/0" "exit statuses of the two runs"
cat a.err b.err >&2
expect_equal "$(sql 'SELECT count(*) FROM submission')" 32 "files stored"
expect_equal "$(sql 'SELECT count(*) FROM activity')" 9600 "rows stored"
expect_equal "$(sql 'PRAGMA integrity_check')" ok "integrity check"
# Between them the two runs imported each file once.
imported=$(cat a.txt b.txt | grep -c ' dòng được tính' || true)
unchanged=$(cat a.txt b.txt | grep -c ': không đổi' || true)
expect_equal "$imported/$unchanged" "32/32" "imported/unchanged over both runs"
finish
