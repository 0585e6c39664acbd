"""Run the pipeline on a builder and assert on findings (pyflakes-style one-liners)."""

from __future__ import annotations

import tomllib
from typing import Any

from pimlint.api import evaluate, selected_registry
from pimlint.config import Settings
from pimlint.levels import Status
from pimlint.loading.api import load_raw
from pimlint.result import RunResult
from pimlint.waivers import parse_waivers
from tests.builders import DOMAIN, TenantBuilder


def run(
    builder: TenantBuilder, select: tuple[str, ...] = ("ALL",), waivers: str | None = "", **settings: Any
) -> RunResult:
    """Run the selected rules on a builder's bundle, with its break-glass accounts declared.

    ``waivers`` is the text of a waiver file (``None``: waivers not applied, as with ``--no-waivers``).
    """
    values: dict[str, Any] = {"break-glass": [f"{b}@{DOMAIN}" for b in builder.break_glass], "select": select}
    values.update(settings)
    config = Settings.model_validate(values)
    loaded = load_raw(builder.raw())
    applied = None if waivers is None else parse_waivers(tomllib.loads(waivers))
    return evaluate(loaded, config, selected_registry(config, config.rules_dir), waivers=applied)


def statuses(result: RunResult, rule: str) -> set[Status]:
    """The statuses a rule produced."""
    return {f.status for f in result.findings if f.rule == rule}


def failed(result: RunResult, rule: str) -> list[tuple[str | None, str | None]]:
    """(principal, role) labels of a rule's failing findings, sorted."""
    return sorted(
        ((f.resource.principal, f.resource.role) for f in result.findings if f.rule == rule and f.status is Status.FAIL),
        key=lambda pair: (pair[0] or "", pair[1] or ""),
    )
