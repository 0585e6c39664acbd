"""Rule documentation rendered from metadata: the table of ``pimlint rules`` and ``pimlint rule ID``.

The rule module's docstring and ``@rule`` metadata are the only source; nothing here is written by hand.
"""

from __future__ import annotations

import json

from tabulate import tabulate

from pimlint.config import Settings
from pimlint.engine.options import resolve_options
from pimlint.engine.registry import Registry, Rule


def rules_table(registry: Registry) -> str:
    """A plain table of id, name, severity, category and title."""
    rows = [(r.meta.id, r.meta.name, r.meta.severity.value, r.meta.category, r.meta.title) for r in registry]
    return tabulate(rows, headers=("id", "name", "severity", "category", "title"), tablefmt="simple")


def rules_json(registry: Registry, settings: Settings) -> str:
    """The machine-readable rule list, with the effective options."""
    items = [
        {
            "id": r.meta.id,
            "name": r.meta.name,
            "severity": r.meta.severity.value,
            "category": r.meta.category,
            "title": r.meta.title,
            "requires": list(r.meta.requires),
            "options": resolve_options(r, settings),
        }
        for r in registry
    ]
    return json.dumps(items, indent=2, sort_keys=True) + "\n"


def _option_lines(rule: Rule, settings: Settings) -> list[str]:
    effective = resolve_options(rule, settings)
    return [f"{name} = {json.dumps(value)}" for name, value in sorted(effective.items())]


def rule_page(rule: Rule, settings: Settings, fmt: str = "text") -> str:
    """The full page of one rule as text, markdown or JSON."""
    meta = rule.meta
    if fmt == "json":
        data = meta.model_dump(mode="json")
        data["effective_options"] = resolve_options(rule, settings)
        return json.dumps(data, indent=2, sort_keys=True) + "\n"
    options = _option_lines(rule, settings)
    h = "## " if fmt == "markdown" else ""
    lines = [
        f"# {meta.id} {meta.name}" if fmt == "markdown" else f"{meta.id} {meta.name}",
        "",
        f"{meta.title}",
        "",
        f"Severity: {meta.severity.value} · Category: {meta.category}"
        + (f" · Needs: {', '.join(meta.requires)}" if meta.requires else ""),
        "",
        meta.doc.replace("## ", h) if meta.doc else "",
        "",
        f"{h}Why it matters" if fmt == "markdown" else "Why it matters:",
        "",
        meta.rationale,
        "",
        f"{h}Remediation" if fmt == "markdown" else "Remediation:",
        "",
        meta.remediation,
        "",
    ]
    if options:
        lines += [f"{h}Options (profile {settings.profile})" if fmt == "markdown" else f"Options (profile {settings.profile}):", ""]
        lines += [f"- `{o}`" if fmt == "markdown" else f"  {o}" for o in options] + [""]
    if meta.references:
        lines += [f"{h}References" if fmt == "markdown" else "References:", ""]
        lines += [f"- {ref}" if fmt == "markdown" else f"  {ref}" for ref in meta.references] + [""]
    return "\n".join(lines).rstrip("\n") + "\n"
