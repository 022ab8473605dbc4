#!/bin/sh
# t0970: `tonghop remind` writes one message per unit that owes something
# (nothing accepted, or a required category missing), to its address in
# units.csv, with the blank template attached; units that owe nothing get
# none.  A unit is reminded once per state: a second run writes nothing, a
# unit whose state changed is reminded again, --again rewrites them all,
# and a new date (--before) reminds every unit that still owes once more.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
S="$SRC/samples"

run 1 remind --out rem # no store yet
run 0 import --received 2022-10-18 "$S/2022-10-18_UBND_DongXoai_bao_cao.csv"
run 3 import --received 2022-10-20 "$S/LocNinh_bao_cao.csv"
run 0 remind --out rem --as-of 2022-10-21T08:00
NUNITS=$(($(wc -l <"$SRC/templates/htsd-2022/units.csv") - 1))
expect_line out.txt "^$((NUNITS - 1)) thư nhắc đã ghi, 0 đơn vị đã được nhắc trước đây"
checks=$((checks + 1))
[ ! -e rem/NhacNop_DONGXOAI_20221021.eml ] || fail "a reminder to a unit that owes nothing"

# check_messages: every message parses; the unit's address, the subject,
# what it owes, the template attached.
checks=$((checks + 1))
$PY - "$SRC/templates/htsd-2022/units.csv" rem >py.txt 2>&1 <<'PYEOF' || { fail "messages"; sed 's/^/  /' py.txt >&2; }
import csv, email, email.policy, glob, io, os, sys, openpyxl
units = {r["code"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
errors = []
for p in sorted(glob.glob(os.path.join(sys.argv[2], "*.eml"))):
    code = os.path.basename(p)[len("NhacNop_"):-len("_20221021.eml")]
    u = units[code]
    m = email.message_from_binary_file(open(p, "rb"), policy=email.policy.default)
    if [d for q in m.walk() for d in q.defects]:
        errors.append(f"{p}: defects")
    want = f"Nhắc nộp báo cáo Tuần lễ hưởng ứng học tập suốt đời năm 2022 — {u['name']}"
    if str(m["subject"]) != want:
        errors.append(f"{p}: subject {m['subject']!r}")
    if str(m["to"]) != u["email"]:
        errors.append(f"{p}: to {m['to']}")
    body = m.get_body(("plain",)).get_content()
    if "Đề nghị đơn vị gửi báo cáo trước 25/10/2022 00:00." not in body:
        errors.append(f"{p}: body lacks the date")
    if code == "LOCNINH" and "còn thiếu các hoạt động bắt buộc sau" not in body:
        errors.append(f"{p}: {body}")
    if code == "BUDANG" and "chưa nhận được báo cáo" not in body:
        errors.append(f"{p}: {body}")
    atts = list(m.iter_attachments())
    if [a.get_filename() for a in atts] != [code + ".xlsx"]:
        errors.append(f"{p}: attachments {[a.get_filename() for a in atts]}")
    else:
        wb = openpyxl.load_workbook(io.BytesIO(atts[0].get_content()))
        if "Báo cáo" not in wb.sheetnames:
            errors.append(f"{p}: the template has sheets {wb.sheetnames}")
if errors:
    print("\n".join(errors)); sys.exit(1)
PYEOF
expect_line rem/NhacNop_LOCNINH_20221021.eml '^To: vanthu.locninh@binhphuoc.gov.vn'

# once per state: nothing new to say
ls -l --time-style=+%s.%N rem >before.txt
run 0 remind --out rem --as-of 2022-10-21T08:00
expect_line out.txt "^0 thư nhắc đã ghi, $((NUNITS - 1)) đơn vị đã được nhắc trước đây"
ls -l --time-style=+%s.%N rem >after.txt
expect_equal "$(cat after.txt)" "$(cat before.txt)" "the folder after a second remind"

# Lộc Ninh completes its report; Bù Đăng sends one: a changed state
sed 's#31/09/2022#30/09/2022#' "$S/LocNinh_bao_cao.csv" >LocNinh_sua.csv
run 0 import --received 2022-10-22 LocNinh_sua.csv
run 0 import --received 2022-10-22 "$S/2022-10-14_UBND_BuDang_bao_cao.csv"
run 0 remind --out rem2 --as-of 2022-10-23T08:00
# Bù Đăng's report lacks KIEM_TRA: from "nothing sent" to "owes KIEM_TRA"
expect_line out.txt '^1 thư nhắc đã ghi'
checks=$((checks + 1))
[ -e rem2/NhacNop_BUDANG_20221023.eml ] || fail "Bù Đăng not reminded of its new state"
expect_equal "$(sql "SELECT state FROM reminder WHERE unit_code = 'BUDANG' ORDER BY sent_at")" \
    "$(printf 'chua-nop|han:1666630800\nthieu:KIEM_TRA|han:1666630800')" "Bù Đăng's two states"
checks=$((checks + 1))
[ ! -e rem2/NhacNop_LOCNINH_20221023.eml ] || fail "Lộc Ninh reminded after completing its report"

# --again: every unit that owes, anew
run 0 remind --out rem3 --again --as-of 2022-10-23T08:00
expect_equal "$(ls rem3 | wc -l)" "$(sql "SELECT count(DISTINCT unit_code) FROM reminder WHERE unit_code NOT IN ('LOCNINH')")" "--again"
# a new date: every unit that owes is reminded once more, with that date
run 0 remind --out rem4 --before 2022-11-05 --as-of 2022-10-26T08:00
expect_equal "$(ls rem4 | wc -l)" "$(ls rem3 | wc -l)" "a new date reminds every unit that owes"
expect_line rem4/NhacNop_BUGIAMAP_20221026.eml '^Subject: '
checks=$((checks + 1))
$PY -c "
import email, email.policy, sys
m = email.message_from_binary_file(open('rem4/NhacNop_BUGIAMAP_20221026.eml', 'rb'), policy=email.policy.default)
sys.exit(0 if 'trước 05/11/2022 00:00' in m.get_body(('plain',)).get_content() else 1)" ||
    fail "the new date is not in the message"
run 0 remind --out rem5 --before 2022-11-05 --as-of 2022-10-27T08:00
expect_line out.txt '^0 thư nhắc đã ghi'
finish
