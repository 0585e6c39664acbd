"""A privileged user is excluded from the admins' MFA policy.

## What it checks
Takes the admins' MFA policies (enforced, all apps, no narrowing condition, requiring MFA or a
strength — as PIM601). Every user holding a privileged role, break-glass accounts excepted, who is
targeted by one of them but excluded — directly, through a (nested) group or through an excluded
role — and not covered by another fails. Without any such policy the rule is `not_evaluated`
(PIM601 reports it).

## Example
`adm-alice` (eligible Global Administrator) in group `MFA-Exclusions`, excluded from
`CA001 All users MFA`, fails; the break-glass accounts excluded through `EmergencyAccess` do not.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint import conditional_access as ca
from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import admin_mfa_policies, ca_directory


@rule(
    id="PIM604",
    name="privileged-user-excluded-from-mfa",
    title="No privileged user is excluded from the admins' MFA policy",
    severity=Severity.HIGH,
    category="authentication",
    requires=("conditionalAccessPolicies",),
    rationale=(
        "Exclusions are where Conditional Access quietly fails: a 'temporary' exclusion group, a service "
        "account or an excluded role leaves that admin with password-only sign-in while the dashboard shows "
        "the MFA policy as on. Only break-glass accounts should be excluded, and they are monitored instead."
    ),
    remediation=(
        "Conditional Access > the MFA policy > Users > Exclude: remove the admin (or the group or role "
        "excluding them). If the account is an automation identity, replace it with a workload identity. "
        "Graph: PATCH /identity/conditionalAccess/policies/{id} conditions.users.excludeUsers/excludeGroups."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/conditional-access/policy-old-require-mfa-admin",
        "CIS Microsoft 365 v7 5.2.2.1",
        "NIST SP 800-53 IA-2(1)",
        "NIST CSF 2.0 PR.AA-03",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each privileged user excluded from every MFA policy that targets them."""
    policies = admin_mfa_policies(ctx)
    if not policies:
        yield ctx.not_evaluated("no enforced MFA policy on all apps exists (see PIM601)")
        return
    directory = ca_directory(ctx)
    for user_id in ctx.privileged_user_ids():
        if user_id in ctx.break_glass.user_ids or user_id not in ctx.tenant.users:
            continue
        res = ctx.resource(principal_id=user_id)
        reaches = [(p, directory.reach(p, user_id)) for p in policies]
        if any(r.applies for _, r in reaches):
            yield ctx.passed(res, f"{res.principal} is covered by an admin MFA policy")
            continue
        excluded = [f"{ca.label(p)}: excluded ({r.excluded})" for p, r in reaches if r.excluded]
        if any(r.unknown for _, r in reaches) and not excluded:
            yield ctx.not_evaluated(f"{res.principal}: group targets cannot be resolved without 'groups'", res)
        elif excluded:
            yield ctx.fail(res, f"{res.principal} holds a privileged role but is excluded from the admins' MFA policy",
                           expected="in scope of an admin MFA policy", actual="; ".join(excluded), evidence=excluded)
