"""Generated documentation is up to date: docs/rules/ and the README rule table.

Regenerate with ``PIMLINT_UPDATE_DOCS=1 pytest tests/test_docs.py`` (or ``pimlint rule --all
--format markdown --output-dir docs/rules``).
"""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from pimlint.cli import main
from pimlint.docs import docs_pages, with_readme_table
from pimlint.engine.registry import load_registry
from tests.conftest import REPO

DOCS = REPO / "docs" / "rules"
UPDATE = os.environ.get("PIMLINT_UPDATE_DOCS") == "1"
HINT = "regenerate with PIMLINT_UPDATE_DOCS=1 pytest tests/test_docs.py"


def test_rule_pages_are_up_to_date() -> None:
    pages = docs_pages(load_registry())
    if UPDATE:
        for stale in set(p.name for p in DOCS.glob("*.md")) - set(pages):
            (DOCS / stale).unlink()
        for name, text in pages.items():
            (DOCS / name).write_text(text, encoding="utf-8")
    assert sorted(p.name for p in DOCS.glob("*.md")) == sorted(pages), HINT
    for name, text in pages.items():
        assert (DOCS / name).read_text(encoding="utf-8") == text, f"docs/rules/{name} is out of date; {HINT}"


def test_readme_rule_table_is_up_to_date() -> None:
    readme = REPO / "README.md"
    expected = with_readme_table(readme.read_text(encoding="utf-8"), load_registry())
    if UPDATE:
        readme.write_text(expected, encoding="utf-8")
    assert readme.read_text(encoding="utf-8") == expected, f"README rule table is out of date; {HINT}"


def test_cli_writes_the_same_pages(tmp_path: Path) -> None:
    out = tmp_path / "rules"
    result = CliRunner().invoke(main, ["rule", "--all", "--format", "markdown", "--output-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == docs_pages(load_registry())


def test_rules_table_shows_effective_options_per_profile() -> None:
    scuba = CliRunner().invoke(main, ["rules", "--profile", "scuba", "--select", "PIM103"]).output
    strict = CliRunner().invoke(main, ["rules", "--profile", "strict", "--select", "PIM206,PIM704"]).output
    assert "profile scuba" in scuba and "max=8, min=2" in scuba
    assert "critical-max-activation-hours=1.0" in strict and "max-interval-days=31" in strict
    assert "options" not in CliRunner().invoke(main, ["rules", "--select", "PIM103"]).output
