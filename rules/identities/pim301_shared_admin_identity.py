"""Privileged role held by a daily-use account.

## What it checks
Every user who holds a privileged role (active or eligible, directly or through groups), except
declared break-glass accounts, must be a dedicated admin account: no licence that carries a
mailbox, SharePoint/OneDrive or Teams service plan (plans disabled on the user's licence do not
count; `subscribedSkus` resolves SKUs, a table of well-known productivity SKUs is the fallback),
and no successful sign-in to Outlook, Teams, SharePoint, OneDrive or Office apps in `signIns`.
A user whose licences cannot be resolved and who shows no such sign-in is `not_evaluated`.

## Example
An Exchange Administrator eligible user licensed with Microsoft 365 E3 (EXCHANGE_S_ENTERPRISE
enabled) fails; a separate unlicensed `adm-` account passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import productivity_evidence


@rule(
    id="PIM301",
    name="shared-admin-identity",
    title="Privileged roles are held by dedicated admin accounts, not daily-use identities",
    severity=Severity.HIGH,
    category="identities",
    requires=("users",),
    rationale=(
        "A mailbox, Teams chat and document access are where phishing, malicious attachments and consent "
        "lures arrive. When the same identity also holds an admin role, one click in the inbox is a tenant "
        "compromise. Separate, unlicensed cloud-only admin accounts keep the daily attack surface away from "
        "privilege."
    ),
    remediation=(
        "Create a separate cloud-only admin account (e.g. adm-alice@contoso.onmicrosoft.com) without "
        "productivity licences, move the role assignment or eligibility to it, and remove the role from the "
        "daily-use account. To strip licences from an admin account: Microsoft 365 admin center > Users > "
        "Licenses and apps, or Graph POST /users/{id}/assignLicense with removeLicenses."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/security-planning",
        "CIS Microsoft 365 v7 1.1.1",
        "NIST SP 800-53 AC-6(2)",
        "NIST CSF 2.0 PR.AA-05",
        "MITRE ATT&CK T1566",
    ),
    tags=("cis-m365",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each privileged user who is also licensed or used for daily work."""
    for user_id in ctx.privileged_user_ids():
        user = ctx.user(user_id)
        if user is None or user_id in ctx.break_glass.user_ids:
            continue
        roles = [ctx.roles.name(r) for r in ctx.graph.roles_of(user_id) if ctx.roles.is_privileged(r)]
        res = ctx.resource(principal_id=user_id)
        evidence, judged = productivity_evidence(ctx, user)
        if evidence:
            yield ctx.fail(
                res,
                f"{user.label} holds {', '.join(roles)} and is also a daily-use account",
                expected="a dedicated admin account without productivity licences or app use",
                actual="; ".join(evidence),
                evidence=evidence,
            )
        elif not judged:
            yield ctx.not_evaluated(
                f"{user.label}: licences cannot be resolved (no subscribedSkus section) and no sign-ins show daily use",
                res,
            )
        else:
            yield ctx.passed(res, f"{user.label} is a dedicated admin account")
