#!/bin/sh
# t0180: one language at a time.  Every command and every error path the
# tests reach is run in English and in Vietnamese — chosen by --lang under
# LANG=C and LANG=vi_VN.UTF-8, and by the locale alone (a campaign without
# a `language` key) — and every line it prints (stdout and stderr) and every
# text it writes for the clerk (summary.txt, the changes files, the reminder
# letters) must be in that language: check_language.py masks what is data
# (quoted values, file names, unit and category names, codes) and fails on a
# Vietnamese letter in English or a common English word in Vietnamese.
#
# The documents whose language is fixed are checked in Vietnamese whatever
# the interface says: the consolidated workbook and the CSV for the level
# above (for the ministry), the feedback workbooks and the templates (for
# the units).  What scripts parse (status --format csv|json) stays English
# and is not checked.  Lines known to be in the other language still are
# listed in t0180-known.txt, a TODO list to empty.
# shellcheck disable=SC2086,SC2016 # $C, $DB, $LANGARG split on purpose; ~$ is a name
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
CHECK="$SRC/tests/e2e/check_language.py"
KNOWN="$SRC/tests/e2e/t0180-known.txt"
CAMPAIGN="$SRC/templates/htsd-2022"
AS_OF=2022-10-21T08:00

# ---- the inputs: good and bad files, an inbox, broken campaigns --------
H='ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,den_ngay,hinh_thuc,so_nguoi'
mkdir in
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,Treo băng rôn,01/10/2022,,trực tiếp,1200' \
    'HKH,HOC_TAP_CONG_DONG,Học tập cộng đồng,02/10/2022,,,40' >in/good.csv
: >in/empty.csv
printf 'PK\003\004\000\000binary' >in/binary.csv
printf 'a\000b\n' >in/nul.csv
printf '%s\nHKH,TUYEN_TRUYEN,bad \201 byte,01/10/2022\n' "$H" >in/bad-encoding.csv
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,"never closed,01/10/2022' 'HKH,x,y,z' >in/open-quote.csv
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,a "quoted" word,01/10/2022' >in/stray-quote.csv
printf '%s\n' "$H" 'NOBODY,TUYEN_TRUYEN,a,01/10/2022' >in/unknown-unit.csv
printf '%s\n' "$H" 'LOCNINHH,TUYEN_TRUYEN,a,01/10/2022' >in/close-unit.csv
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,a,01/10/2022' 'SGDDT,TUYEN_TRUYEN,b,01/10/2022' >in/two-units.csv
printf '%s\n' 'HKH,TUYEN_TRUYEN,a,01/10/2022' >in/no-header.csv
printf '%s\n' 'ma_don_vi,ma_hoat_dong,noi_dung' 'HKH,TUYEN_TRUYEN,a' >in/no-date-column.csv
printf '%s\n' 'ma_don_vi,ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay' 'HKH,HKH,TUYEN_TRUYEN,a,01/10/2022' \
    >in/twice.csv
