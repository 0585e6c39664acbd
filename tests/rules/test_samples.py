"""The sample tenants: northwind-neglected trips every catalogue rule of issue 4, contoso-hardened none."""

from __future__ import annotations

from pathlib import Path

import pytest

from pimlint import api
from pimlint.config import load_config
from pimlint.levels import Status
from pimlint.result import RunResult
from tests.conftest import REPO

SAMPLES = REPO / "sample_exports"
RULES = ("PIM001 PIM102 PIM104 PIM105 PIM106 PIM107 PIM108 PIM109 PIM110 PIM202 PIM203 PIM205 PIM207 PIM209 "
         "PIM302 PIM303 PIM304 PIM402 PIM404 PIM405 PIM406 PIM601 PIM602 PIM603 PIM604 PIM605 PIM701 PIM702 "
         "PIM703 PIM704 PIM705 PIM706 PIM901 PIM902 PIM903").split()
"""PIM407 fires only when no break-glass account is declared: checked on the hardened sample without it."""


def _check(name: str, **overrides: object) -> RunResult:
    path = SAMPLES / name
    settings = load_config(path, None, {"select": ["PIM"], **overrides}).settings
    return api.check(path, settings, api.CheckOptions(apply_waivers=False))


@pytest.fixture(scope="module")
def neglected() -> dict[str, Status]:
    return {r.id: r.status for r in _check("northwind-neglected").rules}


@pytest.fixture(scope="module")
def hardened() -> dict[str, Status]:
    return {r.id: r.status for r in _check("contoso-hardened").rules}


@pytest.mark.parametrize("rule", RULES)
def test_neglected_sample_trips_the_rule(rule: str, neglected: dict[str, Status]) -> None:
    assert neglected[rule] is Status.FAIL


@pytest.mark.parametrize("rule", RULES)
def test_hardened_sample_passes_the_rule(rule: str, hardened: dict[str, Status]) -> None:
    assert hardened[rule] is not Status.FAIL


def test_undeclared_break_glass_accounts_are_suggested() -> None:
    result = _check("contoso-hardened", **{"break-glass": []})
    assert any(f.rule == "PIM407" and f.status is Status.FAIL for f in result.findings)


def test_samples_exist() -> None:
    assert all((SAMPLES / n).is_dir() for n in ("northwind-neglected", "contoso-hardened")), Path(SAMPLES)
