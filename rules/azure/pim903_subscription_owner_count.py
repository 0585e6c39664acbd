"""A subscription has too few or too many Owners.

## What it checks
For every exported subscription, counts the distinct principals holding Owner — active or
eligible, at the subscription scope or inherited from a management group or the root — and
compares the count with `[min, max]` (2..3, CIS Azure Foundations 5.7). A subscription without
role assignments or schedule instances in the export is `not_evaluated`.

## Example
A subscription with four Owners fails; with two (one eligible through PIM) it passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import AZURE_OWNER, azure_top_scope


@rule(
    id="PIM903",
    name="subscription-owner-count",
    title="Each subscription has between 2 and 3 Owners",
    severity=Severity.LOW,
    category="azure",
    options={"min": 2, "max": 3},
    rationale=(
        "One Owner is a single point of failure when that person leaves; many Owners multiply the accounts "
        "that can change access to and delete the subscription's workloads."
    ),
    remediation=(
        "Azure portal > Subscriptions > the subscription > Access control (IAM) > Role assignments > Owner: "
        "keep two or three (preferably eligible in PIM), remove the others or move them to Contributor or "
        "narrower roles. Azure CLI: az role assignment delete --role Owner --assignee <id> --scope "
        "/subscriptions/<id>."
    ),
    references=(
        "https://learn.microsoft.com/azure/role-based-access-control/best-practices",
        "CIS Microsoft Azure Foundations v6 5.7",
        "NIST SP 800-53 AC-6(7)",
        "NIST CSF 2.0 PR.AA-05",
    ),
    tags=("azure",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each subscription whose Owner count is outside the range."""
    if not ctx.tenant.azure:
        yield ctx.not_evaluated("the export has no azure/<subscription>/ sections")
        return
    low, high = int(ctx.option("min")), int(ctx.option("max"))
    for sub_id, sub in sorted(ctx.tenant.azure.items()):
        scope = f"/subscriptions/{sub_id}"
        res = ctx.resource(scope=scope, object_id=AZURE_OWNER, object_label="Owner", object_kind="azure role")
        if not {"roleAssignments", "roleAssignmentScheduleInstances"} & sub.sections:
            yield ctx.not_evaluated(f"subscription {sub_id}: no role assignments exported", res)
            continue
        owners = sorted({a.principal_id for a in (*sub.role_assignments, *sub.active_assignments,
                                                  *sub.eligible_assignments)
                         if a.role_id == AZURE_OWNER and azure_top_scope(a.scope)})
        evidence = [ctx.tenant.principal_label(o) for o in owners]
        if low <= len(owners) <= high:
            yield ctx.passed(res, f"subscription {sub_id} has {len(owners)} Owners", evidence=evidence)
        else:
            yield ctx.fail(res, f"subscription {sub_id} has {len(owners)} Owners (expected {low} to {high})",
                           expected=f"{low} to {high} Owners", actual=str(len(owners)), evidence=evidence)
