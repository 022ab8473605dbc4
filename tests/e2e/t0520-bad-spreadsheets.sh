#!/bin/sh
# t0520: the spreadsheet rows of the bad-input matrix (docs/bad-inputs.md).
# Each hostile or broken workbook is imported on its own: the finding it
# gives, the exit status, and bounded memory and time for the huge ones.
# The files are made here (Python's zipfile and openpyxl), never committed.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
R=2022-10-06
mkdir m && cd m

# matrix FILE EXIT CODE [OPTIONS]: imports FILE alone; it exits EXIT and a
# finding about FILE carries CODE ("-": accepted cleanly).
matrix() {
    f=$1 want=$2 code=$3
    shift 3
    run "$want" import --received "$R" "$@" "$SCRATCH/m/$f"
    if [ "$code" != - ]; then
        expect_line "$SCRATCH/m/out.txt" "^$f( [^ ]+!.*)?: (Lỗi|Cảnh báo) \[$code\]"
    fi
}

# peak FILE KB [OPTIONS]: check FILE peaks under KB kilobytes of memory and
# 30 s of CPU (not measured under AddressSanitizer, whose shadow memory would
# be; CPU, not wall time, as the test machines are shared).
peak() {
    f=$1 limit=$2
    shift 2
    [ -x /usr/bin/time ] && [ "${TONGHOP_SANITIZED:-0}" != 1 ] || return 0
    checks=$((checks + 1))
    /usr/bin/time -f '%M %U %S' "$TONGHOP" --db "$SCRATCH/rss.db" check --received "$R" "$@" "$f" \
        >/dev/null 2>time.txt || true
    set -- $(tail -n 1 time.txt)
    echo "$f: peak ${1} kB, ${2} s user, ${3} s system"
    [ "${1:-999999999}" -lt "$limit" ] || fail "check of $f peaked at ${1} kB (limit $limit kB)"
    awk -v u="${2:-999}" -v s="${3:-999}" 'BEGIN { exit !(u + s < 30) }' ||
        fail "check of $f took ${2} s + ${3} s of CPU (limit 30 s)"
}

$PY - <<'PY'
import datetime, io, openpyxl, struct, zipfile
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HEADER = ["ma_don_vi", "ma_hoat_dong", "noi_dung", "tu_ngay", "den_ngay", "so_nguoi"]
ROW = ["HKH", "TUYEN_TRUYEN", "Treo băng rôn", datetime.date(2022, 10, 1), None, 1200]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WBRELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
WB = (f'<?xml version="1.0"?><workbook {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
STYLES = f'<?xml version="1.0"?><styleSheet {NS}><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'

def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

HEAD_ROW = '<row r="1">' + "".join(inline(f"{chr(65 + i)}1", h) for i, h in enumerate(HEADER)) + "</row>"
DATA_ROW = ('<row r="2">' + inline("A2", "HKH") + inline("B2", "TUYEN_TRUYEN") + inline("C2", "Treo băng rôn")
            + '<c r="D2" s="1"><v>44835</v></c><c r="F2"><v>1200</v></c></row>')

def xlsx(name, chunks, level=6):
    """Writes an .xlsx whose sheet1.xml is the concatenation of chunks (a generator)."""
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/_rels/workbook.xml.rels", WBRELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/styles.xml", STYLES)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for c in chunks:
                f.write(c.encode("utf-8"))

def sheet(*middle):
    yield f'<?xml version="1.0"?><worksheet {NS}><sheetData>'
    for m in middle:
        if isinstance(m, str):
            yield m
        else:
            yield from m
    yield "</sheetData></worksheet>"

# A well-made control, and the same workbook in the 1904 date system.
def book(name, epoch=None, formula=False, people=1200):
    wb = openpyxl.Workbook()
    if epoch:
        wb.epoch = epoch
    ws = wb.active
    ws.append(HEADER)
    ws.append(ROW[:5] + (["=1000+200"] if formula else [people]))
    ws["D2"].number_format = "dd/mm/yyyy"
    wb.save(name)

