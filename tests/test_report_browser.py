"""`ecoplan report` in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright for Python.

Needs: apt-get install -y chromium fonts-noto-cjk; pip install -e '.[test]' (playwright; it downloads no browser).
Skipped, with the reason, where either is absent. Screenshots and the printed PDF are left in pytest's tmp dir.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import write
from test_report_html import AFTER, EVIL, EXAMPLES

CHROMIUM = os.environ.get("ECOPLAN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]  # fmt: skip

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium fonts-noto-cjk)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A page loaded from a file with every request routed: only the file itself may be fetched."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.url = path.resolve().as_uri()
        self.page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def _route(self, route: Any) -> None:
        self.requests.append(route.request.url)
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def rates(self, table: int = 0) -> list[float]:
        """The completion-rate column of one matrix table (one per group), top to bottom."""
        cells = self.page.locator("table.matrix").nth(table).locator("tr.unit td:nth-of-type(2)")
        return [float(value) for value in cells.evaluate_all("cells => cells.map(c => c.dataset.v)")]

    def visible_rows(self) -> int:
        return int(self.page.locator("table.matrix tr.unit:visible").count())


def test_the_report_in_chromium(browser: Any, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "报告.html"
    code, _, _ = run("report", *EXAMPLES, *AFTER, "-o", out)
    assert code == 0
    _, js, _ = run("check", *EXAMPLES, *AFTER, "--format", "json")
    findings = json.loads(js)["findings"]
    units = {(f["unit"], f["region"]) for f in findings}
    visit = Visit(browser, out)
    page = visit.page
    assert visit.requests == [visit.url]  # nothing but the file itself
    assert visit.errors == [] and visit.dialogs == []
    # one row per unit, and the counts of check --format json
    assert page.locator("table.matrix tr.unit").count() == len(units) == visit.visible_rows()
    assert page.locator("#n-units").inner_text() == str(len(units))
    mandatory = [f for f in findings if f["mandatory"] and f["required"] is not None]
    met = sum(f["status"] == "met" for f in mandatory)
    ended = sum(f["status"] in {"met", "gap"} for f in mandatory)
    assert page.locator("#overall").inner_text() == f"{100 * met / ended:.1f}%"
    gaps = {(f["unit"], f["requirement"]) for f in mandatory if f["status"] == "gap"}
    red_or_yellow = page.locator("table.matrix td.c.r, table.matrix td.c.y").count()
    assert red_or_yellow == len(gaps)
    page.screenshot(path=str(tmp_path / "report.png"))
    page.locator("#final").screenshot(path=str(tmp_path / "final.png"))
    # filters: by name, by status
    page.fill("#filter-name", "城口")
    assert visit.visible_rows() == sum(1 for u, r in units if "城口" in u + r) == 2
    assert page.locator("#shown").inner_text() == f"2 / {len(units)}"
    page.fill("#filter-name", "")
    page.select_option("#filter-status", "g")
    assert visit.visible_rows() == 0  # every example unit has a gap
    page.select_option("#filter-status", "ry")
    assert visit.visible_rows() == len(units)
    page.select_option("#filter-status", "")
    # sorting by the completion rate, within each group's table: ascending, then descending
    header = page.locator("table.matrix").first.locator("th.sortable").nth(2)
    header.click()
    rates = visit.rates()
    assert len(rates) >= 2 and rates == sorted(rates)
    header.click()
    rates = visit.rates()
    assert rates == sorted(rates, reverse=True)
    # a drill-down link leads to the unit's section, with its evidence as links
    page.locator("table.matrix tr.unit a").first.click()
    assert page.evaluate("location.hash").startswith("#u")
    links = page.locator("article.unit-detail a[href^='https://']")
    assert links.count() > 0
    assert visit.requests == [visit.url] and visit.errors == []
    # printed: A4 landscape, a page per unit at least
    page.emulate_media(media="print")
    assert not page.locator(".controls").is_visible()
    pdf = page.pdf(path=str(tmp_path / "report.pdf"), prefer_css_page_size=True, print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= len(units) + 2
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf)
    assert box is not None and float(box.group(1)) > float(box.group(2))  # landscape
    page.close()


def test_an_evil_title_stays_text_in_chromium(browser: Any, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = write(tmp_path, "evil.yaml", EVIL)
    out = tmp_path / "evil.html"
    code, _, _ = run("report", log, *AFTER, "-o", out)
    assert code == 0
    visit = Visit(browser, out)
    page = visit.page
    assert visit.dialogs == [] and visit.errors == [] and visit.requests == [visit.url]
    assert page.locator("script").count() == 1
    assert page.get_by_text("</td><script>alert('title')</script>").count() >= 1
    assert page.locator("table.matrix tr.unit th").first.inner_text().startswith("<script>alert('unit')</script>局")
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.lower().startswith("javascript")]
    assert page.get_by_text("javascript:alert(1)").count() >= 1  # shown as text, not a link
    page.screenshot(path=str(tmp_path / "evil.png"), full_page=True)
    page.close()


def test_a_large_report_starts_folded_and_a_link_unfolds(browser: Any, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    logs = tmp_path / "logs"
    logs.mkdir()
    regions = ["城口县", "丰都县", "巫山县"]
    for index in range(201):  # above 200 units, groups and drill-downs start folded
        write(logs, f"u{index}.yaml", f"plans: [chongqing-impl]\nunit: 单位{index}\nregion: {regions[index % 3]}\nactivities:\n")
    out = tmp_path / "large.html"
    code, _, _ = run("report", logs, *AFTER, "-o", out, "--details", "3")
    assert code == 0
    visit = Visit(browser, out)
    page = visit.page
    assert page.locator("table.matrix tr.unit").count() == 201 and visit.visible_rows() == 0  # all folded
    assert page.locator("details.unit-body[open]").count() == 0
    heading = page.locator("article.unit-detail h3").first.inner_text()  # "单位N 城口县 · …": a detailed unit
    unit, region = heading.split()[:2]
    page.fill("#filter-name", f"{unit} {region}")  # a filter unfolds the groups holding a match
    assert visit.visible_rows() == 1
    page.locator("table.matrix tr.unit:visible a").first.click()
    assert page.locator("details.unit-body[open]").count() == 1  # the link opened that unit's drill-down
    assert visit.errors == [] and visit.requests == [visit.url]
    page.close()
