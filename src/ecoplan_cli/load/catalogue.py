"""The plans and regions a run works with: the bundled ones, and any plan file a user names."""

from __future__ import annotations

import os
import pickle
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path as FsPath
from typing import TypeVar

from ecoplan_cli.load.problems import InputError, Problem
from ecoplan_cli.load.validation import validate, validate_fast
from ecoplan_cli.load.yaml_source import MAX_BYTES, Document, decode, parse, read_bytes, read_file
from ecoplan_cli.model import Plan, Region

BUNDLED_PLAN_FILES = ("national_2021_2025.yaml", "chongqing_impl.yaml")
Built = TypeVar("Built")
# The regions (regions/china.tsv and its overlays) are read by load/registry.py on first use, not kept here.


@dataclass(frozen=True)
class PlanSource:
    """A plan with where it came from: the file (for locations in reports) and each requirement's line."""

    plan: Plan
    path: str
    display_path: str
    requirement_lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Catalogue:
    """The plans of a run (bundled and the user's), each with where it was read, and the regions they declare."""

    plans: dict[str, PlanSource]
    regions: tuple[Region, ...] = ()  # regions that user plans declare (`regions:`); the national ones: registry.py

    def plan(self, plan_id: str) -> Plan:
        return self.plans[plan_id].plan

    def region(self, name: str, plans: Iterable[str] = ()) -> Region | None:
        """A region by code, unique name or path: a plan's own regions first, then the national registry.

        `plans` (the ids a log answers to) settle a name shared across provinces where an overlay says so
        (a chongqing-impl log's 江北区 is Chongqing's). None when unknown or ambiguous (registry.unresolved says which).
        """
        declared = next((r for r in self.regions if name == r.name or name in r.aliases), None)
        if declared is not None:
            return declared
        from ecoplan_cli.load.registry import national

        registry = national()
        found = registry.lookup(name, plans).found
        return registry.region(found) if found else None

    def with_plan(self, source: PlanSource) -> Catalogue:
        """This catalogue with a user's plan (replacing a plan of the same id) and the regions it declares."""
        known = {r.name for r in self.regions}
        added = tuple(r for r in source.plan.regions if r.name not in known)
        return Catalogue({**self.plans, source.plan.id: source}, self.regions + added)


PACKAGE_DIR = FsPath(__file__).resolve().parent.parent  # plan and region files ship as plain files in the package


def package_file(*parts: str) -> FsPath:
    return PACKAGE_DIR.joinpath(*parts)


