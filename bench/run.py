"""pimlint benchmark: wall time, peak RSS and per-stage breakdown on synthetic tenants.

Usage: ``python bench/run.py [--runs N] [--medium USERS] [--large USERS] [--json FILE]``.
Generates (once, cached in ``bench/out/``) an M and an L bundle with ``pimlint synth``, then reports,
each as the median of ``--runs`` runs:

(a) ``pimlint check`` wall time and peak RSS on M and L (separate processes), as run by default
    (two processes where the tenant is large enough) and with ``--jobs 1`` (one process); the peak
    RSS is the sum over the process tree, sampled every 10 ms from /proc;
(b) the time to parse the same bundle files with the standard library's ``json``, and (a)/(b);
(c) time(L) / time(M);
(d) ``pimlint check`` on a small sample export and ``pimlint --version``;
(e) a per-stage breakdown in-process: as ``check`` runs (load = read, validate and normalize,
    streamed; graph; rules with the KPIs; report), and with every file parsed whole in one process
    (read, canonicalize, validate, normalize, graph, rules, report), which separates the steps;
(f) many tenants: four 10,000-user tenants (seeds 1-4) in one ``check``, ``--jobs 1`` against
    ``--jobs`` = the CPU count, and whether their reports are byte-identical;
(g) whether the JSON results are byte-identical: M and L with one and two processes, and M with
    every speed-up path turned off (``PIMLINT_NO_FASTPATH=1``: jsonschema alone, no streaming, no
    trusted model construction, no worker processes).

Output: a table on stdout and the same figures as JSON (``--json``, default bench/out/results.json).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure this checkout, also in-process, whatever is installed
OUT = ROOT / "bench" / "out"
SMALL_SAMPLE = ROOT / "sample_exports" / "fabrikam-smb"


def _bundle(users: int, seed: int = 1) -> Path:
    path = OUT / (f"synth-{users}" if seed == 1 else f"synth-{users}-seed{seed}")
    if not (path / "manifest.json").is_file():
        subprocess.run([sys.executable, "-m", "pimlint", "synth", str(path), "--users", str(users), "--seed", str(seed)],
                       check=True, cwd=ROOT)
    return path


def _many_tenants(runs: int) -> dict[str, Any]:
    """Four 10,000-user tenants in one ``check``: one process at a time, then one per CPU."""
    import filecmp
    import shutil

    tenants = [str(_bundle(10_000, seed)) for seed in (1, 2, 3, 4)]
    jobs = len(os.sched_getaffinity(0))
    out: dict[str, Any] = {"tenants": len(tenants), "jobs": jobs}
    folders = []
    for label, n in (("one_job_seconds", 1), ("all_jobs_seconds", jobs)):
        folder = OUT / f"tenants-j{n}"
        shutil.rmtree(folder, ignore_errors=True)
        out[label] = _median_run(["check", *tenants, "--format", "json", "-o", str(folder), "--jobs", str(n)],
                                 runs)["seconds"]
        folders.append(folder)
    reports = sorted(p.relative_to(folders[0]) for p in folders[0].rglob("*") if p.is_file())
    out["speedup"] = out["one_job_seconds"] / out["all_jobs_seconds"]
    out["identical_reports"] = bool(reports) and all(
        filecmp.cmp(folders[0] / r, folders[1] / r, shallow=False) for r in reports)
    return out


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (0 once it has exited)."""
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return total


def _run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS of the process tree and peak RSS of the main process (bytes)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pimlint", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=ROOT, env={**os.environ, **(env or {})})
    peak = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.01)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"pimlint {' '.join(args)} exited {code}")
    main_rss = usage.ru_maxrss * 1024
    return elapsed, max(peak, main_rss), main_rss


def _median_run(args: list[str], runs: int) -> dict[str, float]:
    results = [_run(args) for _ in range(runs)]
    return {"seconds": statistics.median(r[0] for r in results), "peak_rss_mb": max(r[1] for r in results) / 2**20,
            "main_process_rss_mb": max(r[2] for r in results) / 2**20}


