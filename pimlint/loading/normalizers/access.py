"""Conditional Access policies, authentication strengths and registration details."""

from __future__ import annotations

from collections.abc import Iterable

from pimlint.loading.records import Rec
from pimlint.model import AuthenticationStrength, ConditionalAccessPolicy, RegistrationDetails


def _ids(r: Rec | None, key: str) -> frozenset[str]:
    """Lower-cased ids or special values (``All``, ``None``, ``GuestsOrExternalUsers``)."""
    return frozenset(v.strip().lower() for v in r.strings(key)) if r is not None else frozenset()


def _guest_types(guests: Rec | None) -> frozenset[str]:
    """The comma-separated ``guestOrExternalUserTypes`` of an include/exclude guests condition."""
    if guests is None:
        return frozenset()
    text = guests.str("guestOrExternalUserTypes") or ""
    return frozenset(part.strip().lower() for part in text.split(",") if part.strip() and part.strip().lower() != "none")


def _frequency_hours(session: Rec | None) -> tuple[float | None, bool]:
    freq = session.child("signInFrequency") if session else None
    if freq is None or freq.bool("isEnabled") is False:
        return None, False
    if freq.lower("frequencyInterval") == "everytime":
        return 0.0, True
    value = freq.int("value")
    if value is None:
        return None, False
    return (value * 24.0 if freq.lower("type") == "days" else float(value)), False


def conditional_access(recs: Iterable[Rec]) -> tuple[ConditionalAccessPolicy, ...]:
    """``conditionalAccessPolicies.json``, sorted by id."""
    out: list[ConditionalAccessPolicy] = []
    for r in recs:
        cond = r.child("conditions")
        users = cond.child("users") if cond else None
        apps = cond.child("applications") if cond else None
        grant = r.child("grantControls")
        strength = grant.child("authenticationStrength") if grant else None
        hours, every_time = _frequency_hours(r.child("sessionControls"))
        other = bool(
            cond
            and (
                cond.get("platforms")
                or cond.get("locations")
                or cond.get("devices")
                or cond.strings("userRiskLevels")
                or cond.strings("signInRiskLevels")
            )
        )
        out.append(
            ConditionalAccessPolicy(
                id=r.required_id("id"),
                display_name=r.str("displayName"),
                state=r.lower("state") or "disabled",
                include_users=_ids(users, "includeUsers"),
                exclude_users=_ids(users, "excludeUsers"),
                include_groups=_ids(users, "includeGroups"),
                exclude_groups=_ids(users, "excludeGroups"),
                include_roles=_ids(users, "includeRoles"),
                exclude_roles=_ids(users, "excludeRoles"),
                exclude_guest_types=_guest_types(users.child("excludeGuestsOrExternalUsers") if users else None),
                include_applications=_ids(apps, "includeApplications"),
                exclude_applications=_ids(apps, "excludeApplications"),
                include_user_actions=_ids(apps, "includeUserActions"),
                include_auth_contexts=_ids(apps, "includeAuthenticationContextClassReferences"),
                client_app_types=_ids(cond, "clientAppTypes"),
                grant_operator=grant.lower("operator") if grant else None,
                built_in_controls=_ids(grant, "builtInControls"),
                authentication_strength_id=strength.id("id") if strength else None,
                authentication_strength_combinations=_ids(strength, "allowedCombinations"),
                sign_in_frequency_hours=hours,
                sign_in_frequency_every_time=every_time,
                has_other_conditions=other,
            )
        )
    return tuple(sorted(out, key=lambda p: p.id))


def authentication_strengths(recs: Iterable[Rec]) -> dict[str, AuthenticationStrength]:
    """``authenticationStrengthPolicies.json`` by id."""
    out: dict[str, AuthenticationStrength] = {}
    for r in recs:
        strength = AuthenticationStrength(
            id=r.required_id("id"),
            display_name=r.str("displayName"),
            allowed_combinations=_ids(r, "allowedCombinations"),
        )
        out[strength.id] = strength
    return out


def registration(recs: Iterable[Rec]) -> dict[str, RegistrationDetails]:
    """``userRegistrationDetails.json`` by user id."""
    out: dict[str, RegistrationDetails] = {}
    for r in recs:
        details = RegistrationDetails.trusted(
            id=r.required_id("id"),
            upn=r.str("userPrincipalName"),
            is_mfa_registered=r.bool("isMfaRegistered"),
            is_passwordless_capable=r.bool("isPasswordlessCapable"),
            methods=frozenset(m.lower() for m in r.strings("methodsRegistered")),
            last_updated=r.datetime("lastUpdatedDateTime"),
        )
        out[details.id] = details
    return out
