"""Cases of the standing-access rules PIM102–PIM110."""

from __future__ import annotations

from pimlint.levels import Status
from tests.builders import EXCHANGE_ADMIN, GA, HELPDESK_ADMIN, PRA, USER_ADMIN, TenantBuilder, hardened
from tests.rules.casebase import UPN, Case, _with


def _direct_pra(t: TenantBuilder) -> None:
    t.direct_assignment(t.user("dave"), PRA)


def _ga_without_start(t: TenantBuilder) -> None:
    t.active(t.user("dave"), GA, start=None)


def _direct_helpdesk(t: TenantBuilder) -> None:
    t.direct_assignment(t.user("dave"), HELPDESK_ADMIN)


def _more_gas(t: TenantBuilder) -> None:
    for name in ("ga-x", "ga-y", "ga-z"):
        t.eligible(t.user(name), GA)


def _no_tier1(t: TenantBuilder) -> None:
    t.sections["roleEligibilityScheduleInstances"] = [
        e for e in t.sections["roleEligibilityScheduleInstances"] if e["roleDefinitionId"] != HELPDESK_ADMIN]


def _exchange_admins(t: TenantBuilder) -> None:
    for name in ("adm-ex1", "adm-ex2"):
        t.eligible(t.user(name), EXCHANGE_ADMIN)


CASES: tuple[Case, ...] = (
    # PIM102 assigned-outside-pim
    Case("PIM102", "every assignment has a PIM schedule", hardened, Status.PASS),
    Case("PIM102", "roleAssignments row without instance", _with(_direct_pra), Status.FAIL,
         ((UPN("dave"), "Privileged Role Administrator"),)),
    Case("PIM102", "instance with startDateTime null", _with(_ga_without_start), Status.FAIL,
         ((UPN("dave"), "Global Administrator"),)),
    Case("PIM102", "scuba judges only its eight roles", _with(_direct_helpdesk), Status.PASS,
         settings={"profile": "scuba"}),
    Case("PIM102", "Helpdesk Administrator is privileged by default", _with(_direct_helpdesk), Status.FAIL,
         ((UPN("dave"), "Helpdesk Administrator"),)),
    Case("PIM102", "no instances exported", _with(lambda t: t.drop("roleAssignmentScheduleInstances")),
         Status.NOT_EVALUATED),
    # PIM104 global-admin-share
    Case("PIM104", "3 GAs among 15 privileged users", hardened, Status.PASS),
    Case("PIM104", "6 GAs among 18 privileged users (33 %)", _with(_more_gas), Status.FAIL,
         ((None, "Global Administrator"),)),
    Case("PIM104", "3 GAs, 1 narrower admin", _with(_no_tier1), Status.FAIL, ((None, "Global Administrator"),)),
    Case("PIM104", "scuba counts only its eight roles", hardened, Status.FAIL, ((None, "Global Administrator"),),
         settings={"profile": "scuba"}),
    Case("PIM104", "scuba: as many narrower admins as GAs", _with(_exchange_admins), Status.PASS,
         settings={"profile": "scuba"}),
    Case("PIM104", "no eligibilities exported", _with(lambda t: t.drop("roleEligibilityScheduleInstances")),
         Status.NOT_EVALUATED),
)


def _permanent_eligibility_policy(t: TenantBuilder) -> None:
    t.policy(GA, eligibility_expiry=False)


def _eligible_forever(t: TenantBuilder) -> None:
    t.eligible(t.user("erin"), PRA, end=None)


def _permanent_active_policy(t: TenantBuilder) -> None:
    t.policy(USER_ADMIN, assignment_expiry=False, ticket=False, approval=False, approvers=(), duration="PT4H")


def _many_assignments(t: TenantBuilder) -> None:
    for i in range(6):
        t.eligible(t.user(f"ex-{i}"), EXCHANGE_ADMIN)


def _sp_standing(t: TenantBuilder, role: str = PRA, end: str | None = None) -> None:
    t.active(t.service_principal("deploy-bot"), role, end=end)