def _json_parse(bundle: Path, runs: int) -> float:
    files = sorted(bundle.rglob("*.json"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for path in files:
            json.loads(path.read_bytes())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _stages(bundle: Path, runs: int) -> tuple[dict[str, float], dict[str, float]]:
    """Median seconds per stage (as ``check`` runs them; and with every file parsed whole in one
    process), each run in a fresh process so one measurement does not inherit another's heap."""
    out = []
    for mode in ("check", "whole"):
        samples: dict[str, list[float]] = {}
        for _ in range(runs):
            proc = subprocess.run([sys.executable, __file__, "--stage-run", mode, str(bundle)], check=True,
                                  capture_output=True, text=True, cwd=ROOT)
            for stage, seconds in json.loads(proc.stdout):
                samples.setdefault(stage, []).append(seconds)
        medians = {k: statistics.median(v) for k, v in samples.items()}
        medians["rules"] = max(0.0, medians.pop("graph+rules") - medians["graph"])
        out.append({k: medians[k] for k in _STAGE_ORDER if k in medians})
    return out[0], out[1]


_STAGE_ORDER = ("load", "read", "canonicalize", "validate", "normalize", "graph", "rules", "report")


def _stage_run(mode: str, bundle: Path) -> None:
    """One stage-by-stage run in this process (cyclic GC paused, as ``pimlint check`` runs); prints
    ``[[stage, seconds], ...]`` as JSON."""
    from pimlint import api
    from pimlint.config import load_settings

    settings, _ = load_settings(bundle, None, {})
    registry = api.selected_registry(settings)
    with api.without_cyclic_gc():
        run = _check_stages if mode == "check" else _whole_file_stages
        print(json.dumps(run(bundle, settings, registry)))


class _Laps:
    """Seconds between successive ``lap`` calls."""

    def __init__(self) -> None:
        self.times: list[tuple[str, float]] = []
        self.start = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.times.append((stage, now - self.start))
        self.start = now


def _check_stages(bundle: Path, settings: Any, registry: Any) -> list[tuple[str, float]]:
    """One run as ``check`` does it (two processes where it pays), stage by stage."""
    from pimlint import api
    from pimlint.graph import build_graph
    from pimlint.loading.api import load
    from pimlint.reporting import render

    laps = _Laps()
    loaded = load(bundle, timezone=settings.timezone, workers=2)
    laps.lap("load")
    build_graph(loaded.tenant)
    laps.lap("graph")
    result = api.evaluate(loaded, settings, registry, workers=2)
    laps.lap("graph+rules")
    render(result, "json")
    laps.lap("report")
    return laps.times


def _whole_file_stages(bundle: Path, settings: Any, registry: Any) -> list[tuple[str, float]]:
    """One pass over the pipeline in one process, every file parsed whole, stage by stage."""
    from pimlint import api
    from pimlint.graph import build_graph
    from pimlint.loading.api import LoadResult, read_bundle
    from pimlint.loading.keys import canonicalize
    from pimlint.loading.normalize import normalize
    from pimlint.loading.validate import validate_chunks
    from pimlint.reporting import render

    laps = _Laps()
    raw = read_bundle(bundle).load_all()
    laps.lap("read")
    for chunks in raw.sections.values():
        for chunk in chunks:
            if not chunk.canonical:  # bundle folders are canonicalized while parsing ("read")
                chunk.records = canonicalize(chunk.records)
    laps.lap("canonicalize")
    for section, chunks in raw.sections.items():
        validate_chunks(section, chunks)
    laps.lap("validate")
    tenant = normalize(raw, lambda _section, _chunks: None, timezone=settings.timezone)
    laps.lap("normalize")
    build_graph(tenant)
    laps.lap("graph")
    result = api.evaluate(LoadResult(tenant, tuple(raw.inputs), tuple(raw.warnings)), settings, registry)
    laps.lap("graph+rules")
    render(result, "json")
    laps.lap("report")
    return laps.times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--medium", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--json", type=Path, default=OUT / "results.json")
    parser.add_argument("--stage-run", nargs=2, metavar=("MODE", "BUNDLE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage_run:
        _stage_run(args.stage_run[0], Path(args.stage_run[1]))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = {"M": args.medium, "L": args.large}
    report: dict[str, Any] = {"runs": args.runs, "cpus": os.cpu_count(), "python": sys.version.split()[0]}
    for label, users in sizes.items():
        bundle = _bundle(users)
        results = {mode: OUT / f"result-{label}-{mode}.json" for mode in ("default", "j1", "no-fastpath")}
        check = _median_run(["check", str(bundle), "--format", "json", "-o", str(results["default"])], args.runs)
        single = _median_run(["check", str(bundle), "--format", "json", "-o", str(results["j1"]), "--jobs", "1"],
                             args.runs)
        identical = {"one_vs_two_processes": results["default"].read_bytes() == results["j1"].read_bytes()}
        if label == "M":
            _run(["check", str(bundle), "--format", "json", "-o", str(results["no-fastpath"])],
                 env={"PIMLINT_NO_FASTPATH": "1"})
            identical["without_speedups"] = results["default"].read_bytes() == results["no-fastpath"].read_bytes()
        parse = _json_parse(bundle, args.runs)
        stages, whole_file = _stages(bundle, 1 if label == "L" else args.runs)
        report[label] = {
            "users": users,
            "bundle_mb": sum(p.stat().st_size for p in bundle.rglob("*.json")) / 1e6,
            "check_seconds": check["seconds"],
            "peak_rss_mb": check["peak_rss_mb"],
            "main_process_rss_mb": check["main_process_rss_mb"],
            "one_process_check_seconds": single["seconds"],
            "one_process_peak_rss_mb": single["peak_rss_mb"],
            "json_parse_seconds": parse,
            "check_over_json_parse": check["seconds"] / parse,
            "one_process_check_over_json_parse": single["seconds"] / parse,
            "stages": stages,
            "stages_one_process_whole_files": whole_file,
            "identical_results": identical,
        }
    report["L_over_M"] = report["L"]["check_seconds"] / report["M"]["check_seconds"]
    report["many_tenants"] = _many_tenants(args.runs)
    report["small_sample_check_seconds"] = _median_run(["check", str(SMALL_SAMPLE)], 5)["seconds"]
    report["version_seconds"] = _median_run(["--version"], 5)["seconds"]
    args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    _print(report)


def _print(report: dict[str, Any]) -> None:
    from tabulate import tabulate

    rows = []
    for label in ("M", "L"):
        r = report[label]
        rows.append((label, f"{r['users']:,}", f"{r['bundle_mb']:.0f}", f"{r['json_parse_seconds']:.2f}",
                     f"{r['check_seconds']:.2f}", f"{r['check_over_json_parse']:.2f}", f"{r['peak_rss_mb']:.0f}",
                     f"{r['one_process_check_seconds']:.2f}", f"{r['one_process_check_over_json_parse']:.2f}",
                     f"{r['one_process_peak_rss_mb']:.0f}"))
    print(tabulate(rows, headers=("bundle", "users", "MB", "json parse s", "check s", "check/parse", "peak RSS MiB",
                                  "-j1 check s", "-j1 check/parse", "-j1 peak RSS MiB")))
    print(f"\ntime(L)/time(M) = {report['L_over_M']:.2f}")
    for label in ("M", "L"):
        print(f"{label}: identical JSON results: {report[label]['identical_results']}")
    many = report["many_tenants"]
    print(f"{many['tenants']} tenants of 10,000 users: --jobs 1 {many['one_job_seconds']:.2f} s, --jobs {many['jobs']} "
          f"{many['all_jobs_seconds']:.2f} s ({many['speedup']:.2f}x), reports identical: {many['identical_reports']}")
    print(f"small sample check = {report['small_sample_check_seconds']:.3f} s, "
          f"--version = {report['version_seconds']:.3f} s\n")
    for key, title in (("stages", "as check runs (s)"), ("stages_one_process_whole_files", "one process, whole files (s)")):
        names = list(dict.fromkeys(s for label in ("M", "L") for s in report[label][key]))
        print(tabulate([(s, *(f"{report[label][key].get(s, 0):.2f}" for label in ("M", "L"))) for s in names],
                       headers=(title, "M", "L")))
        print()


if __name__ == "__main__":
    main()
