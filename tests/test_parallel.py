"""Two processes for one large tenant: the result is the one a single process gives, errors included."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from pimlint import api, forked
from pimlint.config import load_settings
from pimlint.errors import InputError
from pimlint.loading import background
from pimlint.reporting import render
from tests.builders import hardened

REPO = Path(__file__).resolve().parents[1]
SAMPLES = ("northwind-neglected", "fabrikam-smb", "contoso-hardened")

needs_fork = pytest.mark.skipif(not forked.available(), reason="needs Linux and two CPUs")


@pytest.fixture
def eager(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the second process whatever the size of the audit log."""
    monkeypatch.setattr(background, "MIN_BYTES", 0)
    monkeypatch.setattr(api, "OFFLOAD_MIN_EVENTS", 0)


def _run(path: Path, workers: int) -> str:
    settings, _ = load_settings(path, None, {})
    return render(api.check(path, settings, api.CheckOptions(workers=workers)), "json")


@needs_fork
@pytest.mark.parametrize("sample", SAMPLES)
def test_same_result_with_a_second_process(sample: str, eager: None) -> None:
    path = REPO / "sample_exports" / sample
    assert _run(path, 2) == _run(path, 1)


@needs_fork
def test_the_worker_really_reads_the_audit_log(eager: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    log = tmp_path / "pids"
    real = background.encode

    def spy(events: Any) -> Any:
        with log.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return real(events)

    monkeypatch.setattr(background, "encode", spy)
    _run(REPO / "sample_exports" / "northwind-neglected", 2)
    pids = log.read_text().split()
    assert len(pids) == 1 and int(pids[0]) != os.getpid()


@needs_fork
def test_a_worker_that_dies_is_replaced_by_doing_the_work_here(eager: None, monkeypatch: pytest.MonkeyPatch) -> None:
    path = REPO / "sample_exports" / "fabrikam-smb"
    expected = _run(path, 1)

    def die(events: Any) -> Any:
        os._exit(9)

    monkeypatch.setattr(background, "encode", die)
    assert _run(path, 2) == expected


def _bundle(tmp_path: Path, change: dict[str, Any]) -> Path:
    folder = tmp_path / "bundle"
    folder.mkdir()
    for key, value in {**hardened().bundle(), **change}.items():
        (folder / f"{key}.json").write_text(json.dumps(value), encoding="utf-8")
    return folder


def _error(path: Path, workers: int) -> str:
    settings, _ = load_settings(path, None, {})
    with pytest.raises(InputError) as caught:
        api.check(path, settings, api.CheckOptions(workers=workers))
    return str(caught.value)


@needs_fork
def test_the_audit_logs_error_comes_first_as_in_a_single_process(eager: None, tmp_path: Path) -> None:
    doc = hardened().bundle()
    audits = doc["directoryAudits"]
    audits["value"][0]["activityDateTime"] = "not a time"
    users = doc["users"]
    users["value"][0]["accountEnabled"] = "yes"
    path = _bundle(tmp_path, {"directoryAudits": audits, "users": users})
    message = _error(path, 2)
    assert "directoryAudits.json" in message and message == _error(path, 1)


@needs_fork
def test_an_error_elsewhere_is_reported_when_the_audit_log_is_fine(eager: None, tmp_path: Path) -> None:
    users = hardened().bundle()["users"]
    users["value"][0]["accountEnabled"] = "yes"
    path = _bundle(tmp_path, {"users": users})
    message = _error(path, 2)
    assert "users.json" in message and message == _error(path, 1)


@needs_fork
def test_an_audit_log_cut_short_is_dropped_with_its_warning(eager: None, tmp_path: Path) -> None:
    audits = hardened().bundle()["directoryAudits"]
    audits["@odata.nextLink"] = "https://graph.microsoft.com/v1.0/auditLogs/directoryAudits?$skiptoken=1"
    path = _bundle(tmp_path, {"directoryAudits": audits})
    result = json.loads(_run(path, 2))
    assert any("directoryAudits" in w and "next-page link" in w for w in result["warnings"])
    assert _run(path, 2) == _run(path, 1)


@needs_fork
def test_a_crashing_audit_rule_in_the_worker_is_reported_like_any_crash(eager: None, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    shutil.copy(REPO / "tests" / "data" / "crashing_audit_rule.py", pack / "crashing_audit_rule.py")
    path = REPO / "sample_exports" / "northwind-neglected"
    settings, _ = load_settings(path, None, {"select": ["X901", "PIM101"]})  # X901 then goes to the worker
    results = [render(api.check(path, settings, api.CheckOptions(workers=w, rules_dirs=(pack,))), "json")
               for w in (2, 1)]
    assert results[0] == results[1]
    crashes = json.loads(results[0])["crashes"]
    assert [c["rule"] for c in crashes] == ["X901"]


def test_elsewhere_than_linux_everything_runs_in_one_process(eager: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """No fork off Linux (missing on Windows, unsafe on macOS): same result, one process; the
    module itself imports nothing Linux-only."""
    import pimlint.forked as module

    assert "fcntl" not in vars(module)
    path = REPO / "sample_exports" / "northwind-neglected"
    expected = _run(path, 1)
    monkeypatch.setattr(module.sys, "platform", "win32")
    assert not forked.available()
    monkeypatch.setattr(module, "Forked", None)  # would fail if anything still tried to fork
    assert _run(path, 2) == expected


def test_small_exports_never_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """Below the thresholds (an 8 MB audit log, 10,000 audit events) a run stays in one process:
    a pre-commit hook never pays for a fork."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("forked on a small export")

    monkeypatch.setattr(forked, "Forked", refuse)
    for sample in SAMPLES:
        _run(REPO / "sample_exports" / sample, 2)


@needs_fork
@pytest.mark.parametrize("sample", SAMPLES)
def test_same_tenant_model_with_a_second_process(sample: str, eager: None) -> None:
    """The whole model, not only the result: every field of every object is equal."""
    from pimlint.loading.api import load

    path = REPO / "sample_exports" / sample
    two, one = load(path, workers=2), load(path, workers=1)
    assert two.tenant == one.tenant and two.tenant.audit_events
    assert (two.inputs, two.warnings) == (one.inputs, one.warnings)
