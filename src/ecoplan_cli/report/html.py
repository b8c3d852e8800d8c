"""`ecoplan report`: the supervisor's report as one self-contained HTML page (inline CSS, SVG charts, a little plain script).

The content is prepared by html_data (pure); this module only charts it and hands it to the Jinja2 template, with
autoescaping on: titles, unit names and evidence come from hand-typed logs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ecoplan_cli.messages import text
from ecoplan_cli.report.html_data import ReportData
from ecoplan_cli.report.html_svg import chart

if TYPE_CHECKING:
    from collections.abc import Iterator

    import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every template, whatever its name: log text is never markup
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals["t"] = text
    return env


def charts(data: ReportData) -> dict[str, str]:
    """The trend charts (SVG) of a report's content."""
    y_label = text("html-chart-y")
    return {
        "quarter": chart(
            [(row.label, row.rate) for row in data.by_quarter], kind="line", label=text("html-chart-quarter"), y_label=y_label
        ),
        "year": chart(
            [(row.label, row.rate) for row in data.by_year], kind="bar", label=text("html-chart-year"), y_label=y_label
        ),
    }


def chunks(data: ReportData) -> Iterator[str]:
    """The page in pieces, as the template produces them (a national report is never held whole)."""
    from markupsafe import Markup

    svg = {key: Markup(value) for key, value in charts(data).items()}  # built and escaped in html_svg
    return environment().get_template("report.html.j2").generate(data=data, charts=svg)


def render(data: ReportData) -> str:
    return "".join(chunks(data))
