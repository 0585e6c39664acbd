"""Cases of the identity-hygiene rules PIM302–PIM304."""

from __future__ import annotations

from pimlint.levels import Status
from tests.builders import EXCHANGE_ADMIN, TenantBuilder, hardened
from tests.rules.casebase import UPN, Case, _with


def _synced_admin(t: TenantBuilder) -> None:
    t.eligible(t.user("sync-sam", synced=True), EXCHANGE_ADMIN)


def _sync_flag_only(t: TenantBuilder) -> None:
    _synced_admin(t)
    t.sections["users"][-1]["onPremisesImmutableId"] = None


CASES: tuple[Case, ...] = (
    # PIM302 synced-privileged-account
    Case("PIM302", "cloud-only admins", hardened, Status.PASS),
    Case("PIM302", "synced Exchange Administrator", _with(_synced_admin), Status.FAIL, ((UPN("sync-sam"), None),)),
    Case("PIM302", "sync flag without immutable id fails by default", _with(_sync_flag_only), Status.FAIL,
         ((UPN("sync-sam"), None),)),
    Case("PIM302", "scuba looks at the immutable id only", _with(_sync_flag_only), Status.PASS,
         settings={"profile": "scuba"}),
    Case("PIM302", "no users exported", _with(lambda t: t.drop("users")), Status.NOT_EVALUATED),
)
