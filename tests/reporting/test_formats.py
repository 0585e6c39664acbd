"""Every format: golden files on the typical sample, schema validity, escaping, re-rendering."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from pimlint.engine.findings import WaiverRef
from pimlint.levels import Status
from pimlint.reporting import EXTENSIONS, FORMATS, render
from pimlint.reporting.csv_report import guard
from pimlint.reporting.markdown import escape
from pimlint.result import RunResult
from tests.conftest import REPO
from tests.reporting.conftest import golden

GOLDEN = Path(__file__).parent / "golden"
RESULT_SCHEMA = json.loads((REPO / "schemas" / "pimlint-result.schema.json").read_text())
SARIF_SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())


def waived(result: RunResult) -> RunResult:
    """The result with its first failing finding waived (as the waiver engine marks it)."""
    first = result.failures()[0]
    ref = WaiverRef(id="W-0001", kind="accepted-risk", reason="Break-glass style account, reviewed monthly by SOC",
                    owner="secops@fabrikam.com", expires="2027-01-31")
    findings = tuple(f.model_copy(update={"status": Status.WAIVED, "waiver": ref}) if f is first else f
                     for f in result.findings)
    return result.model_copy(update={"findings": findings})


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fabrikam: RunResult, fmt: str) -> None:
    golden(GOLDEN / f"fabrikam-smb.{EXTENSIONS[fmt] if fmt != 'github' else 'github.txt'}", render(fabrikam, fmt))


def test_json_is_valid_against_the_result_schema_and_round_trips(samples: dict[str, RunResult]) -> None:
    validator = jsonschema.Draft202012Validator(RESULT_SCHEMA)
    for result in samples.values():
        text = render(result, "json")
        errors = sorted(validator.iter_errors(json.loads(text)), key=str)
        assert not errors, errors[0]
        again = RunResult.model_validate_json(text)
        assert again == result and render(again, "json") == text


def test_json_score_block(fabrikam: RunResult) -> None:
    doc = json.loads(render(fabrikam, "json"))
    assert set(doc["score"]) == {"value", "grade", "coverage", "categories"}
    assert doc["score"]["grade"] in "ABCDEF" and 0 <= doc["score"]["value"] <= 100
    assert len(doc["settings_digest"]) == 64 and all(len(i["sha256"]) == 64 for i in doc["inputs"])


def test_sarif_is_valid_against_the_official_schema(samples: dict[str, RunResult], fabrikam: RunResult) -> None:
    validator = jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA)
    logs = [render(r, "sarif") for r in samples.values()]
    from pimlint.reporting.sarif import render_sarif

    logs.append(render_sarif(waived(fabrikam), include_suppressed=True))
    for text in logs:
        errors = list(validator.iter_errors(json.loads(text)))
        assert not errors, errors[0].message


def test_sarif_content(fabrikam: RunResult) -> None:
    run = json.loads(render(fabrikam, "sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    pim101 = rules[0]
    assert pim101["properties"]["security-severity"] == "9.5" and "security" in pim101["properties"]["tags"]
    assert "## Remediation" in pim101["help"]["markdown"]
    first = run["results"][0]
    assert first["ruleId"] == "PIM101" and first["level"] == "error" and rules[first["ruleIndex"]]["id"] == "PIM101"
    fp = first["partialFingerprints"]["pimlint/v1"]
    assert first["partialFingerprints"]["primaryLocationLineHash"] == fp[:16] + ":1"
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].startswith("fabrikam.onmicrosoft.com/")
    assert len(run["results"]) == len(fabrikam.failures())


def test_sarif_leaves_out_waived_findings_unless_asked(fabrikam: RunResult) -> None:
    from pimlint.reporting.sarif import render_sarif

    result = waived(fabrikam)
    assert len(json.loads(render_sarif(result))["runs"][0]["results"]) == len(result.failures())
    included = json.loads(render_sarif(result, include_suppressed=True))["runs"][0]["results"]
    assert included[0]["suppressions"][0]["justification"].startswith("Break-glass")


def test_junit_counts(fabrikam: RunResult) -> None:
    root = ET.fromstring(render(waived(fabrikam), "junit"))
    assert int(root.get("failures", "")) == len(fabrikam.failures()) - 1
    assert int(root.get("tests", "")) == len(fabrikam.findings)
    cases = root.findall(".//testcase")
    assert root[0].get("name") == "standing-access"
    assert cases[0].get("name", "").startswith("[CRITICAL][PIM101] ")
    assert any(c.find("skipped") is not None and "W-0001" in c.find("skipped").get("message", "") for c in cases)


def test_csv_rows_and_formula_guard(fabrikam: RunResult) -> None:
    rows = list(csv.DictReader(io.StringIO(render(fabrikam, "csv"))))
    assert len(rows) == len(fabrikam.findings)
    assert {r["status"] for r in rows} == {"fail", "pass"}
    assert [guard(v) for v in ("=1+1", "+x", "-y", "@SUM(A1)", "\tz", "\rw", "ok", "")] == [
        "'=1+1", "'+x", "'-y", "'@SUM(A1)", "'\tz", "'\rw", "ok", ""]
    hostile = fabrikam.failures()[0].model_copy(update={"message": "=HYPERLINK(\"http://x\")"})
    text = render(fabrikam.model_copy(update={"findings": (hostile,)}), "csv")
    assert next(csv.DictReader(io.StringIO(text)))["message"] == "'=HYPERLINK(\"http://x\")"


def test_markdown_escapes_tables_and_html() -> None:
    assert escape("a|b `c` <b>x</b>\nline") == "a\\|b \\`c\\` &lt;b>x&lt;/b> line"


def test_github_annotations(fabrikam: RunResult) -> None:
    lines = render(fabrikam, "github").splitlines()
    assert lines[0].startswith("::error file=sample_exports/fabrikam-smb/roleAssignmentScheduleInstances.json,line=1,"
                               "title=PIM101 standing-privileged-access::[critical] ")
    assert lines[-1].startswith("::notice title=pimlint::Found 5 findings")
    hostile = fabrikam.failures()[0].model_copy(update={"message": "a\nb%c"})
    line = render(fabrikam.model_copy(update={"findings": (hostile,)}), "github").splitlines()[0]
    assert "a%0Ab%25c" in line


def test_text_summary_has_the_score(fabrikam: RunResult) -> None:
    last = render(fabrikam, "text").splitlines()[-2]
    assert f"· score {fabrikam.score.value}/100 ({fabrikam.score.grade}) ·" in last


def test_html_is_self_contained(fabrikam: RunResult) -> None:
    page = render(waived(fabrikam), "html")
    for forbidden in ("<script", "<link", "@import", "url(", "src=\"http", "<iframe"):
        assert forbidden not in page
    assert "<svg class=\"gauge\"" in page and "Waiver register" in page and "W-0001" in page
    assert "How to fix" in page and "Compliance by reference" in page
