"""Privileged roles are not reviewed regularly.

## What it checks
Each role of `roles` (default: the critical roles) that someone holds must be in scope of an
active access review series (`accessReviewDefinitions`, status not Completed) whose scope query names the role and
that recurs at least every `max-interval-days` (92: quarterly; profile `strict`: 31, monthly).
One-time reviews do not count.

## Example
A quarterly review of Global Administrator (`absoluteMonthly`, interval 3) passes; no review of
Privileged Role Administrator fails; a yearly review fails.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import option_roles


@rule(
    id="PIM704",
    name="no-privileged-access-review",
    title="An active access review covers each critical role at least quarterly",
    severity=Severity.MEDIUM,
    category="governance",
    requires=("accessReviewDefinitions", "roleEligibilityScheduleInstances"),
    options={"roles": [], "max-interval-days": 92},
    profiles={"strict": {"max-interval-days": 31}},
    rationale=(
        "Privileged access accumulates: people change teams, projects end, vendors leave, but their "
        "eligibilities stay. A recurring review makes someone confirm every holder of a critical role, with "
        "access removed when nobody does."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Access reviews > New: select the role(s), reviewers (not self), "
        "recurrence quarterly or monthly, duration up to 14 days, auto-apply results, 'If reviewers don't "
        "respond: Remove access'. Graph: POST /identityGovernance/accessReviews/definitions with a scope query "
        "/roleManagement/directory/roleDefinitions/{roleId}."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-create-roles-and-resource-roles-review",
        "CIS Microsoft 365 v7 5.3.3",
        "NIST SP 800-53 AC-2(j)",
        "NIST CSF 2.0 PR.AA-05",
    ),
    tags=("cis-m365",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each target role without a recurring, active access review."""
    limit = float(ctx.option("max-interval-days"))
    held = {h.role_id for h in ctx.graph.holdings}
    for role_id in sorted(option_roles(ctx, ctx.roles.critical) & held):
        res = ctx.resource(role_id=role_id)
        reviews = [r for r in ctx.tenant.access_reviews if role_id in r.role_ids and r.is_active]
        good = [r for r in reviews if r.interval_days is not None and r.interval_days <= limit]
        if good:
            yield ctx.passed(res, f"{res.role}: reviewed every {good[0].interval_days:g} days by "
                                  f"{good[0].display_name or good[0].id}")
            continue
        actual = "; ".join(f"{r.display_name or r.id}: "
                           f"{'one-time' if r.interval_days is None else f'every {r.interval_days:g} days'}"
                           for r in reviews) or "no active review of the role"
        yield ctx.fail(res, f"no active access review covers {res.role} at least every {limit:g} days",
                       expected=f"a recurring review at most every {limit:g} days", actual=actual)