book("good.xlsx")
book("dates-1904.xlsx", CALENDAR_MAC_1904)
book("formula-only.xlsx", formula=True)   # openpyxl stores no cached value
book("xlsx-named.csv", people=1300)   # an .xlsx named .csv

# Zip bomb: 200 MB of spaces inside a sheet, about 200 KB compressed.
def spaces():
    yield f'<?xml version="1.0"?><worksheet {NS}><sheetData>' + HEAD_ROW
    for _ in range(200):
        yield " " * (1 << 20)
    yield "</sheetData></worksheet>"
xlsx("zip-bomb.xlsx", spaces(), level=9)

# A directory that lies: it declares 1,000 bytes for a sheet of 2 MB.
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    for n, t in [("[Content_Types].xml", CT), ("_rels/.rels", RELS), ("xl/_rels/workbook.xml.rels", WBRELS),
                 ("xl/workbook.xml", WB), ("xl/styles.xml", STYLES)]:
        z.writestr(n, t)
    z.writestr("xl/worksheets/sheet1.xml", "".join(sheet(HEAD_ROW, " " * (2 << 20))))
data = bytearray(buf.getvalue())
size = len("".join(sheet(HEAD_ROW, " " * (2 << 20))).encode())
for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):   # local header, central directory
    pos = 0
    while (pos := data.find(sig, pos)) >= 0:
        if struct.unpack_from("<I", data, pos + off)[0] == size:
            struct.pack_into("<I", data, pos + off, 1000)
        pos += 4
open("zip-lies.xlsx", "wb").write(bytes(data))

# Entity bomb ("billion laughs").
lol = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)) + "]>"
xlsx("entity-bomb.xlsx", iter([f'<?xml version="1.0"?>{lol}<worksheet {NS}><sheetData>'
                               + HEAD_ROW + '<row r="2">' + inline("A2", "&lol9;") + "</row></sheetData></worksheet>"]))

# A huge sparse sheet: the report, then 1,048,574 rows of 8 empty styled cells.
def sparse():
    yield HEAD_ROW + DATA_ROW
    for r in range(3, 1048577):
        yield f'<row r="{r}">' + "".join(f'<c r="{c}{r}" s="1"/>' for c in "ABCDEFGH") + "</row>"
xlsx("sparse.xlsx", sheet(sparse()), level=1)

# A full sheet: 1,048,576 rows with a value each.
def full():
    yield HEAD_ROW
    for r in range(2, 1048577):
        yield f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>HKH</t></is></c></row>'
xlsx("rows-1048576.xlsx", sheet(full()), level=1)

# A value in column 300.
xlsx("cols-300.xlsx", sheet(HEAD_ROW, '<row r="2">' + inline("KN2", "x") + "</row>"))

# A repeat bomb: a 2 KB .ods whose row of 20 cells of 100 letters is
# repeated 1,048,000 times (2 GB as a CSV).
cells = "".join('<table:table-cell table:number-columns-repeated="20"><text:p>' + "x" * 100
                + "</text:p></table:table-cell>" for _ in range(1))
heads = "".join(f"<table:table-cell><text:p>{h}</text:p></table:table-cell>" for h in HEADER)
content = ('<?xml version="1.0"?><office:document-content '
           'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
           f'<table:table table:name="S"><table:table-row>{heads}</table:table-row>'
           f'<table:table-row table:number-rows-repeated="1048000">{cells}</table:table-row>'
           "</table:table></office:spreadsheet></office:body></office:document-content>")
