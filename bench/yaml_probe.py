#!/usr/bin/env python3
"""Probe YAML parsers on the inputs that matter for ecoplan's safe loading: prints a Markdown table.

    python bench/yaml_probe.py [--out bench/out/yaml_probe.md]

Parsers: yaml_rs (defaults: duplicate keys = error, AliasLimits()), ruamel.yaml typ='safe' (the reference
semantics), ecoplan's own yaml_source.parse (what `ecoplan validate` accepts today: ruamel rt compose + its
builder), PyYAML CSafeLoader (YAML 1.1, for contrast). Every case runs in a child process with a 10 s timeout and a
1 GiB address-space cap, so a bomb or a stack overflow shows up as a row, not as a dead benchmark.
Then checks that yaml_rs and ruamel safe give the same data on real files: the examples, the bundled plans and
region registry, and generated logs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def bomb(levels: int, width: int = 9) -> str:
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


# (name, YAML text) — text is str unless it is bytes
CASES: list[tuple[str, str | bytes]] = [
    ("plain mapping", "id: 2024-pc-1\ntitle: 一季度新闻发布会\n"),
    ("date 2024-03-10", "date: 2024-03-10\n"),
    ("quoted date", 'date: "2024-03-10"\n'),
    ("single-quoted date in a list", "x: ['2024-03-10']\n"),
    ("quoted time '09:30:00'", "x: '09:30:00'\n"),
    ("quoted datetime", 'x: "2024-03-10T09:30:00"\n'),
    ("quoted '10' / 'true' / 'null'", "a: '10'\nb: 'true'\nc: 'null'\n"),
    ("impossible date 2024-13-01", "date: 2024-13-01\n"),
    ("impossible date 2024-02-30", "date: 2024-02-30\n"),
    ("one-digit month 2024-3-10", "date: 2024-3-10\n"),
    ("datetime with zone", "at: 2024-03-10T09:30:00+08:00\n"),
    ("datetime with space", "at: 2024-03-10 09:30:00\n"),
    ("time only 09:30:00", "at: 09:30:00\n"),
    ("sexagesimal 1:30", "t: 1:30\n"),
    ("yes / no / on / off", "a: yes\nb: no\nc: on\nd: off\n"),
    ("y / n", "a: y\nb: n\n"),
    ("True / FALSE", "a: True\nb: FALSE\n"),
    ("null forms", "a: ~\nb: null\nc: Null\nd:\n"),
    ("octal 0755 (1.1)", "m: 0755\n"),
    ("octal 0o755 (1.2)", "m: 0o755\n"),
    ("hex 0x1F", "m: 0x1F\n"),
    ("binary 0b101", "m: 0b101\n"),
    ("underscore 1_000", "n: 1_000\n"),
    ("float 1e3", "n: 1e3\n"),
    ("float .inf / .nan", "a: .inf\nb: .nan\n"),
    ("big int 2**70", f"n: {2**70}\n"),
    ("count 08", "n: 08\n"),
    ("flow seq [https://a.b]", "evidence: [https://a.b/x?y=1]\n"),
    ("flow seq unquoted two URLs", "evidence: [https://a.b/1, https://a.b/2]\n"),
    ("flow map {篇: 10, 件: 1}", "amounts: {篇: 10, 件: 1}\n"),
    ("flow seq with colon-space", "evidence: [note: x]\n"),
    ("duplicate key", "id: a\nid: b\n"),
    ("duplicate key, nested", "x:\n  a: 1\n  a: 2\n"),
    ("duplicate key 1 vs '1'", "1: a\n'1': b\n"),
    ("int key", "2024: x\n"),
    ("bool key yes:", "yes: x\n"),
    ("date key", "2024-03-10: x\n"),
    ("null key", "~: x\n"),
    ("complex key [a, b]", "? [a, b]\n: x\n"),
    ("anchor + alias", "a: &x {k: 1}\nb: *x\n"),
    ("merge key <<", "base: &b {k: 1}\nc:\n  <<: *b\n  j: 2\n"),
    ("undefined alias", "a: *nope\n"),
    ("!!python/object/apply", "x: !!python/object/apply:os.system ['echo pwned']\n"),
    ("!!python/name", "x: !!python/name:os.system\n"),
    ("local tag !foo", "x: !foo bar\n"),
    ("!!binary", "x: !!binary aGVsbG8=\n"),
    ("!!set", "x: !!set {a, b}\n"),
    ("!!omap", "x: !!omap [a: 1, b: 2]\n"),
    ("!!str 2024-03-10", "x: !!str 2024-03-10\n"),
    ("!!int '3'", "x: !!int '3'\n"),
    ("%YAML 1.1 directive + yes", "%YAML 1.1\n---\na: yes\n"),
    ("BOM (str)", "\ufeffa: 1\n"),
    ("BOM (bytes)", b"\xef\xbb\xbfa: 1\n"),
    ("invalid UTF-8 (bytes)", b"a: \xff\n"),
    ("tab indentation", "a:\n\tb: 1\n"),
    ("tab after colon", "a:\tb\n"),
    ("two documents", "a: 1\n---\nb: 2\n"),
    ("empty file", ""),
    ("comment only", "# nothing\n"),
    ("syntax error line 3", "a: 1\nb: [1, 2\nc: 3\n"),
    ("bad indentation line 2", "a:\n  b: 1\n c: 2\n"),
    ("unclosed quote", 'a: "abc\n'),
    ("deep nesting 200", "a: " + "[" * 200 + "]" * 200 + "\n"),
    ("deep nesting 100000", "a: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ("alias bomb 9^5", bomb(5)),
    ("alias bomb 9^6", bomb(6)),
    ("alias bomb 9^7", bomb(7)),
    ("billion laughs 9^9", bomb(9)),
    ("escapes \\x41 \\u4e2d", "a: \"\\x41\\u4e2d\"\nb: 'it''s'\n"),
    ("key order", "z: 1\na: 2\nm: 3\n"),
]

PARSERS = {
    "yaml_rs": (
        "import yaml_rs",
        "yaml_rs.load(raw) if isinstance(raw, bytes) else yaml_rs.loads(raw)",
    ),
    "ruamel safe": (
        "from ruamel.yaml import YAML\nyaml = YAML(typ='safe')",
        "yaml.load(raw)",
    ),
    "ecoplan parse": (
        "from ecoplan_cli.load.yaml_source import parse, decode\nfrom ecoplan_cli.load.problems import InputError",
        "parse(decode(raw, 'f') if isinstance(raw, bytes) else raw, 'f').data",
    ),
    "PyYAML C (1.1)": (
        "import yaml",
        "yaml.load(raw, Loader=yaml.CSafeLoader)",
    ),
}

CHILD = r"""
import datetime, json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
{setup}
raw = open(sys.argv[1], "rb").read()
if sys.argv[2] == "str":
    raw = raw.decode("utf-8")
