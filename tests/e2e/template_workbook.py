"""template_workbook.py - reads and fills the .xlsx of `tonghop template --xlsx`
with openpyxl, an independent reader, for tests/e2e/t0700-template.sh.

  check BOOK UNIT NAME NCAT   the structure a unit relies on (exit 1 on a problem)
  required BOOK               the codes the instructions sheet marks required
  fill BOOK OUT UNIT          fills one activity per required category, as a
                              unit would in Excel, and saves OUT
  probe OUT UNIT              a plain one-row report workbook (no template):
                              can `tonghop import` read .xlsx at all?
Run with /usr/bin/python3 (Debian's python3-openpyxl).
"""
import datetime
import sys

import openpyxl

HEADERS = ["Mã đơn vị", "Mã hoạt động", "Nội dung", "Từ ngày", "Đến ngày", "Hình thức",
           "Số người tham gia", "Số buổi, lớp", "Số băng rôn, khẩu hiệu", "Số tin, bài",
           "Số sách (trưng bày, trao tặng)", "Kinh phí (đồng)", "Ghi chú"]

problems = []


def expect(cond, what):
    if not cond:
        problems.append(what)


def validations(ws):
    """{first column letter: DataValidation}"""
    out = {}
    for dv in ws.data_validations.dataValidation:
        ref = str(dv.sqref)
        out[ref.split(":")[0].rstrip("0123456789")] = dv
        expect(ref.endswith("10001") and ref[1:].startswith("2:"), "range of %s: %s" % (ref[0], ref))
    return out


def check(path, unit, name, ncat):
    wb = openpyxl.load_workbook(path)
    expect(wb.sheetnames[0] == "Báo cáo", "first sheet: %s" % wb.sheetnames)
    ws = wb["Báo cáo"]
    expect([c.value for c in ws[1]] == HEADERS, "headers: %s" % [c.value for c in ws[1]])
    # Protected header, editable cells, columns cannot move.
    expect(ws.protection.sheet, "sheet not protected")
    expect(ws.protection.insertColumns and ws.protection.deleteColumns,
           "columns may be inserted or deleted")
    expect(not ws.protection.insertRows and not ws.protection.deleteRows,
           "rows may not be inserted or deleted")
    expect(all(c.protection.locked for c in ws[1]), "a header cell is unlocked")
    for col in "ABCDEFGHIJKLM":
        expect(ws.column_dimensions[col].width >= 12, "column %s too narrow" % col)
    unlocked = ws.column_dimensions["C"].protection
    expect(unlocked is not None and not unlocked.locked, "data column C is locked")
    dv = validations(ws)
    expect(dv["A"].type == "list" and dv["A"].formula1 == '"%s"' % unit,
           "unit list: %s" % dv["A"].formula1)
    # The categories as listed on the lists sheet, the required ones first:
    # literally when they fit Excel's 255 characters, else that range.
    codes = [r[0] for r in wb["Danh mục"].iter_rows(min_row=2, values_only=True) if r[0]]
    literal = '"%s"' % ",".join(codes)
    expect(dv["B"].type == "list" and dv["B"].formula1 in
           (literal if len(literal) <= 257 else None, "'Danh mục'!$A$2:$A$%d" % (ncat + 1)),
           "category list: %s" % dv["B"].formula1)
    expect(dv["F"].formula1 == '"trực tiếp,trực tuyến,kết hợp"', "form list: %s" % dv["F"].formula1)
    for col in "DE":
        expect(dv[col].type == "date", "dates in %s: %s" % (col, dv[col].type))
    for col in "GHIJKL":
        expect(dv[col].type == "whole" and dv[col].operator == "greaterThanOrEqual"
               and dv[col].formula1 == "0", "counts in %s" % col)
    for col in "ABDEFGHIJKL":
        expect(dv[col].showErrorMessage and dv[col].error and dv[col].errorTitle,
               "no error message on %s" % col)
        expect(dv[col].prompt, "no input message on %s" % col)
    expect("Chọn" in dv["B"].prompt and "bắt buộc" in dv["B"].prompt, "category prompt")
    # Instructions: the unit, the deadline.
    text = [[c for c in row if c is not None] for row in wb["Hướng dẫn"].iter_rows(values_only=True)]
    flat = dict((r[0], r[1]) for r in text if len(r) >= 2)
    expect(flat.get("Đơn vị") == name, "unit name: %s" % flat.get("Đơn vị"))
    expect(flat.get("Mã đơn vị") == unit, "unit code: %s" % flat.get("Mã đơn vị"))
    expect(flat.get("Hạn nộp") == "trước ngày 25/10/2022", "deadline: %s" % flat.get("Hạn nộp"))
    expect(wb["Danh mục"].sheet_state == "hidden", "lists sheet visible")
    req = required(path)
    expect(codes[:len(req)] == req, "required categories not first: %s / %s" % (codes, req))
    expect(len(codes) == ncat, "categories listed: %d" % len(codes))


def required(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    return [row[0] for row in wb["Hướng dẫn"].iter_rows(values_only=True)
            if len(row) > 2 and row[2] == "bắt buộc"]


def fill(path, out, unit):
    """Typed into the cells as in Excel, which gives a typed-in cell its
    column's format; openpyxl does not, so the date format is set here."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Báo cáo"]
    start = datetime.datetime(2022, 10, 1)
    for i, code in enumerate(required(path)):
        r = i + 2
        values = [unit, code, "Hoạt động %s, có dấu phẩy, và \"ngoặc kép\"" % code, start,
                  start + datetime.timedelta(days=6), ["trực tiếp", "trực tuyến", "kết hợp"][i % 3],
                  100 + i, 2, i, 3, 0, 1500000 * (i + 1), "Ghi chú %d" % i]
        for c, v in enumerate(values):
            cell = ws.cell(row=r, column=c + 1, value=v)
            if isinstance(v, datetime.datetime):
                cell.number_format = "dd/mm/yyyy"
    wb.save(out)


def probe(out, unit):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ma_don_vi", "ma_hoat_dong", "noi_dung", "tu_ngay"])
    ws.append([unit, "TUYEN_TRUYEN", "Thử", "01/10/2022"])
    wb.save(out)


def main():
    cmd = sys.argv[1]
    if cmd == "check":
        check(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif cmd == "required":
        print("\n".join(required(sys.argv[2])))
    elif cmd == "fill":
        fill(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "probe":
        probe(sys.argv[2], sys.argv[3])
    for p in problems:
        print("problem:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
