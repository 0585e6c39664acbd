"""Waivers end to end: active, expired, unused and invalid waivers through the CLI; lint and list."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from pimlint.cli import main
from tests.builders import GA, hardened
from tests.config.schemas import SCHEMA_DIR

DAVE = "dave@contoso.onmicrosoft.com"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def waiver(wid: str = "W-1", expires: str | None = "2026-12-31", kind: str = "accepted-risk",
           reason: str = "Migration account, removed after the cut-over weekend", rule: str = "PIM101",
           principal: str = DAVE) -> str:
    expiry = f"expires = {expires}\n" if expires else ""
    return (f'[[waivers]]\nid = "{wid}"\nrule = "{rule}"\nkind = "{kind}"\nreason = "{reason}"\n'
            f'owner = "secops@contoso.com"\n{expiry}[waivers.match]\nprincipal = "{principal}"\n'
            f'role = "Global Administrator"\n')


@pytest.fixture
def bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A standing GA for dave (PIM101 fails once), exported 2026-11-20; cwd = the bundle folder.

    Its pimlint.toml selects PIM101 and the diagnostics, so other rules cannot change the exit codes.
    """
    t = hardened()
    t.active(t.user("dave"), GA)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".pimlint").mkdir()
    path = t.write(tmp_path)
    with (tmp_path / "pimlint.toml").open("a", encoding="utf-8") as handle:
        handle.write('select = ["PIM101", "PIM0"]\n')
    return path


def write_waivers(bundle: Path, *entries: str) -> Path:
    path = bundle.parent / ".pimlint" / "waivers.toml"
    path.write_text("version = 1\n\n" + "\n".join(entries), encoding="utf-8")
    return path


def run_json(bundle: Path, *args: str) -> tuple[int, dict[str, object]]:
    code, out, err = invoke("check", str(bundle), "-f", "json", *args)
    assert code in (0, 1), err
    return code, json.loads(out)


def by_rule(doc: dict, rule: str) -> list[dict]:  # type: ignore[type-arg]
    return [f for f in doc["findings"] if f["rule"] == rule]


def test_active_waiver_waives_and_passes_the_gate(bundle: Path) -> None:
    write_waivers(bundle, waiver())
    code, doc = run_json(bundle)
    assert code == 0
    [pim101] = [f for f in by_rule(doc, "PIM101") if f["resource"]["principal"] == DAVE]
    assert pim101["status"] == "waived"
    assert pim101["waiver"] == {"id": "W-1", "kind": "accepted-risk", "owner": "secops@contoso.com",
                                "reason": "Migration account, removed after the cut-over weekend",
                                "ticket": None, "expires": "2026-12-31"}
    assert doc["waivers"] == [{"id": "W-1", "rule": "PIM101", "kind": "accepted-risk", "owner": "secops@contoso.com",
                               "expires": "2026-12-31", "state": "active", "matched": 1}]
    assert {f["status"] for f in by_rule(doc, "PIM010") + by_rule(doc, "PIM011")} == {"pass"}
    code, out, _ = invoke("check", str(bundle), "--show-waived")
    assert code == 0
    assert "[waived: waiver W-1 (accepted-risk, until 2026-12-31)]" in out
    assert " · 1 waived · " in out.splitlines()[-1]


def test_expired_waiver_counts_again_and_pim010_fires(bundle: Path) -> None:
    write_waivers(bundle, waiver(expires="2026-11-19"))
    code, doc = run_json(bundle)
    assert code == 1
    [pim101] = [f for f in by_rule(doc, "PIM101") if f["resource"]["principal"] == DAVE]
    assert pim101["status"] == "fail" and pim101["waiver"]["id"] == "W-1"
    [pim010] = [f for f in by_rule(doc, "PIM010") if f["status"] == "fail"]
    assert pim010["message"] == "waiver W-1 for PIM101 expired on 2026-11-19; 1 finding of PIM101 counts again"
    assert pim010["severity"] == "medium"
    assert doc["waivers"][0]["state"] == "expired"
    assert run_json(bundle, "--as-of", "2026-11-19")[0] == 0, "good through its last day"


