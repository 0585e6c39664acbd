"""A waiver that matches no finding.

## What it checks
Every unexpired waiver whose rule ran in this run and produced results, but which matched no failing
finding of that rule: the problem was fixed, the resource is gone, or the `match` table names the
resource differently from the finding (compare with the finding's `resource` in `--format json`).
Waivers of rules that were not selected or not evaluated are not judged (not evaluated here);
expired waivers are PIM010's. With `--no-waivers` the rule is not evaluated. To make unused waivers
non-blocking, lower the severity: `severity-overrides = { PIM011 = "info" }`.

## Example
A waiver for PIM101 matching `principal = "dave@contoso.onmicrosoft.com"` after Dave's standing
Global Administrator assignment was made eligible fails; while the assignment is still standing
the waiver is active and passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, Resource, RuleContext, Severity, rule
from pimlint.rulekit import waiver_evidence, waiver_findings
from pimlint.waivers import WaiverOutcome


@rule(
    id="PIM011",
    name="unused-waiver",
    title="Every waiver matches at least one finding",
    severity=Severity.LOW,
    category="diagnostics",
    rationale=(
        "A waiver that matches nothing is dead weight at best; at worst a mistyped match that does not cover what "
        "its author thinks, or a stale exception waiting to silently cover a future problem on the same resource. "
        "Keeping the waiver file minimal keeps every remaining exception meaningful."
    ),
    remediation=(
        "Delete the waiver from .pimlint/waivers.toml if the finding was fixed; otherwise correct its `match` "
        "table to the finding's logical resource (tenant, principal, role, role-id, policy, ...) as shown by "
        "`pimlint check --format json`. `pimlint waivers list` shows each waiver's state."
    ),
    references=(
        "NIST SP 800-53 CM-3 (configuration change control)",
        "NIST SP 800-53 CA-7 (continuous monitoring)",
        "NIST CSF 2.0 ID.IM-01",
    ),
    tags=("waivers",),
    reads_waivers=True,
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each unused waiver; pass the active ones."""

    def judge(res: Resource, o: WaiverOutcome) -> Iterator[Finding]:
        if o.state == "active":
            yield ctx.passed(res, f"waiver {o.id} waives {o.matched} finding(s) of {o.rule}")
        elif o.state == "idle":
            yield ctx.not_evaluated(f"waiver {o.id}: rule {o.rule} was not evaluated in this run", res)
        elif o.state == "unused":
            yield ctx.fail(
                res,
                f"waiver {o.id} for {o.rule} matches no finding",
                expected="a failing finding of the rule with the waiver's resource",
                actual="no match",
                evidence=waiver_evidence(o),
            )

    yield from waiver_findings(ctx, judge)
