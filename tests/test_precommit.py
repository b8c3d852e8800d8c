"""The pre-commit hooks in .pre-commit-hooks.yaml, run by the real `pre-commit` in throw-away git repositories.

A copy of this checkout is committed to a temporary repository (pre-commit installs hooks from a commit), and a second
repository holds the logs and a .pre-commit-config.yaml naming the copy by path and revision — what a user writes with a
URL. `pre-commit run` reuses one PRE_COMMIT_HOME for the session, so ecoplan is installed into pre-commit's own virtual
environment once; `pre-commit try-repo` always builds a fresh store, so it is used once. Nothing is mocked.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT, county_text

GIT = shutil.which("git")
pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed"),
    pytest.mark.skipif(GIT is None, reason="git is not on PATH"),
]

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
# left out of the hook repository copy: VCS data, environments, caches, build output, reports
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    "build",
    "dist",
    "*.egg-info",
    "*.sarif",
    "report.xml",
)
HEADER = "plans: [chongqing-impl]\nunit: 城口县生态环境局\nregion: 城口县\nactivities:\n"


def activity(ident: str = "a1", day: str = "2024-03-10", requirement: str = "CQ-17") -> str:
    return f"  - id: {ident}\n    date: {day}\n    title: 新闻发布会\n    requirements: [{requirement}]\n"


def environment(home: Path) -> dict[str, str]:
    """A clean environment: English messages, a private pre-commit store, a git identity, nothing from an outer hook."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT")) and key not in {"SKIP", "ECOPLAN_AS_OF", "LANGUAGE", "LC_MESSAGES"}
    }
    env.update(
        PRE_COMMIT_HOME=str(home),
        LC_ALL="C.UTF-8",
        LANG="C.UTF-8",
        GIT_AUTHOR_NAME="ecoplan test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="ecoplan test",
        GIT_COMMITTER_EMAIL="test@example.org",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,  # no signing, hooksPath or templates from the person running the tests
    )
    return env


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    assert GIT is not None
    done = subprocess.run(
        [GIT, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def pre_commit(cwd: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    return done.returncode, done.stdout + done.stderr


@pytest.fixture(scope="session")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, home: Path) -> tuple[Path, str]:
    """This checkout (tracked and untracked files) committed to a temporary repository: (path, revision)."""
    repo = tmp_path_factory.mktemp("hook-repo") / "ecoplan"
    shutil.copytree(ROOT, repo, symlinks=True, ignore=NOT_COPIED)
    env = environment(home)
    git(repo, env, "init", "-q", "-b", "main")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "ecoplan under test")
    return repo, git(repo, env, "rev-parse", "HEAD")


def log_repo(path: Path, env: dict[str, str], hook_repo: tuple[Path, str], hooks: list[dict[str, object]], **files: str) -> Path:
    """A log repository using the hooks the way README shows (repo + rev), with `files` written and staged."""
    repo, rev = hook_repo
    path.mkdir(parents=True, exist_ok=True)
    git(path, env, "init", "-q", "-b", "main")
    config = {"repos": [{"repo": str(repo), "rev": rev, "hooks": hooks}]}
    yaml = YAML()
    with (path / ".pre-commit-config.yaml").open("w", encoding="utf-8") as stream:
        yaml.dump(config, stream)
    for name, content in {"logs/good.yaml": HEADER + activity(), **files}.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    git(path, env, "add", "-A")
    return path


def test_the_manifest_is_valid_and_declares_both_hooks(home: Path) -> None:
    code, out = pre_commit(home, environment(home), "validate-manifest", str(MANIFEST))
    assert code == 0, out
    hooks = {hook["id"]: hook for hook in YAML(typ="safe").load(MANIFEST.read_text(encoding="utf-8"))}
    assert set(hooks) == {"ecoplan-validate", "ecoplan-check"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is True and hook["require_serial"] is True
    assert hooks["ecoplan-validate"]["entry"] == "ecoplan validate"
    assert hooks["ecoplan-check"]["entry"] == "ecoplan check"


@pytest.mark.parametrize(
    ("path", "chosen"),
    [
        ("logs/2024.yaml", True),
        ("log/2024.yml", True),
        ("bureaus/城口县/logs/2024.yaml", True),
        ("logs/2024/q1.yaml", True),
        ("ledger/press.yaml", True),
        ("台账/2024.yaml", True),
        (".pre-commit-config.yaml", False),
        ("logs/.pre-commit-config.yaml", False),
        (".pre-commit-hooks.yaml", False),
        ("mylogs/2024.yaml", False),
        ("catalogs/2024.yaml", False),
        ("logs/README.md", False),
        ("logs/2024.yaml.bak", False),
        ("examples/chengkou-county.yaml", False),
        ("台账/2024.xlsx", True),
        ("logs/2024.csv", True),
        ("logs/~$2024.xlsx", False),
        ("logs/2024.xls", False),
    ],
)
def test_the_files_pattern_takes_logs_folders_only(path: str, chosen: bool) -> None:
    for hook in YAML(typ="safe").load(MANIFEST.read_text(encoding="utf-8")):
        # pre-commit's own rule: `files` searched, `exclude` searched, both with Python's re
        taken = bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)
        assert taken is chosen, (hook["id"], path)


def test_try_repo_rejects_an_unknown_requirement_with_its_position(tmp_path: Path, home: Path, hook_repo) -> None:  # type: ignore[no-untyped-def]
    env = environment(home)
    logs = log_repo(tmp_path / "logs-repo", env, hook_repo, [], **{"logs/bad.yaml": HEADER + activity(requirement="CQ-999")})
    code, out = pre_commit(
        logs,
        env,
        "try-repo",
        str(hook_repo[0]),
        "ecoplan-validate",
        "--ref",
        hook_repo[1],
        "--color",
        "never",
        "--files",
        "logs/good.yaml",
        "logs/bad.yaml",
    )
    assert code == 1, out
    assert "logs/bad.yaml:8:20:" in out and "CQ-999" in out, out
    assert "logs/good.yaml:" not in out


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        (HEADER + activity(requirement="CQ-999"), "logs/bad.yaml:8:20:", "'CQ-999' is not a requirement"),
        (HEADER + activity(day="2024-13-01"), "logs/bad.yaml:6:11:", "'2024-13-01' cannot be read"),
        ("plans: [chongqing-impl\n", "logs/bad.yaml:", "not valid YAML"),
    ],
)
def test_validate_hook_rejects_a_bad_log_with_file_line_column(  # type: ignore[no-untyped-def]
    tmp_path: Path, home: Path, hook_repo, content: str, where: str, words: str
) -> None:
    env = environment(home)
    logs = log_repo(tmp_path / "r", env, hook_repo, [{"id": "ecoplan-validate"}], **{"logs/bad.yaml": content})
    code, out = pre_commit(logs, env, "run", "--color", "never", "--files", "logs/good.yaml", "logs/bad.yaml")
    assert code == 1, out
    assert "ecoplan validate" in out and "Failed" in out
    assert where in out and words in out, out
    assert "Traceback" not in out


