#!/bin/sh
# t0170: one language at a time, chosen in order: --lang, else
# $TONGHOP_LANG, else the campaign's `language`, else the locale — under
# LANG=C and LANG=vi_VN.UTF-8 alike (gettext must not need the Vietnamese
# locale installed); a bad TONGHOP_LANG is an error naming it; `help CMD`
# of every command is all in the language chosen; and po/vi.po translates
# every msgid of the source (msgfmt --check, msgcmp against xgettext).
. "$(dirname "$0")/lib.sh"
unset LC_ALL LC_MESSAGES LANGUAGE TONGHOP_LANG

CAMPAIGN=$SRC/templates/htsd-2022
mkdir camp-none camp-en
cp "$CAMPAIGN"/*.csv camp-none/
cp "$CAMPAIGN"/*.csv camp-en/
grep -v '^language,' "$CAMPAIGN/campaign.csv" >camp-none/campaign.csv
sed 's/^language,.*/language,en/' "$CAMPAIGN/campaign.csv" >camp-en/campaign.csv

# an empty report: rejected, said in the language chosen
: >nothing.csv
VI_REJECTED='^nothing.csv: BỊ TỪ CHỐI \(1 lỗi\)$'
EN_REJECTED='^nothing.csv: REJECTED \(1 error\)$'

# lang_is vi|en LOCALE [ENV...] -- ARGS: `check nothing.csv` speaks vi or en.
lang_is() {
    want=$1 locale=$2
    shift 2
    envs=""
    while [ "$1" != "--" ]; do
        envs="$envs $1"
        shift
    done
    shift
    # shellcheck disable=SC2086 # envs is a list of NAME=VALUE words
    env LANG="$locale" $envs "$TONGHOP" --db "$SCRATCH/store.db" "$@" check nothing.csv \
        >out.txt 2>err.txt || true
    checks=$((checks + 1))
    if [ "$want" = vi ]; then
        grep -Eq "$VI_REJECTED" out.txt || fail "LANG=$locale$envs $*: not Vietnamese: $(cat out.txt)"
    else
        grep -Eq "$EN_REJECTED" out.txt || fail "LANG=$locale$envs $*: not English: $(cat out.txt)"
    fi
}

for locale in C vi_VN.UTF-8; do
    # The shipped campaign says language,vi: Vietnamese whatever the locale.
    lang_is vi "$locale" --
    lang_is en "$locale" -- --lang en
    lang_is en "$locale" -- --lang=en
    lang_is vi "$locale" -- --lang vi
    lang_is en "$locale" TONGHOP_LANG=en --
    lang_is vi "$locale" TONGHOP_LANG=en -- --lang vi # --lang first
    lang_is en "$locale" TONGHOP_LANG=en -- --campaign "$SCRATCH/camp-none"
    lang_is vi "$locale" TONGHOP_LANG=vi -- --campaign "$SCRATCH/camp-en" # before the campaign
    lang_is en "$locale" -- --campaign "$SCRATCH/camp-en"  # the campaign before the locale
    lang_is vi "$locale" -- --campaign "$SCRATCH/camp-en" --lang vi
    lang_is en "$locale" TONGHOP_LANG= -- --campaign "$SCRATCH/camp-en" # empty is unset
done
# No language anywhere but the locale: the locale's.
lang_is en C -- --campaign "$SCRATCH/camp-none"
lang_is vi vi_VN.UTF-8 -- --campaign "$SCRATCH/camp-none"
lang_is vi C LC_ALL=vi_VN.UTF-8 -- --campaign "$SCRATCH/camp-none"
lang_is en vi_VN.UTF-8 LC_MESSAGES=en_US.UTF-8 -- --campaign "$SCRATCH/camp-none"

# A bad TONGHOP_LANG is an error naming it, in the language the rest chose.
LANG=C TONGHOP_LANG=fr run 1 check nothing.csv
expect_line err.txt "^tonghop: lỗi: TONGHOP_LANG là 'fr', không phải một ngôn ngữ"
LANG=C TONGHOP_LANG=fr run 1 --campaign "$SCRATCH/camp-none" check nothing.csv
expect_line err.txt "^tonghop: error: TONGHOP_LANG is 'fr', not a language \(expected vi or en\)$"
expect_equal "$(wc -l <out.txt)" 0 "nothing checked with a bad TONGHOP_LANG"
# A bad --lang is named in the language of the rest.
LANG=C run 1 --lang fr check nothing.csv
expect_line err.txt "^tonghop: lỗi: không có ngôn ngữ 'fr' \(chỉ có vi hoặc en\)$"
LANG=C TONGHOP_LANG=en run 1 --lang fr check nothing.csv
expect_line err.txt "^tonghop: error: unknown language 'fr' \(expected vi or en\)$"

