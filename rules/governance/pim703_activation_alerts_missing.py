"""Nobody is told when a privileged (non-critical) role is activated.

## What it checks
As PIM702, for the privileged roles that are not critical (or each role in `roles`; profile
`scuba`: the seven CISA highly privileged roles other than Global Administrator, MS.AAD.7.9): the
`Notification_Admin_EndUser_Assignment` rule of the role policy and of the member policy of every
PIM-for-Groups group that holds the role must reach someone.

## Example
Exchange Administrator with activation alerts sent to nobody fails; default recipients on passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import SCUBA_ROLES, notification_findings, option_roles

RULE_IDS = ("Notification_Admin_EndUser_Assignment",)


@rule(
    id="PIM703",
    name="activation-alerts-missing",
    title="Every activation of a privileged role notifies an administrator",
    severity=Severity.LOW,
    category="governance",
    options={"roles": [], "require-recipients": False},
    profiles={"scuba": {"roles": [r for r in SCUBA_ROLES if r != "Global Administrator"], "require-recipients": True}},
    rationale=(
        "Exchange, SharePoint, User or Application Administrator activations are more frequent than tier-0 ones "
        "but still grant broad power over mail, data and identities. An alert to a dedicated mailbox lets "
        "someone spot an activation nobody expected."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Settings > select the role > Edit > Notification: Role activation "
        "alert — keep default recipients on and add a monitored mailbox. Graph: PATCH "
        "/policies/roleManagementPolicies/{id}/rules/Notification_Admin_EndUser_Assignment."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "CISA SCuBA MS.AAD.7.9v1",
        "NIST SP 800-53 AU-6",
        "NIST CSF 2.0 DE.CM-03",
    ),
    tags=("scuba",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each non-critical privileged role whose activation alert reaches nobody."""
    named = option_roles(ctx, frozenset())
    if named:
        yield from notification_findings(ctx, named, None, RULE_IDS, "activation")
    else:
        keep = ctx.roles.privileged - ctx.roles.critical
        yield from notification_findings(ctx, None, keep, RULE_IDS, "activation")
