"""JUnit XML for CI test tabs: one ``testsuite`` per rule category, one ``testcase`` per finding.

Failing findings are ``failure``s; waived, baselined and not-evaluated ones are ``skipped`` with the
reason; passing ones are plain test cases (cli-ux.md §5.9).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from pimlint.engine.findings import Finding
from pimlint.engine.metadata import CATEGORIES
from pimlint.levels import Status
from pimlint.reporting.common import finding_line, input_file
from pimlint.result import RunResult

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """Text XML 1.0 can hold (control characters become U+FFFD)."""
    return _INVALID_XML.sub("\ufffd", text)


def _case(result: RunResult, f: Finding, titles: dict[str, str]) -> ET.Element:
    name = f"[{f.severity.value.upper()}][{f.rule}] {titles.get(f.rule, f.name)}"
    where = f.resource.describe() or "tenant"
    case = ET.Element("testcase", name=_clean(f"{name} ({where})"),
                      classname=_clean(f"{input_file(result, f.rule)}.{f.resource.key()}"))
    if f.status is Status.FAIL:
        failure = ET.SubElement(case, "failure", message=_clean(f.message), type=f.severity.value)
        body = [finding_line(f), *(f"evidence: {e}" for e in f.evidence), f"fingerprint: {f.fingerprint}"]
        failure.text = _clean("\n".join(body))
    elif f.status is Status.WAIVED:
        reason = f"waived by {f.waiver.id}: {f.waiver.reason}" if f.waiver else "waived"
        ET.SubElement(case, "skipped", message=_clean(reason))
    elif f.status is not Status.PASS:
        ET.SubElement(case, "skipped", message=_clean(f"{f.status.value}: {f.message}"))
    return case


def render_junit(result: RunResult) -> str:
    """The JUnit XML document of a run."""
    titles = {r.id: r.title for r in result.rules}
    root = ET.Element("testsuites", name=f"pimlint {result.tenant_label()}")
    order = {c: i for i, c in enumerate(CATEGORIES)}
    categories = sorted({f.category for f in result.findings}, key=lambda c: (order.get(c, len(order)), c))
    total = {"tests": 0, "failures": 0, "skipped": 0}
    for category in categories:
        mine = [f for f in result.findings if f.category == category]
        counts = {
            "tests": len(mine),
            "failures": sum(f.status is Status.FAIL for f in mine),
            "skipped": sum(f.status not in (Status.FAIL, Status.PASS) for f in mine),
        }
        suite = ET.SubElement(root, "testsuite", name=category, errors="0", **{k: str(v) for k, v in counts.items()})
        for f in mine:
            suite.append(_case(result, f, titles))
        for key, value in counts.items():
            total[key] += value
    root.set("errors", str(len(result.crashes)))
    for key, value in total.items():
        root.set(key, str(value))
    props = ET.Element("properties")
    values = {"tenant": result.tenant_label(), "tool": f"{result.tool.name} {result.tool.version}",
              "as_of": result.as_of.isoformat() if result.as_of else "unknown"}
    if result.score is not None:
        values["score"] = f"{result.score.value} ({result.score.grade})"
    for name, value in values.items():
        ET.SubElement(props, "property", name=name, value=_clean(value))
    if len(root):
        root[0].insert(0, props)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
