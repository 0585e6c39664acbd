"""One approver approves almost all activations of a role.

## What it checks
For each role (directory role, or PIM-for-Groups access to a group), the approvals in the PIM audit
log (`Add member to role request approved (PIM activation)`, approver = `initiatedBy`). A role
with at least `min-approvals` (5) approvals of which one approver gave `share` (80 %) or more
fails: approval has become one person's rubber stamp, and nobody else knows the role's use.

## Example
Global Administrator activations approved 9 times by `approver-1` and once by `approver-2`: fail.
An even split passes; a role with fewer than 5 approvals passes with its count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.operations.describe import request_resource, target_label
from pimlint.operations.requests import ActivationRequest


@rule(
    id="PIM803",
    name="approver-concentration",
    title="No single approver gives most of a role's activation approvals",
    severity=Severity.MEDIUM,
    category="operations",
    requires=("directoryAudits",),
    options={"min-approvals": 5, "share": 0.8},
    rationale=(
        "Approval is a second pair of eyes only while several people share it. When one approver signs nearly "
        "everything, approval depends on that one person's attention and availability, collusion needs only two "
        "people, and a compromised approver account unlocks the role."
    ),
    remediation=(
        "Spread approvals across the listed approvers (rotation, backup approvers, an approver group), and review "
        "whether the dominant approver approves without reading. Entra admin center → PIM → Microsoft Entra roles "
        "→ Settings → role → Require approval to activate → Select approver(s). Graph: PATCH "
        "/policies/roleManagementPolicies/{id}/rules/Approval_EndUser_Assignment."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-approval-workflow",
        "NIST SP 800-53 AC-5",
    ),
    tags=("operations",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail roles whose approvals come from one approver."""
    minimum, share = int(ctx.option("min-approvals")), float(ctx.option("share"))
    by_target: dict[tuple[str, str | None, str], list[ActivationRequest]] = defaultdict(list)
    for req in ctx.activation_requests:
        if req.approvals:
            by_target[(req.target_kind.value, req.role_id, req.scope)].append(req)
    for _, reqs in sorted(by_target.items(), key=lambda item: tuple(str(p) for p in item[0])):
        approvers = Counter(a.actor or a.actor_id or "unknown approver" for r in reqs for a in r.approvals)
        total = sum(approvers.values())
        top, top_count = sorted(approvers.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        res = request_resource(ctx, reqs[0], principal=False)
        name = target_label(ctx, reqs[0])
        spread = [f"{who}: {n} of {total} approvals" for who, n in sorted(approvers.items(), key=lambda kv: (-kv[1], kv[0]))]
        if total >= minimum and top_count / total >= share:
            yield ctx.fail(
                res,
                f"{top} gave {top_count} of {total} approvals ({top_count / total:.0%}) of {name}",
                expected=f"no approver with ≥ {share:.0%} of a role's approvals (from {minimum} approvals)",
                actual=f"{top}: {top_count}/{total}",
                evidence=spread,
            )
        else:
            yield ctx.passed(res, f"{name}: {total} approval(s), most by one approver {top_count}", evidence=spread)
