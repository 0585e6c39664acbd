"""PIM role settings: a role management policy and its 17 rules, typed by kind.

Rule ids follow Graph's ``{Kind}_{Caller}_{Level}`` pattern (graph-export-format.md §3.4). The
policy keeps every rule by id; the properties below name the ones rules ask about.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pimlint.model.base import Frozen

ACTIVATION_EXPIRATION = "Expiration_EndUser_Assignment"
ACTIVATION_ENABLEMENT = "Enablement_EndUser_Assignment"
ACTIVATION_AUTH_CONTEXT = "AuthenticationContext_EndUser_Assignment"
ACTIVATION_APPROVAL = "Approval_EndUser_Assignment"
ELIGIBILITY_EXPIRATION = "Expiration_Admin_Eligibility"
ASSIGNMENT_EXPIRATION = "Expiration_Admin_Assignment"
ASSIGNMENT_ENABLEMENT = "Enablement_Admin_Assignment"
ELIGIBILITY_ENABLEMENT = "Enablement_Admin_Eligibility"
NOTIFICATION_RULE_IDS = (
    "Notification_Admin_Admin_Eligibility",
    "Notification_Requestor_Admin_Eligibility",
    "Notification_Approver_Admin_Eligibility",
    "Notification_Admin_Admin_Assignment",
    "Notification_Requestor_Admin_Assignment",
    "Notification_Approver_Admin_Assignment",
    "Notification_Admin_EndUser_Assignment",
    "Notification_Requestor_EndUser_Assignment",
    "Notification_Approver_EndUser_Assignment",
)
ALL_RULE_IDS = (
    ACTIVATION_EXPIRATION,
    ACTIVATION_ENABLEMENT,
    ACTIVATION_AUTH_CONTEXT,
    ACTIVATION_APPROVAL,
    ELIGIBILITY_EXPIRATION,
    ASSIGNMENT_EXPIRATION,
    ASSIGNMENT_ENABLEMENT,
    ELIGIBILITY_ENABLEMENT,
    *NOTIFICATION_RULE_IDS,
)
"""The 17 rules every PIM policy carries, in Graph's canonical spelling."""


class ExpirationRule(Frozen):
    """``isExpirationRequired`` and ``maximumDuration`` (``None`` when absent or unparseable)."""

    id: str
    is_expiration_required: bool
    maximum_duration: timedelta | None = None
    raw_duration: str | None = None


class EnablementRule(Frozen):
    """What must be supplied: any of ``multifactorauthentication``, ``justification``, ``ticketing``."""

    id: str
    enabled_rules: frozenset[str] = frozenset()

    @property
    def requires_mfa(self) -> bool:
        """MFA on this operation."""
        return "multifactorauthentication" in self.enabled_rules

    @property
    def requires_justification(self) -> bool:
        """Justification on this operation."""
        return "justification" in self.enabled_rules

    @property
    def requires_ticket(self) -> bool:
        """Ticket information on this operation."""
        return "ticketing" in self.enabled_rules


class AuthContextRule(Frozen):
    """A Conditional Access authentication context demanded on activation."""

    id: str
    is_enabled: bool
    claim_value: str | None = None


class Approver(Frozen):
    """One approver: a user or the members of a group."""

    kind: str
    """``user`` or ``group`` (other subject sets keep their own lower-cased type name)."""
    id: str | None = None
    description: str | None = None
    is_backup: bool = False


class ApprovalRule(Frozen):
    """Approval on activation and its approvers (all stages, primary and escalation)."""

    id: str
    is_approval_required: bool
    approval_mode: str | None = None
    primary_approvers: tuple[Approver, ...] = ()
    escalation_approvers: tuple[Approver, ...] = ()
    stage_count: int = 0


class NotificationRule(Frozen):
    """An e-mail notification: who gets it (default recipients and/or extra addresses)."""

    id: str
    recipient_type: str | None = None
    notification_level: str | None = None
    is_default_recipients_enabled: bool = False
    recipients: tuple[str, ...] = ()

    @property
    def reaches_someone(self) -> bool:
        """Default recipients on, or at least one extra recipient."""
        return self.is_default_recipients_enabled or bool(self.recipients)


PolicyRule = ExpirationRule | EnablementRule | AuthContextRule | ApprovalRule | NotificationRule


class RolePolicy(Frozen):
    """A role management policy and the scope it governs.

    ``scope_type`` is ``directoryrole`` (``targets`` holds role template ids) or ``group``
    (``scope_id`` is the group id; ``targets`` holds ``member``/``owner``).
    """

    id: str
    scope_id: str
    scope_type: str
    targets: tuple[str, ...] = ()
    last_modified: datetime | None = None
    rules: dict[str, PolicyRule] = {}
    source: str = ""

    def _rule(self, rule_id: str, kind: type[PolicyRule]) -> PolicyRule | None:
        found = self.rules.get(rule_id)
        return found if isinstance(found, kind) else None

    @property
    def activation_expiration(self) -> ExpirationRule | None:
        """Maximum activation duration."""
        return self._rule(ACTIVATION_EXPIRATION, ExpirationRule)  # type: ignore[return-value]

    @property
    def activation_enablement(self) -> EnablementRule | None:
        """MFA / justification / ticket on activation."""
        return self._rule(ACTIVATION_ENABLEMENT, EnablementRule)  # type: ignore[return-value]

    @property
    def activation_auth_context(self) -> AuthContextRule | None:
        """Authentication context on activation."""
        return self._rule(ACTIVATION_AUTH_CONTEXT, AuthContextRule)  # type: ignore[return-value]

    @property
    def activation_approval(self) -> ApprovalRule | None:
        """Approval on activation."""
        return self._rule(ACTIVATION_APPROVAL, ApprovalRule)  # type: ignore[return-value]

    @property
    def eligibility_expiration(self) -> ExpirationRule | None:
        """Whether eligible assignments must expire."""
        return self._rule(ELIGIBILITY_EXPIRATION, ExpirationRule)  # type: ignore[return-value]

    @property
    def assignment_expiration(self) -> ExpirationRule | None:
        """Whether active assignments must expire."""
        return self._rule(ASSIGNMENT_EXPIRATION, ExpirationRule)  # type: ignore[return-value]

    def notification(self, rule_id: str) -> NotificationRule | None:
        """One of the nine notification rules."""
        return self._rule(rule_id, NotificationRule)  # type: ignore[return-value]
