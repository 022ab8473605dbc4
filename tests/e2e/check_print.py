#!/usr/bin/python3
"""check_print.py - checks a tonghop workbook as other clients show it.

usage:
  check_print.py calibrate XLSX
      writes a one-cell workbook: the text "Hxg Calibrate" in Times New Roman 10 pt
  check_print.py pdf XLSX PDF CALIBRATION_PDF
      LibreOffice's PDF of XLSX: every word on every page prints at 10 pt or
      more (word-box heights from `pdftotext -bbox`, against the height of the
      10 pt calibration text), and no word of a cell is split across lines
      (every word of the PDF is a word of some cell, a number, or the footer)
  check_print.py gnumeric XLSX DIR
      DIR/sheet_N.csv from `ssconvert --recalc -S`: every number Gnumeric
      computed equals the value cached in the file (openpyxl), formulas too
  check_print.py province XLSX CATEGORIES_CSV FINDINGS_MD
      no cell of the province's workbook is only a category code, a finding
      code or a hash; every sheet has the official frame (appendix label,
      place and date, the signatures from campaign.csv), "Trang &P/N" of its
      own pages, and every list sheet a filter and frozen header
Prints one line per failed check and exits 1 if any failed.
"""
import csv, datetime, glob, os, re, subprocess, sys, zipfile
import xml.etree.ElementTree as ET
import openpyxl

failures = []

def check(ok, what):
    if not ok:
        failures.append(what)

def calibrate(path):
    import xlsxwriter
    wb = xlsxwriter.Workbook(path)
    wb.formats[0].set_font_name("Times New Roman")
    ws = wb.add_worksheet()
    ws.write(0, 0, "Hxg Calibrate", wb.add_format({"font_name": "Times New Roman", "font_size": 10}))
    wb.close()

