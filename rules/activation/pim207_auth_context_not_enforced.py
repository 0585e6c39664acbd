"""Activation demands an authentication context that no enforced policy backs.

## What it checks
For every privileged role whose PIM policy enables `AuthenticationContext_EndUser_Assignment`
with a claim value (e.g. `c1`): some enforced (enabled, not report-only) Conditional Access policy
must target that authentication context and require MFA or an authentication strength. Each user
eligible for the role (who activates it; standing holders do not) must be in that policy's scope — included (all users, directly, by group or
by role) and not excluded. Otherwise PIM's fallback MFA is skipped and activation asks for nothing.

## Example
Global Administrator activation requiring context `c1` with no CA policy for `c1` fails; an
enabled policy "PIM activation" for All users on context `c1` requiring phishing-resistant MFA
passes, unless it excludes an eligible Global Administrator, who then fails.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint import conditional_access as ca
from pimlint.engine import Finding, Resource, RuleContext, Severity, rule
from pimlint.model import AuthContextRule, RolePolicy
from pimlint.model.policies import ACTIVATION_AUTH_CONTEXT
from pimlint.queries import ca_directory
from pimlint.rulekit import role_policy_findings


@rule(
    id="PIM207",
    name="auth-context-not-enforced",
    title="Authentication contexts required on activation are enforced by Conditional Access for every eligible user",
    severity=Severity.HIGH,
    category="activation-controls",
    requires=("conditionalAccessPolicies",),
    rationale=(
        "When PIM demands an authentication context, it relies on Conditional Access to challenge the user "
        "and no longer asks for MFA itself. If the matching CA policy is off, report-only, grants without MFA "
        "or excludes the eligible user, activation silently demands nothing at all."
    ),
    remediation=(
        "Entra admin center > Protection > Conditional Access > New policy: Users > All users (exclude only "
        "break-glass accounts); Target resources > Authentication context > the context PIM uses; Grant > "
        "Require authentication strength (Phishing-resistant MFA); enable. Graph: POST "
        "/identity/conditionalAccess/policies with conditions.applications."
        "includeAuthenticationContextClassReferences [\"c1\"]."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps",
        "NIST SP 800-53 IA-2(1)",
        "NIST CSF 2.0 PR.AA-03",
        "MITRE ATT&CK T1078.004",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each auth-context role without an enforcing policy, and each eligible user it misses."""
    directory = ca_directory(ctx)

    def judge(role_id: str, res: Resource, policy: RolePolicy, context: AuthContextRule) -> Iterator[Finding]:
        claim = (context.claim_value or "").lower()
        enforcing = [p for p in ca.enforced(ctx.tenant)
                     if claim and claim in p.include_auth_contexts and ca.requires_mfa(p, ctx.tenant)]
        if not enforcing:
            yield ctx.fail(res, f"{res.role} activation requires authentication context {claim or '(none)'} "
                                "but no enforced CA policy demands MFA for it",
                           expected=f"an enabled CA policy on context {claim or '?'} requiring MFA or a strength",
                           actual="none", evidence=[f"policy {policy.id} rule {ACTIVATION_AUTH_CONTEXT}"])
            return
        missed = 0
        eligible = sorted({h.principal_id for h in ctx.graph.by_role.get(role_id, ())
                           if h.principal_kind == "user" and not h.active})
        for user_id in eligible:
            reaches = [directory.reach(p, user_id) for p in enforcing]
            if any(r.applies for r in reaches):
                continue
            missed += 1
            why = "; ".join(f"excluded ({r.excluded})" if r.excluded else "not included" for r in reaches)
            who = ctx.resource(principal_id=user_id, role_id=role_id, policy_id=policy.id)
            yield ctx.fail(who, f"{who.principal} can activate {res.role} without the {claim} challenge",
                           expected=f"in scope of {ca.label(enforcing[0])}", actual=why)
        if not missed:
            yield ctx.passed(res, f"{res.role}: context {claim} enforced by {ca.label(enforcing[0])}")

    yield from role_policy_findings(ctx, _enabled_context, judge, missing=None, detail=ACTIVATION_AUTH_CONTEXT)


def _enabled_context(policy: RolePolicy) -> AuthContextRule | None:
    """The activation authentication context rule, when it is enabled."""
    context = policy.activation_auth_context
    return context if context is not None and context.is_enabled else None