# An unreadable campaign: its language cannot be read, the locale's is used
# and the only message is the real load's.
for locale in C vi_VN.UTF-8; do
    LANG=$locale run 1 --campaign "$SCRATCH/nowhere" check nothing.csv
    expect_equal "$(wc -l <err.txt)" 1 "LANG=$locale: one message for a missing campaign"
done
LANG=C run 1 --campaign "$SCRATCH/nowhere" check nothing.csv
expect_line err.txt "^tonghop: error: "
LANG=vi_VN.UTF-8 run 1 --campaign "$SCRATCH/nowhere" check nothing.csv
expect_line err.txt "^tonghop: lỗi: "

# `help CMD` and `CMD --help` of every command, and the usage, in each
# language: the other language's words appear nowhere.  (The English help
# of export names two sheets of the workbook, which are Vietnamese.)
VI_WORDS='Cách dùng|Ví dụ|Mã thoát|tệp|thư mục|đơn vị|không |kiểm tra'
EN_WORDS='usage|example|Exit status| the | file|folder| unit |store'
for cmd in check import status export template history recheck withdraw findings run remind; do
    for locale in C vi_VN.UTF-8; do
        LANG=$locale run 0 help "$cmd"
        expect_line out.txt "^Cách dùng: tonghop $cmd"
        expect_no_line out.txt "$EN_WORDS"
        LANG=$locale run 0 --lang en help "$cmd"
        expect_line out.txt "^usage: tonghop $cmd"
        sed 's/Lỗi dữ liệu, Lịch sử nộp//' out.txt | grep -Ev '^$' >en.txt
        expect_no_line en.txt "$VI_WORDS|[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]"
        LANG=$locale TONGHOP_LANG=en run 0 "$cmd" --help
        expect_line out.txt "^usage: tonghop $cmd"
    done
done
run 0 help
expect_line out.txt '^Cách dùng: tonghop \[--campaign THƯ_MỤC\]'
expect_line out.txt '^  import   kiểm tra và lưu báo cáo vào kho$'
expect_no_line out.txt "$EN_WORDS"
run 0 --lang en --help
expect_line out.txt '^usage: tonghop \[--campaign DIR\]'
expect_line out.txt '^  import   validate reports and keep them in the store$'
expect_no_line out.txt "$VI_WORDS"
run 1 bogus
expect_line err.txt "^tonghop: lỗi: không có lệnh 'bogus'$"
run 1 --lang en bogus
expect_line err.txt "^tonghop: error: unknown command 'bogus'$"

# The finding catalogue is printed in one language; the two documents of it
# are the two outputs, exactly.
"$TONGHOP" --lang en findings >findings-en.md
"$TONGHOP" --lang vi findings >findings-vi.md
expect_equal "$(cat findings-en.md)" "$(cat "$SRC/docs/findings.md")" "docs/findings.md is --lang en findings"
expect_equal "$(cat findings-vi.md)" "$(cat "$SRC/docs/findings.vi.md")" "docs/findings.vi.md is --lang vi findings"

# The catalogue translates every msgid of the source.
checks=$((checks + 1))
msgfmt --check --statistics -o /dev/null "$SRC/po/vi.po" 2>stats.txt || fail "msgfmt --check: $(cat stats.txt)"
expect_no_line stats.txt 'untranslated|fuzzy'
if command -v xgettext >/dev/null && command -v msgcmp >/dev/null; then
    find "$SRC/src" -name '*.c' | sort >sources.txt
    xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 \
        --keyword=C_:1c,2 -f sources.txt -o tonghop.pot
    checks=$((checks + 1))
    msgcmp "$SRC/po/vi.po" tonghop.pot 2>msgcmp.txt || fail "msgcmp: $(grep -v 'not used' msgcmp.txt)"
fi

finish
