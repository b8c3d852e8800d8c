"""The national region registry: its data, its lookups, its dates, and `ecoplan regions`."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, write
from ecoplan_cli.load.catalogue import package_file
from ecoplan_cli.load.registry import LEVEL_OF_TYPE, national
from ecoplan_cli.messages import set_language
from ecoplan_cli.model import Level, RegionRegistry

TODAY = date(2026, 6, 1)


def in_force(day: date) -> Counter[str]:
    return Counter(p.kind for p in national().places if p.code and p.in_force(day))


def test_counts_by_type_are_pinned() -> None:
    """34 province-level, 333 prefecture-level and 2,845 county-level units in 2026 (2,846 before 2025-11-06)."""
    assert in_force(TODAY) == {
        "省": 23, "自治区": 5, "直辖市": 4, "特别行政区": 2,
        "地级市": 293, "自治州": 30, "地区": 7, "盟": 3,
        "市辖区": 976, "县": 1301, "县级市": 397, "自治县": 117, "旗": 49, "自治旗": 3, "林区": 1, "特区": 1,
    }  # fmt: skip
    before = in_force(date(2025, 11, 5))
    assert before["市辖区"] == 977 and sum(before.values()) - sum(in_force(TODAY).values()) == 1  # two ended, one began
    chongqing = Counter(p.kind for p in national().places if p.parent == "500000" and p.code and p.in_force(TODAY))
    assert chongqing == {"市辖区": 25, "县": 8, "自治县": 4}  # the press conference's 25 districts, 8 counties, 4 autonomous


@pytest.mark.parametrize("year", [2020, 2024])
def test_the_registry_equals_the_ministrys_year_end_lists(year: int) -> None:
    """Code for code and name for name, the registry on 31 December is 民政部's list (yescallop/areacodes, CC0)."""
    listing = ROOT / "tests" / "vendor" / "areacodes" / f"{year}.txt"
    theirs = dict(line.split(maxsplit=1) for line in listing.read_text(encoding="utf-8").splitlines() if line.strip())
    ours = {p.code: p.name for p in national().places if p.code and p.in_force(date(year, 12, 31))}
    assert ours == {code: name.strip() for code, name in theirs.items()}


def test_changes_of_the_plan_period_are_dated_by_their_documents() -> None:
    """沙县 became 沙县区 on 2021-02-02 (闽政文〔2021〕49号); 横县 became 横州市 on 2021-07-29."""
    registry = national()
    shaxian, shaxianqu = registry.by_key["350427"], registry.by_key["350405"]
    assert (shaxian.valid_to, shaxian.successors) == (date(2021, 2, 1), ("350405",))
    assert shaxianqu.valid_from == date(2021, 2, 2) and registry.predecessors["350405"] == ["350427"]
    assert registry.by_key["450127"].valid_to == date(2021, 7, 28) and registry.by_key["450181"].valid_from == date(2021, 7, 29)
    assert [p.key for p in registry.lookup("三元区").found] == ["350403", "350404"]  # one line of succession


def test_every_unit_is_well_formed() -> None:
    registry = national()
    codes = [p.code for p in registry.places if p.code]
    assert len(codes) == len(set(codes)) == 3214 + 20  # 20 county-level units abolished since 2021
    for place in registry.places:
        assert place.level is (LEVEL_OF_TYPE.get(place.kind) or place.level)
        assert place.parent == "" or place.parent in registry.by_key, place
        assert all(s in registry.by_key for s in place.successors), place
        if place.code:
            tier = 0 if place.code.endswith("0000") else 1 if place.code.endswith("00") else 2
            assert {0: Level.PROVINCE, 1: Level.PREFECTURE}.get(tier, place.level) is place.level, place
            assert registry.lookup(place.code).found == (place,)
        assert place in registry.lookup(registry.path(place)).found


def test_levels_follow_the_plans_reading_of_types() -> None:
    """区级每季度、县级每半年: only a 市辖区 is a district; 县级市, 旗, 林区, 特区 are counties; 自治州, 盟 prefectures."""
    assert {kind for kind, level in LEVEL_OF_TYPE.items() if level is Level.DISTRICT} == {"市辖区"}
    assert {LEVEL_OF_TYPE[k] for k in ("县", "自治县", "县级市", "旗", "自治旗", "林区", "特区")} == {Level.COUNTY}
    assert {LEVEL_OF_TYPE[k] for k in ("地级市", "自治州", "地区", "盟")} == {Level.PREFECTURE}
    assert {LEVEL_OF_TYPE[k] for k in ("省", "自治区", "直辖市", "特别行政区")} == {Level.PROVINCE}


