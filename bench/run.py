#!/usr/bin/env python3
"""Benchmark `ecoplan check` / `ecoplan validate` against floors measured in the same run.

    python bench/run.py            # default: 168 logs × 5 years × 120 activities = 100,800 activities (~7 min, 2 cores)
    python bench/run.py --quick    # 84 logs × 5 years × 20 = 8,400 activities (under a minute)

Generates the logs into a temporary directory (bench/generate.py), then, one process at a time:
  targets  the same-cores floor (yaml_rs parsing the files in as many processes as `ecoplan check` uses) on the
           benchmark logs and on a realistic set (bench/generate.py --realistic: warnings and not-counted
           activities), and `ecoplan check` on that set; the report prints check ÷ that floor for both;
  floors   read + parse every file with nothing else done, in a child process each: yaml_rs (the fastest safe
           parser on PyPI), PyYAML CSafeLoader, ruamel.yaml typ='safe' (C parser when ruamel.yaml.clib is
           importable), ruamel typ='safe' pure=True, ruamel typ='rt' load and compose, and ecoplan's own
           yaml_source.read_file (ruamel rt compose + its position-keeping builder);
  tools    `ecoplan check --format json` (to /dev/null, ECOPLAN_AS_OF fixed), also with ECOPLAN_JOBS=1 and on the
           same logs with their dates quoted behind `%YAML 1.2` / `---` (read on the fast path since issue 12),
           `ecoplan validate`, `check-jsonschema --schemafile schema/activity-log.schema.json`, on the same files;
  formats  `ecoplan check --format F` on the same files for table (the default), csv, github, sarif and junit;
  memory   peak RSS of `ecoplan check` on 1×, 2×, 4× the number of files;
  start-up median wall time of `python -c pass`, `ecoplan --help`, `ecoplan validate` (plan cache warm, and with
           ECOPLAN_NO_CACHE=1) and `check-jsonschema` on examples/chengkou-county.yaml;
  profile  cProfile of `ecoplan check` on one large file: top cumulative entries and own time by package.
Wall times are time.perf_counter() around the child; peak RSS is the child's own ru_maxrss from os.wait4
(getrusage(RUSAGE_CHILDREN) is a running maximum over all children, so it cannot tell runs apart).
ruamel.yaml 0.19.1 no longer depends on ruamel.yaml.clib; when the environment lacks it, run.py pip-installs it
into bench/out/clib (never into the environment) and puts it on PYTHONPATH only for "ruamel safe (C)" and a second
"check-jsonschema +clib" row (--no-clib-install: skip; the row then says which parser it really used).
Results go to bench/out/ (results.json, results.txt, profile.txt) and are printed. Nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
import generate  # noqa: E402

AS_OF = "2026-01-15"  # after the plan period: every period is settled, runs are reproducible
SCHEMA = ROOT / "schema" / "activity-log.schema.json"
EXAMPLE = ROOT / "examples" / "chengkou-county.yaml"
OUT = BENCH / "out"
BIN = Path(sys.executable).parent

SIZES = {
    "quick": {"files": 84, "per_year": 15, "single": 5_000, "startup_runs": 5, "min_repeat_s": 2.0},
    "default": {"files": 168, "per_year": 120, "single": 100_000, "startup_runs": 9, "min_repeat_s": 5.0},
}

# Each floor reads every file (list in argv[1]) as bytes and parses it; prints its import and parse seconds.
FLOOR_TEMPLATE = """
import json, sys, time
t0 = time.perf_counter()
{setup}
t1 = time.perf_counter()
paths = open(sys.argv[1], encoding="utf-8").read().split("\\n")
for path in paths:
    with open(path, "rb") as handle:
        raw = handle.read()
    data = {parse}
