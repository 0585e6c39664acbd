"""pimlint benchmark: wall time, peak RSS and per-stage breakdown on synthetic tenants.

Usage: ``python bench/run.py [--runs N] [--medium USERS] [--large USERS] [--json FILE]``.
Generates (once, cached in ``bench/out/``) an M and an L bundle with ``pimlint synth``, then reports,
each as the median of ``--runs`` runs:

(a) ``pimlint check`` wall time and peak RSS on M and L (separate processes);
(b) the time to parse the same bundle files with the standard library's ``json``, and (a)/(b);
(c) time(L) / time(M);
(d) ``pimlint check`` on a small sample export and ``pimlint --version``;
(e) a per-stage breakdown in-process: read, canonicalize, validate, normalize, graph, rules, report.

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


def _bundle(users: int) -> Path:
    path = OUT / f"synth-{users}"
    if not (path / "manifest.json").is_file():
        subprocess.run([sys.executable, "-m", "pimlint", "synth", str(path), "--users", str(users)], check=True,
                       cwd=ROOT)
    return path


def _run(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one pimlint process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pimlint", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"pimlint {' '.join(args)} exited {code}")
    return elapsed, usage.ru_maxrss * 1024


def _median_run(args: list[str], runs: int) -> dict[str, float]:
    results = [_run(args) for _ in range(runs)]
    return {"seconds": statistics.median(r[0] for r in results), "peak_rss_mb": max(r[1] for r in results) / 2**20}


def _json_parse(bundle: Path, runs: int) -> float:
    files = sorted(bundle.rglob("*.json"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for path in files:
            json.loads(path.read_bytes())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _stages(bundle: Path, runs: int) -> dict[str, float]:
    """Median seconds per pipeline stage, in this process (cyclic GC paused, as ``pimlint check`` runs)."""
    from pimlint import api
    from pimlint.config import load_settings

    samples: dict[str, list[float]] = {}
    settings, _ = load_settings(bundle, None, {})
    registry = api.selected_registry(settings)
    with api.without_cyclic_gc():
        for _ in range(runs):
            for stage, seconds in _stage_run(bundle, settings, registry):
                samples.setdefault(stage, []).append(seconds)
    medians = {k: statistics.median(v) for k, v in samples.items()}
    medians["rules"] = max(0.0, medians.pop("graph+rules") - medians["graph"])
    return medians


def _stage_run(bundle: Path, settings: Any, registry: Any) -> list[tuple[str, float]]:
    """One pass over the pipeline, stage by stage: (stage, seconds)."""
    from pimlint import api
    from pimlint.graph import build_graph
    from pimlint.loading.api import LoadResult, read_bundle
    from pimlint.loading.keys import canonicalize
    from pimlint.loading.normalize import normalize
    from pimlint.loading.validate import validate_chunks
    from pimlint.reporting import render

    times: list[tuple[str, float]] = []
    start = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal start
        now = time.perf_counter()
        times.append((stage, now - start))
        start = now

    raw = read_bundle(bundle).load_all()
    lap("read")
    for chunks in raw.sections.values():
        for chunk in chunks:
            if not chunk.canonical:  # bundle folders are canonicalized while parsing ("read")
                chunk.records = canonicalize(chunk.records)
    lap("canonicalize")
    for section, chunks in raw.sections.items():
        validate_chunks(section, chunks)
    lap("validate")
    tenant = normalize(raw, lambda _section, _chunks: None, timezone=settings.timezone)
    lap("normalize")
    build_graph(tenant)
    lap("graph")
    result = api.evaluate(LoadResult(tenant, tuple(raw.inputs), tuple(raw.warnings)), settings, registry)
    lap("graph+rules")
    render(result, "json")
    lap("report")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--medium", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--json", type=Path, default=OUT / "results.json")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = {"M": args.medium, "L": args.large}
    report: dict[str, Any] = {"runs": args.runs, "cpus": os.cpu_count(), "python": sys.version.split()[0]}
    for label, users in sizes.items():
        bundle = _bundle(users)
        check = _median_run(["check", str(bundle), "--format", "json"], args.runs)
        parse = _json_parse(bundle, args.runs)
        report[label] = {
            "users": users,
            "bundle_mb": sum(p.stat().st_size for p in bundle.rglob("*.json")) / 1e6,
            "check_seconds": check["seconds"],
            "peak_rss_mb": check["peak_rss_mb"],
            "json_parse_seconds": parse,
            "check_over_json_parse": check["seconds"] / parse,
            "stages": _stages(bundle, 1 if label == "L" else args.runs),
        }
    report["L_over_M"] = report["L"]["check_seconds"] / report["M"]["check_seconds"]
    report["small_sample_check_seconds"] = _median_run(["check", str(SMALL_SAMPLE)], 5)["seconds"]
    report["version_seconds"] = _median_run(["--version"], 5)["seconds"]
    args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    _print(report)


def _print(report: dict[str, Any]) -> None:
    from tabulate import tabulate

    rows = []
    for label in ("M", "L"):
        r = report[label]
        rows.append((label, f"{r['users']:,}", f"{r['bundle_mb']:.0f}", f"{r['check_seconds']:.2f}",
                     f"{r['peak_rss_mb']:.0f}", f"{r['json_parse_seconds']:.2f}", f"{r['check_over_json_parse']:.2f}"))
    print(tabulate(rows, headers=("bundle", "users", "MB", "check s", "peak RSS MB", "json parse s", "check/parse")))
    print(f"\ntime(L)/time(M) = {report['L_over_M']:.2f}")
    print(f"small sample check = {report['small_sample_check_seconds']:.3f} s, "
          f"--version = {report['version_seconds']:.3f} s\n")
    stages = sorted({s for label in ("M", "L") for s in report[label]["stages"]})
    print(tabulate([(s, *(f"{report[label]['stages'].get(s, 0):.2f}" for label in ("M", "L"))) for s in stages],
                   headers=("stage (s)", "M", "L")))


if __name__ == "__main__":
    main()
