#!/usr/bin/python3
"""check_status.py - reads back what `tonghop status` prints (t0220), and
what a terminal shows of tonghop's output (t0220, t0230).

  check_status.py width FILE MAX      every line of FILE is at most MAX display
                                      columns and FILE has no escape sequence
  check_status.py forms TEXT CSV JSON STORE
                                      the CSV (csv module) and the JSON
                                      (json.load) say what the text says, and
                                      their totals are the store's
  check_status.py pty COLS OUT [STDOUT] -- CMD...
                                      runs CMD with stderr, and stdout unless
                                      it goes to the file STDOUT, on a
                                      pseudo-terminal COLS wide; writes what
                                      the terminal showed to OUT and exits
                                      with CMD's status
  check_status.py screen FILE         prints the lines a terminal would show
                                      for FILE's bytes: '\\r' returns to the
                                      start of the line, later text overwrites

Independent of tonghop: widths are measured with unicodedata, not with the
code under test.
"""
import csv
import datetime
import json
import os
import sqlite3
import struct
import subprocess
import sys
import termios
import fcntl
import unicodedata

STATUS_KEYS = {"missing", "on_time", "late", "on_time_amended_late"}
INDICATORS = ["so_nguoi", "so_buoi", "so_bang_ron", "so_tin_bai", "so_sach", "kinh_phi"]
CSV_HEADER = ["code", "name", "kind", "received", "effective_received", "status",
              "status_label", "required", "covered", "missing_categories", "submissions",
              "activities", "rows_rejected"] + INDICATORS
# The words of the text form, per status key (Vietnamese, the default).
TEXT_WORDS = {"missing": "Chưa nộp", "on_time": "Đúng hạn", "late": "Trễ hạn",
              "on_time_amended_late": "Bổ sung sau hạn"}

failures = []


def fail(msg):
    failures.append(msg)


def width(line):
    w = 0
    for ch in line:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def check_width(path, limit):
    with open(path, encoding="utf-8") as f:  # strict: a cut sequence fails here
        text = f.read()
    if "\033" in text:
        fail(f"{path}: an escape sequence in text that is not on a terminal")
    for n, line in enumerate(text.split("\n"), 1):
        if width(line) > limit:
            fail(f"{path} line {n} is {width(line)} columns: {line!r}")


def text_units(path):
    """The unit lines of the text form, in order, and all its lines."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    units = []
    for line in lines[1:]:
        if line == "":
            break
        if not line.startswith(" "):
            units.append(line)
    return units, lines


def shows_code(line, code):
    """The text line starts with code, whole or cut with "…"."""
    first = line.split(" ")[0]
    return first == code or (first.endswith("…") and code.startswith(first[:-1]))


def store_totals(store):
    """Indicator sums of each unit's submission in effect, from the store."""
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    rows = db.execute("""
        SELECT s.unit_code, count(a.line), sum(a.participants), sum(a.sessions),
               sum(a.banners), sum(a.articles), sum(a.books), sum(a.budget)
        FROM submission s JOIN activity a ON a.submission_id = s.id
        WHERE s.id = (SELECT id FROM submission x WHERE x.unit_code = s.unit_code
                      AND x.state = 0 ORDER BY received DESC, id DESC LIMIT 1)
        GROUP BY s.unit_code""").fetchall()
    return {r[0]: r[1:] for r in rows}


def local_text(iso):
    """'2022-10-18T14:20:00+07:00' as the text form shows it."""
    return datetime.datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")


