"""Privileged role held by an account synchronised from on-premises.

## What it checks
Every user who holds a privileged role (or a role in `roles`) — active or eligible, directly or
through groups — must be cloud-only. `signal` chooses the evidence of synchronisation: `any`
(`onPremisesSyncEnabled` true or an `onPremisesImmutableId`), `immutable-id` (CISA SCuBA
MS.AAD.7.3) or `sync-enabled` (CIS, Maester, Prowler).

## Example
An eligible Global Administrator with `onPremisesSyncEnabled: true` fails; a cloud-only
`adm-` account on the `onmicrosoft.com` domain passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.model import User
from pimlint.queries import SCUBA_ROLES, option_roles


def _synced(user: User, signal: str) -> bool:
    if signal == "immutable-id":
        return bool(user.on_premises_immutable_id)
    if signal == "sync-enabled":
        return bool(user.on_premises_sync_enabled)
    return user.is_synced


@rule(
    id="PIM302",
    name="synced-privileged-account",
    title="Privileged roles are held only by cloud-only accounts",
    severity=Severity.HIGH,
    category="identities",
    requires=("users",),
    options={"roles": [], "signal": "any"},
    profiles={"scuba": {"roles": list(SCUBA_ROLES), "signal": "immutable-id"}},
    rationale=(
        "A synchronised account is controlled from on-premises Active Directory: whoever compromises AD, the "
        "sync server or a domain admin can reset its password or take it over and walk into the cloud tenant "
        "with its role. Cloud-only admin accounts keep an on-premises breach from becoming a tenant takeover."
    ),
    remediation=(
        "Create a cloud-only admin account (UPN on the *.onmicrosoft.com domain, not synchronised), make it "
        "eligible for the role in PIM and remove the role from the synchronised account. Graph: POST /users, "
        "then POST /roleManagement/directory/roleEligibilityScheduleRequests for the new account and "
        "adminRemove for the old one."
    ),
    references=(
        "https://learn.microsoft.com/entra/architecture/protect-m365-from-on-premises-attacks",
        "CISA SCuBA MS.AAD.7.3v1",
        "CIS Microsoft 365 v7 1.1.1",
        "NIST SP 800-53 AC-6(5)",
        "NIST CSF 2.0 PR.AA-01",
        "MITRE ATT&CK T1078.002",
    ),
    tags=("scuba", "cis-m365"),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each synchronised user holding a privileged role."""
    roles = option_roles(ctx, ctx.roles.privileged)
    signal = str(ctx.option("signal"))
    holders = sorted({h.principal_id for h in ctx.graph.holdings if h.principal_kind == "user" and h.role_id in roles})
    for user_id in holders:
        user = ctx.tenant.users[user_id]
        held = sorted(ctx.roles.name(r) for r in ctx.graph.roles_of(user_id) if r in roles)
        res = ctx.resource(principal_id=user_id)
        if not _synced(user, signal):
            yield ctx.passed(res, f"{user.label} is cloud-only")
            continue
        yield ctx.fail(
            res,
            f"{user.label} holds {', '.join(held)} and is synchronised from on-premises",
            expected="a cloud-only account",
            actual=f"onPremisesSyncEnabled {user.on_premises_sync_enabled}, "
                   f"onPremisesImmutableId {'set' if user.on_premises_immutable_id else 'null'}",
        )
