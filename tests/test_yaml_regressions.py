"""Each way the two YAML readers used to disagree (issue 11), named after its yaml-test-suite case, on a real log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAD = "plans: [chongqing-impl]\nunit: 城口县生态环境局\nregion: 城口县\nactivities:\n"


def log(title: str = "新闻发布会", requirements: str = "[CQ-17]", extra: str = "") -> str:
    return HEAD + f"  - id: a1\n    date: 2024-03-10\n    title: {title}\n    requirements: {requirements}\n{extra}"


def write(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "log.yaml"
    path.write_text(content, encoding="utf-8")
    return path


def both(run, path: Path) -> tuple[int, str, int, str]:  # type: ignore[no-untyped-def]
    code, _, err = run("validate", path, "--lang", "en")
    check_code, _, check_err = run("check", path, "--as-of", "2025-01-15", "--lang", "en", "--format", "json")
    return code, err, check_code, check_err


# Invalid YAML that ruamel.yaml used to accept: refused by both commands (validate 1, check 2), located.
INVALID = {
    "SU5Z": log(title='"学习会"# comment'),
    "9JBA": log(requirements="[CQ-17]#x"),
    "CVW2": log(requirements="[CQ-17,#x\n      ]"),
    "YJV2": log(extra="    evidence: [-]\n"),
    "G5U8": log(extra="    evidence: [-, -]\n"),
    "QB6E": log(title='"学习\n会"'),
    "DK95": log(title='"学习\n    \t会"'),
    "9C9N": log(requirements="[CQ-17,\nCQ-18]"),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_yaml_is_refused_whatever_the_lenient_reader_says(run, tmp_path: Path, case: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, INVALID[case])
    code, err, check_code, check_err = both(run, path)
    assert (code, check_code) == (1, 2), (err, check_err)
    assert f"{path}:" in err and "not valid YAML" in err and "[yaml-syntax]" in err


def test_P94K_comments_between_key_and_value_never_crash(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = HEAD.replace("region: 城口县\n", "region:    # 地区\n        # 见名录\n  城口县\n\n\n")
    text += "  - id: a1\n    date: 2024-03-10\n    title: 新闻发布会\n    requirements: [CQ-999]\n"
    path = write(tmp_path, text)  # a typo: once sent to ruamel.yaml, now located by the text scan
    code, err, check_code, _ = both(run, path)
    assert (code, check_code) == (1, 2) and f"{path}:12:20: error: 'CQ-999'" in err
    path = write(tmp_path, text.replace("title: 新闻发布会", "title: &t 新闻发布会"))  # ruamel.yaml must read it
    code, err, check_code, _ = both(run, path)
    assert (code, check_code) == (1, 2) and f"{path}:1:1:" in err and "cannot be read" in err


def test_BEC7_yaml_1_3_directive_never_crashes(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "%YAML 1.3\n---\n" + log())
    code, err, check_code, _ = both(run, path)
    assert (code, check_code) == (1, 2) and f"{path}:" in err and "Traceback" not in err


def test_652Z_a_question_mark_key_in_braces_is_not_counted(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, log(extra="    amounts: { ?篇: 3 }\n"))  # yaml-rs: the key '?篇'; ruamel.yaml: '篇'
    code, err, check_code, _ = both(run, path)
    assert (
        (code, check_code) == (1, 2)
        and f"{path}:9:20:" in err
        and "read the value at activities[0].amounts.篇 differently" in err
    )


def test_S4JQ_a_non_specific_tag_is_not_an_int(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, log(extra="    amounts: {篇: ! 12}\n"))  # YAML 1.2: the string "12"
    code, err, check_code, _ = both(run, path)
    assert (code, check_code) == (1, 2) and f"{path}:9:" in err


def test_L24T_a_block_scalar_ending_in_spaces_reads_as_yaml_says(tmp_path: Path, catalogue) -> None:  # type: ignore[no-untyped-def]
    from ecoplan_cli.load.logs import load_log

    path = write(tmp_path, log(extra="    note: |\n      x\n       "))  # no final line break
    loaded, _ = load_log(str(path), catalogue)
    assert loaded.log.activities[0].note == "x\n \n"  # as in.json of L24T/01 (ruamel.yaml read "x\n ")


@pytest.mark.parametrize("amounts", ["{: 3}", "{篇: 1, : 3}"])
def test_empty_keys_are_refused_the_same_way(run, tmp_path: Path, amounts: str) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, log(extra=f"    amounts: {amounts}\n"))  # None for yaml-rs, '' for ruamel.yaml
    code, err, check_code, _ = both(run, path)
    assert (code, check_code) == (1, 2) and f"{path}:9:" in err


def test_reused_anchor_warning_never_reaches_stderr(tmp_path: Path) -> None:
    path = write(tmp_path, log(title="&t 新闻发布会", extra="    note: &t 说明\n"))
    result = subprocess.run(
        [sys.executable, "-m", "ecoplan_cli", "validate", str(path), "--lang", "en"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1 and "anchors and aliases" in result.stderr
    assert "Warning" not in result.stderr and "site-packages" not in result.stderr