printf '%s\n' "$H" >in/header-only.csv
printf '%s\n' 'ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,so_nguoi,ghi chu khac,so ngoui tham gia' \
    'HKH,TUYEN_TRUYEN,a,31/09/2022,5,x,3' 'HKH,TUYEN_TRUYEN,b,01/10/2022,"1,5",,' \
    'HKH,TUYEN_TRUYENN,c,01/10/2022,,,' 'HKH,TUYEN_TRUYEN,e,01/10/2022,-4,,' \
    'HKH,TUYEN_TRUYEN,=SUM(A1),01/10/2022,2,,' 'HKH,TUYEN_TRUYEN,f,01/10/2022,2,,' \
    'HKH,TUYEN_TRUYEN,f,01/10/2022,2,,' 'HKH,,g,01/10/2022,1,,' \
    'HKH,TUYEN_TRUYEN,h,01/10/2022,1,,,9,9' 'HKH,TUYEN_TRUYEN,i,01/01/2022,1,,' \
    'HKH,TUYEN_TRUYEN,j,01/10/22,1,,' 'ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,so_nguoi,,' \
    'HKH,TUYEN_TRUYEN,' >in/row-errors.csv
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,a,05/10/2022,03/10/2022,qua thư,1' >in/dates-form.csv
printf '%s\n' "$H" 'HKH,TUYEN_TRUYEN,Tuyªn truyÒn ph¸p luËt,01/10/2022,,,1' >in/legacy.csv
mkdir inbox
cp "$SRC/samples/"*.csv inbox/
printf '%%PDF-1.4\n' >inbox/cong-van.pdf
printf 'PK\003\004' >inbox/bao-cao.docx
printf '\211PNG\r\n' >inbox/anh-chup.png
printf 'PK\003\004' >inbox/tat-ca.zip
printf 'x' >'inbox/~$HKH.xlsx'
printf '%s\n' "$H" >inbox/.hidden.csv
printf 'ghi chú\n' >inbox/ghi-chu.txt
mkdir sheets
cp "$SRC/tests/fixtures/"*.xls sheets/
printf 'PK\003\004' >sheets/not-a-zip.xlsx
printf '<html><body><table></table></body></html>\n' >sheets/web-page.xls
$PY - <<'PY'
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["ma_don_vi", "ma_hoat_dong", "noi_dung", "tu_ngay", "so_nguoi"])
ws.append(["HKH", "TUYEN_TRUYEN", "Tuyên truyền", "31/09/2022", "=1+1"])
wb.save("sheets/formula.xlsx")
PY
$PY "$SRC/tests/e2e/make_maildir.py" "$SRC/samples" md >/dev/null
mkdir bad-manifest bad-time
cp in/good.csv bad-manifest/ && printf 'tep,nhan\ngood.csv,2022-10-05\n' >bad-manifest/received.csv
cp in/good.csv bad-time/ && printf 'file,received\ngood.csv,hôm qua\n' >bad-time/received.csv
cp -r "$CAMPAIGN" nolang && sed -i '/^language,/d' nolang/campaign.csv
cp -r nolang badkey && printf 'colour,blue\n' >>badkey/campaign.csv
cp -r nolang badunit && printf '../x,Đơn vị lạ,,district,\n' >>badunit/units.csv
# the names of the files read, the reason given to withdraw and the
# template's column titles (English messages name them): data
{ ls in inbox sheets md/new; echo "gửi nhầm"; } >data.txt
"$TONGHOP" template -o titles.csv >/dev/null
$PY -c 'import csv, sys; print("\n".join(next(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))))' \
    titles.csv >>data.txt
