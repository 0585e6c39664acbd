"""Repeated activations at (nearly) the maximum duration.

## What it checks
Completed activations whose granted duration (`ExpirationTime − StartTime` of the completion row)
is at least `share` (90 %) of the maximum the role's PIM policy allows
(`Expiration_EndUser_Assignment.maximumDuration`). A principal with `count` (3) or more such
activations within any `days` (30) days fails, listing them. Activations of roles without an
exported policy are skipped; no policies exported at all is `not_evaluated`.

## Example
`adm-alice` activates Global Administrator (maximum 2 h) for 2 h on 1, 8 and 15 October: fail.
Three 30-minute activations pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.operations.describe import capped, densest, evidence, max_duration, principal_label
from pimlint.operations.requests import ActivationRequest
from pimlint.queries import policy_sections_present
from pimlint.timeutil import format_hours


@rule(
    id="PIM802",
    name="repeated-long-activations",
    title="Activations do not routinely run to the maximum duration",
    severity=Severity.LOW,
    category="operations",
    requires=("directoryAudits",),
    options={"count": 3, "days": 30, "share": 0.9},
    rationale=(
        "Someone who activates for the full maximum again and again is using just-in-time access as standing "
        "access by another name: the role is held for most of the working day whether needed or not, and the "
        "exposure window of a stolen session is as long as PIM allows."
    ),
    remediation=(
        "Ask the administrator to activate for the task's duration and deactivate when done; if the work truly "
        "needs long sessions, split it into a narrower role. Entra admin center → PIM → Microsoft Entra roles → "
        "Settings → role → Activation maximum duration. Graph: PATCH "
        "/policies/roleManagementPolicies/{id}/rules/Expiration_EndUser_Assignment."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "NIST SP 800-53 AC-6",
        "NIST SP 800-53 AC-2(12)",
    ),
    tags=("operations",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail principals with repeated near-maximum activations within the period."""
    if not policy_sections_present(ctx):
        yield ctx.not_evaluated("no role management policies exported: the maximum activation duration is unknown")
        return
    count, days, share = int(ctx.option("count")), int(ctx.option("days")), float(ctx.option("share"))
    long_ones: dict[str, list[ActivationRequest]] = defaultdict(list)
    for req in ctx.activation_requests:
        granted = req.granted
        limit = max_duration(ctx, req)
        if req.principal_id and granted is not None and limit and granted >= limit * share:
            long_ones[req.principal_id].append(req)
    for principal_id, reqs in sorted(long_ones.items()):
        stamps = [r.submitted_at for r in reqs]
        first, n = densest(stamps, timedelta(days=days))
        if n < count:
            continue
        burst = reqs[first:first + n]
        yield ctx.fail(
            ctx.resource(principal_id=principal_id),
            f"{principal_label(ctx, burst[0])} made {n} activations at ≥ {share:.0%} of the maximum duration "
            f"within {days} days",
            expected=f"fewer than {count} near-maximum activations in {days} days",
            actual=f"{n} between {stamps[first].date().isoformat()} and {stamps[first + n - 1].date().isoformat()}",
            evidence=capped([f"{evidence(ctx, r)} (maximum {format_hours(max_duration(ctx, r) or timedelta())})"
                             for r in burst[:20]], 20, len(burst)),
        )