def test_unused_waiver_pim011(bundle: Path) -> None:
    write_waivers(bundle, waiver(), waiver("W-2", principal="erin@contoso.onmicrosoft.com"))
    code, doc = run_json(bundle)
    assert code == 1
    fails = [f for f in by_rule(doc, "PIM011") if f["status"] == "fail"]
    assert [f["message"] for f in fails] == ["waiver W-2 for PIM101 matches no finding"]
    assert fails[0]["severity"] == "low"
    assert run_json(bundle, "--fail-on", "medium")[0] == 0
    assert [o["state"] for o in doc["waivers"]] == ["active", "unused"]


def test_waiver_by_rule_name_and_glob(bundle: Path) -> None:
    write_waivers(bundle, waiver(rule="standing-privileged-access", principal="glob:dave@*"))
    code, doc = run_json(bundle)
    assert code == 0 and doc["waivers"][0]["state"] == "active"


def test_no_waivers_is_audit_mode(bundle: Path) -> None:
    write_waivers(bundle, waiver())
    code, doc = run_json(bundle, "--no-waivers")
    assert code == 1 and doc["waivers"] is None
    assert {f["status"] for f in by_rule(doc, "PIM010") + by_rule(doc, "PIM011")} == {"not_evaluated"}


@pytest.mark.parametrize(
    ("entry", "needle"),
    [
        (waiver(reason="because"), "waiver W-1: reason: String should have at least 20 characters"),
        (waiver(expires=None), "waiver W-1: expires is required for kind 'accepted-risk'"),
        (waiver(rule="PIM999"), "waiver W-1: unknown rule 'PIM999'"),
        (waiver(expires="2027-12-31"), "waiver W-1: expires 2027-12-31 is more than max-waiver-days (180) after 2026-11-20"),
        (waiver(kind="accepted"), "waiver W-1: kind: Input should be 'accepted-risk', 'false-positive' or 'not-applicable'"),
        (waiver() + "\n" + waiver(), "waiver W-1: duplicate waiver id"),
    ],
)
def test_invalid_waiver_is_exit_two_in_check_and_one_in_lint(bundle: Path, entry: str, needle: str) -> None:
    path = write_waivers(bundle, entry)
    code, out, err = invoke("check", str(bundle))
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert f"{path}: {needle}" in err and "pimlint waivers lint" in err
    code, out, _ = invoke("waivers", "lint", "--as-of", "2026-11-20")
    assert code == 1
    assert f"{path}: {needle}" in out


def test_lint_clean_expired_and_unreadable(bundle: Path) -> None:
    path = write_waivers(bundle, waiver(), waiver("W-NA", kind="not-applicable", expires=None))
    code, out, _ = invoke("waivers", "lint", "--as-of", "2026-11-20")
    assert (code, out) == (0, "2 valid waivers, 0 problems (as of 2026-11-20)\n")
    code, out, _ = invoke("waivers", "lint", "--as-of", "2027-01-01")
    assert code == 1 and "waiver W-1: expired on 2026-12-31" in out
    path.write_text("[[waivers]\n")
    code, _, err = invoke("waivers", "lint")
    assert code == 2 and "invalid TOML" in err
    assert invoke("waivers", "lint", str(bundle.parent / "missing.toml"))[0] == 2


def test_list_states_and_expiring_within(bundle: Path) -> None:
    write_waivers(bundle, waiver(expires="2026-12-01"), waiver("W-2", expires="2027-03-01",
                                                               principal="erin@contoso.onmicrosoft.com"))
    code, out, _ = invoke("waivers", "list", "--bundle", str(bundle), "-f", "json")
    assert code == 0
    assert [(r["id"], r["state"]) for r in json.loads(out)] == [("W-1", "active"), ("W-2", "unused")]
    code, out, _ = invoke("waivers", "list", "--expiring-within", "30d", "--as-of", "2026-11-20", "-f", "json")
    assert [(r["id"], r["state"]) for r in json.loads(out)] == [("W-1", "expiring")]


def test_waiver_file_matches_its_schema(bundle: Path) -> None:
    path = write_waivers(bundle, waiver(), waiver("W-NA", kind="not-applicable", expires=None))
    data = json.loads(json.dumps(tomllib.loads(path.read_text()), default=str))
    schema = json.loads((SCHEMA_DIR / "waivers.schema.json").read_text())
    jsonschema.validate(data, schema)
    data["waivers"][0].pop("expires")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