$PY - md/new >>data.txt <<'PY'
import email, email.policy, os, sys
for name in os.listdir(sys.argv[1]):
    with open(os.path.join(sys.argv[1], name), "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    for part in msg.walk():
        if part.get_filename():
            print(part.get_filename())
PY
head -c 16384 /dev/zero | tr '\0' 'x' >garbage.db
touch a-file
chmod 755 "$SCRATCH" # the read-only store is read by nobody when root runs the test

# ---- one run of every command and error path, in one language ----------
# T NAME ARGS...: runs tonghop in the language of the current mode, from the
# mode's folder; its stdout and stderr go to NAME.out and NAME.err, which
# the checker reads.  A crash (status > 3) fails the test.
T() {
    name=$1
    shift
    checks=$((checks + 1))
    set +e
    env LANG="$MODE_LANG" ${LOCK_WAIT:+TONGHOP_LOCK_WAIT=$LOCK_WAIT} "$TONGHOP" $LANGARG "$@" \
        >"$name.out" 2>"$name.err"
    got=$?
    set -e
    [ "$got" -le 3 ] || fail "$MODE: tonghop $* exited $got"
    printf '%s %s\n' "$name" "$got" >>statuses.txt
}

# run_all: every command, in the folder of the mode; $C is the campaign
# option ("--campaign DIR"), $DB the store.
run_all() {
    C="--campaign $1"
    DB="--db $PWD/store.db"
    # usage and help
    T usage $C
    T help $C --help
    T help-cmd $C help
    T help-import $C help import
    for cmd in check import status history recheck withdraw export run remind template findings; do
        T "help-$cmd" $C "$cmd" --help
        T "help2-$cmd" $C help "$cmd"
    done
    T bogus-option $C --bogus
    T bogus-command $C bogus
    T bogus-import $C $DB import --bogus
    T close-option $C $DB export --ful
    T no-value $C $DB export -o
    T no-db $C --db
    T check-nothing $C check
    T withdraw-nothing $C $DB withdraw
    T remind-nothing $C $DB remind
    T run-nothing $C $DB run
    T bad-time $C check --received yesterday ../in/good.csv
    T bad-limit $C check --max-file-size lots ../in/good.csv
    T bad-format $C $DB status --format xml
    # campaigns that do not load
    T no-campaign --campaign /nonexistent check ../in/good.csv
    T bad-key --campaign ../badkey check ../in/good.csv
    T bad-unit --campaign ../badunit check ../in/good.csv
    # reading: every finding the inputs give
    T missing-file $C check --received 2022-10-20 /nonexistent.csv
    T check-bad $C check --received 2022-10-20 ../in/*.csv
    T check-limits $C check --received 2022-10-20 --max-file-size 100 --max-rows 2 ../in/good.csv
    T check-columns $C check --received 2022-10-20 --max-columns 3 ../in/good.csv
    T check-strict $C check --received 2022-10-20 --strict ../in/row-errors.csv
    T check-late $C check --received 2022-11-20 ../in/good.csv
    T check-inbox $C check ../inbox
    T check-sheets $C check --received 2022-10-20 ../sheets
    cp -r ../md md
    T check-maildir $C check --maildir md
    T bad-manifest $C check ../bad-manifest
    T bad-manifest-time $C check ../bad-time
    T no-maildir $C check --maildir ../nowhere
    T no-folder $C check ../nowhere/
    # the store: missing folder, not a store, read-only, locked
    T store-no-folder $C --db "$PWD/nowhere/store.db" status
    T import-no-folder $C --db "$PWD/nowhere/store.db" import ../in/good.csv
    T store-garbage $C --db ../garbage.db status
    T import $C $DB import ../inbox
    T import-again $C $DB import --received 2022-10-20 ../in/good.csv ../in/row-errors.csv
    T import-supplement $C $DB import --supplement --received 2022-10-20 ../in/good.csv
    mkdir -p ro && cp store.db ro/ && chmod 755 . ro && chmod 644 ro/store.db && rm -f ro/store.db-*
    if [ "$(id -u)" = 0 ]; then
        # root may write anything: the store is read by nobody instead
        setpriv --reuid=nobody --regid=nogroup --clear-groups env LANG="$MODE_LANG" \
            "$TONGHOP" $LANGARG $C --db ro/store.db status >store-readonly.out 2>store-readonly.err ||
            true
    else
        chmod a-w ro ro/store.db
        T store-readonly $C --db ro/store.db status
        chmod u+w ro ro/store.db
    fi
    flock store.db.lock sleep 30 &
    holder=$!
    sleep 0.5
    LOCK_WAIT=0 T store-locked $C $DB import --received 2022-10-20 ../in/good.csv
    kill "$holder"
    wait "$holder" 2>/dev/null || true
    # the commands
    T status $C $DB status
    T status-csv $C $DB status --format csv
    T status-json $C $DB status --format json
    T history $C $DB history
    T history-unit $C $DB history HKH
    T history-nobody $C $DB history NOBODY
    T recheck $C $DB recheck
    T recheck-unit $C $DB recheck HKH
    T withdraw $C $DB withdraw LocNinh_bao_cao.csv --reason "gửi nhầm"
    T withdraw-again $C $DB withdraw LocNinh_bao_cao.csv --reason "gửi nhầm"
    T withdraw-none $C $DB withdraw nothing.csv --reason x
    T export $C $DB export -o tonghop.xlsx --as-of "$AS_OF"
    T export-full $C $DB export --full -o full.xlsx --as-of "$AS_OF"
    mkdir -p csv
    T export-csv $C $DB export --csv csv --as-of "$AS_OF"
    T export-eml $C $DB export -o mail.xlsx --eml mail.eml --to "so@example.vn" --as-of "$AS_OF"
    mkdir -p baocao
    T export-folder $C $DB export -o baocao/
    T export-folder2 $C $DB export -o baocao
    T export-no-folder $C $DB export -o nowhere/x.xlsx
    T export-not-folder $C $DB export -o ../a-file/x.xlsx
    T run $C --db "$PWD/run.db" run --inbox ../inbox --out out --as-of "$AS_OF"
    cp ../in/good.csv ../inbox/HKH_bao_cao.csv
    T run-again $C --db "$PWD/run.db" run --inbox ../inbox --out out --as-of "$AS_OF"
    rm ../inbox/HKH_bao_cao.csv
    T run-not-folder $C --db "$PWD/run.db" run --inbox ../inbox --out ../a-file
    T remind $C $DB remind --out rem --as-of "$AS_OF"
    T remind-again $C $DB remind --out rem --as-of "$AS_OF"
    T template $C template -o mau.csv
    T template-unit $C template --unit HKH -o mau-hkh.csv
    T template-xlsx $C template --xlsx --unit HKH -o mau.xlsx
    T template-nobody $C template --unit NOBODY
    T template-all $C template --all -o mau
    T findings $C findings
    T version $C --version
}

# check_mode LANG CAMPAIGN: the mode's outputs are all in LANG; its
# documents in Vietnamese.
check_mode() {
    texts="" docs=""
    for f in ./*.out ./*.err out/summary.txt out/ThayDoi_*.txt rem/*.eml; do
        case $f in ./status-csv.out | ./status-json.out) continue ;; esac
        [ -e "$f" ] && texts="$texts $f"
    done
    for f in ./*.xlsx csv/*.csv out/*.xlsx mau.csv mau/*; do
        [ -e "$f" ] && docs="$docs $f"
    done
    set +e
    $PY "$CHECK" "$1" "$2" "$KNOWN" "$SCRATCH/data.txt" $texts >"check-$1.txt" 2>&1
    ok=$?
    $PY "$CHECK" vi "$2" "$KNOWN" "$SCRATCH/data.txt" $docs >check-docs.txt 2>&1
    okd=$?
    set -e
    checks=$((checks + 2))
    [ "$ok" -eq 0 ] || {
        fail "$MODE: lines not in $1"
        sed 's/^/  | /' "check-$1.txt" >&2
    }
    [ "$okd" -eq 0 ] || {
        fail "$MODE: document lines not in Vietnamese"
        sed 's/^/  | /' check-docs.txt >&2
    }
    grep -h '^[0-9]* lines checked' "check-$1.txt" check-docs.txt | sed "s/^/$MODE: /"
}

# mode NAME LANG LANG-OPTION CAMPAIGN EXPECTED: runs everything with
# LANG=LANG and LANG-OPTION (--lang xx, or nothing) in the folder NAME, and
# checks that it all came out in EXPECTED.
mode() {
    MODE=$1 MODE_LANG=$2 LANGARG=$3
    mkdir "$SCRATCH/$MODE"
    cd "$SCRATCH/$MODE"
    run_all "$4"
    check_mode "$5" "$4"
    cd "$SCRATCH"
}

mode en C "--lang en" "$CAMPAIGN" en
mode vi vi_VN.UTF-8 "--lang vi" "$CAMPAIGN" vi
mode en-locale C "" "$SCRATCH/nolang" en
mode vi-locale vi_VN.UTF-8 "" "$SCRATCH/nolang" vi
# Every mode went down the same paths: the same exit statuses.
for m in vi en-locale vi-locale; do
    expect_equal "$(cat $m/statuses.txt)" "$(cat en/statuses.txt)" "exit statuses of $m and en"
done
# The runs reached what they were meant to reach.
expect_line en/check-bad.out 'Error \[bad-csv\]'
expect_line vi/check-bad.out 'Lỗi \[bad-csv\]'
expect_line vi/store-locked.err 'đang được một lần chạy tonghop khác dùng'
expect_line en/store-readonly.err 'you may only read the store'
expect_line vi/import-no-folder.err "thư mục '.*nowhere' không tồn tại"
expect_line en/export-folder.err "is a folder"
expect_line vi-locale/usage.err 'Cách dùng'
expect_line en-locale/usage.err '^usage: tonghop'
finish
