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


def _push_only_admin(t: TenantBuilder) -> None:
    t.eligible(t.user("adm-push", methods=("microsoftAuthenticatorPush",)), EXCHANGE_ADMIN)


def _no_mfa_admin(t: TenantBuilder) -> None:
    t.eligible(t.user("adm-nomfa", methods=()), EXCHANGE_ADMIN)


IDENTITIES_MORE: tuple[Case, ...] = (
    # PIM303 no-phishing-resistant-method
    Case("PIM303", "every admin has a FIDO2 key", hardened, Status.PASS),
    Case("PIM303", "admin with push only", _with(_push_only_admin), Status.FAIL, ((UPN("adm-push"), None),)),
    Case("PIM303", "push accepted by config", _with(_push_only_admin), Status.PASS,
         settings={"rules": {"PIM303": {"extra-methods": ["microsoftAuthenticatorPush"]}}}),
    Case("PIM303", "no registration report", _with(lambda t: t.drop("userRegistrationDetails")),
         Status.NOT_EVALUATED),
    # PIM304 no-mfa-registered
    Case("PIM304", "every admin is MFA-registered", hardened, Status.PASS),
    Case("PIM304", "admin without any method", _with(_no_mfa_admin), Status.FAIL, ((UPN("adm-nomfa"), None),)),
    Case("PIM304", "no registration report", _with(lambda t: t.drop("userRegistrationDetails")),
         Status.NOT_EVALUATED),
)
CASES = CASES + IDENTITIES_MORE
