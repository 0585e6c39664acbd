"""The baseline (``.pimlint/baseline.json``): known findings that do not block, so only new ones do.

Entries are keyed by fingerprint (rule + tenant id + logical resource ids: never file names or
lines) and carry a ``count``: an entry absorbs at most ``count`` failing findings with its
fingerprint (multiset semantics), so fixing one and adding another stays visible. Absorbed findings
get status ``baselined``; entries of this tenant whose rule ran and that absorbed less than their
count are *fixed*. Entries of other tenants, or of rules not evaluated in a run, are left alone.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from pimlint import __version__
from pimlint.engine.findings import Finding
from pimlint.errors import ConfigError
from pimlint.levels import Status
from pimlint.model.base import Frozen
from pimlint.output import write_atomic

_JUDGED = (Status.FAIL, Status.PASS, Status.WAIVED, Status.BASELINED)


class BaselineEntry(Frozen):
    """Findings with one fingerprint that are known and accepted for now."""

    fingerprint: str = Field(pattern=r"^[0-9a-f]{32}$")
    rule: str
    tenant: str
    """Tenant id."""
    resource: str
    """What it is about, for people reading the file (not used for matching)."""
    count: int = Field(default=1, ge=1)


class Baseline(Frozen):
    """The baseline file."""

    version: Literal[1] = 1
    tool: str = f"pimlint {__version__}"
    created: datetime | None = None
    """The as-of date of the run that wrote it (never the wall clock)."""
    entries: tuple[BaselineEntry, ...] = ()


class BaselineSummary(Frozen):
    """What the baseline did in a run (``RunResult.baseline``)."""

    file: str
    entries: int
    """Entries for this tenant."""
    baselined: int
    """Failing findings absorbed."""
    fixed: int
    """Baselined findings of rules that ran that no longer occur (stale counts)."""


def read_baseline(path: Path) -> Baseline:
    """Read and validate a baseline file (``ConfigError`` when unreadable or invalid)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise ConfigError(f"{path}: invalid baseline: {where}: {error['msg']}") from None


def waiver_stubs(baseline: Baseline) -> str:
    """A ``.pimlint/waivers.toml`` draft with one waiver per baseline entry, matched by fingerprint.

    ``reason``, ``owner`` and ``expires`` are left empty on purpose: ``pimlint waivers lint`` refuses
    the file until a person has filled them in, so pasting the stub never waives anything by itself.
    """
    lines = [
        f"# Waiver drafts for the {len(baseline.entries)} baselined finding(s) of {baseline.tool}.",
        "# Fill in reason (20+ characters), owner and expires (YYYY-MM-DD) of each, keep the ones you accept,",
        "# then check the file with `pimlint waivers lint`.",
        "version = 1",
    ]
    for entry in sorted(baseline.entries, key=lambda e: (e.rule, e.fingerprint)):
        lines += [
            "",
            "[[waivers]]",
            f"id = {_toml_string(f'{entry.rule}-{entry.fingerprint[:8]}')}",
            f"rule = {_toml_string(entry.rule)}",
            'kind = "accepted-risk"',
            'reason = ""',
            'owner = ""',
            'expires = ""',
            f"# {_one_line(entry.resource)}" + (f" ({entry.count} findings)" if entry.count > 1 else ""),
            "[waivers.match]",
            f"fingerprint = {_toml_string(entry.fingerprint)}",
        ]
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's; DEL must be escaped too)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _one_line(text: str) -> str:
    """``text`` fit for a TOML comment: control characters as spaces."""
    return "".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in text)


def render_baseline(baseline: Baseline) -> str:
    """Stable JSON: entries sorted by (tenant, rule, fingerprint), sorted keys."""
    entries = sorted(baseline.entries, key=lambda e: (e.tenant, e.rule, e.fingerprint))
    data = baseline.model_copy(update={"entries": tuple(entries)}).model_dump(mode="json")
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write_baseline(path: Path, baseline: Baseline) -> None:
    """Write atomically (creating ``.pimlint/`` if needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, render_baseline(baseline))


def _entry(finding: Finding, count: int) -> BaselineEntry:
    where = finding.resource.describe() or finding.resource.tenant
    return BaselineEntry(fingerprint=finding.fingerprint, rule=finding.rule, tenant=finding.resource.tenant_id,
                         resource=f"{finding.message} ({where})", count=count)


def open_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings the baseline is about: failing now, absorbed or not (waived ones are not)."""
    return [f for f in findings if f.status in (Status.FAIL, Status.BASELINED)]


def apply_baseline(
    findings: Iterable[Finding], baseline: Baseline, tenant_id: str, source: str
) -> tuple[list[Finding], BaselineSummary]:
    """Mark up to ``count`` failing findings per entry ``baselined``; count fixed entries."""
    out = list(findings)
    budget = Counter({e.fingerprint: e.count for e in baseline.entries if e.tenant == tenant_id})
    mine = [e for e in baseline.entries if e.tenant == tenant_id]
    judged = {f.rule for f in out if f.status in _JUDGED}
    absorbed = 0
    for i, f in enumerate(out):
        if f.status is Status.FAIL and budget[f.fingerprint] > 0:
            budget[f.fingerprint] -= 1
            absorbed += 1
            out[i] = f.model_copy(update={"status": Status.BASELINED})
    fixed = sum(budget[e.fingerprint] for e in mine if e.rule in judged)
    return out, BaselineSummary(file=source, entries=len(mine), baselined=absorbed, fixed=fixed)


def create_baseline(findings: Iterable[Finding], created: datetime | None) -> Baseline:
    """A baseline absorbing every failing finding of a run."""
    found = open_findings(findings)
    counts = Counter(f.fingerprint for f in found)
    first = {f.fingerprint: f for f in reversed(found)}
    return Baseline(created=created, entries=tuple(_entry(first[fp], n) for fp, n in counts.items()))


def _total(baseline: Baseline, tenant_id: str) -> int:
    return sum(e.count for e in baseline.entries if e.tenant == tenant_id)


def update_baseline(
    baseline: Baseline, findings: Iterable[Finding], tenant_id: str, created: datetime | None, add_new: bool
) -> tuple[Baseline, int, int]:
    """Prune fixed counts of this tenant's evaluated rules; with ``add_new`` absorb new findings.

    Returns the new baseline, the findings pruned and the findings added.
    """
    run = list(findings)
    judged = {f.rule for f in run if f.status in _JUDGED}
    found = open_findings(run)
    current = Counter(f.fingerprint for f in found)
    kept: list[BaselineEntry] = []
    pruned = 0
    for e in baseline.entries:
        if e.tenant != tenant_id or e.rule not in judged:
            kept.append(e)
            continue
        count = min(e.count, current[e.fingerprint])
        pruned += e.count - count
        count = current[e.fingerprint] if add_new else count
        if count:
            kept.append(e.model_copy(update={"count": count}))
    if add_new:
        known = {e.fingerprint for e in kept}
        example = {f.fingerprint: f for f in reversed(found)}
        kept.extend(_entry(example[fp], n) for fp, n in current.items() if fp not in known)
    updated = Baseline(created=created, entries=tuple(kept))
    added = _total(updated, tenant_id) - (_total(baseline, tenant_id) - pruned)
    return updated, pruned, added
