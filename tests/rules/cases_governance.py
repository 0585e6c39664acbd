"""Cases of the alert and governance rules PIM701–PIM706."""

from __future__ import annotations

from pimlint.levels import Status
from tests.builders import EXCHANGE_ADMIN, GA, PRA, hardened
from tests.rules.casebase import Case, _with

NO_POLICIES = ("roleManagementPolicies", "roleManagementPolicyAssignments")
SILENT = {"notify_default": False, "recipients": ()}
EXCHANGE_SETTINGS = {"ticket": False, "approval": False, "approvers": (), "duration": "PT4H"}

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
    Case("PIM703", "no policies exported", _with(lambda t: t.drop(*NO_POLICIES)), Status.NOT_EVALUATED),
)
