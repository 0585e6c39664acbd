"""The same role activated very often.

## What it checks
Completed activations per principal and role (directory role, or PIM-for-Groups access to a group):
more than `count` (10) within any `days` (7) days fails, listing the activations in that stretch.
Constant re-activation means the work needs the role all the time — or a narrower role.

## Example
`adm-bob` activates User Administrator twelve times in one week: fail. Ten times passes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.operations.describe import capped, densest, evidence, principal_label, request_resource, target_label
from pimlint.operations.requests import ActivationRequest


@rule(
    id="PIM808",
    name="frequent-activation",
    title="No principal activates the same role more than 10 times in 7 days",
    severity=Severity.LOW,
    category="operations",
    requires=("directoryAudits",),
    options={"count": 10, "days": 7},
    rationale=(
        "An administrator who activates a role many times a week needs part of it permanently: the approval and "
        "MFA prompts become noise that gets clicked through, and approvers stop reading. A narrower role that "
        "can be held (or a custom role) often fits the daily work better and keeps the privileged role rare."
    ),
    remediation=(
        "Review the principal's tasks: move routine work to a less privileged role (built-in or custom), or "
        "adjust the activation duration to the real work pattern. Entra admin center → Roles and administrators "
        "→ choose a least-privileged role; PIM → Microsoft Entra roles → Assignments. Graph: "
        "GET /roleManagement/directory/roleDefinitions to find narrower roles."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/delegate-by-task",
        "NIST SP 800-53 AC-6",
        "NIST SP 800-53 AC-2(12)",
    ),
    tags=("operations",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail principal-role pairs activated more than ``count`` times within ``days`` days."""
    count, days = int(ctx.option("count")), int(ctx.option("days"))
    groups: dict[tuple[str, str, str | None, str], list[ActivationRequest]] = defaultdict(list)
    for req in ctx.activation_requests:
        if req.completed is not None and req.principal_id:
            groups[(req.principal_id, req.target_kind.value, req.role_id, req.scope)].append(req)
    for _, reqs in sorted(groups.items(), key=lambda item: tuple(str(p) for p in item[0])):
        stamps = [r.completed.time for r in reqs if r.completed is not None]
        first, n = densest(stamps, timedelta(days=days))
        if n <= count:
            continue
        burst = reqs[first:first + n]
        yield ctx.fail(
            request_resource(ctx, reqs[0]),
            f"{principal_label(ctx, reqs[0])} activated {target_label(ctx, reqs[0])} {n} times within {days} days",
            expected=f"at most {count} activations in {days} days",
            actual=f"{n} between {stamps[first]:%Y-%m-%d} and {stamps[first + n - 1]:%Y-%m-%d}",
            evidence=capped([evidence(ctx, r) for r in burst[:20]], 20, len(burst)),
        )