def show(value, depth=0):
    if isinstance(value, datetime.datetime):
        return "datetime(" + value.isoformat() + ")"
    if isinstance(value, datetime.date):
        return "date(" + value.isoformat() + ")"
    if isinstance(value, dict):
        return "{{" + ", ".join(show(k) + ": " + show(v) for k, v in value.items()) + "}}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "set(" + ", ".join(sorted(map(show, value))) + ")"
    if isinstance(value, bytes):
        return "bytes(" + repr(value)[2:-1] + ")"
    return repr(value)
LIMIT = 2_000_000
def size(value):
    # nodes a consumer walking the data would visit (aliases shared by ruamel/PyYAML count every time), capped
    count, stack = 0, [value]
    while stack and count < LIMIT:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count
start = time.perf_counter()
try:
    data = {parse}
    elapsed = time.perf_counter() - start
    n = size(data)
    text = show(data) if n < 2000 else ("accepted: " + (f"{{n:,}}" if n < LIMIT else f">{{LIMIT:,}}") + " nodes to walk")
    out = {{"ok": True, "value": text, "ms": elapsed * 1000}}
except Exception as error:
    problems = getattr(error, "problems", None)
    if problems:
        p = problems[0]
        message = f"{{p.code}} at {{p.line}}:{{p.column}}: {{p.message}}"
    else:
        message = str(error).strip()
    out = {{"ok": False, "value": type(error).__name__ + ": " + message, "ms": (time.perf_counter() - start) * 1000}}
