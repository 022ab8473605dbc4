#!/bin/sh
# t0630: a store that is not one tonghop can use — garbage bytes, a
# truncated store, an SQLite file of another program, a store from a newer
# tonghop (user_version 99), a path that cannot be a store.  import and
# status exit 2 with a clear message and leave the file byte for byte as it was.
. "$(dirname "$0")/lib.sh"

H='ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,den_ngay,so_nguoi'
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,Treo băng rôn,01/10/2022,,1.200' >a.csv
printf '%s\n' "$H" 'SGDDT,TUYEN_TRUYEN,Treo băng rôn,01/10/2022,,300' >b.csv
run 0 import --received 2022-10-06 a.csv
cp store.db good.db

# damaged DB REGEX: import and status on DB exit 2, say REGEX, change nothing.
damaged() {
    db=$1
    sum=$(sha256sum "$db" | cut -d' ' -f1)
    for cmd in "import --received 2022-10-06 b.csv" status; do
        checks=$((checks + 1))
        set +e
        # shellcheck disable=SC2086 # cmd is split on purpose
        "$TONGHOP" --db "$db" $cmd >out.txt 2>err.txt
        got=$?
        set -e
        [ "$got" -eq 2 ] || fail "tonghop --db $db $cmd exited $got, expected 2"
        expect_line err.txt "$2"
        expect_equal "$(sha256sum "$db" | cut -d' ' -f1)" "$sum" "$db unchanged by $cmd"
        expect_equal "$(ls "$db"-wal "$db"-journal 2>/dev/null | wc -l)" 0 "no journal left beside $db"
    done
}

head -c 16384 /dev/urandom >garbage.db
damaged garbage.db "^tonghop: lỗi: không (mở|đọc) được kho 'garbage.db': lỗi kho: tệp không phải kho của tonghop, hoặc đã bị hỏng \(SQLite: file is not a database\)$"
printf '%s\n' "$H" >text.db
damaged text.db "file is not a database"
head -c "$(($(stat -c %s good.db) / 2))" good.db >truncated.db
damaged truncated.db "'truncated.db'.*database disk image is malformed"
head -c 100 good.db >header-only.db
damaged header-only.db "database disk image is malformed"
sqlite3 other.db 'CREATE TABLE notes (x); INSERT INTO notes VALUES (1)'
damaged other.db "không phải kho của tonghop"
cp good.db newer.db
sqlite3 newer.db 'PRAGMA user_version = 99'
damaged newer.db "kho do một phiên bản tonghop mới hơn ghi.*phiên bản cấu trúc 99"

# A folder, or a path in a folder that does not exist.
mkdir folder.db
run 2 --db "$SCRATCH/folder.db" import --received 2022-10-06 b.csv
expect_line err.txt "^tonghop: lỗi: không mở được kho"
run 2 --db "$SCRATCH/nowhere/store.db" import --received 2022-10-06 b.csv
expect_line err.txt "^tonghop: lỗi: không mở được kho"
expect_equal "$(test -e nowhere && echo yes || echo no)" no "no folder created"

# The good copy is still fine.
expect_equal "$(sqlite3 good.db 'PRAGMA integrity_check')" ok "integrity_check of the good store"
finish
