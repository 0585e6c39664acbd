"""Cases of the Conditional Access rules PIM207, PIM405, PIM601–PIM605."""

from __future__ import annotations

from typing import Any

from pimlint.levels import Status
from pimlint.queries import SCUBA_ROLES
from tests.builders import CRITICAL, PHISHING_RESISTANT, TenantBuilder, gid, hardened
from tests.rules.casebase import Case, _with

CRITICAL_NAMES = ("Global Administrator", "Partner Tier2 Support", "Privileged Authentication Administrator",
                  "Privileged Role Administrator")
DROP_CA = "conditionalAccessPolicies"
OFFICE_365 = "00000002-0000-0ff1-ce00-000000000000"


def _ca(t: TenantBuilder, name_prefix: str) -> dict[str, Any]:
    return next(p for p in t.sections[DROP_CA] if p["displayName"].startswith(name_prefix))


def _pr_report_only(t: TenantBuilder) -> None:
    _ca(t, "CA002")["state"] = "enabledForReportingButNotEnforced"


def _pr_plain_mfa(t: TenantBuilder) -> None:
    _ca(t, "CA002")["grantControls"]["authenticationStrength"]["id"] = "00000000-0000-0000-0000-000000000002"


def _pr_excludes_pra(t: TenantBuilder) -> None:
    _ca(t, "CA002")["conditions"]["users"]["excludeRoles"] = [CRITICAL[1]]


def _scuba_pr_policy(t: TenantBuilder) -> None:
    from pimlint.roleclasses import builtin_roles

    ids = tuple(tid for tid, role in builtin_roles().items() if role.name in SCUBA_ROLES)
    t.ca_policy("CA004 SCuBA roles phishing-resistant", roles=ids, controls=(), strength=PHISHING_RESISTANT,
                exclude_groups=(gid("group-EmergencyAccess"),))


def _scuba_pr_policy_with_risk(t: TenantBuilder) -> None:
    _scuba_pr_policy(t)
    _ca(t, "CA004")["conditions"]["signInRiskLevels"] = ["high"]


def _legacy_excludes_guests(t: TenantBuilder) -> None:
    _ca(t, "CA003")["conditions"]["users"]["excludeGuestsOrExternalUsers"] = {
        "guestOrExternalUserTypes": "b2bCollaborationGuest,internalGuest",
        "externalTenants": {"@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants", "membershipKind": "all"}}


def _legacy_excludes_app(t: TenantBuilder) -> None:
    _ca(t, "CA003")["conditions"]["applications"]["excludeApplications"] = [OFFICE_365]


def _legacy_report_only(t: TenantBuilder) -> None:
    _ca(t, "CA003")["state"] = "enabledForReportingButNotEnforced"


def _legacy_other_only(t: TenantBuilder) -> None:
    _ca(t, "CA003")["conditions"]["clientAppTypes"] = ["other"]


def _legacy_excludes_user(t: TenantBuilder) -> None:
    _ca(t, "CA003")["conditions"]["users"]["excludeUsers"] = [t.user("svc-scanner")]


CASES: tuple[Case, ...] = (
    # PIM602 admins-without-phishing-resistant-policy
    Case("PIM602", "CA002 covers the critical roles", hardened, Status.PASS),
    Case("PIM602", "CA002 report-only", _with(_pr_report_only), Status.FAIL,
         tuple((None, r) for r in CRITICAL_NAMES)),
    Case("PIM602", "CA002 demands plain MFA strength", _with(_pr_plain_mfa), Status.FAIL,
         tuple((None, r) for r in CRITICAL_NAMES)),
    Case("PIM602", "CA002 excludes Privileged Role Administrator", _with(_pr_excludes_pra), Status.FAIL,
         ((None, "Privileged Role Administrator"),)),
    Case("PIM602", "scuba: one policy must name the eight roles", hardened, Status.FAIL, ((None, None),),
         settings={"profile": "scuba"}),
    Case("PIM602", "scuba: a policy naming the eight roles, break-glass group excluded", _with(_scuba_pr_policy),
         Status.PASS, settings={"profile": "scuba"}),
    Case("PIM602", "scuba: a sign-in risk condition does not disqualify the policy", _with(_scuba_pr_policy_with_risk),
         Status.PASS, settings={"profile": "scuba"}),
    Case("PIM602", "by default a sign-in risk condition does",
         _with(lambda t: (_scuba_pr_policy_with_risk(t), _pr_report_only(t))), Status.FAIL,
         tuple((None, r) for r in CRITICAL_NAMES)),
    Case("PIM602", "no CA policies exported", _with(lambda t: t.drop(DROP_CA)), Status.NOT_EVALUATED),
    # PIM603 legacy-auth-not-blocked
    Case("PIM603", "CA003 blocks legacy clients", hardened, Status.PASS),
    Case("PIM603", "CA003 report-only", _with(_legacy_report_only), Status.FAIL, ((None, None),)),
    Case("PIM603", "CA003 blocks only 'other' clients", _with(_legacy_other_only), Status.FAIL, ((None, None),)),
    Case("PIM603", "a service account excluded is tolerated by default", _with(_legacy_excludes_user), Status.PASS),
    Case("PIM603", "scuba rejects exclusions beyond break-glass", _with(_legacy_excludes_user), Status.FAIL,
         ((None, None),), settings={"profile": "scuba"}),
    Case("PIM603", "scuba allow-listed exclusion", _with(_legacy_excludes_user), Status.PASS,
         settings={"profile": "scuba",
                   "rules": {"PIM603": {"allowed-exclusions": ["svc-scanner@contoso.onmicrosoft.com"]}}}),
    Case("PIM603", "an excluded app is not all apps", _with(_legacy_excludes_app), Status.FAIL, ((None, None),)),
    Case("PIM603", "an allow-listed app exclusion", _with(_legacy_excludes_app), Status.PASS,
         settings={"rules": {"PIM603": {"allowed-app-exclusions": [OFFICE_365]}}}),
    Case("PIM603", "guest-type exclusions are tolerated by default", _with(_legacy_excludes_guests), Status.PASS),
    Case("PIM603", "scuba rejects guest-type exclusions not allow-listed", _with(_legacy_excludes_guests), Status.FAIL,
         ((None, None),), settings={"profile": "scuba"}),
    Case("PIM603", "scuba allow-listed guest types", _with(_legacy_excludes_guests), Status.PASS,
         settings={"profile": "scuba",
                   "rules": {"PIM603": {"allowed-guest-exclusions": ["b2bCollaborationGuest", "internalGuest"]}}}),
    Case("PIM603", "no CA policies exported", _with(lambda t: t.drop(DROP_CA)), Status.NOT_EVALUATED),
)


