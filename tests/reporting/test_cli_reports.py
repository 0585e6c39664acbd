"""The report options of ``pimlint check`` and ``pimlint report``, end to end through the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pimlint.cli import main
from pimlint.reporting import FORMATS, render
from pimlint.result import RunResult
from tests.builders import GA, TENANT_ID, gid, hardened
from tests.reporting.conftest import CORE_RULES, SAMPLES

CORE = ",".join(CORE_RULES)
XSS = "<script>alert(1)</script>"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_one_run_writes_every_report_and_the_exit_code_ignores_formats(failing_bundle: Path, tmp_path: Path) -> None:
    outputs = {fmt: tmp_path / f"r.{fmt}" for fmt in ("json", "sarif", "junit", "csv", "markdown", "html")}
    flags = [arg for fmt, path in outputs.items() for arg in (f"--{fmt}-output", str(path))]
    code, out, _ = invoke("check", str(failing_bundle), *flags)
    assert code == 1 and out.startswith("PIM101 [critical]")
    assert all(p.read_text() for p in outputs.values())
    for fmt in FORMATS:
        code, direct, _ = invoke("check", str(failing_bundle), "-f", fmt)
        assert code == 1, fmt
        assert invoke("report", "--from", str(outputs["json"]), "-f", fmt)[1:] == (direct, ""), fmt


def test_report_rejects_what_is_not_a_result(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"findings": []}')
    code, _, err = invoke("report", "--from", str(bad))
    assert code == 2 and "not a pimlint result" in err and str(bad) in err


def test_fail_under(failing_bundle: Path, tmp_path: Path) -> None:
    (tmp_path / "clean").mkdir()
    clean = hardened().write(tmp_path / "clean")
    assert invoke("check", str(clean), "--select", CORE, "--fail-under", "100")[0] == 0
    code, out, _ = invoke("check", str(failing_bundle), "--select", CORE, "--fail-on", "never", "--fail-under", "99",
                          "-f", "json")
    gate = json.loads(out)["gate"]
    assert code == 1 and gate["score_below"] is True and gate["fail_under"] == 99 and gate["failing"] == 0
    assert invoke("check", str(failing_bundle), "--select", CORE, "--fail-on", "never", "--fail-under", "1")[0] == 0


def test_redact_every_format(tmp_path: Path) -> None:
    t = hardened()
    t.active(t.user("dave"), GA)
    bundle = t.write(tmp_path)
    texts = {fmt: invoke("check", str(bundle), "--redact", "-f", fmt)[1] for fmt in FORMATS}
    doc = json.loads(texts["json"])
    alias = doc["findings"][0]["resource"]["principal"]
    assert alias.startswith("user-") and len(alias) == 11 and doc["findings"][0]["resource"]["principal_id"] == alias
    for fmt, text in texts.items():
        for secret in ("dave", "Dave", TENANT_ID, gid("dave")):
            assert secret not in text, (fmt, secret)
        if fmt not in ("sarif", "markdown", "html"):  # these quote rule documentation, whose examples name contoso
            assert "contoso" not in text, fmt
        if fmt != "csv" or "PIM101" in text:
            assert alias in text, fmt
    again = invoke("check", str(bundle), "--redact", "-f", "json")[1]
    assert again == texts["json"]
    saved = tmp_path / "plain.json"
    assert invoke("check", str(bundle), "--json-output", str(saved))[0] == 1 and "dave@" in saved.read_text()
    later = invoke("report", "--from", str(saved), "--redact")[1]
    assert "dave" not in later and TENANT_ID not in later and alias in later


def test_export_values_are_escaped(tmp_path: Path) -> None:
    t = hardened()
    t.active(t.group(XSS), GA)
    bundle = t.write(tmp_path)
    page = invoke("check", str(bundle), "-f", "html")[1]
    assert XSS not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script" not in page
    markdown = invoke("check", str(bundle), "-f", "markdown")[1]
    assert XSS not in markdown and "&lt;script>alert(1)&lt;/script>" in markdown


def test_many_tenants_parallel_is_byte_identical(tmp_path: Path) -> None:
    paths = [str(p) for p in sorted(SAMPLES.iterdir()) if p.is_dir()]
    runs = {}
    for jobs in ("1", "2"):
        folder = tmp_path / f"jobs{jobs}"
        code, out, _ = invoke("check", *paths, "--jobs", jobs, "-o", str(folder), "-f", "json",
                              "--sarif-output", "pimlint.sarif")
        runs[jobs] = (code, out, {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*.*"))})
    assert runs["1"] == runs["2"]
    code, out, files = runs["1"]
    rollup = json.loads(out)
    assert code == 1 == rollup["exit_code"]
    assert [row["tenant"] for row in rollup["tenants"]] == [
        "contoso.onmicrosoft.com", "fabrikam.onmicrosoft.com", "northwindtraders.onmicrosoft.com"]
    assert Path("fabrikam-smb/report.json") in files and Path("northwind-neglected/pimlint.sarif") in files
    single = invoke("check", paths[1], "-f", "json")[1]
    assert files[Path("fabrikam-smb/report.json")].decode() == single


def test_many_tenants_table_and_worst_exit(tmp_path: Path) -> None:
    good = SAMPLES / "contoso-hardened"
    code, out, _ = invoke("check", str(good), str(tmp_path / "missing"), "--jobs", "1")
    lines = out.splitlines()
    assert code == 2
    assert lines[0].split()[:3] == ["tenant", "score", "grade"]
    assert lines[2].split()[0] == "contoso.onmicrosoft.com" and lines[2].split()[2] in "ABCDEF"
    assert any(line.startswith("error: missing: ") for line in lines)
    assert lines[-1].startswith("2 tenants · ") and lines[-1].endswith(" not clean · worst exit code 2")
    assert invoke("check", str(good), str(good), "--html-output", "r.html")[0] == 2


CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None)


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)")
def test_html_renders_in_headless_chromium_without_console_errors(tmp_path: Path) -> None:
    t = hardened()
    t.active(t.group(XSS), GA)
    bundle = t.write(tmp_path)
    page = tmp_path / "report.html"
    code, _, _ = invoke("check", str(bundle), "--html-output", str(page))
    assert code == 1
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120,
        )
    dom = proc.stdout
    score = json.loads(invoke("check", str(bundle), "-f", "json")[1])["score"]
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f'class="gauge-value" fill="#111827">{score["value"]}</text>' in dom
    assert f"Grade {score['grade']}" in dom and "Executive summary" in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not console, console


def test_sarif_include_waived_reaches_check_and_report(tmp_path: Path, fabrikam: RunResult) -> None:
    """``--sarif-include-waived`` carries waived findings as suppressed SARIF results (check and report)."""
    from tests.reporting.test_formats import waived

    saved = tmp_path / "result.json"
    saved.write_text(render(waived(fabrikam), "json"), encoding="utf-8")
    runs = {}
    for flag in ((), ("--sarif-include-waived",)):
        out = tmp_path / f"r{len(flag)}.sarif"
        result = CliRunner().invoke(main, ["report", "--from", str(saved), "-f", "sarif", "-o", str(out), *flag])
        assert result.exit_code == 0, result.stderr
        runs[bool(flag)] = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    suppressed = [r for r in runs[True] if r.get("suppressions")]
    assert suppressed and not any(r.get("suppressions") for r in runs[False])
    assert len(runs[True]) == len(runs[False]) + len(suppressed)
    sample = Path(__file__).resolve().parents[2] / "sample_exports" / "fabrikam-smb"
    out = tmp_path / "check.sarif"
    result = CliRunner().invoke(main, ["check", str(sample), "--sarif-output", str(out), "--sarif-include-waived"])
    assert result.exit_code in (0, 1), result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"
