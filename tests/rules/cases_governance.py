"""Cases of the alert and governance rules PIM701–PIM706."""

from __future__ import annotations

from pimlint.levels import Status
from tests.builders import EXCHANGE_ADMIN, GA, PRA, TenantBuilder, hardened
from tests.rules.casebase import Case, _with

NO_POLICIES = ("roleManagementPolicies", "roleManagementPolicyAssignments")
SILENT = {"notify_default": False, "recipients": ()}
EXCHANGE_SETTINGS = {"ticket": False, "approval": False, "approvers": (), "duration": "PT4H"}



def _drop_rule(t: TenantBuilder, role: str, rule_id: str) -> None:
    """Remove one rule from a role's PIM policy."""
    policy_id = next(a["policyId"] for a in t.sections["roleManagementPolicyAssignments"]
                     if a["scopeType"] == "DirectoryRole" and a["roleDefinitionId"] == role)
    policy = next(p for p in t.sections["roleManagementPolicies"] if p["id"] == policy_id)
    policy["rules"] = [r for r in policy["rules"] if r["id"] != rule_id]


CASES: tuple[Case, ...] = (
    # PIM701 assignment-alerts-missing
    Case("PIM701", "every assignment alert reaches someone", hardened, Status.PASS),
    Case("PIM701", "GA assignment alerts reach nobody", _with(lambda t: t.policy(GA, **SILENT)), Status.FAIL,
         ((None, "Global Administrator"), (None, "Global Administrator"))),
    Case("PIM701", "scuba needs explicit recipients", _with(lambda t: t.policy(GA, recipients=())), Status.FAIL,
         ((None, "Global Administrator"), (None, "Global Administrator")), settings={"profile": "scuba"}),
    Case("PIM701", "default recipients suffice by default", _with(lambda t: t.policy(GA, recipients=())),
         Status.PASS),
    Case("PIM701", "no policies exported", _with(lambda t: t.drop(*NO_POLICIES)), Status.NOT_EVALUATED),
    # PIM702 critical-activation-alerts-missing
    Case("PIM702", "critical activation alerts reach someone", hardened, Status.PASS),
    Case("PIM702", "PRA activation alerts reach nobody", _with(lambda t: t.policy(PRA, **SILENT)), Status.FAIL,
         ((None, "Privileged Role Administrator"),)),
    Case("PIM702", "no policies exported", _with(lambda t: t.drop(*NO_POLICIES)), Status.NOT_EVALUATED),
    # PIM703 activation-alerts-missing
    Case("PIM703", "privileged activation alerts reach someone", hardened, Status.PASS),
    Case("PIM703", "Exchange Administrator activation alerts reach nobody",
         _with(lambda t: t.policy(EXCHANGE_ADMIN, **EXCHANGE_SETTINGS, **SILENT)), Status.FAIL,
         ((None, "Exchange Administrator"),)),
    Case("PIM703", "a silent critical role is PIM702's", _with(lambda t: t.policy(PRA, **SILENT)), Status.PASS),
    Case("PIM703", "scuba: Privileged Role Administrator needs an explicit recipient",
         _with(lambda t: t.policy(PRA, recipients=())), Status.FAIL, ((None, "Privileged Role Administrator"),),
         settings={"profile": "scuba"}),
    Case("PIM703", "scuba: a role policy without the alert rule counts as compliant",
         _with(lambda t: _drop_rule(t, EXCHANGE_ADMIN, "Notification_Admin_EndUser_Assignment")), Status.PASS,
         settings={"profile": "scuba"}),
    Case("PIM703", "no policies exported", _with(lambda t: t.drop(*NO_POLICIES)), Status.NOT_EVALUATED),
)

ROLE_NAMES = ("Global Administrator", "Privileged Role Administrator")
"""The critical roles the golden tenant's users hold."""


def _yearly_ga_review(t: TenantBuilder) -> None:
    t.sections["accessReviewDefinitions"] = [r for r in t.sections["accessReviewDefinitions"]
                                             if not r["scope"]["query"].endswith(GA)]
    t.access_review(GA, pattern="absoluteYearly", interval=1)


def _no_pim_owner(t: TenantBuilder) -> None:
    t.sections["roleEligibilityScheduleInstances"] = [
        e for e in t.sections["roleEligibilityScheduleInstances"] if e["roleDefinitionId"] != PRA]


def _p1_only(t: TenantBuilder) -> None:
    for sku in t.sections["subscribedSkus"]:
        sku["servicePlans"] = [p for p in sku["servicePlans"] if p["servicePlanName"] != "AAD_PREMIUM_P2"]


GOVERNANCE_MORE: tuple[Case, ...] = (
    # PIM704 no-privileged-access-review
    Case("PIM704", "quarterly reviews of the critical roles", hardened, Status.PASS),
    Case("PIM704", "GA reviewed only yearly", _with(_yearly_ga_review), Status.FAIL,
         ((None, "Global Administrator"),)),
    Case("PIM704", "strict: monthly reviews", hardened, Status.FAIL, tuple((None, r) for r in ROLE_NAMES),
         settings={"profile": "strict"}),
    Case("PIM704", "completed reviews do not count", _with(lambda t: [
        r.update(status="Completed") for r in t.sections["accessReviewDefinitions"]]), Status.FAIL,
         tuple((None, r) for r in ROLE_NAMES)),
    Case("PIM704", "no access reviews exported", _with(lambda t: t.drop("accessReviewDefinitions")),
         Status.NOT_EVALUATED),
    # PIM705 no-pim-owner
    Case("PIM705", "a dedicated Privileged Role Administrator", hardened, Status.PASS),
    Case("PIM705", "only Global Administrators", _with(_no_pim_owner), Status.FAIL,
         ((None, "Privileged Role Administrator"),)),
    Case("PIM705", "no eligibilities exported", _with(lambda t: t.drop("roleEligibilityScheduleInstances")),
         Status.NOT_EVALUATED),
    # PIM706 no-pim-license
    Case("PIM706", "E3 plus Entra ID P2", hardened, Status.PASS),
    Case("PIM706", "no P2 service plan", _with(_p1_only), Status.FAIL, ((None, None),)),
    Case("PIM706", "no SKUs exported", _with(lambda t: t.drop("subscribedSkus")), Status.NOT_EVALUATED),
)
CASES = CASES + GOVERNANCE_MORE