def check_forms(text_path, csv_path, json_path, store):
    with open(csv_path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [dict(zip(header, r)) for r in reader]
    if header != CSV_HEADER:
        fail(f"CSV header {header}")
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    units, lines = text_units(text_path)
    stored = store_totals(store)
    if len(units) != len(rows) or [r["code"] for r in rows] != [u["code"] for u in doc["units"]]:
        fail("the forms list different units")
    counts = {k: 0 for k in STATUS_KEYS}
    incomplete = 0
    sums = [0] * 6
    for r, j, line in zip(rows, doc["units"], units):
        code = r["code"]
        if not shows_code(line, code):
            fail(f"{code}: the text line in its place is {line!r}")
        if r["status"] not in STATUS_KEYS or j["status"] != r["status"]:
            fail(f"{code}: status {r['status']!r} / {j['status']!r}")
            continue
        counts[r["status"]] += 1
        if TEXT_WORDS[r["status"]] not in line:
            fail(f"{code}: text line lacks {TEXT_WORDS[r['status']]!r}: {line}")
        if j["status_label"] != r["status_label"]:
            fail(f"{code}: labels differ")
        cov = f"{r['covered']}/{r['required']}"
        if not line.endswith(" " + cov):
            fail(f"{code}: text line does not end with {cov}: {line}")
        missing = r["missing_categories"].split(";") if r["missing_categories"] else []
        if missing != j["missing_categories"]:
            fail(f"{code}: missing categories differ: {missing} / {j['missing_categories']}")
        if int(r["covered"]) + len(missing) != int(r["required"]):
            fail(f"{code}: covered + missing != required")
        incomplete += r["status"] != "missing" and int(r["covered"]) < int(r["required"])
        for key in ("required", "covered", "submissions", "activities", "rows_rejected"):
            if int(r[key]) != j[key]:
                fail(f"{code}: {key} {r[key]} / {j[key]}")
        if r["received"]:
            if j["received"] != r["received"] or local_text(r["received"]) not in line:
                fail(f"{code}: received {r['received']} / {j['received']} / {line}")
        elif j["received"] is not None or r["status"] != "missing" or "—" not in line:
            fail(f"{code}: no received time but {j['received']} {r['status']}")
        want = stored.get(code)
        if r["status"] == "missing" and want is not None:
            fail(f"{code}: missing but the store has activities")
        if want is not None and int(r["activities"]) != want[0]:
            fail(f"{code}: activities {r['activities']}, the store {want[0]}")
        for i, key in enumerate(INDICATORS):
            got_csv = int(r[key]) if r[key] != "" else None
            store_value = want[i + 1] if want is not None else None
            if got_csv != j["indicators"][key] or got_csv != store_value:
                fail(f"{code}: {key} csv {r[key]!r} json {j['indicators'][key]} "
                     f"store {store_value}")
            sums[i] += got_csv or 0
    t = doc["totals"]
    for k in STATUS_KEYS:
        if t[k] != counts[k]:
            fail(f"totals {k}: {t[k]}, counted {counts[k]}")
    if t["units"] != len(rows) or t["incomplete"] != incomplete:
        fail(f"totals: {t['units']} units, {t['incomplete']} incomplete")
    if [t["indicators"][k] for k in INDICATORS] != sums:
        fail(f"totals indicators {t['indicators']} != {sums}")
    summary = " ".join(lines[lines.index("") + 1:]).strip() if "" in lines else ""
    want = (f"{len(rows)} đơn vị: {counts['on_time']} đúng hạn, "
            f"{counts['on_time_amended_late']} đúng hạn và bổ sung sau hạn, "
            f"{counts['late']} trễ hạn, {counts['missing']} chưa nộp; "
            f"{incomplete} còn thiếu hoạt động bắt buộc")
    if summary != want:
        fail(f"text totals {summary!r}, expected {want!r}")
    for key in ("as_of",):
        datetime.datetime.fromisoformat(doc[key])
    if doc["campaign"]["code"] == "" or doc["campaign"]["utc_offset"] != "+07:00":
        fail(f"campaign {doc['campaign']}")


def run_pty(cols, out, stdout_file, cmd):
    """Runs cmd with stderr (and stdout, unless stdout_file) on a new
    pseudo-terminal cols wide; what the terminal showed goes to out."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    stdout = open(stdout_file, "wb") if stdout_file else slave
    child = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=stdout, stderr=slave,
                             start_new_session=True)
    os.close(slave)
    data = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every writer closed the terminal
            break
        if not chunk:
            break
        data += chunk
    status = child.wait()
    os.close(master)
    with open(out, "wb") as f:
        f.write(data.replace(b"\r\n", b"\n"))
    return status


def screen(path):
    """What remains on a terminal's lines once FILE's bytes are shown."""
    with open(path, encoding="utf-8", newline="") as f:  # keep every '\r'
        data = f.read()
    lines, cur, col = [], [], 0
    for ch in data:
        if ch == "\n":
            lines.append("".join(cur).rstrip())
            cur, col = [], 0
        elif ch == "\r":
            col = 0
        else:
            if col < len(cur):
                cur[col] = ch
            else:
                cur.append(ch)
            col += 1
    if "".join(cur).strip():
        lines.append("".join(cur).rstrip())
    for line in lines:
        print(line)


def main():
    what = sys.argv[1]
    if what == "width":
        check_width(sys.argv[2], int(sys.argv[3]))
    elif what == "forms":
        check_forms(*sys.argv[2:6])
    elif what == "screen":
        screen(sys.argv[2])
    elif what == "pty":  # pty COLS OUT [STDOUT_FILE] -- CMD...
        sep = sys.argv.index("--")
        stdout_file = sys.argv[4] if sep == 5 else None
        sys.exit(run_pty(int(sys.argv[2]), sys.argv[3], stdout_file, sys.argv[sep + 1:]))
    for msg in failures:
        print("check_status:", msg, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
