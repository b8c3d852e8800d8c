"""Fuzzing `validate` and `check` with mutated logs: never a traceback, exit 0/1/2, a message naming the file.

The seed corpus is tests/fuzz_corpus/; hypothesis mutates bytes, lines and values of those files.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ecoplan_cli.cli import app

CORPUS = sorted((Path(__file__).parent / "fuzz_corpus").glob("*.yaml"))
SEEDS = [path.read_bytes() for path in CORPUS]
FRAGMENTS = [
    b"",
    b"\t",
    b"- ",
    b": ",
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"<<: ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\xff",
    b"\xef\xbb\xbf",
    b"2024-13-01",
    b"-1",
    b"1.5",
    b"~",
    b'"',
    b"'",
    b"#",
    b"\n",
    b"    ",
    b"CQ-999",
    b"\xe5\x9f\x8e",
    b"yes",
    b"0x10",
    b"?",
    b"%YAML 1.1\n---\n",
    b"---\n",
    b"...\n",
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "line-dup", "line-drop"]))
        position = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "insert":
            data[position:position] = draw(st.sampled_from(FRAGMENTS) | st.binary(max_size=4))
        elif kind == "delete":
            del data[position : position + draw(st.integers(1, 8))]
        elif kind == "replace":
            data[position : position + 1] = draw(st.sampled_from(FRAGMENTS))
        else:
            lines = bytes(data).split(b"\n")
            index = draw(st.integers(0, max(0, len(lines) - 1)))
            if kind == "line-dup":
                lines.insert(index, lines[index])
            else:
                del lines[index]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutated())
def test_mutated_logs_never_crash(tmp_path_factory, content: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("fuzz") / "log.yaml"
    path.write_bytes(content)
    runner = CliRunner()
    for command in (["validate", str(path)], ["check", str(path), "--as-of", "2025-01-15", "--format", "json"]):
        result = runner.invoke(app, command)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (0, 1, 2), (command, result.exit_code)
        assert "Traceback" not in result.output + result.stderr
        if result.exit_code == 2 or (command[0] == "validate" and result.exit_code == 1):
            assert str(path) in result.stderr, result.stderr
    assert path.read_bytes() == content  # inputs are never written to
