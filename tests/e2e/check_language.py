"""check_language.py - every line the tool wrote is in one language.

Usage: check_language.py LANG CAMPAIGN_DIR KNOWN DATA FILE...

LANG is en or vi: the language every line of the FILEs must be in.  A FILE
is text (a command's stdout or stderr, summary.txt, a changes file, a CSV),
a message (.eml: its text parts) or a workbook (.xlsx: its sheet names and
the text cells of its first rows).  KNOWN lists, one per line, regular
expressions of lines known to be in the other language still (a TODO list
to empty; '#' starts a comment); a line matching one is reported as known,
not as a failure.  DATA lists, one per line, more words that are data (the
names of the files read, a reason typed on the command line, the template's
column titles).

What is data and not the tool's own words is masked first: quoted values
('…', «…», "…"), file names and paths, option names, codes (UNIT_CODE,
[finding-code]), the campaign's unit and category names and aliases and its
title (also cut short with "…", as status prints them), the column headers
as a file wrote them, the Vietnamese column titles and form values of the
report template and the workbook's sheet names (the English messages name
them), and the words SQLite or libxlsxwriter say
after "SQLite:" / "libxlsxwriter:" (kept as a detail for whoever supports
the clerk).  Then a line is in Vietnamese when a Vietnamese letter is left,
and in English when one of the common English words below is left.
Offending lines are printed with their file and number; the exit status is
1 when there is one.
"""

import csv
import email
import email.policy
import os
import re
import sys

VIETNAMESE_LETTERS = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ]"
)

# Words of the tool's English that no Vietnamese sentence of it holds.
ENGLISH_WORDS = re.compile(
    r"\b(error|errors|cannot|unknown|file|files|row|rows|store|not|option|options|"
    r"report|reports|received|the|is|are|and|with|warning|warnings|usage|missing|"
    r"invalid|folder|line|column|columns|unit|units|rejected|accepted|needs|given|"
    r"expected|must|unchanged|nothing|new|written|read|write|found|example|"
    r"default|total|totals|submission|submissions|withdrawn|replaced|late|"
    r"deadline|category|categories|activity|activities|workbook)\b",
    re.IGNORECASE,
)

# The report template's Vietnamese words that messages in English name as
# data: the form values (report_schema.c; the column titles come in DATA).
TEMPLATE_WORDS = [
    "trực tiếp kết hợp trực tuyến",
    "trực tiếp và trực tuyến",
    "trực tiếp",
    "trực tuyến",
    "kết hợp",
    # the consolidated workbook's sheets, named by `export --help`
    "Lỗi dữ liệu",
    "Lịch sử nộp",
]


def campaign_words(folder):
    """The unit and category names and aliases and the title: data."""
    words = []
    for name, columns in (
        ("units.csv", ("name", "aliases")),
        ("categories.csv", ("name", "aliases")),
    ):
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                for column in columns:
                    for value in (row.get(column) or "").split("|"):
                        if value.strip():
                            words.append(value.strip())
    path = os.path.join(folder, "campaign.csv")
    if os.path.exists(path):
        with open(path, encoding="utf-8-sig", newline="") as f:
            for row in csv.reader(f):
                if len(row) >= 2 and row[0] not in ("key", "utc_offset", "timezone"):
                    if len(row[1]) > 3:
                        words.append(row[1])
    words += TEMPLATE_WORDS
    # the finding codes ("late", "missing-category"): names, not words
    findings = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "findings.md")
    with open(findings, encoding="utf-8") as f:
        codes = re.findall(r"`([a-z]+(?:-[a-z]+)*)`", f.read())
    CODES.append(re.compile(r"(?<![\w-])(%s)(?![\w-])" % "|".join(map(re.escape, codes))))
    # The longest first, so that a name is masked before a part of it.
    return sorted(set(words), key=len, reverse=True)


DATA_PATTERNS = [
    re.compile(r"(column|cột) [A-Z]+ \([^)]*\)"),
    re.compile(r"\((SQLite|libxlsxwriter): [^)]*\)"),
    re.compile(r"(SQLite|libxlsxwriter): .*$"),
    re.compile(r"'[^']*'"),
    re.compile(r"«[^»]*»"),
    re.compile(r'"[^"]*"'),
    re.compile(r"\[[a-z-]+\]"),
    # paths and file names: anything with a slash, or a name.extension
    re.compile(r"\S*/\S*"),
    re.compile(r"\S+\.(csv|CSV|xlsx|XLSX|xls|ods|txt|eml|db|lock|pdf|docx|png|zip)\b\S*"),
    # options, codes, e-mail addresses
    re.compile(r"(?<!\w)--?[A-Za-z][\w-]*"),
    re.compile(r"\b[A-Z][A-Z0-9_]{2,}\b"),
    re.compile(r"\S+@\S+"),
]


CODES = []


def mask(line, words):
    for word in words:
        if word in line:
            line = line.replace(word, " ")
    if "…" in line:
        for word in words:
            for k in range(len(word) - 1, 4, -1):
                if word[:k] + "…" in line:
                    line = line.replace(word[:k] + "…", " ")
                    break
    for pattern in CODES:
        line = pattern.sub(" ", line)
    for pattern in DATA_PATTERNS:
        line = pattern.sub(" ", line)
    return line


def other_language(line, lang):
    """The part of a masked line that is in the other language, or None."""
    if lang == "en":
        m = VIETNAMESE_LETTERS.search(line)
    else:
        m = ENGLISH_WORDS.search(line)
    return m.group(0) if m else None


def lines_of(path):
    """The lines of a file as the reader would see them: (where, text)."""
    if path.endswith(".eml"):
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        yield "%s:Subject" % path, str(msg["Subject"] or "")
        for part in msg.walk():
            if part.get_content_type() == "text/plain":
                for i, line in enumerate(part.get_content().splitlines(), 1):
                    yield "%s:body:%d" % (path, i), line
        return
    if path.endswith(".xlsx"):
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            yield "%s:sheet" % path, ws.title
            for r, row in enumerate(ws.iter_rows(max_row=8, values_only=True), 1):
                for value in row:
                    if isinstance(value, str):
                        yield "%s:%s!%d" % (path, ws.title, r), value
        return
    with open(path, encoding="utf-8", errors="replace") as f:
        for i, line in enumerate(f, 1):
            yield "%s:%d" % (path, i), line.rstrip("\n")


def main():
    lang, campaign, known_path, data_path = sys.argv[1:5]
    words = campaign_words(campaign)
    with open(data_path, encoding="utf-8") as f:
        words += [w.strip() for w in f if len(w.strip()) > 2]
    words.sort(key=len, reverse=True)
    known = []
    with open(known_path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                known.append(re.compile(line))
    bad = 0
    known_hits = 0
    checked = 0
    for path in sys.argv[5:]:
        for where, text in lines_of(path):
            checked += 1
            hit = other_language(mask(text, words), lang)
            if hit is None:
                continue
            if any(k.search(text) for k in known):
                known_hits += 1
                continue
            bad += 1
            print("%s: not %s ('%s'): %s" % (where, lang, hit, text))
    print(
        "%d lines checked in %d files: %d in the other language, %d known"
        % (checked, len(sys.argv) - 5, bad, known_hits)
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
