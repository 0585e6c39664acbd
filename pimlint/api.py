"""``check()``: the whole pipeline for one bundle — the only entry point the CLI and tests use.

load + validate → normalize → privilege graph → rules → waivers → the rules that read the waiver
outcome (PIM010, PIM011) → baseline → result (with the CI gate decision).
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from pimlint import __version__, exit_codes, forked
from pimlint.baseline import Baseline, apply_baseline, read_baseline
from pimlint.config import Settings
from pimlint.engine.context import Facts, resolve_break_glass
from pimlint.engine.findings import Finding
from pimlint.engine.options import check_rule_tables
from pimlint.engine.registry import Registry, Rule, load_registry
from pimlint.engine.runner import RunOutcome, outcome, rule_results, run_rules
from pimlint.engine.selection import select_rules
from pimlint.errors import ConfigError
from pimlint.frameworks import rule_controls
from pimlint.graph import build_graph
from pimlint.levels import Severity, Status
from pimlint.loading.api import LoadResult, load
from pimlint.operations.kpis import KpiReport, compute_kpis
from pimlint.result import Crash, Gate, InputFile, RuleSummary, RunResult, TenantSummary, ToolInfo
from pimlint.roleclasses import RoleClasses
from pimlint.scoring import RuleRef, Score, compute_score
from pimlint.waivers import WaiverSet, apply_waivers, read_waivers, semantic_problems


@dataclass(frozen=True)
class CheckOptions:
    """Run options that are not tenant settings."""

    as_of: datetime | None = None
    rules_dirs: tuple[Path, ...] = ()
    debug: bool = False
    display: str | None = None
    input_format: str | None = None
    """Force an export layout (``graph``, ``entraexporter``, ``scubagear``, ``azurehound``); ``None`` detects it."""
    waivers: Path | None = None
    """Waiver file to apply (``None``: no file, every waiver rule passes)."""
    apply_waivers: bool = True
    """``False`` (``--no-waivers``): nothing is waived and PIM010/PIM011 are not evaluated."""
    baseline: Path | None = None
    """Baseline file: findings it absorbs are ``baselined`` and do not fail the gate."""
    fail_under: int | None = None
    """Fail the gate when the posture score is below this value (0–100)."""
    redact: bool = False
    """Replace names and ids with pseudonyms (``pimlint.redact``), using the export's whole directory."""
    workers: int = 1
    """Processes one run may use: with 2+, a large audit log is read, and its rules run, in a forked
    worker while this process does the rest (``pimlint.loading.background``, ``_offloaded``)."""
    retain: Callable[[object], None] | None = None
    """Called with the loaded tenant when the run is done (the CLI keeps it until it exits)."""


def selected_registry(settings: Settings, rules_dirs: tuple[Path, ...] = ()) -> Registry:
    """The rules a run with these settings executes."""
    registry = load_registry(rules_dirs)
    check_rule_tables(registry, settings)
    return select_rules(
        registry, (*settings.select, *settings.extend_select), (*settings.ignore, *settings.extend_ignore)
    )


def _summaries(registry: Registry, findings: tuple[Finding, ...]) -> tuple[RuleSummary, ...]:
    out = []
    for r in registry:
        mine = [f for f in findings if f.rule == r.meta.id]
        fails = sum(f.status is Status.FAIL for f in mine)
        passes = sum(f.status is Status.PASS for f in mine)
        skipped = [f for f in mine if f.status is Status.NOT_EVALUATED]
        waived = sum(f.status is Status.WAIVED for f in mine)
        baselined = sum(f.status is Status.BASELINED for f in mine)
        status = Status.FAIL if fails else (
            Status.NOT_EVALUATED if skipped and not (passes or waived or baselined) else Status.PASS
        )
        if status is Status.PASS and waived and not passes:
            status = Status.WAIVED
        out.append(
            RuleSummary(
                id=r.meta.id,
                name=r.meta.name,
                title=r.meta.title,
                severity=r.meta.severity,
                category=r.meta.category,
                status=status,
                fail=fails,
                passed=passes,
                not_evaluated=len(skipped),
                waived=waived,
                baselined=baselined,
                reason=skipped[0].message if status is Status.NOT_EVALUATED else None,
                controls=rule_controls(r.meta),
            )
        )
    return tuple(out)


