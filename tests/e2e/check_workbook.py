#!/usr/bin/python3
"""check_workbook.py - reads a tonghop workbook back with openpyxl (an
independent reader) and checks it against numbers computed elsewhere.

usage:
  check_workbook.py generated XLSX EXPECTED.json AS_OF_UTC [DETAIL_SHEETS]
  check_workbook.py samples XLSX samples/README.md
  check_workbook.py lo-csv CSV EXPECTED.json     (LibreOffice's CSV of Tổng hợp)
  check_workbook.py national XLSX EXPECTED.json   (scripts/make-national's set)
Prints one line per failed check and exits 1 if any failed.
"""
import csv, datetime, json, os, re, sys
import openpyxl

# The province's workbook; `export --full` adds the clerk's two sheets.
SHEETS = ["Tổng hợp", "Theo hoạt động", "Chi tiết", "Chưa nộp - Thiếu", "Biểu đồ"]
FULL_SHEETS = SHEETS[:4] + ["Lỗi dữ liệu", "Lịch sử nộp"] + SHEETS[4:]
IND = ["Số người tham gia", "Số buổi, lớp", "Số băng rôn, khẩu hiệu", "Số tin, bài",
       "Số sách (trưng bày, trao tặng)", "Kinh phí (đồng)"]
HEAD = 9  # the table header row (1-based)
failures = []

def check(ok, what):
    if not ok:
        failures.append(what)

def columns(ws):
    return {c.value: c.column for c in ws[HEAD] if c.value is not None}

def summary_rows(ws, ws_cached):
    """Yields (kind, row cells, cached row cells): kind 'unit', 'sub' or 'total'."""
    for r in range(HEAD + 1, ws.max_row + 1):
        a, b = ws.cell(r, 1).value, ws.cell(r, 2).value
        kind = "unit" if isinstance(a, int) else "total" if a == "TỔNG CỘNG" else \
               "sub" if isinstance(b, str) and b.startswith("Cộng ") else None
        if kind:
            yield kind, r

def check_summary(wb, wbv, units, grand, with_errors=None):
    ws, wv = wb["Tổng hợp"], wbv["Tổng hợp"]
    col = columns(ws)
    for t in ["STT", "Mã đơn vị", "Đơn vị", "Loại đơn vị", "Ngày nhận", "Tình trạng",
              "Số hoạt động", "Hoạt động bắt buộc", "Còn thiếu"] + IND:
        check(t in col, "Tổng hợp: no column '%s'" % t)
    seen, group, sums_seen = set(), [], 0
    for kind, r in summary_rows(ws, wv):
        if kind == "unit":
            code = ws.cell(r, col["Mã đơn vị"]).value
            e = units.get(code)
            check(e is not None, "Tổng hợp: unknown unit %s" % code)
            if e is None:
                continue
            seen.add(code)
            group.append(code)
            check(ws.cell(r, col["Tình trạng"]).value == e["status"],
                  "%s: status %r, expected %r" % (code, ws.cell(r, col["Tình trạng"]).value, e["status"]))
            got = [ws.cell(r, col[t]).value for t in IND]
            check(got == e["totals"], "%s: totals %s, expected %s" % (code, got, e["totals"]))
            check(ws.cell(r, col["Số hoạt động"]).value == e["rows"], "%s: activities" % code)
            rec = ws.cell(r, col["Ngày nhận"])
            if e["status"] == "Chưa nộp":
                check(rec.value is None, "%s: a received time for a unit that sent nothing" % code)
            else:
                check(isinstance(rec.value, datetime.datetime) and rec.number_format == "dd/mm/yyyy hh:mm",
                      "%s: Ngày nhận is not a datetime shown dd/mm/yyyy hh:mm" % code)
            for t in IND:
                c = ws.cell(r, col[t])
                check(isinstance(c.value, int) and c.number_format == "#,##0",
                      "%s: %s is not a number shown #,##0" % (code, t))
            if with_errors:
                with_errors(ws, r, col, code, e)
        elif kind == "sub":
            kinds = {units[c]["kind"] for c in group}
            check(len(kinds) == 1, "a subtotal over several kinds: %s" % kinds)
            want = [sum(units[c]["totals"][i] for c in group) for i in range(6)]
            check_sum_row(ws, wv, r, col, want, "=SUM(", "subtotal of %s" % kinds)
            group, sums_seen = [], sums_seen + 1
        else:
            check(not group, "units after the last subtotal")
            check_sum_row(ws, wv, r, col, grand, "=", "grand total")
    check(seen == set(units), "Tổng hợp: units missing: %s" % (set(units) - seen))
    check(sums_seen == len({u["kind"] for u in units.values()}), "one subtotal per kind")
    check(len(ws.conditional_formatting) >= 1, "Tổng hợp: no conditional formats")

