#!/bin/sh
# t0930: kill -9 at random moments of `tonghop run --eml` (import, workbook,
# feedback workbooks, messages, record), then at chosen points: as soon as
# the workbook, a feedback workbook, summary.txt or the first message is in
# place.  After every kill the store passes
# PRAGMA integrity_check and holds whole files only, and every file in --out
# that is not hidden is complete (each .xlsx a sound zip, each .eml parses,
# summary.txt whole); the next run completes, leaves no temporary behind,
# and a run after it finds nothing new.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

NFILES=${T0930_FILES:-30}
NROWS=${T0930_ROWS:-2000}
KILLS=${T0930_KILLS:-6}
/usr/bin/python3 "$SRC/tests/e2e/gen_big_inbox.py" "$SRC/templates/htsd-2022" inbox "$NFILES" "$NROWS"
touch -d '2022-10-20 10:00' inbox/*.csv

# sound WHAT [DIR]: the store and every visible output of DIR (out) are whole.
sound() {
    dir=${2:-out}
    expect_equal "$(sqlite3 store.db 'PRAGMA integrity_check')" ok "integrity_check ($1)"
    expect_equal "$(sqlite3 store.db "SELECT count(*) FROM submission s WHERE rows_counted !=
        (SELECT count(*) FROM activity a WHERE a.submission_id = s.id)")" 0 "whole files only ($1)"
    checks=$((checks + 1))
    $PY - "$dir" >py.txt 2>&1 <<'PYEOF' || { fail "outputs ($1)"; sed 's/^/  /' py.txt >&2; }
import email, email.policy, os, sys, zipfile
out = sys.argv[1]
errors = []
for name in sorted(os.listdir(out)) if os.path.isdir(out) else []:
    p = os.path.join(out, name)
    if name.startswith("."):
        continue
    if name.endswith(".xlsx"):
        try:
            bad = zipfile.ZipFile(p).testzip()
            if bad:
                errors.append(f"{name}: bad member {bad}")
        except Exception as e:
            errors.append(f"{name}: {e}")
    elif name.endswith(".eml"):
        m = email.message_from_binary_file(open(p, "rb"), policy=email.policy.default)
        if [d for q in m.walk() for d in q.defects] or not list(m.iter_attachments()):
            errors.append(f"{name}: broken message")
    elif name == "summary.txt":
        if not open(p, encoding="utf-8").read().endswith("Do tonghop tạo.\n"):
            errors.append("summary.txt is cut")
if errors:
    print("\n".join(errors)); sys.exit(1)
PYEOF
}

delay() {
    n=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
    echo "$((n % 3)).$((1 + n % 9))"
}

i=0
while [ "$i" -lt "$KILLS" ]; do
    i=$((i + 1))
    "$TONGHOP" --db store.db run --inbox inbox --out out --eml --as-of 2022-10-24 \
        >kill$i.out 2>&1 &
    pid=$!
    sleep "$(delay)"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    [ -e store.db ] || continue
    echo "kill $i: $(sqlite3 store.db 'SELECT count(*) FROM submission') files in the store," \
        "$(ls out 2>/dev/null | wc -l) outputs, $(ls -A out 2>/dev/null | grep -c '^\.') hidden"
    sound "after kill $i"
done

set +e
"$TONGHOP" --db store.db run --inbox inbox --out out --eml --as-of 2022-10-24 >last.out 2>last.err
status=$?
set -e
checks=$((checks + 1))
[ "$status" -eq 0 ] || [ "$status" -eq 3 ] || { fail "the run after the kills exited $status"; cat last.err >&2; }
sound "after the last run"
expect_equal "$(sqlite3 store.db 'SELECT count(*), count(DISTINCT file_name) FROM submission')" \
    "$NFILES|$NFILES" "every file once"
expect_equal "$(ls -A out | grep '^\.' | grep -v '^\.tonghop-run$' || true)" "" "no temporary left"
checks=$((checks + 1))
[ -s out/TongHop_htsd-2022_20221024.xlsx ] && [ -s out/TongHop_htsd-2022_20221024.eml ] &&
    [ -s out/summary.txt ] && [ -s out/PhanHoi_DONGXOAI_20221024.xlsx ] ||
    fail "the run after the kills did not write everything: $(ls out)"
run 0 run --inbox inbox --out out --eml --as-of 2022-10-24
expect_line err.txt 'tonghop run: không có gì mới$'

# Chosen points, each into a folder of its own (the store holds everything
# already, so each run goes straight to writing).
k=0
for target in TongHop_htsd-2022_20221024.xlsx PhanHoi_DONGXOAI_20221024.xlsx summary.txt \
    TongHop_htsd-2022_20221024.eml; do
    k=$((k + 1))
    "$TONGHOP" --db store.db run --inbox inbox --out at$k --eml --as-of 2022-10-24 \
        >at$k.out 2>&1 &
    pid=$!
    n=0
    while [ ! -e "at$k/$target" ] && [ "$n" -lt 600 ] && kill -0 "$pid" 2>/dev/null; do
        sleep 0.02
        n=$((n + 1))
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "killed once $target was there: $(ls at$k | wc -l) outputs"
    sound "killed at $target" "at$k"
    checks=$((checks + 1))
    [ -e "at$k/.tonghop-run" ] && ! [ "$target" = TongHop_htsd-2022_20221024.eml ] &&
        fail "the record was written before the outputs ($target)"
    run 0 run --inbox inbox --out "at$k" --eml --as-of 2022-10-24
    sound "the run after the kill at $target" "at$k"
    expect_equal "$(ls -A "at$k" | grep '^\.' | grep -v '^\.tonghop-run$' || true)" "" \
        "no temporary left after the kill at $target"
    expect_equal "$(ls "at$k")" "$(ls out)" "the outputs after the kill at $target"
done
finish