def gate(
    findings: tuple[Finding, ...], fail_on: str, crashed: bool, score: Score | None = None, fail_under: int | None = None
) -> Gate:
    """The exit decision: 3 on a crash, 1 on failing findings at or above ``fail_on`` or a score
    below ``fail_under``, else 0."""
    threshold = None if fail_on == "never" else Severity(fail_on)
    failing = 0 if threshold is None else sum(
        f.status is Status.FAIL and f.severity.rank >= threshold.rank for f in findings
    )
    below = fail_under is not None and score is not None and score.value < fail_under
    code = exit_codes.INTERNAL_ERROR if crashed else (exit_codes.FINDINGS if failing or below else exit_codes.OK)
    return Gate(fail_on=str(fail_on), failing=failing, fail_under=fail_under, score_below=below, exit_code=code)


def settings_digest(settings: Settings) -> str:
    """sha256 of the settings as canonical JSON."""
    text = json.dumps(settings.model_dump(mode="json", by_alias=True), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


OFFLOAD_MIN_EVENTS = 10_000
"""Audit logs this long are worth a forked worker for some of their rules (M, 20,000 events:
1.47 → 1.38 s; below, forking and sending the findings back cost about what the worker saves)."""


def _offloaded(rules: Registry, facts: Facts, workers: int, debug: bool) -> tuple[Rule, ...]:
    """The rules to run in a worker process, when the audit log is long: every other rule over it.
    The audit-log rules are the expensive ones and all of them need the activation requests, which
    each process rebuilds; sharing them, the worker also computing the KPIs and this process the
    other rules, balances the two processes (L: 3.45 s in one process → 2.9–3.0 s)."""
    if workers < 2 or debug or len(facts.tenant.audit_events) < OFFLOAD_MIN_EVENTS or not forked.available():
        return ()
    return tuple(r for r in rules if "directoryAudits" in r.meta.requires)[::2]


def _split(registry: Registry) -> tuple[Registry, Registry]:
    """The rules judging the tenant, and those that read the waiver outcome (run after waivers)."""
    first = tuple(r for r in registry if not r.meta.reads_waivers)
    return Registry(rules=first), Registry(rules=tuple(r for r in registry if r.meta.reads_waivers))


def evaluate(
    loaded: LoadResult,
    settings: Settings,
    registry: Registry,
    debug: bool = False,
    fail_under: int | None = None,
    waivers: WaiverSet | None = None,
    baseline: tuple[Baseline, str] | None = None,
    workers: int = 1,
) -> RunResult:
    """Graph, rules, waivers (``None``: not applied), diagnostics, baseline (and its file) and gate
    (``workers``: see ``CheckOptions.workers``)."""
    tenant = loaded.tenant
    roles = RoleClasses(tenant, settings.critical_roles, settings.extra_privileged_roles)
    facts = Facts(
        tenant=tenant,
        graph=build_graph(tenant),
        roles=roles,
        settings=settings,
        break_glass=resolve_break_glass(tenant, settings.break_glass),
    )
    tenant_rules, diagnostics = _split(registry)
    first, kpis = _run_tenant_rules(tenant_rules, facts, debug, workers)
    findings, outcomes = list(first.findings), None
    if waivers is not None:
        findings, outcomes = apply_waivers(findings, waivers.waivers, tenant.info.as_of)
    second = run_rules(diagnostics, replace(facts, waivers=outcomes), debug=debug)
    findings.extend(second.findings)
    summary = None
    if baseline is not None:
        findings, summary = apply_baseline(findings, baseline[0], tenant.info.id, baseline[1])
    ordered = tuple(sorted(findings, key=Finding.sort_key))
    crashes = (*first.crashes, *second.crashes)
    info = tenant.info
    score = compute_score(
        (RuleRef(id=r.meta.id, severity=r.meta.severity, category=r.meta.category) for r in registry), ordered
    )
    return RunResult(
        tool=ToolInfo(version=__version__),
        tenant=TenantSummary(id=info.id, domain=info.domain, display_name=info.display_name),
        as_of=info.as_of,
        as_of_source=info.as_of_source,
        profile=settings.profile,
        settings_digest=settings_digest(settings),
        inputs=tuple(InputFile(file=f, sha256=h) for f, h in loaded.inputs),
        warnings=loaded.warnings,
        rules=_summaries(registry, ordered),
        findings=ordered,
        crashes=tuple(Crash(rule=c.rule, error=c.error) for c in crashes),
        score=score,
        gate=gate(ordered, settings.fail_on, bool(crashes), score, fail_under),
        waivers=outcomes,
        baseline=summary,
        kpis=kpis,
    )


def _run_tenant_rules(rules: Registry, facts: Facts, debug: bool, workers: int) -> tuple[RunOutcome, KpiReport]:
    """The tenant rules' outcome and the KPIs; some rules and the KPIs in a forked worker when that
    pays (``_offloaded``), the other rules here meanwhile. The outcome is the same either way."""
    offload = _offloaded(rules, facts, workers, debug)
    if not offload:
        return run_rules(rules, facts, debug=debug), compute_kpis(facts)
    worker = forked.Forked(lambda: (rule_results(offload, facts, debug), compute_kpis(facts)))
    try:
        moved = {r.meta.id for r in offload}
        results = rule_results((r for r in rules if r.meta.id not in moved), facts, debug)
    except BaseException:
        worker.cancel()
        raise
    try:
        theirs, kpis = worker.result()
    except forked.WorkerFailed:  # e.g. killed for memory: do the work here instead
        theirs, kpis = rule_results(offload, facts, debug), compute_kpis(facts)
    results.update(theirs)
    return outcome(rules, results, facts), kpis


def checked_waivers(path: Path | None, settings: Settings, rules_dirs: tuple[Path, ...], as_of: datetime | None) -> WaiverSet:
    """Read a waiver file for ``check``: any problem is a ``ConfigError`` (exit 2)."""
    if path is None:
        return WaiverSet(path=None)
    waivers = read_waivers(path)
    full = load_registry(rules_dirs)
    problems = semantic_problems(
        waivers, full.get, as_of.date() if as_of else None, settings.max_waiver_days
    )
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ConfigError(f"{path}: {problems[0]}{more}; run `pimlint waivers lint` for the list")
    return waivers


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one run.

    The pipeline builds millions of objects (JSON trees, frozen models) and almost no reference
    cycles; the collector would re-scan all live objects again and again as they accumulate, which
    nearly doubled the time of a 100,000-user run (bench/README.md). Reference counting still frees
    everything that is not a cycle, and the collector resumes afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(path: Path, settings: Settings, options: CheckOptions = CheckOptions()) -> RunResult:
    """Run the full pipeline on one bundle."""
    with without_cyclic_gc():
        return _check(path, settings, options)


def _check(path: Path, settings: Settings, options: CheckOptions) -> RunResult:
    registry = selected_registry(settings, options.rules_dirs)
    loaded = load(
        path,
        display=options.display,
        as_of=options.as_of,
        timezone=settings.timezone,
        max_bytes=settings.max_input_mb * 1024 * 1024,
        input_format=options.input_format,
        workers=options.workers,
    )
    if loaded.scuba_config is not None and settings.profile == "scuba":
        from pimlint.scuba import with_config

        settings = with_config(settings, loaded.scuba_config)
    waivers = None
    if options.apply_waivers:
        waivers = checked_waivers(options.waivers, settings, options.rules_dirs, loaded.tenant.info.as_of)
    baseline = None
    if options.baseline is not None:
        baseline = (read_baseline(options.baseline), str(options.baseline))
    result = evaluate(loaded, settings, registry, debug=options.debug, fail_under=options.fail_under,
                      waivers=waivers, baseline=baseline, workers=options.workers)
    if options.redact:
        from pimlint.redact import directory_entries, redact

        result = redact(result, directory_entries(loaded.tenant))
    if options.retain is not None:
        options.retain(loaded)
    return result
