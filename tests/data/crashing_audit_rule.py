"""Test rule: reads the audit log, then raises (a rule bug must be isolated, in a worker too).

## What it checks
Nothing: it counts the activation requests and raises.

## Example
Any tenant with an audit log: the rule crashes and is reported as a crash.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule


@rule(
    id="X901",
    name="crashing-audit-rule",
    title="A test rule that crashes on the audit log",
    severity=Severity.LOW,
    category="custom",
    requires=("directoryAudits",),
    rationale="Exercises crash isolation in the worker process.",
    remediation="None: test only.",
    references=("https://example.invalid/a", "https://example.invalid/b"),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Raise after touching the activation requests."""
    count = len(ctx.activation_requests)
    raise ValueError(f"deliberate failure after {count} requests")
    yield  # pragma: no cover - a generator that never yields
