"""The first hour of a new user (issue 19): the typing slips of a hand-typed log and the parser's words, in zh and en."""

from __future__ import annotations

import calendar as std_calendar
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import write
from ecoplan_cli.load.typing_hints import impossible_date, suggest_references
from ecoplan_cli.messages import set_language

HEADER = "plans: [chongqing-impl]\nunit: 城口县生态环境局\nregion: 城口县\nactivities:\n"
ACTIVITY = "  - id: a1\n    date: 2024-03-10\n    title: 新闻发布会\n    requirements: [CQ-17]\n"


@pytest.fixture(autouse=True)
def _english_afterwards():  # type: ignore[no-untyped-def]
    yield
    set_language("en")


def _log(tmp_path: Path, activity: str) -> Path:
    return write(tmp_path, "log.yaml", HEADER + activity)


def _validate(run, path: Path, lang: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    code, _, err = run("validate", str(path), "--lang", lang)
    return code, err


# ── requirement ids ─────────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("typed", "en", "zh"),
    [
        ("CQ17", "'CQ17' is not a requirement id: an id is capitals, a hyphen and a number, such as CQ-17", "是否应为 CQ-17？"),
        ("cq-17", "did you mean CQ-17?", "“cq-17”不是任务编号：编号由大写字母、连字符和数字组成"),
        ("CQ－17", "full-width － typed in Chinese input mode", "－ 为中文输入法下的全角字符"),
        (
            "CQ-17，CQ-79/articles",
            "is several requirement ids in one: separate them with a half-width comma — requirements: [CQ-17, CQ-79/articles]",
            "把多个任务编号写成了一个：请用半角逗号分隔，写成 requirements: [CQ-17, CQ-79/articles]",
        ),
    ],
)
def test_a_mistyped_requirement_id_says_what_an_id_looks_like(run, tmp_path: Path, typed: str, en: str, zh: str) -> None:  # type: ignore[no-untyped-def]
    path = _log(tmp_path, ACTIVITY.replace("[CQ-17]", f"[{typed}]"))
    code, err = _validate(run, path, "en")
    assert code == 1
    assert f"{path}:8:20: error: activities[0].requirements[0]: " in err
    assert en in err and "String should match pattern" not in err
    code, err = _validate(run, path, "zh")
    assert code == 1 and zh in err and f"{path}:8:20: 错误：" in err


def test_suggested_ids_are_the_obvious_fixes() -> None:
    assert suggest_references("CQ17") == ["CQ-17"]
    assert suggest_references("cq-17") == ["CQ-17"]
    assert suggest_references("CQ－17／Articles") == ["CQ-17/articles"]
    assert suggest_references("chongqing-impl：cq-16/press-center") == ["chongqing-impl:CQ-16/press-center"]
    assert suggest_references("CQ-17，CQ-79/articles") == ["CQ-17", "CQ-79/articles"]
    assert suggest_references("CQ-17　CQ-5") == ["CQ-17", "CQ-5"]
    assert suggest_references("新闻发布") == []


# ── full-width punctuation and spaces where YAML syntax is expected ─────────────────────────────────────────────


@pytest.mark.parametrize(
    ("line", "where", "en", "zh"),
    [
        (
            "    date：2024-03-10\n",
            "6:9",
            "a full-width colon '：' after 'date': YAML needs the half-width ':' and a space — write `date: 2024-03-10`",
            "“date”后是全角冒号“：”：YAML 需要半角冒号“:”加一个空格，请写成 `date: 2024-03-10`",
        ),
        ("    date:\u30002024-03-10\n", "6:10", "a full-width space after 'date:'", "“date:”后是全角空格"),
        ("  \u3000date: 2024-03-10\n", "6:3", "a full-width space in the indentation", "缩进中有全角空格"),
        ("    date:2024-03-10\n", "6:9", "no space after 'date:'", "“date:”后缺少空格"),
    ],
)
def test_full_width_syntax_is_named_at_its_own_position(run, tmp_path: Path, line: str, where: str, en: str, zh: str) -> None:  # type: ignore[no-untyped-def]
    path = _log(tmp_path, ACTIVITY.replace("    date: 2024-03-10\n", line))
    code, err = _validate(run, path, "en")
    assert code == 1 and f"{path}:{where}: error: {en}" in err, err
    assert "could not find expected" not in err and "mapping values are not allowed" not in err
    code, err = _validate(run, path, "zh")
    assert code == 1 and f"{path}:{where}: 错误：{zh}" in err, err


