"""The first hour of a new user (issue 19): the terminal, usage errors, commands that said the wrong thing, project
settings — each message in zh and en."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, write
from ecoplan_cli.messages import set_language
from test_first_hour import ACTIVITY, HEADER


def _cli(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ECOPLAN_", "COLUMNS", "NO_COLOR"))}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "ecoplan_cli", *args], capture_output=True, text=True, env=environment, cwd=cwd, check=False
    )


@pytest.fixture(autouse=True)
def _english_afterwards():  # type: ignore[no-untyped-def]
    yield
    set_language("en")


# ── the terminal ────────────────────────────────────────────────────────────────────────────────────────────────


def _on_a_terminal(*args: str, env: dict[str, str]) -> tuple[int, str]:
    """Run ecoplan with its output on a pseudo-terminal (a fresh one reports 0 rows and 0 columns)."""
    try:
        controller, terminal = pty.openpty()
    except OSError as error:  # pragma: no cover - a sandbox without pseudo-terminals
        pytest.skip(f"no pseudo-terminal here: {error}")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("ECOPLAN_", "COLUMNS", "NO_COLOR", "LINES"))}
    environment.update(env)
    process = subprocess.Popen(
        [sys.executable, "-m", "ecoplan_cli", *args], stdout=terminal, stderr=subprocess.PIPE, env=environment, cwd=ROOT
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    code = process.wait()
    assert process.stderr is not None
    process.stderr.close()
    return code, b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_that_reports_no_size_still_gets_the_report() -> None:
    code, out = _on_a_terminal("check", "examples/chengkou-county.yaml", "--as-of", "2025-01-15", env={"NO_COLOR": "1"})
    piped = _cli("check", "examples/chengkou-county.yaml", "--as-of", "2025-01-15")
    assert code == 1 and re.search(r"FAIL: \d+ mandatory gap\(s\)", out) and out.replace("\r\n", "\n") == piped.stdout
    code, out = _on_a_terminal("calendar", "--year", "2024", "--region", "城口县", env={})
    piped = _cli("calendar", "--year", "2024", "--region", "城口县")
    assert code == 0 and re.search(r"due dates: \d+", out) and out.replace("\r\n", "\n") == piped.stdout  # 80 wide


def test_no_color_turns_colour_off_on_a_terminal() -> None:
    args = ("check", "examples/chengkou-county.yaml", "--as-of", "2025-01-15")
    _, coloured = _on_a_terminal(*args, env={"COLUMNS": "100"})
    assert "\x1b[" in coloured
    _, plain = _on_a_terminal(*args, env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert "\x1b[" not in plain and re.search(r"FAIL: \d+ mandatory gap\(s\)", plain)


@pytest.mark.parametrize(
    "args",
    [
        ("check", "examples/chengkou-county.yaml", "--as-of", "2025-01-15"),
        ("plans",),
        ("show", "CQ-17"),
        ("calendar", "--year", "2024", "--region", "城口县"),
    ],
)
def test_columns_sets_the_width_of_piped_output(args: tuple[str, ...]) -> None:
    from rich.cells import cell_len

    result = _cli(*args, env={"COLUMNS": "60"})
    assert result.returncode in (0, 1), result.stderr
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 60
    wide = _cli(*args, env={"COLUMNS": "120"})
    assert max(cell_len(line) for line in wide.stdout.splitlines()) > 60


# ── version, completion, usage errors ──────────────────────────────────────────────────────────────────────────


def test_version_and_shell_completion() -> None:
    from ecoplan_cli import __version__

    result = _cli("--version")
    assert result.returncode == 0 and result.stdout == f"ecoplan {__version__}\n"
    script = str(Path(sys.executable).parent / "ecoplan")  # the console script: completion is keyed to its name
    if not Path(script).exists():
        pytest.skip("the ecoplan console script is not installed beside this Python")
    shown = subprocess.run([script, "--show-completion", "bash"], capture_output=True, text=True, check=False)
    assert shown.returncode == 0 and "complete -o default -F _ecoplan_completion ecoplan" in shown.stdout
    environment = {**os.environ, "_ECOPLAN_COMPLETE": "complete_bash", "COMP_WORDS": "ecoplan ch", "COMP_CWORD": "1"}
    completed = subprocess.run([script], capture_output=True, text=True, env=environment, check=False)
    assert completed.stdout.split() == ["check"]


@pytest.mark.parametrize("name", ["ECOPLAN_MAX_BYTES", "ECOPLAN_JOBS", "ECOPLAN_MAX_DEPTH", "ECOPLAN_MAX_POSITIONED_BYTES"])
def test_a_bad_environment_value_is_a_usage_error_naming_it(name: str) -> None:
    for args in (("validate", "examples/chengkou-county.yaml"), ("check", "examples/chengkou-county.yaml")):
        result = _cli(*args, env={name: "abc"})
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert f"usage error: {name}=abc is not usable: give a whole number" in result.stderr
        result = _cli(*args, "--lang", "zh", env={name: "abc"})
        assert result.returncode == 2 and f"用法错误：环境变量 {name}=abc 无法使用" in result.stderr


def test_a_bad_environment_value_in_process_is_a_usage_error(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ECOPLAN_JOBS", "many")
    code, _, err = run("plans")
    assert code == 2 and "ECOPLAN_JOBS=many is not usable" in err


@pytest.mark.parametrize("year", ["99999", "0", "-5"])
def test_a_year_out_of_range_is_a_usage_error(run, year: str) -> None:  # type: ignore[no-untyped-def]
    for command in (("calendar", "--region", "城口县"), ("init", "--region", "城口县")):
        code, out, err = run(*command, "--year", year)
        assert code == 2 and out == ""
        assert f"usage error: --year {year} is not a year ecoplan can plan: give one from 1 to 9998" in err
        code, _, err = run(*command, "--year", year, "--lang", "zh")
        assert code == 2 and f"用法错误：--year {year} 不是可用的年份" in err


def test_init_into_a_folder_is_a_usage_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("init", "--region", "城口县", "--year", "2025", "--out", str(tmp_path), "--force")
    assert code == 2 and f"usage error: --out {tmp_path} is a folder: give a file name, e.g. {tmp_path}/2025.yaml" in err
    code, _, err = run("init", "--region", "城口县", "--year", "2025", "--out", str(tmp_path), "--force", "--lang", "zh")
    assert code == 2 and f"用法错误：--out {tmp_path} 是文件夹" in err


# ── commands that said the wrong thing ─────────────────────────────────────────────────────────────────────────


def test_trace_uncovered_json_lists_only_the_uncovered_items(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("trace", "chongqing-impl", "--uncovered", "--format", "json")
    document = json.loads(out)
    assert code == 0 and [item["id"] for item in document["items"]] == ["ZL1-3", "ZL4-2", "RW1-3"]
    assert document["coverage"] == {"covered": 55, "total": 58}
    code, out, _ = run("trace", "chongqing-impl", "--format", "json")
    assert len(json.loads(out)["items"]) == 58


@pytest.mark.parametrize(
    ("log", "extra", "year", "as_of"),
    [
        ("examples/chengkou-county.yaml", (), "2024", "2025-01-15"),
        ("examples/municipal/log-city.yaml", ("--plan-file", "examples/plans/municipal_example.yaml"), "2022", "2023-01-15"),
    ],
)
def test_calendar_with_a_log_lists_what_check_evaluates(run, log: str, extra: tuple[str, ...], year: str, as_of: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("calendar", "--year", year, "--log", log, "--as-of", as_of, "--format", "json", *extra)
    assert code == 0, err
    due = [item for item in json.loads(out)["items"] if item["kind"] == "due"]
    _, out, _ = run("check", log, "--as-of", as_of, "--year", year, "--format", "json", *extra)
    findings = json.loads(out)["findings"]
    measured = {(f["plan"], f["requirement"], f["obligation"], f["period"]) for f in findings if f["status"] != "unmeasured"}
    listed = {(i["plan"], i["requirement"], i["obligation"], i["period"]) for i in due}
    assert listed == measured  # the same obligations and periods: none of a plan the log does not answer to
    assert all(item["status"] is not None for item in due)  # every period of the year has ended by as_of


def test_a_regions_calendar_lists_what_its_logs_check_evaluates(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("calendar", "--year", "2024", "--region", "城口县", "--format", "json")
    due = {(i["plan"], i["requirement"], i["obligation"], i["period"]) for i in json.loads(out)["items"] if i["kind"] == "due"}
    _, out, _ = run("check", "examples/chengkou-county.yaml", "--as-of", "2025-01-15", "--year", "2024", "--format", "json")
    findings = json.loads(out)["findings"]
    assert due == {(f["plan"], f["requirement"], f["obligation"], f["period"]) for f in findings if f["status"] != "unmeasured"}
    _, out, _ = run("calendar", "--year", "2024", "--region", "城口县", "--plan", "national-2021-2025", "--format", "json")
    assert {i["plan"] for i in json.loads(out)["items"]} == {"national-2021-2025"}  # --plan still chooses


def without_project_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The municipal example and its plan, laid out as in examples/ but with no ecoplan.toml above them."""
    import shutil

    for folder in ("municipal", "plans"):
        shutil.copytree(EXAMPLES / folder, tmp_path / "examples" / folder)
    (tmp_path / ".git").mkdir()  # the settings walk stops at the repository's top
    monkeypatch.chdir(tmp_path)


