"""Compliance frameworks: which rules evidence which control, and a per-control verdict of a run.

CIS Microsoft 365 v7, CISA SCuBA and NIST CSF 2.0 controls come from the rules' own ``references``
(the single source: a rule cites the control, the mapping is its inverse, as Prowler's compliance
files map control → checks). SOC 2 has no citation in rule metadata: its inverted mapping lives in
``data/frameworks/soc2.csv``. Control titles (our own short wording) are in ``controls.csv``.
"""

from __future__ import annotations

import csv
from functools import cache
from typing import TYPE_CHECKING

from tabulate import tabulate

from pimlint.engine.metadata import RuleMeta
from pimlint.engine.registry import Registry
from pimlint.levels import Status
from pimlint.model.base import Frozen
from pimlint.resources import data_file

if TYPE_CHECKING:
    from pimlint.result import RunResult

FRAMEWORKS: dict[str, tuple[str, str | None]] = {
    "cis-m365": ("CIS Microsoft 365 Foundations v7", "CIS Microsoft 365 v7 "),
    "scuba": ("CISA SCuBA Entra ID baseline", "CISA SCuBA "),
    "nist-csf": ("NIST Cybersecurity Framework 2.0", "NIST CSF 2.0 "),
    "soc2": ("AICPA SOC 2 Trust Services Criteria", None),
}
"""Framework key → (title, reference prefix in rule metadata; ``None``: mapped in a data file)."""


class ControlResult(Frozen):
    """One control: the rules evidencing it and the verdict they give."""

    control: str
    title: str = ""
    status: Status
    rules: tuple[str, ...]
    failing: tuple[str, ...] = ()


class ComplianceTable(Frozen):
    """A framework's controls, pass / fail / not_evaluated, for one run."""

    framework: str
    title: str
    controls: tuple[ControlResult, ...]


@cache
def _soc2() -> dict[str, tuple[str, tuple[str, ...]]]:
    with data_file("frameworks/soc2.csv").open(encoding="utf-8", newline="") as handle:
        return {row["control"]: (row["title"], tuple(row["rules"].split())) for row in csv.DictReader(handle)}


@cache
def _titles() -> dict[tuple[str, str], str]:
    with data_file("frameworks/controls.csv").open(encoding="utf-8", newline="") as handle:
        return {(row["framework"], row["control"]): row["title"] for row in csv.DictReader(handle)}


def rule_controls(meta: RuleMeta) -> dict[str, tuple[str, ...]]:
    """Framework key → the controls a rule evidences."""
    out: dict[str, tuple[str, ...]] = {}
    for key, (_, prefix) in FRAMEWORKS.items():
        if prefix is None:
            found = [c for c, (_, rules) in _soc2().items() if meta.id in rules]
        else:
            found = [ref[len(prefix):].strip() for ref in meta.references if ref.startswith(prefix)]
        if found:
            out[key] = tuple(sorted(found))
    return out


def control_map(framework: str, registry: Registry) -> dict[str, tuple[str, ...]]:
    """Control → rule ids of ``registry`` that evidence it (the inverted mapping), sorted."""
    inverted: dict[str, set[str]] = {}
    for r in registry:
        for control in rule_controls(r.meta).get(framework, ()):
            inverted.setdefault(control, set()).add(r.meta.id)
    return {c: tuple(sorted(ids)) for c, ids in sorted(inverted.items(), key=lambda kv: _natural(kv[0]))}


def _natural(control: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p for p in control.replace("-", ".").split("."))


def compliance(framework: str, registry: Registry, statuses: dict[str, Status]) -> ComplianceTable:
    """The per-control table: a control fails when one of its rules failed, passes when its rules
    that ran all passed, and is not evaluated when none of them could be evaluated."""
    title = FRAMEWORKS[framework][0]
    controls = []
    for control, rules in control_map(framework, registry).items():
        ran = {r: statuses[r] for r in rules if r in statuses}
        failing = tuple(r for r, s in ran.items() if s is Status.FAIL)
        if failing:
            status = Status.FAIL
        elif any(s is Status.PASS for s in ran.values()):
            status = Status.PASS
        else:
            status = Status.NOT_EVALUATED
        name = _soc2()[control][0] if framework == "soc2" else _titles().get((framework, control), "")
        controls.append(ControlResult(control=control, title=name, status=status, rules=rules, failing=failing))
    return ComplianceTable(framework=framework, title=title, controls=tuple(controls))


def render_text(table: ComplianceTable) -> str:
    """The table as text, one control per line."""
    rows = [(c.control, c.status.value, " ".join(c.failing) or "-", c.title) for c in table.controls]
    fails = sum(c.status is Status.FAIL for c in table.controls)
    head = f"{table.title}: {fails} of {len(table.controls)} controls failing\n"
    return head + tabulate(rows, headers=("control", "status", "failing rules", "title"), tablefmt="simple") + "\n"


def attach(result: RunResult, frameworks: tuple[str, ...], registry: Registry) -> RunResult:
    """The result with a compliance table per framework (rules that did not run count as not run)."""
    statuses = {r.id: r.status for r in result.rules}
    ran = Registry(rules=tuple(r for r in registry if r.meta.id in statuses))
    tables = tuple(compliance(f, ran, statuses) for f in frameworks)
    return result.model_copy(update={"compliance": tables})
