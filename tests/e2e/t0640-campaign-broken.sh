#!/bin/sh
# t0640: a campaign folder missing one of its four files, or with one
# unreadable or garbled: check, import and status exit 1 (configuration
# error) with a message naming the file, and the store is not touched.
. "$(dirname "$0")/lib.sh"

H='ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,den_ngay,so_nguoi'
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,Treo băng rôn,01/10/2022,,1.200' >a.csv
printf '%s\n' "$H" 'SGDDT,TUYEN_TRUYEN,Treo băng rôn,01/10/2022,,300' >b.csv
run 0 import --received 2022-10-06 a.csv
sum=$(sha256sum store.db | cut -d' ' -f1)

# broken FILE: runs every command against camp/ and checks the outcome.
# The messages are in the campaign's language (vi), or without a readable
# campaign.csv in the locale's (the tests' C.UTF-8: English).
broken() {
    label="lỗi"
    [ "$1" != campaign.csv ] || label="error"
    for cmd in "check --received 2022-10-06 b.csv" "import --received 2022-10-06 b.csv" status; do
        # shellcheck disable=SC2086 # cmd is split on purpose
        run 1 --campaign "$SCRATCH/camp" $cmd
        expect_line err.txt "^tonghop: $label: .*$1"
        expect_equal "$(sha256sum store.db | cut -d' ' -f1)" "$sum" "store unchanged ($1 broken, $cmd)"
    done
}

for f in campaign.csv units.csv categories.csv requirements.csv; do
    rm -rf camp && cp -r "$SRC/templates/htsd-2022" camp
    rm camp/$f
    broken "$f"
    rm -rf camp && cp -r "$SRC/templates/htsd-2022" camp
    head -c 3000 /dev/urandom >camp/$f
    broken "$f"
    rm -rf camp && cp -r "$SRC/templates/htsd-2022" camp
    rm camp/$f && mkdir camp/$f
    broken "$f"
done
rm -rf camp
run 1 --campaign "$SCRATCH/camp" import --received 2022-10-06 b.csv
expect_line err.txt "camp"
expect_equal "$(sha256sum store.db | cut -d' ' -f1)" "$sum" "store unchanged (no campaign folder)"
expect_equal "$(sql 'SELECT count(*) FROM submission')" 1 "b.csv not stored"
finish
