"""Cases of the standing-access rules PIM102–PIM110."""

from __future__ import annotations

from pimlint.levels import Status
from tests.builders import EXCHANGE_ADMIN, GA, HELPDESK_ADMIN, PRA, TenantBuilder, hardened
from tests.rules.casebase import UPN, Case, _with


def _direct_pra(t: TenantBuilder) -> None:
    t.direct_assignment(t.user("dave"), PRA)


def _ga_without_start(t: TenantBuilder) -> None:
    t.active(t.user("dave"), GA, start=None)


def _direct_helpdesk(t: TenantBuilder) -> None:
    t.direct_assignment(t.user("dave"), HELPDESK_ADMIN)


def _more_gas(t: TenantBuilder) -> None:
    for name in ("ga-x", "ga-y"):
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
    Case("PIM104", "3 GAs among 14 privileged users", hardened, Status.PASS),
    Case("PIM104", "5 GAs among 16 privileged users (31 %)", _with(_more_gas), Status.FAIL,
         ((None, "Global Administrator"),)),
    Case("PIM104", "3 GAs, 1 narrower admin", _with(_no_tier1), Status.FAIL, ((None, "Global Administrator"),)),
    Case("PIM104", "scuba counts only its eight roles", hardened, Status.FAIL, ((None, "Global Administrator"),),
         settings={"profile": "scuba"}),
    Case("PIM104", "scuba: as many narrower admins as GAs", _with(_exchange_admins), Status.PASS,
         settings={"profile": "scuba"}),
    Case("PIM104", "no eligibilities exported", _with(lambda t: t.drop("roleEligibilityScheduleInstances")),
         Status.NOT_EVALUATED),
)
