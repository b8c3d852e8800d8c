"""--format github: GitHub Actions annotations within GitHub's caps, and a Markdown job summary of every finding.

GitHub shows at most 10 error and 10 notice annotations per step (50 per job) and drops the rest without a word.
So the most important gaps are annotations (mandatory gaps first, the latest due date first, then the largest
shortfall), at most ERRORS errors and NOTICES advisory notices, and one more notice says how many were left out and
where they are: the job summary, which `summary` renders and the `check` command appends to `$GITHUB_STEP_SUMMARY`
when it is set. The summary lists every gap, advisory, open period and not-counted activity in tables, and the met
and unmeasured findings in a folded table, within GitHub's 1 MiB limit for a step summary.
"""

from __future__ import annotations

from collections.abc import Iterator

from ecoplan_cli.engine.accounting import NotCounted
from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.messages import text
from ecoplan_cli.report import facts
from ecoplan_cli.report.base import CheckReport
from ecoplan_cli.report.base import summary as totals
from ecoplan_cli.report.positions import finding_location, uncounted_location

ERRORS = 10  # error annotations GitHub shows per step
WARNINGS = 10  # warning annotations per step: the activities counted toward nothing
NOTICES = 9  # notice annotations per step (10), one kept for the "more in the summary" note
SUMMARY_LIMIT = 1_000_000  # bytes: GitHub refuses a step summary over 1 MiB


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def importance(finding: Finding) -> tuple[int, int, float, tuple[str, ...]]:
    """Sort key, most important first: mandatory, latest due date, largest share missing, then the report's order."""
    share = finding.missing / finding.required if finding.required else 0.0
    return (0 if finding.mandatory else 1, -finding.due.toordinal(), -share, tuple(map(str, finding.sort_key)))


def _annotation(report: CheckReport, finding: Finding) -> str:
    command = "error" if finding.mandatory else "notice"
    title = f"{finding.requirement}/{finding.obligation} {finding.period_label}"
    file, line = finding_location(report, finding)
    properties = f"file={_escape_property(facts.repo_path(file))},line={line}"
    properties += f",title={_escape_property(title)}"
    return f"::{command} {properties}::{_escape_data(facts.details(report, finding))}\n"


def render(report: CheckReport) -> str:
    return "".join(chunks(report))


def _uncounted_annotation(report: CheckReport, entry: NotCounted) -> str:
    file, line = uncounted_location(report, entry)
    title = f"{entry.activity} {entry.requirement}: {entry.reason}"
    properties = f"file={_escape_property(facts.repo_path(file))},line={line},title={_escape_property(title)}"
    return f"::warning {properties}::{_escape_data(entry.message)}\n"


def chunks(report: CheckReport) -> Iterator[str]:
    """The most important gaps as annotations and the activities counted toward nothing as warnings (within the
    caps), then a notice for the rest."""
    gaps = sorted((f for f in report.findings if f.status is Status.GAP), key=importance)
    errors = [f for f in gaps if f.mandatory]
    notices = [f for f in gaps if not f.mandatory]
    shown = errors[:ERRORS] + notices[:NOTICES]
    for finding in shown:
        yield _annotation(report, finding)
    for entry in report.uncounted[:WARNINGS]:
        yield _uncounted_annotation(report, entry)
    left = len(gaps) - len(shown) + max(0, len(report.uncounted) - WARNINGS)
    if left:
        message = text(
            "github-more",
            count=left,
            total=len(gaps),
            errors=len(errors),
            notices=len(notices),
            shown=len(shown),
            uncounted=len(report.uncounted),
            warned=min(WARNINGS, len(report.uncounted)),
        )
        yield f"::notice title={_escape_property(text('github-more-title', count=left))}::{_escape_data(message)}\n"


def _cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ") or "—"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |\n"


def _finding_row(report: CheckReport, finding: Finding) -> str:
    return _row(
        [
            finding.region,
            finding.unit + (f" / {finding.subunit}" if finding.subunit else ""),
            f"{finding.plan} {finding.requirement}/{finding.obligation}",
            finding.period_label,
            facts.done_text(finding),
            finding.due.isoformat(),
            f"`{facts.repo_path(report.log_file(finding))}`",
        ]
    )


def summary(report: CheckReport) -> str:
    """The job summary in Markdown: totals, then every finding by section (cut at GitHub's 1 MiB, saying so)."""
    counts = totals(report)
    header = [text("github-summary-heading", as_of=report.as_of.isoformat()), "", text("totals", **counts), ""]
    columns = [text(f"github-col-{name}") for name in ("region", "unit", "requirement", "period", "done", "due", "file")]
    head = _row(columns) + "|" + "---|" * len(columns) + "\n"
    out = ["\n".join(header) + "\n"]
    size = len(out[0].encode("utf-8"))
    sections: list[tuple[str, list[str]]] = []
    by_status: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_status.setdefault(facts.status_code(finding), []).append(finding)
    for code in ("gap", "advisory", "open", "waived"):
        rows = [_finding_row(report, f) for f in sorted(by_status.get(code, []), key=importance)]
        sections.append((f"### {text(f'github-section-{code}', count=len(rows))}\n\n{head}" if rows else "", rows))
    not_counted = facts.uncounted(report)
    if not_counted:
        rows = [_row([facts.uncounted_line(item)]) for item in not_counted]
        sections.append((f"### {text('github-section-uncounted', count=len(rows))}\n\n| |\n|---|\n", rows))
    rest = [_finding_row(report, f) for code in ("met", "unmeasured") for f in by_status.get(code, [])]
    if rest:
        title = text("github-section-rest", count=len(rest))
        sections.append((f"<details><summary>{title}</summary>\n\n{head}", [*rest, "\n</details>\n"]))
    left = 0
    for opening, rows in sections:
        if not rows:
            continue
        if left:
            left += len(rows)
            continue
        piece = opening
        for index, row in enumerate(rows):
            if size + len((piece + row).encode("utf-8")) > SUMMARY_LIMIT - 2000:
                left += len(rows) - index
                break
            piece += row
        out.append(piece + "\n")
        size += len(piece.encode("utf-8")) + 1
    if left:
        out.append(text("github-summary-cut", count=left) + "\n")
    return "".join(out)