def check_sum_row(ws, wv, r, col, want, prefix, what):
    for i, t in enumerate(IND):
        f, v = ws.cell(r, col[t]).value, wv.cell(r, col[t]).value
        check(isinstance(f, str) and f.startswith(prefix), "%s %s: not a formula: %r" % (what, t, f))
        check(v == want[i], "%s %s: cached %r, expected %r" % (what, t, v, want[i]))

def shown(text):
    """What Excel shows for a cell's XML text: openpyxl leaves the _xHHHH_
    escapes of inline strings as they are in the file."""
    if not isinstance(text, str):
        return text
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)

def unit_totals(path, code, exp_path):
    """The totals of unit code equal the grand total of EXPECTED (the level
    above imported our report CSV)."""
    exp = json.load(open(exp_path, encoding="utf-8"))
    wb, wbv = load(path)
    ws = wb["Tổng hợp"]
    col = columns(ws)
    rows = [r for k, r in summary_rows(ws, None) if k == "unit" and ws.cell(r, 2).value == code]
    check(len(rows) == 1, "no row for %s" % code)
    if rows:
        got = [ws.cell(rows[0], col[t]).value for t in IND]
        check(got == exp["grand"], "%s totals %s, expected %s" % (code, got, exp["grand"]))

def detail_sheets(wb):
    return [n for n in wb.sheetnames if n == "Chi tiết" or n.startswith("Chi tiết (")]

def check_detail(wb, rows, grand, texts):
    names = detail_sheets(wb)
    check(names[0] == "Chi tiết" and names == ["Chi tiết"] + ["Chi tiết (%d)" % i for i in range(2, len(names) + 1)],
          "detail sheets named %s" % names)
    n, sums, found, stt = 0, [0] * 6, [], 0
    for name in names:
        ws = wb[name]
        col = columns(ws)
        check(ws.freeze_panes == "A10", "%s: freeze panes %s" % (name, ws.freeze_panes))
        check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A9:"),
              "%s: autofilter %s" % (name, ws.auto_filter.ref))
        for row in ws.iter_rows(min_row=HEAD + 1):
            v = [c.value for c in row]
            if not isinstance(v[0], int):
                continue
            stt += 1
            check(v[0] == stt, "%s: STT %s, expected %s" % (name, v[0], stt))
            n += 1
            frm = row[col["Từ ngày"] - 1]
            check(isinstance(frm.value, datetime.datetime) and frm.number_format == "dd/mm/yyyy",
                  "%s row %d: Từ ngày is not a date" % (name, row[0].row))
            for i, t in enumerate(IND):
                x = v[col[t] - 1]
                check(x is None or isinstance(x, int), "%s: %s is %r" % (name, t, x))
                sums[i] += x or 0
            found.append((v[col["Mã đơn vị"] - 1], shown(v[col["Nội dung"] - 1]),
                          shown(v[col["Ghi chú"] - 1])))
    check(n == rows, "detail rows %d, expected %d" % (n, rows))
    check(sums == grand, "detail sums %s, expected %s" % (sums, grand))
    for code, content, note in texts:
        hits = [f for f in found if f[0] == code and f[1] == content]
        check(len(hits) == 1 and hits[0][2] == note,
              "text %r of %s did not arrive as text: %s" % (content, code, hits))
    return len(names)

