"""The canonical result of a run: what every report renders, and what ``--format json`` writes."""

from __future__ import annotations

from datetime import datetime

from pimlint.baseline import BaselineSummary
from pimlint.engine.findings import Finding
from pimlint.frameworks import ComplianceTable
from pimlint.levels import Severity, Status
from pimlint.model.base import Frozen
from pimlint.operations.kpis import KpiReport
from pimlint.waivers import WaiverOutcome
from pimlint.scoring import Score

SCHEMA_VERSION = 1


class ToolInfo(Frozen):
    """The tool that produced the result."""

    name: str = "pimlint"
    version: str


class TenantSummary(Frozen):
    """Which tenant the result is about."""

    id: str
    domain: str | None = None
    display_name: str | None = None


class InputFile(Frozen):
    """A file that was read, with its hash as audit evidence."""

    file: str
    sha256: str


class RuleSummary(Frozen):
    """One rule's overall result."""

    id: str
    name: str
    title: str
    severity: Severity
    category: str
    status: Status
    fail: int = 0
    passed: int = 0
    not_evaluated: int = 0
    waived: int = 0
    baselined: int = 0
    reason: str | None = None
    """Why the rule was not evaluated, where it was not."""
    controls: dict[str, tuple[str, ...]] = {}
    """Framework key → the controls this rule evidences (so each finding's rule names its controls)."""


class Crash(Frozen):
    """A rule that crashed."""

    rule: str
    error: str


class Gate(Frozen):
    """The CI decision."""

    fail_on: str
    failing: int
    """Failing findings at or above ``fail_on``."""
    fail_under: int | None = None
    """``--fail-under``: the run fails when the score is below it."""
    score_below: bool = False
    exit_code: int


class RunResult(Frozen):
    """Everything a run concluded, in a stable order."""

    schema_version: int = SCHEMA_VERSION
    tool: ToolInfo
    tenant: TenantSummary
    as_of: datetime | None
    as_of_source: str
    profile: str
    settings_digest: str = ""
    """sha256 of the effective settings (canonical JSON), so two results can be compared."""
    inputs: tuple[InputFile, ...]
    warnings: tuple[str, ...] = ()
    rules: tuple[RuleSummary, ...]
    findings: tuple[Finding, ...]
    crashes: tuple[Crash, ...] = ()
    score: Score | None = None
    gate: Gate
    waivers: tuple[WaiverOutcome, ...] | None = None
    """Every waiver's state in this run; ``None`` when waivers were not applied (``--no-waivers``)."""
    baseline: BaselineSummary | None = None
    """What the baseline absorbed and what was fixed since; ``None`` without a baseline."""
    kpis: KpiReport | None = None
    """The operations KPIs over the export's window (rule-catalog.md "KPIs")."""
    compliance: tuple[ComplianceTable, ...] = ()
    """Per-control verdicts of the frameworks asked for with ``--framework``."""

    def failures(self) -> list[Finding]:
        """Failing findings, most severe first."""
        return [f for f in self.findings if f.status is Status.FAIL]

    def tenant_label(self) -> str:
        """The tenant as people call it: domain, else display name, else id."""
        return self.tenant.domain or self.tenant.display_name or self.tenant.id

    def count(self, status: Status) -> int:
        """Findings with a status (e.g. how many were waived or baselined)."""
        return sum(1 for f in self.findings if f.status is status)

    def severity_counts(self) -> dict[str, int]:
        """Failing findings per severity, most severe first (zero counts omitted)."""
        counts: dict[str, int] = {}
        for sev in reversed(list(Severity)):
            n = sum(1 for f in self.failures() if f.severity is sev)
            if n:
                counts[sev.value] = n
        return counts
