"""`ecoplan validate`: schema and reference checks (the pre-commit hook)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ecoplan_cli.cli.common import (
    LangOption,
    PlanFileOption,
    app,
)
from ecoplan_cli.messages import set_language


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Activity log files, or folders of them.")],
    plan_file: PlanFileOption = None,
    lang: LangOption = None,
) -> None:
    """Check activity logs against the schema and the plans: exit 0 valid, 1 invalid, 2 usage error."""
    set_language(lang)
    from ecoplan_cli.validate_run import run_validate

    code = run_validate([str(f) for f in files], [str(p) for p in plan_file or ()])
    if code:
        raise typer.Exit(code)
