"""Waivers (``.pimlint/waivers.toml``): reviewed exceptions for single findings, with an end date.

A waiver names a rule (id or name) and a logical resource (``[waivers.match]``: exact,
case-insensitive values compared with the finding's ``resource``; a ``glob:`` prefix opts into
shell-style wildcards). Reading separates *unreadable* files (``ConfigError``, exit 2) from
*problems* in readable ones (schema, unknown rule, duplicate id, horizon beyond
``max-waiver-days``): ``check`` refuses to run with problems, ``waivers lint`` lists them.
``apply_waivers`` turns matched failing findings into ``waived`` ones and reports every waiver's
state: ``active``, ``expired`` (its findings count again; PIM010), ``unused`` (PIM011) or ``idle``
(its rule was not evaluated in this run).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pimlint.config import read_toml
from pimlint.engine.findings import Finding, WaiverRef
from pimlint.errors import ConfigError
from pimlint.levels import Status
from pimlint.model.base import Frozen

GLOB = "glob:"


class WaiverKind(StrEnum):
    """Why a finding is waived (ScubaGear's distinction)."""

    ACCEPTED_RISK = "accepted-risk"
    FALSE_POSITIVE = "false-positive"
    NOT_APPLICABLE = "not-applicable"


class WaiverMatch(BaseModel):
    """The logical resource a waiver covers; every given key must match the finding's resource."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True,
                              json_schema_extra={"minProperties": 1})

    tenant: str | None = None
    tenant_id: str | None = Field(default=None, alias="tenant-id")
    principal: str | None = None
    principal_id: str | None = Field(default=None, alias="principal-id")
    principal_kind: str | None = Field(default=None, alias="principal-kind")
    role: str | None = None
    role_id: str | None = Field(default=None, alias="role-id")
    policy_id: str | None = Field(default=None, alias="policy")
    scope: str | None = None
    object: str | None = None
    object_id: str | None = Field(default=None, alias="object-id")
    object_kind: str | None = Field(default=None, alias="object-kind")
    detail: str | None = None
    fingerprint: str | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> WaiverMatch:
        if not self.model_dump(exclude_none=True):
            raise ValueError("match must name at least one resource key (waivers always name a resource)")
        return self

    def matches(self, finding: Finding) -> bool:
        """Every given key equals (or glob-matches) the finding's value."""
        for name, wanted in self.model_dump(exclude_none=True).items():
            actual = finding.fingerprint if name == "fingerprint" else getattr(finding.resource, name)
            if actual is None:
                return False
            got, want = str(actual).casefold(), str(wanted).casefold()
            if not (fnmatchcase(got, want[len(GLOB):]) if want.startswith(GLOB) else got == want):
                return False
        return True


class Waiver(BaseModel):
    """One ``[[waivers]]`` entry."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        json_schema_extra={
            "if": {"properties": {"kind": {"not": {"const": "not-applicable"}}}},
            "then": {"required": ["expires"]},
        },
    )

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    rule: str = Field(min_length=1, description="Rule id or name (no wildcards).")
    kind: WaiverKind
    reason: str = Field(min_length=20)
    owner: str = Field(min_length=1)
    ticket: str | None = None
    expires: date | None = Field(default=None, description="Required unless kind is not-applicable.")
    match: WaiverMatch

    @model_validator(mode="after")
    def _expiry_required(self) -> Waiver:
        if self.expires is None and self.kind is not WaiverKind.NOT_APPLICABLE:
            raise ValueError(f"expires is required for kind {self.kind.value!r} (only not-applicable may omit it)")
        return self

    def ref(self) -> WaiverRef:
        """What a waived finding carries."""
        return WaiverRef(id=self.id, kind=self.kind.value, reason=self.reason, owner=self.owner,
                         ticket=self.ticket, expires=self.expires)


class WaiverDocument(BaseModel):
    """The whole file: ``version = 1`` and the ``[[waivers]]`` array (the JSON Schema's source)."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = 1
    waivers: tuple[Waiver, ...] = ()


@dataclass(frozen=True)
class Problem:
    """Something wrong with one waiver (or the file)."""

    waiver: str
    message: str

    def __str__(self) -> str:
        return f"waiver {self.waiver}: {self.message}"


@dataclass(frozen=True)
class WaiverSet:
    """A readable waiver file: the valid waivers and the problems found."""

    path: Path | None
    waivers: tuple[Waiver, ...] = ()
    problems: tuple[Problem, ...] = ()


def _label(entry: Any, index: int) -> str:
    return str(entry["id"]) if isinstance(entry, dict) and isinstance(entry.get("id"), str) else f"#{index + 1}"


def _error_text(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def read_waivers(path: Path) -> WaiverSet:
    """Read and validate a waiver file; unreadable or non-TOML files raise ``ConfigError``."""
    return parse_waivers(read_toml(path, "waiver file"), path)


def parse_waivers(data: dict[str, Any], path: Path | None = None) -> WaiverSet:
    """Validate a parsed waiver document entry by entry (each bad entry is one ``Problem``)."""
    problems: list[Problem] = []
    unknown = sorted(set(data) - {"version", "waivers"})
    if unknown:
        problems.append(Problem("file", f"unknown top-level key {unknown[0]!r} (expected version, waivers)"))
    if data.get("version", 1) != 1:
        problems.append(Problem("file", f"unsupported version {data.get('version')!r} (expected 1)"))
    entries = data.get("waivers", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path or 'waivers'}: 'waivers' must be an array of tables ([[waivers]])")
    valid: list[Waiver] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        label = _label(entry, index)
        try:
            waiver = Waiver.model_validate(entry)
        except ValidationError as exc:
            problems.append(Problem(label, _error_text(exc)))
            continue
        if waiver.id in seen:
            problems.append(Problem(label, "duplicate waiver id"))
            continue
        seen.add(waiver.id)
        valid.append(waiver)
    return WaiverSet(path=path, waivers=tuple(valid), problems=tuple(problems))


def semantic_problems(waivers: WaiverSet, known_rule: Any, as_of: date | None, max_days: int) -> list[Problem]:
    """Unknown rules and horizons beyond ``max_days`` after ``as_of``; ``known_rule(name) -> id | None``."""
    problems = list(waivers.problems)
    for w in waivers.waivers:
        if known_rule(w.rule) is None:
            problems.append(Problem(w.id, f"unknown rule {w.rule!r}"))
        if as_of is not None and w.expires is not None and (w.expires - as_of).days > max_days:
            problems.append(Problem(w.id, f"expires {w.expires} is more than max-waiver-days ({max_days}) "
                                          f"after {as_of}"))
    return problems


class WaiverState(StrEnum):
    """A waiver's state in one run."""

    ACTIVE = "active"
    EXPIRED = "expired"
    UNUSED = "unused"
    IDLE = "idle"


class WaiverOutcome(Frozen):
    """What one waiver did in a run (in the JSON result, and what PIM010/PIM011 read)."""

    id: str
    rule: str
    kind: str
    owner: str
    expires: date | None = None
    state: WaiverState
    matched: int = 0
    """Failing findings it matched (waived when active, counting again when expired)."""


def is_expired(waiver: Waiver, as_of: datetime | None) -> bool:
    """Expired when its date is before the as-of date (a waiver is good through its last day)."""
    return as_of is not None and waiver.expires is not None and waiver.expires < as_of.date()


def _is_rule(rule: str, finding: Finding) -> bool:
    """The waiver's rule (id or name, case-insensitive) is the finding's."""
    return rule.upper() == finding.rule.upper() or rule.lower() == finding.name


def apply_waivers(
    findings: Iterable[Finding], waivers: tuple[Waiver, ...], as_of: datetime | None
) -> tuple[list[Finding], tuple[WaiverOutcome, ...]]:
    """Waive the failing findings each unexpired waiver matches; report every waiver's state."""
    out = list(findings)
    judged = [f for f in out if f.status in (Status.FAIL, Status.PASS)]
    outcomes = []
    for w in waivers:
        expired = is_expired(w, as_of)
        matched, rule_id = 0, w.rule
        for i, f in enumerate(out):
            if not _is_rule(w.rule, f) or f.status is not Status.FAIL or not w.match.matches(f):
                continue
            matched, rule_id = matched + 1, f.rule
            update: dict[str, Any] = {"waiver": w.ref()}
            if not expired:
                update["status"] = Status.WAIVED
            out[i] = f.model_copy(update=update)
        if expired:
            state = WaiverState.EXPIRED
        elif matched:
            state = WaiverState.ACTIVE
        else:
            state = WaiverState.UNUSED if any(_is_rule(w.rule, f) for f in judged) else WaiverState.IDLE
        outcomes.append(WaiverOutcome(id=w.id, rule=rule_id, kind=w.kind.value, owner=w.owner,
                                      expires=w.expires, state=state, matched=matched))
    return out, tuple(outcomes)
