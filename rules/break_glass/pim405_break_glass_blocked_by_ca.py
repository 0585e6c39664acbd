"""Conditional Access can block or challenge a break-glass account.

## What it checks
For each declared break-glass account and each enforced (enabled, not report-only) Conditional
Access policy that blocks or demands a grant control (MFA, a strength, a compliant device, terms
of use…) and targets cloud apps: the account must not be in the policy's scope — it must be
excluded directly or through a group (nested groups and active PIM-for-Groups memberships count),
or not be targeted at all. Report-only policies need no exclusion. When the export lacks `groups`
to resolve an excluded group, that pair is `not_evaluated`.

## Example
`CA001 All users MFA` excluding group `EmergencyAccess` (with `bg-01`, `bg-02`) passes; a new
enabled policy for All users requiring a compliant device with no exclusion fails for both.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint import conditional_access as ca
from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.model import User
from pimlint.queries import ca_directory
from pimlint.rulekit import break_glass_findings


@rule(
    id="PIM405",
    name="break-glass-blocked-by-ca",
    title="No enforced Conditional Access policy blocks or challenges a break-glass account",
    severity=Severity.HIGH,
    category="break-glass",
    requires=("conditionalAccessPolicies",),
    rationale=(
        "Emergency accounts exist for the day Conditional Access itself locks everyone out — a misconfigured "
        "policy, an MFA outage, an unreachable device compliance service. A blocking or MFA-demanding policy "
        "that reaches them turns the last way in into one more locked door."
    ),
    remediation=(
        "Put the break-glass accounts in a dedicated group (e.g. EmergencyAccess) and exclude it from every "
        "policy that blocks or requires grant controls: Conditional Access > policy > Users > Exclude > "
        "Users and groups. Graph: PATCH /identity/conditionalAccess/policies/{id} adding the group to "
        "conditions.users.excludeGroups. Monitor break-glass sign-ins instead."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access",
        "CIS Microsoft 365 v7 1.1.2",
        "NIST SP 800-53 CP-2",
        "NIST CSF 2.0 RC.RP-01",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each (break-glass account, restricting policy) pair where the policy applies."""
    directory = ca_directory(ctx)
    restricting = [p for p in ca.enforced(ctx.tenant) if ca.restricts(p, ctx.tenant) and p.include_applications]

    def judge(user: User) -> Iterator[Finding]:
        clear = True
        for policy in restricting:
            reach = directory.reach(policy, user.id)
            res = ctx.resource(principal_id=user.id, policy_id=policy.id)
            if reach.unknown:
                clear = False
                yield ctx.not_evaluated(f"{res.principal}: group exclusions of {ca.label(policy)} cannot be resolved "
                                        "without 'groups'", res)
            elif reach.applies:
                clear = False
                controls = sorted(policy.built_in_controls) + (["authentication strength"]
                                                               if ca.strength(policy, ctx.tenant) else [])
                yield ctx.fail(res, f"{ca.label(policy)} applies to break-glass account {res.principal}",
                               expected="break-glass account excluded (directly or by group)",
                               actual=f"included as {reach.included}; grant {', '.join(controls)}")
        if clear:
            yield ctx.passed(ctx.resource(principal_id=user.id),
                             f"{ctx.tenant.principal_label(user.id)} is excluded from every restricting policy")

    yield from break_glass_findings(ctx, judge)
