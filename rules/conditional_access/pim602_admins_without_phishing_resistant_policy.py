"""No Conditional Access policy demands phishing-resistant MFA from the critical roles.

## What it checks
Looks for enforced (enabled, not report-only) policies on all cloud apps (none excluded but the
apps in `allowed-app-exclusions`), without platform, location, risk or device conditions (with
`ignore-conditions`, whatever their conditions), whose grant requires an authentication strength
made only of phishing-resistant combinations (Windows Hello for Business, FIDO2, certificate MFA);
client app types are not considered. Each target role must be included — by role or through All
users — and not excluded. The target roles are `roles`; when it is empty, with `listed-roles` the
privileged roles the export lists (its role definitions marked privileged, leaving out Microsoft
built-in roles outside CISA's eight; CISA's eight when the export defines no role), else the
critical roles. With `single-policy` one policy must name every target role in `includeRoles`;
with `strict-exclusions` a policy that excludes a role, a user or group other than break-glass
accounts and `allowed-exclusions`, or a guest or external user type not in
`allowed-guest-exclusions`, does not count.

Profile `scuba` (CISA SCuBA MS.AAD.3.6, as ScubaGear evaluates it): `listed-roles`,
`single-policy`, `strict-exclusions` and `ignore-conditions` on — one enabled policy on all apps
with a phishing-resistant strength must include every role the export lists, whatever its risk,
platform, location or client-app conditions. ScubaGear's `CapExclusions` map onto the allow-lists
(`Users`/`Groups` → `allowed-exclusions`, `Applications` → `allowed-app-exclusions`,
`GuestUserTypes` → `allowed-guest-exclusions`), as `pimlint.scuba` translates them.

## Example
A policy "Admins phishing-resistant MFA" for the four critical roles with the built-in
Phishing-resistant MFA strength passes; if it is report-only, or uses the plain Multifactor
authentication strength, every critical role fails.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint import conditional_access as ca
from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import ca_directory, listed_roles, option_roles, permitted_exclusions


@rule(
    id="PIM602",
    name="admins-without-phishing-resistant-policy",
    title="An enforced Conditional Access policy requires phishing-resistant MFA for the critical roles",
    severity=Severity.HIGH,
    category="authentication",
    requires=("conditionalAccessPolicies",),
    options={"roles": [], "listed-roles": False, "single-policy": False, "strict-exclusions": False,
             "ignore-conditions": False, "allowed-exclusions": [], "allowed-app-exclusions": [],
             "allowed-guest-exclusions": []},
    profiles={"scuba": {"listed-roles": True, "single-policy": True, "strict-exclusions": True,
                        "ignore-conditions": True}},
    rationale=(
        "Adversary-in-the-middle phishing kits relay passwords and one-time codes and steal the session, so "
        "push, SMS and OTP MFA do not stop them. Only FIDO2 keys, passkeys, Windows Hello for Business and "
        "certificates are bound to the real sign-in origin — the protection the accounts that control the "
        "tenant need."
    ),
    remediation=(
        "Entra admin center > Protection > Conditional Access > New policy: Users > Select directory roles "
        "(Global Administrator, Privileged Role Administrator, Privileged Authentication Administrator, ...), "
        "exclude the break-glass group; Target resources > All resources; Grant > Require authentication "
        "strength > Phishing-resistant MFA; enable the policy after a report-only trial. Graph: POST "
        "/identity/conditionalAccess/policies with grantControls.authenticationStrength.id "
        "00000000-0000-0000-0000-000000000004."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/conditional-access/policy-admin-phish-resistant-mfa",
        "CISA SCuBA MS.AAD.3.6v1",
        "CIS Microsoft 365 v7 5.2.2.5",
        "NIST SP 800-53 IA-2(6)",
        "NIST CSF 2.0 PR.AA-03",
        "MITRE ATT&CK T1557",
    ),
    tags=("scuba", "cis-m365"),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each target role no qualifying policy covers."""
    roles = sorted(option_roles(ctx, listed_roles(ctx) if ctx.option("listed-roles") else ctx.roles.critical))
    directory = ca_directory(ctx)
    permitted = permitted_exclusions(ctx)
    apps = frozenset(str(v).strip().lower() for v in ctx.option("allowed-app-exclusions"))
    guests = frozenset(str(v).strip().lower() for v in ctx.option("allowed-guest-exclusions"))
    any_conditions = bool(ctx.option("ignore-conditions"))
    qualifying = [
        p for p in ca.enforced(ctx.tenant)
        if ca.all_apps_except(p, apps) and (any_conditions or not p.has_other_conditions)
        and ca.requires_phishing_resistant(p, ctx.tenant)
        and not (ctx.option("strict-exclusions")
                 and (directory.unexpected_exclusions(p, permitted) or ca.unexpected_guest_types(p, guests)))
    ]
    names = [ca.label(p) for p in qualifying] or ["no enforced phishing-resistant policy on all apps"]
    if ctx.option("single-policy"):
        whole = [p for p in qualifying if set(roles) <= p.include_roles and not set(roles) & p.exclude_roles]
        res = ctx.resource(detail="single-policy")
        if whole:
            yield ctx.passed(res, f"{ca.label(whole[0])} requires phishing-resistant MFA for every target role")
        else:
            yield ctx.fail(res, "no single enforced policy requires phishing-resistant MFA for all target roles",
                           expected=f"one policy including {', '.join(ctx.roles.name(r) for r in roles)}",
                           actual="; ".join(names), evidence=names)
        return
    for role_id in roles:
        res = ctx.resource(role_id=role_id)
        covering = [p for p in qualifying if ca.covers_role(p, role_id)]
        if covering:
            yield ctx.passed(res, f"{res.role}: {ca.label(covering[0])} requires phishing-resistant MFA")
            continue
        yield ctx.fail(res, f"no enforced policy requires phishing-resistant MFA for {res.role}",
                       expected="an enforced policy on all apps with a phishing-resistant strength for the role",
                       actual="; ".join(names), evidence=names)
