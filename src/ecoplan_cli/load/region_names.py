"""What the registry says to people: a region's name in reports, why a name resolves to no unit, why a date does not fit.

Apart from the registry itself (load/registry.py) so that it stays the data and its indexes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ecoplan_cli.load.registry import Place, Registry, national
from ecoplan_cli.model import Region


def display_name(region: Region) -> str:
    """How reports name a region: its name, or its path when the country has more than one unit of that name."""
    if region.path is None or region.overlay is not None:
        return region.name
    registry = national()
    sharing = registry.by_name.get(region.name, [])
    return region.name if len(sharing) <= 1 or registry.one_line(sharing) else region.path


def identifying_names(region: Region) -> frozenset[str]:
    """Every way to name this region that names it alone: the name reports use, the code, the path, and the name and
    aliases when the country has no other unit so called (an approved exception may name its region any of these)."""
    shown = display_name(region)
    names = {shown, region.code, region.path}
    if shown == region.name:
        names.update((region.name, *region.aliases))
    return frozenset(name for name in names if name)


# --- messages ------------------------------------------------------------------------------------------------------
Params = tuple[tuple[str, object], ...]


def unresolved(query: str, plans: Iterable[str] = (), extra_names: Iterable[str] = ()) -> tuple[str, Params]:
    """Why `query` names no single unit: ambiguous (every candidate with its path and code) or unknown (a hint)."""
    from ecoplan_cli.messages import text

    registry = national()
    lookup = registry.lookup(query, plans)
    if lookup.candidates:
        listed = "; ".join(_describe(registry, p) for p in lookup.candidates)
        example = lookup.candidates[0].code or registry.path(lookup.candidates[0])
        return "ambiguous-region", (("region", query), ("candidates", listed), ("example", example))
    suggestion = registry.suggest(query)
    if not suggestion:
        import difflib

        close = difflib.get_close_matches(query, list(extra_names), n=1, cutoff=0.5)
        suggestion = close[0] if close else ""
    return "unknown-region", (("region", query), ("hint", text("did-you-mean", suggestion=suggestion) if suggestion else ""))


def _describe(registry: Registry, place: Place) -> str:
    validity = place.validity()
    return f"{registry.path(place)} ({place.code or place.kind}{', ' + validity if validity else ''})"


def not_in_force(region: Region, day: date) -> tuple[str, Params] | None:
    """Why an activity of `day` cannot count for `region` (None when the region was in force that day)."""
    if region.in_force(day):
        return None
    from ecoplan_cli.messages import text

    registry = national()
    key = region.code or f"{region.overlay}/{region.name}"
    place = registry.by_key.get(key)
    if region.valid_from is not None and day < region.valid_from:
        others = registry.predecessors.get(key, []) if place else []
        code, bound = "region-not-yet", ("start", region.valid_from.isoformat())
    else:
        others = list(region.successors)
        code, bound = "region-ended", ("end", region.valid_to.isoformat() if region.valid_to else "")
    named = "、".join(registry.label(k) for k in others) or text("region-nobody")
    label = f"{region.name} ({region.code})" if region.code else region.name
    return code, (("region", label), bound, ("date", day.isoformat()), ("others", named))