t2 = time.perf_counter()
print(json.dumps({{"import_s": t1 - t0, "parse_s": t2 - t1, "info": {info}}}))
"""

FLOORS = {
    "yaml_rs": (
        "import yaml_rs",
        "yaml_rs.loads(raw.decode('utf-8'))",
        "'yaml_rs ' + yaml_rs.__version__",
    ),
    "PyYAML CSafeLoader": (
        "import yaml",
        "yaml.load(raw, Loader=yaml.CSafeLoader)",
        "'PyYAML ' + yaml.__version__ + ' libyaml ' + str(yaml.__with_libyaml__)",
    ),
    "ruamel safe (C)": (
        "from ruamel.yaml import YAML\nloader = YAML(typ='safe', pure=False)",
        "loader.load(raw.decode('utf-8'))",
        "'parser ' + loader.Parser.__module__ + '.' + loader.Parser.__name__",
    ),
    "ruamel safe pure": (
        "from ruamel.yaml import YAML\nloader = YAML(typ='safe', pure=True)",
        "loader.load(raw.decode('utf-8'))",
        "'parser ' + loader.Parser.__module__ + '.' + loader.Parser.__name__",
    ),
    "ruamel rt load": (
        "from ruamel.yaml import YAML\nloader = YAML(typ='rt')",
        "loader.load(raw.decode('utf-8'))",
        "'parser ' + loader.Parser.__module__ + '.' + loader.Parser.__name__",
    ),
    "ruamel rt compose": (
        "from ruamel.yaml import YAML\nloader = YAML(typ='rt')",
        "loader.compose(raw.decode('utf-8'))",
        "'nodes only (what ecoplan parses with)'",
    ),
    "ecoplan positioned reader": (
        "from ecoplan_cli.load.yaml_source import parse, decode",
        "parse(decode(raw, path), path)",
        "'yaml_source.parse: ruamel rt compose + position builder, no schema'",
    ),
    "ecoplan fast_yaml.parse": (  # only while src/ecoplan_cli/load/fast_yaml.py exists
        "from ecoplan_cli.load import fast_yaml",
        "fast_yaml.parse(raw.decode('utf-8'))",
        "'eligibility scan + yaml_rs, no schema'",
    ),
}
OPTIONAL_FLOORS = {"ecoplan fast_yaml.parse": "ecoplan_cli.load.fast_yaml"}

# The same-cores floor: yaml_rs parsing every file (list in argv[1]) in argv[2] processes, as many as `ecoplan check`
# uses on those files (forked workers, files handed out in chunks as check does). Prints its seconds.
SAME_CORES_FLOOR = """
import json, sys, time
from multiprocessing import get_context
import yaml_rs

def parse(path):
    with open(path, "rb") as handle:
        yaml_rs.loads(handle.read().decode("utf-8"))
    return 0

t0 = time.perf_counter()
paths = open(sys.argv[1], encoding="utf-8").read().split("\\n")
jobs = int(sys.argv[2])
if jobs <= 1:
    for path in paths:
        parse(path)
