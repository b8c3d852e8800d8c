"""Every message shown to people, in English and Chinese, in one place.

The language is chosen once per run (``--lang``, else the locale: zh when LANG/LC_ALL/LC_MESSAGES starts with zh).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ecoplan_cli.messages import (
    accounting,
    calendar,
    check,
    events,
    exceptions,
    hints,
    html,
    plans,
    reading,
    regions,
    reports,
    sheets,
    yaml,
)

LANGUAGES = ("en", "zh")

_current = "en"

# One catalogue, gathered from one module per area (codes are unique across them: a test checks it).
CATALOGUE: dict[str, tuple[str, str]] = {
    **reading.MESSAGES,
    **plans.MESSAGES,
    **calendar.MESSAGES,
    **check.MESSAGES,
    **exceptions.MESSAGES,
    **regions.MESSAGES,
    **accounting.MESSAGES,
    **sheets.MESSAGES,
    **html.MESSAGES,
    **events.MESSAGES,
    **yaml.MESSAGES,
    **reports.MESSAGES,
    **hints.MESSAGES,
}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ "; did you mean X?" for the closest of choices, or nothing when none is close."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return text("did-you-mean", suggestion=close[0]) if close else ""


def set_language(language: str | None) -> str:
    """Choose the language for this run; None picks it from the locale."""
    global _current
    _current = language if language in LANGUAGES else default_language()
    return _current


def default_language() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def language() -> str:
    return _current


def text(code: str, **params: object) -> str:
    """The message for `code` in the current language, with params filled in."""
    english, chinese = CATALOGUE[code]
    template = chinese if _current == "zh" else english
    return template.format(**params)