_REQUIREMENT_ID_LINE = re.compile(r"^[ \t]*-[ \t]+id:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)


def load_plan_file(path: str, display_path: str | None = None, *, trusted: bool = False) -> PlanSource:
    """Read and validate one plan file; raises InputError with located problems. Bundled plans are trusted.

    A sound plan is read by the fast parser, its requirements' lines found by a scan of the text; anything
    unsound is read again with positions so that each problem names its line and column. A user's sound plan is
    kept in the cache directory, keyed by its bytes, so that a pre-commit run does not validate it again.
    """
    name = display_path or path
    raw = read_bytes(path, display_path, max_bytes=None if trusted else MAX_BYTES)
    cache = None if trusted else _plan_cache(path, name, raw)
    if cache is not None:
        cached = _read_pickle(cache[0])
        if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == cache[1] and isinstance(cached[1], PlanSource):
            return cached[1]
    source = _read_plan(path, name, decode(raw, name, None))
    if cache is not None:
        _write_pickle(cache[0], (cache[1], source))
    return source


def _read_plan(path: str, name: str, content: str) -> PlanSource:
    from ecoplan_cli.load.plan_checks import structural_problems

    fast = validate_fast(content, Plan)
    if fast is not None:
        plan, data = fast
        lines = _requirement_lines(content, plan)
        if lines is not None and not structural_problems(plan, Document(name, data)):
            return PlanSource(plan.with_parameters(), path, name, lines)
    document = parse(content, name)
    plan = validate(Plan, document)
    problems = structural_problems(plan, document)
    if problems:
        raise InputError(problems)
    lines = {requirement.id: document.position(("requirements", index))[0] for index, requirement in enumerate(plan.requirements)}
    return PlanSource(plan.with_parameters(), path, name, lines)


def _requirement_lines(content: str, plan: Plan) -> dict[str, int] | None:
    """Each requirement's line, from the `- id:` lines after `requirements:`; None when the scan is not conclusive."""
    start = re.search(r"^requirements:", content, re.MULTILINE)
    if start is None:
        return None
    offset = content.count("\n", 0, start.start())
    found = [
        (match.group(1), offset + content.count("\n", start.start(), match.start()) + 1)
        for match in _REQUIREMENT_ID_LINE.finditer(content, start.start())
    ]
    expected = [requirement.id for requirement in plan.requirements]
    ids = [identifier for identifier, _ in found if identifier in set(expected)]
    if ids != expected:
        return None
    return {identifier: line for identifier, line in found if identifier in set(expected)}


def _cache_dir() -> FsPath | None:
    """Where parsed plans are kept between runs (None: caching is off)."""
    if os.environ.get("ECOPLAN_NO_CACHE"):
        return None
    base = os.environ.get("ECOPLAN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "ecoplan"
    )
    return FsPath(base)


@cache
def _code_checksum() -> int:
    """The Python version and the code that turns a plan file into a plan: a change of either invalidates every
    cached plan."""
    sources = sorted(package_file("model").glob("*.py"))
    sources += [package_file("load", name) for name in ("catalogue.py", "plan_checks.py", "registry.py")]
    return _checksum(sources, zlib.crc32(sys.version.encode()))


def _checksum(files: Sequence[FsPath], start: int) -> int:
    """A crc32 over each file's length and content, in order, from `start`."""
    checksum = start
    for file in files:
        content = file.read_bytes()
        checksum = zlib.crc32(content, zlib.crc32(len(content).to_bytes(8, "little"), checksum))
    return checksum


def _cache_file(name: str, sources: Sequence[FsPath]) -> FsPath | None:
    """The cache file of something built from `sources` (plan or region files), keyed by their content and the code."""
    base = _cache_dir()
    if base is None:
        return None
    return base / f"{name}-{_checksum(sources, _code_checksum()):08x}.pickle"


def _bundled_sources() -> list[FsPath]:
    return [package_file("plans", name) for name in BUNDLED_PLAN_FILES]


def _cache_path() -> FsPath | None:
    """The bundled catalogue's cache file."""
    return _cache_file("catalogue", _bundled_sources())


def cached_build(name: str, sources: Sequence[FsPath], build: Callable[[], Built], kind: type[Built]) -> Built:
    """What `build()` makes from shipped files, parsed once and then kept in the user's cache directory.

    The cache is keyed by the content of the files and of the code that reads them, so it can never be stale; it is
    written atomically and only ever read back by the same user. ECOPLAN_NO_CACHE=1 turns it off.
    """
    path = _cache_file(name, sources)
    cached = _read_pickle(path) if path is not None else None
    if isinstance(cached, kind):
        return cached
    result = build()
    if path is not None:
        _write_pickle(path, result)
    return result


def _plan_cache(path: str, name: str, raw: bytes) -> tuple[FsPath, str] | None:
    """A user plan's cache file (one per path as given, so an edited plan replaces its entry instead of adding one)
    and the key its content must match: a hash of the bytes, the names it is shown under, and the code."""
    base = _cache_dir()
    if base is None:
        return None
    import hashlib

    where = hashlib.blake2b(f"{os.path.abspath(path)}\0{path}\0{name}".encode(), digest_size=12).hexdigest()
    key = hashlib.blake2b(raw, digest_size=20, key=_code_checksum().to_bytes(4, "little")).hexdigest()
    return base / f"plan-{where}.pickle", key


def _read_pickle(path: FsPath) -> object:
    """A cached object, or None when there is none or it cannot be read (it is then rebuilt)."""
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except Exception:  # missing, damaged, or written by other code: rebuilt
        return None


def _write_pickle(path: FsPath, value: object) -> None:
    try:
        from ecoplan_cli.load.atomic import write_bytes_atomic

        write_bytes_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:  # a read-only home: no cache, no harm
        pass


@cache
def bundled() -> Catalogue:
    """The plans that ship with ecoplan (parsed once, then read back from the cache: see cached_build)."""
    return cached_build("catalogue", _bundled_sources(), _load_bundled, Catalogue)


def _load_bundled() -> Catalogue:
    plans: dict[str, PlanSource] = {}
    for name in BUNDLED_PLAN_FILES:
        source = load_plan_file(str(package_file("plans", name)), f"plans/{name}", trusted=True)
        plans[source.plan.id] = source
    return Catalogue(plans)


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


def load_observance_dates(path: str, known: set[str]) -> dict[str, list[date]]:
    """A user's file of days for observances the plans do not date: `全国低碳日: [2024-05-15]`; raises InputError."""
    from pydantic import RootModel

    from ecoplan_cli.messages import text
    from ecoplan_cli.model.common import IsoDate, Text

    document = read_file(path)
    dates = validate(RootModel[dict[Text, list[IsoDate]]], document).root
    problems = [
        Problem(path, *document.position((name,), key=True), "unknown-observance",
                text("unknown-observance", name=name, known="、".join(sorted(known))))
        for name in dates
        if name not in known
    ]  # fmt: skip
    if problems:
        raise InputError(problems)
    return dates
