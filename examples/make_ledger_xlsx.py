"""Regenerate examples/chengkou-county.xlsx (the 台账 as a workbook) from examples/chengkou-county.yaml.

    python examples/make_ledger_xlsx.py

The same YAML gives the same bytes (tests/test_workbooks.py checks that the committed workbook is up to date); it is
what `ecoplan convert examples/chengkou-county.yaml examples/chengkou-county.xlsx` writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ecoplan_cli.load.any_log import read_activity_log
from ecoplan_cli.report.ledger_table import table
from ecoplan_cli.report.ledger_xlsx import write

HERE = Path(__file__).resolve().parent
SOURCE, TARGET = HERE / "chengkou-county.yaml", HERE / "chengkou-county.xlsx"


def build() -> bytes:
    log, _ = read_activity_log(str(SOURCE))
    return write(table(log, SOURCE.name))


if __name__ == "__main__":
    TARGET.write_bytes(build())
    sys.stdout.write(f"wrote {TARGET}\n")
