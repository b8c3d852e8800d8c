"""`ecoplan check` without typer: the options as plain values in, the exit code out.

The typer command (cli/check.py) and the fast entry point (entry.py, which spares a check typer's start-up) both
call `run_check_command`; usage errors come out as `UsageProblem`, which each shows the way click does.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ecoplan_cli.command_line import (
    EXIT_GAP,
    EXIT_INPUT,
    EXIT_OK,
    UsageProblem,
    expand_paths,
    fail,
    parse_date,
    parse_within,
    project_plan_files,
    say,
    terminal_width,
    use_color,
    write_file,
)
from ecoplan_cli.messages import text

CHECK_FORMATS = ("table", "json", "junit", "sarif", "github", "csv", "xlsx")  # xlsx: --output only (the 督办 workbook)
STATUSES = frozenset({"met", "gap", "open", "unmeasured", "waived"})
FAIL_ON = ("any", "new")


@dataclass(frozen=True)
class CheckRequest:
    """`ecoplan check`'s options as typed (defaults as the command's)."""

    files: tuple[str, ...]
    as_of: str | None = None
    within: str = "30d"
    format: str = "table"
    outputs: tuple[str, ...] = ()
    strict: bool = False
    requirements: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    leads: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    width: int | None = None
    jobs: int | None = None
    exceptions: tuple[str, ...] = ()
    no_exceptions: bool = False
    baseline: str | None = None
    fail_on: str = "any"
    plan_files: tuple[str, ...] = ()


def _outputs(specs: tuple[str, ...]) -> list[tuple[str, Path]]:
    outputs: list[tuple[str, Path]] = []
    for spec in specs:
        kind, _, target = spec.partition(":")
        if not target or kind not in CHECK_FORMATS:
            raise UsageProblem(text("usage-output-spec", spec=spec, formats=", ".join(CHECK_FORMATS)), "--output")
        outputs.append((kind, Path(target)))
    return outputs


_replayed: list[UsageProblem] = []


def replay_usage_problem(problem: UsageProblem) -> None:
    """Have the next run raise this problem at once: the fast entry point, having found it, hands the same
    arguments to the typer command, which shows it the way click shows its own (and checks nothing again)."""
    _replayed.append(problem)


def run_check_command(request: CheckRequest) -> int:
    """Check, print the report (and write --output files); the exit code. Raises UsageProblem."""
    if _replayed:
        raise _replayed.pop()
    from ecoplan_cli.run import CheckOptions, Filters, run_check

    outputs = _outputs(request.outputs)
    if request.format == "xlsx":
        raise UsageProblem(text("usage-xlsx-to-file"), "--format")
    unknown = set(request.statuses) - STATUSES
    if unknown:
        statuses, known = ", ".join(sorted(unknown)), ", ".join(sorted(STATUSES))
        raise UsageProblem(text("usage-unknown-status", statuses=statuses, known=known), "--status")
    day = parse_date(request.as_of)
    formats = (request.format, *(kind for kind, _ in outputs))
    width, color = terminal_width(request.width), use_color()  # of the report on stdout
    options = CheckOptions(
        files=tuple(expand_paths(request.files)),
        as_of=day,
        within=parse_within(request.within, day),
        strict=request.strict,
        filters=Filters(
            requirements=frozenset(request.requirements),
            plans=frozenset(request.plans),
            years=frozenset(request.years),
            leads=frozenset(request.leads),
            statuses=frozenset(request.statuses),
        ),
        plan_files=project_plan_files(request.plan_files, request.files),
        jobs=request.jobs,
        exceptions=request.exceptions,
        use_exceptions=not request.no_exceptions,
        baseline=request.baseline,
        fail_on_new=request.fail_on == "new",
        positions=bool(set(formats) & {"sarif", "github"}),
        formats=tuple(dict.fromkeys(formats)),
        table_style=(width, color) if request.format == "table" else None,
    )
    if request.fail_on == "new" and request.baseline is None:
        raise UsageProblem(text("usage-fail-on-new"), "--fail-on")
    inputs = {Path(f).resolve() for f in options.files}
    for _, written in outputs:
        if written.resolve() in inputs:
            raise UsageProblem(text("usage-output-is-input", file=written), "--output")
    outcome = run_check(options)
    if outcome.usage:
        (option, message), *others = outcome.usage
        raise UsageProblem(message, option, tuple(f"{other_option}: {other}" for other_option, other in others))
    if outcome.note:
        say(outcome.note)
    if outcome.problems:
        fail(outcome.problems, EXIT_INPUT)
    assert outcome.report is not None
    from ecoplan_cli.run import BINARY_REPORTERS, render_bytes, render_chunks

    for kind, path in outputs:
        if kind in BINARY_REPORTERS:
            write_file(path, render_bytes(outcome.report, kind))
        else:
            write_file(path, render_chunks(outcome.report, kind, width=100))
    for chunk in render_chunks(outcome.report, request.format, width=width, color=color):
        sys.stdout.write(chunk)
    sys.stdout.flush()
    if request.format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from ecoplan_cli.report.github import summary

        target = os.environ["GITHUB_STEP_SUMMARY"]
        try:
            with open(target, "a", encoding="utf-8") as step_summary:  # GitHub's file: append to it
                step_summary.write(summary(outcome.report))
        except OSError as error:
            say(text("github-summary-unwritable", file=target, reason=error.strerror or str(error)))
    return EXIT_GAP if outcome.failed else EXIT_OK
