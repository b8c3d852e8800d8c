"""Start-up: what the entry point spares pydantic, and that pydantic behaves the same without it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import sys
from ecoplan_cli.entry import skip_plugin_discovery
skip_plugin_discovery()
from ecoplan_cli.validate_run import run_validate
code = run_validate(["examples/chengkou-county.yaml"])
from pydantic.plugin._loader import get_plugins
print(code, "importlib.metadata" in sys.modules, list(get_plugins()))
"""


def probe(plugins: str | None) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if plugins is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = plugins
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return result.stdout.splitlines()[-1].split()


def test_with_plugins_off_validate_never_imports_importlib_metadata() -> None:
    assert probe("__all__") == ["0", "False", "[]"]


def test_with_plugins_on_or_some_named_pydantic_looks_for_them_as_usual() -> None:
    # the stand-in is only for "all plugins off": otherwise pydantic's own loader reads the installed metadata
    assert probe(None) == ["0", "True", "[]"]
    assert probe("logfire") == ["0", "True", "[]"]


def test_the_stand_in_hands_any_other_name_to_pydantic_s_real_loader() -> None:
    code = (
        "import sys\nfrom ecoplan_cli.entry import skip_plugin_discovery\nskip_plugin_discovery()\n"
        "import pydantic.plugin._loader as loader\nprint(loader.PYDANTIC_ENTRY_POINT_GROUP)"
    )
    env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "__all__"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == "pydantic"
