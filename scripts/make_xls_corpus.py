#!/usr/bin/env python3
"""Writes the old binary Excel (BIFF8, .xls) files of the bad-input corpus, which the Rust
generator (tests/corpus_gen/) cannot write: `pip install xlwt==1.3.0 && python3
scripts/make_xls_corpus.py`. The files are committed; tests/corpus/manifest.json gives their
expected outcomes. xlwt writes no timestamps, so the output is the same on every run."""

import datetime
import os

import xlwt

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "corpus")
HEAD = ["编号", "受理时间", "办结时间", "所属县区"]


def ledger(ws, date_cells=False):
    for c, h in enumerate(HEAD):
        ws.write(0, c, h)
    fmt = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm")
    rows = [("A", datetime.datetime(2023, 7, 14, 9, 0), datetime.datetime(2023, 7, 14, 11, 48), "麒麟区"),
            ("B", datetime.datetime(2023, 7, 13, 9, 0), datetime.datetime(2023, 7, 13, 18, 0), "沾益区")]
    for r, (i, s, e, county) in enumerate(rows, start=1):
        ws.write(r, 0, i)
        if date_cells:
            ws.write(r, 1, s, fmt)
            ws.write(r, 2, e, fmt)
        else:
            ws.write(r, 1, s.strftime("%Y-%m-%d %H:%M"))
            ws.write(r, 2, e.strftime("%Y-%m-%d %H:%M"))
        ws.write(r, 3, county)


def main():
    wb = xlwt.Workbook(encoding="utf-8")
    ledger(wb.add_sheet("台账"), date_cells=True)
    wb.save(os.path.join(OUT, "biff8-ledger.xls"))

    wb = xlwt.Workbook(encoding="utf-8")
    old = wb.add_sheet("旧数据")
    old.write(0, 0, "编号")
    old.write(0, 1, "受理时间")
    old.write(1, 0, "OLD")
    old.write(1, 1, "bad")
    old.visibility = 1  # hidden
    ledger(wb.add_sheet("台账"))
    wb.active_sheet = 1
    wb.save(os.path.join(OUT, "biff8-hidden-first-sheet.xls"))

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("台账")
    ledger(ws)
    ws.write(255, 0, "far")  # row 256, IV is the last BIFF8 column
    ws.write(3, 255, "x")
    wb.save(os.path.join(OUT, "biff8-far-cells.xls"))

    # The largest range a BIFF8 sheet can declare: A1 to IV65536 (65 536 × 256 cells).
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("台账")
    ws.write(0, 0, "编号")
    ws.write(65535, 255, "x")
    wb.save(os.path.join(OUT, "biff8-a1-iv65536.xls"))


if __name__ == "__main__":
    main()