with zipfile.ZipFile("repeat-bomb.ods", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", content)

# Damaged containers.
good = open("good.xlsx", "rb").read()
open("truncated.xlsx", "wb").write(good[: len(good) // 2])
open("not-a-zip.xlsx", "wb").write(b"PK\x03\x04" + b"this is not really a zip archive\n" * 20)
with zipfile.ZipFile("word-renamed.xlsx", "w") as z:
    z.writestr("[Content_Types].xml", CT)
    z.writestr("word/document.xml", "<w:document/>")
# Encrypted: an OOXML file with a password is an OLE2 compound file holding
# the streams EncryptionInfo and EncryptedPackage (names in UTF-16LE).
ole = bytearray(4096)
ole[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
for i, n in enumerate(["EncryptionInfo", "EncryptedPackage"]):
    ole[1024 + 128 * i: 1024 + 128 * i + 2 * len(n)] = n.encode("utf-16-le")
open("encrypted.xlsx", "wb").write(bytes(ole))
# An .ods whose content is encrypted (its manifest says so).
with zipfile.ZipFile("encrypted.ods", "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", bytes(range(256)) * 4)
    z.writestr("META-INF/manifest.xml",
               '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
               '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
               '<manifest:encryption-data manifest:checksum-type="SHA1"/></manifest:file-entry></manifest:manifest>')
PY

matrix good.xlsx 0 -
matrix xlsx-named.csv 0 -
matrix dates-1904.xlsx 0 -
# The 1904 workbook stored the same day as the 1900 one: 2022-10-01 (19266).
expect_equal "$(sql "SELECT group_concat(a.from_day) FROM activity a JOIN submission s ON s.id = a.submission_id WHERE s.file_name IN ('good.xlsx', 'dates-1904.xlsx')")" \
    "19266,19266" "1904 dates"
matrix formula-only.xlsx 3 formula-no-value
expect_line out.txt "^formula-only.xlsx Sheet!F2: Lỗi \[formula-no-value\]"
matrix zip-bomb.xlsx 3 spreadsheet-too-large
expect_line out.txt "^zip-bomb.xlsx: .*'xl/worksheets/sheet1.xml' được nén theo tỷ lệ [0-9]+ trên 1; giới hạn là 200 trên 1'$"
peak zip-bomb.xlsx 102400
matrix zip-lies.xlsx 3 bad-spreadsheet
expect_line out.txt "^zip-lies.xlsx: .*'xl/worksheets/sheet1.xml' giải nén ra nhiều hơn mục lục của tệp ghi'$"
peak zip-lies.xlsx 102400
matrix entity-bomb.xlsx 3 unsafe-xml
expect_line out.txt "^entity-bomb.xlsx: .*có khai báo DOCTYPE hoặc ENTITY'$"
matrix sparse.xlsx 0 -
expect_line out.txt "^sparse.xlsx: HKH — 1 dòng được tính"
peak sparse.xlsx 102400
matrix rows-1048576.xlsx 3 file-too-large --max-rows 100000
expect_line out.txt "^rows-1048576.xlsx Sheet1!100001:100001: Lỗi \[file-too-large\].*'hơn 100000 dòng'$"
peak rows-1048576.xlsx 307200 --max-rows 100000
matrix repeat-bomb.ods 3 file-too-large
expect_line out.txt "^repeat-bomb.ods S![0-9]+:[0-9]+: Lỗi \[file-too-large\].*đã nặng hơn 67108864 byte nếu ghi thành CSV'$"
peak repeat-bomb.ods 409600
matrix cols-300.xlsx 3 spreadsheet-too-large
expect_line out.txt "^cols-300.xlsx Sheet1!KN2: Lỗi \[spreadsheet-too-large\].*'hơn 256 cột'$"
matrix truncated.xlsx 3 bad-spreadsheet
matrix not-a-zip.xlsx 3 bad-spreadsheet
expect_line out.txt "^not-a-zip.xlsx: .*'Not a zip archive'$"
matrix word-renamed.xlsx 3 bad-spreadsheet
matrix encrypted.xlsx 3 encrypted
matrix encrypted.ods 3 encrypted

# Afterwards the store is sound and holds the accepted files with their rows.
expect_equal "$(sql 'PRAGMA integrity_check')" ok "integrity_check"
expect_equal "$(sql "SELECT group_concat(file_name, ' ') FROM (SELECT file_name FROM submission WHERE state = 0 ORDER BY file_name)")" \
    "dates-1904.xlsx good.xlsx sparse.xlsx xlsx-named.csv" "accepted submissions"
expect_equal "$(sql 'SELECT count(*) FROM submission s WHERE state = 1 AND EXISTS (SELECT 1 FROM activity a WHERE a.submission_id = s.id)')" \
    0 "rejected submissions with rows"
cd "$SCRATCH" && rm -rf m
finish
