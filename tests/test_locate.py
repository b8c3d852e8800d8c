"""validate's not-counted positions: the cheap text scan gives exactly what the positioned reader gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, write
from ecoplan_cli.load import locate
from ecoplan_cli.load.catalogue import catalogue
from ecoplan_cli.load.logs import load_logs
from ecoplan_cli.load.problems import Problem
from ecoplan_cli.load.units import merge
from ecoplan_cli.validate_run import never_counted

TRICKY = """plans: [chongqing-impl]
unit: 城口县生态环境局
region: 城口县
activities:
  - id: "quoted, id: x"
    date: 2021-03-01
    title: "a title with id: inside, and date: too"
    requirements: [CQ-17]
  - {id: flow, start: 2021-02-01, end: 2021-02-03, title: t, requirements: [CQ-16]}
  - title: key order differs
    id: later
    date: 2024-03-01
    requirements:
      - CQ-16
"""


def both(paths: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[list[Problem], list[Problem]]:
    plans = catalogue(tuple(str(p) for p in sorted((EXAMPLES / "plans").glob("*.yaml"))))
    logs, problems = load_logs(paths, plans)
    assert not problems
    sources, _ = merge(logs)
    quick = never_counted(sources, {log.path: log for log in logs})
    monkeypatch.setattr(locate, "_scan", lambda *args: None)  # the positioned reader only
    slow = never_counted(sources, {log.path: log for log in logs})
    return quick, slow


def positions(problems: list[Problem]) -> list[tuple[str, int, int, str, str]]:
    return [(p.file, p.line, p.column, p.code, p.message) for p in problems]


def test_the_scan_agrees_with_the_positioned_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "logs"
    arguments = ["--regions", "8", "--years", "2021-2022", "--per-year", "12"]
    subprocess.run([sys.executable, "bench/generate.py", str(out), *arguments], check=True, capture_output=True)
    examples = [str(p) for p in sorted(EXAMPLES.rglob("*.yaml")) if "activities:" in p.read_text("utf-8")]
    logs = sorted(str(p) for p in out.glob("*.yaml")) + examples
    quick, slow = both(logs, monkeypatch)
    assert len(quick) > 20  # the generated 2021 first half is before Chongqing's plan took effect
    assert positions(quick) == positions(slow)


def test_an_unusual_layout_falls_back_to_the_positioned_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "log.yaml", TRICKY)
    quick, slow = both([str(path)], monkeypatch)
    assert positions(quick) == positions(slow)
    assert [(p.line, p.column, p.code) for p in sorted(quick)] == [(6, 11, "before-period"), (9, 77, "level"), (14, 9, "level")]