def test_validate_hook_passes_valid_logs_and_ignores_other_yaml(tmp_path: Path, home: Path, hook_repo) -> None:  # type: ignore[no-untyped-def]
    env = environment(home)
    files = {
        "logs/2023.yaml": HEADER + activity(ident="b1", day="2023-03-10"),
        "台账/城口县.yaml": county_text(),
        "notes/not-a-log.yaml": "colour: red\n",  # outside a logs folder: never given to the hook
    }
    logs = log_repo(tmp_path / "r", env, hook_repo, [{"id": "ecoplan-validate", "verbose": True}], **files)
    code, out = pre_commit(logs, env, "run", "--color", "never", "--all-files")
    assert code == 0, out
    assert "Passed" in out
    for name in ("logs/good.yaml", "logs/2023.yaml", "台账/城口县.yaml"):
        assert f"{name}: valid" in out, out
    assert "not-a-log" not in out and ".pre-commit-config.yaml" not in out


def test_validate_hook_sees_the_files_of_a_unit_together(tmp_path: Path, home: Path, hook_repo) -> None:  # type: ignore[no-untyped-def]
    env = environment(home)
    logs = log_repo(tmp_path / "r", env, hook_repo, [{"id": "ecoplan-validate"}], **{"logs/more.yaml": HEADER + activity()})
    code, out = pre_commit(logs, env, "run", "--color", "never", "--all-files")
    assert code == 1, out
    assert "activity id 'a1' is used twice" in out, out


