"""The `ecoplan` console script.

`ecoplan validate FILE…` runs on every commit as a pre-commit hook and `ecoplan check` in every CI job, so their
forms are read by hand (fast_args.py) and run without importing typer (a fifth to a half of their start-up). Every
other command, and anything that reader is not sure of (--help, an option it does not know, a value click would
refuse or convert), goes to the typer application, which stays the reference: the same arguments mean the same run.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn, cast

if TYPE_CHECKING:
    from importlib.abc import Loader
    from importlib.machinery import ModuleSpec
    from types import ModuleType


def _fast_validate(args: list[str]) -> int | None:
    """Run `validate` without typer; None when the arguments need the full CLI."""
    from ecoplan_cli.fast_args import validate_arguments

    read = validate_arguments(args)
    if read is None:
        return None
    files, plan_files, lang = read
    from ecoplan_cli.messages import set_language
    from ecoplan_cli.validate_run import run_validate

    set_language(lang)
    return run_validate(files, plan_files)


def _fast_check(args: list[str]) -> int | None:
    """Run `check` without typer; None when the arguments need the full CLI."""
    from ecoplan_cli.fast_args import check_request

    read = check_request(args)
    if read is None:
        return None
    request, lang = read
    from ecoplan_cli.check_command import run_check_command
    from ecoplan_cli.command_line import UsageProblem
    from ecoplan_cli.messages import set_language

    set_language(lang)
    try:
        return run_check_command(request)
    except UsageProblem as problem:  # shown by typer, as the typer command shows it
        from ecoplan_cli.check_command import replay_usage_problem

        replay_usage_problem(problem)
        return None


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


def _exit_code(done: SystemExit) -> int:
    """The status the interpreter would end with on this SystemExit (None: 0; a message: said, then 1)."""
    if done.code is None or isinstance(done.code, int):
        return done.code or 0
    print(done.code, file=sys.stderr)
    return 1


def _exit(code: int) -> NoReturn:
    """End a run done without typer: output flushed, the interpreter not torn down (a hook runs per commit), unless
    a profiler or a coverage tracer is watching: they write their results as the interpreter ends."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader left (see main)
        code = 1
    if sys.getprofile() is not None or sys.gettrace() is not None:
        raise SystemExit(code)
    os._exit(code)


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
    fast = {"validate": _fast_validate, "check": _fast_check}.get(sys.argv[1] if len(sys.argv) > 1 else "")
    if fast is not None and not any(name.endswith("_COMPLETE") for name in os.environ):  # completion: typer's
        try:
            code = fast(sys.argv[2:])
        except SystemExit as done:  # a usage error or unreadable input, already said
            code = _exit_code(done)
        except KeyboardInterrupt:
            code = 130
        except BrokenPipeError:  # `ecoplan check … | head`: the reader left; as click does, exit 1 quietly
            code = 1
        if code is not None:
            _exit(code)
    from ecoplan_cli.cli import main as full

    full()
