"""The `ecoplan` console script.

`ecoplan validate FILE…` runs on every commit as a pre-commit hook, so its common forms are parsed here by hand and
run without importing typer (about half of the command's start-up). Every other command, and any validate option
this parser does not know (--help included), goes to the typer application, which stays the reference.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from importlib.abc import Loader
    from importlib.machinery import ModuleSpec
    from types import ModuleType


def _fast_validate(args: list[str]) -> int | None:
    """Run `validate` for FILE… [--lang L] [--plan-file F]…; None when the arguments need the full CLI."""
    files: list[str] = []
    plan_files: list[str] = []
    lang: str | None = None
    items = iter(args)
    for arg in items:
        if arg in ("--lang", "--plan-file"):
            value = next(items, None)
            if value is None:
                return None
            if arg == "--lang":
                if value not in ("zh", "en"):
                    return None
                lang = value
            else:
                plan_files.append(value)
        elif arg.startswith("-"):
            return None
        else:
            files.append(arg)
    if not files:
        return None
    from ecoplan_cli.messages import set_language
    from ecoplan_cli.validate_run import run_validate

    set_language(lang)
    return run_validate(files, plan_files)


def lang_argument(args: list[str]) -> str | None:
    """The --lang value among the arguments, if any (for messages printed before the arguments are parsed)."""
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
    return None


_LOADER = "pydantic.plugin._loader"


class _NoPlugins:
    """Imports pydantic's plugin loader as a stand-in that answers "no plugins" (what the real one answers when
    PYDANTIC_DISABLE_PLUGINS is __all__) without importing importlib.metadata first, a fifth of `validate`'s
    start-up. Any other name pydantic asks of its loader brings the real one in."""

    def find_spec(self, name: str, path: Sequence[str] | None, target: ModuleType | None = None) -> ModuleSpec | None:
        if name != _LOADER:
            return None
        from importlib.machinery import ModuleSpec

        return ModuleSpec(name, cast("Loader", self))

    def create_module(self, spec: ModuleSpec) -> None:
        return None  # the default module

    def exec_module(self, module: Any) -> None:
        def get_plugins() -> tuple[()]:
            return ()

        def real(name: str) -> object:
            if name.startswith("__"):  # the import system's own questions (__path__: a package?)
                raise AttributeError(name)
            import importlib

            if self in sys.meta_path:
                sys.meta_path.remove(self)
            if sys.modules.get(_LOADER) is module:
                del sys.modules[_LOADER]
            return getattr(importlib.import_module(_LOADER), name)

        module.get_plugins = get_plugins
        module.__getattr__ = real


def skip_plugin_discovery() -> None:
    """With pydantic's plugins turned off, spare it the search for them (see _NoPlugins)."""
    off = os.environ.get("PYDANTIC_DISABLE_PLUGINS") == "__all__"
    if off and _LOADER not in sys.modules and not any(isinstance(f, _NoPlugins) for f in sys.meta_path):
        sys.meta_path.insert(0, _NoPlugins())


def main() -> None:
    # A run allocates many small, long-lived objects (models of every activity) and makes few cycles: collecting
    # young objects every 700 allocations spent a fifth of a large check walking them. Collect far less often.
    gc.set_threshold(100_000, 50, 100)
    # ecoplan uses no pydantic plugin; not looking for any spares every run a scan of installed packages' metadata.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_plugin_discovery()
    from ecoplan_cli.environment import environment_problems

    if environment_problems():  # ECOPLAN_MAX_BYTES=abc: a usage error before anything reads it
        from ecoplan_cli.messages import set_language, text

        set_language(lang_argument(sys.argv[1:]))
        for problem in environment_problems():  # again, in the chosen language
            print(text("usage-error", detail=problem), file=sys.stderr)
        sys.exit(2)
    if len(sys.argv) > 1 and sys.argv[1] == "validate":
        code = _fast_validate(sys.argv[2:])
        if code is not None:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)  # nothing left to clean up: skip tearing down the interpreter (a hook runs per commit)
    from ecoplan_cli.cli import main as full

    full()
