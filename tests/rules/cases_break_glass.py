"""Cases of the break-glass rules PIM402, PIM404–PIM407."""

from __future__ import annotations

from typing import Any

from pimlint.levels import Status
from tests.builders import GA, E3_SKU, TenantBuilder, gid, hardened
from tests.rules.casebase import UPN, Case, _with


def _bg(t: TenantBuilder, name: str) -> dict[str, Any]:
    return next(u for u in t.sections["users"] if u["id"] == gid(name))


def _bg_eligible_only(t: TenantBuilder) -> None:
    t.sections["roleAssignmentScheduleInstances"] = [
        a for a in t.sections["roleAssignmentScheduleInstances"] if a["principalId"] != gid("bg-02")]
    t.eligible(gid("bg-02"), GA)


def _bg_messy(t: TenantBuilder) -> None:
    _bg(t, "bg-01").update(accountEnabled=False)
    _bg(t, "bg-02").update(onPremisesSyncEnabled=True, assignedLicenses=[{"skuId": E3_SKU, "disabledPlans": []}])


def _bg_weak(t: TenantBuilder) -> None:
    next(r for r in t.sections["userRegistrationDetails"] if r["id"] == gid("bg-02")).update(
        methodsRegistered=["mobilePhone"])


def _device_policy(t: TenantBuilder) -> None:
    t.ca_policy("CA020 Compliant device", controls=("compliantDevice",))


def _bg_removed_from_group(t: TenantBuilder) -> None:
    group = next(g for g in t.sections["groups"] if g["displayName"] == "EmergencyAccess")
    group["members"] = [m for m in group["members"] if m["id"] != gid("bg-02")]


CASES: tuple[Case, ...] = (
    # PIM402 break-glass-not-permanent-ga
    Case("PIM402", "both hold GA permanently", hardened, Status.PASS),
    Case("PIM402", "bg-02 only eligible", _with(_bg_eligible_only), Status.FAIL,
         ((UPN("bg-02"), "Global Administrator"),)),
    Case("PIM402", "none declared", _with(lambda t: t.break_glass.clear()), Status.NOT_EVALUATED),
    Case("PIM402", "no instances exported", _with(lambda t: t.drop("roleAssignmentScheduleInstances")),
         Status.NOT_EVALUATED),
    # PIM404 break-glass-hygiene
    Case("PIM404", "enabled, cloud-only, onmicrosoft, unlicensed", hardened, Status.PASS),
    Case("PIM404", "disabled, synced and licensed", _with(_bg_messy), Status.FAIL,
         ((UPN("bg-01"), None), (UPN("bg-02"), None), (UPN("bg-02"), None))),
    Case("PIM404", "no users exported", _with(lambda t: t.drop("users")), Status.NOT_EVALUATED),
    # PIM405 break-glass-blocked-by-ca
    Case("PIM405", "excluded through EmergencyAccess", hardened, Status.PASS),
    Case("PIM405", "a new policy without exclusion", _with(_device_policy), Status.FAIL,
         ((UPN("bg-01"), None), (UPN("bg-02"), None))),
    Case("PIM405", "bg-02 left the exclusion group", _with(_bg_removed_from_group), Status.FAIL,
         tuple((UPN("bg-02"), None) for _ in range(3))),
    Case("PIM405", "report-only policies need no exclusion",
         _with(lambda t: (_device_policy(t), t.sections["conditionalAccessPolicies"][-1].update(
             state="enabledForReportingButNotEnforced"))), Status.PASS),
    Case("PIM405", "no CA policies exported", _with(lambda t: t.drop("conditionalAccessPolicies")),
         Status.NOT_EVALUATED),
    # PIM406 break-glass-weak-credential
    Case("PIM406", "FIDO2 keys registered", hardened, Status.PASS),
    Case("PIM406", "bg-02 with a phone only", _with(_bg_weak), Status.FAIL, ((UPN("bg-02"), None),)),
    Case("PIM406", "no registration report", _with(lambda t: t.drop("userRegistrationDetails")),
         Status.NOT_EVALUATED),
    # PIM407 break-glass-candidates
    Case("PIM407", "break-glass declared", hardened, Status.PASS),
    Case("PIM407", "none declared: the permanent GAs excluded from CA", _with(lambda t: t.break_glass.clear()),
         Status.FAIL, ((UPN("bg-01"), None), (UPN("bg-02"), None))),
    Case("PIM407", "no users exported", _with(lambda t: (t.break_glass.clear(), t.drop("users"))),
         Status.NOT_EVALUATED),
)
