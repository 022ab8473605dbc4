#!/bin/sh
# t0610: out of space during import, simulated with a file-size limit
# (ulimit -f, RLIMIT_FSIZE) in a subshell.  tonghop ignores SIGXFSZ, so the
# write fails with EFBIG instead of killing it: the failing file's
# transaction is rolled back, the store is unchanged, the batch stops with
# exit 2 and a message, and a re-run without the limit completes the work.
. "$(dirname "$0")/lib.sh"

H='ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,den_ngay,so_nguoi'
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,Treo băng rôn,01/10/2022,,1.200' >small.csv
printf '%s\n' "$H" 'SGDDT,TUYEN_TRUYEN,Treo băng rôn,01/10/2022,,300' >small2.csv
awk -v h="$H" 'BEGIN { print h; for (i = 0; i < 20000; i++) printf "HLHPN,TUYEN_TRUYEN,Hoạt động số %d của hội,01/10/2022,07/10/2022,%d\n", i, i }' >big.csv

# fingerprint: the store file's bytes and its logical content.
fingerprint() {
    { sha256sum store.db; sqlite3 store.db .dump | sha256sum; } | cut -d' ' -f1 | tr '\n' ' '
}

# limited BLOCKS ARGS...: runs tonghop with files limited to BLOCKS x 512
# bytes; its stdout and stderr go through a pipe (the limit applies to output
# files too) into err.txt, its exit status into $got.
limited() {
    blocks=$1
    shift
    checks=$((checks + 1))
    (set +e; (ulimit -f "$blocks" && exec "$TONGHOP" --db "$SCRATCH/store.db" "$@") 2>&1
        echo $? >status.txt) | cat >err.txt
    got=$(cat status.txt)
}

run 0 import --received 2022-10-06 small.csv
before=$(fingerprint)
size=$(($(stat -c %s store.db) / 512))

# big.csv needs far more room than 64 kB more than the store has.
limited $((size + 128)) import --received 2022-10-06 big.csv
expect_equal "$got" 2 "exit status when the store cannot grow (137/153: killed by SIGXFSZ)"
expect_line err.txt "không lưu được 'big.csv' vào kho"
# The message should say why; SQLite reports EFBIG as a generic I/O error
# unless store.c looks at sqlite3_system_errno (see docs/bad-inputs.md).
expect_line err.txt "hết chỗ trống trên ổ đĩa|Không còn chỗ trống|ổ đĩa đã đầy"
expect_equal "$(fingerprint)" "$before" "store unchanged by the failed import"
expect_equal "$(sql 'PRAGMA integrity_check')" ok "integrity_check"

# In a batch: what was stored before the failure stays, the rest waits.
mkdir batch && cp big.csv batch/b.csv && cp small2.csv batch/a.csv
limited $((size + 128)) import --received 2022-10-06 batch
expect_equal "$got" 2 "exit status of a batch that runs out of space"
expect_equal "$(sql "SELECT group_concat(file_name, ' ') FROM submission ORDER BY id")" "small.csv a.csv" \
    "files stored before the failure"
expect_equal "$(sql 'SELECT count(*) FROM submission s WHERE rows_counted != (SELECT count(*) FROM activity a WHERE a.submission_id = s.id)')" 0 \
    "whole files only"

# No room at all: a new store cannot even be created.
limited 0 --db "$SCRATCH/new.db" import --received 2022-10-06 small.csv
expect_equal "$got" 2 "exit status when a new store cannot be written"
expect_line err.txt "^tonghop: lỗi: không (mở|lưu) được"

# Without the limit the same batch completes.
run 0 import --received 2022-10-06 batch
expect_line out.txt '^Tổng cộng 2 tệp: 1 được tiếp nhận, 1 không đổi, 0 bị từ chối, 0 có dòng lỗi$'
expect_equal "$(sql 'SELECT sum(rows_counted) FROM submission')" 20002 "rows after the re-run"
expect_equal "$(sql 'PRAGMA integrity_check')" ok "integrity_check after the re-run"
finish
