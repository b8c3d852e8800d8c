#!/usr/bin/env python3
"""Benchmark a 台账 workbook: `ecoplan check` of a 100,000-row .xlsx against merely reading it.

    python bench/xlsx.py               # 100,000 activities in one workbook (about two minutes on 2 cores)
    python bench/xlsx.py --rows 10000  # quicker

The workbook is built from the Chengkou example's activities, repeated with fresh ids and dates over 2021–2025 (one
unit, one sheet), and written by ecoplan's own writer (what `ecoplan convert` writes). Each step runs in a child
process of its own, timed with time.perf_counter() around it, best of --repeat runs:
  openpyxl   openpyxl.load_workbook(read_only=True) and every row's values (the common Python reader);
  calamine   python-calamine: the sheet's cells as Python values (what ecoplan reads with);
  validate   `ecoplan validate FILE.xlsx`;
  check      `ecoplan check FILE.xlsx --format json` (to /dev/null, as of 2026-01-15);
  yaml check the same log converted to YAML, checked the same way (what the spreadsheet costs over YAML).
Nothing here asserts on time; bench/RESULTS.md records a run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-01-15"

READ_OPENPYXL = """
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True)
rows = sum(1 for _ in book["台账"].iter_rows(values_only=True))
print(rows)
"""
READ_CALAMINE = """
import sys
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name("台账").to_python(skip_empty_area=False)
print(len(rows))
"""


def build(rows: int, folder: Path) -> tuple[Path, Path]:
    from ecoplan_cli.load.any_log import read_activity_log
    from ecoplan_cli.model import ActivityLog
    from ecoplan_cli.report.ledger_table import table
    from ecoplan_cli.report.ledger_text import write_yaml
    from ecoplan_cli.report.ledger_xlsx import write

    example, _ = read_activity_log(str(ROOT / "examples" / "chengkou-county.yaml"))
    single = [a for a in example.activities if a.date is not None]
    activities = []
    for number in range(rows):
        model = single[number % len(single)]
        day = dt.date(2021, 7, 1) + dt.timedelta(days=number % 1600)
        activities.append(model.model_copy(update={"id": f"a{number:06d}", "date": day}))
    log = ActivityLog(plans=example.plans, unit=example.unit, region=example.region, activities=activities)
    book, yaml = folder / "台账.xlsx", folder / "台账.yaml"
    book.write_bytes(write(table(log)))
    yaml.write_text(write_yaml(log), encoding="utf-8")
    return book, yaml


def timed(command: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={"ECOPLAN_AS_OF": AS_OF,
                              "PATH": "/usr/bin:/bin", "HOME": str(Path.home())})  # fmt: skip
        best = min(best, time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{command}: exit {done.returncode}\n{done.stderr.decode()[:2000]}")
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    ecoplan = [sys.executable, "-m", "ecoplan_cli"]
    with tempfile.TemporaryDirectory() as folder:
        book, yaml = build(args.rows, Path(folder))
        size = book.stat().st_size
        results = {
            "openpyxl read": timed([sys.executable, "-c", READ_OPENPYXL, str(book)], args.repeat),
            "calamine read": timed([sys.executable, "-c", READ_CALAMINE, str(book)], args.repeat),
            "ecoplan validate .xlsx": timed([*ecoplan, "validate", str(book)], args.repeat),
            "ecoplan check .xlsx": timed([*ecoplan, "check", "--format", "json", str(book)], args.repeat),
            "ecoplan check .yaml (same log)": timed([*ecoplan, "check", "--format", "json", str(yaml)], args.repeat),
        }
    check = results["ecoplan check .xlsx"]
    print(f"{args.rows:,} activities, workbook {size / 1e6:.1f} MB, best of {args.repeat}")
    for name, seconds in results.items():
        print(f"  {name:32} {seconds:7.2f} s   check is {check / seconds:5.1f}× this")
    return 0


if __name__ == "__main__":
    sys.exit(main())
