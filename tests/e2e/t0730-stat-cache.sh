#!/bin/sh
# t0730: the nightly import does not read again what did not change.
# A file whose path, device, inode, size, mtime and ctime are what the store
# recorded when it stored the file's content is answered "unchanged"
# without being read or hashed ($TONGHOP_TRACE_STAT_CACHE makes tonghop say
# "hit" or "miss" for each file on stderr).  Observed:
#  1. untouched files: all hits, the same answers as reading them;
#  2. a touched file (same bytes, new mtime): read again, found unchanged,
#     recorded again, so the next run does not read it;
#  3. new content with the same size and mtime under the same name (another
#     inode, as an editor's save-and-rename makes): read again, imported;
#  4. --rehash: every file read again, the same answers;
#  5. a file modified in the last two seconds is not recorded (a change
#     within the file system's time granularity would not show);
#  6. `check` keeps no record.
# (Content stored as rejected is a hit too, but is read to be validated
# again, as design.md §6 says; its answers in 1. are the same.)
. "$(dirname "$0")/lib.sh"
TONGHOP_TRACE_STAT_CACHE=1
export TONGHOP_TRACE_STAT_CACHE

# The "unchanged" lines of out.txt, sorted, without the trace.
answers() {
    grep -E ': không đổi — |^Tổng cộng' out.txt | sort
}

mkdir inbox
cp "$SRC/samples/"*.csv inbox/
# Saved days ago; the received times come from received.csv.
touch -d '2022-10-28 09:00' inbox/*.csv
run 3 import inbox
expect_line out.txt '^Tổng cộng 39 tệp: 38 được tiếp nhận, 0 không đổi, 1 bị từ chối, 7 có dòng lỗi$'
expect_equal "$(grep -c '^stat-cache: miss ' err.txt)" 39 "the first import reads every file"
expect_equal "$(sql "SELECT count(*) FROM file_seen")" 39 "every stored file recorded"
expect_equal "$(sql "SELECT count(*) FROM file_seen f JOIN submission s USING (sha256)")" 39 \
    "each record names stored content"

# -- 1. untouched: nothing read
run 0 import --rehash inbox
answers >read.txt
run 0 import inbox
answers >cached.txt
expect_equal "$(grep -c '^stat-cache: hit ' err.txt)" 39 "every file a hit"
expect_equal "$(cmp -s read.txt cached.txt && echo same)" same "the answers, read or not"
expect_line out.txt '^Tổng cộng 39 tệp: 0 được tiếp nhận, 39 không đổi, 0 bị từ chối, 0 có dòng lỗi$'

# -- 2. touched, same bytes
touch -d '2022-10-29 09:00' inbox/SXD_bao_cao.csv
run 0 import inbox
expect_line err.txt '^stat-cache: miss SXD_bao_cao.csv$'
expect_equal "$(grep -c '^stat-cache: hit ' err.txt)" 38 "the others are hits"
expect_line out.txt '^SXD_bao_cao.csv: không đổi — '
run 0 import inbox
expect_line err.txt '^stat-cache: hit SXD_bao_cao.csv$'

# -- 3. other bytes, same size and mtime, another inode
f=inbox/SXD_bao_cao.csv
sed 's/,42,/,43,/' "$f" >new.csv
expect_equal "$(cmp -s new.csv "$f" && echo same)" "" "the edited copy differs"
expect_equal "$(wc -c <new.csv)" "$(wc -c <"$f")" "the edited copy's size"
touch -r "$f" new.csv
mv new.csv "$f"
run 0 import inbox
expect_line err.txt '^stat-cache: miss SXD_bao_cao.csv$'
expect_line out.txt '^SXD_bao_cao.csv: thay thế SXD_bao_cao.csv'
expect_line out.txt '^Tổng cộng 39 tệp: 1 được tiếp nhận, 38 không đổi, 0 bị từ chối, 0 có dòng lỗi$'
expect_equal "$(sql "SELECT count(*) FROM submission WHERE file_name = 'SXD_bao_cao.csv'")" 2 \
    "both contents stored"

# -- 4. --rehash reads everything again
run 0 import --rehash inbox
expect_no_line err.txt '^stat-cache: '
expect_line out.txt '^Tổng cộng 39 tệp: 0 được tiếp nhận, 39 không đổi, 0 bị từ chối, 0 có dòng lỗi$'

# -- 5. just modified: read, not recorded
cp "$SRC/samples/SXD_bao_cao.csv" inbox/fresh.csv
run 0 import inbox
expect_line err.txt '^stat-cache: miss fresh.csv$'
run 0 import inbox
expect_line err.txt '^stat-cache: miss fresh.csv$'
expect_equal "$(sql "SELECT count(*) FROM file_seen WHERE path LIKE '%/fresh.csv'")" 0 \
    "a file modified just now is not recorded"

# -- 6. check keeps no record
cp inbox/fresh.csv old.csv
touch -d '2022-10-28 09:00' old.csv
rows=$(sql "SELECT count(*) FROM file_seen")
run 0 check old.csv
expect_no_line err.txt '^stat-cache: '
expect_equal "$(sql "SELECT count(*) FROM file_seen")" "$rows" "check records nothing"
finish
