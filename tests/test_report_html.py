"""`ecoplan report`: the supervisor's HTML page — its content (pure functions), its escaping, its command."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import write

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = sorted(str(p) for p in Path(__file__).resolve().parent.parent.joinpath("examples").glob("*.yaml"))
AFTER = ("--as-of", "2026-01-15")

EVIL = """plans: [chongqing-impl]
unit: "<script>alert('unit')</script>局"
region: 城口县
activities:
  - id: "<img src=x onerror=alert(1)>"
    date: 2024-04-25
    title: "</td><script>alert('title')</script>"
    requirements: [CQ-17]
    evidence: ["javascript:alert(1)", "https://example.org/a?b=1&c=\\"><script>x</script>", "档案室 第3盒"]
"""


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ECOPLAN_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


class _Collect(HTMLParser):
    """Every start tag with its attributes, and the text of every script element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parsed(page: str) -> _Collect:
    collector = _Collect()
    collector.feed(page)
    return collector


def test_the_examples_report_is_written_in_chinese_by_default(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "报告.html"
    code, _, err = run("report", *EXAMPLES, *AFTER, "-o", out)
    assert code == 0 and "已写入" in err and f"{len(EXAMPLES)} 个单位" in err  # one unit per example log
    page = out.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page and "规划期终期评估" in page and "单位 × 任务完成情况" in page
    # the examples span two provinces (Chongqing's units, 石家庄's 长安区): the matrix is grouped by province
    assert re.findall(r'<details class="group" open><summary>(\S+) —', page) == ["重庆市", "河北省"] and "按省份分组" in page
    for log in EXAMPLES:  # the logs read, with their hashes: a printed report can be traced
        import hashlib

        assert f"<td>{Path(log).name}" in page.replace("examples/", "") or log in page
        assert hashlib.sha256(Path(log).read_bytes()).hexdigest() in page


def test_english_on_request(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.html"
    code, _, err = run("report", *EXAMPLES, *AFTER, "-o", out, "--lang", "en")
    assert code == 0 and "wrote" in err
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Final evaluation of the plan period" in page


def test_the_page_is_self_contained(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.html"
    run("report", *EXAMPLES, *AFTER, "-o", out)
    collector = parsed(out.read_text(encoding="utf-8"))
    for tag, attrs in collector.tags:
        assert tag not in {"link", "img", "iframe", "object", "embed"}, tag
        assert "src" not in attrs, (tag, attrs)  # scripts and styles are inline; nothing is fetched
    csp = [a["content"] for t, a in collector.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0] or "")
    assert all("http" not in script for script in collector.scripts)


def test_same_inputs_same_bytes(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    run("report", *EXAMPLES, *AFTER, "-o", first)
    run("report", *EXAMPLES, *AFTER, "-o", second)
    assert first.read_bytes() == second.read_bytes()


def test_the_county_report_is_golden(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.html"
    code, _, _ = run("report", "examples/chengkou-county.yaml", *AFTER, "-o", out, "--lang", "en")
    assert code == 0
    golden("chengkou-county.report.html", out.read_text(encoding="utf-8"))


def test_hand_typed_text_stays_text(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = write(tmp_path, "evil.yaml", EVIL)
    out = tmp_path / "r.html"
    code, _, _ = run("report", log, *AFTER, "-o", out)
    assert code == 0
    page = out.read_text(encoding="utf-8")
    collector = parsed(page)
    assert len([t for t, _ in collector.tags if t == "script"]) == 1  # only the report's own
    assert not [t for t, _ in collector.tags if t == "img"]
    assert "&lt;/td&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#39;unit&#39;)&lt;/script&gt;局" in page
    hrefs = [a.get("href") or "" for t, a in collector.tags if t == "a"]
    assert not [h for h in hrefs if h.lower().startswith("javascript")]  # only http(s) evidence becomes a link
    assert 'https://example.org/a?b=1&c="><script>x</script>' in hrefs
    assert "javascript:alert(1)" in page.replace("&#58;", ":") and "档案室 第3盒" in page  # shown, as text
    ids = [a.get("id") or "" for _, a in collector.tags if a.get("id")]
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids), ids  # anchors never carry hand-typed text


def test_the_final_view_only_after_the_plan_period(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.html"
    run("report", *EXAMPLES, "--as-of", "2024-06-30", "-o", out)
    page = out.read_text(encoding="utf-8")
    assert 'id="final"' not in page and "规划期终期评估" not in page and 'id="matrix"' in page


def test_matrix_counts_match_check_json(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.html"
    run("report", *EXAMPLES, *AFTER, "-o", out)
    _, js, _ = run("check", *EXAMPLES, *AFTER, "--format", "json")
    findings = json.loads(js)["findings"]
    page = out.read_text(encoding="utf-8")
    units = {(f["unit"], f["region"]) for f in findings}
    assert page.count('<tr class="unit"') == len(units)
    mandatory = [f for f in findings if f["mandatory"] and f["required"] is not None]
    met = sum(1 for f in mandatory if f["status"] == "met")
    ended = sum(1 for f in mandatory if f["status"] in {"met", "gap"})
    assert f'<b id="overall">{100 * met / ended:.1f}%</b>' in page
    cells = re.findall(r'<td class="c [gyr]">[✓△✗](\d+)/(\d+)</td>', page)
    assert sum(int(m) for m, _ in cells) == met and sum(int(e) for _, e in cells) == ended


def test_an_output_that_is_an_input_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = write(tmp_path, "log.yaml", Path(EXAMPLES[0]).read_text(encoding="utf-8"))
    before = log.read_bytes()
    code, _, err = run("report", log, *AFTER, "-o", log)
    assert code == 2 and "--output" in err
    assert log.read_bytes() == before


def test_an_invalid_log_exits_2_and_writes_nothing(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "bad.yaml", "plans: [chongqing-impl]\nunit: x\nregion: 不存在县\n")
    out = tmp_path / "r.html"
    code, _, err = run("report", path, "-o", out)
    assert code == 2 and f"{path}:3:9:" in err and not out.exists()


# --------------------------------------------------------------------------- the pure parts


def test_section_of_groups_by_box_or_action() -> None:
    from ecoplan_cli.report.html_tally import section_of

    assert section_of("二、主要任务（三）开展新闻宣传与舆论引导行动 2.做好新闻发布；附件1 第16行") == (
        "二、主要任务（三）开展新闻宣传与舆论引导行动"
    )
    national = "二、主要任务（一）深入学习宣传贯彻习近平生态文明思想，引领美丽中国建设 专栏1：研习行动 2"
    assert section_of(national) == "专栏1：研习行动"
    assert section_of("附件2") == "附件2"


def test_charts_are_well_formed_svg_with_escaped_labels() -> None:
    from ecoplan_cli.report.html_svg import chart
    from ecoplan_cli.report.html_tally import Rate

    points = [("2021", Rate(3, 1)), ("<2022>", Rate(0, 0)), ("2023&", Rate(1, 1))]
    bar = ET.fromstring(chart(points, kind="bar", label="a<b", y_label="%"))
    texts = [t.text for t in bar.iter("{http://www.w3.org/2000/svg}text")]
    assert {"<2022>", "2023&", "a<b", "75.0%", "50.0%", "0%", "100%"} <= set(texts)
    assert len(list(bar.iter("{http://www.w3.org/2000/svg}rect"))) == 2  # nothing ended in <2022>: no bar
    line = ET.fromstring(chart(points, kind="line", label="x", y_label="%"))
    polyline = line.find("{http://www.w3.org/2000/svg}polyline")
    assert polyline is not None and len((polyline.get("points") or "").split()) == 2  # nothing ended: no point


def test_rates_and_final_rows_from_findings(catalogue) -> None:  # type: ignore[no-untyped-def]
    """Four annual periods of one requirement for three units: met in all, in most, never."""
    from ecoplan_cli.engine.evaluate import Finding, Status
    from ecoplan_cli.model import Level, Measure, Recurrence
    from ecoplan_cli.report.base import CheckReport
    from ecoplan_cli.report.html_data import Inputs, build, sections
    from ecoplan_cli.report.html_tally import count

    def finding(unit: str, year: int, status: Status) -> Finding:
        end = date(year, 12, 31)
        return Finding(
            "chongqing-impl", "CQ-31", "district-county", "打造生态文化精品项目", unit, unit[:3], Level.COUNTY,
            Recurrence.ANNUAL, str(year), date(year, 1, 1), end, end, Measure.PRODUCTS, 1,
            1 if status is Status.MET else 0, status, True, ("a",) if status is Status.MET else (), ("市委宣传部",),
        )  # fmt: skip

    findings = [finding("城口县局", y, Status.MET) for y in range(2022, 2026)]
    findings += [finding("丰都县局", y, Status.GAP if y == 2022 else Status.MET) for y in range(2022, 2026)]
    findings += [finding("巫山县局", y, Status.GAP) for y in range(2022, 2026)]
    plans = {key: source.plan for key, source in catalogue.plans.items()}
    report = CheckReport(date(2026, 1, 15), findings, (), plans, {}, {})
    counts = count(findings, sections(report))
    data = build(report, counts, Inputs(), "en")
    assert (data.overall.met, data.overall.ended) == (7, 12)
    assert [row.unit for group in data.groups for row in group.rows] == ["巫山县局", "丰都县局", "城口县局"]  # worst first
    assert [(c.css, c.symbol, c.label) for row in data.groups[0].rows for c in row.cells] == [
        ("r", "✗", "0/4"), ("y", "△", "3/4"), ("g", "✓", "4/4"),
    ]  # fmt: skip
    assert data.final is not None
    assert [(r.ident, r.every, r.most, r.some, r.never) for r in data.final.rows] == [("CQ-31", 1, 1, 0, 1)]
    assert [row.label for row in data.by_year] == ["2022", "2023", "2024", "2025"]
    assert Counter(r.rate.met for r in data.by_year) == Counter({2: 3, 1: 1})
    coverage = data.final.coverage[0]
    zl4 = next(row for row in coverage.rows if row.ident == "ZL4-1")
    assert "CQ-31" in zl4.children and zl4.done == ("CQ-31",)


@pytest.mark.parametrize("units", [3, 70])
def test_large_reports_fold_the_matrix_by_region(run, tmp_path: Path, units: int) -> None:  # type: ignore[no-untyped-def]
    logs = tmp_path / "logs"
    logs.mkdir()
    regions = ["城口县", "丰都县", "巫山县"]
    for index in range(units):
        region = regions[index % 3]
        write(logs, f"u{index}.yaml", f"plans: [chongqing-impl]\nunit: 单位{index}\nregion: {region}\nactivities:\n")
    out = tmp_path / "r.html"
    code, _, _ = run("report", logs, *AFTER, "-o", out, "--details", "5")
    page = out.read_text(encoding="utf-8")
    assert code == 0 and page.count('<tr class="unit"') == units
    assert page.count('<details class="group"') == (3 if units > 60 else 0)
    assert page.count('<article class="unit-detail"') == min(5, units)


def test_a_waived_period_is_neither_met_nor_missed(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An approved exception (销号) takes the county's missed 2023-H2 press conference out of the rate, marked ⊘."""
    waiver = write(
        tmp_path,
        "exceptions.yaml",
        "exceptions:\n  - id: cq17-2023h2\n    requirement: CQ-17/county\n    region: 城口县\n    kind: waive\n"
        "    periods: [2023-H2]\n    justification: 发布会取消\n    approved_by: 市生态环境局\n"
        "    document: 渝环办〔2023〕1号\n    expires: 2026-12-31\n",
    )
    plain, waived = tmp_path / "plain.html", tmp_path / "waived.html"
    run("report", "examples/chengkou-county.yaml", *AFTER, "-o", plain)
    code, _, _ = run("report", "examples/chengkou-county.yaml", *AFTER, "-o", waived, "--exceptions", waiver)
    assert code == 0
    cells = {p: re.findall(r'<td class="c ([gyrw])">([^<]*)</td>', p.read_text(encoding="utf-8")) for p in (plain, waived)}
    assert set(cells[plain]) - set(cells[waived]) == {("y", "△6/9")}
    # one period fewer ended, shown waived in the matrix, and in the drill-down as its status
    assert set(cells[waived]) - set(cells[plain]) == {("y", "△6/8 ⊘1"), ("w", "⊘ 已豁免")}
    assert "经批准豁免的期次" in waived.read_text(encoding="utf-8")


def test_units_spanning_provinces_are_grouped_by_province() -> None:
    """Through the registry's parents (county → prefecture → province): a national report folds by province."""
    from ecoplan_cli.load.catalogue import Catalogue
    from ecoplan_cli.model import Level, Region
    from ecoplan_cli.report.base import CheckReport
    from ecoplan_cli.report_run import groups

    regions = (
        Region(name="重庆市", level=Level.PROVINCE, kind="直辖市"),
        Region(name="城口县", level=Level.COUNTY, kind="县", parent="重庆市"),
        Region(name="丰都县", level=Level.COUNTY, kind="县", parent="重庆市"),
        Region(name="四川省", level=Level.PROVINCE, kind="省"),
        Region(name="成都市", level=Level.PREFECTURE, kind="地级市", parent="四川省"),
        Region(name="武侯区", level=Level.DISTRICT, kind="区", parent="成都市"),
    )
    files = {("城口县局", "城口县"): ("a.yaml",), ("丰都县局", "丰都县"): ("b.yaml",), ("武侯区局", "武侯区"): ("c.yaml",)}
    report = CheckReport(date(2026, 1, 15), [], (), {}, {}, files)
    group_of, by = groups(report, Catalogue({}, regions), 3)
    assert group_of == {"城口县": "重庆市", "丰都县": "重庆市", "武侯区": "四川省"} and by in {"province", "省份"}
    one_province = {key: value for key, value in files.items() if key[1] != "武侯区"}
    report = CheckReport(date(2026, 1, 15), [], (), {}, {}, one_province)
    assert groups(report, Catalogue({}, regions), 2) == ({}, "")  # a small report in one province: no folding
    assert groups(report, Catalogue({}, regions), 61)[0] == {"城口县": "城口县", "丰都县": "丰都县"}  # large: by region


def test_every_counted_period_is_in_exactly_one_cell_and_one_unit() -> None:
    """Property: the matrix, the unit rates, the year rates and the final view add up to the overall rate."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from ecoplan_cli.engine.evaluate import Finding, Status
    from ecoplan_cli.model import Level, Measure, Recurrence
    from ecoplan_cli.report.base import CheckReport
    from ecoplan_cli.report.html_final import final_view
    from ecoplan_cli.report.html_tally import count

    statuses = st.sampled_from([Status.MET, Status.GAP, Status.OPEN, Status.UNMEASURED, Status.WAIVED])

    @st.composite
    def findings(draw: st.DrawFn) -> list[Finding]:
        result = []
        for _ in range(draw(st.integers(0, 40))):
            unit, year = draw(st.sampled_from("ABC")), draw(st.integers(2021, 2025))
            req = draw(st.sampled_from(["CQ-5", "CQ-17", "CQ-31"]))
            status, mandatory = draw(statuses), draw(st.booleans())
            required = None if status is Status.UNMEASURED else draw(st.integers(1, 3))
            end = date(year, 12, 31)
            result.append(Finding("chongqing-impl", req, "o", "t", unit, "城口县", Level.COUNTY, Recurrence.ANNUAL, str(year),
                                  date(year, 1, 1), end, end, Measure.TIMES, required, 0, status, mandatory, (), ()))  # fmt: skip
        return result

    @settings(max_examples=200, deadline=None)
    @given(findings())
    def check(items: list[Finding]) -> None:
        counts = count(items, {})
        wanted = [f for f in items if f.mandatory and f.required is not None]
        assert counts.overall.met == sum(f.status is Status.MET for f in wanted)
        assert counts.overall.gap == sum(f.status is Status.GAP for f in wanted)
        cells = [cell.mandatory for row in counts.cells.values() for cell in row.values()]
        for attribute in ("met", "gap", "open", "waived"):
            total = getattr(counts.overall, attribute)
            assert sum(getattr(rate, attribute) for rate in cells) == total
            assert sum(getattr(rate, attribute) for rate in counts.units.values()) == total
            assert sum(getattr(rate, attribute) for rate in counts.by_year.values()) == total
        columns = sorted(req for req, use in counts.requirements.items() if use.measured)
        view = final_view(CheckReport(date(2026, 1, 15), items, (), {}, {}, {}), counts, columns)
        asked = sum(1 for row in counts.cells.values() for cell in row.values() if cell.mandatory.ended)
        assert sum(r.every + r.most + r.some + r.never for r in view.rows) == asked

    check()


def test_activities_not_counted_are_listed_with_their_reasons(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Interface 1 (CheckReport.uncounted): the drill-down lists every reference counted toward nothing, as check does."""
    from markupsafe import escape

    log = write(
        tmp_path,
        "log.yaml",
        "plans: [chongqing-impl]\nunit: 城口县生态环境局\nregion: 城口县\nactivities:\n"
        "  - {id: early, date: 2020-05-01, title: 规划前的发布会, requirements: [CQ-17]}\n"
        "  - {id: city-only, date: 2023-05-01, title: 市级发布会, requirements: [CQ-16]}\n"
        "  - {id: counted, date: 2023-05-01, title: 新闻发布会, requirements: [CQ-17]}\n",
    )
    for lang in ("zh", "en"):
        out = tmp_path / f"r-{lang}.html"
        code, _, _ = run("report", log, *AFTER, "-o", out, "--lang", lang)
        assert code == 0
        page = out.read_text(encoding="utf-8")
        _, js, _ = run("check", log, *AFTER, "--format", "json", "--lang", lang)
        uncounted = json.loads(js)["uncounted"]
        assert {u["activity"] for u in uncounted} == {"early", "city-only"}
        assert ("未计入的活动（2 条）" if lang == "zh" else "Activities not counted (2)") in page
        for item in uncounted:
            assert f"<td>{item['activity']}</td><td>{item['requirement']}</td><td>{escape(item['message'])}</td>" in page
