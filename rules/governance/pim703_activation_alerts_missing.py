"""Nobody is told when a privileged (non-critical) role is activated.

## What it checks
As PIM702, for the privileged roles that are not critical (or each role in `roles`; with
`listed-roles`, every privileged role the export lists — its role definitions marked privileged,
leaving out Microsoft built-in roles outside CISA's eight, or CISA's eight when it defines no
role), less the roles in `except-roles`: the `Notification_Admin_EndUser_Assignment` rule of the
role policy and of the member policy of every PIM-for-Groups group that holds the role must reach
someone (with `require-recipients`, list an explicit recipient). A role without a policy, or a
policy without the rule, is `not_evaluated` — with `missing-is-compliant`, passed.

Profile `scuba` (CISA SCuBA MS.AAD.7.9, as ScubaGear evaluates it): `listed-roles`,
`except-roles` Global Administrator (its alerts are MS.AAD.7.8), `require-recipients` and
`missing-is-compliant` — every listed role but Global Administrator, Privileged Role
Administrator included, needs an explicit recipient wherever the export has the rule.

## Example
Exchange Administrator with activation alerts sent to nobody fails; default recipients on passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import listed_roles, notification_findings, option_roles

RULE_IDS = ("Notification_Admin_EndUser_Assignment",)


@rule(
    id="PIM703",
    name="activation-alerts-missing",
    title="Every activation of a privileged role notifies an administrator",
    severity=Severity.LOW,
    category="governance",
    options={"roles": [], "listed-roles": False, "except-roles": [], "require-recipients": False,
             "missing-is-compliant": False},
    profiles={"scuba": {"listed-roles": True, "except-roles": ["Global Administrator"], "require-recipients": True,
                        "missing-is-compliant": True}},
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
    excepted = option_roles(ctx, frozenset(), "except-roles")
    missing_compliant = bool(ctx.option("missing-is-compliant"))
    if named or ctx.option("listed-roles"):
        roles = named or listed_roles(ctx)
        yield from notification_findings(ctx, roles - excepted, None, RULE_IDS, "activation",
                                         missing_compliant=missing_compliant)
    else:
        keep = ctx.roles.privileged - ctx.roles.critical - excepted
        yield from notification_findings(ctx, None, keep, RULE_IDS, "activation", missing_compliant=missing_compliant)
