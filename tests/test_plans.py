"""The real plan files: complete, consistent, and every quote verbatim in the source text."""

from __future__ import annotations

import re

import pytest

from conftest import SEEDS
from ecoplan_cli.load.catalogue import Catalogue
from ecoplan_cli.load.plan_checks import read_as_one
from ecoplan_cli.model import Level, Measure, Plan, Recurrence

BOX_SIZES = {1: 3, 2: 3, 3: 5, 4: 3, 5: 3, 6: 5, 7: 3, 8: 3, 9: 5, 10: 3}
CHINESE_NUMERALS = {1: "一", 2: "两", 3: "三", 5: "五", 10: "十", 12: "十二"}


def national(catalogue: Catalogue) -> Plan:
    return catalogue.plan("national-2021-2025")


def chongqing(catalogue: Catalogue) -> Plan:
    return catalogue.plan("chongqing-impl")


def test_every_zhuanlan_item_is_present_exactly_once(catalogue: Catalogue) -> None:
    ids = [r.id for r in national(catalogue).requirements if r.id.startswith("ZL")]
    expected = [f"ZL{box}-{item}" for box, size in BOX_SIZES.items() for item in range(1, size + 1)]
    assert sorted(ids) == sorted(expected)
    assert len(ids) == len(set(ids)) == 36


def test_every_chongqing_row_is_present_exactly_once(catalogue: Catalogue) -> None:
    rows = [int(r.id.removeprefix("CQ-")) for r in chongqing(catalogue).requirements if re.fullmatch(r"CQ-\d+", r.id)]
    assert sorted(rows) == list(range(1, 87))


def test_national_task_paragraphs_and_safeguards_carry_their_units(catalogue: Catalogue) -> None:
    plan = national(catalogue)
    paragraphs = [r for r in plan.requirements if r.id.startswith(("RW", "BZ"))]
    assert len([r for r in paragraphs if r.id.startswith("BZ")]) == 4
    assert all(r.lead for r in paragraphs)
    assert plan.requirement("RW1-1") is not None
    assert plan.requirement("RW1-1").lead == ["生态环境部"]  # type: ignore[union-attr]


def test_ids_are_unique_and_never_bare_numbers(catalogue: Catalogue) -> None:
    for plan in (national(catalogue), chongqing(catalogue)):
        ids = [r.id for r in plan.requirements]
        assert len(ids) == len(set(ids))
        assert not any(i.replace(".", "").isdigit() for i in ids)


def test_every_implements_link_resolves_in_the_parent_plan(catalogue: Catalogue) -> None:
    child = chongqing(catalogue)
    assert child.implements == "national-2021-2025"
    parent_ids = {r.id for r in national(catalogue).requirements}
    links = [(r.id, link) for r in child.requirements for link in r.implements]
    assert links, "Chongqing's rows name the national items they implement"
    assert [pair for pair in links if pair[1] not in parent_ids] == []
    assert "ZL3-1" in child.requirement("CQ-16").implements  # type: ignore[union-attr]


def test_every_count_has_a_basis_inside_its_quote_stating_the_number(catalogue: Catalogue) -> None:
    for plan in (national(catalogue), chongqing(catalogue)):
        for requirement in plan.requirements:
            for obligation in requirement.obligations:
                if obligation.basis is not None:
                    assert obligation.basis in requirement.quote, (requirement.id, obligation.key)
                if obligation.min_count is not None:
                    assert obligation.basis is not None
                    number = str(obligation.min_count)
                    stated = number in obligation.basis or CHINESE_NUMERALS[obligation.min_count] in obligation.basis
                    # or a reading of the plan writes the number down (双月开放: at least one opening per period)
                    assert stated or read_as_one(plan, obligation.min_count, obligation.basis), (
                        requirement.id,
                        obligation.key,
                    )


def _seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8").replace("\n", "")


@pytest.mark.parametrize(
    ("plan_id", "seed"),
    [
        ("national-2021-2025", "national_plan_2021_2025.txt"),
        ("chongqing-impl", "chongqing_implementation_plan_2021.txt"),
    ],
)
def test_every_quote_is_verbatim_in_the_source(catalogue: Catalogue, plan_id: str, seed: str) -> None:
    text = _seed(seed)
    missing = [r.id for r in catalogue.plan(plan_id).requirements if r.quote not in text]
    assert missing == []