out["mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out, ensure_ascii=False))
"""


def run_case(parser: str, raw: str | bytes, workdir: Path) -> dict:
    setup, parse = PARSERS[parser]
    source = workdir / "case.yaml"
    source.write_bytes(raw if isinstance(raw, bytes) else raw.encode("utf-8"))
    code = CHILD.format(setup=setup, parse=parse)
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(source), "bytes" if isinstance(raw, bytes) else "str"],
            capture_output=True,
            text=True,
            timeout=10,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        return {"ok": False, "value": "TIMEOUT (10 s)"}
    if done.returncode != 0 or not done.stdout.strip():
        tail = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        if "MemoryError" in done.stderr:
            tail = "MemoryError (1 GiB cap)"
        return {"ok": False, "value": f"CRASH exit {done.returncode}: {tail[:120]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def cell(result: dict) -> str:
    value = result["value"].replace("|", "\\|").replace("\n", " ⏎ ")
    if len(value) > 110:
        value = value[:107] + "…"
    mark = "" if result["ok"] else "✗ "
    notes = []
    if result.get("ms", 0) > 200:
        notes.append(f"{result['ms']:.0f} ms")
    if result.get("mib", 0) > 100:
        notes.append(f"{result['mib']:.0f} MiB")
    slow = f" ({', '.join(notes)})" if notes else ""
    return f"{mark}`{value}`{slow}" if result["ok"] else f"{mark}{value}{slow}"


def same_data_on_files(paths: list[Path]) -> list[str]:
    """yaml_rs vs ruamel safe vs ecoplan's builder on real files: the differences."""
    import yaml_rs
    from ruamel.yaml import YAML

    from ecoplan_cli.load.yaml_source import decode, parse

    safe = YAML(typ="safe")
    findings = []
    for path in paths:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        fast = yaml_rs.loads(text)
        reference = safe.load(text)
        ours = parse(decode(raw, str(path)), str(path)).data
        for name, other in (("ruamel safe", reference), ("ecoplan parse", ours)):
            if fast != other:
                findings.append(
                    f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name}: yaml_rs ≠ {name}: "
                    f"{first_difference(fast, other)}"
                )
    return findings


def first_difference(a: object, b: object, where: str = "") -> str:
    if type(a) is not type(b):
        return f"{where or '/'}: {type(a).__name__} {a!r:.60} vs {type(b).__name__} {b!r:.60}"
    if isinstance(a, dict):
        for key in a.keys() | b.keys():  # type: ignore[union-attr]
            if key not in a or key not in b:  # type: ignore[operator]
                return f"{where}/{key}: only in one"
            if a[key] != b[key]:  # type: ignore[index]
                return first_difference(a[key], b[key], f"{where}/{key}")  # type: ignore[index]
    if isinstance(a, list):
        if len(a) != len(b):  # type: ignore[arg-type]
            return f"{where}: {len(a)} vs {len(b)} items"  # type: ignore[arg-type]
        for index, (x, y) in enumerate(zip(a, b, strict=True)):  # type: ignore[call-overload]
            if x != y:
                return first_difference(x, y, f"{where}/{index}")
    return f"{where or '/'}: {a!r:.60} vs {b!r:.60}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=BENCH / "out" / "yaml_probe.md")
    args = parser.parse_args(argv)
    names = list(PARSERS)
    lines = ["| case | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for case, raw in CASES:
            row = [run_case(name, raw, work) for name in names]
            lines.append(f"| {case} | " + " | ".join(cell(r) for r in row) + " |")
            print(lines[-1], file=sys.stderr, flush=True)
        sys.path.insert(0, str(BENCH))
        import generate

        logs, _ = generate.generate(work / "logs", 84, generate.parse_years("2021-2025"), 20, seed=1)
        files = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "src" / "ecoplan_cli" / "plans").glob("*.yaml"))
        files += sorted((ROOT / "src" / "ecoplan_cli" / "regions").glob("*.yaml")) + logs
        differences = same_data_on_files(files)
    lines += [
        "",
        f"Same data on {len(files)} real files (examples, bundled plans, region registry, generated logs): "
        + ("identical" if not differences else f"{len(differences)} difference(s)"),
    ]
    lines += [f"- {d}" for d in differences[:20]]
    text = "\n".join(lines) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
