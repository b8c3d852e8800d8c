"""What every reporter receives: the findings of one run, and where things are written down."""

from __future__ import annotations

import pickle
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter
from typing import Any

from ecoplan_cli.engine.accounting import NotCounted
from ecoplan_cli.engine.baseline import finding_identity
from ecoplan_cli.engine.evaluate import Finding, Status
from ecoplan_cli.engine.exceptions import SourcedException
from ecoplan_cli.model import Plan, Requirement
from ecoplan_cli.model.ids import natural_key


@dataclass(frozen=True)
class PlanLocation:
    """Where a plan file is, for the reports that link a finding to its requirement's line."""

    path: str  # as shown to users (plans/chongqing_impl.yaml)
    lines: Mapping[str, int]  # requirement id → line
    file: str = ""  # the file as read (a path the process can open)
    bundled: bool = True  # shipped inside the ecoplan package, not a file of the user's repository


@dataclass(frozen=True)
class LogLines:
    """The lines of a unit's log files that explain its findings (from a text scan, never a re-parse): activity id →
    (file, line) for the activities findings name, and each file's `region:` line (a period with no activity)."""

    activities: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    region: Mapping[str, int] = field(default_factory=dict)


_RANK = {"gap": 4, "open": 3, "met": 2, "waived": 1, "unmeasured": 0}


@dataclass
class Tally:
    """What a report says about all findings at once, gathered as they are made: counts and the region matrix."""

    counts: Counter[str] = field(default_factory=Counter)
    advisory: int = 0
    regions: dict[str, dict[str, str]] = field(default_factory=dict)
    exceptions: Counter[str] = field(default_factory=Counter)  # waived, extended, expired
    baseline: Counter[str] = field(default_factory=Counter)  # baseline state → findings; "new-gap": new mandatory gaps
    idle: int = 0  # unmeasured periods without any activity (engine/accounting.is_idle): counted with the table's units

    def add(self, findings: Iterable[Finding]) -> Tally:
        for finding in findings:
            status = finding.status.value
            self.counts[status] += 1
            if finding.exception is not None:
                live = finding.exception.live
                self.exceptions["expired" if not live else "extended" if finding.exception.kind == "extend" else "waived"] += 1
            if finding.baseline is not None:
                self.baseline[finding.baseline] += 1
                if finding.baseline == "new" and finding.status is Status.GAP and finding.mandatory:
                    self.baseline["new-gap"] += 1
            if finding.status is Status.GAP and not finding.mandatory:
                self.advisory += 1
                continue
            row = self.regions.setdefault(finding.region, {})
            key = f"{finding.plan}:{finding.requirement}"
            if key not in row or _RANK[status] > _RANK[row[key]]:
                row[key] = status
        return self

    def merge(self, other: Tally) -> None:
        self.counts.update(other.counts)
        self.advisory += other.advisory
        self.idle += other.idle
        self.exceptions.update(other.exceptions)
        self.baseline.update(other.baseline)
        for region, row in other.regions.items():
            mine = self.regions.setdefault(region, {})
            for key, status in row.items():
                if key not in mine or _RANK[status] > _RANK[mine[key]]:
                    mine[key] = status

    def summary(self) -> dict[str, int]:
        """Counts by status; `advisory` counts unmet encouraged obligations (gaps that never fail a run)."""
        return {
            "met": self.counts.get("met", 0),
            "gap": self.counts.get("gap", 0) - self.advisory,
            "open": self.counts.get("open", 0),
            "unmeasured": self.counts.get("unmeasured", 0),
            "advisory": self.advisory,
            "waived": self.counts.get("waived", 0),
        }

    def matrix(self) -> dict[str, dict[str, str]]:
        """Region × requirement: the worst status of each requirement in each region (gap > open > met > unmeasured)."""
        return {
            region: dict(sorted(row.items(), key=lambda item: natural_key(item[0])))
            for region, row in sorted(self.regions.items())
        }


_FIELD_VALUES = attrgetter(*(f.name for f in fields(Finding)))  # a finding's fields, in Finding(*fields) order


