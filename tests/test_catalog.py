"""Catalogue meta-tests: every rule matches rule-catalog.md, is documented, and has its cases."""

from __future__ import annotations

import csv

import pytest

from pimlint.engine.registry import Rule, load_registry
from pimlint.levels import Status
from pimlint.resources import data_file
from tests.rules.cases import CASES

REGISTRY = load_registry()
CATALOG = {row["id"]: row for row in csv.DictReader(data_file("rule-catalog.csv").open(encoding="utf-8"))}
HEADINGS = ("## What it checks", "## Example")


@pytest.mark.parametrize("rule", list(REGISTRY), ids=lambda r: r.meta.id)
def test_rule_matches_catalog(rule: Rule) -> None:
    assert rule.meta.id in CATALOG, f"{rule.meta.id} is not in the rule catalog"
    entry = CATALOG[rule.meta.id]
    assert rule.meta.name == entry["name"]
    assert rule.meta.severity.value in entry["severity"]


@pytest.mark.parametrize("rule", list(REGISTRY), ids=lambda r: r.meta.id)
def test_rule_is_documented(rule: Rule) -> None:
    meta = rule.meta
    assert meta.title and meta.rationale and meta.remediation
    assert len(meta.references) >= 2
    assert all(h in meta.doc for h in HEADINGS), f"{meta.id} docstring lacks {HEADINGS}"
    assert meta.doc.index(HEADINGS[0]) < meta.doc.index(HEADINGS[1])


@pytest.mark.parametrize("rule", list(REGISTRY), ids=lambda r: r.meta.id)
def test_rule_has_fail_and_pass_cases(rule: Rule) -> None:
    verdicts = {c.expect for c in CASES if c.rule == rule.meta.id}
    assert {Status.FAIL, Status.PASS} <= verdicts
    if rule.meta.requires:
        assert Status.NOT_EVALUATED in verdicts


def test_ids_and_names_unique() -> None:
    assert len({r.meta.id for r in REGISTRY}) == len({r.meta.name for r in REGISTRY}) == len(REGISTRY)
