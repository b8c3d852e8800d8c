"""The region registry: every unit a log can name, with the level that decides what applies."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from ecoplan_cli.model.common import Level, StrictModel, Text


class Region(StrictModel):
    name: Text
    level: Level
    kind: Text = Field(description="As the source says it: 直辖市, 区, 县, 自治县, 新区 …")
    parent: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    note: Text | None = None


class RegionRegistry(StrictModel):
    id: Text
    title: Text
    note: Text | None = None
    regions: list[Region] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_names(self) -> Self:
        names = [n for region in self.regions for n in (region.name, *region.aliases)]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"region names repeated: {', '.join(duplicates)}")
        return self
