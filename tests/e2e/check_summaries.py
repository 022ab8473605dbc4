"""check_summaries.py CAMPAIGN_DIR STORE STATUS_CSV: the status `tonghop
status --format csv` printed (from the store's per-category summaries)
equals what the activities in effect say, computed here from the rows
themselves: for each unit, the required categories covered and missing,
and the six indicator totals (empty when no activity gave one).  Prints
"ok N units" or the differences, exit 1."""
import csv
import sqlite3
import sys

camp, store, status_csv = sys.argv[1:4]
INDICATORS = ["participants", "sessions", "banners", "articles", "books", "budget"]
KEYS = ["so_nguoi", "so_buoi", "so_bang_ron", "so_tin_bai", "so_sach", "kinh_phi"]

units = {r["code"]: r["kind"] for r in csv.DictReader(open(f"{camp}/units.csv", encoding="utf-8"))}
required = {u: set() for u in units}
for r in csv.DictReader(open(f"{camp}/requirements.csv", encoding="utf-8")):
    for u, kind in units.items():
        if r["applies_to"] in ("all", kind, u):
            required[u].add(r["category"])

db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
covered = {u: set() for u in units}
sums = {u: [None] * 6 for u in units}
rows = db.execute(
    "SELECT e.unit_code, a.category_code, " + ", ".join("a." + c for c in INDICATORS) +
    " FROM in_effect e JOIN activity a ON a.submission_id = e.submission_id")
for unit, cat, *values in rows:
    if unit not in units:
        continue
    covered[unit].add(cat)
    for i, v in enumerate(values):
        if v is not None:
            sums[unit][i] = (sums[unit][i] or 0) + v

bad = []
n = 0
for r in csv.DictReader(open(status_csv, encoding="utf-8")):
    u = r["code"]
    n += 1
    want_missing = required[u] - covered[u]
    got_missing = set(filter(None, r["missing_categories"].split(";")))
    if got_missing != want_missing:
        bad.append(f"{u}: missing {sorted(got_missing)}, rows say {sorted(want_missing)}")
    if int(r["covered"]) != len(required[u] & covered[u]):
        bad.append(f"{u}: covered {r['covered']}, rows say {len(required[u] & covered[u])}")
    for key, want in zip(KEYS, sums[u]):
        want = "" if want is None else str(want)
        if r[key] != want:
            bad.append(f"{u}: {key} {r[key]!r}, rows say {want!r}")
if n != len(units):
    bad.append(f"{n} units in the status, {len(units)} in units.csv")
for b in bad[:20]:
    print(b)
if bad:
    sys.exit(1)
print(f"ok {n} units")
