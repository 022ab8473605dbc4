#!/bin/sh
# t0900: `tonghop run` twice on the same inbox.  The first imports every
# report and writes the workbook, the feedback workbooks, summary.txt and
# (--eml) the messages into --out; the second finds nothing new: it says
# "không có gì mới", exits 0, and --out is untouched (same names, bytes and
# mtimes; no new message).  A report copied under another name and touched
# is not new either.  The log: one timestamped line per file and a summary
# on stderr, the same lines appended to --log; --quiet keeps problems only.
# A withdrawal (the store changes, no file does) makes the next run write.
. "$(dirname "$0")/lib.sh"
AS_OF=2022-11-01T09:00

cp -r "$SRC/samples" inbox
# the samples hold refused files and rows with errors: 3, yet all is written
run 3 run --inbox inbox --out out --eml --as-of "$AS_OF" --log run.log
expect_line err.txt '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+07:00 tonghop run: LocNinh_bao_cao.csv: tiếp nhận — LOCNINH, 7 dòng được tính, 1 dòng lỗi'
expect_line err.txt 'tonghop run: 2022-10-12_PGDDT_DongXoai.csv: BỊ TỪ CHỐI'
expect_line err.txt 'tonghop run: xong: 39 tệp mới \(1 bị từ chối, 7 có dòng lỗi\), 0 không đổi$'
expect_equal "$(cat run.log)" "$(cat err.txt)" "--log holds the lines of stderr"
for f in TongHop_htsd-2022_20221101.xlsx TongHop_htsd-2022_20221101.eml summary.txt \
    PhanHoi_LOCNINH_20221101.xlsx PhanHoi_LOCNINH_20221101.eml .tonghop-run; do
    checks=$((checks + 1))
    [ -s "out/$f" ] || fail "out/$f was not written"
done
expect_line out/summary.txt '^- Đúng hạn: 35$'
expect_line out/summary.txt '^- Trễ hạn: 2 \(UBND huyện Bù Gia Mập, Sở Tư pháp\)$'
expect_line out/summary.txt '^- Chưa nộp: 5 '
expect_line out/summary.txt '^- Có lỗi: 7 '
expect_line out/summary.txt '^Thay đổi \(lần chạy đầu tiên\):$'
# Bù Đăng sent two files in this run: the second replaces the first
expect_line out/summary.txt '^- UBND huyện Bù Đăng gửi báo cáo thay thế: thêm 1 dòng'
checks=$((checks + 1))
[ -s out/ThayDoi_BUDANG_20221101.txt ] || fail "no changes file for BUDANG"
# a unit whose file has no finding gets no feedback
checks=$((checks + 1))
[ ! -e out/PhanHoi_DONGXOAI_20221101.xlsx ] || fail "feedback for a unit without findings"

snapshot() { (cd out && ls -A | while read -r f; do stat -c '%n %s %Y' "$f"; sha256sum "$f"; done); }
snapshot >before.txt
sleep 1.1

run 0 run --inbox inbox --out out --eml --as-of "$AS_OF" --log run.log
expect_line err.txt 'tonghop run: LocNinh_bao_cao.csv: không đổi'
expect_line err.txt 'tonghop run: không có gì mới$'
expect_line err.txt 'tonghop run: xong: 0 tệp mới \(0 bị từ chối, 0 có dòng lỗi\), 39 không đổi$'
snapshot >after.txt
expect_equal "$(cat after.txt)" "$(cat before.txt)" "--out after a run with nothing new"

# renamed and touched: the same content, not imported twice; no time given
# either (received.csv does not name it), still nothing new
cp inbox/LocNinh_bao_cao.csv "inbox/LocNinh (ban sao).csv"
touch inbox/*.csv
sleep 1.1
run 0 run --inbox inbox --out out --as-of "$AS_OF" --quiet
expect_equal "$(cat out.txt)" "" "--quiet: nothing on stdout"
expect_equal "$(cat err.txt)" "" "--quiet: nothing on stderr when all is well"
snapshot >after2.txt
expect_equal "$(cat after2.txt)" "$(cat before.txt)" "--out after renamed, touched files"
expect_equal "$(sql 'SELECT count(*) FROM submission')" 39 "submissions"

# --quiet still says what is wrong: a new refused file, exit 3, outputs rewritten
printf 'ma_don_vi,ma_hoat_dong\nKHONG_CO,KE_HOACH\n' >inbox/sai.csv
run 3 run --inbox inbox --out out --as-of "$AS_OF" --quiet
expect_line err.txt 'tonghop run: sai.csv: BỊ TỪ CHỐI'
expect_no_line err.txt 'csv: không đổi'
expect_line err.txt 'tonghop run: xong: 1 tệp mới \(1 bị từ chối, 0 có dòng lỗi\), 40 không đổi$'
expect_line out/summary.txt '^Thay đổi từ lần tổng hợp trước \(01/11/2022 09:00\):$'
expect_line out/summary.txt '^- Tệp mới: sai.csv — đơn vị không xác định, nhận .*: bị từ chối.$'

# a withdrawal changes no file but the store: the next run writes again
run 0 withdraw LocNinh_bao_cao.csv --reason "gửi nhầm"
run 0 run --inbox inbox --out out --as-of "$AS_OF"
expect_no_line err.txt 'không có gì mới'
expect_line out/summary.txt '^- UBND huyện Lộc Ninh: Đúng hạn → Chưa nộp.$'
run 0 run --inbox inbox --out out --as-of "$AS_OF"
expect_line err.txt 'tonghop run: không có gì mới$'

# usage and configuration
run 1 run --out out
run 1 run --inbox inbox
run 1 run --inbox inbox --out out --as-of nonsense
run 1 --campaign "$SCRATCH/none" run --inbox inbox --out out
finish
