"""Cases of the run diagnostic PIM001 unresolved-reference."""

from __future__ import annotations

from pimlint.levels import Status
from tests.builders import EXCHANGE_ADMIN, GA, TenantBuilder, gid, hardened
from tests.rules.casebase import Case, _with


def _orphan_eligibility(t: TenantBuilder) -> None:
    t.eligible(gid("deleted-user"), EXCHANGE_ADMIN)


def _orphan_ca_group(t: TenantBuilder) -> None:
    next(p for p in t.sections["conditionalAccessPolicies"] if p["displayName"].startswith("CA001"))[
        "conditions"]["users"]["excludeGroups"].append(gid("group-deleted"))


CASES: tuple[Case, ...] = (
    Case("PIM001", "every reference resolves", hardened, Status.PASS),
    Case("PIM001", "eligibility of a deleted user", _with(_orphan_eligibility), Status.FAIL,
         ((None, None),)),
    Case("PIM001", "deleted approver", _with(lambda t: t.policy(GA, approvers=("approver-1", "ghost"))),
         Status.FAIL, ((None, None),)),
    Case("PIM001", "CA policy excludes a deleted group", _with(_orphan_ca_group), Status.FAIL, ((None, None),)),
    Case("PIM001", "nothing to resolve against", _with(lambda t: t.drop("users", "groups", "servicePrincipals")),
         Status.NOT_EVALUATED),
)
