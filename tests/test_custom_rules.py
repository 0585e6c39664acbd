"""Custom rule packs: the docs/custom-rules.md example, --rules-dir, entry points, --trust-config."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from pimlint.engine import registry
from pimlint.levels import Status
from tests.builders import GA, gid, hardened
from tests.conftest import REPO
from tests.harness import failed, run, statuses

EXAMPLE = REPO / "docs" / "examples" / "rulepack"


def _with_approver_group(extra_approver: bool) -> object:
    t = hardened()
    t.group("PIM-Approvers", members=(gid("approver-1"), gid("approver-2")), role_assignable=False)
    if extra_approver:
        t.policy(GA, approvers=("approver-1", "approver-2", "carol"))
    return t


def _run_example(builder: object) -> object:
    return run(builder, select=("ACME-001",), **{"rules-dir": [str(EXAMPLE)]})


def test_example_pack_passes_and_fails_as_documented() -> None:
    assert statuses(_run_example(_with_approver_group(False)), "ACME-001") == {Status.PASS}
    result = _run_example(_with_approver_group(True))
    assert failed(result, "ACME-001") == [("carol@contoso.onmicrosoft.com", "Global Administrator")]
    assert statuses(_run_example(hardened()), "ACME-001") == {Status.NOT_EVALUATED}


def test_custom_ids_may_not_use_the_pim_prefix(tmp_path: Path) -> None:
    text = (EXAMPLE / "acme001_ga_approvers_in_group.py").read_text().replace('"ACME-001"', '"PIM999"')
    (tmp_path / "bad.py").write_text(text)
    with pytest.raises(registry.RulePackLoadError, match="own prefix"):
        registry.load_registry((tmp_path,))


def test_entry_point_pack_goes_through_the_same_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    module = SimpleNamespace(__file__=str(EXAMPLE / "__init__.py"))
    point = SimpleNamespace(name="acme", value="acme_rules", load=lambda: module)
    monkeypatch.setattr(registry, "entry_points", lambda group: [point] if group == "pimlint.rules" else [])
    assert registry.load_registry().get("ACME-001") is not None
    broken = SimpleNamespace(name="broken", value="nope", load=lambda: (_ for _ in ()).throw(ImportError("gone")))
    monkeypatch.setattr(registry, "entry_points", lambda group: [broken])
    with pytest.raises(registry.RulePackLoadError, match="'broken'.*ImportError: gone"):
        registry.load_registry()


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pimlint", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(REPO), "PATH": ""})


def test_pack_named_in_a_discovered_config_needs_trust(tmp_path: Path) -> None:
    bundle = hardened().write(tmp_path)
    shutil.copytree(EXAMPLE, tmp_path / "pack")
    with (tmp_path / "pimlint.toml").open("a", encoding="utf-8") as handle:
        handle.write('rules-dir = ["pack"]\n')
    refused = _cli("check", str(bundle), "--select", "ACME-001", cwd=tmp_path)
    assert refused.returncode == 2
    assert "--trust-config" in refused.stderr and "rules-dir" in refused.stderr
    trusted = _cli("check", str(bundle), "--select", "ACME-001", "--trust-config", "--format", "json", cwd=tmp_path)
    assert trusted.returncode == 0, trusted.stderr
    assert [r["id"] for r in json.loads(trusted.stdout)["rules"]] == ["ACME-001"]
    named = _cli("check", str(bundle), "--select", "ACME-001", "--config", str(tmp_path / "pimlint.toml"), cwd=tmp_path)
    assert named.returncode == 0, named.stderr