def test_validate_says_how_to_load_a_plan_file_the_log_names_by_id(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("validate", "examples/municipal/log-city.yaml", "--lang", "en")
    assert code == 0, err  # in this repository, examples/ecoplan.toml names the plan file once
    without_project_settings(tmp_path, monkeypatch)
    code, _, err = run("validate", "examples/municipal/log-city.yaml", "--lang", "en")
    assert code == 1
    assert (
        "unknown plan 'municipal-example'; known plans: chongqing-impl, national-2021-2025. "
        "examples/plans/municipal_example.yaml declares municipal-example: name the file in the log "
        "(plans: [../plans/municipal_example.yaml]), give --plan-file examples/plans/municipal_example.yaml, "
        'or list it once for the repository in ecoplan.toml: plan_files = ["examples/plans/municipal_example.yaml"]'
    ) in err
    code, _, err = run("validate", "examples/municipal/log-city.yaml", "--lang", "zh")
    assert "examples/plans/municipal_example.yaml 中定义了 municipal-example：请在台账中写明该文件" in err
    code, _, err = run("validate", "examples/municipal/log-city.yaml", "--plan-file", "examples/plans/municipal_example.yaml")
    assert code == 0, err


def test_an_unknown_plan_with_no_file_nearby_says_both_ways(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, "log.yaml", HEADER.replace("chongqing-impl", "my-plan") + ACTIVITY)
    code, _, err = run("validate", str(path), "--lang", "en")
    assert code == 1 and "If my-plan is a plan file of your own, name the file in the log (plans: [path/to/plan.yaml])" in err
    assert 'or list it once in ecoplan.toml: plan_files = ["path/to/plan.yaml"]' in err
    code, _, err = run("validate", str(path), "--lang", "zh")
    assert "如 my-plan 是自编的计划文件，请在台账中写明该文件" in err


def test_plan_check_prints_a_total_line_like_validate(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = (ROOT / "examples/plans/district_work_plan_2021.yaml").read_text(encoding="utf-8")
    broken = write(tmp_path, "plan.yaml", plan.replace("id: district-2021-example", "id: district-2021-example\nremark: x", 1))
    code, _, err = run("plan-check", str(broken), "--lang", "en")
    assert code == 1 and err.rstrip().endswith("1 problem(s) in 1 file(s)")
    code, _, err = run("plan-check", str(broken), "--lang", "zh")
    assert err.rstrip().endswith("1 个文件中发现 1 个问题")


# ── every word in the chosen language ──────────────────────────────────────────────────────────────────────────


def test_show_and_init_speak_chinese_with_lang_zh(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run("show", "CQ-17", "--lang", "zh")
    for word in ("牵头单位", "配合单位", "任务时限", "落实上级条目", "要求", "适用层级", "频次", "必须", "县级", "每半年"):
        assert word in out
    assert not re.search(r"\b(lead|supporting|obligation|recurrence|mandatory)\b", out)
    _, out, _ = run("show", "CQ-17", "--lang", "en")
    assert "牵头单位 lead" in out and "mandatory" in out
    _, out, _ = run("init", "--region", "城口县", "--year", "2025", "--lang", "zh")
    assert "每完成一项活动即记录一条" in out and "2025 年待办，按截止日期排列" in out
    assert "Record each activity" not in out
    _, out, _ = run("init", "--region", "城口县", "--year", "2025", "--lang", "en")
    assert "# Record each activity as it is done" in out


# ── project settings: a repository names its plan files once ──────────────────────────────────────────────────


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A log repository: logs/ with the example city's log, plans/ with its plan file, a .git folder at the top."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "logs").mkdir()
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans/municipal_example.yaml").write_bytes((ROOT / "examples/plans/municipal_example.yaml").read_bytes())
    (tmp_path / "logs/log-city.yaml").write_bytes((ROOT / "examples/municipal/log-city.yaml").read_bytes())
    return tmp_path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ecoplan.toml", 'plan_files = ["plans/municipal_example.yaml"]\n'),
        ("pyproject.toml", '[project]\nname = "logs"\n\n[tool.ecoplan]\nplan_files = ["plans/municipal_example.yaml"]\n'),
    ],
)
def test_project_settings_name_the_plan_files_once(project: Path, name: str, content: str) -> None:
    log = str(project / "logs/log-city.yaml")
    assert _cli("validate", log, cwd=project).returncode == 1  # without settings: unknown plan
    (project / name).write_text(content, encoding="utf-8")
    result = _cli("validate", log, cwd=project / "logs")
    assert result.returncode == 0 and re.fullmatch(r".*log-city\.yaml: valid \(\d+ activities\)\n", result.stdout), result.stderr
    checked = _cli("check", log, "--as-of", "2023-01-15", "--format", "json", cwd=project)
    given = _cli("check", log, "--as-of", "2023-01-15", "--format", "json", "--plan-file", "plans/municipal_example.yaml",
                 cwd=project)  # fmt: skip
    assert checked.returncode == given.returncode == 1 and checked.stdout == given.stdout  # as if given --plan-file
    calendar = _cli("calendar", "--year", "2022", "--log", log, "--as-of", "2023-01-15", "--format", "json", cwd=project)
    assert calendar.returncode == 0 and {i["plan"] for i in json.loads(calendar.stdout)["items"]} == {"municipal-example"}


def test_the_search_for_settings_stops_at_the_repository_top(project: Path) -> None:
    (project.parent / "ecoplan.toml").write_text('plan_files = ["elsewhere.yaml"]\n', encoding="utf-8")
    try:
        result = _cli("validate", str(project / "logs/log-city.yaml"), cwd=project)
        assert result.returncode == 1 and "[unknown-plan]" in result.stderr and "[settings]" not in result.stderr
    finally:
        (project.parent / "ecoplan.toml").unlink()


@pytest.mark.parametrize(
    ("content", "en", "zh"),
    [
        ('plan_files = "plans/municipal_example.yaml"\n', "plan_files must be a list of paths", "plan_files 应为路径列表"),
        ('plan_files = ["plans/nope.yaml"]\n', "plan file plans/nope.yaml does not exist", "计划文件 plans/nope.yaml 不存在"),
        ("plan_files = [\n", "not valid TOML", "TOML 语法错误"),
    ],
)
def test_unusable_settings_are_a_usage_error_naming_the_file(project: Path, content: str, en: str, zh: str) -> None:
    (project / "ecoplan.toml").write_text(content, encoding="utf-8")
    for command in ("validate", "check"):
        result = _cli(command, "logs/log-city.yaml", "--lang", "en", cwd=project)
        assert result.returncode == 2 and result.stderr.startswith("ecoplan.toml:1:") and en in result.stderr
        result = _cli(command, "logs/log-city.yaml", "--lang", "zh", cwd=project)
        assert result.returncode == 2 and zh in result.stderr


def test_readme_and_integrations_state_the_measured_validate_figure() -> None:
    results = (ROOT / "bench/RESULTS.md").read_text(encoding="utf-8")
    measured = re.search(r"\*\*`ecoplan validate` example\*\*[^|]*\| \*\*(\d+)\*\*", results)
    assert measured is not None
    figure = f"{measured.group(1)} ms"
    for document in ("README.md", "docs/integrations.md"):
        text = (ROOT / document).read_text(encoding="utf-8")
        assert f"takes {figure}" in text or f": {figure} on a small log" in text, document
        assert "half a second" not in text and "about 100 ms" not in text


def test_terminal_width_survives_a_terminal_that_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    from ecoplan_cli import command_line as common

    def no_size(*_: object) -> os.terminal_size:
        raise OSError(25, "Inappropriate ioctl for device")

    class Terminal:
        def isatty(self) -> bool:
            return True

        def fileno(self) -> int:
            return 1

    monkeypatch.setattr(common.sys, "stdout", Terminal())
    monkeypatch.setattr(common.os, "get_terminal_size", no_size)
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert common.terminal_width(None) == 80
    assert common.terminal_width(50) == 50
    monkeypatch.setenv("COLUMNS", "72")
    assert common.terminal_width(None) == 72
    monkeypatch.setenv("COLUMNS", "wide")  # not a number: ignored, like an unset COLUMNS
    assert common.terminal_width(None) == 80
    assert common.use_color()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not common.use_color()


@pytest.mark.parametrize(
    ("args", "en", "zh"),
    [
        (
            ("init", "--region", "城口县", "--plan", "chongqing"),
            "usage error: --plan chongqing: unknown plan; known plans:",
            "用法错误：--plan chongqing：未知的计划；已知计划：",
        ),
        (
            ("calendar", "--level", "township"),
            "usage error: --level township: give one of national, province,",
            "用法错误：--level township：请给出以下之一：national, province,",
        ),
        (
            ("calendar", "--from", "2024-01-01"),
            "usage error: give both --from and --to, or neither",
            "用法错误：--from 与 --to 须同时给出，或都不给",
        ),
        (
            ("calendar", "--from", "2024-02-30", "--to", "2024-03-31"),
            "usage error: --from: 2024-02-30 is not a date: that month has 29 days, its last day is 2024-02-29",
            "用法错误：--from：2024-02-30 不是有效日期：该月只有 29 天，最后一天是 2024-02-29",
        ),
        (
            ("check", "examples/chengkou-county.yaml", "--as-of", "yesterday"),
            "usage error: --as-of yesterday is not a date: write an ISO date such as 2025-01-15",
            "用法错误：--as-of yesterday 不是日期：请写成 2025-01-15 这样的日期",
        ),
    ],
)
def test_usage_errors_name_the_argument_in_the_chosen_language(run, args: tuple[str, ...], en: str, zh: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(*args, "--lang", "en")
    assert code == 2 and out == "" and en in err, err
    code, _, err = run(*args, "--lang", "zh")
    assert code == 2 and zh in err, err
