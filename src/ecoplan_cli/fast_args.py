"""`check` and `validate` arguments read by hand, as typer reads them, so the entry point can run both without
importing typer. Anything this reader is not sure of — --help, an option it does not know, a value click would
refuse or convert — is None: the entry point then hands the arguments to typer, which stays the reference.
tests/test_fast_entry.py holds the two readings equal.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ecoplan_cli.check_command import CheckRequest

LANGUAGES = ("zh", "en")  # --lang's choices (cli.common.Lang)


class Grammar(NamedTuple):
    """A command's options, as typer declares them."""

    values: Mapping[str, str]  # option → field, for the options that take a value
    flags: Mapping[str, str] = {}  # option → field, for the boolean flags
    paths: frozenset[str] = frozenset()  # fields typer reads as a Path (./a.yaml is a.yaml); the arguments are too
    repeated: frozenset[str] = frozenset()  # fields that collect every value given
    least: Mapping[str, int] = {}  # integer fields → their least value (typer's int, min=)
    choices: Mapping[str, tuple[str, ...]] = {}  # fields typer reads as an enumeration


def read(args: list[str], grammar: Grammar) -> dict[str, Any] | None:
    """The fields the arguments give (the arguments as "files"; a repeated field as a tuple), or None."""
    values: dict[str, Any] = {"files": []}
    items = iter(args)
    for arg in items:
        name, equals, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in grammar.flags and not equals:
            values[grammar.flags[name]] = True
            continue
        if name not in grammar.values:
            if arg.startswith("-") or not arg:
                return None  # --help, an unknown option, "-", "--": typer's to read
            values["files"].append(str(Path(arg)))
            continue
        value: Any = inline if equals else next(items, None)
        if value is None:
            return None
        field = grammar.values[name]
        if field in grammar.least:
            if not (value.isascii() and value.isdigit()) or int(value) < grammar.least[field]:
                return None
            value = int(value)
        elif value not in grammar.choices.get(field, (value,)):
            return None
        if field in grammar.paths:
            value = str(Path(value))
        if field in grammar.repeated:
            values.setdefault(field, []).append(value)
        else:
            values[field] = value
    if not values["files"]:
        return None
    return {key: tuple(value) if isinstance(value, list) else value for key, value in values.items()}


VALIDATE = Grammar(
    values={"--plan-file": "plan_files", "--lang": "lang"},
    paths=frozenset({"plan_files"}),
    repeated=frozenset({"plan_files"}),
    choices={"lang": LANGUAGES},
)


def validate_arguments(args: list[str]) -> tuple[tuple[str, ...], tuple[str, ...], str | None] | None:
    """`validate FILE… [--plan-file F]… [--lang L]` as (files, plan files, language), or None."""
    fields = read(args, VALIDATE)
    if fields is None:
        return None
    return fields["files"], fields.get("plan_files", ()), fields.get("lang")


_CHECK_VALUES = {
    "--as-of": "as_of", "--within": "within", "--format": "format", "-f": "format", "--output": "outputs",
    "-o": "outputs", "--requirement": "requirements", "-r": "requirements", "--plan": "plans", "--year": "years",
    "--lead": "leads", "--status": "statuses", "--width": "width", "--jobs": "jobs", "-j": "jobs",
    "--exceptions": "exceptions", "--baseline": "baseline", "--fail-on": "fail_on", "--plan-file": "plan_files",
    "--lang": "lang",
}  # fmt: skip


def _check_grammar() -> Grammar:
    from ecoplan_cli.check_command import CHECK_FORMATS, FAIL_ON

    return Grammar(
        values=_CHECK_VALUES,
        flags={"--strict": "strict", "--no-exceptions": "no_exceptions"},
        paths=frozenset({"exceptions", "baseline", "plan_files"}),
        repeated=frozenset({"outputs", "requirements", "plans", "years", "leads", "statuses", "exceptions", "plan_files"}),
        least={"years": 0, "width": 0, "jobs": 1},
        choices={"format": CHECK_FORMATS, "fail_on": FAIL_ON, "lang": LANGUAGES},
    )


def check_request(args: list[str]) -> tuple[CheckRequest, str | None] | None:
    """`check`'s arguments as (CheckRequest, --lang), or None."""
    from ecoplan_cli.check_command import CheckRequest

    fields = read(args, _check_grammar())
    if fields is None:
        return None
    if "as_of" not in fields and os.environ.get("ECOPLAN_AS_OF"):  # the option's envvar, as typer reads it
        fields["as_of"] = os.environ["ECOPLAN_AS_OF"]
    lang = fields.pop("lang", None)
    return CheckRequest(**fields), lang
