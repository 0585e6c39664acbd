"""A waiver whose expiry date has passed.

## What it checks
Every waiver in the waiver file (`.pimlint/waivers.toml`, `--waivers FILE`) whose `expires` date
is before the run's as-of date (the export's `exportedAt`, or `--as-of`). A waiver stays good
through its expiry day. Once expired it no longer waives anything: the findings it matched count
again, and this rule reports the waiver itself so the owner renews or removes it. Waivers without
an expiry (`kind = "not-applicable"`) never expire. With `--no-waivers` the rule is not evaluated.

## Example
`expires = 2026-10-31` checked against an export taken on 2026-11-20 fails (and the standing Global
Administrator it covered fails PIM101 again); `expires = 2026-12-31` passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, Resource, RuleContext, Severity, rule
from pimlint.rulekit import waiver_evidence, waiver_findings
from pimlint.waivers import WaiverOutcome


@rule(
    id="PIM010",
    name="expired-waiver",
    title="No waiver has passed its expiry date",
    severity=Severity.MEDIUM,
    category="diagnostics",
    rationale=(
        "A waiver is a reviewed, time-boxed acceptance of a risk. After its end date nobody has re-confirmed that "
        "the exception is still needed or still safe; silently honouring it would turn a temporary exception into "
        "a permanent blind spot. Expired waivers stop waiving, and are reported so the owner acts."
    ),
    remediation=(
        "Fix the waived finding and delete the waiver, or review the exception with its owner and set a new "
        "`expires` date (within `max-waiver-days`) in .pimlint/waivers.toml. `pimlint waivers list "
        "--expiring-within 30d` shows what is due next."
    ),
    references=(
        "NIST SP 800-53 CA-7 (continuous monitoring), PM-4 (plan of action and milestones)",
        "NIST CSF 2.0 ID.RA-07",
        "CIS Controls v8 4.1",
    ),
    tags=("waivers",),
    reads_waivers=True,
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each expired waiver; pass the others."""
    if ctx.as_of is None and any(o.expires is not None for o in ctx.facts.waivers or ()):
        yield ctx.not_evaluated("the export has no as-of date (manifest exportedAt); pass --as-of to judge expiry")
        return

    def judge(res: Resource, o: WaiverOutcome) -> Iterator[Finding]:
        if o.state != "expired":
            yield ctx.passed(res, f"waiver {o.id} ({o.rule}) is {o.state}")
            return
        counted = f"{o.matched} finding{'s' if o.matched != 1 else ''} of {o.rule} count{'s' if o.matched == 1 else ''} again"
        yield ctx.fail(
            res,
            f"waiver {o.id} for {o.rule} expired on {o.expires}; {counted}",
            expected=f"expires on or after {ctx.as_of.date() if ctx.as_of else 'the as-of date'}",
            actual=f"expires {o.expires}",
            evidence=waiver_evidence(o),
        )

    yield from waiver_findings(ctx, judge)
