"""Findings as values, and their stable fingerprints.

A fingerprint is ``sha256(rule, tenant id, logical resource key)`` truncated to 32 hex digits: it
depends on object ids, never on file names, lines or display names, so baselines and waivers
survive re-exports and renames (cli-ux.md §5.8).
"""

from __future__ import annotations

import hashlib
from datetime import date

from pimlint.levels import Severity, Status
from pimlint.model.base import Frozen

_KEY_FIELDS = ("principal_id", "role_id", "policy_id", "scope", "object_id", "detail")


class Resource(Frozen):
    """The logical resource a finding is about. Ids identify; labels are for people."""

    tenant: str
    tenant_id: str
    principal_id: str | None = None
    principal: str | None = None
    principal_kind: str | None = None
    role_id: str | None = None
    role: str | None = None
    policy_id: str | None = None
    scope: str | None = None
    object_id: str | None = None
    object: str | None = None
    object_kind: str | None = None
    detail: str | None = None
    """Distinguishes several findings of one rule on one object (e.g. the policy rule id)."""

    def key(self) -> str:
        """The canonical logical key (ids only)."""
        parts = [f"{name}={getattr(self, name)}" for name in _KEY_FIELDS if getattr(self, name) is not None]
        return "|".join(parts) or "tenant"

    def describe(self, said: str = "") -> str:
        """Principal and role in words, for one-line output; labels already in ``said`` (the
        finding's message) are not repeated."""
        parts = []
        for name, label in (
            ("principal", self.principal or self.principal_id),
            ("role", self.role or self.role_id),
            (self.object_kind or "object", self.object or self.object_id),
        ):
            if label and label not in said:
                parts.append(f"{name}: {label}")
        return ", ".join(parts)


class WaiverRef(Frozen):
    """The waiver that covers a ``waived`` finding (``.pimlint/waivers.toml``)."""

    id: str
    kind: str
    reason: str
    owner: str
    ticket: str | None = None
    expires: date | None = None


class Finding(Frozen):
    """One rule result for one resource."""

    rule: str
    name: str
    category: str
    severity: Severity
    status: Status
    message: str
    resource: Resource
    expected: str | None = None
    actual: str | None = None
    evidence: tuple[str, ...] = ()
    fingerprint: str
    waiver: WaiverRef | None = None
    """Set on ``waived`` findings (and on failing ones whose waiver expired)."""

    def sort_key(self) -> tuple[int, str, str, str]:
        """Most severe first, then rule id, then resource."""
        return (-self.severity.rank, self.rule, self.resource.key(), self.message)


def fingerprint(rule_id: str, resource: Resource) -> str:
    """The stable identity of a finding."""
    text = "\x1f".join((rule_id, resource.tenant_id, resource.key()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
