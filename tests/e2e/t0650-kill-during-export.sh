#!/bin/sh
# t0650: kill -9 at random moments during an export.  Afterwards no
# workbook exists under the final name unless it is complete, and a re-run
# (which also removes what the killed run left under a hidden name) writes
# the whole workbook.
. "$(dirname "$0")/lib.sh"

mkdir inbox out
/usr/bin/python3 - <<'PY'
units = ["DONGXOAI", "BINHLONG", "PHUOCLONG", "CHONTHANH", "BUDANG", "BUDOP", "BUGIAMAP",
         "DONGPHU", "HONQUAN", "LOCNINH", "PHURIENG", "SGDDT", "SVHTTDL", "STTTT", "STC", "SNV"]
for i, unit in enumerate(units):
    with open(f"inbox/r{i:02d}.csv", "w", encoding="utf-8") as f:
        f.write("ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,so_nguoi\n")
        for r in range(5000):
            f.write(f"{unit},TUYEN_TRUYEN,Hoạt động tuyên truyền {i}-{r},0{1 + r % 7}/10/2022,{r}\n")
PY
run 0 import --received 2022-10-20 inbox
final=out/TongHop_htsd-2022_20221028.xlsx

# How long a whole export takes here, to aim the kills inside it.
start=$(date +%s%N)
run 0 export --as-of 2022-10-28 -o "$final"
full_ms=$((($(date +%s%N) - start) / 1000000))
rm -f "$final"

kills=0
for i in 1 2 3 4 5 6; do
    delay_ms=$(awk -v seed="$i$$" -v full="$full_ms" 'BEGIN { srand(seed); print int(rand() * full * 0.9) }')
    "$TONGHOP" --db store.db export --as-of 2022-10-28 -o "$final" >/dev/null 2>&1 &
    pid=$!
    sleep "$(awk -v ms="$delay_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
    if kill -9 "$pid" 2>/dev/null; then
        kills=$((kills + 1))
    fi
    wait "$pid" 2>/dev/null || true
    # Killed before the rename: no workbook.  After it: a whole one.
    if [ -e "$final" ]; then
        checks=$((checks + 1))
        /usr/bin/python3 -c "import openpyxl, sys; openpyxl.load_workbook(sys.argv[1], read_only=True)" "$final" ||
            fail "kill $i: '$final' exists but does not open"
        rm -f "$final"
    fi
done
echo "killed $kills of 6 exports (whole export: ${full_ms} ms)"

# A re-run completes the work and leaves nothing else behind.
run 0 export --as-of 2022-10-28 -o "$final"
/usr/bin/python3 - "$final" <<'PY' || fail "the re-run's workbook is not whole"
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
rows = sum(1 for _ in wb["Chi tiết"].iter_rows(min_row=1))
assert rows > 80000, rows
PY
expect_equal "$(ls -A out)" "TongHop_htsd-2022_20221028.xlsx" "files in the output folder after the re-run"
finish
