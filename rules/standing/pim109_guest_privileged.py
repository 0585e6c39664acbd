"""Guest holding a privileged role.

## What it checks
Every user with `userType` Guest, or `#EXT#` in the UPN, who holds a privileged role in any way
(active or eligible, directly, through a group or PIM for Groups) fails.

## Example
`partner_fabrikam.com#EXT#@contoso.onmicrosoft.com` eligible for Exchange Administrator fails;
the same person given a member account of the tenant passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule


@rule(
    id="PIM109",
    name="guest-privileged",
    title="No guest account holds a privileged role",
    severity=Severity.HIGH,
    category="standing-access",
    requires=("users",),
    rationale=(
        "A guest authenticates at its home tenant: its password policy, MFA, device rules and offboarding are "
        "outside your control, and your Conditional Access sees only part of it. A privileged role on a guest "
        "hands tenant power to another organisation's security posture."
    ),
    remediation=(
        "Remove the role from the guest (PIM > Microsoft Entra roles > Assignments). If the partner needs "
        "administrative access, create a member admin account in your tenant under your MFA and CA policies, "
        "or use Granular Delegated Admin Privileges (GDAP) for service providers."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/security-planning",
        "NIST SP 800-53 AC-6(5)",
        "NIST CSF 2.0 PR.AA-05",
        "MITRE ATT&CK T1199",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each guest holding a privileged role."""
    for user_id in ctx.privileged_user_ids():
        user = ctx.user(user_id)
        if user is None or not user.is_guest:
            continue
        roles = sorted(ctx.roles.name(r) for r in ctx.graph.roles_of(user_id) if ctx.roles.is_privileged(r))
        yield ctx.fail(ctx.resource(principal_id=user_id), f"guest {user.label} holds {', '.join(roles)}",
                       expected="a member account of this tenant",
                       actual=f"userType {user.user_type or '?'}", evidence=roles)
