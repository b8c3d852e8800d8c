"""docs/first-hour.md shows what ecoplan says to the ten commonest slips of a hand-typed log: its outputs are real.

Each case below is one slip in a small, otherwise valid log (`log.yaml`); the test runs `ecoplan validate log.yaml` in
both languages and requires the walkthrough to show exactly what was printed. To refresh the walkthrough after a
message changes: `python tests/test_first_hour_doc.py` prints every case's output.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "first-hour.md"

LOG = """\
plans: [chongqing-impl]
unit: 城口县生态环境局
region: 城口县
activities:
  - id: 2024-pc-1
    date: 2024-03-10
    title: 一季度新闻发布会
    requirements: [CQ-17]
"""

# (title, the slip: (what the good log says, what was typed instead))
CASES: list[tuple[str, tuple[str, str]]] = [
    ("A full-width colon after a key", ("    date: 2024-03-10", "    date：2024-03-10")),
    ("No space after the colon", ("    date: 2024-03-10", "    date:2024-03-10")),
    ("A full-width space in the indentation", ("    title: 一季度", "　  title: 一季度")),
    ("A requirement id without its hyphen", ("[CQ-17]", "[CQ17]")),
    ("A requirement id in lower case", ("[CQ-17]", "[cq-17]")),
    ("Two ids joined by a full-width comma", ("[CQ-17]", "[CQ-17，CQ-79/articles]")),
    ("A number where text is expected", ("id: 2024-pc-1", "id: 1")),
    ("One id where a list is expected", ("[CQ-17]", "CQ-17")),
    ("A key the log does not know", ("    requirements: [CQ-17]", "    requirements: [CQ-17]\n    remark: 因雨改期")),
    ("A day the month does not have", ("2024-03-10", "2024-02-30")),
]


def _output(log: str, lang: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "log.yaml").write_text(log, encoding="utf-8")
        environment = {k: v for k, v in os.environ.items() if not k.startswith("ECOPLAN_")}
        result = subprocess.run(
            [sys.executable, "-m", "ecoplan_cli", "validate", "log.yaml", "--lang", lang],
            capture_output=True, text=True, cwd=folder, env=environment, check=False,
        )  # fmt: skip
    return f"$ ecoplan validate log.yaml{' --lang zh' if lang == 'zh' else ''}\n{result.stdout}{result.stderr}"


def _slipped(slip: tuple[str, str]) -> str:
    good, typed = slip
    assert good in LOG
    return LOG.replace(good, typed, 1)


@pytest.mark.parametrize(("title", "slip"), CASES, ids=[title for title, _ in CASES])
def test_the_walkthrough_shows_what_ecoplan_says(title: str, slip: tuple[str, str]) -> None:
    doc = DOC.read_text(encoding="utf-8")
    assert f"## {title}" in doc
    section = doc.split(f"## {title}", 1)[1].split("\n## ", 1)[0]
    for lang in ("en", "zh"):
        assert _output(_slipped(slip), lang) in section


def test_the_log_without_slips_is_valid() -> None:
    assert "log.yaml: valid (1 activities)" in _output(LOG, "en")


if __name__ == "__main__":  # print every case, to paste into docs/first-hour.md
    for title, slip in CASES:
        print(f"## {title}\n\n```yaml\n{_slipped(slip)}```\n")
        for lang in ("en", "zh"):
            print(f"```text\n{_output(_slipped(slip), lang)}```\n")
