"""The log JSON Schema as editors and checkers use it: exact enums (typos fail), titles for completion, obligation
ids, regions, friendly messages, and `schema --plan-file`. With jsonschema, check-jsonschema and the real
yaml-language-server (skipped with the install line when it is absent)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import EXAMPLES, ROOT
from node_tools import LanguageServer, node_tool

SCHEMA = ROOT / "schema" / "activity-log.schema.json"
HEADER = "# yaml-language-server: $schema=activity-log.schema.json\nplans: [chongqing-impl]\nunit: 城口县生态环境局\n"


def log(region: str, *references: str) -> str:
    activities = "".join(
        f"  - id: a{n}\n    date: 2023-01-0{n + 1}\n    title: 活动\n    requirements: [{ref}]\n"
        for n, ref in enumerate(references)
    )
    return f"{HEADER}region: {region}\nactivities:\n{activities}"


def data(text: str) -> Any:
    from ruamel.yaml import YAML

    # pure: libyaml (ruamel.yaml.clib, when installed) refuses `[chongqing-impl:CQ-17]`, valid YAML 1.2
    return json.loads(json.dumps(YAML(typ="safe", pure=True).load(text), default=str))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return dict(json.loads(SCHEMA.read_text(encoding="utf-8")))


def errors(schema: dict[str, Any], text: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return sorted(str(error.instance) for error in validator.iter_errors(data(text)))


def test_typos_fail_and_real_ids_pass(schema: dict[str, Any]) -> None:
    good = log("城口县", "CQ-17", "CQ-16/press-center", "chongqing-impl:CQ-17", "chongqing-impl:CQ-16/monthly")
    assert errors(schema, good) == []
    bad = log("城口", "CQ-170", "CQ-16/press-centre", "cq-17")
    assert errors(schema, bad) == ["CQ-16/press-centre", "CQ-170", "cq-17", "城口"]


def test_each_id_and_region_has_its_title(schema: dict[str, Any]) -> None:
    items = schema["$defs"]["Activity"]["properties"]["requirements"]["items"]
    described = dict(zip(items["enum"], items["enumDescriptions"], strict=True))
    assert described["CQ-17"].startswith("做好新闻发布") and "chongqing-impl" in described["CQ-17"]
    assert "press-center" in described["CQ-16/press-center"]
    assert len(items["markdownEnumDescriptions"]) == len(items["enum"])
    region = schema["properties"]["region"]
    names = region["anyOf"][0]
    regions = dict(zip(names["enum"], names["enumDescriptions"], strict=True))
    assert "县" in regions["城口县"] and "county" in regions["城口县"] and "重庆市/城口县" in regions["城口县"]
    shared = next(name for name, text in regions.items() if "places share this name" in text)
    assert "write its path or code" in regions[shared]
    assert region["anyOf"][1]["pattern"] and "patternErrorMessage" in region["anyOf"][1]
    assert "pattern" not in items and "不是计划中的任务编号" in items["errorMessage"]


def test_schema_with_a_user_plan_knows_its_ids(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("schema", "--plan-file", EXAMPLES / "plans" / "district_work_plan_2021.yaml")
    assert code == 0
    schema = json.loads(out)
    items = schema["$defs"]["Activity"]["properties"]["requirements"]["items"]["enum"]
    assert {"QJ-2-2/boards", "district-2021-example:QJ-1-1/bulletin", "CQ-17"} <= set(items)
    assert "示例区" in schema["properties"]["region"]["anyOf"][0]["enum"]
    path = tmp_path / "district.schema.json"
    path.write_text(out, encoding="utf-8")
    assert check_jsonschema(path, EXAMPLES / "district" / "log-2021.yaml").returncode == 0
    _, bundled, _ = run("schema")
    assert "QJ-2-2" not in json.loads(bundled)["$defs"]["Activity"]["properties"]["requirements"]["items"]["enum"]


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    if not Path(executable).exists():
        pytest.skip("check-jsonschema is not installed (pip install check-jsonschema)")
    command = [executable, "--schemafile", str(schema), *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_check_jsonschema_accepts_the_examples_and_refuses_typos(tmp_path: Path) -> None:
    assert check_jsonschema(SCHEMA, *sorted(EXAMPLES.glob("*.yaml"))).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(log("城口", "CQ-170"), encoding="utf-8")
    result = check_jsonschema(SCHEMA, bad)
    assert result.returncode == 1
    assert "$.region: '城口' is not one of" in result.stdout and "'CQ-170' is not one of" in result.stdout


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    executable = node_tool("yaml-language-server")
    root = tmp_path_factory.mktemp("editor")
    shutil.copy(SCHEMA, root / "activity-log.schema.json")
    client = LanguageServer(executable, root)
    yield client, root
    client.close()


def test_yaml_language_server_marks_typos_with_a_sentence(server: Any) -> None:
    client, root = server
    text = log("城口", "CQ-170", "CQ-16/press-centre", "CQ-17")
    found = client.diagnostics(root / "typos.yaml", text)
    lines = text.splitlines()
    starts = [(d["range"]["start"]["line"], d["range"]["start"]["character"]) for d in found]
    marked = {(line, lines[line][column:].split("]")[0]) for line, column in starts}
    assert (3, "城口") in marked
    assert any(word == "CQ-170" for _, word in marked) and any(word == "CQ-16/press-centre" for _, word in marked)
    assert not any(word == "CQ-17" for _, word in marked)
    messages = {d["message"] for d in found}
    assert any(m.startswith("Not a requirement of the plans") for m in messages)
    assert not any("^(" in m for m in messages), "no raw regular expression"


def test_yaml_language_server_accepts_a_good_log_and_completes_with_titles(server: Any) -> None:
    client, root = server
    text = log("城口县", "CQ-17", "CQ-16/press-center")
    assert client.diagnostics(root / "good.yaml", text) == []
    items = {item["label"]: item for item in client.completion(root / "good.yaml", 8, 20)}
    assert "CQ-17" in items and "CQ-16/press-center" in items and "chongqing-impl:CQ-17" in items
    documentation = items["CQ-17"]["documentation"]
    assert "做好新闻发布" in (documentation["value"] if isinstance(documentation, dict) else documentation)
