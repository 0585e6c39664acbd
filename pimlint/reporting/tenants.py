"""Many tenants in one run: check bundles in parallel, write per-tenant reports, roll up a table.

Each tenant runs in its own worker process (``--jobs``); results come back in argument order, so the
table and every report are the same whatever the number of jobs. One tenant's error does not stop
the others; the run's exit code is the worst of the tenants' (3 > 2 > 1 > 0).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

from pimlint import exit_codes
from pimlint.levels import Severity
from pimlint.result import RunResult

Runner = Callable[[Path], RunResult]
"""Checks one bundle (must be picklable, e.g. a ``functools.partial`` of a module-level function)."""


@dataclass(frozen=True)
class TenantRun:
    """The outcome for one PATH: a result, or the error that stopped it."""

    path: Path
    slug: str
    result: RunResult | None
    error: str | None
    exit_code: int


def _guarded(runner: Runner, path: Path) -> tuple[RunResult | None, str | None, int]:
    from pimlint.errors import PimlintError

    try:
        result = runner(path)
    except PimlintError as exc:
        return None, exc.format(), exc.exit_code
    except Exception as exc:  # a worker must report, never take the whole run down
        return None, f"internal error: {type(exc).__name__}: {exc}", exit_codes.INTERNAL_ERROR
    return result, None, result.gate.exit_code


def slugs(paths: Sequence[Path]) -> list[str]:
    """A unique, file-system-safe folder name per PATH (its last component)."""
    seen: dict[str, int] = {}
    out = []
    for path in paths:
        base = re.sub(r"[^A-Za-z0-9._-]+", "-", path.resolve().name or "tenant").strip("-.") or "tenant"
        if path.is_file():
            base = re.sub(r"\.json$", "", base, flags=re.IGNORECASE) or "tenant"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def default_jobs() -> int:
    """The CPU count available to this process."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run_tenants(paths: Sequence[Path], runner: Runner, jobs: int) -> list[TenantRun]:
    """Check every PATH, ``jobs`` at a time, in argument order."""
    if jobs <= 1 or len(paths) <= 1:
        outcomes = [_guarded(runner, p) for p in paths]
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
            outcomes = list(pool.map(_guarded, [runner] * len(paths), paths))
    return [TenantRun(p, s, *o) for p, s, o in zip(paths, slugs(paths), outcomes, strict=True)]


def worst_exit(runs: Sequence[TenantRun]) -> int:
    """The most serious exit code of the tenants."""
    return max((r.exit_code for r in runs), default=exit_codes.OK)


def _counts(result: RunResult) -> dict[str, int]:
    counts = result.severity_counts()
    return {s.value: counts.get(s.value, 0) for s in reversed(list(Severity))}


def rollup_rows(runs: Sequence[TenantRun]) -> list[dict[str, object]]:
    """One row per tenant: name, score, grade, failing findings per severity, exit code."""
    rows: list[dict[str, object]] = []
    for run in runs:
        row: dict[str, object] = {"path": str(run.path), "tenant": run.slug}
        if run.result is not None:
            score = run.result.score
            row.update(tenant=run.result.tenant_label(), score=score.value if score else None,
                       grade=score.grade if score else None, **_counts(run.result))
        else:
            row["error"] = run.error
        row["exit_code"] = run.exit_code
        rows.append(row)
    return rows


def rollup_text(runs: Sequence[TenantRun]) -> str:
    """The roll-up table and a closing line."""
    headers = ("tenant", "score", "grade", *(s.value for s in reversed(list(Severity))), "exit")
    table = []
    for row in rollup_rows(runs):
        if "error" in row:
            table.append((row["tenant"], "–", "–", *("" for _ in Severity), row["exit_code"]))
            continue
        table.append((row["tenant"], row["score"], row["grade"], *(row[s.value] for s in reversed(list(Severity))),
                      row["exit_code"]))
    lines = [tabulate(table, headers=headers, tablefmt="simple")]
    lines += [f"error: {r.slug}: {r.error}" for r in runs if r.error]
    failed = sum(r.exit_code != exit_codes.OK for r in runs)
    lines.append(f"{len(runs)} tenants · {failed} not clean · worst exit code {worst_exit(runs)}")
    return "\n".join(lines) + "\n"


def rollup_json(runs: Sequence[TenantRun]) -> str:
    """The roll-up as JSON (``--format json`` with several PATHs)."""
    doc = {"tenants": rollup_rows(runs), "exit_code": worst_exit(runs)}
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_tenant_reports(runs: Sequence[TenantRun], folder: Path, fmt: str, extras: Sequence[tuple[str, Path]],
                         render_options: dict[str, bool]) -> None:
    """Per tenant: ``DIR/<tenant>/report.<ext>`` in ``fmt`` and each extra report under its file name."""
    from pimlint.output import write_atomic
    from pimlint.reporting import EXTENSIONS, render

    for run in runs:
        if run.result is None:
            continue
        target = folder / run.slug
        target.mkdir(parents=True, exist_ok=True)
        write_atomic(target / f"report.{EXTENSIONS[fmt]}", render(run.result, fmt, **render_options))
        for extra, name in extras:
            write_atomic(target / name.name, render(run.result, extra, **render_options))


def check_tenants(paths: Sequence[Path], runner: Runner, jobs: int | None, fmt: str, folder: Path | None,
                  extras: Sequence[tuple[str, Path]], render_options: dict[str, bool]) -> int:
    """``pimlint check`` with several PATHs: run, write per-tenant reports, print the roll-up; the exit code."""
    import click

    from pimlint.errors import ConfigError

    if extras and folder is None:
        raise ConfigError("with several PATHs, per-tenant reports need -o/--output-dir DIR")
    runs = run_tenants(paths, runner, jobs or default_jobs())
    if folder is not None:
        write_tenant_reports(runs, folder, fmt, extras, render_options)
    for run in runs:
        for crash in run.result.crashes if run.result else ():
            click.echo(f"pimlint: error: {run.slug}: rule {crash.rule} crashed: {crash.error}", err=True)
    click.echo(rollup_json(runs) if fmt == "json" else rollup_text(runs), nl=False)
    return worst_exit(runs)