def test_an_ordinary_syntax_error_keeps_the_parser_message(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _log(tmp_path, ACTIVITY + "  - id: [unclosed\n")
    code, err = _validate(run, path, "en")
    assert code == 1 and "not valid YAML" in err


# ── values of the wrong kind, unknown keys, impossible dates ────────────────────────────────────────────────────


def test_a_number_for_text_and_one_value_for_a_list_say_what_to_write(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _log(tmp_path, ACTIVITY.replace("id: a1", "id: 1").replace("[CQ-17]", "CQ-17"))
    code, err = _validate(run, path, "en")
    assert code == 1
    assert 'activities[0].id: id must be text, and YAML reads 1 as a number: write id: "1" (in quotes)' in err
    assert "activities[0].requirements: requirements must be a list, even of one item: write requirements: [CQ-17]" in err
    assert "Input should be" not in err
    code, err = _validate(run, path, "zh")
    assert 'id 应为文本，而 YAML 把 1 读作数字：请写成 id: "1"（加引号）' in err
    assert "requirements 应为列表，即使只有一项：请写成 requirements: [CQ-17]" in err


@pytest.mark.parametrize("key", ["remark", "notes"])
def test_an_unknown_key_lists_the_allowed_ones_and_the_nearest(run, tmp_path: Path, key: str) -> None:  # type: ignore[no-untyped-def]
    path = _log(tmp_path, ACTIVITY + f"    {key}: 下雨改期\n")
    allowed = "id, date, start, end, title, requirements, amounts, subunit, time, event, evidence, note"
    code, err = _validate(run, path, "en")
    assert code == 1
    assert f"{path}:9:5: error: unknown key '{key}'; did you mean 'note'? Allowed here: {allowed}" in err
    code, err = _validate(run, path, "zh")
    assert f"未知的键“{key}”；是否应为“note”？此处可用的键：{allowed}" in err


def test_a_date_where_text_is_expected_says_to_quote_it(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _log(tmp_path, ACTIVITY.replace("title: 新闻发布会", "title: 2024-03-01"))
    code, err = _validate(run, path, "en")
    assert code == 1 and 'title must be text, and YAML reads 2024-03-01 as a date: write title: "2024-03-01"' in err
    code, err = _validate(run, path, "zh")
    assert 'title 应为文本，而 YAML 把 2024-03-01 读作日期：请写成 title: "2024-03-01"（加引号）' in err


def test_an_unknown_key_far_from_any_allowed_one_lists_them(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _log(tmp_path, ACTIVITY + "    photographer: 张三\n")
    code, err = _validate(run, path, "en")
    assert code == 1 and "unknown key 'photographer'. Allowed here: id, date," in err
    code, err = _validate(run, path, "zh")
    assert "未知的键“photographer”。此处可用的键：id, date," in err


def test_an_unknown_top_level_key_lists_the_log_keys(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", HEADER.replace("unit:", "units:") + ACTIVITY)
    code, err = _validate(run, path, "en")
    assert code == 1
    allowed = "plans, unit, region, level, lead_as, exceptions, activities"
    assert f"unknown key 'units'; did you mean 'unit'? Allowed here: {allowed}" in err


@pytest.mark.parametrize("written", ["2024-02-30", '"2024-02-30"'])
def test_an_impossible_date_names_the_last_day_of_its_month(run, tmp_path: Path, written: str) -> None:  # type: ignore[no-untyped-def]
    path = _log(tmp_path, ACTIVITY.replace("2024-03-10", written))
    code, err = _validate(run, path, "en")
    assert code == 1 and f"{path}:6:11: error: " in err
    assert "2024-02-30 is not a date: that month has 29 days, its last day is 2024-02-29" in err
    code, err = _validate(run, path, "zh")
    assert "2024-02-30 不是有效日期：该月只有 29 天，最后一天是 2024-02-29" in err


@given(st.integers(1, 9999), st.integers(0, 14), st.integers(0, 33))
def test_impossible_date_explains_exactly_the_dates_that_do_not_exist(year: int, month: int, day: int) -> None:
    set_language("en")
    written = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        dt.date(year, month, day)
        exists = True
    except ValueError:
        exists = False
    explained = impossible_date(written)
    assert (explained is None) == exists
    if explained is not None and 1 <= month <= 12:
        assert f"{year:04d}-{month:02d}-{std_calendar.monthrange(year, month)[1]:02d}" in explained


def test_warnings_are_prefixed_in_the_chosen_language(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _log(tmp_path, ACTIVITY + "    evidence: [https://example.org/a]\n")
    code, err = _validate(run, path, "zh")
    assert code == 0 and f"{path}:9:16: 警告：" in err
    code, err = _validate(run, path, "en")
    assert code == 0 and f"{path}:9:16: warning: " in err


# ── the YAML parser's words ────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "where", "en", "zh"),
    [
        ("a: b: c\n", "1:5", "mapping values are not allowed here (a second `: ` on one line", "同一行出现了第二个“: ”"),
        ("a:\n  b: 1\n c: 2\n", "3:2", "(the indentation does not match the lines above", "缩进与上文不一致"),
        ('a: "abc\n', "2:1", "found unexpected end of stream (a quote is opened and never closed)", "引号只有开头没有结尾"),
        ("a: {b: 1\n", "2:1", "(a { is never closed with })", "“{”没有对应的“}”"),
        ("a: [1, 2\n", "2:1", "(a [ is never closed with ])", "“[”没有对应的“]”"),
        ("a:\n\t- b\n", "2:1", "(YAML indents with spaces; this line has a tab)", "YAML 用空格缩进，此行有制表符（Tab）"),
        ("a: @x\n", "1:4", "(a value cannot start with '@': put it in quotes)", "取值不能以“@”开头：请给取值加引号"),
    ],
)
def test_the_parsers_commonest_errors_get_plain_words(run, tmp_path: Path, text: str, where: str, en: str, zh: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", text)
    code, err = _validate(run, path, "en")
    assert code == 1 and f"{path}:{where}: error: not valid YAML: " in err and en in err
    code, err = _validate(run, path, "zh")
    assert code == 1 and f"{path}:{where}: 错误：YAML 语法错误：{zh}" in err
    assert not re.search(r"YAML 语法错误：[a-z]", err)  # no English parser words in Chinese output


def test_a_lookalike_far_from_the_error_does_not_hide_it(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # `- tel:023-1234` is valid YAML (a string); the real error is the unclosed [ four lines below
    more = "    evidence:\n      - tel:023-1234\n    subunit: 东城街道\n    note: 见记录\n    amounts: [x\n"
    path = _log(tmp_path, ACTIVITY + more)
    code, err = _validate(run, path, "en")
    assert code == 1 and f"{path}:14:1: error: not valid YAML: expected ',' or ']'" in err and "no space after" not in err
    path.write_text(HEADER + ACTIVITY + "    evidence:\n      - tel:023-1234\n", encoding="utf-8")
    assert _validate(run, path, "en")[0] == 0  # and alone it is no error at all


# ── every slip on every key line is named where it was typed ────────────────────────────────────────────────────


_KEY_LINES = [(5, "  - id: a1"), (6, "    date: 2024-03-10"), (7, "    title: 新闻发布会"), (8, "    requirements: [CQ-17]")]
_SLIPS = {"typo-full-width-colon": "：", "typo-full-width-space": ":\u3000", "typo-colon-no-space": ":"}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("code", sorted(_SLIPS))
@pytest.mark.parametrize("line", _KEY_LINES, ids=[str(number) for number, _ in _KEY_LINES])
def test_a_slip_on_any_key_line_is_named_where_it_was_typed(line: tuple[int, str], code: str, lang: str) -> None:
    from ecoplan_cli.load.problems import InputError
    from ecoplan_cli.load.yaml_source import parse

    set_language(lang)
    number, good = line
    colon = good.index(": ")
    typed = good[:colon] + _SLIPS[code] + good[colon + 2 :]
    with pytest.raises(InputError) as refused:
        parse((HEADER + ACTIVITY).replace(good + "\n", typed + "\n"), "log.yaml")
    column = colon + (2 if code == "typo-full-width-space" else 1)
    assert [(p.line, p.column, p.code) for p in refused.value.problems] == [(number, column, code)]
    key = good.strip(" -").split(":")[0]
    assert key in refused.value.problems[0].message


def test_a_slip_in_a_file_too_large_for_the_positioned_reader_is_named_too(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ecoplan_cli.load.strict_yaml.MAX_POSITIONED_BYTES", 64)  # every file is "large": yaml-rs places errors
    path = _log(tmp_path, ACTIVITY.replace("    date: 2024-03-10\n", "    date：2024-03-10\n"))
    code, err = _validate(run, path, "en")
    assert code == 1 and f"{path}:6:9: error: a full-width colon '：' after 'date'" in err
    code, err = _validate(run, path, "zh")
    assert code == 1 and f"{path}:6:9: 错误：“date”后是全角冒号“：”" in err
