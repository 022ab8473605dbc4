#!/usr/bin/python3
"""gen_big_inbox.py CAMPAIGN_DIR OUT_DIR NFILES NROWS: writes NFILES report
CSVs of NROWS rows each (unit i mod the units, categories in turn), for the
tests that need a run long enough to kill or to overlap (t0920, t0930).
Every third file has one impossible date (row 9 of the sheet), so its unit
gets a feedback workbook."""
import csv, os, sys

campaign, out, nfiles, nrows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open(os.path.join(campaign, "units.csv"), encoding="utf-8") as f:
    units = [r["code"] for r in csv.DictReader(f)]
with open(os.path.join(campaign, "categories.csv"), encoding="utf-8") as f:
    cats = [r["code"] for r in csv.DictReader(f)]
os.makedirs(out, exist_ok=True)
for i in range(nfiles):
    with open(os.path.join(out, "r%03d.csv" % i), "w", encoding="utf-8") as f:
        f.write("ma_don_vi,ma_hoat_dong,noi_dung,tu_ngay,den_ngay,hinh_thuc,so_nguoi\n")
        for r in range(nrows):
            day = "31/09/2022" if i % 3 == 0 and r == 7 else "0%d/10/2022" % (1 + r % 7)
            f.write("%s,%s,Hoạt động %d của tệp %d,%s,07/10/2022,trực tiếp,%d\n"
                    % (units[i % len(units)], cats[r % len(cats)], r, i, day, r))
