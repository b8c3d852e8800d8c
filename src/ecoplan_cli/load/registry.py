"""The national region registry (china.tsv) with its overlays (chongqing.yaml): read once, indexed by code and name.

A log names its region by code (130102), by a name that is unique (or whose bearers succeed one another, such as
两江新区 the zone and 两江新区 the district), or by a path from the top (辽宁省/沈阳市/铁西区, or 沈阳市/铁西区).
Lookups are dictionary hits; the table is parsed on first use (a few milliseconds) and kept for the process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import cache, cached_property
from itertools import pairwise
from typing import Any, NamedTuple

from ecoplan_cli.model import Level, Region

# How each type the national code list gives maps onto the plans' levels (docs/encoding-guide.md, "Region levels").
LEVEL_OF_TYPE: dict[str, Level] = {
    "省": Level.PROVINCE,
    "自治区": Level.PROVINCE,
    "直辖市": Level.PROVINCE,
    "特别行政区": Level.PROVINCE,
    "地级市": Level.PREFECTURE,
    "自治州": Level.PREFECTURE,
    "地区": Level.PREFECTURE,
    "盟": Level.PREFECTURE,
    "市辖区": Level.DISTRICT,  # 区级每季度: the plan's 区 is the urban district
    "县": Level.COUNTY,  # 县级每半年: every other county-level unit
    "自治县": Level.COUNTY,
    "县级市": Level.COUNTY,
    "旗": Level.COUNTY,
    "自治旗": Level.COUNTY,
    "林区": Level.COUNTY,
    "特区": Level.COUNTY,
}
TIERS = {Level.PROVINCE: 0, Level.PREFECTURE: 1, Level.DISTRICT: 2, Level.COUNTY: 2}


class Place(NamedTuple):  # a NamedTuple, not a dataclass: a frozen dataclass costs milliseconds of start-up to create
    """One unit of the registry. `key` is its code, or `overlay/<name>` for a functional zone with no code."""

    key: str
    code: str
    name: str
    kind: str
    parent: str  # the parent's key; "" for a province
    level: Level
    valid_from: date | None = None
    valid_to: date | None = None
    successors: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    note: str = ""
    overlay: str = ""

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def validity(self) -> str:
        """`2025-11-06…`, `…2025-11-05`, or `` (always in force)."""
        if self.valid_from is None and self.valid_to is None:
            return ""
        start = self.valid_from.isoformat() if self.valid_from else ""
        return f"{start}…{self.valid_to.isoformat() if self.valid_to else ''}"


class Lookup(NamedTuple):
    """What a query found: one unit (or one line of succession, oldest first), or the candidates it could mean."""

    found: tuple[Place, ...] = ()
    candidates: tuple[Place, ...] = ()


class _Places(Mapping[str, Place]):
    """Units by key, each built from its row of the table on first use: start-up splits 3,200 lines, builds a few."""

    def __init__(self, rows: dict[str, str]) -> None:
        self._rows = rows
        self._built: dict[str, Place] = {}
        self._order = list(rows)

    def __getitem__(self, key: str) -> Place:
        place = self._built.get(key)
        if place is None:
            code, name, kind, parent, start, end, successors, note = self._rows[key].split("\t")
            place = self._built[key] = Place(
                code, code, name, kind, parent, LEVEL_OF_TYPE[kind],
                date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None,
                tuple(successors.split(";")) if successors else (), (), note,
            )  # fmt: skip
        return place

    def __setitem__(self, key: str, place: Place) -> None:
        if key not in self:
            self._order.append(key)
        self._built[key] = place

    def __contains__(self, key: object) -> bool:
        return key in self._built or key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def name_index(self) -> dict[str, list[str]]:
        """Name or alias → keys, without building a unit that has no alias or successor."""
        index: dict[str, list[str]] = {}
        for key in self._order:
            place = self._built.get(key)
            if place is None:  # the name is the second column: slice it out, do not split the line
                line = self._rows[key]
                start = len(key) + 1
                index.setdefault(line[start : line.index("\t", start)], []).append(key)
                continue
            for name in dict.fromkeys((place.name, *place.aliases)):
                index.setdefault(name, []).append(key)
        return index

    def successions(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        for key in self._order:
            place = self._built.get(key)
            if place is not None:
                if place.successors:
                    yield key, place.successors
            elif not self._rows[key].endswith("\t\t"):  # valid_to, successors or note given: the few dated units
                successors = self._rows[key].split("\t")[6]
                if successors:
                    yield key, tuple(successors.split(";"))


class _Names(Mapping[str, list[Place]]):
    def __init__(self, index: dict[str, list[str]], places: Mapping[str, Place]) -> None:
        self._index, self._places = index, places

    def __getitem__(self, name: str) -> list[Place]:
        return [self._places[key] for key in self._index[name]]

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


class Registry:
    """The units with their indexes: by key (code), by name or alias, and who preceded whom."""

    def __init__(self, by_key: _Places, preferred: dict[str, str] | None = None) -> None:
        self.by_key = by_key
        self.preferred = preferred or {}  # plan id → province key its logs' names resolve in first
        self._paths: dict[str, str] = {}
        self.by_name = _Names(self.by_key.name_index(), self.by_key)
        self.predecessors: dict[str, list[str]] = {}
        for key, successors in self.by_key.successions():
            for successor in successors:
                self.predecessors.setdefault(successor, []).append(key)

    @cached_property
    def places(self) -> tuple[Place, ...]:
        """Every unit (builds them all: for listings and tests, not for a log's lookup)."""
        return tuple(self.by_key[key] for key in self.by_key)

    # --- naming --------------------------------------------------------------------------------------------------
    def ancestors(self, place: Place) -> list[Place]:
        chain = []
        parent = self.by_key.get(place.parent)
        while parent is not None:
            chain.append(parent)
            parent = self.by_key.get(parent.parent)
        return chain[::-1]

    def path(self, place: Place) -> str:
        found = self._paths.get(place.key)
        if found is None:
            found = self._paths[place.key] = "/".join([a.name for a in self.ancestors(place)] + [place.name])
        return found

    def province(self, place: Place) -> str:
        chain = self.ancestors(place)
        return chain[0].key if chain else place.key

    def label(self, key: str) -> str:
        """`江北区 (500105)` or `两江新区 (功能区)` for messages."""
        place = self.by_key.get(key)
        if place is None:
            return key
        return f"{place.name} ({place.code or place.kind})"

    # --- lookup ----------------------------------------------------------------------------------------------------
    def lookup(self, query: str, plans: Iterable[str] = ()) -> Lookup:
        query = query.strip()
        if query.isdigit() and len(query) in (2, 4, 6):
            place = self.by_key.get(query.ljust(6, "0"))
            return Lookup((place,)) if place else Lookup()
        if "/" in query:
            parts = [part.strip() for part in query.strip("/").split("/")]
            candidates = [p for p in self.by_name.get(parts[-1], ()) if self._under(p, parts[:-1])]
        else:
            candidates = list(self.by_name.get(query, ()))
        return self._decide(candidates, plans)

    def _under(self, place: Place, names: Sequence[str]) -> bool:
        """Whether `names` are ancestors of `place` in order, ending with its parent (沈阳市/铁西区, 辽宁省/沈阳市/铁西区)."""
        chain = self.ancestors(place)
        if len(names) > len(chain):
            return False
        tail = chain[len(chain) - len(names) :]
        return all(name in (a.name, *a.aliases) for name, a in zip(names, tail, strict=True))

    def _decide(self, candidates: list[Place], plans: Iterable[str]) -> Lookup:
        if len(candidates) <= 1 or self.one_line(candidates):
            return Lookup(tuple(sorted(candidates, key=_start)))
        provinces = {self.preferred[p] for p in plans if p in self.preferred}
        if provinces:
            preferred = [c for c in candidates if self.province(c) in provinces]
            if len(preferred) == 1 or (preferred and self.one_line(preferred)):
                return Lookup(tuple(sorted(preferred, key=_start)))
        return Lookup(candidates=tuple(sorted(candidates, key=lambda p: (p.code or "~", p.key))))

    def one_line(self, places: list[Place]) -> bool:
        """Whether units of one name succeed one another (never two in force at once, each ending in the next)."""
        ordered = sorted(places, key=_start)
        return all(
            earlier.valid_to is not None and later.key in earlier.successors and not later.in_force(earlier.valid_to)
            for earlier, later in pairwise(ordered)
        )

    def suggest(self, query: str) -> str:
        """The closest name at the query's own level: `重庆市城口县` → 城口县 (never 重庆市)."""
        query = query.strip()
        for cut in range(len(query) - 1, 0, -1):  # a parent's name written in front: 重庆市城口县, 沈阳市铁西区
            head, rest = query[:cut], query[cut:]
            if head in self.by_name and rest in self.by_name:
                within = [p for p in self.by_name[rest] if any(head in (a.name, *a.aliases) for a in self.ancestors(p))]
                if within:
                    return rest if len(self.by_name[rest]) == 1 else self.path(within[0])
        import difflib

        tier = _tier_of(query)
        names = [n for n, ps in self.by_name.items() if tier is None or any(TIERS.get(p.level) == tier for p in ps)]
        close = difflib.get_close_matches(query, names, n=1, cutoff=0.5)
        return close[0] if close else ""

    def search(self, query: str, on: date | None = None) -> list[Place]:
        """Units whose code, name, alias or path matches `query` (exact first, then containing it); `PATH/` lists
        the units under a unit."""
        query = query.strip()
        if query.endswith("/") and query.strip("/"):  # 三明市/: the unit's own units
            parents = {p.key for p in self.lookup(query.rstrip("/")).found}
            children = [p for p in self.places if p.parent in parents]
            return sorted([p for p in children if on is None or p.in_force(on)], key=lambda p: (p.code or "~", p.key))
        exact = self.lookup(query)
        hits = list(exact.found or exact.candidates)
        if not hits and query:
            hits = [p for p in self.places if query in p.name or any(query in a for a in p.aliases) or p.code.startswith(query)]
        if on is not None:
            hits = [p for p in hits if p.in_force(on)]
        return sorted(hits, key=lambda p: (p.code or "~", p.key))

    # --- the model a log carries ------------------------------------------------------------------------------------
    def region(self, places: Sequence[Place]) -> Region:
        """One Region for a unit (or a line of succession of one name: 两江新区 the zone, then the district)."""
        first, last = places[0], places[-1]
        parent = self.by_key.get(last.parent)
        notes = [p.note for p in places if p.note]
        return Region.model_construct(  # trusted data: no validator to build (it costs start-up time and memory)
            name=last.name,
            level=last.level,
            kind=last.kind,
            parent=parent.name if parent else None,
            aliases=list(last.aliases),
            note="；".join(notes) or None,
            code=last.code or None,
            path=self.path(last),
            valid_from=first.valid_from,
            valid_to=last.valid_to,
            successors=list(last.successors),
            overlay=last.overlay or None,
        )

    def neighbours(self, place: Place, day: date) -> list[str]:
        """The units in force on `day` that preceded or succeeded `place` (keys), for a region-not-in-force message."""
        direction = self.predecessors.get(place.key, []) if place.valid_from and day < place.valid_from else place.successors
        return list(direction)


def _start(place: Place) -> date:
    return place.valid_from or date.min


def _tier_of(query: str) -> int | None:
    if query.endswith(("省", "自治区")):
        return 0
    if query.endswith(("州", "盟", "地区")):
        return 1
    if query.endswith(("区", "县", "旗")):
        return 2
    return None


# --- reading -------------------------------------------------------------------------------------------------------
NATIONAL_FILE = "china.tsv"
OVERLAY_FILES = ("chongqing.yaml",)


@cache
def national() -> Registry:
    """The shipped registry: china.tsv with the overlays applied. Parsed once, then read back from the cache."""
    from ecoplan_cli.load.catalogue import cached_build, package_file

    sources = [package_file("regions", name) for name in (NATIONAL_FILE, *OVERLAY_FILES)]
    return cached_build("regions", sources, _read_national, Registry)


def _read_national() -> Registry:
    from ecoplan_cli.load.catalogue import package_file

    text = package_file("regions", NATIONAL_FILE).read_text(encoding="utf-8")
    rows = {line[: line.index("\t")]: line for line in text.splitlines() if line and not line.startswith(("#", "code\t"))}
    places = _Places(rows)
    preferred: dict[str, str] = {}
    for overlay in OVERLAY_FILES:
        preferred.update(_apply_overlay(places, overlay))
    return Registry(places, preferred)


def _apply_overlay(places: _Places, file_name: str) -> dict[str, str]:
    """Settings for coded units (level, aliases, note) and the functional zones with no code; returns plan → province.

    The shipped overlay is read as plain data (tests validate it against RegionRegistry), so that start-up does not
    pay for building a model's validator.
    """
    from ecoplan_cli.load import fast_yaml
    from ecoplan_cli.load.catalogue import package_file

    path = package_file("regions", file_name)
    data = fast_yaml.parse(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: not a mapping"
    overlay_id = str(data["id"])
    entries: list[dict[str, Any]] = data["regions"]
    coded = {places[str(e["code"])].name: str(e["code"]) for e in entries if "code" in e}
    root = ""
    for entry in entries:
        aliases = tuple(str(a) for a in entry.get("aliases", ()))
        note = str(entry.get("note", ""))
        if "code" in entry:
            base = places[str(entry["code"])]
            places[base.key] = Place(
                base.key, base.code, base.name, base.kind, base.parent, Level(entry["level"]), base.valid_from,
                base.valid_to, base.successors, aliases, base.note or note, "",
            )  # fmt: skip
            root = root or (base.key if base.parent == "" else "")
            continue
        key = f"{overlay_id}/{entry['name']}"
        places[key] = Place(
            key, "", str(entry["name"]), str(entry["kind"]), coded.get(str(entry.get("parent", "")), ""),
            Level(entry["level"]), _day(entry.get("valid_from")), _day(entry.get("valid_to")),
            tuple(str(s) for s in entry.get("successors", ())), aliases, note, overlay_id,
        )  # fmt: skip
    return dict.fromkeys((str(p) for p in data.get("plans", ())), root) if root else {}


def _day(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
