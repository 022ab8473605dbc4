#!/bin/sh
# t0800: `export --eml FILE` writes the message that carries the workbook,
# read back by Python's email package (policy.default), an independent MIME
# reader: the Vietnamese subject, the addresses of campaign.csv or of the
# options, the body's counts, and the attachment whose bytes are the
# workbook's and whose name is the workbook's.  The same store and --as-of
# give the same message bytes; a missing recipient or an unwritable path
# leaves nothing behind.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
CAMPAIGN="$SRC/templates/htsd-2022"
AS_OF=2022-10-28T00:00

run 0 import --received 2022-10-18 "$SRC/samples/2022-10-18_UBND_DongXoai_bao_cao.csv"
run 0 import --received 2022-10-27 "$SRC/samples/2022-10-27_UBND_BuGiaMap_bao_cao.csv"
mkdir out
run 0 export --as-of "$AS_OF" -o out/TongHop_htsd-2022_20221028.xlsx --eml out/tong-hop.eml
expect_line out.txt '^out/TongHop_htsd-2022_20221028.xlsx$'
expect_line out.txt '^out/tong-hop.eml$'

# check_eml EML WORKBOOK NAME SUBJECT FROM TO CC: Python reads it back.
check_eml() {
    checks=$((checks + 1))
    $PY - "$@" >py.txt 2>&1 <<'PYEOF' || {
import email, email.policy, sys
eml, book, name, subject, frm, to, cc = sys.argv[1:8]
with open(eml, "rb") as f:
    m = email.message_from_binary_file(f, policy=email.policy.default)
errors = []
def want(what, got, expected):
    if got != expected:
        errors.append(f"{what}: got {got!r}, expected {expected!r}")
want("subject", str(m["subject"]), subject)
want("from", str(m["from"]), frm)
want("to", str(m["to"]), to)
want("cc", str(m["cc"]) if m["cc"] is not None else "", cc)
want("date", str(m["date"]), "Fri, 28 Oct 2022 00:00:00 +0700")
want("defects", [d for p in m.walk() for d in p.defects], [])
body = m.get_body(("plain",)).get_content()
for text in ("Kính gửi: UBND tỉnh Bình Phước", "Đúng hạn: 1", "Trễ hạn: 1",
             "Chưa nộp: 40", "Trễ hạn: UBND huyện Bù Gia Mập", name):
    if text not in body:
        errors.append(f"body lacks {text!r}:\n{body}")
atts = list(m.iter_attachments())
want("attachments", len(atts), 1)
if atts:
    a = atts[0]
    want("file name", a.get_filename(), name)
    want("type", a.get_content_type(),
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    want("transfer encoding", a["content-transfer-encoding"], "base64")
    with open(book, "rb") as f:
        want("attachment bytes equal the workbook", a.get_content() == f.read(), True)
# ready for sendmail -t: 7-bit, lines within RFC 5322's 998
raw = open(eml, "rb").read()
want("8-bit bytes", [b for b in raw if b > 127][:3], [])
want("long lines", [l for l in raw.split(b"\n") if len(l) > 998][:1], [])
if errors:
    print("\n".join(errors))
    sys.exit(1)
PYEOF
        fail "python email check of $1"
        sed 's/^/  | /' py.txt >&2
    }
}
SUBJECT="Báo cáo tổng hợp Tuần lễ hưởng ứng học tập suốt đời năm 2022 đến ngày 28/10/2022"
check_eml out/tong-hop.eml out/TongHop_htsd-2022_20221028.xlsx TongHop_htsd-2022_20221028.xlsx \
    "$SUBJECT" "Sở GD&ĐT Bình Phước <tonghop@sgddt.binhphuoc.example>" \
    "Văn phòng UBND tỉnh Bình Phước <vanthu@ubnd.binhphuoc.example>" \
    "Phòng GDTX-CN Sở GD&ĐT <gdtx@sgddt.binhphuoc.example>"

# Reproducible: the same store and --as-of give the same message.
cp out/tong-hop.eml first.eml
run 0 export --as-of "$AS_OF" -o out/TongHop_htsd-2022_20221028.xlsx --eml out/tong-hop.eml
checks=$((checks + 1))
cmp -s first.eml out/tong-hop.eml || fail "the same export gave another message"

# The options override campaign.csv; a Vietnamese workbook name is kept.
run 0 export --as-of "$AS_OF" -o "out/Tổng hợp Bình Phước.xlsx" --eml out/b.eml \
    --from "Chuyên viên <cv@sgddt.binhphuoc.example>" --to "a@x.example, Bà Hoà <b@x.example>" --cc ""
check_eml out/b.eml "out/Tổng hợp Bình Phước.xlsx" "Tổng hợp Bình Phước.xlsx" "$SUBJECT" \
    "Chuyên viên <cv@sgddt.binhphuoc.example>" "a@x.example, Bà Hoà <b@x.example>" ""

# No recipient: refused before anything is written.
sed '/^mail_to,/d' "$CAMPAIGN/campaign.csv" >campaign.csv
mkdir camp && cp "$CAMPAIGN"/*.csv camp/ && cp campaign.csv camp/campaign.csv
mkdir out2
run 1 --campaign camp export --as-of "$AS_OF" -o out2/a.xlsx --eml out2/a.eml
expect_line err.txt 'mail_to'
checks=$((checks + 1))
[ -z "$(ls -A out2)" ] || fail "files left in out2: $(ls -A out2)"
# An address that does not parse: refused before anything is written too.
run 1 export --as-of "$AS_OF" -o out2/a.xlsx --eml out2/a.eml --to "<<<>>>"
expect_line err.txt "địa chỉ To '<<<>>>'"
run 1 export --as-of "$AS_OF" -o out2/a.xlsx --eml out2/a.eml --cc "@"
checks=$((checks + 1))
[ -z "$(ls -A out2)" ] || fail "files left in out2: $(ls -A out2)"
# An unwritable place: exit 2, nothing left.
run 2 export --as-of "$AS_OF" -o out2/a.xlsx --eml out2/no/such/a.eml
checks=$((checks + 1))
[ "$(ls -A out2)" = "a.xlsx" ] || fail "out2 holds: $(ls -A out2)"

finish