def check_print(wb, as_of):
    for ws in wb.worksheets:
        ps = ws.page_setup
        check(str(ps.paperSize) == "9" and ps.orientation == "landscape", "%s: not A4 landscape" % ws.title)
        check(ws.sheet_properties.pageSetUpPr.fitToPage and ps.fitToWidth in (None, 1) and str(ps.fitToHeight) == "0",
              "%s: not fit to one page wide" % ws.title)
        check(ws.print_title_rows == "$9:$9", "%s: repeated rows %r" % (ws.title, ws.print_title_rows))
        m = ws.page_margins
        check(abs(m.left - 30 / 25.4) < 0.01 and abs(m.right - 15 / 25.4) < 0.01 and
              abs(m.top - 20 / 25.4) < 0.01 and abs(m.bottom - 20 / 25.4) < 0.01,
              "%s: margins %s %s %s %s" % (ws.title, m.left, m.right, m.top, m.bottom))
        check("&P" in (ws.oddFooter.center.text or ""), "%s: no page number" % ws.title)
        check(ws["A1"].font.name == "Times New Roman", "%s: A1 not Times New Roman" % ws.title)
        check(ws["A1"].value == "UBND TỈNH BÌNH PHƯỚC", "%s: A1 %r" % (ws.title, ws["A1"].value))
    p = wb.properties
    check(p.creator == "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "author %r" % p.creator)
    check(p.created == as_of, "created %r, expected %r" % (p.created, as_of))
    check(len(wb["Biểu đồ"]._charts) == 2, "Biểu đồ: %d charts" % len(wb["Biểu đồ"]._charts))

def load(path):
    return openpyxl.load_workbook(path), openpyxl.load_workbook(path, data_only=True)

def generated(path, exp_path, as_of, want_detail=None):
    exp = json.load(open(exp_path, encoding="utf-8"))
    wb, wbv = load(path)
    names = detail_sheets(wb)
    want = FULL_SHEETS if "Lỗi dữ liệu" in wb.sheetnames else SHEETS
    check(wb.sheetnames == want[:2] + names + want[3:], "sheets %s" % wb.sheetnames)
    check_summary(wb, wbv, exp["units"], exp["grand"])
    n = check_detail(wb, exp["detail_rows"], exp["grand"], exp["texts"])
    if want_detail:
        check(n == int(want_detail), "%d detail sheets, expected %s" % (n, want_detail))
    check_print(wb, datetime.datetime.fromisoformat(as_of))

def samples(path, readme):
    units, grand = {}, None
    kinds = {}
    for line in open(readme, encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 15 and re.fullmatch(r"[A-Z_]+", cells[0]) and cells[3] in (
                "Đúng hạn", "Trễ hạn", "Chưa nộp", "Đúng hạn, bổ sung sau hạn"):
            units[cells[0]] = {"kind": cells[2], "status": cells[3], "required": cells[4],
                               "missing": "" if cells[5] == "—" else cells[5],
                               "rows": int(cells[7]), "errors": int(cells[8]),
                               "totals": [int(x) for x in cells[9:15]]}
        elif len(cells) == 15 and cells[1] == "**total**":
            grand = [int(x) for x in cells[9:15]]
    check(len(units) > 30 and grand, "cannot read samples/README.md")
    # the workbook names the missing categories (README.md gives their codes)
    cats = os.path.join(os.path.dirname(readme), "..", "templates", "htsd-2022", "categories.csv")
    name = {r["code"]: r["name"] for r in csv.DictReader(open(cats, encoding="utf-8"))}
    def more(ws, r, col, code, e):
        check(ws.cell(r, col["Hoạt động bắt buộc"]).value == e["required"], "%s: required" % code)
        want = "\n".join(name[c] for c in e["missing"].split(", ")) if e["missing"] else ""
        check((ws.cell(r, col["Còn thiếu"]).value or "") == want, "%s: missing %r" % (code, ws.cell(r, col["Còn thiếu"]).value))
        check(ws.cell(r, col["Dòng lỗi"]).value == e["errors"], "%s: row errors" % code)
    wb, wbv = load(path)
    check(wb.sheetnames in (SHEETS, FULL_SHEETS), "sheets %s" % wb.sheetnames)
    check_summary(wb, wbv, units, grand, more)
    check_detail(wb, sum(u["rows"] for u in units.values()), grand, [])

def lo_csv(path, exp_path):
    exp = json.load(open(exp_path, encoding="utf-8"))
    rows = list(csv.reader(open(path, encoding="utf-8")))
    head = rows[HEAD - 1]
    total = [r for r in rows if r and r[0] == "TỔNG CỘNG"]
    check(len(total) == 1, "LibreOffice CSV: no TỔNG CỘNG row")
    if total:
        got = [int(float(total[0][head.index(t)])) for t in IND]
        check(got == exp["grand"], "LibreOffice CSV totals %s, expected %s" % (got, exp["grand"]))
    codes = {r[1] for r in rows[HEAD:] if r and r[0].isdigit()}
    check(codes == set(exp["units"]), "LibreOffice CSV: units differ")

def national(path, exp_path):
    """The grand totals and the detail equal what make-national wrote."""
    exp = json.load(open(exp_path, encoding="utf-8"))
    wb, wbv = load(path)
    ws, wv = wb["Tổng hợp"], wbv["Tổng hợp"]
    col = columns(ws)
    total = [r for k, r in summary_rows(ws, wv) if k == "total"]
    check(len(total) == 1, "Tổng hợp: %d TỔNG CỘNG rows" % len(total))
    if total:
        check_sum_row(ws, wv, total[0], col, exp["grand"], "=", "grand total")
    units = [r for k, r in summary_rows(ws, wv) if k == "unit"]
    check(len(units) >= exp["units"], "Tổng hợp: %d units, expected %d or more" % (len(units), exp["units"]))
    check_detail(wb, exp["rows_counted"], exp["grand"], [])
    ws = wb["Lỗi dữ liệu"]  # export --full
    sev = columns(ws)["Mức độ"] - 1
    errors = [r for r in ws.iter_rows(min_row=HEAD + 1, values_only=True)
              if isinstance(r[0], int) and r[sev] == "Lỗi"]
    check(len(errors) == exp["row_errors"], "Lỗi dữ liệu: %d rows, expected %d" % (len(errors), exp["row_errors"]))

mode = sys.argv[1]
if mode == "generated":
    generated(*sys.argv[2:])
elif mode == "samples":
    samples(*sys.argv[2:])
elif mode == "unit-totals":
    unit_totals(*sys.argv[2:])
elif mode == "lo-csv":
    lo_csv(*sys.argv[2:])
elif mode == "national":
    national(*sys.argv[2:])
for f in failures[:50]:
    print("FAIL:", f)
print("%s: %d failures" % (mode, len(failures)))
sys.exit(1 if failures else 0)
