"""Configuration as text: ``config show`` (effective values with their source) and ``config init``."""

from __future__ import annotations

import json
import re
from typing import Any

from pimlint.config import LoadedConfig, Settings
from pimlint.engine.registry import Registry, Rule

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_COLUMN = 48


def toml_key(key: str) -> str:
    """A TOML key, quoted when it is not bare."""
    return key if _BARE_KEY.match(key) else json.dumps(key)


def toml_value(value: Any) -> str:
    """A TOML literal for a JSON-like value (``None`` has no TOML form and is never passed)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{toml_key(str(k))} = {toml_value(v)}" for k, v in sorted(value.items()))
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def _line(key: str, value: Any, source: str) -> str:
    text = f"# {key} is not set" if value is None else f"{toml_key(key)} = {toml_value(value)}"
    return f"{text:<{_COLUMN}} # {source}"


def rule_option_sources(rule: Rule, loaded: LoadedConfig) -> dict[str, tuple[Any, str]]:
    """Each option of a rule: its effective value and where it came from."""
    from pimlint.engine.options import resolve_options

    settings = loaded.settings
    effective = resolve_options(rule, settings)
    profile = rule.meta.profiles.get(settings.profile, {})
    configured: set[str] = set()
    for key, table in settings.rules.items():
        if key.upper() == rule.meta.id.upper() or key.lower() == rule.meta.name:
            configured.update(table)
    origin = loaded.origins.get("rules", "default")
    out = {}
    for name, value in sorted(effective.items()):
        source = origin if name in configured else (f"profile {settings.profile}" if name in profile else "default")
        out[name] = (value, source)
    return out


def _top_level(settings: Settings) -> dict[str, Any]:
    data = settings.model_dump(mode="json", by_alias=True)
    data.pop("rules")
    return data


def effective_text(loaded: LoadedConfig, registry: Registry) -> str:
    """TOML-shaped effective settings, each line commented with its source."""
    where = str(loaded.path) if loaded.path else "none found (defaults)"
    lines = [f"# config file: {where}", f"# project folder (.pimlint/): {loaded.root}", ""]
    tables = []
    for key, value in _top_level(loaded.settings).items():
        if isinstance(value, dict) and value and key != "severity-overrides":
            tables.append((key, value))
            continue
        lines.append(_line(key, value, loaded.origins.get(key, "default")))
    for key, value in tables:
        lines += ["", f"[{key}]"]
        lines += [_line(k, v, loaded.origins.get(key, "default")) for k, v in value.items()]
    for r in registry:
        options = rule_option_sources(r, loaded)
        if options:
            lines += ["", f"[rules.{r.meta.id}]  # {r.meta.name}"]
            lines += [_line(name, value, source) for name, (value, source) in options.items()]
    return "\n".join(lines) + "\n"


def effective_json(loaded: LoadedConfig, registry: Registry) -> dict[str, Any]:
    """The same as ``effective_text`` as data."""
    top = {k: {"value": v, "source": loaded.origins.get(k, "default")} for k, v in _top_level(loaded.settings).items()}
    rules = {
        r.meta.id: {n: {"value": v, "source": s} for n, (v, s) in rule_option_sources(r, loaded).items()}
        for r in registry
        if r.meta.options
    }
    return {"config_file": str(loaded.path) if loaded.path else None, "project_folder": str(loaded.root),
            "settings": top, "rules": rules}


_STARTER_HEAD = """\
# pimlint.toml: configuration for `pimlint check` (found beside the bundle, or from the current
# directory up to the git root; the same keys work under [tool.pimlint] in pyproject.toml).
# Unknown keys are errors. `pimlint config show` prints the effective values and their source.

# Declared break-glass (emergency access) accounts: UPNs or object ids.
break-glass = []

# Lowest severity that fails the run: info | low | medium | high | critical | never.
fail-on = "low"

# Threshold profile: default | scuba | strict.
profile = "default"

# Rules to run and to skip: ids, id prefixes, kebab names, tag:NAME or ALL.
select = ["ALL"]
ignore = []

# Tenant timezone (IANA name) and working hours, for time-of-day rules.
# timezone = "Europe/Berlin"
business-hours = { days = "Mon-Fri", start = "07:00", end = "19:00" }

# Role classes: override the critical (tier-0) roles; add privileged roles (names or template ids).
# critical-roles = ["Global Administrator", "Privileged Role Administrator"]
extra-privileged-roles = []
# approval-required-roles = ["Global Administrator", "Privileged Role Administrator"]

# Per-rule severity, e.g. make unused waivers non-blocking.
# severity-overrides = { PIM011 = "info" }

# Waivers and baseline (default: .pimlint/waivers.toml and .pimlint/baseline.json, if present).
# waivers = ".pimlint/waivers.toml"
# baseline = ".pimlint/baseline.json"
max-waiver-days = {max_waiver_days}

# Per-rule options (defaults shown); uncomment a table to change them.
"""


def starter_config(registry: Registry) -> str:
    """A commented starter ``pimlint.toml`` that parses to the defaults."""
    text = _STARTER_HEAD.replace("{max_waiver_days}", str(Settings().max_waiver_days))
    blocks = []
    for r in registry:
        if not r.meta.options:
            continue
        block = [f"# [rules.{r.meta.id}]  # {r.meta.name}"]
        block += [f"# {toml_key(k)} = {toml_value(v)}" for k, v in sorted(r.meta.options.items())]
        blocks.append("\n".join(block))
    return text + "\n\n".join(blocks) + ("\n" if blocks else "")

