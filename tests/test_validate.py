"""`ecoplan validate`: every kind of bad input gets file:line:column, plain words, and exit 1; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, write

HEADER = "plans: [chongqing-impl]\nunit: 城口县生态环境局\nregion: 城口县\nactivities:\n"


def activity(**fields: str) -> str:
    body = {"id": "a1", "date": "2024-03-10", "title": "新闻发布会", "requirements": "[CQ-17]", **fields}
    lines = [f"    {key}: {value}" for key, value in body.items() if value != ""]
    return "  - " + "\n".join(lines)[4:] + "\n"


def test_examples_are_valid(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("validate", *sorted(EXAMPLES.glob("*.yaml")))
    assert code == 0, err
    assert out.count(": valid (") == 5


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        (HEADER + activity(requirements="[CQ-999]"), ":8:20:", "'CQ-999' is not a requirement"),
        (HEADER + activity(requirements="[chongqing-impl:ZL3-1]"), ":8:20:", "is not a requirement"),
        (HEADER + activity(requirements="[CQ-16/nope]"), ":8:20:", "has no obligation 'nope'"),
        (HEADER.replace("城口县\n", "城口\n", 1).replace("region: 城口县", "region: 城口"), ":3:9:", "unknown region"),
        (HEADER + activity() + activity(), ":9:9:", "activity id 'a1' is used twice"),
        (HEADER + activity(date="2024-13-01"), ":6:11:", "'2024-13-01' cannot be read"),
        (HEADER + activity(amounts="{次: -1}"), ":9:18:", "greater than or equal to 0"),
        (HEADER + activity(amounts="{次: 1.5}"), ":9:18:", "valid integer"),
        (HEADER + activity(amounts='{篇: "ten"}'), ":9:18:", "valid integer"),
        (HEADER + activity(amounts="{页: 3}"), ":9:15:", "Input should be"),
        (HEADER + activity(colour="red"), ":9:5:", "unknown key 'colour'"),
        (HEADER + activity(title=""), ":5:5:", "'title' is required"),
        (
            HEADER + "  - id: a1\n    date: 2024-03-10\n    date: 2024-03-11\n    title: x\n    requirements: [CQ-17]\n",
            ":7:5:",
            "the key 'date' appears twice",
        ),
        (HEADER + activity(date="2024-03-10", start="2024-03-01", end="2024-03-02"), ":5:5:", "either date"),
        (HEADER.replace("plans: [chongqing-impl]", "plans: [chongqing]"), ":1:9:", "unknown plan 'chongqing'"),
    ],
)
def test_each_bad_log_is_located_and_explained(run, tmp_path: Path, content: str, where: str, words: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", content)
    before = path.read_bytes()
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 1
    assert f"{path}{where}" in err, err
    assert words in err
    assert "Traceback" not in err
    assert path.read_bytes() == before  # inputs are never written to


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"plans: [chongqing-impl\n", "not valid YAML"),
        (b"\xff\xfeplans: x\n", "not UTF-8"),
        (b"", "the file is empty"),
        (b"- a\n- b\n", "must be a mapping"),
        (b"just a line\n", "must be a mapping"),
        (
            b"plans: [chongqing-impl]\nunit: x\nregion: \xe5\x9f\x8e\xe5\x8f\xa3\xe5\x8e\xbf\nactivities:\n\t- id: a\n",
            "tab",
        ),
        (b"a: &x [1]\nb: *x\n", "anchors and aliases"),
        (b"a: !!python/object:os.system ls\n", "!!python/object:os.system is not allowed"),
        (b"base: &b {id: x}\nactivities:\n  - <<: *b\n", "not allowed"),
        (b"[" * 200 + b"]" * 200 + b"\n", "nested deeper"),
    ],
)
def test_unreadable_files_are_refused_with_a_position(run, tmp_path: Path, content: bytes, words: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", content)
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 1
    assert str(path) + ":" in err and words in err, err
    assert "Traceback" not in err


def test_a_byte_order_mark_is_accepted(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", "\ufeff".encode() + (HEADER + activity()).encode())
    code, _, err = run("validate", path)
    assert code == 0, err


def test_messages_speak_chinese(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", HEADER + activity(requirements="[CQ-999]"))
    code, _, err = run("validate", path, "--lang", "zh")
    assert code == 1 and "不是" in err and "任务" in err


def test_a_missing_file_is_a_located_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("validate", tmp_path / "nope.yaml")
    assert code == 1 and "nope.yaml:1:1" in err


def test_naming_an_articles_obligation_without_articles_is_an_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", HEADER + activity(requirements="[CQ-79/articles]"))
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 1  # it could never count: the pre-commit hook stops it
    assert f"{path}:8:20: error: CQ-79/articles counts in 篇, but this activity brings 1 次" in err
    assert "[measure]" in err


def test_a_date_outside_the_plan_period_is_a_warning(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", HEADER + activity(date="2019-05-01"))
    code, out, err = run("validate", path, "--lang", "en")
    assert code == 0, err
    assert f"{path}:6:11: warning: CQ-17 on 2019-05-01 is before chongqing-impl's first required period" in err
    assert "valid (1 activities)" in out


def test_usage_errors_exit_2(run) -> None:  # type: ignore[no-untyped-def]
    code, _, _ = run("validate")
    assert code == 2


def test_the_shipped_json_schemas_match_the_models(run) -> None:  # type: ignore[no-untyped-def]
    from conftest import ROOT

    kinds = (("log", "activity-log.schema.json"), ("plan", "plan.schema.json"), ("exceptions", "exceptions.schema.json"))
    for kind, name in kinds:
        code, out, _ = run("schema", "--kind", kind)
        assert code == 0
        assert out == (ROOT / "schema" / name).read_text(encoding="utf-8"), f"regenerate schema/{name}"


def test_the_log_schema_accepts_the_examples_and_rejects_a_bad_log(run) -> None:  # type: ignore[no-untyped-def]
    import json

    import jsonschema
    from ruamel.yaml import YAML

    _, out, _ = run("schema")
    validator = jsonschema.Draft202012Validator(json.loads(out))
    for path in sorted(EXAMPLES.glob("*.yaml")):
        data = json.loads(json.dumps(YAML(typ="safe").load(path.read_text(encoding="utf-8")), default=str))
        assert list(validator.iter_errors(data)) == [], path
    assert list(validator.iter_errors({"plans": ["chongqing-impl"], "unit": "x", "region": "城口县", "colour": 1}))


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (BILLION_LAUGHS, "anchors and aliases"),
        ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested deeper"),
        ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 200)), "nested deeper"),
    ],
)
def test_expensive_yaml_is_refused(run, tmp_path: Path, content: str, words: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", content)
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 1 and words in err and f"{path}:" in err


def test_the_size_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys

    path = write(tmp_path, "log.yaml", HEADER + activity())
    env = {"ECOPLAN_MAX_BYTES": "100", "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-m", "ecoplan_cli", "validate", str(path), "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1 and "larger than 100 bytes" in result.stderr


@pytest.mark.parametrize("args", [["examples/chengkou-county.yaml"], ["--lang", "en", "BAD"], ["examples", "--lang", "zh"]])
def test_the_fast_entry_point_says_what_the_full_cli_says(run, tmp_path: Path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    bad = write(tmp_path, "bad.yaml", HEADER + activity(requirements="[CQ-999]", date="2024-13-01"))
    argv = [str(bad) if a == "BAD" else a for a in args]
    expected = run("validate", *argv)
    result = subprocess.run([sys.executable, "-m", "ecoplan_cli", "validate", *argv], capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout, result.stderr) == expected


def test_a_large_file_with_a_problem_is_located_by_line_without_rereading(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import ecoplan_cli.load.strict_yaml as strict_yaml

    monkeypatch.setattr(strict_yaml, "MAX_POSITIONED_BYTES", 100)
    monkeypatch.setattr(strict_yaml, "parse", None)  # a file yaml-rs accepts is never parsed again
    path = write(tmp_path, "big.yaml", HEADER + activity() + activity(id="a2", requirements="[CQ-999]"))
    code, _, err = run("validate", path, "--lang", "en")
    line = (HEADER + activity()).count("\n") + 4
    assert code == 1 and f"{path}:{line}:20: error: 'CQ-999' is not a requirement" in err and "(at " not in err
    path = write(tmp_path, "big2.yaml", HEADER + activity(date="2024-13-01"))
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 1 and f"{path}:6:11: error: '2024-13-01' cannot be read" in err
    path = write(tmp_path, "big3.yaml", HEADER + activity(title='"unclosed'))
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 1 and f"{path}:8:5:" in err and "not valid YAML" in err  # where yaml-rs finds it
    path = write(tmp_path, "big4.yaml", HEADER + activity(title="&anchor x"))
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 1 and "ECOPLAN_MAX_POSITIONED_BYTES" in err


def test_very_long_lines_are_read_without_fuss(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    long_title = "很长的标题" * 400_000  # a 6 MB line
    path = write(tmp_path, "log.yaml", HEADER + activity(title=long_title))
    code, _, err = run("validate", path)
    assert code == 0, err[:500]
    path = write(tmp_path, "bad.yaml", HEADER + activity(title=long_title, requirements="[CQ-999]"))
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 1 and f"{path}:8:20: error: 'CQ-999' is not a requirement" in err  # located by the text scan


def test_a_bare_url_in_brackets_is_read_but_flagged_for_other_tools(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", HEADER + activity(evidence='[https://example.org/a, "https://example.org/b"]'))
    code, _, err = run("validate", path, "--lang", "en")
    assert code == 0
    assert f"{path}:9:16: warning:" in err and "bare URL inside [ ]" in err
    assert err.count("bare-url-in-flow") == 1  # the quoted one is fine


def test_the_log_schema_speaks_both_languages_and_lists_real_ids(run) -> None:  # type: ignore[no-untyped-def]
    import json

    _, out, _ = run("schema")
    schema = json.loads(out)
    region = schema["properties"]["region"]
    assert "城口县" in region["anyOf"][0]["enum"] and "地区" in region["title"] and "region" in region["description"]
    references = schema["$defs"]["Activity"]["properties"]["requirements"]["items"]["enum"]
    assert {"CQ-17", "ZL3-1", "CQ-A2-5"} <= set(references)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_tab_typed_into_a_value_is_named_at_its_place_whatever_the_file_size(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:  # type: ignore[no-untyped-def]
    import ecoplan_cli.load.strict_yaml as strict_yaml

    said = {"en": "replace it with spaces, or put the value in quotes", "zh": "请换成空格，或给取值加引号"}[lang]
    path = write(tmp_path, "small.yaml", HEADER + activity(title="新闻\t发布会"))
    code, _, err = run("validate", path, "--lang", lang)
    assert code == 1 and f"{path}:7:14:" in err and said in err, err
    monkeypatch.setattr(strict_yaml, "MAX_POSITIONED_BYTES", 100)  # the same file, now "too large" for the reader
    code, _, err = run("validate", path, "--lang", lang)
    assert code == 1 and f"{path}:7:14:" in err and "ECOPLAN_MAX_POSITIONED_BYTES" in err, err
    assert ("把 Tab 换成空格" if lang == "zh" else "replace the tab with spaces") in err
    quoted = write(tmp_path, "quoted.yaml", HEADER + activity(title='"新闻\t发布会"'))  # both readers take this one
    monkeypatch.setattr(strict_yaml, "parse", None)  # and it is never read by the positioned reader
    code, _, err = run("validate", quoted, "--lang", lang)
    assert code == 0, err


@pytest.mark.parametrize(("lang", "said"), [("en", "2024-06-20 14:30 (a two-digit hour)"), ("zh", "小时须为两位")])
def test_a_large_file_is_refused_at_the_construct_that_needs_the_slow_reader(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, said: str
) -> None:  # type: ignore[no-untyped-def]
    import ecoplan_cli.load.strict_yaml as strict_yaml

    monkeypatch.setattr(strict_yaml, "MAX_POSITIONED_BYTES", 100)
    path = write(tmp_path, "big.yaml", HEADER + activity() + activity(id="a2", date="2024-06-20 9:30"))
    code, _, err = run("validate", path, "--lang", lang)
    assert code == 1 and f"{path}:10:11:" in err and said in err and "ECOPLAN_MAX_POSITIONED_BYTES" in err, err


@pytest.mark.parametrize(
    ("typed", "fixed"),
    [
        ("2024-6-1", "2024-06-01"),
        ("2024-06-20 9:30", "2024-06-20 09:30"),
        ("2024-6-20T9:05", "2024-06-20T09:05"),
        ("2024/06/01", "2024-06-01"),
        ("2024年6月1日", "2024-06-01"),
        ("2024.6.1", "2024-06-01"),
        ("2024年6月1日 9：30", "2024-06-01 09:30"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_date_typed_without_leading_zeros_is_told_how_to_write_it(
    run, tmp_path: Path, typed: str, fixed: str, lang: str
) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", HEADER + activity(date=typed))
    code, _, err = run("validate", path, "--lang", lang)
    assert code == 1 and f"{path}:6:11:" in err and fixed in err, err
    assert ("year-month-day" if lang == "en" else "年-月-日") in err
    path = write(tmp_path, "wrong.yaml", HEADER + activity(date="2024-2-30"))  # not a date at all: its month's last day
    _, _, err = run("validate", path, "--lang", lang)
    assert "2024-02-29" in err and fixed not in err
