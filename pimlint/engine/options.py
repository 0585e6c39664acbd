"""Per-rule options: rule defaults, then the profile's overrides, then ``[rules.<ID or name>]``."""

from __future__ import annotations

import difflib
from typing import Any

from pimlint.config import Settings
from pimlint.engine.registry import Registry, Rule
from pimlint.errors import ConfigError


def _compatible(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))


def resolve_options(rule: Rule, settings: Settings) -> dict[str, Any]:
    """The effective options of one rule."""
    meta = rule.meta
    options = dict(meta.options)
    options.update(meta.profiles.get(settings.profile, {}))
    for key, table in settings.rules.items():
        if key.upper() != meta.id.upper() and key.lower() != meta.name:
            continue
        for name, value in table.items():
            if name not in meta.options:
                close = difflib.get_close_matches(name, list(meta.options), n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}? " if close else ""
                known = ", ".join(sorted(meta.options)) or "none"
                raise ConfigError(f"[rules.{key}]: unknown option {name!r} for {meta.id} ({hint}options: {known})")
            if not _compatible(meta.options[name], value):
                raise ConfigError(
                    f"[rules.{key}]: option {name!r} expects {type(meta.options[name]).__name__}, got {value!r}"
                )
            options[name] = value
    return options


def check_rule_tables(registry: Registry, settings: Settings) -> None:
    """Every ``[rules.X]`` table must name a known rule."""
    for key in settings.rules:
        if registry.get(key) is None:
            raise ConfigError(f"[rules.{key}]: no rule with that id or name")
