"""Rule documentation rendered from metadata: the table of ``pimlint rules`` and ``pimlint rule ID``.

The rule module's docstring and ``@rule`` metadata are the only source; nothing here is written by hand.
"""

from __future__ import annotations

import json

from tabulate import tabulate

from pimlint.config import Settings
from pimlint.engine.options import resolve_options
from pimlint.engine.registry import Registry, Rule


def rules_table(registry: Registry, settings: Settings | None = None) -> str:
    """A plain table of id, name, severity, category and title; with ``settings`` (a profile was
    asked for) also each rule's effective options."""
    if settings is None:
        rows = [(r.meta.id, r.meta.name, r.meta.severity.value, r.meta.category, r.meta.title) for r in registry]
        return tabulate(rows, headers=("id", "name", "severity", "category", "title"), tablefmt="simple")
    rows = [(r.meta.id, r.meta.name, r.meta.severity.value, r.meta.category,
             ", ".join(f"{k}={json.dumps(v)}" for k, v in sorted(resolve_options(r, settings).items())) or "-")
            for r in registry]
    header = f"profile {settings.profile}\n"
    return header + tabulate(rows, headers=("id", "name", "severity", "category", "options"), tablefmt="simple")


def readme_table(registry: Registry) -> str:
    """The README rule table (between the rules-table markers)."""
    lines = ["| id | name | severity | title |", "|---|---|---|---|"]
    lines += [f"| [{r.meta.id}](docs/rules/{r.meta.id}.md) | {r.meta.name} | {r.meta.severity.value} | "
              f"{r.meta.title} |" for r in registry]
    return "\n".join(lines) + "\n"


def docs_index(registry: Registry) -> str:
    """``docs/rules/index.md``: the rules by category."""
    lines = ["# Rules", "", "Generated from the rule metadata by `pimlint rule --all --format markdown "
             "--output-dir docs/rules`; do not edit.", ""]
    for category in sorted({r.meta.category for r in registry}):
        lines += [f"## {category}", "", "| id | name | severity | title |", "|---|---|---|---|"]
        lines += [f"| [{r.meta.id}]({r.meta.id}.md) | {r.meta.name} | {r.meta.severity.value} | {r.meta.title} |"
                  for r in registry if r.meta.category == category]
        lines.append("")
    return "\n".join(lines)


def docs_pages(registry: Registry) -> dict[str, str]:
    """File name → markdown of every rule page plus the index (default profile, profiles listed)."""
    pages = {f"{r.meta.id}.md": rule_page(r, Settings(), "markdown") + _profile_lines(r) for r in registry}
    pages["index.md"] = docs_index(registry)
    return pages


def _profile_lines(rule: Rule) -> str:
    if not rule.meta.profiles:
        return ""
    lines = ["", "## Profiles", ""]
    for profile, values in sorted(rule.meta.profiles.items()):
        lines.append(f"- `{profile}`: " + ", ".join(f"`{k} = {json.dumps(v)}`" for k, v in sorted(values.items())))
    return "\n".join(lines) + "\n"


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


README_START, README_END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def with_readme_table(readme: str, registry: Registry) -> str:
    """The README text with the rule table between its markers regenerated."""
    head, rest = readme.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    return f"{head}{README_START}\n{readme_table(registry)}{README_END}{tail}"
