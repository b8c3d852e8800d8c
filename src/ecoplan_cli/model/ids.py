"""Ordering of requirement ids as people read them: ZL3-9 before ZL3-10, CQ-5 before CQ-42."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"(\d+)")


def natural_key(identifier: str) -> str:
    """A sort key that pads every run of digits, so that numbers sort by value."""
    return _DIGITS.sub(lambda match: match.group(1).rjust(6, "0"), identifier)
