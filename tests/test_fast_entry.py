"""The entry point runs `check` without typer: it must read every argument list it accepts exactly as typer reads it,
hand typer everything else, and print, write and exit exactly as the typer command does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ecoplan_cli.check_command import CHECK_FORMATS, FAIL_ON, CheckRequest
from ecoplan_cli.fast_args import check_request, validate_arguments

ROOT = Path(__file__).resolve().parent.parent
COUNTY = "examples/chengkou-county.yaml"


def typer_reads(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[CheckRequest, str | None] | None:
    """What the typer command makes of `check ARGS`: (request, --lang), or None when typer refuses them."""
    from ecoplan_cli.cli import app
    from ecoplan_cli.cli import check as command

    seen: list[tuple[CheckRequest, str | None]] = []
    language: list[str | None] = []
    monkeypatch.setattr(command, "set_language", lambda lang: language.append(lang.value if lang else None))
    monkeypatch.setattr(command, "run_check_command", lambda request: seen.append((request, language[-1])) or 0)
    result = CliRunner().invoke(app, ["check", *args], catch_exceptions=False)
    if result.exit_code != 0:
        return None
    assert len(seen) == 1
    return seen[0]


def test_the_option_lists_agree_with_the_typer_command() -> None:
    from ecoplan_cli.cli.check import CheckFormat, FailOn

    assert tuple(CheckFormat) == CHECK_FORMATS
    assert tuple(FailOn) == FAIL_ON


VALUES = st.sampled_from(["2024-06-30", "30d", "1m", "json", "sarif", "xlsx", "bogus", "zh", "en", "fr", "3", "0",
                          "-1", "12", "１２", "new", "any", "met", "CQ-1", "a.yaml", "./logs/b.yaml", "json:out.json",
                          "", " 2024-01-01 ", "x=y", "-"])  # fmt: skip
OPTIONS = st.sampled_from(["--as-of", "--within", "--format", "-f", "--output", "-o", "--strict", "--requirement",
                           "-r", "--plan", "--year", "--lead", "--status", "--width", "--jobs", "-j", "--exceptions",
                           "--no-exceptions", "--baseline", "--fail-on", "--plan-file", "--lang", "--help", "--bogus",
                           "-x", "--"])  # fmt: skip
FILES = st.sampled_from(["examples/chengkou-county.yaml", "./a.yaml", "logs/", "b.xlsx", "日志.yaml"])
TOKENS = st.lists(
    st.one_of(
        FILES,
        st.tuples(OPTIONS, VALUES).map(lambda pair: list(pair)),
        st.tuples(OPTIONS, VALUES).map(lambda pair: [f"{pair[0]}={pair[1]}"]),
        OPTIONS.map(lambda option: [option]),
    ),
    max_size=7,
)


def flatten(tokens: list[Any]) -> list[str]:
    return [item for token in tokens for item in (token if isinstance(token, list) else [token])]


@settings(max_examples=300, deadline=None)
@given(TOKENS)
def test_what_the_entry_reads_typer_reads_the_same(tokens: list[Any]) -> None:
    args = flatten(tokens)
    fast = check_request(args)
    if fast is None:
        return  # handed to typer as it is
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("ECOPLAN_AS_OF", raising=False)
        assert typer_reads(args, monkeypatch) == fast, args


GOOD = {  # option → values typer takes
    "--as-of": ["2024-06-30", " 2024-01-01 ", "soon"], "--within": ["30d", "1m", "x"], "-f": list(CHECK_FORMATS),
    "--output": ["json:out.json", "xlsx:督办.xlsx", "pdf"], "--strict": [], "-r": ["CQ-1", "x:y"], "--plan": ["p"],
    "--year": ["2024", "0"], "--lead": ["市委宣传部"], "--status": ["gap", "met", "odd"], "--width": ["100"],
    "-j": ["1", "2"], "--exceptions": ["./e.yaml"], "--no-exceptions": [], "--baseline": ["./b.json"],
    "--fail-on": list(FAIL_ON), "--plan-file": ["./p.yaml", "q.yaml"], "--lang": ["zh", "en"],
}  # fmt: skip


@st.composite
def good_arguments(draw: st.DrawFn) -> list[str]:
    tokens = [[file] for file in draw(st.lists(FILES, min_size=1, max_size=3))]
    for option in draw(st.lists(st.sampled_from(sorted(GOOD)), max_size=6)):
        choices = GOOD[option]
        if not choices:
            token = [option]
        else:
            value = draw(st.sampled_from(choices))
            token = [f"{option}={value}"] if option.startswith("--") and draw(st.booleans()) else [option, value]
        tokens.insert(draw(st.integers(0, len(tokens))), token)
    return flatten(tokens)


@settings(max_examples=200, deadline=None)
@given(good_arguments())
def test_valid_argument_lists_are_read_without_typer_and_as_typer_reads_them(args: list[str]) -> None:
    fast = check_request(args)
    assert fast is not None, args
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("ECOPLAN_AS_OF", raising=False)
        assert typer_reads(args, monkeypatch) == fast, args


VALIDATE_TOKENS = st.lists(
    st.one_of(
        FILES,
        st.tuples(st.sampled_from(["--plan-file", "--lang", "--help", "-x"]), VALUES).map(lambda pair: list(pair)),
        st.sampled_from(["--lang=zh", "--lang=fr", "--plan-file=./p.yaml", "--plan-file", "--"]),
    ),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(VALIDATE_TOKENS)
def test_validate_arguments_are_read_as_typer_reads_them(tokens: list[Any]) -> None:
    args = flatten(tokens)
    fast = validate_arguments(args)
    if fast is None:
        return
    from ecoplan_cli import validate_run
    from ecoplan_cli.cli import app
    from ecoplan_cli.cli import validate as command

    seen: list[tuple[tuple[str, ...], tuple[str, ...], str | None]] = []
    language: list[str | None] = []
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(command, "set_language", lambda lang: language.append(lang.value if lang else None))
        record = lambda files, plans: seen.append((tuple(files), tuple(plans), language[-1])) or 0  # noqa: E731
        monkeypatch.setattr(validate_run, "run_validate", record)
        result = CliRunner().invoke(app, ["validate", *args], catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output)
    assert seen == [fast], args


def test_the_as_of_variable_is_read_as_typer_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOPLAN_AS_OF", "2024-03-31")
    for args in ([COUNTY], [COUNTY, "--as-of", "2025-01-15"]):
        fast = check_request(args)
        assert fast is not None and fast == typer_reads(args, monkeypatch)
    assert fast[0].as_of == "2025-01-15"


def test_common_forms_are_read_without_typer() -> None:
    read = check_request([COUNTY, "--as-of", "2025-01-15", "-f", "sarif", "-o", "junit:r.xml", "--jobs=2", "--strict"])
    assert read == (
        CheckRequest(files=(COUNTY,), as_of="2025-01-15", format="sarif", outputs=("junit:r.xml",), jobs=2, strict=True),
        None,
    )
    for handed_on in ([COUNTY, "--help"], [COUNTY, "--format", "pdf"], [COUNTY, "--jobs", "0"], [], ["--as-of", "x"]):
        assert check_request(handed_on) is None


def entry(*args: str, tmp: Path | None = None, full: bool = False) -> subprocess.CompletedProcess[str]:
    """`ecoplan ARGS` as a bureau's CI runs it; full: through the typer application only."""
    run = "from ecoplan_cli.cli import main; main()" if full else "from ecoplan_cli.entry import main; main()"
    code = f"import sys; sys.argv[0] = 'ecoplan'; {run}"
    env = {k: v for k, v in os.environ.items() if k not in ("ECOPLAN_AS_OF", "COLUMNS", "GITHUB_STEP_SUMMARY")}
    env.update({"LANG": "en_US.UTF-8", "NO_COLOR": "1", "ECOPLAN_CACHE_DIR": str(tmp or ROOT / ".no-cache")})
    if full:
        env["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    program = [sys.executable, "-c", code, *args]
    return subprocess.run(program, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


@pytest.mark.parametrize(
    "args",
    [
        ["check", COUNTY, "--as-of", "2025-01-15", "-f", "json"],
        ["check", COUNTY, "--as-of", "2025-01-15", "--format", "github", "--lang", "zh"],
        ["check", COUNTY, "--as-of", "2025-01-15", "--requirement", "NOPE", "--year", "2030"],  # usage errors
        ["check", "examples", "--as-of", "2025-01-15", "--plan", "none"],  # skip notes, then a usage error
        ["check", COUNTY, "--within", "soon"],
        ["check", COUNTY, "--as-of", "2024-02-30"],
        ["check", COUNTY, "--format", "xlsx"],
        ["check", COUNTY, "--fail-on", "new"],
        ["check", "no-such.yaml"],
    ],
    ids=["json", "github-zh", "filters", "folder-notes", "within", "impossible-date", "xlsx", "fail-on", "missing"],
)
def test_the_fast_entry_runs_as_the_typer_command(args: list[str], tmp_path: Path) -> None:
    fast, full = entry(*args, tmp=tmp_path), entry(*args, tmp=tmp_path, full=True)
    assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr)
    assert "Traceback" not in fast.stderr


def test_a_usage_error_after_skip_notes_says_each_note_once(tmp_path: Path) -> None:
    result = entry("check", "examples", "--as-of", "2025-01-15", "--plan", "none", tmp=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("skipped, not an activity log (a plan file") == 2  # the two plan files, once each
    assert "Invalid value for --plan" in result.stderr


def test_a_check_never_imports_typer(tmp_path: Path) -> None:
    probe = (
        "import sys, atexit, os\n"
        "from ecoplan_cli import entry\n"
        "real_exit = os._exit\n"
        "def told(code):\n"
        "    sys.stderr.write('typer imported: %s\\n' % ('typer' in sys.modules)); sys.stderr.flush(); real_exit(code)\n"
        "os._exit = told\n"
        "entry.main()\n"
    )
    env = {**os.environ, "ECOPLAN_CACHE_DIR": str(tmp_path)}
    args = ["check", COUNTY, "--as-of", "2025-01-15", "-f", "json", "-o", f"sarif:{tmp_path / 'r.sarif'}"]
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 1  # the county's gaps
    assert result.stderr.strip().splitlines()[-1] == "typer imported: False"
    assert (tmp_path / "r.sarif").read_text(encoding="utf-8").startswith("{")


def test_a_reader_that_leaves_early_ends_the_run_quietly(tmp_path: Path) -> None:
    env = {**os.environ, "ECOPLAN_CACHE_DIR": str(tmp_path)}
    program = [sys.executable, "-c", "from ecoplan_cli.entry import main; main()", "check", "examples", "-f", "json"]
    with subprocess.Popen(program, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()  # `| head -c 10`
        errors = process.stderr.read().decode()
        assert process.wait(timeout=120) == 1
    assert "Traceback" not in errors and "BrokenPipe" not in errors


def test_a_profiled_check_still_writes_its_profile(tmp_path: Path) -> None:
    profile = tmp_path / "check.prof"
    env = {**os.environ, "ECOPLAN_CACHE_DIR": str(tmp_path)}
    program = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "ecoplan_cli", "check", COUNTY, "-f", "json"]
    subprocess.run(program, capture_output=True, cwd=ROOT, env=env, timeout=120)
    import pstats

    assert any(name == "run_check_command" for _, _, name in pstats.Stats(str(profile)).stats)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "en", "zh"),
    [
        (["--within", "soon"], "calendar months", "自然月"),
        (["--output", "pdf:x.pdf"], "write FORMAT:PATH", "格式:路径"),
        (["--status", "odd"], "unknown status odd: give one of gap", "未知的状态 odd"),
        (["--fail-on", "new"], "give --baseline FILE", "请同时给出 --baseline"),
        (["--output", f"json:{COUNTY}"], "inputs are never written to", "不会写入输入文件"),
        (["--format", "xlsx"], "a workbook is written to a file", "工作簿只能写入文件"),
    ],
)
def test_check_usage_errors_speak_the_chosen_language(run, args: list[str], en: str, zh: str) -> None:  # type: ignore[no-untyped-def]
    for lang, said in (("en", en), ("zh", zh)):
        code, out, err = run("check", COUNTY, "--as-of", "2025-01-15", *args, "--lang", lang)
        assert code == 2 and out == ""
        assert said in " ".join(err.replace("│", " ").split()), err


@pytest.mark.parametrize(("raised", "status", "said"), [(None, 0, ""), (0, 0, ""), (2, 2, ""), ("stop here", 1, "stop here\n")])
def test_an_exit_inside_a_fast_run_ends_as_the_interpreter_would(
    raised: object, status: int, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from ecoplan_cli.entry import _exit_code

    assert _exit_code(SystemExit(raised)) == status
    assert capsys.readouterr().err == said
