#!/bin/sh
# t0300: one report saved in every encoding, delimiter, line-end, number and
# date habit docs/design.md §3 lists: each form imports as the same rows.
. "$(dirname "$0")/lib.sh"

/usr/bin/python3 - <<'PY'
import unicodedata

# Rows: the same values written with different number/date habits per form.
ROWS = [
    ["HKH", "TUYEN_TRUYEN", 'Treo băng rôn, khẩu hiệu "Học tập suốt đời"', "01/10/2022", "07/10/2022", "trực tiếp", "1200", "", "64", "12", "", "15000000", "Tổ chức ở 11 huyện"],
    ["HKH", "HOC_TAP_CONG_DONG", "Hội nghị học tập cộng đồng\nở xã Tân Thành", "02/10/2022", "", "kết hợp", "350", "2", "", "", "1500", "", ""],
]
HEADER = ["ma_don_vi", "ma_hoat_dong", "noi_dung", "tu_ngay", "den_ngay", "hinh_thuc", "so_nguoi", "so_buoi", "so_bang_ron", "so_tin_bai", "so_sach", "kinh_phi", "ghi_chu"]
VI_HEADER = ["Mã đơn vị", "Mã hoạt động", "Nội dung", "Từ ngày", "Đến ngày", "Hình thức", "Số người tham gia", "Số buổi, lớp", "Số băng rôn, khẩu hiệu", "Số tin, bài", "Số sách (trưng bày, trao tặng)", "Kinh phí (đồng)", "Ghi chú"]

def group(n, sep):
    s = str(n)
    out = []
    while len(s) > 3:
        out.insert(0, s[-3:]); s = s[:-3]
    out.insert(0, s)
    return sep.join(out)

def date(d, style):
    dd, mm, yy = d.split("/")
    return {"dmy": d, "short": f"{int(dd)}/{int(mm)}/{yy}", "dash": f"{dd}-{mm}-{yy}",
            "dot": f"{dd}.{mm}.{yy}", "iso": f"{yy}-{mm}-{dd}"}[style]

def quote(cell, delim):
    if any(c in cell for c in (delim, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell

def render(delim, eol, numsep, datestyle, header=HEADER, sep_line=False, order=None):
    order = order or list(range(len(HEADER)))
    lines = []
    if sep_line:
        lines.append("sep=" + delim)
    lines.append(delim.join(quote(header[i], delim) for i in order))
    for row in ROWS:
        cells = []
        for i in order:
            v = row[i]
            if i in (3, 4) and v:
                v = date(v, datestyle)
            elif 6 <= i <= 11 and v:
                v = group(int(v), numsep)
            cells.append(quote(v, delim))
        lines.append(delim.join(cells))
    return eol.join(lines) + eol

def cp1258(text):
    # Windows-1258 keeps base letters (â, ơ, đ ...) precomposed and writes
    # the five tone marks as combining characters, as Excel does.
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in d if c not in tones)
        out.append(unicodedata.normalize("NFC", base) + "".join(c for c in d if c in tones))
    return "".join(out).encode("cp1258")

forms = {
    "utf8-comma-lf.csv": render(",", "\n", "", "dmy").encode("utf-8"),
    "utf8bom-semicolon-crlf.csv": b"\xef\xbb\xbf" + render(";", "\r\n", ".", "short").encode("utf-8"),
    "utf8-tab-cr.csv": render("\t", "\r", " ", "dash").encode("utf-8"),
    "utf8-sepline.csv": render(";", "\r\n", ",", "dot", sep_line=True).encode("utf-8"),
    "utf8-nfd-vietnamese-headers.csv": unicodedata.normalize("NFD", render(",", "\n", ".", "iso", header=VI_HEADER)).encode("utf-8"),
    "utf16le-tab.csv": b"\xff\xfe" + render("\t", "\r\n", "", "dmy", header=VI_HEADER).encode("utf-16-le"),
    "utf16be-comma.csv": b"\xfe\xff" + render(",", "\r\n", ".", "dmy").encode("utf-16-be"),
    "cp1258-semicolon.csv": cp1258(render(";", "\r\n", ".", "dmy", header=VI_HEADER)),
    "columns-reordered.csv": render(",", "\n", "", "dmy", order=[12, 2, 0, 3, 1, 4, 5, 11, 10, 9, 8, 7, 6]).encode("utf-8"),
}
for name, data in forms.items():
    with open(name, "wb") as f:
        f.write(data)
PY

for f in *.csv; do
    run 0 import --received 2022-10-20 "$f"
    expect_line out.txt "^$f: HKH — 2 dòng được tính, 0 dòng lỗi"
done
expect_equal "$(sql 'SELECT count(*) FROM submission WHERE state = 0')" 9 "accepted forms"
expect_equal "$(sql 'SELECT count(DISTINCT encoding) FROM submission')" 5 "encodings seen"

# Every form stored the same rows, to the byte.
distinct_rows >distinct.txt
expect_equal "$(wc -l <distinct.txt | tr -d ' ')" 2 "distinct rows over all forms"
expect_line distinct.txt '^ +9 TUYEN_TRUYEN\|Treo băng rôn, khẩu hiệu "Học tập suốt đời"\|19266\|19272\|1\|1\|1200\|\|64\|12\|\|15000000\|Tổ chức ở 11 huyện$'
expect_line distinct.txt '^ +9 HOC_TAP_CONG_DONG\|Hội nghị học tập cộng đồng\\nở xã Tân Thành\|19267\|19267\|0\|3\|350\|2\|\|\|1500\|\|$'
finish
