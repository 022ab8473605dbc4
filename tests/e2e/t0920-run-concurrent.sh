#!/bin/sh
# t0920: one run at a time per store.  While a `run` holds the store's lock
# (<db>.lock), a second `run` or an `import` told not to wait
# (TONGHOP_LOCK_WAIT=0) exits 2 saying another run holds the store, and
# writes nothing; one that waits runs after the first and finds nothing new.
# The store passes PRAGMA integrity_check and holds every file once.
. "$(dirname "$0")/lib.sh"

NFILES=${T0920_FILES:-40}
/usr/bin/python3 "$SRC/tests/e2e/gen_big_inbox.py" "$SRC/templates/htsd-2022" inbox "$NFILES" 3000
touch -d '2022-10-20 10:00' inbox/*.csv

"$TONGHOP" --db store.db run --inbox inbox --out out --as-of 2022-10-24 >first.out 2>first.err &
first=$!
# wait until the first run holds the lock
i=0
while flock -n store.db.lock true 2>/dev/null && [ "$i" -lt 100 ]; do
    sleep 0.05
    i=$((i + 1))
done
checks=$((checks + 1))
flock -n store.db.lock true 2>/dev/null && fail "the first run never held the lock"

set +e
TONGHOP_LOCK_WAIT=0 "$TONGHOP" --db store.db run --inbox inbox --out out2 --as-of 2022-10-24 \
    >second.out 2>second.err
second=$?
TONGHOP_LOCK_WAIT=0 "$TONGHOP" --db store.db import inbox >third.out 2>third.err
third=$?
set -e
still=$(kill -0 "$first" 2>/dev/null && echo running || echo done)
expect_equal "$second" 2 "a second run while the first holds the store"
expect_equal "$third" 2 "an import while a run holds the store"
expect_line second.err "kho 'store.db' đang được một lần chạy tonghop khác dùng \(đã chờ 0 giây\)"
expect_line third.err "kho 'store.db' đang được một lần chạy tonghop khác dùng"
expect_equal "$(ls -A out2 2>/dev/null | wc -l)" 0 "the refused run wrote nothing"
expect_equal "$still" running "the first run was still running when the others were refused"

# one that waits runs after the first: nothing new by then.  It waits up to
# ten minutes, not the default minute: under the sanitizers on a loaded
# machine the first run has been seen to take longer than a minute.
set +e
TONGHOP_LOCK_WAIT=600 "$TONGHOP" --db store.db run --inbox inbox --out out --as-of 2022-10-24 >fourth.out 2>fourth.err
fourth=$?
wait "$first"
first_status=$?
set -e
expect_equal "$first_status" 3 "the first run (a third of the files have a row error)"
expect_equal "$fourth" 0 "the run that waited"
expect_line fourth.err 'tonghop run: không có gì mới$'
expect_equal "$(sqlite3 store.db 'PRAGMA integrity_check')" ok "integrity_check"
expect_equal "$(sqlite3 store.db 'SELECT count(*), count(DISTINCT sha256) FROM submission')" \
    "$NFILES|$NFILES" "every file once"
finish
