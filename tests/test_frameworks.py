"""Framework mappings: inverted from rule metadata (SOC 2 from its data file), and the per-control table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pimlint import frameworks
from pimlint.engine.registry import load_registry
from pimlint.levels import Status
from tests.builders import GA, hardened
from tests.conftest import REPO

REGISTRY = load_registry()


def test_controls_are_the_inverse_of_rule_references() -> None:
    scuba = frameworks.control_map("scuba", REGISTRY)
    assert scuba["MS.AAD.7.4v1"][0] == "PIM101" and scuba["MS.AAD.7.5v1"] == ("PIM102",)
    assert "PIM602" in frameworks.control_map("cis-m365", REGISTRY)["5.2.2.5"]
    assert frameworks.rule_controls(REGISTRY.get("PIM302").meta) == {  # type: ignore[union-attr]
        "cis-m365": ("1.1.1",), "nist-csf": ("PR.AA-01",), "scuba": ("MS.AAD.7.3v1",), "soc2": ("CC6.3",)}


def test_every_rule_maps_to_soc2_and_soc2_names_only_known_rules() -> None:
    mapped = {r for rules in frameworks.control_map("soc2", REGISTRY).values() for r in rules}
    builtin = {r.meta.id for r in REGISTRY if r.meta.id.startswith("PIM")}
    assert builtin <= mapped
    listed = {r for _, rules in frameworks._soc2().values() for r in rules}  # noqa: SLF001
    catalog = (REPO / "pimlint" / "data" / "rule-catalog.csv").read_text()
    assert all(r in catalog for r in listed)


def test_every_cited_control_has_a_title() -> None:
    for key in ("cis-m365", "scuba", "nist-csf"):
        table = frameworks.compliance(key, REGISTRY, {})
        assert all(c.title for c in table.controls), [c.control for c in table.controls if not c.title]


def test_control_verdicts() -> None:
    statuses = {"PIM101": Status.FAIL, "PIM706": Status.PASS, "PIM102": Status.NOT_EVALUATED}
    by_control = {c.control: c for c in frameworks.compliance("scuba", REGISTRY, statuses).controls}
    assert by_control["MS.AAD.7.4v1"].status is Status.FAIL and by_control["MS.AAD.7.4v1"].failing == ("PIM101",)
    assert by_control["MS.AAD.7.5v1"].status is Status.NOT_EVALUATED
    assert by_control["MS.AAD.7.6v1"].status is Status.NOT_EVALUATED


def test_check_framework_adds_the_table(tmp_path: Path) -> None:
    t = hardened()
    t.active(t.user("dave"), GA)
    bundle = t.write(tmp_path)
    run = [sys.executable, "-m", "pimlint", "check", str(bundle), "--framework", "scuba"]
    text = subprocess.run(run, capture_output=True, text=True, cwd=REPO).stdout
    assert "CISA SCuBA Entra ID baseline: 1 of 13 controls failing" in text
    assert any(line.startswith("MS.AAD.7.4v1") and " fail " in line for line in text.splitlines())
    doc = json.loads(subprocess.run([*run, "--format", "json"], capture_output=True, text=True, cwd=REPO).stdout)
    (table,) = doc["compliance"]
    assert table["framework"] == "scuba"
    assert {c["control"]: c["status"] for c in table["controls"]}["MS.AAD.7.4v1"] == "fail"
    pim101 = next(r for r in doc["rules"] if r["id"] == "PIM101")
    assert pim101["controls"]["scuba"] == ["MS.AAD.7.4v1"]
