"""Rule cases: the golden tenant with one mutation each, and the verdict it must produce.

The core rules' cases are here; the rest of the catalogue lives in ``cases_*.py`` modules, all
exported through the one ``CASES`` tuple.

Every rule of the pack needs at least one ``fail`` and one ``pass`` case here (test_catalog.py
checks that); rules that need a section also get a ``not_evaluated`` case with it dropped.
"""

from __future__ import annotations

from pimlint.levels import Status
from tests.builders import (
    EXCHANGE_ADMIN,
    GA,
    PRA,
    USER_ADMIN,
    TenantBuilder,
    gid,
    hardened,
)
from tests.rules.casebase import UPN, Case, _with
from tests.rules.cases_catalog import CATALOG_CASES
from tests.rules.cases_diagnostics import DIAGNOSTICS_CASES


def _standing_user(t: TenantBuilder) -> None:
    t.active(t.user("dave"), GA)


def _standing_group(t: TenantBuilder) -> None:
    group = t.group("GA-Admins", members=(t.user("erin"),))
    t.active(group, PRA)


def _time_bound_active(t: TenantBuilder) -> None:
    t.active(t.user("frank"), GA, end="2026-12-01T00:00:00Z")


def _activated(t: TenantBuilder) -> None:
    t.active(gid("adm-alice"), GA, end="2026-11-20T08:00:00Z", assignment_type="Activated")


def _many_gas(t: TenantBuilder) -> None:
    for i in range(3):
        t.eligible(t.user(f"ga-extra-{i}"), GA)


def _ga_via_nested_group(t: TenantBuilder) -> None:
    inner = t.group("inner", members=(t.user("nested-1"), t.user("nested-2")), role_assignable=False)
    outer = t.group("GA-Eligible", members=(inner,))
    t.eligible(outer, GA)


def _single_ga(t: TenantBuilder) -> None:
    t.sections["roleAssignmentScheduleInstances"] = []
    t.sections["roleEligibilityScheduleInstances"] = []
    t.eligible(gid("adm-alice"), GA)
    t.break_glass.clear()


def _ga_group_without_groups_section(t: TenantBuilder) -> None:
    _ga_via_nested_group(t)
    t.drop("groups")


