from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecoplan_cli.cli import app
from ecoplan_cli.load.catalogue import Catalogue, bundled

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT / "docs" / "sources"  # the source texts the plan files quote, vendored


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return bundled()


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    monkeypatch.delenv("ECOPLAN_AS_OF", raising=False)
    monkeypatch.chdir(ROOT)  # reports name files as given: relative paths keep golden files checkout-independent
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return invoke


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def with_exceptions(folder: Path) -> Path:
    """A copy of the county example's approved exceptions beside logs copied into `folder` (its log names
    exceptions/chengkou.yaml, relative to itself)."""
    import shutil

    target = folder / "exceptions"
    if not target.exists():
        shutil.copytree(EXAMPLES / "exceptions", target)
    return folder


def county_text() -> str:
    """The county example's text without its exceptions line: for tests that copy the log somewhere else and are
    about something other than approved exceptions (its findings are then those of --no-exceptions)."""
    text = (EXAMPLES / "chengkou-county.yaml").read_text(encoding="utf-8")
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("exceptions:"))