class FindingStore:
    """A run's findings, packed unit by unit (pickled, compressed) and unpacked only while a reporter reads them:
    a national check makes half a million findings, and holding them as objects would cost a quarter of a gigabyte.

    A run whose every report was rendered in the workers (CheckReport.rendered) keeps none: reading such a store is a
    mistake, and it says so rather than looking empty."""

    def __init__(self, *, kept: bool = True) -> None:
        self._units: list[tuple[bytes, int]] = []
        self.kept = kept

    @staticmethod
    def pack(findings: Sequence[Finding]) -> bytes:
        """Each finding as the tuple of its fields: a third cheaper both ways than pickling the dataclass itself,
        whose (slots, frozen) state goes through Python-level __getstate__/__setstate__."""
        values = [_FIELD_VALUES(finding) for finding in findings]
        return zlib.compress(pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL), 1)

    def add_packed(self, packed: bytes, count: int) -> None:
        if count:
            self._units.append((packed, count))

    def add(self, findings: Sequence[Finding]) -> None:
        self.add_packed(self.pack(findings), len(findings))

    def __iter__(self) -> Iterator[Finding]:
        if not self.kept:
            raise RuntimeError("the findings were rendered where they were made and not kept: ask run_check for them")
        for packed, _ in self._units:
            values: list[tuple[Any, ...]] = pickle.loads(zlib.decompress(packed))
            yield from (Finding(*fields) for fields in values)

    def __len__(self) -> int:
        return sum(count for _, count in self._units)


class RenderedBlocks:
    """A reporter's findings rendered where they were made, one block of text per unit in unit order, kept
    compressed until written: held as text, a national report's findings would grow the parent with every unit."""

    def __init__(self, packed: Iterable[bytes] = ()) -> None:
        self._packed = [block for block in packed if block]

    @staticmethod
    def pack(block: str) -> bytes:
        return zlib.compress(block.encode("utf-8"), 1) if block else b""

    def __iter__(self) -> Iterator[str]:
        for packed in self._packed:
            yield zlib.decompress(packed).decode("utf-8")

    def __len__(self) -> int:
        return len(self._packed)


@dataclass(frozen=True)
class CheckReport:
    """Everything a reporter renders: the findings, what is coming due, and the plans and files behind them."""

    as_of: date
    findings: Iterable[Finding]  # a FindingStore (or any re-iterable sequence), in unit order
    coming_due: tuple[Finding, ...]
    plans: Mapping[str, Plan]
    plan_locations: Mapping[str, PlanLocation]
    unit_files: Mapping[tuple[str, str], tuple[str, ...]]  # (unit, region) → log files
    within_days: int = 30
    generator: str = field(default="ecoplan")
    tally: Tally | None = None  # counts and regions; computed from the findings when not given
    expiring: tuple[SourcedException, ...] = ()  # live exceptions expiring within the window
    absent: tuple[str, ...] = ()  # with a baseline: identities of baseline findings this run did not make
    baseline: bool = False  # whether findings carry a baseline state
    fail_on_new: bool = False  # the verdict counts only mandatory gaps new against the baseline
    uncounted: tuple[NotCounted, ...] = ()  # references counted toward nothing, sorted by (unit, region, log_file, activity)
    log_lines: Mapping[tuple[str, str], LogLines] = field(default_factory=dict)  # (unit, region) → lines
    # reporter kind → its findings already rendered, one block per unit in unit order (the reporter's finding_block)
    rendered: Mapping[str, RenderedBlocks] = field(default_factory=dict)
    table_style: tuple[int, bool] | None = None  # the (width, colour) of rendered["table"], each unit's whole section

    def totals(self) -> Tally:
        return self.tally if self.tally is not None else Tally().add(self.findings)

    def requirement(self, finding: Finding) -> Requirement:
        requirement = self.plans[finding.plan].requirement(finding.requirement)
        assert requirement is not None
        return requirement

    def log_file(self, finding: Finding) -> str:
        files = self.unit_files.get((finding.unit, finding.region), ())
        return files[0] if files else ""

    def plan_line(self, finding: Finding) -> tuple[str, int]:
        location = self.plan_locations.get(finding.plan)
        if location is None:
            return ("", 1)
        return (location.path, location.lines.get(finding.requirement, 1))


def summary(report: CheckReport) -> dict[str, int]:
    """Counts by status; `advisory` counts unmet encouraged obligations (gaps that never fail a run)."""
    return report.totals().summary()


def finding_id(finding: Finding) -> str:
    """A stable identity for a finding: the same obligation-period of the same unit, run after run."""
    return finding_identity(finding)


def required_text(finding: Finding) -> str:
    if finding.required is None:
        return "—"
    return f"{finding.actual}/{finding.required} {finding.measure.value}"