def test_chongqing_rows_quote_the_task_cell_of_their_row(catalogue: Catalogue) -> None:
    path = SEEDS / "chongqing_implementation_plan_2021.txt"
    table = path.read_text(encoding="utf-8").split("附件1\n", 1)[1].split("附件2", 1)[0]
    cells = [line[1:].strip() for line in table.split("\n") if line.startswith("\t")][5:]  # after the header row
    for requirement in chongqing(catalogue).requirements:
        if not re.fullmatch(r"CQ-\d+", requirement.id):
            continue
        row = requirement.id.removeprefix("CQ-")
        start = next(i for i in range(0, len(cells), 6) if cells[i] == row)
        assert cells[start + 2] == requirement.quote
        assert (requirement.time_limit or "") == cells[start + 5]


def test_cq16_press_center_needs_an_explicit_reference(catalogue: Catalogue) -> None:
    requirement = chongqing(catalogue).requirement("CQ-16")
    assert requirement is not None
    monthly, center = requirement.obligation("monthly"), requirement.obligation("press-center")
    assert monthly is not None and center is not None
    assert (monthly.recurrence, monthly.min_count, monthly.explicit_only) == (Recurrence.MONTHLY, 1, False)
    assert (center.recurrence, center.min_count, center.explicit_only) == (Recurrence.ANNUAL, 1, True)


def test_cq17_distinguishes_district_from_county(catalogue: Catalogue) -> None:
    requirement = chongqing(catalogue).requirement("CQ-17")
    assert requirement is not None
    shapes = {(tuple(o.levels), o.recurrence, o.min_count, o.measure) for o in requirement.obligations}
    assert shapes == {
        ((Level.DISTRICT,), Recurrence.QUARTERLY, 1, Measure.TIMES),
        ((Level.COUNTY,), Recurrence.SEMIANNUAL, 1, Measure.TIMES),
    }


def test_cq31_and_cq79_split_by_level_and_counting_word(catalogue: Catalogue) -> None:
    cq31 = chongqing(catalogue).requirement("CQ-31")
    cq79 = chongqing(catalogue).requirement("CQ-79")
    assert cq31 is not None and cq79 is not None
    assert sorted((o.min_count, o.measure.value) for o in cq31.obligations) == [(1, "件"), (5, "件")]
    assert sorted((o.min_count, o.measure.value, o.recurrence.value) for o in cq79.obligations) == [
        (1, "件", "annual"),
        (1, "次", "annual"),
        (10, "篇", "annual"),
    ]


def test_school_year_and_ambiguous_readings_are_written_down(catalogue: Catalogue) -> None:
    plan = chongqing(catalogue)
    cq51 = plan.requirement("CQ-51")
    assert cq51 is not None
    assert [(o.levels, o.recurrence, o.min_count, o.measure) for o in cq51.obligations] == [
        ([Level.SCHOOL], Recurrence.SCHOOL_YEAR, 12, Measure.CLASS_HOURS)
    ]
    readings = " ".join(r.text for r in plan.readings)
    for words in ("6月前", "双月", "全国土壤日"):
        assert words in readings
    cq40 = plan.requirement("CQ-40")
    assert cq40 is not None and cq40.obligations[0].note
    assert str(cq40.obligations[0].deadline) == "2022-06-30"


def test_encouraged_wording_is_never_mandatory(catalogue: Catalogue) -> None:
    for requirement in chongqing(catalogue).requirements:
        if requirement.quote.startswith(("鼓励", "探索")):
            assert not any(o.mandatory for o in requirement.obligations), requirement.id


def test_regions_cover_every_county_level_unit(catalogue: Catalogue) -> None:
    """Chongqing's addressees: 26 districts, 8 counties, 4 autonomous counties and 3 zones during the plan period."""
    from collections import Counter
    from datetime import date

    from ecoplan_cli.load.registry import national

    chongqing = [p for p in national().places if p.parent == "500000" and p.in_force(date(2025, 1, 1))]
    assert Counter(p.kind for p in chongqing if p.code) == {"市辖区": 26, "县": 8, "自治县": 4}
    assert {p.name for p in chongqing if not p.code} == {"两江新区", "重庆高新区", "万盛经开区"}
    assert national().by_key["500000"].level is Level.PROVINCE
    assert catalogue.region("城口县").level is Level.COUNTY  # type: ignore[union-attr]
    assert catalogue.region("渝中区").level is Level.DISTRICT  # type: ignore[union-attr]