def bbox_words(pdf):
    """Yields (page, word, height) from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(out.decode("utf-8").replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    for n, page in enumerate(root.iter("page"), 1):
        for w in page.iter("word"):
            yield n, w.text or "", float(w.get("yMax")) - float(w.get("yMin"))

def number_forms(v):
    if isinstance(v, bool):
        return []
    if isinstance(v, (int, float)):
        return ["{:,.0f}".format(v), str(v)]
    if isinstance(v, datetime.datetime):
        return [v.strftime("%d/%m/%Y"), v.strftime("%H:%M")]
    return []

def cell_words(xlsx):
    words = set()
    wb = openpyxl.load_workbook(xlsx, data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):  # as shown: _xHHHH_ escapes decoded
                    shown = re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), c.value)
                    words.update(shown.split())
                else:
                    words.update(number_forms(c.value))
    with zipfile.ZipFile(xlsx) as z:  # chart titles
        for n in z.namelist():
            if n.startswith("xl/charts/"):
                for t in re.findall(r"<a:t>([^<]*)</a:t>", z.read(n).decode("utf-8")):
                    words.update(t.split())
    return words

def pdf(xlsx, pdf_path, calib):
    ref = [h for _, w, h in bbox_words(calib) if w in ("Hxg", "Calibrate")]
    check(ref, "no calibration text in %s" % calib)
    if not ref:
        return
    per_pt = max(ref) / 10.0
    words = cell_words(xlsx)
    smallest, pages = None, set()
    found = list(bbox_words(pdf_path))
    skip = False
    for i, (page, w, h) in enumerate(found):
        pages.add(page)
        size = h / per_pt
        if smallest is None or size < smallest[0]:
            smallest = (size, page, w)
        if skip:
            skip = False
            continue
        if w in words or w == "Trang" or re.fullmatch(r"[\d.,/:%()+-]+", w):
            continue
        # a line may end after a hyphen of the text ("304/KH-" / "UBND"):
        # that is where the text allows a break, not a word broken
        if w.endswith("-") and i + 1 < len(found) and w + found[i + 1][1] in words:
            skip = True
            continue
        check(False, "page %d: %r is no word of any cell (a word split across lines?)" % (page, w))
    check(smallest is not None, "no text in %s" % pdf_path)
    if smallest:
        check(smallest[0] >= 9.95, "page %d: %r prints at %.2f pt" % (smallest[1], smallest[2], smallest[0]))
        print("%s: %d pages, smallest text %.2f pt (%r, page %d)" %
              (os.path.basename(pdf_path), len(pages), smallest[0], smallest[2], smallest[1]))

def gnumeric(xlsx, folder):
    wbf = openpyxl.load_workbook(xlsx)
    wbv = openpyxl.load_workbook(xlsx, data_only=True)
    formulas = 0
    for i, name in enumerate(wbv.sheetnames):
        path = os.path.join(folder, "sheet_%d.csv" % i)
        check(os.path.exists(path), "Gnumeric wrote no CSV for %s" % name)
        if not os.path.exists(path):
            continue
        rows = list(csv.reader(open(path, encoding="utf-8")))
        ws, wf = wbv[name], wbf[name]
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, bool) or not isinstance(c.value, (int, float)):
                    continue
                r, k = c.row - 1, c.column - 1
                got = rows[r][k] if r < len(rows) and k < len(rows[r]) else ""
                try:
                    same = abs(float(got) - c.value) < 1e-6
                except ValueError:
                    same = False
                is_formula = isinstance(wf.cell(c.row, c.column).value, str) and \
                    wf.cell(c.row, c.column).value.startswith("=")
                formulas += is_formula
                check(same, "%s!%s: Gnumeric %r, cached %r%s" %
                      (name, c.coordinate, got, c.value, " (formula)" if is_formula else ""))
    check(formulas > 0, "no formula compared")
    print("gnumeric: %d formulas recomputed" % formulas)

def frame(wb, campaign_csv):
    keys = dict(csv.reader(open(campaign_csv, encoding="utf-8")))
    for ws in wb.worksheets:
        texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        wants = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 keys["appendix_label"] + " " + keys["appendix_number"]]
        if ws.title != "Biểu đồ":  # the tables are signed, the charts not
            wants += [keys["signer_authority"] + " " + keys["signer_head"], keys["signer_title"],
                      keys["signer_name"], keys["preparer_title"], keys["preparer_name"]]
        for want in wants:
            check(want in texts, "%s: no %r" % (ws.title, want))
        check(any(re.fullmatch(re.escape(keys["place"]) + r", ngày \d\d tháng \d\d? năm \d{4}", t)
                  for t in texts), "%s: no place and date line" % ws.title)
        check(any(re.fullmatch("_{4,}", t) for t in texts), "%s: no rule" % ws.title)
        footer = ws.oddFooter.center.text or ""
        check(re.search(r"Trang &P/\d+$", footer), "%s: footer %r" % (ws.title, footer))
        if ws.title != "Biểu đồ":
            check(ws.freeze_panes == "A10", "%s: freeze panes %s" % (ws.title, ws.freeze_panes))
            check((ws.auto_filter.ref or "").startswith("A9:"),
                  "%s: filter %s" % (ws.title, ws.auto_filter.ref))

def province(xlsx, categories, findings_md):
    codes = {r["code"] for r in csv.DictReader(open(categories, encoding="utf-8"))}
    fcodes = set(re.findall(r"`([a-z]+(?:-[a-z]+)+)`", open(findings_md, encoding="utf-8").read()))
    check(len(fcodes) > 10, "no finding codes read from %s" % findings_md)
    wb = openpyxl.load_workbook(xlsx)
    frame(wb, os.path.join(os.path.dirname(categories), "campaign.csv"))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if not isinstance(v, str):
                    continue
                for line in v.split("\n"):
                    t = line.strip()
                    check(t not in codes, "%s!%s: a category code %r" % (ws.title, c.coordinate, t))
                    check(t not in fcodes, "%s!%s: a finding code %r" % (ws.title, c.coordinate, t))
                    check(not re.fullmatch(r"[0-9a-f]{8,64}", t),
                          "%s!%s: a hash %r" % (ws.title, c.coordinate, t))

mode = sys.argv[1]
if mode == "calibrate":
    calibrate(sys.argv[2])
elif mode == "pdf":
    pdf(*sys.argv[2:])
elif mode == "gnumeric":
    gnumeric(*sys.argv[2:])
elif mode == "province":
    province(*sys.argv[2:])
for f in failures[:50]:
    print("FAIL:", f)
print("%s: %d failures" % (mode, len(failures)))
sys.exit(1 if failures else 0)
