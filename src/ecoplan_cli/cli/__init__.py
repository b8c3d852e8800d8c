"""The command line: parse options, call load → engine → report, choose the exit code. No rule lives here.

One module per command group; each registers its commands on the shared application when imported.
"""

from __future__ import annotations

from ecoplan_cli.cli import calendar, check, convert, exceptions, plans, regions, report, starter, validate, version
from ecoplan_cli.cli.common import app

__all__ = ["app", "main"]
_COMMANDS = (calendar, check, convert, exceptions, plans, regions, report, starter, validate, version)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover
        raise SystemExit(130) from None