def _guest_admin(t: TenantBuilder) -> None:
    t.eligible(t.user("partner_fabrikam.com#EXT#", guest=True), EXCHANGE_ADMIN)


def _stale_admin(t: TenantBuilder) -> None:
    t.eligible(t.user("adm-old", last_success="2026-03-01T00:00:00Z"), EXCHANGE_ADMIN)


def _disabled_admin(t: TenantBuilder) -> None:
    t.eligible(t.user("adm-gone", enabled=False), USER_ADMIN)


STANDING_MORE: tuple[Case, ...] = (
    # PIM105 permanent-eligibility
    Case("PIM105", "policies require expiry, eligibilities end", hardened, Status.PASS),
    Case("PIM105", "GA policy allows permanent eligibility", _with(_permanent_eligibility_policy), Status.FAIL,
         ((None, "Global Administrator"),)),
    Case("PIM105", "eligibility without end", _with(_eligible_forever), Status.FAIL,
         ((UPN("erin"), "Privileged Role Administrator"),)),
    Case("PIM105", "no eligibilities exported", _with(lambda t: t.drop("roleEligibilityScheduleInstances")),
         Status.NOT_EVALUATED),
    # PIM106 permanent-active-allowed
    Case("PIM106", "active assignments must expire", hardened, Status.PASS),
    Case("PIM106", "User Administrator allows permanent active", _with(_permanent_active_policy), Status.FAIL,
         ((None, "User Administrator"),)),
    Case("PIM106", "no policies exported", _with(lambda t: t.drop("roleManagementPolicies",
                                                                  "roleManagementPolicyAssignments")),
         Status.NOT_EVALUATED),
    # PIM107 too-many-privileged-assignments
    Case("PIM107", "six privileged assignments", hardened, Status.PASS),
    Case("PIM107", "twelve privileged assignments", _with(_many_assignments), Status.FAIL, ((None, None),)),
    Case("PIM107", "a higher limit from config", _with(_many_assignments), Status.PASS,
         settings={"rules": {"PIM107": {"max": 15}}}),
    Case("PIM107", "no instances exported", _with(lambda t: t.drop("roleAssignmentScheduleInstances")),
         Status.NOT_EVALUATED),
    # PIM108 service-principal-standing-privilege
    Case("PIM108", "no service principal holds a role", hardened, Status.PASS),
    Case("PIM108", "app permanently Privileged Role Administrator", _with(_sp_standing), Status.FAIL,
         (("deploy-bot", "Privileged Role Administrator"),)),
    Case("PIM108", "app time-bound Exchange Administrator",
         _with(lambda t: _sp_standing(t, EXCHANGE_ADMIN, "2026-12-01T00:00:00Z")), Status.PASS),
    Case("PIM108", "no service principals exported", _with(lambda t: t.drop("servicePrincipals")),
         Status.NOT_EVALUATED),
    # PIM109 guest-privileged
    Case("PIM109", "no guest admins", hardened, Status.PASS),
    Case("PIM109", "guest Exchange Administrator", _with(_guest_admin), Status.FAIL,
         ((UPN("partner_fabrikam.com#EXT#"), None),)),
    Case("PIM109", "no users exported", _with(lambda t: t.drop("users")), Status.NOT_EVALUATED),
    # PIM110 inactive-privileged-principal
    Case("PIM110", "every admin signed in recently", hardened, Status.PASS),
    Case("PIM110", "admin unseen for 264 days", _with(_stale_admin), Status.FAIL, ((UPN("adm-old"), None),)),
    Case("PIM110", "disabled admin", _with(_disabled_admin), Status.FAIL, ((UPN("adm-gone"), None),)),
    Case("PIM110", "a longer window from config", _with(_stale_admin), Status.PASS,
         settings={"rules": {"PIM110": {"stale-days": 365}}}),
    Case("PIM110", "no users exported", _with(lambda t: t.drop("users")), Status.NOT_EVALUATED),
)
CASES = CASES + STANDING_MORE
