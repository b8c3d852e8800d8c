"""The benchmark's generated logs are realistic and valid: what the benchmark measures is real work."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_generated_logs_validate_and_check(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "logs"
    subprocess.run(
        [sys.executable, "bench/generate.py", str(out), "--regions", "6", "--years", "2021-2025", "--per-year", "8"],
        check=True,
        capture_output=True,
    )
    files = sorted(out.glob("*.yaml"))
    assert len(files) == 6
    code, stdout, err = run("validate", out)
    assert code == 0, err
    assert stdout.count("valid (40 activities)") == 6
    code, report, err = run("check", out, "--as-of", "2026-01-15", "--format", "json")
    assert code in (0, 1), err
    findings = json.loads(report)["findings"]
    assert {f["region"] for f in findings} and any(f["activities"] for f in findings)


def test_generated_school_logs_name_only_what_binds_a_school(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "logs"
    arguments = ["--regions", "50", "--years", "2024", "--per-year", "6", "--schools", "1"]
    subprocess.run([sys.executable, "bench/generate.py", str(out), *arguments], check=True, capture_output=True)
    schools = sorted(out.glob("*-school.yaml"))
    assert len(schools) == 2
    code, _, err = run("validate", *schools)
    assert code == 0, err  # nothing a school logs is refused as counting toward nothing


def test_realistic_logs_carry_not_counted_activities_located_by_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """--realistic: amounts left out (counted in the wrong measure) and CQ-17 under the other level's obligation;
    validate refuses them, each at a line and column found by the text scan, and check reports them as not counted."""
    out = tmp_path / "logs"
    subprocess.run(
        [sys.executable, "bench/generate.py", str(out), "--regions", "4", "--per-year", "30", "--realistic"],
        check=True,
        capture_output=True,
    )
    code, _, err = run("validate", out, "--lang", "en")
    assert code == 1
    problems = [line for line in err.splitlines() if line.endswith(("[measure]", "[level]"))]
    assert {line.rsplit(" ", 1)[1] for line in problems} == {"[measure]", "[level]"}
    assert all(line.split(":")[1].isdigit() and line.split(":")[2].isdigit() for line in problems)
    code, report, err = run("check", out, "--as-of", "2026-01-15", "--format", "json")
    assert code in (0, 1), err
    uncounted = json.loads(report)["uncounted"]
    assert {entry["reason"] for entry in uncounted} >= {"measure", "level"}
