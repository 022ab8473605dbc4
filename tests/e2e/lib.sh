# lib.sh - shared helpers of the end-to-end tests (sourced, POSIX sh).
#
# Each test runs the real binary ($TONGHOP) in a scratch folder of its own,
# checks exit codes and output, and removes the folder when it passes.
set -eu
: "${TONGHOP:?set TONGHOP to the tonghop binary}"
: "${TONGHOP_SOURCE_DIR:?set TONGHOP_SOURCE_DIR to the source tree}"
SRC=$TONGHOP_SOURCE_DIR
# Messages follow --lang, $TONGHOP_LANG, the campaign and the locale: the
# tests pin the locale (C.UTF-8 is English) and leave the rest to each test.
LANG=C.UTF-8
export LANG
unset LC_ALL LC_MESSAGES LANGUAGE TONGHOP_LANG
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/tonghop-e2e.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
cd "$SCRATCH"
failures=0
checks=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# run EXPECTED_EXIT tonghop-args...: runs tonghop with a store in the
# scratch folder; stdout in out.txt, stderr in err.txt.
run() {
    want=$1
    shift
    checks=$((checks + 1))
    set +e
    "$TONGHOP" --db "$SCRATCH/store.db" "$@" >out.txt 2>err.txt
    got=$?
    set -e
    if [ "$got" -ne "$want" ]; then
        fail "tonghop $* exited $got, expected $want"
        sed 's/^/  out: /' out.txt >&2
        sed 's/^/  err: /' err.txt >&2
    fi
}

# expect_line FILE REGEX: some line of FILE matches the extended REGEX.
expect_line() {
    checks=$((checks + 1))
    grep -Eq -- "$2" "$1" || {
        fail "no line of $1 matches: $2"
        sed 's/^/  | /' "$1" >&2
    }
}

# expect_no_line FILE REGEX: no line of FILE matches.
expect_no_line() {
    checks=$((checks + 1))
    if grep -Eq -- "$2" "$1"; then
        fail "a line of $1 matches: $2"
        grep -E -- "$2" "$1" | sed 's/^/  | /' >&2
    fi
}

# expect_equal GOT WANT WHAT
expect_equal() {
    checks=$((checks + 1))
    [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
}

# sql QUERY: runs a read-only query on the scratch store.
sql() {
    sqlite3 -readonly "$SCRATCH/store.db" "$1"
}

# distinct_rows: every stored activity as its columns (without its
# submission and line), counted: one line per distinct row, `uniq -c` style.
# Forms of one report that stored the same rows give each row once, counted
# as many times as there are forms.
distinct_rows() {
    sql "SELECT category_code, replace(content, char(10), '\\n'), from_day, to_day, has_to,
                form, participants, sessions, banners, articles, books, budget, note
         FROM activity ORDER BY submission_id, category_code" | sort | uniq -c
}

# expect_check SCRIPT ARGS...: the Python checker SCRIPT (run by
# /usr/bin/python3) passes; its output is shown when it does not.
expect_check() {
    checks=$((checks + 1))
    script=$1
    shift
    /usr/bin/python3 "$script" "$@" >check.txt 2>&1 || {
        fail "$(basename "$script") $1 ${2:-}"
        sed 's/^/  | /' check.txt >&2
    }
}

finish() {
    passed=$((checks - failures))
    echo "$passed passed, $failures failed"
    [ "$failures" -eq 0 ]
}
