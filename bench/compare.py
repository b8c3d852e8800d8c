#!/usr/bin/env python3
"""Two ecoplan source trees on the same logs: identical bytes out, and the cpu time each takes.

    git archive main | tar -x -C /tmp/base          # the source before a change
    python bench/compare.py /tmp/base/src src DIR_OR_FILE…  [--runs 5] [--formats "json table sarif junit csv github"]

For every set of logs: `ecoplan check --format F` for each format and `ecoplan validate`, in both trees (PYTHONPATH
picks the tree), must give the same exit code, stdout and stderr bytes; then `ecoplan check --format json` is run
--runs times per tree, interleaved (A B, B A, …), and the median cpu time (user + system, worker processes
included) and wall time are printed. cpu time is what a loaded shared machine distorts least.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def files_of(spec: str) -> list[str]:
    path = Path(spec)
    return sorted(str(p) for p in path.glob("*.yaml")) if path.is_dir() else [spec]


def run(tree: str, args: list[str], as_of: str) -> tuple[int, str, str, float, float]:
    env = dict(os.environ, PYTHONPATH=tree, ECOPLAN_AS_OF=as_of)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ecoplan_cli", *args], env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    digest = hashlib.sha256
    return done.returncode, digest(done.stdout).hexdigest(), digest(done.stderr).hexdigest(), cpu, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base")
    parser.add_argument("new")
    parser.add_argument("sets", nargs="+")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--formats", default="json table sarif junit csv github")
    parser.add_argument("--as-of", default="2026-01-15")
    parser.add_argument("--no-bytes", action="store_true", help="only time")
    args = parser.parse_args()
    trees = [args.base, args.new]
    differences = 0
    for spec in args.sets:
        files = files_of(spec)
        if not args.no_bytes:
            commands = [["check", "--format", f, "--lang", "en", *files] for f in args.formats.split()]
            commands.append(["validate", "--lang", "en", *files])
            for command in commands:
                old, new = (run(tree, command, args.as_of)[:3] for tree in trees)
                label = " ".join(command[:3]) if command[0] == "check" else "validate"
                print(f"{spec}: {label}: {'same bytes' if old == new else 'DIFFERENT'}", flush=True)
                differences += old != new
        cpu: dict[str, list[float]] = {tree: [] for tree in trees}
        wall: dict[str, list[float]] = {tree: [] for tree in trees}
        for index in range(args.runs):
            for tree in trees if index % 2 == 0 else trees[::-1]:
                *_, c, w = run(tree, ["check", "--format", "json", *files], args.as_of)
                cpu[tree].append(c)
                wall[tree].append(w)
        old_cpu, new_cpu = (statistics.median(cpu[tree]) for tree in trees)
        for tree in trees:
            runs = sorted(round(c, 2) for c in cpu[tree])
            median_cpu, median_wall = statistics.median(cpu[tree]), statistics.median(wall[tree])
            print(f"{spec}: {tree}: cpu median {median_cpu:.3f}s {runs}, wall median {median_wall:.3f}s")
        print(f"{spec}: new ÷ base cpu = {new_cpu / old_cpu:.3f}", flush=True)
    print(f"differences: {differences}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