def _mfa_report_only(t: TenantBuilder) -> None:
    _ca(t, "CA001")["state"] = "enabledForReportingButNotEnforced"


def _mfa_or_device(t: TenantBuilder) -> None:
    _ca(t, "CA001")["grantControls"]["builtInControls"] = ["mfa", "compliantDevice"]


def _exclusion_group(t: TenantBuilder) -> None:
    group = t.group("MFA-Exclusions", members=(gid("adm-bob"),), role_assignable=False)
    _ca(t, "CA001")["conditions"]["users"]["excludeGroups"].append(group)


def _frequency_daily(t: TenantBuilder) -> None:
    _ca(t, "CA002")["sessionControls"]["signInFrequency"].update(value=1, type="days")


HELD_PRIVILEGED = ("Helpdesk Administrator", "User Administrator")

AUTHENTICATION_MORE: tuple[Case, ...] = (
    # PIM601 admins-without-mfa-policy
    Case("PIM601", "CA001 requires MFA for all users", hardened, Status.PASS),
    Case("PIM601", "CA001 report-only", _with(_mfa_report_only), Status.FAIL,
         tuple((None, r) for r in HELD_PRIVILEGED)),
    Case("PIM601", "MFA or a compliant device is not MFA", _with(_mfa_or_device), Status.FAIL,
         tuple((None, r) for r in HELD_PRIVILEGED)),
    Case("PIM601", "no CA policies exported", _with(lambda t: t.drop(DROP_CA)), Status.NOT_EVALUATED),
    # PIM604 privileged-user-excluded-from-mfa
    Case("PIM604", "only break-glass accounts are excluded", hardened, Status.PASS),
    Case("PIM604", "adm-bob in an exclusion group", _with(_exclusion_group), Status.FAIL,
         (("adm-bob@contoso.onmicrosoft.com", None),)),
    Case("PIM604", "a GA excluded from CA001 is still covered by CA002",
         _with(lambda t: _ca(t, "CA001")["conditions"]["users"]["excludeUsers"].append(gid("adm-alice"))),
         Status.PASS),
    Case("PIM604", "no MFA policy at all", _with(lambda t: (_mfa_report_only(t), _pr_report_only(t))),
         Status.NOT_EVALUATED),
    Case("PIM604", "no CA policies exported", _with(lambda t: t.drop(DROP_CA)), Status.NOT_EVALUATED),
    # PIM605 admin-sign-in-frequency
    Case("PIM605", "critical roles re-authenticate every 4 h", hardened, Status.PASS),
    Case("PIM605", "sign-in frequency one day", _with(_frequency_daily), Status.FAIL,
         tuple((None, r) for r in CRITICAL_NAMES)),
    Case("PIM605", "a 24 h limit from config", _with(_frequency_daily), Status.PASS,
         settings={"rules": {"PIM605": {"max-hours": 24}}}),
    Case("PIM605", "no CA policies exported", _with(lambda t: t.drop(DROP_CA)), Status.NOT_EVALUATED),
)
CASES = CASES + AUTHENTICATION_MORE
