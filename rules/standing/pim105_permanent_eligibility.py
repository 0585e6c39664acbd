"""Eligibility for a privileged role never expires.

## What it checks
For every privileged role with a PIM policy (or held by someone): the policy's
`Expiration_Admin_Eligibility.isExpirationRequired` must be true. And every eligible assignment of
a privileged role — directly (`roleEligibilityScheduleInstances`) or as an eligible member or owner
of a PIM-for-Groups group that holds a privileged role — must have an end date.

## Example
A Global Administrator policy with `isExpirationRequired: false` on `Expiration_Admin_Eligibility`
fails, as does an eligibility with `endDateTime: null`; eligibilities ending within the policy's
maximum (e.g. 180 days) pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, Resource, RuleContext, Severity, rule
from pimlint.model import ExpirationRule, RolePolicy
from pimlint.model.policies import ELIGIBILITY_EXPIRATION
from pimlint.queries import policy_sections_present
from pimlint.rulekit import role_policy_findings


@rule(
    id="PIM105",
    name="permanent-eligibility",
    title="Eligibility for privileged roles expires and must be renewed",
    severity=Severity.MEDIUM,
    category="standing-access",
    requires=("roleEligibilityScheduleInstances",),
    rationale=(
        "An eligibility that never ends outlives the job change, the project and the contractor it was made "
        "for. Expiring eligibilities force a periodic, recorded decision to keep privileged access, which is "
        "what access reviews alone often fail to achieve."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Settings > select the role > Edit > Assignment: untick 'Allow permanent "
        "eligible assignment' and set 'Expire eligible assignments after' (e.g. 6 months or 1 year); then "
        "update existing permanent eligibilities to end dates (Assignments > Eligible > Update). Graph: PATCH "
        "/policies/roleManagementPolicies/{id}/rules/Expiration_Admin_Eligibility with isExpirationRequired "
        "true and maximumDuration P180D."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "CIS Microsoft 365 v7 5.3.1",
        "NIST SP 800-53 AC-2(3)",
        "NIST CSF 2.0 PR.AA-05",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each policy allowing permanent eligibility and each eligibility without an end."""

    def judge(role_id: str, res: Resource, policy: RolePolicy, expiration: ExpirationRule) -> Iterator[Finding]:
        if not expiration.is_expiration_required:
            yield ctx.fail(res, f"the {res.role} policy allows permanent eligibility",
                           expected="isExpirationRequired: true", actual="isExpirationRequired: false",
                           evidence=[f"policy {policy.id} rule {ELIGIBILITY_EXPIRATION}"])
        else:
            yield ctx.passed(res, f"{res.role} eligibilities must expire")

    if policy_sections_present(ctx):  # the assignments below are judged without policies too
        yield from role_policy_findings(ctx, lambda p: p.eligibility_expiration, judge,
                                        missing=f"no {ELIGIBILITY_EXPIRATION} rule", detail=ELIGIBILITY_EXPIRATION)
    for a in ctx.tenant.eligible_assignments:
        if ctx.roles.is_privileged(a.role_id) and a.end is None and a.member_type != "group":
            res = ctx.resource(principal_id=a.principal_id, role_id=a.role_id, scope=a.scope)
            yield ctx.fail(res, f"{res.principal} is eligible for {res.role} without an end date",
                           expected="an eligibility with an end date", actual="endDateTime null",
                           evidence=[f"eligibility {a.id or '(no id)'}"])
    privileged_groups = {h.via_groups[-1] for h in ctx.graph.holdings
                         if h.via_groups and ctx.roles.is_privileged(h.role_id)}
    for ga in ctx.tenant.group_assignments:
        if ga.kind.value == "eligible" and ga.end is None and ga.group_id in privileged_groups:
            res = ctx.resource(principal_id=ga.principal_id, object_id=ga.group_id,
                               object_label=ctx.tenant.principal_label(ga.group_id), object_kind="group",
                               detail=ga.access)
            yield ctx.fail(res, f"{res.principal} is an eligible {ga.access} of privileged group {res.object} "
                                "without an end date",
                           expected="an eligibility with an end date", actual="endDateTime null")