CASES: tuple[Case, ...] = (
    # PIM101 standing-privileged-access
    Case("PIM101", "hardened tenant passes (break-glass GA exempt)", hardened, Status.PASS),
    Case("PIM101", "permanent active GA for a user", _with(_standing_user), Status.FAIL,
         ((UPN("dave"), "Global Administrator"),)),
    Case("PIM101", "permanent active PRA for a role-assignable group", _with(_standing_group), Status.FAIL,
         (("GA-Admins", "Privileged Role Administrator"),)),
    Case("PIM101", "time-bound active assignment is not standing", _with(_time_bound_active), Status.PASS),
    Case("PIM101", "a JIT activation is not standing", _with(_activated), Status.PASS),
    Case("PIM101", "break-glass not declared: its permanent GA fails", hardened, Status.FAIL,
         ((UPN("bg-01"), "Global Administrator"), (UPN("bg-02"), "Global Administrator")),
         settings={"break-glass": []}),
    Case("PIM101", "no instances exported", _with(lambda t: t.drop("roleAssignmentScheduleInstances")),
         Status.NOT_EVALUATED),
    # PIM103 global-admin-count
    Case("PIM103", "three GA holders", hardened, Status.PASS),
    Case("PIM103", "six GA holders", _with(_many_gas), Status.FAIL, ((None, "Global Administrator"),)),
    Case("PIM103", "six GA holders within the scuba range", _with(_many_gas), Status.PASS,
         settings={"profile": "scuba"}),
    Case("PIM103", "GA through a nested group counts its members", _with(_ga_via_nested_group), Status.FAIL,
         ((None, "Global Administrator"),)),
    Case("PIM103", "one GA holder", _with(_single_ga), Status.FAIL, ((None, "Global Administrator"),)),
    Case("PIM103", "custom range from config", _with(_many_gas), Status.PASS, settings={"rules": {"PIM103": {"max": 6}}}),
    Case("PIM103", "group holder but no groups section", _with(_ga_group_without_groups_section),
         Status.NOT_EVALUATED),
    Case("PIM103", "no eligibilities exported", _with(lambda t: t.drop("roleEligibilityScheduleInstances")),
         Status.NOT_EVALUATED),
    # PIM201 activation-without-mfa
    Case("PIM201", "every policy requires MFA", hardened, Status.PASS),
    Case("PIM201", "PRA activates without MFA", _with(lambda t: t.policy(PRA, mfa=False)), Status.FAIL,
         ((None, "Privileged Role Administrator"),)),
    Case("PIM201", "authentication context instead of MFA", _with(lambda t: t.policy(PRA, mfa=False, auth_context="c1")),
         Status.PASS),
    Case("PIM201", "no policies exported", _with(lambda t: t.drop("roleManagementPolicies", "roleManagementPolicyAssignments")),
         Status.NOT_EVALUATED),
    # PIM204 activation-without-approval
    Case("PIM204", "critical roles require approval", hardened, Status.PASS),
    Case("PIM204", "GA without approval", _with(lambda t: t.policy(GA, approval=False)), Status.FAIL,
         ((None, "Global Administrator"),)),
    Case("PIM204", "configured role list", _with(lambda t: t.policy(GA, approval=False)), Status.FAIL,
         ((None, "Exchange Administrator"), (None, "Global Administrator")),
         settings={"approval-required-roles": ["Global Administrator", "Exchange Administrator"]}),
    Case("PIM204", "no policies exported", _with(lambda t: t.drop("roleManagementPolicies", "roleManagementPolicyAssignments")),
         Status.NOT_EVALUATED),
    # PIM206 activation-too-long
    Case("PIM206", "activations of 2-4 h", hardened, Status.PASS),
    Case("PIM206", "GA activates for 8 h", _with(lambda t: t.policy(GA, duration="PT8H")), Status.FAIL,
         ((None, "Global Administrator"),)),
    Case("PIM206", "User Administrator for 1 day", _with(lambda t: t.policy(USER_ADMIN, duration="P1D")), Status.FAIL,
         ((None, "User Administrator"),)),
    Case("PIM206", "per-role allowance", _with(lambda t: t.policy(GA, duration="PT8H")), Status.PASS,
         settings={"rules": {"activation-too-long": {"per-role": {"Global Administrator": 8}}}}),
    Case("PIM206", "strict profile: critical roles 1 h", hardened, Status.FAIL,
         tuple((None, r) for r in ("Global Administrator", "Partner Tier2 Support",
                                   "Privileged Authentication Administrator", "Privileged Role Administrator")),
         settings={"profile": "strict"}),
    Case("PIM206", "no policies exported", _with(lambda t: t.drop("roleManagementPolicies", "roleManagementPolicyAssignments")),
         Status.NOT_EVALUATED),
    # PIM301 shared-admin-identity
    Case("PIM301", "dedicated admin accounts", hardened, Status.PASS),
    Case("PIM301", "licensed admin", _with(lambda t: t.eligible(gid("carol"), EXCHANGE_ADMIN)), Status.FAIL,
         ((UPN("carol"), None),)),
    Case("PIM301", "admin reading mail in Outlook", _with(
        lambda t: t.sign_in(gid("adm-alice"), "Outlook Mobile", "2026-11-18T08:00:00Z",
                            app_id="27922004-5251-4030-b22d-91ecd9a37ea4")), Status.FAIL, ((UPN("adm-alice"), None),)),
    Case("PIM301", "a failed sign-in to Outlook is no daily use", _with(
        lambda t: t.sign_in(gid("adm-alice"), "Outlook Mobile", "2026-11-18T08:00:00Z", error=50126,
                            app_id="27922004-5251-4030-b22d-91ecd9a37ea4")), Status.PASS),
    Case("PIM301", "no users exported", _with(lambda t: t.drop("users")), Status.NOT_EVALUATED),
    # PIM401 break-glass-count
    Case("PIM401", "two break-glass accounts", hardened, Status.PASS),
    Case("PIM401", "one break-glass account", _with(lambda t: t.break_glass.pop()), Status.FAIL, ((None, None),)),
    Case("PIM401", "a declared account missing from the export does not count", hardened, Status.FAIL,
         ((None, None),), settings={"break-glass": [UPN("bg-01"), UPN("bg-ghost")]}),
    Case("PIM401", "none declared", _with(lambda t: t.break_glass.clear()), Status.FAIL, ((None, None),)),
    # PIM403 break-glass-untested
    Case("PIM403", "both tested within 90 days", hardened, Status.PASS),
    Case("PIM403", "one never tested", _with(lambda t: (t.sections["users"][1]["signInActivity"].update(
        lastSuccessfulSignInDateTime="2026-03-01T00:00:00Z"), t.sections["signIns"].pop())), Status.FAIL,
         ((UPN("bg-02"), None),)),
    Case("PIM403", "none declared", _with(lambda t: t.break_glass.clear()), Status.NOT_EVALUATED),
    Case("PIM403", "no sign-in data at all", _with(lambda t: (
        [u.pop("signInActivity") for u in t.sections["users"]], t.drop("signIns"))), Status.NOT_EVALUATED),
) + CATALOG_CASES + DIAGNOSTICS_CASES

# PIM8xx operations (issue 6): the table lives in tests/operations/rule_cases.py
from tests.operations.rule_cases import operations_cases  # noqa: E402

CASES += operations_cases(Case, UPN, _with)

# PIM5xx and PIM208 (issue 5): the table lives in tests/rules/cases_graph.py
from tests.rules.cases_graph import GRAPH_CASES  # noqa: E402

CASES += GRAPH_CASES
