"""The region registry: every unit a log can name, with the level that decides what applies, and when it existed."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Self

from pydantic import Field, model_validator

from ecoplan_cli.model.common import IsoDate, Level, StrictModel, Text, new_list


class Region(StrictModel):
    name: Text
    level: Level
    kind: Text = Field(description="As the source says it: 直辖市, 市辖区, 县, 自治县, 县级市, 旗, 新区 …")
    parent: Text | None = None
    aliases: list[Text] = Field(default_factory=new_list)
    note: Text | None = None
    code: Text | None = Field(default=None, description="Six-digit national code (GB/T 2260); none for a functional zone.")
    path: Text | None = Field(default=None, description="省/地级/县级 names from the top, e.g. 辽宁省/沈阳市/铁西区.")
    valid_from: IsoDate | None = Field(default=None, description="First day in force; none: before the plan period.")
    valid_to: IsoDate | None = Field(default=None, description="Last day in force; none: still in force.")
    successors: list[Text] = Field(default_factory=new_list, description="Codes (or names) of the units that took over.")
    overlay: Text | None = Field(default=None, description="The overlay file a unit without a national code comes from.")

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class RegionRegistry(StrictModel):
    id: Text
    title: Text
    note: Text | None = None
    plans: list[Text] = Field(
        default_factory=new_list, description="Plans whose logs resolve a name shared across provinces in this overlay first."
    )
    regions: list[Region] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_names(self) -> Self:
        seen: dict[str, list[Region]] = {}
        for region in self.regions:
            for name in (region.name, *region.aliases):
                seen.setdefault(name, []).append(region)
        duplicates = sorted(name for name, regions in seen.items() if len(regions) > 1 and not _disjoint(regions))
        if duplicates:
            raise ValueError(f"region names repeated: {', '.join(duplicates)}")
        return self


def _disjoint(regions: list[Region]) -> bool:
    """Whether units of one name never coexist (a zone that became a district of the same name)."""
    spans = sorted((r.valid_from or date.min, r.valid_to or date.max) for r in regions)
    return all(earlier[1] < later[0] for earlier, later in pairwise(spans))
