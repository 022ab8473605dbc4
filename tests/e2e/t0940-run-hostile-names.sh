#!/bin/sh
# t0940: no unit code or attachment name can make `tonghop run` write
# outside --out.  A campaign whose unit code is "../../x" is refused as a
# configuration error (exit 1) before anything is written (unit codes are
# ASCII letters, digits, '_' and '-'; the file names built from them go
# through template_safe_name as well).  A Maildir message whose report is
# named "../../x.csv" (make_maildir.py) is imported under a safe name, and
# nothing appears anywhere but in --out and the store.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

mkdir -p work/a/b campaign
cp "$SRC/templates/htsd-2022/"*.csv campaign/
printf '../../x,Đơn vị thử ../../x,,district,x@example.vn\n' >>campaign/units.csv
mkdir inbox
printf 'ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay\n../../x,KE_HOACH,Kế hoạch,31/09/2022\n' >inbox/x.csv
$PY "$SRC/tests/e2e/make_maildir.py" "$SRC/samples" mail >truth.txt
touch marker
sleep 1.1
cd work/a/b
set +e
"$TONGHOP" --db "$SCRATCH/store.db" --campaign "$SCRATCH/campaign" run --inbox "$SCRATCH/inbox" \
    --out out --as-of 2022-10-24 >"$SCRATCH/out.txt" 2>"$SCRATCH/err.txt"
refused=$?
"$TONGHOP" --db "$SCRATCH/store.db" run --maildir "$SCRATCH/mail" --out out --eml \
    --as-of 2022-10-24 >"$SCRATCH/out2.txt" 2>"$SCRATCH/err2.txt"
second=$?
set -e
cd "$SCRATCH"
expect_equal "$refused" 1 "a campaign whose unit code is ../../x"
expect_line err.txt "mã đơn vị '../../x' chỉ được gồm chữ cái, chữ số, _ hoặc -"
checks=$((checks + 1))
[ "$second" -eq 0 ] || [ "$second" -eq 3 ] || { fail "the run over the Maildir exited $second"; cat err2.txt >&2; }
expect_line err2.txt 'tonghop run: xong: '
checks=$((checks + 1))
[ -s work/a/b/out/TongHop_htsd-2022_20221024.xlsx ] || fail "no workbook in --out"
expect_equal "$(find . -newer marker ! -type d ! -path './work/a/b/out/*' ! -path './mail/*' \
    ! -name 'store.db*' ! -name 'out*.txt' ! -name 'err*.txt' | sort)" "" "files written outside --out"
expect_equal "$(find . -name x | sort)" "" "a file named x"
expect_equal "$(sql "SELECT count(*) FROM submission WHERE file_name LIKE '%/%'")" 0 \
    "no stored name with a slash"
# every attachment of every message written is named without a folder
expect_equal "$($PY -c "
import email, email.policy, glob
for p in sorted(glob.glob('work/a/b/out/*.eml')):
    m = email.message_from_binary_file(open(p, 'rb'), policy=email.policy.default)
    for a in m.iter_attachments():
        if '/' in a.get_filename() or a.get_filename().startswith('.'):
            print(p, a.get_filename())")" "" "attachment names"
finish
