"""`ecoplan init`: a starter log that validates at once, lists the year's to-dos, and never clobbers a file."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML


def test_init_writes_a_valid_starter_log_with_the_years_todos(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "logs" / "城口县-2025.yaml"
    code, _, err = run("init", "--region", "城口县", "--year", "2025", "--out", out)
    assert code == 0, err
    content = out.read_text(encoding="utf-8")
    data = YAML(typ="safe").load(content)
    assert data == {"plans": ["chongqing-impl"], "unit": "城口县生态环境局", "region": "城口县", "activities": None}
    todo = [line for line in content.splitlines() if line.startswith("# 2025-")]
    assert [line.split()[1] for line in todo if "CQ-17/county" in line] == ["2025-06-30", "2025-12-31"]
    assert not any("CQ-16" in line for line in todo)
    assert "#    amounts: {篇: 10}" in content
    code, _, err = run("validate", out)
    assert code == 0, err


def test_an_uncommented_todo_entry_is_a_valid_activity(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "log.yaml"
    run("init", "--region", "渝中区", "--year", "2024", "--out", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("#  - id: 2024-q1-cq-17-district"))
    entry = [line[1:].replace("2024-MM-DD", "2024-02-20") for line in lines[start : start + 4]]
    out.write_text("\n".join([*lines, *entry]) + "\n", encoding="utf-8")
    code, stdout, err = run("validate", out)
    assert code == 0, err
    assert "1 activities" in stdout


def test_init_never_overwrites_without_force(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "log.yaml"
    out.write_text("mine\n", encoding="utf-8")
    code, _, err = run("init", "--region", "城口县", "--year", "2025", "--out", out)
    assert code == 2 and "--force" in err
    assert out.read_text(encoding="utf-8") == "mine\n"
    code, _, _ = run("init", "--region", "城口县", "--year", "2025", "--out", out, "--force")
    assert code == 0 and out.read_text(encoding="utf-8").startswith("# yaml-language-server")
    assert [p.name for p in tmp_path.iterdir()] == ["log.yaml"]  # no temporary file left behind


def test_init_refuses_an_unknown_region(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("init", "--region", "城口")
    assert code == 2 and "unknown region" in err
