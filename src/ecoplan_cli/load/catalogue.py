"""The plans and regions a run works with: the bundled ones, and any plan file a user names."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path as FsPath

from ecoplan_cli.load.problems import InputError
from ecoplan_cli.load.validation import validate
from ecoplan_cli.load.yaml_source import MAX_BYTES, read_file
from ecoplan_cli.model import Plan, Region, RegionRegistry

BUNDLED_PLAN_FILES = ("national_2021_2025.yaml", "chongqing_impl.yaml")
BUNDLED_REGION_FILES = ("chongqing.yaml",)


@dataclass(frozen=True)
class PlanSource:
    """A plan with where it came from: the file (for locations in reports) and each requirement's line."""

    plan: Plan
    path: str
    display_path: str
    requirement_lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Catalogue:
    plans: dict[str, PlanSource]
    regions: tuple[Region, ...]

    def plan(self, plan_id: str) -> Plan:
        return self.plans[plan_id].plan

    def region(self, name: str) -> Region | None:
        return next((r for r in self.regions if name == r.name or name in r.aliases), None)

    def with_plan(self, source: PlanSource) -> Catalogue:
        """This catalogue with a user's plan (replacing a plan of the same id) and the regions it declares."""
        known = {r.name for r in self.regions}
        added = tuple(r for r in source.plan.regions if r.name not in known)
        return Catalogue({**self.plans, source.plan.id: source}, self.regions + added)


def package_file(*parts: str) -> FsPath:
    return FsPath(str(resources.files("ecoplan_cli").joinpath(*parts)))


def load_plan_file(path: str, display_path: str | None = None, *, trusted: bool = False) -> PlanSource:
    """Read and validate one plan file; raises InputError with located problems. Bundled plans are trusted."""
    from ecoplan_cli.load.plan_checks import structural_problems

    document = read_file(path, display_path, max_bytes=None if trusted else MAX_BYTES)
    plan = validate(Plan, document)
    problems = structural_problems(plan, document)
    if problems:
        raise InputError(problems)
    plan = plan.with_parameters()
    lines = {requirement.id: document.position(("requirements", index))[0] for index, requirement in enumerate(plan.requirements)}
    return PlanSource(plan, path, display_path or path, lines)


@cache
def bundled() -> Catalogue:
    """The plans and regions that ship with ecoplan (read once per process)."""
    plans: dict[str, PlanSource] = {}
    for name in BUNDLED_PLAN_FILES:
        source = load_plan_file(str(package_file("plans", name)), f"plans/{name}", trusted=True)
        plans[source.plan.id] = source
    regions: list[Region] = []
    for name in BUNDLED_REGION_FILES:
        regions.extend(validate(RegionRegistry, read_file(str(package_file("regions", name)), max_bytes=None)).regions)
    return Catalogue(plans, tuple(regions))


def catalogue(plan_files: tuple[str, ...] = ()) -> Catalogue:
    """The bundled catalogue plus user plan files (a user file may replace a bundled plan of the same id)."""
    result = bundled()
    problems = []
    for path in plan_files:
        try:
            result = result.with_plan(load_plan_file(path))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return result
