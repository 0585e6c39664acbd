"""Severities and result statuses: leaf definitions shared by config, engine and reports."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    """Finding severity, lowest first."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 (info) to 4 (critical)."""
        return _SEVERITY_ORDER.index(self)


_SEVERITY_ORDER = list(Severity)


class Status(StrEnum):
    """The result of a rule for one resource."""

    FAIL = "fail"
    PASS = "pass"
    NOT_EVALUATED = "not_evaluated"
    WAIVED = "waived"
    BASELINED = "baselined"
    """A failing finding absorbed by the baseline: reported, but never fails the gate."""
