"""Baseline end to end: create, check only new findings, the multiset ratchet, update, show."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from pimlint.cli import main
from tests.builders import GA, PRA, TenantBuilder, hardened
from tests.config.schemas import SCHEMA_DIR


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def tenant(*standing: str) -> TenantBuilder:
    """The golden tenant plus a standing Global Administrator per name."""
    t = hardened()
    for name in standing:
        t.active(t.user(name), GA)
    return t


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder; its pimlint.toml (written with each bundle) selects PIM101 and the diagnostics."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(t: TenantBuilder, folder: Path, name: str = "bundle.json") -> Path:
    path = t.write(folder, name)
    with (folder / "pimlint.toml").open("a", encoding="utf-8") as handle:
        handle.write('select = ["PIM101", "PIM0"]\n')
    return path


def check_json(bundle: Path, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code, out, err = invoke("check", str(bundle), "-f", "json", *args)
    assert code in (0, 1), err
    return code, json.loads(out)


def principals(doc: dict, status: str) -> list[str]:  # type: ignore[type-arg]
    return sorted(f["resource"]["principal"] for f in doc["findings"] if f["rule"] == "PIM101" and f["status"] == status)


def test_create_then_only_new_findings_fail(folder: Path) -> None:
    bundle = write(tenant("dave", "erin"), folder)
    code, out, _ = invoke("baseline", "create", str(bundle))
    path = folder / ".pimlint" / "baseline.json"
    assert code == 0 and out == f"wrote {path}: 2 entries, 2 findings baselined\n"
    doc = json.loads(path.read_text())
    jsonschema.validate(doc, json.loads((SCHEMA_DIR / "baseline.schema.json").read_text()))
    assert doc["created"] == "2026-11-20T06:00:00Z" and [e["count"] for e in doc["entries"]] == [1, 1]
    assert "bundle.json" not in path.read_text(), "no file names in the baseline"
    code, doc = check_json(bundle)
    assert code == 0 and principals(doc, "baselined") == ["dave@contoso.onmicrosoft.com", "erin@contoso.onmicrosoft.com"]
    assert doc["baseline"] == {"file": str(path), "entries": 2, "baselined": 2, "fixed": 0}
    assert check_json(bundle, "--no-baseline")[0] == 1
    code, _, err = invoke("baseline", "create", str(bundle))
    assert code == 2 and "baseline exists" in err


def test_ratchet_fix_one_add_one_is_visible(folder: Path) -> None:
    bundle = write(tenant("dave", "erin"), folder)
    invoke("baseline", "create", str(bundle))
    renamed = write(tenant("dave", "frank"), folder, "export-2026-12-01.json")
    code, doc = check_json(renamed)
    assert code == 1
    assert principals(doc, "fail") == ["frank@contoso.onmicrosoft.com"]
    assert principals(doc, "baselined") == ["dave@contoso.onmicrosoft.com"]
    assert doc["baseline"]["fixed"] == 1 and doc["baseline"]["baselined"] == 1
    code, out, _ = invoke("check", str(renamed))
    assert " · 1 baselined · 1 fixed since baseline · " in out.splitlines()[-2]


def test_update_prunes_and_add_new_absorbs(folder: Path) -> None:
    bundle = write(tenant("dave", "erin"), folder)
    invoke("baseline", "create", str(bundle))
    path = folder / ".pimlint" / "baseline.json"
    later = write(tenant("dave", "frank"), folder, "later.json")
    code, out, _ = invoke("baseline", "update", str(later))
    assert code == 0 and out == f"updated {path}: 1 fixed pruned, 0 added, 1 entries\n"
    assert check_json(later)[0] == 1, "frank is still new"
    code, out, _ = invoke("baseline", "update", str(later), "--add-new")
    assert code == 0 and out == f"updated {path}: 0 fixed pruned, 1 added, 2 entries\n"
    assert check_json(later)[0] == 0


def test_multiset_counts_and_other_tenants(folder: Path) -> None:
    bundle = write(tenant("dave"), folder)
    invoke("baseline", "create", str(bundle))
    path = folder / ".pimlint" / "baseline.json"
    doc = json.loads(path.read_text())
    other = dict(doc["entries"][0], tenant="another-tenant", fingerprint="0" * 32)
    doc["entries"][0]["count"] = 2
    doc["entries"].append(other)
    path.write_text(json.dumps(doc))
    code, result = check_json(bundle)
    assert code == 0 and result["baseline"] == {"file": str(path), "entries": 1, "baselined": 1, "fixed": 1}
    invoke("baseline", "update", str(bundle))
    entries = json.loads(path.read_text())["entries"]
    assert sorted((e["tenant"], e["count"]) for e in entries) == [
        ("0c9d1f3a-5b7e-4a2c-8d6f-1e3b5a7c9d0f", 1), ("another-tenant", 1)]


def test_rules_not_run_keep_their_entries(folder: Path) -> None:
    t = tenant("dave")
    t.active(t.user("gina"), PRA)
    bundle = write(t, folder)
    invoke("baseline", "create", str(bundle))
    code, doc = check_json(bundle, "--select", "PIM2")
    assert doc["baseline"]["fixed"] == 0


def test_show_and_bad_baseline(folder: Path) -> None:
    bundle = write(tenant("dave"), folder)
    invoke("baseline", "create", str(bundle))
    code, out, _ = invoke("baseline", "show")
    assert code == 0 and "PIM101" in out and out.splitlines()[-1].startswith("1 entries, 1 findings · pimlint ")
    (folder / ".pimlint" / "baseline.json").write_text('{"version": 2}')
    code, _, err = invoke("check", str(bundle))
    assert code == 2 and "invalid baseline: version" in err


def test_show_waivers_drafts_one_waiver_per_entry_that_lint_refuses_until_filled(folder: Path) -> None:
    """``baseline show --format waivers``: a waivers.toml draft matched by fingerprint; empty reason,
    owner and expiry keep it from waiving anything until a person completes it."""
    import tomllib

    bundle = write(tenant("dave", "erin"), folder)
    assert invoke("baseline", "create", str(bundle))[0] == 0
    code, draft, err = invoke("baseline", "show", "--format", "waivers")
    assert code == 0, err
    doc = tomllib.loads(draft)
    entries = json.loads((folder / ".pimlint" / "baseline.json").read_text())["entries"]
    assert sorted(w["match"]["fingerprint"] for w in doc["waivers"]) == sorted(e["fingerprint"] for e in entries)
    assert all(w["rule"] == "PIM101" and w["reason"] == "" for w in doc["waivers"])
    waivers = folder / ".pimlint" / "waivers.toml"
    waivers.write_text(draft, encoding="utf-8")
    code, out, _ = invoke("waivers", "lint")
    assert code != 0, out
    filled = (draft.replace('reason = ""', 'reason = "Migration account, removed with the Q1 cleanup"')
              .replace('owner = ""', 'owner = "secops@contoso.com"').replace('expires = ""', "expires = 2026-12-31"))
    waivers.write_text(filled, encoding="utf-8")
    assert invoke("waivers", "lint", "--as-of", "2026-11-20")[0] == 0
    code, result = check_json(bundle, "--no-baseline")
    assert code == 0 and principals(result, "waived") == ["dave@contoso.onmicrosoft.com", "erin@contoso.onmicrosoft.com"]
