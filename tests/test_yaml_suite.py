"""The official YAML test suite (tests/vendor/yaml-test-suite), every case read twice: as a whole file, and embedded as
an activity's `note:` in a valid log. yaml-rs (the strict YAML 1.2 reader) decides what is YAML; the project's read
path never accepts what it refuses, never crashes, and never uses data the two readers read differently."""

from __future__ import annotations

import datetime as dt
import json
import math
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml_rs

from ecoplan_cli.load import strict_yaml
from ecoplan_cli.load.problems import InputError
from ecoplan_cli.load.yaml_source import Document, parse
from ecoplan_cli.messages import CATALOGUE

SUITE = Path(__file__).parent / "vendor" / "yaml-test-suite"
CASES = sorted(str(path.parent.relative_to(SUITE)) for path in SUITE.rglob("in.yaml"))
# What the project refuses in YAML the strict reader accepts, each with its own message.
REFUSALS = {"alias", "merge-key", "complex-key", "custom-tag", "duplicate-key", "read-differently", "yaml-syntax",
            "yaml-unreadable", "too-deep", "bad-scalar"}  # fmt: skip
# a typing slip (full-width colon, no space after a colon …) named at its own place stands for the parser's message
REFUSALS |= {code for code in CATALOGUE if code.startswith("typo-")}
HEADER = (
    "plans: [chongqing-impl]\nunit: 城口县生态环境局\nregion: 城口县\nactivities:\n"
    "  - id: a1\n    date: 2024-03-10\n    title: 新闻发布会\n    requirements: [CQ-17]\n    note:\n"
)


def case_text(case: str) -> str:
    return (SUITE / case / "in.yaml").read_bytes().decode("utf-8")


def embedded(text: str) -> str:
    """The case as the value of an activity's note: (indented under it)."""
    return HEADER + "".join(f"      {line}" if line.strip() else line for line in text.splitlines(keepends=True))


def strict(text: str) -> tuple[bool, Any]:
    try:
        return True, yaml_rs.loads(text, parse_datetime=True)
    except Exception:  # any refusal of the strict reader
        return False, None


def read(text: str) -> Document | InputError:
    """The project's read path: a document, or the located refusal (any other exception fails the test)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a library warning reaching the user is a failure too
        try:
            return strict_yaml.read(text, "case.yaml")
        except InputError as error:
            return error


def same(left: Any, right: Any) -> bool:
    return strict_yaml.first_difference(left, right) is None and strict_yaml.first_difference(right, left) is None


def plain(value: Any) -> bool:
    """Data that JSON can say exactly as YAML read it (no dates, no non-string keys)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    return not isinstance(value, dt.date) and not (isinstance(value, float) and (math.isnan(value) or math.isinf(value)))


@pytest.mark.parametrize("case", CASES)
def test_whole_file(case: str) -> None:
    text = case_text(case)
    accepted, data = strict(text)
    outcome = read(text)
    if (SUITE / case / "error").exists():
        assert isinstance(outcome, InputError), "an invalid YAML file was accepted"
    if not accepted:
        assert isinstance(outcome, InputError), "accepted what the strict reader refuses"
        assert outcome.problems and all(p.line >= 1 and p.column >= 1 for p in outcome.problems)
        return
    if isinstance(outcome, InputError):
        assert {p.code for p in outcome.problems} <= REFUSALS, outcome.problems
        return
    assert same(outcome.data, data)
    expected = SUITE / case / "in.json"
    if expected.exists() and plain(data):
        try:
            wanted = json.loads(expected.read_text(encoding="utf-8"))
        except json.JSONDecodeError:  # several documents: refused above (a log is one document)
            return
        assert outcome.data == wanted


@pytest.mark.parametrize("case", CASES)
def test_embedded_in_a_log(case: str) -> None:
    text = embedded(case_text(case))
    accepted, data = strict(text)
    outcome = read(text)
    if not accepted:
        assert isinstance(outcome, InputError), "accepted what the strict reader refuses"
        return
    if isinstance(outcome, InputError):
        assert {p.code for p in outcome.problems} <= REFUSALS, outcome.problems
        assert all(p.line >= 9 for p in outcome.problems), outcome.problems  # in the note, not before it
        return
    assert same(outcome.data, data)


@pytest.mark.parametrize("case", CASES)
def test_the_two_readers_agree_or_the_file_is_refused(case: str) -> None:
    """Where yaml-rs and ruamel.yaml both accept a case but read it differently, the read path either refuses it or
    uses the strict reader's data (read once, by yaml-rs, positions from the text scan): never ruamel's."""
    text = case_text(case)
    accepted, data = strict(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            positioned = parse(text, "case.yaml").data
    except InputError:
        return
    if accepted and not same(data, positioned):
        outcome = read(text)
        if isinstance(outcome, InputError):
            assert {p.code for p in outcome.problems} <= REFUSALS, outcome.problems
        else:
            assert outcome.index is not None and same(outcome.data, data)


@pytest.mark.parametrize("case", CASES)
def test_commands_on_every_case(run, tmp_path: Path, case: str) -> None:  # type: ignore[no-untyped-def]
    """validate and check, on the case as a file and embedded in a log: no traceback (the runner re-raises), only
    their documented exit codes, every problem located, nothing from a library on stderr."""
    whole = tmp_path / "whole.yaml"
    whole.write_bytes((SUITE / case / "in.yaml").read_bytes())
    inner = tmp_path / "embedded.yaml"
    inner.write_text(embedded(case_text(case)), encoding="utf-8")
    for path in (whole, inner):
        code, _, err = run("validate", path, "--lang", "en")
        assert code in (0, 1), err
        if path == whole:
            assert code == 1 and f"{path}:" in err  # no suite case is a log
        refused = isinstance(read(path.read_text(encoding="utf-8")), InputError)
        check_code, _, check_err = run("check", path, "--as-of", "2025-01-15", "--lang", "en", "--format", "json")
        assert check_code == (2 if refused or code == 1 else check_code) and check_code in (0, 1, 2), check_err
        for output in (err, check_err):
            assert "Traceback" not in output and "site-packages" not in output and "Warning" not in output