def test_a_bad_record_never_lands(tmp_path: Path, home: Path, hook_repo) -> None:  # type: ignore[no-untyped-def]
    env = environment(home)
    logs = log_repo(tmp_path / "r", env, hook_repo, [{"id": "ecoplan-validate"}])
    code, out = pre_commit(logs, env, "install")
    assert code == 0, out
    git(logs, env, "commit", "-q", "-m", "first record")
    first = git(logs, env, "rev-parse", "HEAD")

    (logs / "logs/good.yaml").write_text(HEADER + activity() + activity(ident="a2", day="2024-13-01"), encoding="utf-8")
    git(logs, env, "add", "-A")
    refused = subprocess.run([GIT or "git", "commit", "-m", "bad date"], cwd=logs, env=env, capture_output=True, text=True)
    assert refused.returncode != 0
    assert "logs/good.yaml:10:11:" in refused.stdout + refused.stderr and "cannot be read" in refused.stdout + refused.stderr
    assert git(logs, env, "rev-parse", "HEAD") == first


def test_check_hook_is_opt_in_and_reports_gaps(tmp_path: Path, home: Path, hook_repo) -> None:  # type: ignore[no-untyped-def]
    env = environment(home)
    county = {"logs/good.yaml": county_text()}
    hooks: list[dict[str, object]] = [{"id": "ecoplan-validate"}, {"id": "ecoplan-check", "args": ["--as-of", "2025-01-15"]}]
    logs = log_repo(tmp_path / "gaps", env, hook_repo, hooks, **county)
    code, out = pre_commit(logs, env, "run", "--color", "never", "--all-files")
    assert code == 1, out
    assert re.search(r"ecoplan validate\.+Passed", out) and re.search(r"ecoplan check\.+Failed", out), out
    assert "CQ-17/county" in out and "FAIL: 4 mandatory gap(s)" in out

    hooks = [{"id": "ecoplan-check", "args": ["--as-of", "2021-12-01"]}]
    logs = log_repo(tmp_path / "no-gaps", env, hook_repo, hooks, **county)
    code, out = pre_commit(logs, env, "run", "--color", "never", "--all-files")
    assert code == 0, out
    assert re.search(r"ecoplan check\.+Passed", out), out


DOCS = ROOT / "docs" / "integrations.md"


def documented_configs() -> list[str]:
    """The complete .pre-commit-config.yaml examples (```yaml blocks with `repos:`) of docs/integrations.md."""
    blocks = re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [block for block in blocks if block.startswith("repos:")]


def test_the_documented_configs_are_valid(tmp_path: Path, home: Path) -> None:
    configs = documented_configs()
    assert len(configs) >= 3 and any("repo: local" in config for config in configs)
    for number, config in enumerate(configs):
        path = tmp_path / f"config-{number}.yaml"
        path.write_text(config, encoding="utf-8")
        code, out = pre_commit(tmp_path, environment(home), "validate-config", str(path))
        assert code == 0, (config, out)


@pytest.mark.parametrize("number", range(len(documented_configs())))
def test_the_documented_configs_reject_a_bad_log(tmp_path: Path, home: Path, hook_repo, number: int) -> None:  # type: ignore[no-untyped-def]
    """Each documented config, pointed at this checkout instead of the placeholder URL, stops a bad record."""
    config = YAML(typ="safe").load(documented_configs()[number])
    for entry in config["repos"]:
        if entry["repo"] == "local":
            for hook in entry["hooks"]:
                deps = hook.get("additional_dependencies", [])
                hook["additional_dependencies"] = [
                    f"ecoplan @ {hook_repo[0].as_uri()}" if d.startswith("ecoplan") else d for d in deps
                ]
        else:
            entry["repo"], entry["rev"] = str(hook_repo[0]), hook_repo[1]
    env = environment(home)
    hooks = [hook for entry in config["repos"] for hook in entry["hooks"]]
    logs = log_repo(tmp_path / "r", env, hook_repo, [], **{"logs/bad.yaml": HEADER + activity(requirement="CQ-999")})
    yaml = YAML()
    with (logs / ".pre-commit-config.yaml").open("w", encoding="utf-8") as stream:
        yaml.dump(config, stream)
    git(logs, env, "add", "-A")
    code, out = pre_commit(logs, env, "run", "--color", "never", "--all-files", "--hook-stage", "manual")
    assert code == 1, out
    assert out.count("logs/bad.yaml:8:20: error: 'CQ-999' is not a requirement") == len(hooks), out
    assert "logs/good.yaml:" not in out
