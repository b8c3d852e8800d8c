#!/usr/bin/env python3
"""Time `ecoplan report`'s steps one by one on a folder of logs (what report_run.run_report does, in order).

    python bench/report_phases.py /tmp/ref [--details 60] [--as-of 2026-01-15] [--out report.html]

Prints wall and parent-process CPU seconds per step and the parent's peak RSS after it. Nothing asserts on time.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import time
from datetime import date
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("logs", type=Path, nargs="+")
    parser.add_argument("--details", type=int, default=60)
    parser.add_argument("--as-of", default="2026-01-15")
    parser.add_argument("--out", type=Path, default=Path("/dev/null"))
    args = parser.parse_args()

    from ecoplan_cli.load.catalogue import catalogue
    from ecoplan_cli.load.paths import expand
    from ecoplan_cli.messages import set_language
    from ecoplan_cli.report.html import chunks
    from ecoplan_cli.report.html_data import Inputs, LogFile, build, sections
    from ecoplan_cli.report.html_tally import count, worst_first
    from ecoplan_cli.report_run import activity_infos, groups, sha256_of, uncounted_of
    from ecoplan_cli.run import CheckOptions, run_check

    set_language("zh")
    marks: list[tuple[str, float, float, int]] = []

    def mark(name: str) -> None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        marks.append((name, time.perf_counter(), time.process_time(), peak))

    mark("start")
    outcome = run_check(CheckOptions(files=tuple(expand(args.logs)), as_of=date.fromisoformat(args.as_of)))
    report = outcome.report
    if report is None:
        raise SystemExit("\n".join(problem.render() for problem in outcome.problems))
    mark("run_check (workers)")
    counts = count(report.findings, sections(report))
    mark("count: pass 1 over the findings")
    order = worst_first(counts.units)
    chosen = order[: args.details]
    plans = catalogue(())
    activities = {unit: activity_infos(report.unit_files.get(unit, ()), plans) for unit in chosen}
    mark(f"re-read the {len(chosen)} detailed units' logs")
    unit_of = {path: unit for (unit, _), paths in report.unit_files.items() for path in paths}
    logs = tuple(LogFile(path, sha256_of(path), unit_of[path]) for path in sorted(unit_of))
    mark("sha256 of every log")
    group_of, grouped_by = groups(report, plans, len(order))
    data = build(report, counts, Inputs(logs, activities, uncounted_of(report, chosen), group_of, grouped_by, chosen), "zh")
    mark("build: pass 2 (drill-down), final view")
    size = 0
    with args.out.open("w", encoding="utf-8") as handle:
        for piece in chunks(data):
            handle.write(piece)
            size += len(piece.encode("utf-8"))
    mark(f"render + write ({size / 1e6:.1f} MB)")
    for previous, current in itertools.pairwise(marks):
        print(f"{current[0]:48s} wall {current[1] - previous[1]:7.2f} s  parent cpu {current[2] - previous[2]:6.2f} s  "
              f"parent peak {current[3]} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
