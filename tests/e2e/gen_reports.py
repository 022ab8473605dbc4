#!/usr/bin/python3
"""gen_reports.py - writes seeded random report CSVs for the export tests and
the totals they must produce, computed here, independently of tonghop.

usage: gen_reports.py CAMPAIGN_DIR OUT_DIR SEED ROWS_PER_REPORT
Writes OUT_DIR/*.csv, OUT_DIR/received.csv (the manifest) and, beside the
folder (not in it: import names every entry that is not a report),
OUT_DIR-expected.json.
"""
import csv, json, os, random, sys

KEYS = ["so_nguoi", "so_buoi", "so_bang_ron", "so_tin_bai", "so_sach", "kinh_phi"]

def main():
    campaign, out, seed, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rnd = random.Random(seed)
    with open(os.path.join(campaign, "units.csv"), encoding="utf-8") as f:
        units = list(csv.DictReader(f))
    with open(os.path.join(campaign, "categories.csv"), encoding="utf-8") as f:
        cats = [r["code"] for r in csv.DictReader(f)]
    os.makedirs(out, exist_ok=True)
    manifest, expected = [], {"units": {}, "detail_rows": 0, "texts": []}
    for i, u in enumerate(units):
        code = u["code"]
        e = {"kind": u["kind"], "status": "Chưa nộp", "totals": [0] * 6, "rows": 0}
        expected["units"][code] = e
        roll = rnd.random()
        if roll < 0.15:
            continue  # sends nothing
        late = roll > 0.85
        amended = not late and roll > 0.75
        versions = 2 if amended else 1
        for v in range(versions):
            day = 26 if (late or v == 1) else 10 + i % 14
            name = "%s_v%d.csv" % (code, v + 1)
            manifest.append((name, "2022-10-%02d %02d:%02d" % (day, 8 + v, i % 60)))
            totals, n = write_report(os.path.join(out, name), code, cats, rows, rnd,
                                     expected if v == versions - 1 else None, v)
        # the last version is the one in effect
        e["totals"], e["rows"] = totals, n
        e["status"] = "Trễ hạn" if late else ("Đúng hạn, bổ sung sau hạn" if amended else "Đúng hạn")
        expected["detail_rows"] += n
    with open(os.path.join(out, "received.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "received"])
        w.writerows(manifest)
    grand = [0] * 6
    for e in expected["units"].values():
        grand = [a + b for a, b in zip(grand, e["totals"])]
    expected["grand"] = grand
    with open(os.path.normpath(out) + "-expected.json", "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)

def number(rnd, value):
    """Writes a value the way units do: sometimes grouped with dots."""
    if value >= 1000 and rnd.random() < 0.3:
        return "{:,}".format(value).replace(",", ".")
    return str(value)

def write_report(path, code, cats, rows, rnd, expected, version):
    totals = [0] * 6
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["ma_don_vi", "ma_hoat_dong", "noi_dung", "tu_ngay", "den_ngay",
                    "hinh_thuc"] + KEYS + ["ghi_chu"])
        for r in range(rows):
            values = []
            for k in range(6):
                if rnd.random() < 0.2:
                    values.append("")
                    continue
                top = 100_000_000 if k == 5 else 5000
                v = rnd.randint(0, top)
                totals[k] += v
                values.append(number(rnd, v))
            content = "Hoạt động %d của %s, bản %d" % (r + 1, code, version + 1)
            note = ""
            if r == 0:  # texts that must stay text, as typed
                content = '=HYPERLINK("http://example.com/%s","bấm vào %d")' % (code, version)
                note = "mã _x0041_ giữ nguyên"
                if expected is not None:
                    expected["texts"].append([code, content, note])
            d = rnd.randint(1, 7)
            w.writerow([code, rnd.choice(cats), content, "%02d/10/2022" % d,
                        "%02d/10/2022" % (d + rnd.randint(0, 3)), "trực tiếp"] + values + [note])
    return totals, rows

main()
