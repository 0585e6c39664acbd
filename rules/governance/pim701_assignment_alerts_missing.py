"""Nobody is told when someone is made eligible for, or assigned, a privileged role.

## What it checks
For each privileged role (or each role in `roles`) — its directory-role policy and the member
policy of every PIM-for-Groups group that holds it — the rules `Notification_Admin_Admin_Assignment`
and `Notification_Admin_Admin_Eligibility` must reach someone: default recipients on, or at least
one additional recipient. With `require-recipients` (profile `scuba`, CISA SCuBA MS.AAD.7.7) an
additional recipient is required. A role or rule missing from the export is `not_evaluated`.

## Example
Global Administrator with default recipients off and no additional recipients on
`Notification_Admin_Admin_Eligibility` fails; with `secops@contoso.com` listed it passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import SCUBA_ROLES, notification_findings, option_roles

RULE_IDS = ("Notification_Admin_Admin_Assignment", "Notification_Admin_Admin_Eligibility")


@rule(
    id="PIM701",
    name="assignment-alerts-missing",
    title="New eligible and active assignments of privileged roles notify an administrator",
    severity=Severity.MEDIUM,
    category="governance",
    options={"roles": [], "require-recipients": False},
    profiles={"scuba": {"roles": list(SCUBA_ROLES), "require-recipients": True}},
    rationale=(
        "Granting a privileged role is the classic persistence step of an intruder (and a common mistake of "
        "busy admins). A notification to a monitored mailbox is the cheapest detective control: without it, a "
        "new Global Administrator eligibility goes unnoticed until the next access review."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Settings > select the role > Edit > Notification: under 'Send "
        "notifications when members are assigned as eligible to this role' and '... assigned as active', "
        "Role assignment alert: keep Default recipients on and add a monitored mailbox (e.g. the SOC). Graph: "
        "PATCH /policies/roleManagementPolicies/{id}/rules/Notification_Admin_Admin_Eligibility (and "
        "_Assignment) with isDefaultRecipientsEnabled true and notificationRecipients."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "CISA SCuBA MS.AAD.7.7v1",
        "NIST SP 800-53 AC-2(4)",
        "NIST CSF 2.0 DE.CM-03",
        "MITRE ATT&CK T1098.003",
    ),
    tags=("scuba",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each assignment-notification rule that reaches nobody."""
    roles = option_roles(ctx, ctx.roles.privileged)
    yield from notification_findings(ctx, None if roles == ctx.roles.privileged else roles, None, RULE_IDS,
                                     "assignment")
