"""Ordering of requirement ids as people read them: ZL3-9 before ZL3-10, CQ-5 before CQ-42."""

from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = re.compile(r"(\d+)")


@lru_cache(maxsize=65536)  # sort keys of findings: a few hundred distinct ids, asked for tens of thousands of times
def natural_key(identifier: str) -> str:
    """A sort key that pads every run of digits, so that numbers sort by value."""
    return _DIGITS.sub(lambda match: match.group(1).rjust(6, "0"), identifier)


def finding_key(plan: str, requirement: str, obligation: str, region: str, unit: str, subunit: str | None, period: str) -> str:
    """A finding's identity — obligation, period, unit, region, sub-unit — the same run after run, whatever the as-of
    date (SARIF fingerprints and baselines rely on it)."""
    where = f"{region}/{unit}" + (f"/{subunit}" if subunit else "")
    return f"{plan}:{requirement}/{obligation}@{where}#{period}"
