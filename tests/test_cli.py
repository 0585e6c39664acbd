"""The command line: exit codes, output formats, errors as one line without traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pimlint.cli import main


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0 and out.startswith("pimlint ")


def test_clean_bundle_exits_zero(hardened_bundle: Path) -> None:
    code, out, _ = invoke("check", str(hardened_bundle))
    assert code == 0
    assert out.startswith("Found 0 findings in contoso.onmicrosoft.com")


def test_findings_exit_one_with_one_line_each(failing_bundle: Path) -> None:
    code, out, _ = invoke("check", str(failing_bundle))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("PIM101 [critical] Global Administrator is permanently active for dave@")
    assert lines[0].count("dave@contoso.onmicrosoft.com") == 1  # named once, not repeated
    assert lines[-2].startswith("Found 1 finding (1 critical) in contoso.onmicrosoft.com")


def test_fail_on_and_exit_zero(failing_bundle: Path) -> None:
    assert invoke("check", str(failing_bundle), "--fail-on", "never")[0] == 0
    assert invoke("check", str(failing_bundle), "--exit-zero")[0] == 0
    assert invoke("check", str(failing_bundle), "--fail-on", "critical")[0] == 1
    assert invoke("check", str(failing_bundle), "--select", "PIM2")[0] == 0


def test_json_contract_and_byte_identical(failing_bundle: Path) -> None:
    first = invoke("check", str(failing_bundle), "--format", "json")[1]
    second = invoke("check", str(failing_bundle), "--format", "json")[1]
    assert first == second
    doc = json.loads(first)
    finding = next(f for f in doc["findings"] if f["rule"] == "PIM101" and f["status"] == "fail")
    assert {"rule", "name", "severity", "status", "message", "resource", "fingerprint"} <= set(finding)
    assert finding["resource"]["principal"] == "dave@contoso.onmicrosoft.com"
    assert finding["resource"]["role"] == "Global Administrator"
    assert doc["gate"] == {"exit_code": 1, "fail_on": "low", "failing": 1, "fail_under": None, "score_below": False}
    assert {"fail", "pass"} <= {f["status"] for f in doc["findings"]} <= {"fail", "pass", "not_evaluated"}


def test_output_file(failing_bundle: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, _ = invoke("check", str(failing_bundle), "-f", "json", "-o", str(target))
    assert code == 1 and out == ""
    assert json.loads(target.read_text())["tenant"]["domain"] == "contoso.onmicrosoft.com"


def test_rules_json_lists_metadata() -> None:
    code, out, _ = invoke("rules", "--format", "json")
    rules = json.loads(out)
    assert code == 0
    assert {"id", "name", "severity", "category", "title"} <= set(rules[0])
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)


def test_rule_page_and_unknown_rule() -> None:
    code, out, _ = invoke("rule", "standing-privileged-access")
    assert code == 0 and out.startswith("PIM101 standing-privileged-access") and "Remediation" in out
    code, _, err = invoke("rule", "PIM10l")
    assert code == 2 and "did you mean" in err


def test_unknown_selector_is_usage_error(hardened_bundle: Path) -> None:
    code, _, err = invoke("check", str(hardened_bundle), "--select", "standing-priviledged-access")
    assert code == 2 and "did you mean 'standing-privileged-access'" in err


def test_unknown_config_key(hardened_bundle: Path) -> None:
    (hardened_bundle.parent / "pimlint.toml").write_text('break_glas = ["x"]\n')
    code, _, err = invoke("check", str(hardened_bundle))
    assert code == 2 and "unknown setting 'break_glas'" in err and "did you mean 'break-glass'" in err


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("{\"users\": [", "invalid JSON"),
        ("{\"users\": {\"value\": [{\"id\": 7}]}}", "$.users.value[0].id: expected a string, got 7"),
        ("{\"roleAssignmentScheduleInstances\": [{\"id\": \"a\", \"roleDefinitionId\": \"r\"}]}", "principalId"),
        ("[1, 2]", "single-file bundle is an object"),
        ("{\"usres\": []}", "did you mean 'users'"),
    ],
)
def test_bad_input_one_line_exit_two(tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "bundle.json"
    path.write_text(content)
    proc = subprocess.run([sys.executable, "-m", "pimlint", "check", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1
    assert str(path) in proc.stderr and needle in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("name", ["missing", "report.csv"])
def test_missing_path_and_unknown_format(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text("a,b\n")
    code, _, err = invoke("check", str(path))
    assert code == 2 and str(path) in err


def test_console_command_flushes_everything_before_its_fast_exit(tmp_path: Path) -> None:
    """``pimlint`` ends with ``os._exit`` (no heap teardown): stdout, stderr and the exit code must
    still be complete, for a report larger than any pipe buffer."""
    sample = Path(__file__).resolve().parents[1] / "sample_exports" / "northwind-neglected"
    proc = subprocess.run([sys.executable, "-m", "pimlint", "check", str(sample), "-f", "json", "-v"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and len(proc.stdout) > 100_000
    assert json.loads(proc.stdout)["findings"]
    proc = subprocess.run([sys.executable, "-m", "pimlint", "check", str(tmp_path / "missing")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.startswith("pimlint: error: ") and proc.stdout == ""
