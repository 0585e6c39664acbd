"""Run the selected rules over one tenant; a crashing rule is isolated and reported.

A rule whose required sections are missing is not called: it yields one ``not_evaluated`` result
naming them. A rule that yields no finding at all gets one tenant-level ``pass``.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable
from dataclasses import dataclass

from pimlint.engine.context import Facts, RuleContext
from pimlint.engine.findings import Finding
from pimlint.engine.options import resolve_options
from pimlint.engine.registry import Registry, Rule
from pimlint.levels import Severity, Status

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class RuleCrash:
    """A rule that raised: its id and the exception, for the report and exit code 3."""

    rule: str
    error: str
    traceback: str


@dataclass(frozen=True)
class RunOutcome:
    """All findings of a run (every status) and the crashes."""

    findings: tuple[Finding, ...]
    crashes: tuple[RuleCrash, ...]


def _run_one(rule: Rule, facts: Facts, debug: bool) -> tuple[list[Finding], RuleCrash | None]:
    ctx = RuleContext(facts=facts, meta=rule.meta, options=resolve_options(rule, facts.settings))
    missing = [s for s in rule.meta.requires if s not in facts.tenant.sections]
    if missing:
        return [ctx.not_evaluated(f"missing section(s): {', '.join(missing)}")], None
    try:
        findings = list(rule.check(ctx))
    except Exception as exc:  # isolate any rule failure: the other rules still run
        if debug:
            raise
        LOG.error("rule %s crashed", rule.meta.id, exc_info=True)
        crash = RuleCrash(rule.meta.id, f"{type(exc).__name__}: {exc}", traceback.format_exc())
        return [ctx.not_evaluated(f"rule crashed ({crash.error}); please report this as a pimlint bug")], crash
    if not findings:
        findings = [ctx.passed(None, rule.meta.title)]
    return findings, None


def _override(finding: Finding, overrides: dict[str, Severity]) -> Finding:
    severity = overrides.get(finding.rule) or overrides.get(finding.name)
    if severity is None or finding.status is not Status.FAIL:
        return finding
    return finding.model_copy(update={"severity": severity})


RuleResults = dict[str, tuple[list[Finding], RuleCrash | None]]
"""Rule id → (its findings, its crash if it raised)."""


def rule_results(rules: Iterable[Rule], facts: Facts, debug: bool = False) -> RuleResults:
    """Run ``rules`` against ``facts``, each isolated: rule id → (findings, crash)."""
    return {rule.meta.id: _run_one(rule, facts, debug) for rule in rules}


def outcome(registry: Registry, results: RuleResults, facts: Facts) -> RunOutcome:
    """The run's outcome from every rule's results, in registry order (however they were run)."""
    findings: list[Finding] = []
    crashes: list[RuleCrash] = []
    overrides = facts.settings.severity_overrides
    for rule in registry:
        produced, crash = results[rule.meta.id]
        findings.extend(_override(f, overrides) for f in produced)
        if crash is not None:
            crashes.append(crash)
    unique = {(f.fingerprint, f.status, f.message): f for f in findings}
    return RunOutcome(findings=tuple(sorted(unique.values(), key=Finding.sort_key)), crashes=tuple(crashes))


def run_rules(registry: Registry, facts: Facts, debug: bool = False) -> RunOutcome:
    """Run every rule of ``registry`` (already selected) against ``facts``."""
    return outcome(registry, rule_results(registry, facts, debug), facts)
