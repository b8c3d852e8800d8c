"""The CI recipes in examples/ci/: well-formed for their platform, and the ecoplan commands they run really work.

Each recipe is parsed, its structure checked (what GitHub code scanning and GitLab's test reports need), then every
`ecoplan …` line it runs is executed with a shell, as the runner would, in a folder holding logs/ — and the reports
the recipe uploads must exist and parse. Schema validation uses check-jsonschema's vendored SchemaStore schemas
(offline) and is skipped where check-jsonschema is not installed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import EXAMPLES, ROOT

RECIPES = ROOT / "examples" / "ci"
GITHUB = RECIPES / "github-actions.yml"
GITLAB = RECIPES / "gitlab-ci.yml"
AS_OF = "2025-01-15"
# keys at the top of a .gitlab-ci.yml that are not jobs
GITLAB_GLOBALS = {"default", "include", "stages", "variables", "workflow", "image", "services", "cache", "before_script"}


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))  # YAML 1.2, as GitHub reads `on:`: a string key


def github_steps() -> list[dict[str, Any]]:
    return [step for job in load(GITHUB)["jobs"].values() for step in job["steps"]]


def gitlab_jobs() -> dict[str, dict[str, Any]]:
    return {name: job for name, job in load(GITLAB).items() if name not in GITLAB_GLOBALS and not name.startswith(".")}


def ecoplan_lines(scripts: list[str]) -> list[str]:
    """The `ecoplan …` command lines among shell scripts (a `run:` block or `script:` items)."""
    lines = [line.strip() for script in scripts for line in script.splitlines()]
    return [line for line in lines if line.startswith("ecoplan ")]


def github_commands() -> list[str]:
    return ecoplan_lines([step["run"] for step in github_steps() if "run" in step])


def gitlab_commands() -> list[str]:
    return ecoplan_lines([line for job in gitlab_jobs().values() for line in job.get("before_script", []) + job["script"]])


def ecoplan_executable() -> str:
    beside = Path(sys.executable).parent / ("ecoplan.exe" if os.name == "nt" else "ecoplan")
    found = str(beside) if beside.exists() else shutil.which("ecoplan")
    if found is None:
        pytest.skip("no `ecoplan` console script installed beside this Python")
    return found


def run_commands(commands: list[str], workdir: Path) -> list[subprocess.CompletedProcess[str]]:
    """Run each command in a POSIX shell (globs expand as on the runner) with the installed ecoplan and a fixed date."""
    shell = shutil.which("bash") or shutil.which("sh")
    if shell is None:
        pytest.skip("no POSIX shell to run the recipes' commands")
    env = {key: value for key, value in os.environ.items() if key not in {"LANGUAGE", "LC_MESSAGES"}}
    env.update(ECOPLAN_AS_OF=AS_OF, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    executable = shlex.quote(ecoplan_executable())
    return [
        subprocess.run(
            [shell, "-c", executable + command.removeprefix("ecoplan")],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        for command in commands
    ]


@pytest.fixture
def log_folder(tmp_path: Path) -> Path:
    (tmp_path / "logs").mkdir()
    shutil.copy(EXAMPLES / "chengkou-county.yaml", tmp_path / "logs" / "chengkou-county.yaml")
    shutil.copytree(EXAMPLES / "exceptions", tmp_path / "logs" / "exceptions")  # the approved 延期 the log names
    return tmp_path


def output_paths(commands: list[str], kind: str) -> list[str]:
    return [match for command in commands for match in re.findall(rf"--output[ =]{kind}:(\S+)", command)]


# --- GitHub Actions ---------------------------------------------------------------------------------------------


def test_github_workflow_has_triggers_permissions_and_a_sarif_upload() -> None:
    workflow = load(GITHUB)
    assert {"pull_request", "push"} <= set(workflow["on"]), "runs on pull requests and pushes"
    assert "schedule" in workflow["on"], "gaps appear as time passes: the workflow also runs on a schedule"
    assert workflow["permissions"]["security-events"] == "write"
    assert workflow["permissions"]["contents"] == "read"
    for job in workflow["jobs"].values():
        assert job["runs-on"] and job["steps"]
    steps = github_steps()
    assert any(step.get("uses", "").startswith("actions/checkout@") for step in steps)
    uploads = [step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert len(uploads) == 1
    upload = uploads[0]
    assert upload["with"]["sarif_file"] in output_paths(github_commands(), "sarif")
    assert "!cancelled()" in upload["if"], "the upload runs when the check step failed on gaps"
    assert f"hashFiles('{upload['with']['sarif_file']}')" in upload["if"], "and is skipped when no SARIF was written"
    assert any("--format github" in command for command in github_commands()), "annotations on the log files"


def test_github_workflow_commands_work(log_folder: Path) -> None:
    commands = github_commands()
    assert commands, "the workflow runs ecoplan"
    results = run_commands(commands, log_folder)
    check = results[-1]
    assert check.returncode == 1, check.stderr  # the example county has mandatory gaps: the job fails
    assert "::error file=logs/chengkou-county.yaml,line=7,title=CQ-17/county 2023-H2::" in check.stdout  # region: line

    (sarif_path,) = output_paths(commands, "sarif")
    sarif = json.loads((log_folder / sarif_path).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    findings = [result for result in results if not result["ruleId"].startswith("uncounted-")]  # the gaps
    assert len(findings) == 3 and {result["ruleId"] for result in findings} >= {"CQ-17", "CQ-79"}
    assert {result["level"] for result in results if result not in findings} == {"warning"}  # not counted
    uris = {location["physicalLocation"]["artifactLocation"]["uri"] for r in findings for location in r["locations"]}
    assert uris == {"logs/chengkou-county.yaml"}, "paths relative to the repository root, as code scanning needs"

    for table in output_paths(commands, "table"):  # the job summary step shows this file
        assert "FAIL: 3 mandatory gap(s)" in (log_folder / table).read_text(encoding="utf-8")
        summary = next(step for step in github_steps() if table in step.get("run", "") and "GITHUB_STEP_SUMMARY" in step["run"])
        assert f"hashFiles('{table}')" in summary["if"]


# --- GitLab CI --------------------------------------------------------------------------------------------------


def test_gitlab_job_keeps_a_junit_report_always() -> None:
    jobs = gitlab_jobs()
    assert jobs, "the file defines a job"
    for job in jobs.values():
        assert job["image"].startswith("python:3.1")
        artifacts = job["artifacts"]
        assert artifacts["when"] == "always", "the report matters most when the job fails"
        junit = artifacts["reports"]["junit"]
        assert junit in output_paths(gitlab_commands(), "junit")
        assert junit in artifacts.get("paths", [junit])


def test_gitlab_job_commands_work(log_folder: Path) -> None:
    commands = gitlab_commands()
    assert commands, "the job runs ecoplan"
    check = run_commands(commands, log_folder)[-1]
    assert check.returncode == 1, check.stderr
    assert "FAIL: 3 mandatory gap(s)" in check.stdout  # the table in the job log

    (junit_path,) = output_paths(commands, "junit")
    root = ET.parse(log_folder / junit_path).getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert sum(int(suite.get("failures", "0")) for suite in suites) == 3
    failed = {case.get("name") for case in root.iter("testcase") if case.find("failure") is not None}
    assert "CQ-17/county 2023-H2" in failed


# --- platform schemas -------------------------------------------------------------------------------------------

needs_check_jsonschema = pytest.mark.skipif(
    importlib.util.find_spec("check_jsonschema") is None, reason="check-jsonschema is not installed"
)


def check_jsonschema(schema: str, path: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout + done.stderr


@needs_check_jsonschema
@pytest.mark.parametrize(
    ("schema", "recipe", "breakage"),
    [
        ("vendor.github-workflows", GITHUB, ("runs-on:", "runs_on:")),
        ("vendor.gitlab-ci", GITLAB, ("when: always", "when: sometimes")),
    ],
)
def test_recipes_validate_against_their_platform_schema(
    tmp_path: Path, schema: str, recipe: Path, breakage: tuple[str, str]
) -> None:
    code, out = check_jsonschema(schema, recipe)
    assert code == 0, out
    broken = tmp_path / recipe.name  # the same check refuses a broken copy: the schema has teeth
    broken.write_text(recipe.read_text(encoding="utf-8").replace(*breakage), encoding="utf-8")
    code, out = check_jsonschema(schema, broken)
    assert code == 1, out