else:
    with get_context("fork").Pool(jobs) as pool:
        list(pool.imap_unordered(parse, paths, chunksize=max(1, len(paths) // (jobs * 8))))
print(json.dumps({"import_s": 0.0, "parse_s": time.perf_counter() - t0, "info": f"yaml_rs in {jobs} process(es)"}))
"""


# What `ecoplan check --format json` imports and loads before it reads a log (interpreter, imports, the plan
# catalogue from its cache), set up and ended as entry.main does: the "check path's start-up" of issue 12.
CHECK_STARTUP = """
import gc, os
gc.set_threshold(100_000, 50, 100)
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
from ecoplan_cli.entry import skip_plugin_discovery
skip_plugin_discovery()
import ecoplan_cli.check_command, ecoplan_cli.run, ecoplan_cli.report.json_report  # what `ecoplan check` imports
from ecoplan_cli.load.catalogue import catalogue
catalogue(())
os._exit(0)  # as the entry point ends a check: no interpreter teardown
"""


# --------------------------------------------------------------------------- measuring


class TreeSampler:
    """Samples the summed RSS of a process and all its descendants from /proc (ecoplan may fan out to workers,
    and ru_maxrss only tells the largest single process)."""

    def __init__(self, pid: int, interval: float = 0.025) -> None:
        import threading

        self.pid, self.interval, self.peak_kib, self.processes = pid, interval, 0, 1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            parents: dict[int, int] = {}
            rss: dict[int, int] = {}
            for entry in os.listdir("/proc"):
                if not entry.isdigit():
                    continue
                try:
                    with open(f"/proc/{entry}/stat", "rb") as handle:
                        fields = handle.read().rsplit(b")", 1)[1].split()
                    parents[int(entry)] = int(fields[1])
                    rss[int(entry)] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
                except (OSError, IndexError, ValueError):
                    continue
            tree = {self.pid}
            grew = True
            while grew:
                grew = False
                for pid, ppid in parents.items():
                    if ppid in tree and pid not in tree:
                        tree.add(pid)
                        grew = True
            total = sum(rss.get(pid, 0) for pid in tree)
            if total > self.peak_kib:
                self.peak_kib = total
            self.processes = max(self.processes, len(tree & rss.keys()))
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


LAUNCHER = r"""
import json, os, resource, sys, time
os.chdir(sys.argv[1])
print(json.dumps({"launcher_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, req["stdout"] or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
               (os.POSIX_SPAWN_OPEN, 2, req["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)]
    start = time.perf_counter()
    pid = os.posix_spawnp(req["cmd"][0], req["cmd"], req["env"], file_actions=actions)
    print(json.dumps({"pid": pid}), flush=True)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    print(json.dumps({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024,
                      "rc": os.waitstatus_to_exitcode(status)}), flush=True)
"""


class Launcher:
    """Starts every measured child from a small helper process started first.

    A child's ru_maxrss is never below the RSS of the process that forked it (Linux keeps the high-water mark of
    the forked address space across exec), so children are spawned by this ~10 MiB helper, not by run.py, which
    grows while it generates data.
    """

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(ROOT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )
        self.own_mib = json.loads(self.process.stdout.readline())["launcher_mib"]  # type: ignore[union-attr]

    def run(self, cmd: list[str], env: dict[str, str], stdout: str | None, stderr: str, tree: bool) -> dict:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps({"cmd": cmd, "env": env, "stdout": stdout, "stderr": stderr}) + "\n")
        pid = json.loads(self.process.stdout.readline())["pid"]
        sampler = TreeSampler(pid) if tree else None
        result = json.loads(self.process.stdout.readline())
        if sampler:
            sampler.stop()
            result["tree_mib"] = max(sampler.peak_kib / 1024, result["rss_mib"])
            result["processes"] = sampler.processes
        return result

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait()


LAUNCH: Launcher | None = None


def run_child(
    cmd: list[str], *, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,), stdout: bool = False, tree: bool = False
) -> dict:
    """Run one child process (through the launcher): wall seconds, cpu seconds (its own and its reaped
    descendants'), ru_maxrss (largest single process, MiB), with tree=True the sampled peak of the whole process
    tree, and (optionally) its stdout."""
    global LAUNCH
    if LAUNCH is None:
        LAUNCH = Launcher()
    with tempfile.TemporaryDirectory() as tmp:
        out_path, err_path = Path(tmp) / "out", Path(tmp) / "err"
        result = LAUNCH.run(cmd, dict(env or os.environ), str(out_path) if stdout else None, str(err_path), tree)
        if result["rc"] not in ok:
            tail = err_path.read_text(errors="replace")[-3000:] if err_path.exists() else ""
            raise SystemExit(f"{' '.join(cmd[:4])} … exited {result['rc']}:\n{tail}")
        result["stdout"] = out_path.read_text() if stdout and out_path.exists() else ""
        return result


def repeated(cmd: list[str], min_repeat_s: float, **kw: object) -> dict:
    """One run; runs shorter than min_repeat_s are repeated (3 in all) and the median wall time is kept."""
    runs = [run_child(cmd, **kw)]
    if runs[0]["wall_s"] < min_repeat_s:
        runs += [run_child(cmd, **kw) for _ in range(2)]
    runs.sort(key=lambda r: r["wall_s"])
    best = dict(runs[len(runs) // 2])
    best["runs"] = len(runs)
    best["rss_mib"] = max(r["rss_mib"] for r in runs)
    if "tree_mib" in runs[0]:
        best["tree_mib"] = max(r["tree_mib"] for r in runs)
        best["processes"] = max(r["processes"] for r in runs)
    return best


def clib_path(no_install: bool) -> tuple[str | None, str]:
    """Where ruamel.yaml.clib comes from: the environment itself, bench/out/clib (installed there once with pip,
    never into the environment), or nowhere (then "ruamel safe (C)" is really the pure-Python parser)."""
    try:
        import _ruamel_yaml  # noqa: F401

        return None, "in the environment"
    except ImportError:
        pass
    target = OUT / "clib"
    if not any(target.glob("_ruamel_yaml*")) and not no_install:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), "ruamel.yaml.clib"],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    if any(target.glob("_ruamel_yaml*")):
        return str(target), "bench/out/clib (not in the environment; used only where a row says +clib)"
    return None, "missing: ruamel safe (C) falls back to the pure-Python parser"


def with_path(extra: str | None, env: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(env or os.environ)
    if extra:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (extra, env.get("PYTHONPATH")) if p)
    return env


def source_fingerprint() -> str:
    """A hash of ecoplan's installed source: the run warns when it changed while it ran (others edit src/)."""
    import hashlib

    spec = importlib.util.find_spec("ecoplan_cli")
    root = Path(spec.origin).parent if spec and spec.origin else ROOT / "src" / "ecoplan_cli"
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def fast_path_share(paths: list[str]) -> str:
    """How many files ecoplan reads on its fast path (yaml-rs and a text scan, no second parse): tells which reader
    a row measured."""
    try:
        from ecoplan_cli.load import strict_yaml
    except ImportError:
        return "no fast path in this ecoplan"
    fast = sum(1 for p in paths if strict_yaml.read(Path(p).read_text(encoding="utf-8"), p).index is not None)
    return f"{fast}/{len(paths)} files read on the fast path"


def env_for_check() -> dict[str, str]:
    env = dict(os.environ)
    env["ECOPLAN_AS_OF"] = AS_OF
    env.setdefault("COLUMNS", "100")
    return env


def machine() -> dict:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    versions = {}
    from importlib import metadata

    for name in ("ecoplan", "yaml-rs", "PyYAML", "ruamel.yaml", "check-jsonschema", "pydantic"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "memory": mem,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
    }


# --------------------------------------------------------------------------- the run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small run, under a minute")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it (default: a temp dir)")
    parser.add_argument("--report", type=Path, metavar="RESULTS_JSON", help="only print the report of an earlier run")
    parser.add_argument(
        "--no-clib-install",
        action="store_true",
        help="do not pip-install ruamel.yaml.clib into bench/out/clib when the environment lacks it",
    )
    args = parser.parse_args(argv)
    if args.report:
        print(report(json.loads(args.report.read_text(encoding="utf-8"))))
        return 0
    mode = "quick" if args.quick else "default"
    size = SIZES[mode]
    ecoplan, cjs = str(BIN / "ecoplan"), str(BIN / "check-jsonschema")
    for tool in (ecoplan, cjs):
        if not Path(tool).exists():
            raise SystemExit(f"{tool} not found: run with the interpreter of the environment ecoplan is installed in")
    global LAUNCH
    LAUNCH = Launcher()  # before anything grows this process
    OUT.mkdir(exist_ok=True)
    clib, clib_note = clib_path(args.no_clib_install)
    started = time.perf_counter()
    results: dict = {
        "mode": mode,
        "command": " ".join(["python", "bench/run.py", *(["--quick"] if args.quick else [])]),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "as_of": AS_OF,
        "ruamel_clib": clib_note,
        "loadavg_start": os.getloadavg(),
        "source_start": source_fingerprint(),
        "launcher_mib": LAUNCH.own_mib,
    }

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="ecoplan-bench-"))
    try:
        years = generate.parse_years("2021-2025")
        paths, total = generate.generate(workdir / "logs", size["files"], years, size["per_year"], args.seed)
        files = [str(p) for p in paths]
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        single, single_n = generate.generate_single(workdir / "single", size["single"], years, args.seed)
        pos_paths, _ = generate.generate(workdir / "logs-marked", size["files"], years, size["per_year"], args.seed, marked=True)
        pos_files = [str(p) for p in pos_paths]
        real_paths, real_total = generate.generate(
            workdir / "logs-realistic", size["files"], years, size["per_year"], args.seed, realistic=True
        )
        real_files = [str(p) for p in real_paths]
        results["data"] = {
            "files": len(files),
            "years": "2021-2025",
            "per_year": size["per_year"],
            "activities": total,
            "megabytes": round(megabytes, 2),
            "single_file_activities": single_n,
            "seed": args.seed,
        }
        log(f"generated {len(files)} files, {total} activities, {megabytes:.1f} MB in {workdir}")
        results["data"]["fast_path"] = {"plain": fast_path_share(files), "marked": fast_path_share(pos_files)}
        listing = workdir / "files.txt"
        listing.write_text("\n".join(files), encoding="utf-8")
        real_listing = workdir / "files-realistic.txt"
        real_listing.write_text("\n".join(real_files), encoding="utf-8")
        from ecoplan_cli.run import jobs_for

        jobs = jobs_for(len(files))
        results["data"]["realistic"] = {"files": len(real_files), "activities": real_total, "jobs": jobs}

        # the data must be valid, or the check would measure error reporting
        def eco(cmd: list[str], **kw: object) -> dict:
            """An ecoplan run, tagged with the source it ran (others edit src/ while this runs)."""
            fingerprint = source_fingerprint()
            run = repeated(cmd, size["min_repeat_s"], tree=True, **kw)
            run["src"] = fingerprint
            return run

        validate = eco([ecoplan, "validate", "--lang", "en", *files])
        log(f"ecoplan validate: {validate['wall_s']:.2f}s")

        floors = {}
        for name, (setup, parse, info) in FLOORS.items():
            if name in OPTIONAL_FLOORS and importlib.util.find_spec(OPTIONAL_FLOORS[name]) is None:
                continue
            code = FLOOR_TEMPLATE.format(setup=setup, parse=parse, info=info)
            env = with_path(clib) if name == "ruamel safe (C)" else None
            run = repeated([sys.executable, "-c", code, str(listing)], size["min_repeat_s"], stdout=True, env=env)
            inner = json.loads(run.pop("stdout"))
            floors[name] = {**run, **inner}
            log(f"floor {name}: {run['wall_s']:.2f}s (parse {inner['parse_s']:.2f}s) {inner['info']}")

        same_cores = {}
        for label, listed in (("plain", listing), ("realistic", real_listing)):
            run = repeated(
                [sys.executable, "-c", SAME_CORES_FLOOR, str(listed), str(jobs)], size["min_repeat_s"], stdout=True, tree=True
            )
            same_cores[label] = {**run, **json.loads(run.pop("stdout"))}
            log(f"same-cores floor ({label}, {jobs} processes): {run['wall_s']:.2f}s")
        results["same_cores_floor"] = same_cores

        env = env_for_check()
        check_real = eco([ecoplan, "check", *real_files, "--format", "json"], env=env, ok=(0, 1))
        check_real.pop("stdout", None)
        log(f"ecoplan check, realistic logs: {check_real['wall_s']:.2f}s")
        results["check_realistic"] = check_real
        check = eco([ecoplan, "check", *files, "--format", "json"], env=env, ok=(0, 1))
        check.pop("stdout", None)
        log(f"ecoplan check: {check['wall_s']:.2f}s")
        check_pos = eco([ecoplan, "check", *pos_files, "--format", "json"], env=env, ok=(0, 1))
        log(f"ecoplan check, marked files (quoted dates, %YAML/---/...): {check_pos['wall_s']:.2f}s")
        check_jobs1 = eco([ecoplan, "check", *files, "--format", "json"], env={**env, "ECOPLAN_JOBS": "1"}, ok=(0, 1))
        log(f"ecoplan check, ECOPLAN_JOBS=1: {check_jobs1['wall_s']:.2f}s")
        clib_native = run_child([sys.executable, "-c", "import _ruamel_yaml"], ok=(0, 1))["rc"] == 0
        jsonschema = repeated([cjs, "--schemafile", str(SCHEMA), *files], size["min_repeat_s"], tree=True)
        clib_native = clib_native or run_child([sys.executable, "-c", "import _ruamel_yaml"], ok=(0, 1))["rc"] == 0
        jsonschema["clib_in_environment"] = clib_native  # someone may install it while this runs
        log(f"check-jsonschema: {jsonschema['wall_s']:.2f}s")
        jsonschema_c = None
        if clib:  # check-jsonschema parses with ruamel typ='safe': C when clib is importable
            jsonschema_c = repeated(
                [cjs, "--schemafile", str(SCHEMA), *files], size["min_repeat_s"], env=with_path(clib), tree=True
            )
            log(f"check-jsonschema +clib: {jsonschema_c['wall_s']:.2f}s")
        check_single = eco([ecoplan, "check", str(single), "--format", "json"], env=env, ok=(0, 1))
        log(f"ecoplan check one file of {single_n}: {check_single['wall_s']:.2f}s")
        formats = {}  # every other report on the same logs (table: check's default, what a bureau's CI shows)
        for kind in ("table", "csv", "github", "sarif", "junit"):
            formats[kind] = eco([ecoplan, "check", *files, "--format", kind], env=env, ok=(0, 1))
            formats[kind].pop("stdout", None)
            log(f"ecoplan check --format {kind}: {formats[kind]['wall_s']:.2f}s")
        results["formats"] = formats

        tools = {
            "ecoplan check": check,
            "ecoplan check, ECOPLAN_JOBS=1": check_jobs1,
            "ecoplan check, marked logs": check_pos,
            "ecoplan validate": validate,
            "check-jsonschema": jsonschema,
        }
        if jsonschema_c:
            tools["check-jsonschema +clib"] = jsonschema_c
        for entry in (*tools.values(), *floors.values()):
            entry.pop("stdout", None)
            entry["activities_per_s"] = total / entry["wall_s"]
        check_single["activities_per_s"] = single_n / check_single["wall_s"]
        check_single.pop("stdout", None)
        results["tools"] = tools
        results["floors"] = floors
        results["check_single_file"] = check_single

        # memory: 1×, 2×, 4× the files (4× is the run above)
        quarter = len(files) // 4
        memory = []
        for factor in (1, 2, 4):
            subset = files[: quarter * factor]
            count = sum(Path(p).read_text(encoding="utf-8").count("\n  - id: ") for p in subset)
            run = check if factor == 4 else eco([ecoplan, "check", *subset, "--format", "json"], env=env, ok=(0, 1))
            memory.append(
                {
                    "factor": factor,
                    "files": len(subset),
                    "activities": count,
                    "wall_s": run["wall_s"],
                    "cpu_s": run["cpu_s"],
                    "rss_mib": run["rss_mib"],
                    "tree_mib": run["tree_mib"],
                    "processes": run["processes"],
                    "activities_per_s": count / run["wall_s"],
                    "src": run["src"],
                }
            )
            log(f"memory {factor}×: {len(subset)} files, {run['tree_mib']:.0f} MiB in {run['processes']} process(es)")
        results["memory"] = memory

        # start-up, on a small file
        startup_cmds = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "ecoplan --help": [ecoplan, "--help"],
            "ecoplan validate example": [ecoplan, "validate", str(EXAMPLE)],
            "… with ECOPLAN_NO_CACHE=1": [ecoplan, "validate", str(EXAMPLE)],
            "check-jsonschema example": [cjs, "--schemafile", str(SCHEMA), str(EXAMPLE)],
            "python -c 'import yaml_rs'": [sys.executable, "-c", "import yaml_rs"],
            "ecoplan check example": [ecoplan, "check", str(EXAMPLE), "--format", "json"],
            "check start-up": [sys.executable, "-c", CHECK_STARTUP],
        }
        startup = {}
        for name, cmd in startup_cmds.items():
            run_env = {**env, "ECOPLAN_NO_CACHE": "1"} if "NO_CACHE" in name else env
            runs = [run_child(cmd, env=run_env, ok=(0, 1)) for _ in range(size["startup_runs"])]
            startup[name] = {
                "median_ms": statistics.median(r["wall_s"] for r in runs) * 1000,
                "median_cpu_ms": statistics.median(r["cpu_s"] for r in runs) * 1000,
                "min_ms": min(r["wall_s"] for r in runs) * 1000,
                "rss_mib": max(r["rss_mib"] for r in runs),
                "runs": len(runs),
            }
        results["startup"] = startup
        log("start-up done")

        # profile: one ecoplan check on one large file
        prof = workdir / "check.prof"
        profiled_src = source_fingerprint()
        run_child(
            [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "ecoplan_cli", "check", str(single), "--format", "json"],
            env=env,
            ok=(0, 1),
        )
        results["profile"] = profile_summary(prof, single_n, mode)
        results["profile"]["src"] = profiled_src
        log("profile done")
    finally:
        LAUNCH.close()
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)

    results["elapsed_s"] = time.perf_counter() - started
    results["source_end"] = source_fingerprint()
    results["loadavg_end"] = os.getloadavg()
    text = report(results)
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (OUT / f"results-{mode}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (OUT / "results.txt").write_text(text, encoding="utf-8")
    (OUT / f"results-{mode}.txt").write_text(text, encoding="utf-8")
    print(text)
    return 0


def profile_summary(prof: Path, activities: int, mode: str) -> dict:
    import io

    stream = io.StringIO()
    stats = pstats.Stats(str(prof), stream=stream)
    stats.sort_stats("cumulative").print_stats(40)
    (OUT / "profile.txt").write_text(stream.getvalue(), encoding="utf-8")
    (OUT / f"profile-{mode}.txt").write_text(stream.getvalue(), encoding="utf-8")
    total = stats.total_tt
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():
        rows.append({"where": f"{short_path(file)}:{line}({func})", "ncalls": nc, "tottime_s": tt, "cumtime_s": ct})
    wrappers = ("runpy", "typer/", "click/", "<string>", "builtins.exec", "ecoplan_cli/__main__", "cli/__init__.py:")
    top = sorted((r for r in rows if not any(w in r["where"] for w in wrappers)), key=lambda r: r["cumtime_s"], reverse=True)
    by_package: dict[str, float] = {}
    for (file, _line, _func), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        by_package[package_of(file)] = by_package.get(package_of(file), 0.0) + tt
    return {
        "activities": activities,
        "total_s": total,
        "top_cumulative": top[:25],  # without the interpreter / typer wrappers above ecoplan's own check()
        "own_time_by_package": dict(sorted(by_package.items(), key=lambda kv: -kv[1])),
    }


def short_path(file: str) -> str:
    for marker in ("site-packages/", "/src/", "/lib/python3"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def package_of(file: str) -> str:
    if "ecoplan_cli" in file:
        part = file.split("ecoplan_cli/", 1)[1]
        return "ecoplan_cli/" + part.split("/", 1)[0] if "/" in part else "ecoplan_cli"
    if "ruamel" in file:
        return "ruamel.yaml"
    if "pydantic" in file:
        return "pydantic"
    if "typer" in file or "click" in file or "rich" in file:
        return "typer/click/rich"
    if file.startswith("~") or file == "~":
        return "builtins (C)"
    return "stdlib/other"


def ratio(x: float) -> str:
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}" if x >= 1 else f"{x:.2f}" if x >= 0.01 else f"{x:.3f}"


def report(r: dict) -> str:
    d, m = r["data"], r["machine"]
    check = r["tools"]["ecoplan check"]
    lines = [
        f"ecoplan benchmark ({r['mode']}) — {r['date']}",
        f"machine: {m['nproc']} × {m['cpu']}, {m['memory']}, Python {m['python']}, {m['platform']}",
        "packages: " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"ruamel.yaml.clib: {r['ruamel_clib']}",
        f"data: {d['files']} logs × {d['years']} × {d['per_year']}/year = {d['activities']} activities, "
        f"{d['megabytes']} MB (seed {d['seed']}); ECOPLAN_AS_OF={r['as_of']}",
        f"ecoplan source {r['source_start']}"
        + ("" if r["source_start"] == r["source_end"] else f" → {r['source_end']}: CHANGED DURING THE RUN, rows disagree")
        + f"; fast path: {d['fast_path']['plain']} (plain), {d['fast_path']['marked']} (marked: "
        "the same logs with quoted dates behind %YAML 1.2 / --- / ...)",
        f"load average at start {r['loadavg_start'][0]:.2f}, at end {r['loadavg_end'][0]:.2f} (other work on the machine "
        "inflates wall times; cpu s is the child's own user+system time)",
        "",
        "Throughput on the same files (wall time of a child process, start-up included; "
        "ratio = ecoplan check time ÷ this time, by wall and by cpu time)",
        "(peak MiB: the whole process tree, sampled every 25 ms, for the tools; ru_maxrss for the one-process floors;"
        f" children are spawned by a {r['launcher_mib']:.0f} MiB helper, so no figure is below that;"
        " * = ran a different ecoplan source than the run started with; † = ruamel.yaml.clib was importable from the"
        " environment around this row, so it may have used the C parser)",
        f"{'':28}{'wall s':>9}{'cpu s':>8}{'parse s':>9}{'act/s':>11}{'peak MiB':>10}{'procs':>6}{'÷ wall':>8}{'÷ cpu':>8}",
    ]
    for name, entry in [*r["tools"].items(), *r["floors"].items()]:
        parse = f"{entry['parse_s']:9.2f}" if "parse_s" in entry else f"{'':9}"
        star = "*" if entry.get("src", r["source_start"]) != r["source_start"] else ""
        star += "†" if entry.get("clib_in_environment") else ""
        lines.append(
            f"{(name + star):28}{entry['wall_s']:9.2f}{entry['cpu_s']:8.2f}{parse}{entry['activities_per_s']:11,.0f}"
            f"{entry.get('tree_mib', entry['rss_mib']):10.0f}{entry.get('processes', 1):6}"
            f"{ratio(check['wall_s'] / entry['wall_s']):>8}{ratio(check['cpu_s'] / entry['cpu_s']):>8}"
        )
    single = r["check_single_file"]
    lines.append(
        f"{'ecoplan check, one file':28}{single['wall_s']:9.2f}{single['cpu_s']:8.2f}{'':9}"
        f"{single['activities_per_s']:11,.0f}{single['tree_mib']:10.0f}{single['processes']:6}"
        f"  ({d['single_file_activities']} activities in one log)"
    )
    if "formats" in r:
        lines += ["", "Each report format on the same logs (wall s; ÷ the json run above)"]
        for kind, entry in r["formats"].items():
            lines.append(
                f"  --format {kind:8}{entry['wall_s']:6.2f} s  cpu {entry['cpu_s']:5.2f} s  "
                f"{ratio(entry['wall_s'] / check['wall_s'])}× json"
            )
    floor = r["floors"]["yaml_rs"]
    if "same_cores_floor" in r:
        same, real = r["same_cores_floor"], r["check_realistic"]
        info = r["data"]["realistic"]
        lines += [
            "",
            f"Targets: ecoplan check ÷ the same-cores floor (yaml_rs parsing the same files in {info['jobs']} "
            "process(es), as many as check uses), by wall time",
            f"  benchmark logs ({d['activities']:,} activities): check {check['wall_s']:.2f}s ÷ floor "
            f"{same['plain']['wall_s']:.2f}s = {ratio(check['wall_s'] / same['plain']['wall_s'])}×",
            f"  realistic logs ({info['activities']:,} activities; half the amounts left out -> measure-not-stated "
            f"warnings, one CQ-17 in ten under the other level): check {real['wall_s']:.2f}s ÷ floor "
            f"{same['realistic']['wall_s']:.2f}s = {ratio(real['wall_s'] / same['realistic']['wall_s'])}×",
            f"  per activity: {check['wall_s'] / d['activities'] * 1e6:.1f} µs (benchmark logs), "
            f"{real['wall_s'] / info['activities'] * 1e6:.1f} µs (realistic), wall, {info['jobs']} process(es); "
            f"{r['tools']['ecoplan check, ECOPLAN_JOBS=1']['cpu_s'] / d['activities'] * 1e6:.1f} µs cpu in one process",
        ]
        ev = r["startup"]["ecoplan validate example"]["median_ms"]
        cj = r["startup"]["check-jsonschema example"]["median_ms"]
        lines.append(f"  validate on the example ÷ check-jsonschema: {ev:.0f} ÷ {cj:.0f} ms = {ev / cj:.2f} (target ≤ 0.5)")
        if "check start-up" in r["startup"]:
            started = r["startup"]["check start-up"]["median_ms"]
            lines.append(f"  check start-up (interpreter, imports, catalogue): {started:.0f} ms (target ≤ 150)")
        mem = r["memory"]
        lines.append(
            f"  largest process, {mem[0]['files']} → {mem[-1]['files']} files: {mem[0]['rss_mib']:.0f} → "
            f"{mem[-1]['rss_mib']:.0f} MiB = {mem[-1]['rss_mib'] / mem[0]['rss_mib']:.2f}× (target ≤ 1.1); one file "
            f"of {d['single_file_activities']:,} activities: {r['check_single_file']['rss_mib']:.0f} MiB, "
            f"{r['check_single_file']['rss_mib'] * 2**20 / d['single_file_activities']:,.0f} bytes per activity"
        )
        per = ", ".join(f"{e['cpu_s'] / e['activities'] * 1e6:.1f}" for e in mem)
        lines.append(
            f"  linear in activities: cpu µs per activity at {', '.join(str(e['activities']) for e in mem)} activities: "
            f"{per}; one file of {d['single_file_activities']:,}: "
            f"{r['check_single_file']['cpu_s'] / d['single_file_activities'] * 1e6:.1f}"
        )
    lines += [
        "",
        f"ecoplan check: {check['activities_per_s']:,.0f} activities/s; its wall time is "
        f"{ratio(check['wall_s'] / floor['wall_s'])}× the yaml_rs floor process "
        f"({ratio(check['wall_s'] / floor['parse_s'])}× its parse loop alone), "
        f"{ratio(check['wall_s'] / r['floors']['ruamel safe (C)']['wall_s'])}× ruamel safe (C) "
        f"({r['floors']['ruamel safe (C)']['info']}), "
        f"{ratio(check['wall_s'] / r['tools']['check-jsonschema']['wall_s'])}× check-jsonschema",
        "",
        "Peak memory of ecoplan check by number of files",
        f"{'':10}{'files':>7}{'activities':>12}{'wall s':>9}{'cpu s':>8}{'act/s':>9}{'tree MiB':>10}{'procs':>6}"
        f"{'max proc MiB':>14}",
    ]
    for entry in r["memory"]:
        lines.append(
            f"{str(entry['factor']) + '×':10}{entry['files']:7}{entry['activities']:12,}"
            f"{entry['wall_s']:9.2f}{entry['cpu_s']:8.2f}"
            f"{entry['activities_per_s']:9,.0f}{entry['tree_mib']:10.0f}{entry['processes']:6}{entry['rss_mib']:14.0f}"
        )
    base = r["startup"]["python -c pass"]["median_ms"]
    lines += [
        "",
        f"Start-up on examples/chengkou-county.yaml (median of {r['startup']['python -c pass']['runs']} runs)",
        f"{'':28}{'median ms':>10}{'min ms':>9}{'cpu ms':>9}{'peak MiB':>10}{'÷ python':>10}",
    ]
    for name, entry in r["startup"].items():
        lines.append(
            f"{name:28}{entry['median_ms']:10.0f}{entry['min_ms']:9.0f}{entry['median_cpu_ms']:9.0f}{entry['rss_mib']:10.0f}"
            f"{entry['median_ms'] / base:10.1f}"
        )
    ev = r["startup"]["ecoplan validate example"]["median_ms"]
    cj = r["startup"]["check-jsonschema example"]["median_ms"]
    lines.append(f"ecoplan validate ÷ check-jsonschema on the example: {ev / cj:.2f}")
    p = r["profile"]
    star = "*" if p.get("src", r["source_start"]) != r["source_start"] else ""
    lines += [
        "",
        f"cProfile{star} of ecoplan check on one file of {p['activities']} activities "
        f"(profiled total {p['total_s']:.1f}s; full listing in bench/out/profile-{r['mode']}.txt)",
        f"{'cumtime s':>10}{'tottime s':>10}{'ncalls':>10}  where",
    ]
    for row in p["top_cumulative"][:15]:
        lines.append(f"{row['cumtime_s']:10.2f}{row['tottime_s']:10.2f}{row['ncalls']:10}  {row['where']}")
    lines += [
        "",
        "Own time by package: "
        + ", ".join(f"{k} {v:.1f}s ({v / p['total_s']:.0%})" for k, v in list(p["own_time_by_package"].items())[:8]),
    ]
    lines += ["", f"whole benchmark: {r['elapsed_s']:.0f}s"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
