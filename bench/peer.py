#!/usr/bin/python3
"""peer.py - the consolidation tonghop does, written as a data analyst would
with pandas and XlsxWriter: the yardstick "peer" of scripts/bench.

Reads every report CSV of INBOX (encoding and delimiter guessed per file),
maps the headers to the template's columns, drops the rows with an unknown
category, a bad date or a bad number, and writes OUT.xlsx with a summary
sheet (one row per unit of the campaign, a grand total) and the detail.
Prints the grand totals and the counted rows as JSON, so scripts/bench can
check that the peer did the same consolidation.

Usage: peer.py CAMPAIGN_DIR INBOX OUT.xlsx
"""
import glob
import io
import json
import os
import sys
import unicodedata

import pandas as pd

KEYS = ["ma_don_vi", "ma_hoat_dong", "noi_dung", "tu_ngay", "den_ngay", "hinh_thuc",
        "so_nguoi", "so_buoi", "so_bang_ron", "so_tin_bai", "so_sach", "kinh_phi", "ghi_chu"]
TITLES = ["Mã đơn vị", "Mã hoạt động", "Nội dung", "Từ ngày", "Đến ngày", "Hình thức",
          "Số người tham gia", "Số buổi, lớp", "Số băng rôn, khẩu hiệu", "Số tin, bài",
          "Số sách (trưng bày, trao tặng)", "Kinh phí (đồng)", "Ghi chú"]
COUNTS = KEYS[6:12]


def fold(s):
    s = unicodedata.normalize("NFD", str(s).replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c)).casefold().strip()


HEADER = {fold(k): k for k in KEYS} | {fold(t): k for k, t in zip(KEYS, TITLES)}


def read_report(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8")
    elif raw.startswith(b"\xff\xfe"):
        text = raw[2:].decode("utf-16-le")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    first = text.split("\n", 1)[0]
    sep = max([",", ";", "\t"], key=first.count)
    df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    df.columns = [HEADER.get(fold(c), c) for c in df.columns]
    df["tep"] = os.path.basename(path)
    df["dong"] = range(2, len(df) + 2)
    return df


def parse_counts(df):
    ok = pd.Series(True, index=df.index)
    for c in COUNTS:
        s = df[c].str.strip()
        good = s.eq("") | s.str.fullmatch(r"\d+|\d{1,3}(?:[., \u00a0]\d{3})+")
        ok &= good
        df[c] = pd.to_numeric(s.where(good, "").str.replace(r"[., \u00a0]", "", regex=True),
                              errors="coerce")
    return ok


def parse_dates(s):
    s = s.str.strip()
    iso = pd.to_datetime(s.where(s.str.match(r"\d{4}-")), format="%Y-%m-%d", errors="coerce")
    dmy = pd.to_datetime(s.where(~s.str.match(r"\d{4}-")).str.replace(r"[.-]", "/", regex=True),
                         format="%d/%m/%Y", errors="coerce")
    return iso.fillna(dmy)


def main():
    campaign, inbox, out = sys.argv[1:4]
    units = pd.read_csv(os.path.join(campaign, "units.csv"), dtype=str, keep_default_na=False)
    cats = pd.read_csv(os.path.join(campaign, "categories.csv"), dtype=str, keep_default_na=False)
    df = pd.concat([read_report(p) for p in sorted(glob.glob(os.path.join(inbox, "*.csv")))],
                   ignore_index=True)
    ok = parse_counts(df)
    no_end = df["den_ngay"].str.strip().eq("")
    df["tu_ngay"] = parse_dates(df["tu_ngay"])
    df["den_ngay"] = parse_dates(df["den_ngay"])
    ok &= df["tu_ngay"].notna() & df["ma_hoat_dong"].isin(cats["code"])
    ok &= no_end | (df["den_ngay"].notna() & (df["den_ngay"] >= df["tu_ngay"]))
    good = df[ok].merge(units[["code", "name", "kind"]], left_on="ma_don_vi", right_on="code")
    good = good.merge(cats[["code", "name"]].rename(columns={"code": "ma_hoat_dong",
                                                             "name": "hoat_dong"}),
                      on="ma_hoat_dong")
    summary = units[["code", "name", "kind"]].merge(
        good.groupby("ma_don_vi")[COUNTS].sum().reset_index(), how="left",
        left_on="code", right_on="ma_don_vi").drop(columns="ma_don_vi")
    summary[COUNTS] = summary[COUNTS].fillna(0).astype("int64")
    summary.insert(0, "STT", range(1, len(summary) + 1))
    total = summary[COUNTS].sum()
    summary.loc[len(summary)] = ["", "TỔNG CỘNG", "", ""] + list(total)
    detail = good[["ma_don_vi", "name", "ma_hoat_dong", "hoat_dong", "noi_dung", "tu_ngay",
                   "den_ngay", "hinh_thuc"] + COUNTS + ["ghi_chu", "tep", "dong"]]
    detail.insert(0, "STT", range(1, len(detail) + 1))
    with pd.ExcelWriter(out, engine="xlsxwriter", datetime_format="dd/mm/yyyy") as xw:
        summary.to_excel(xw, sheet_name="Tổng hợp", index=False)
        detail.to_excel(xw, sheet_name="Chi tiết", index=False)
    print(json.dumps({"rows_counted": len(detail), "grand": [int(x) for x in total]}))


if __name__ == "__main__":
    main()
