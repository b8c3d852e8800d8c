"""The message catalogue: one code, one message, in both languages, whichever area module defines it."""

from __future__ import annotations

import importlib
import pkgutil
import string

import ecoplan_cli.messages as messages


def _area_modules() -> list[object]:
    return [importlib.import_module(f"ecoplan_cli.messages.{m.name}") for m in pkgutil.iter_modules(messages.__path__)]


def test_every_area_module_is_in_the_catalogue_and_no_code_is_defined_twice() -> None:
    seen: dict[str, str] = {}
    for module in _area_modules():
        for code in module.MESSAGES:  # type: ignore[attr-defined]
            assert code not in seen, f"{code} is defined in {seen[code]} and {module.__name__}"  # type: ignore[attr-defined]
            seen[code] = module.__name__  # type: ignore[attr-defined]
    assert set(seen) == set(messages.CATALOGUE)


def test_both_languages_take_the_same_parameters() -> None:
    formatter = string.Formatter()
    for code, (english, chinese) in messages.CATALOGUE.items():
        fields_en = {name for _, name, _, _ in formatter.parse(english) if name}
        fields_zh = {name for _, name, _, _ in formatter.parse(chinese) if name}
        assert fields_en == fields_zh, code