def test_the_chongqing_overlay_is_a_valid_registry_and_marks_its_zones() -> None:
    from ecoplan_cli.load import fast_yaml

    text = package_file("regions", "chongqing.yaml").read_text(encoding="utf-8")
    overlay = RegionRegistry.model_validate(fast_yaml.parse(text))
    assert overlay.plans == ["chongqing-impl"]
    zones = [p for p in national().places if p.overlay]
    assert {(p.name, p.code, p.overlay) for p in zones} == {
        ("两江新区", "", "chongqing"), ("重庆高新区", "", "chongqing"), ("万盛经开区", "", "chongqing"),
    }  # fmt: skip
    assert national().by_key["500240"].aliases == ("石柱县",)


def test_lookups_by_code_name_and_path() -> None:
    registry = national()

    def found(query: str, plans: tuple[str, ...] = ()) -> list[str]:
        return [p.key for p in registry.lookup(query, plans).found]

    assert found("130102") == found("河北省/石家庄市/长安区") == found("石家庄市/长安区") == ["130102"]
    assert found("沈阳市/铁西区") == ["210106"] and found("辽宁省/铁西区") == []  # a path names the parent
    assert found("城口县") == ["500229"] and found("石柱县") == ["500240"]
    assert [p.key for p in registry.lookup("铁西区").candidates] == ["210106", "210303", "220302"]
    assert found("江北区") == [] and found("江北区", ("chongqing-impl",)) == ["500105"]
    assert found("两江新区") == ["chongqing/两江新区", "500157"]  # one line of succession: the zone, then the district


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "region '铁西区' is ambiguous: 辽宁省/沈阳市/铁西区 (210106); 辽宁省/鞍山市/铁西区 (210303); "
               "吉林省/四平市/铁西区 (220302); write the code or the path instead (region: 210106)"),
        ("zh", "地区“铁西区”有重名：辽宁省/沈阳市/铁西区 (210106); 辽宁省/鞍山市/铁西区 (210303); "
               "吉林省/四平市/铁西区 (220302)；请改写为代码或路径（如 region: 210106）"),
    ],
)  # fmt: skip
def test_an_ambiguous_name_lists_every_candidate(run, tmp_path: Path, lang: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    log = write(tmp_path, "log.yaml", "plans: [national-2021-2025]\nunit: 铁西区生态环境分局\nregion: 铁西区\nactivities: []\n")
    code, _, err = run("validate", str(log), "--lang", lang)
    assert code == 1
    prefix = "错误：" if lang == "zh" else "error: "  # the severity speaks the chosen language too
    assert f"{log}:3:9: {prefix}{expected} [ambiguous-region]" in err


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("重庆市城口县", "en", "unknown region '重庆市城口县'; did you mean 城口县?"),
        ("重庆市城口县", "zh", "未知的地区“重庆市城口县”；您是否想输入 城口县？"),
        ("沈阳市铁西区", "en", "unknown region '沈阳市铁西区'; did you mean 辽宁省/沈阳市/铁西区?"),
        ("城口区", "en", "unknown region '城口区'; did you mean 城区?"),  # a county-level name, never 重庆市
    ],
)
def test_did_you_mean_never_jumps_levels(run, tmp_path: Path, query: str, lang: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    log = write(tmp_path, "log.yaml", f"plans: [chongqing-impl]\nunit: 城口县生态环境局\nregion: {query}\nactivities: []\n")
    code, _, err = run("validate", str(log), "--lang", lang)
    assert code == 1 and f"{expected} [unknown-region]" in err


def jiangbei_log(tmp_path: Path, region: str, day: str) -> Path:
    content = (
        f"plans: [chongqing-impl]\nunit: 区生态环境局\nregion: {region}\nactivities:\n"
        f"  - {{id: a, date: {day}, title: 新闻发布会, requirements: [CQ-17]}}\n"
    )
    return write(tmp_path, f"{region}-{day}.yaml".replace("/", "_"), content)


@pytest.mark.parametrize(
    ("region", "day", "warning"),
    [
        ("江北区", "2025-11-05", None),
        ("江北区", "2025-11-06", "江北区 (500105) no longer existed on 2025-11-06 (last day 2025-11-05); "
                               "record this activity under 两江新区 (500157)"),
        ("500112", "2025-12-01", "渝北区 (500112) no longer existed on 2025-12-01 (last day 2025-11-05); "
                               "record this activity under 两江新区 (500157)、北碚区 (500109)"),
        ("500157", "2025-11-05", "两江新区 (500157) did not exist yet on 2025-11-05 (set up on 2025-11-06); "
                               "record this activity under 江北区 (500105)、渝北区 (500112)、两江新区 (新区)"),
        ("500157", "2025-11-06", None),
        ("两江新区", "2023-06-02", None),  # the zone the plan addresses
        ("两江新区", "2025-12-15", None),  # the district
    ],
)  # fmt: skip
def test_the_chongqing_change_on_both_sides_of_its_date(run, tmp_path: Path, region: str, day: str, warning: str | None) -> None:  # type: ignore[no-untyped-def]
    log = jiangbei_log(tmp_path, region, day)
    code, _out, err = run("validate", str(log), "--lang", "en")
    assert code == 0, err
    if warning is None:
        assert "warning" not in err
    else:
        assert f"{log}:5:" in err and warning in err and "[region-" in err


def test_the_warning_in_chinese(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, _, err = run("validate", str(jiangbei_log(tmp_path, "江北区", "2025-12-01")), "--lang", "zh")
    assert "江北区 (500105) 已于 2025-11-05 之后撤销，2025-12-01 时已不存在；该活动应记在 两江新区 (500157) 名下" in err


def test_a_code_in_yaml_is_read_as_a_region(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for value in ("130102", "'130102'", "河北省/石家庄市/长安区"):
        log = write(tmp_path, "log.yaml", f"plans: [national-2021-2025]\nunit: 长安区分局\nregion: {value}\nactivities: []\n")
        code, _out, err = run("validate", str(log))
        assert code == 0, (value, err)
    log = write(tmp_path, "bad.yaml", "plans: [national-2021-2025]\nunit: 长安区分局\nregion: 999999\nactivities: []\n")
    code, _, err = run("validate", str(log), "--lang", "en")
    assert code == 1 and "unknown region '999999'" in err


def test_a_shijiazhuang_district_checks_against_the_national_plan(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("check", "examples/shijiazhuang-changan.yaml", "--as-of", "2026-01-15", "--format", "json")
    assert code == 1, err
    report = json.loads(out)
    assert list(report["regions"]) == ["河北省/石家庄市/长安区"]  # a shared name: reports use the path
    levels = {f["level"] for f in report["findings"]}
    assert levels == {"district"}
    gaps = [(f["requirement"], f["obligation"], f["period"]) for f in report["findings"] if f["status"] == "gap"]
    assert gaps == [("ZL10-1", "articles", "2023")]


def test_regions_command_table_and_json(run) -> None:  # type: ignore[no-untyped-def]
    set_language("en")
    code, out, _ = run("regions", "铁西区", "--lang", "en", "--width", "120")
    assert code == 0
    rows = [line.split()[:4] for line in out.splitlines()[1:4]]
    assert rows == [
        ["210106", "辽宁省/沈阳市/铁西区", "市辖区", "district"],
        ["210303", "辽宁省/鞍山市/铁西区", "市辖区", "district"],
        ["220302", "吉林省/四平市/铁西区", "市辖区", "district"],
    ]
    code, out, _ = run("regions", "江北区", "--format", "json")
    units = json.loads(out)
    jiangbei = next(u for u in units if u["code"] == "500105")
    assert jiangbei["valid_to"] == "2025-11-05" and jiangbei["successors"][0]["code"] == "500157"
    assert jiangbei["level"] == "district" and jiangbei["parent_code"] == "500000"
    code, out, _ = run("regions", "江北区", "--on", "2026-01-01", "--format", "json")
    assert [u["code"] for u in json.loads(out)] == ["330205"]
    code, out, _ = run("regions", "500157", "--format", "json")
    assert [p["code"] for p in json.loads(out)[0]["predecessors"]] == ["500105", "500112", None]
    code, _, err = run("regions", "不存在县", "--lang", "en")
    assert code == 2 and "no region matches '不存在县'" in err


def test_calendar_and_init_use_the_registry_of_their_dates(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("calendar", "--region", "江北区", "--year", "2026", "--lang", "en")
    assert code == 2 and "江北区 is not in force between 2026-01-01 and 2026-12-31" in err and "两江新区 (500157)" in err
    assert run("calendar", "--region", "江北区", "--year", "2025")[0] == 0
    assert run("init", "--region", "两江新区", "--year", "2024")[0] == 0
    code, out, _ = run("init", "--region", "130102", "--plan", "national-2021-2025", "--year", "2024")
    assert code == 0 and "region: 130102" in out and "ZL10-1/articles" in out


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("regions", "江北区", "--format", "json"), "regions-jiangbei.json"),
        (("regions", "铁西区", "--lang", "zh", "--width", "100"), "regions-tiexi.zh.txt"),
        (("regions", "三明市/", "--on", "2021-01-01", "--lang", "en", "--width", "100"), "regions-sanming-2021.txt"),
    ],
)
def test_regions_output_is_golden(run, args: tuple[str, ...], name: str) -> None:  # type: ignore[no-untyped-def]
    from test_check import golden

    code, out, err = run(*args)
    assert code == 0, err
    golden(name, out)


def test_every_change_hands_over_without_a_gap() -> None:
    """A unit that ends names successors in force the next day; a unit that begins had predecessors the day before."""
    from datetime import timedelta

    registry = national()
    dated = [p for p in registry.places if p.valid_from or p.valid_to]
    assert len(dated) >= 40
    for place in dated:
        if place.valid_to is not None:
            after = place.valid_to + timedelta(days=1)
            assert place.successors and all(registry.by_key[s].in_force(after) for s in place.successors), place
        if place.valid_from is not None and registry.predecessors.get(place.key):
            before = place.valid_from - timedelta(days=1)
            assert all(registry.by_key[k].in_force(before) for k in registry.predecessors[place.key]), place
