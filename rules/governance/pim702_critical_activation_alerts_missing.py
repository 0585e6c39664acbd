"""Nobody is told when a critical role is activated.

## What it checks
For each critical role (or each role in `roles`; profile `scuba`: Global Administrator, CISA
SCuBA MS.AAD.7.8) — its directory-role policy and the member policy of every PIM-for-Groups group
that holds it — the rule `Notification_Admin_EndUser_Assignment` (alert on activation) must reach
someone: default recipients on or an additional recipient; with `require-recipients` an
additional recipient is required.

## Example
Privileged Role Administrator with activation alerts sent to nobody fails; with default
recipients on it passes (under `--profile scuba` an explicit mailbox is needed).
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import notification_findings, option_roles

RULE_IDS = ("Notification_Admin_EndUser_Assignment",)


@rule(
    id="PIM702",
    name="critical-activation-alerts-missing",
    title="Every activation of a critical role notifies an administrator",
    severity=Severity.MEDIUM,
    category="governance",
    options={"roles": [], "require-recipients": False},
    profiles={"scuba": {"roles": ["Global Administrator"], "require-recipients": True}},
    rationale=(
        "An activation of Global Administrator or Privileged Role Administrator is rare and decisive. If it "
        "alerts nobody, a compromised eligible account can activate, act and let the role expire without "
        "anyone looking — the activation log alone is read only after the damage."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Settings > select the role > Edit > Notification: 'Send notifications "
        "when eligible members activate this role', Role activation alert: add a monitored mailbox and keep "
        "default recipients on. Graph: PATCH /policies/roleManagementPolicies/{id}/rules/"
        "Notification_Admin_EndUser_Assignment with notificationRecipients."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "CISA SCuBA MS.AAD.7.8v1",
        "NIST SP 800-53 AU-6",
        "NIST CSF 2.0 DE.CM-03",
        "MITRE ATT&CK T1078.004",
    ),
    tags=("scuba",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each critical role whose activation alert reaches nobody."""
    roles = option_roles(ctx, ctx.roles.critical)
    yield from notification_findings(ctx, roles, None, RULE_IDS, "activation")
