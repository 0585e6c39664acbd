"""The posture score: 0–100, a grade A–F and a per-category breakdown, as a pure function of findings.

The formula (docs/scoring.md) in short: every rule that was evaluated earns a credit in [0, 1],
weighted by its severity; the score is the weighted mean of the credits of the evaluated rules.
A rule with failing (or waived) findings earns ``1 / (1 + Σ finding weight / rule weight)`` when
it also has passing findings and 0 when it failed everywhere it applied. Rules that were only
``not_evaluated`` are excluded from the mean (never counted as pass) and reported as lost coverage.
The grade comes from the value, capped at C by a critical and at B by a high failing finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from pimlint.engine.findings import Finding
from pimlint.levels import Severity, Status
from pimlint.model.base import Frozen

WEIGHTS = {Severity.CRITICAL: 10, Severity.HIGH: 6, Severity.MEDIUM: 3, Severity.LOW: 1, Severity.INFO: 0}
"""Severity → weight of a rule (its default severity) and of a failing finding."""

SCORE_CATEGORIES = (
    "standing-access",
    "activation-controls",
    "identities",
    "break-glass",
    "graph",
    "authentication",
    "governance",
    "operations",
)
"""The score's categories, in display order."""

CATEGORY_LABELS = {
    "standing-access": "Standing access",
    "activation-controls": "Activation controls",
    "identities": "Identities",
    "break-glass": "Break-glass",
    "graph": "Privilege graph",
    "authentication": "Authentication",
    "governance": "Governance",
    "operations": "Operations",
}

_RULE_CATEGORY = {"diagnostics": "governance", "azure": "standing-access", "custom": "governance"}
_AZURE_RULES = {"PIM902": "activation-controls", "PIM903": "governance"}

GRADES = ((90, "A"), (80, "B"), (70, "C"), (60, "D"), (50, "E"), (0, "F"))
"""Lowest value of each grade."""

_CAPS = {Severity.CRITICAL: "C", Severity.HIGH: "B"}
"""A failing finding of this severity caps the grade here."""

_COUNTED = ("fail", "waived", "baselined")
"""Statuses that count against the score: a waiver or a baseline accepts a risk, it does not remove it."""


@dataclass(frozen=True)
class RuleRef:
    """What the score needs to know about a rule that ran."""

    id: str
    severity: Severity
    category: str


class CategoryScore(Frozen):
    """One category of the breakdown; ``value`` is None when none of its rules could be evaluated."""

    label: str
    value: int | None
    grade: str | None
    rules: int
    evaluated: int
    failing: int
    coverage: int
    """Evaluated share of the category's rule weight, in percent."""


class Score(Frozen):
    """The posture score of a run."""

    value: int
    grade: str
    coverage: int
    """Evaluated share of the total rule weight, in percent (not_evaluated rules lower it)."""
    categories: dict[str, CategoryScore]


def score_category(rule: RuleRef) -> str:
    """The score category a rule counts towards."""
    if rule.id in _AZURE_RULES:
        return _AZURE_RULES[rule.id]
    return _RULE_CATEGORY.get(rule.category, rule.category if rule.category in SCORE_CATEGORIES else "governance")


def grade_of(value: int, worst: Severity | None = None) -> str:
    """The grade of a value, capped by the most severe failing finding."""
    grade = next(letter for floor, letter in GRADES if value >= floor)
    cap = _CAPS.get(worst) if worst is not None else None
    return max(grade, cap) if cap else grade


def _credit(rule: RuleRef, mine: Sequence[Finding]) -> Fraction | None:
    """A rule's credit in [0, 1], or None when it was not evaluated at all."""
    failing = [f for f in mine if f.status in _COUNTED]
    passes = sum(f.status is Status.PASS for f in mine)
    if not failing:
        return None if mine and not passes else Fraction(1)
    if not passes:
        return Fraction(0)
    weight = max(WEIGHTS[rule.severity], 1)
    penalty = sum((Fraction(max(WEIGHTS[f.severity], 1), weight) for f in failing), Fraction(0))
    return 1 / (1 + penalty)


def _percent(part: Fraction) -> int:
    """Floor to a whole percent (monotone, exact)."""
    return int(part * 100)


def _aggregate(items: list[tuple[RuleRef, Fraction | None]]) -> tuple[int | None, int]:
    total = sum(WEIGHTS[r.severity] for r, _ in items)
    evaluated = [(r, c) for r, c in items if c is not None]
    denominator = sum(WEIGHTS[r.severity] for r, _ in evaluated)
    coverage = _percent(Fraction(denominator, total)) if total else (100 if evaluated else 0)
    if not denominator:
        return (100 if evaluated else None), coverage
    earned = sum((WEIGHTS[r.severity] * c for r, c in evaluated if c is not None), Fraction(0))
    return _percent(earned / denominator), coverage


def _worst(findings: Iterable[Finding]) -> Severity | None:
    ranks = [f.severity for f in findings if f.status in _COUNTED]
    return max(ranks, key=lambda s: s.rank) if ranks else None


def compute_score(rules: Iterable[RuleRef], findings: Iterable[Finding]) -> Score:
    """The score of a run from the rules that ran and all their findings."""
    findings = list(findings)
    by_rule: dict[str, list[Finding]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    refs = {r.id: r for r in rules}
    for f in findings:
        refs.setdefault(f.rule, RuleRef(id=f.rule, severity=f.severity, category=f.category))
    credits = [(r, _credit(r, by_rule.get(r.id, ()))) for _, r in sorted(refs.items())]
    categories: dict[str, CategoryScore] = {}
    for name in SCORE_CATEGORIES:
        items = [(r, c) for r, c in credits if score_category(r) == name]
        mine = [f for r, _ in items for f in by_rule.get(r.id, ())]
        value, coverage = _aggregate(items)
        categories[name] = CategoryScore(
            label=CATEGORY_LABELS[name],
            value=value,
            grade=None if value is None else grade_of(value, _worst(mine)),
            rules=len(items),
            evaluated=sum(c is not None for _, c in items),
            failing=sum(f.status in _COUNTED for f in mine),
            coverage=coverage,
        )
    value, coverage = _aggregate(credits)
    total = 0 if value is None else value
    return Score(value=total, grade=grade_of(total, _worst(findings)), coverage=coverage, categories=categories)
