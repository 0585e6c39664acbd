"""Cases of the Azure resource-role rules PIM901–PIM903 (ARM sections under ``azure/<subscription>/``)."""

from __future__ import annotations

from pimlint.levels import Status
from tests.builders import TenantBuilder, gid, hardened
from tests.rules.casebase import UPN, Case, _with

SUB = "5f2a3b4c-6d7e-4f80-9a1b-2c3d4e5f6a7b"
OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
UAA = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"


def _governed(t: TenantBuilder) -> None:
    """Two eligible Owners, hardened Owner-class policies."""
    for name in ("adm-alice", "adm-bob"):
        t.azure_assignment(SUB, gid(name), OWNER, eligible=True, end="2027-01-01T00:00:00Z")
    for role in (OWNER, UAA, "f58310d9-a9f6-439a-9e8d-f62e7b41a168"):
        t.azure_policy(SUB, role)


def _standing_owner(t: TenantBuilder) -> None:
    _governed(t)
    t.azure_assignment(SUB, gid("adm-pim"), OWNER)


def _root_uaa(t: TenantBuilder) -> None:
    _governed(t)
    t.azure_assignment(SUB, gid("adm-pim"), UAA, scope="/", plain=True)


def _weak_owner_policy(t: TenantBuilder) -> None:
    _governed(t)
    t.azure[SUB]["roleManagementPolicies"] = []
    t.azure[SUB]["roleManagementPolicyAssignments"] = []
    for role in (UAA, "f58310d9-a9f6-439a-9e8d-f62e7b41a168"):
        t.azure_policy(SUB, role)
    t.azure_policy(SUB, OWNER, approval=False, duration="PT8H")


def _four_owners(t: TenantBuilder) -> None:
    _governed(t)
    for name in ("adm-pim", "adm-h1"):
        t.azure_assignment(SUB, gid(name), OWNER, eligible=True, end="2027-01-01T00:00:00Z")


def _owner_in_resource_group(t: TenantBuilder) -> None:
    _governed(t)
    t.azure_assignment(SUB, gid("adm-pim"), OWNER, scope=f"/subscriptions/{SUB}/resourceGroups/rg-app", plain=True)


CASES: tuple[Case, ...] = (
    # PIM901 azure-standing-owner
    Case("PIM901", "Owners eligible only", _with(_governed), Status.PASS),
    Case("PIM901", "permanent active Owner", _with(_standing_owner), Status.FAIL, ((UPN("adm-pim"), None),)),
    Case("PIM901", "User Access Administrator at the root", _with(_root_uaa), Status.FAIL, ((UPN("adm-pim"), None),)),
    Case("PIM901", "resource-group Owner is out of scope", _with(_owner_in_resource_group), Status.PASS),
    Case("PIM901", "no Azure sections", hardened, Status.NOT_EVALUATED),
    # PIM902 azure-activation-weak
    Case("PIM902", "hardened Owner-class policies", _with(_governed), Status.PASS),
    Case("PIM902", "Owner without approval for 8 h", _with(_weak_owner_policy), Status.FAIL,
         ((None, None), (None, None))),
    Case("PIM902", "no Azure sections", hardened, Status.NOT_EVALUATED),
    # PIM903 subscription-owner-count
    Case("PIM903", "two Owners", _with(_governed), Status.PASS),
    Case("PIM903", "four Owners", _with(_four_owners), Status.FAIL, ((None, None),)),
    Case("PIM903", "a resource-group Owner does not count", _with(_owner_in_resource_group), Status.PASS),
    Case("PIM903", "no Azure sections", hardened, Status.NOT_EVALUATED),
)
