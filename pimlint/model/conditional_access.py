"""Conditional Access policies, authentication strengths and MFA registration details."""

from __future__ import annotations

from datetime import datetime

from pimlint.model.base import Bulk, Frozen


class ConditionalAccessPolicy(Frozen):
    """A Conditional Access policy, reduced to the conditions and controls pimlint evaluates.

    Enum-like values (``state``, client app types, built-in controls) are lower-cased; the
    special user values ``All``/``None``/``GuestsOrExternalUsers`` keep Graph's spelling
    lower-cased too (``all``), GUIDs are lower-cased.
    """

    id: str
    display_name: str | None = None
    state: str = "disabled"
    include_users: frozenset[str] = frozenset()
    exclude_users: frozenset[str] = frozenset()
    include_groups: frozenset[str] = frozenset()
    exclude_groups: frozenset[str] = frozenset()
    include_roles: frozenset[str] = frozenset()
    exclude_roles: frozenset[str] = frozenset()
    exclude_guest_types: frozenset[str] = frozenset()
    """``excludeGuestsOrExternalUsers.guestOrExternalUserTypes`` split, lower-cased (``b2bcollaborationguest``, ...)."""
    include_applications: frozenset[str] = frozenset()
    exclude_applications: frozenset[str] = frozenset()
    include_user_actions: frozenset[str] = frozenset()
    include_auth_contexts: frozenset[str] = frozenset()
    client_app_types: frozenset[str] = frozenset()
    grant_operator: str | None = None
    built_in_controls: frozenset[str] = frozenset()
    authentication_strength_id: str | None = None
    authentication_strength_combinations: frozenset[str] = frozenset()
    sign_in_frequency_hours: float | None = None
    sign_in_frequency_every_time: bool = False
    has_other_conditions: bool = False
    """Platforms, locations, risk levels or device filters narrow where the policy applies."""

    @property
    def is_enforced(self) -> bool:
        """Enabled, not report-only."""
        return self.state == "enabled"


class AuthenticationStrength(Frozen):
    """An authentication strength policy (built-in or custom)."""

    id: str
    display_name: str | None = None
    allowed_combinations: frozenset[str] = frozenset()


class RegistrationDetails(Bulk):
    """A user's registered authentication methods (``userRegistrationDetails``)."""

    id: str
    upn: str | None = None
    is_mfa_registered: bool | None = None
    is_passwordless_capable: bool | None = None
    methods: frozenset[str] = frozenset()
    last_updated: datetime | None = None
