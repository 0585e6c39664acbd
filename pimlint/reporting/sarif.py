"""SARIF 2.1.0 for GitHub code scanning and other SARIF consumers (cli-ux.md §3, §5.10).

One run; every rule that ran is a ``reportingDescriptor`` (sorted by id, so ``ruleIndex`` is stable)
with help text and markdown from the rule's metadata and a ``security-severity``. Failing findings
are results with a logical location and ``partialFingerprints`` from the logical fingerprint; waived
findings are left out (GitHub ignores ``suppressions``) unless ``include_suppressed``. Rules that
could not be evaluated and rules that crashed are tool execution notifications.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from pimlint.engine.findings import Finding
from pimlint.engine.metadata import RuleMeta
from pimlint.levels import Severity, Status
from pimlint.reporting.common import input_file, logical_name, rule_docs
from pimlint.result import RuleSummary, RunResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM: "warning",
          Severity.LOW: "note", Severity.INFO: "note"}
SECURITY_SEVERITY = {Severity.CRITICAL: "9.5", Severity.HIGH: "8.0", Severity.MEDIUM: "5.5", Severity.LOW: "2.0"}
_LIMIT = 1024


def _clip(text: str) -> str:
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"


def _help(rule: RuleSummary, meta: RuleMeta | None) -> dict[str, str]:
    if meta is None:
        return {"text": rule.title, "markdown": f"**{rule.title}**"}
    refs = "\n".join(f"- {r}" for r in meta.references)
    text = f"{meta.title}\n\nWhy: {meta.rationale}\n\nFix: {meta.remediation}\n\nReferences:\n{refs}"
    markdown = (
        f"**{meta.title}**\n\n## Why it matters\n\n{meta.rationale}\n\n## Remediation\n\n{meta.remediation}"
        f"\n\n## References\n\n{refs}\n"
    )
    return {"text": text, "markdown": markdown}


def _descriptor(rule: RuleSummary, meta: RuleMeta | None) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "tags": list(dict.fromkeys(("security", rule.category, *(meta.tags if meta else ()))))[:20],
        "precision": "very-high",
    }
    if rule.severity in SECURITY_SEVERITY:
        properties["security-severity"] = SECURITY_SEVERITY[rule.severity]
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": _clip(rule.title)},
        "fullDescription": {"text": _clip(meta.rationale if meta else rule.title)},
        "help": _help(rule, meta),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": properties,
    }


def _uri(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).as_posix()


def _result(result: RunResult, f: Finding, index: int) -> dict[str, Any]:
    item: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVELS[f.severity],
        "message": {"text": _message(f)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(input_file(result, f.rule))},
                    "region": {"startLine": 1},
                },
                "logicalLocations": [
                    {"fullyQualifiedName": logical_name(result, f), "name": f.resource.principal or f.resource.object
                     or f.resource.role or result.tenant_label(), "kind": "object"}
                ],
            }
        ],
        "partialFingerprints": {"pimlint/v1": f.fingerprint, "primaryLocationLineHash": f"{f.fingerprint[:16]}:1"},
        "properties": {"severity": f.severity.value, "category": f.category},
    }
    if f.status is Status.WAIVED:
        justification = f.waiver.reason if f.waiver else "waived"
        item["suppressions"] = [{"kind": "external", "status": "accepted", "justification": justification}]
    return item


def _message(f: Finding) -> str:
    where = f.resource.describe()
    text = f.message.rstrip(".") + "."
    if where:
        text += f" ({where})"
    if f.expected is not None or f.actual is not None:
        text += f" Expected: {f.expected}; actual: {f.actual}."
    return text


def _notifications(result: RunResult) -> list[dict[str, Any]]:
    notes = [
        {"level": "error", "message": {"text": f"rule {c.rule} crashed: {c.error}"},
         "descriptor": {"id": c.rule}}
        for c in result.crashes
    ]
    notes.extend(
        {"level": "note", "message": {"text": f"{r.id} not evaluated: {r.reason}"}, "descriptor": {"id": r.id}}
        for r in result.rules
        if r.status is Status.NOT_EVALUATED
    )
    return notes


def render_sarif(result: RunResult, include_suppressed: bool = False) -> str:
    """The SARIF log of a run, byte-stable."""
    docs = rule_docs()
    rules = sorted(result.rules, key=lambda r: r.id)
    index = {r.id: i for i, r in enumerate(rules)}
    wanted = (Status.FAIL, Status.WAIVED) if include_suppressed else (Status.FAIL,)
    results = [_result(result, f, index[f.rule]) for f in result.findings if f.status in wanted and f.rule in index]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": result.tool.name,
                "semanticVersion": result.tool.version,
                "rules": [_descriptor(r, docs.get(r.id)) for r in rules],
            }
        },
        "automationDetails": {"id": f"pimlint/{result.tenant.id}/"},
        "invocations": [
            {
                "executionSuccessful": not result.crashes,
                "exitCode": result.gate.exit_code,
                "toolExecutionNotifications": _notifications(result),
            }
        ],
        "results": results,
        "properties": {
            "tenant": result.tenant_label(),
            "asOf": result.as_of.isoformat() if result.as_of else None,
            "score": result.score.value if result.score else None,
            "grade": result.score.grade if result.score else None,
        },
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
