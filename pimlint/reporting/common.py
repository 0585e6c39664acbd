"""Helpers shared by the renderers: rule documentation from the registry, locations, ordering."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath

from pimlint.engine.findings import Finding
from pimlint.engine.metadata import RuleMeta
from pimlint.levels import Severity, Status
from pimlint.result import RunResult
from pimlint.scoring import SCORE_CATEGORIES, CategoryScore

SEVERITIES = tuple(reversed(list(Severity)))
"""Most severe first."""

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """Terminal-safe text on one line: control, line-breaking and bidi characters as escapes."""
    return _UNSAFE.sub(lambda m: ascii(m.group())[1:-1], text)


@lru_cache(maxsize=1)
def _builtin_docs() -> dict[str, RuleMeta]:
    from pimlint.engine.registry import load_registry
    from pimlint.errors import PimlintError

    try:
        return {r.meta.id: r.meta for r in load_registry()}
    except PimlintError:
        return {}


def rule_docs() -> dict[str, RuleMeta]:
    """Rule id → metadata of the built-in rules (custom rules render with their title only)."""
    return _builtin_docs()


def reported(result: RunResult) -> list[Finding]:
    """Findings a report lists: failing and waived ones, most severe first (the engine's order)."""
    return [f for f in result.findings if f.status in (Status.FAIL, Status.WAIVED)]


def input_file(result: RunResult, rule: str) -> str:
    """The input file a rule's findings point at: the file of its first required section that was
    read, else the first input (findings are about logical resources, not lines)."""
    meta = rule_docs().get(rule)
    files = [i.file for i in result.inputs]
    for section in meta.requires if meta else ():
        leaf = section.rsplit("/", 1)[-1]
        for name in files:
            if PurePosixPath(name.replace("\\", "/")).stem == leaf:
                return name
    return files[0] if files else "bundle.json"


def logical_name(result: RunResult, finding: Finding) -> str:
    """``<tenant>/<resource key>``: a finding's logical location."""
    return f"{result.tenant_label()}/{finding.resource.key()}"


def finding_line(finding: Finding) -> str:
    """The finding's message with its resource and expected/actual values."""
    where = finding.resource.describe()
    text = finding.message + (f" ({where})" if where else "")
    if finding.expected is not None or finding.actual is not None:
        text += f" [expected: {finding.expected}; actual: {finding.actual}]"
    return text


def score_text(result: RunResult) -> str | None:
    """``score 71/100 (C)`` or None for results without a score."""
    if result.score is None:
        return None
    return f"score {result.score.value}/100 ({result.score.grade})"


def categories(result: RunResult) -> list[CategoryScore]:
    """The score's categories that have rules, in display order (JSON sorts them by name)."""
    if result.score is None:
        return []
    cats = result.score.categories
    return [cats[name] for name in SCORE_CATEGORIES if name in cats and cats[name].rules]
