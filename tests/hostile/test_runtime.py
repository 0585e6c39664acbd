"""Never leak, never half-write, never hide a crash: network, output atomicity, Ctrl-C, crashing rules, size cap."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pimlint import output
from pimlint.cli import main
from pimlint.errors import PimlintError
from tests.builders import hardened

REPO = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


# No network ----------------------------------------------------------------------------------------


def test_a_full_check_never_touches_the_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            attempts.append(name)
            raise OSError(f"network disabled in this test ({name})")

        return blocked

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse(name))
    bundle = hardened().write(tmp_path)
    result = _cli("check", str(bundle), "--select", "ALL", "-f", "json", "-o", str(tmp_path / "r.json"))
    assert result.exit_code in (0, 1), result.stderr
    assert attempts == []
    assert json.loads((tmp_path / "r.json").read_text())["crashes"] == []


def test_no_socket_event_in_a_fresh_process(tmp_path: Path) -> None:
    """The audit hook sees every socket operation, even from C code or libraries imported lazily."""
    bundle = hardened().write(tmp_path)
    script = textwrap.dedent(f"""
        import sys
        events = []
        sys.addaudithook(lambda event, args: events.append(event) if event.startswith("socket.") else None)
        from pimlint.cli import main
        try:
            main(["check", {str(bundle)!r}, "--select", "ALL", "-f", "json", "-o", {str(tmp_path / 'r.json')!r}])
        except SystemExit as exit:
            print(exit.code, sorted(set(events)))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120)
    code, events = proc.stdout.split(" ", 1)
    assert code in ("0", "1") and events.strip() == "[]", proc.stdout + proc.stderr


# Output safety --------------------------------------------------------------------------------------


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_write_leaves_the_old_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               failure: BaseException) -> None:
    target = tmp_path / "report.json"
    target.write_text("old report\n")

    def fail(fd: int) -> None:
        raise failure

    monkeypatch.setattr(output.os, "fsync", fail)
    with pytest.raises(PimlintError if isinstance(failure, OSError) else KeyboardInterrupt):
        output.write_atomic(target, "x" * 1_000_000)
    assert target.read_text() == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_renderer_that_raises_leaves_the_old_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pimlint.reporting

    target = tmp_path / "report.json"
    target.write_text("old report\n")

    def broken(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(pimlint.reporting, "render", broken)
    result = _cli("check", str(hardened().write(tmp_path)), "-f", "json", "-o", str(target))
    assert result.exit_code == 3 and "internal error: RuntimeError: renderer bug" in result.stderr
    assert target.read_text() == "old report\n" and not list(tmp_path.glob(".report.json.*"))


def test_a_report_into_a_missing_folder_is_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "report.json"
    result = _cli("check", str(hardened().write(tmp_path)), "-f", "json", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"pimlint: error: {target}: cannot write the report: No such file or directory")


def test_replaced_report_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old")
    target.chmod(0o640)
    output.write_atomic(target, "new")
    assert target.read_text() == "new" and (target.stat().st_mode & 0o777) == 0o640


def test_ctrl_c_exits_130_and_leaves_no_partial_report(tmp_path: Path) -> None:
    """SIGINT arrives while the finished report waits to be renamed into place (the worst moment)."""
    bundle, target, ready = hardened().write(tmp_path), tmp_path / "report.json", tmp_path / "ready"
    target.write_text("old report\n")
    script = textwrap.dedent(f"""
        import os, time
        real_replace = os.replace
        def slow_replace(src, dst):
            open({str(ready)!r}, "w").close()
            time.sleep(60)
            real_replace(src, dst)
        os.replace = slow_replace
        from pimlint.cli import main
        main(["check", {str(bundle)!r}, "-f", "json", "-o", {str(target)!r}])
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 60
    while not ready.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert err.strip() == "pimlint: interrupted"
    assert target.read_text() == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# A crashing rule is isolated ------------------------------------------------------------------------

_CRASHING_RULE = '''\
"""A rule that always crashes.

## What it checks
Nothing: it divides by zero.

## Example
Any bundle.
"""

from pimlint.engine import Severity, rule


@rule(id="HOSTILE1", name="always-crashes", title="Never crashes", severity=Severity.LOW, category="custom",
      rationale="Tests crash isolation.", remediation="None.", references=("https://example.org/a", "https://example.org/b"))
def check(ctx):
    yield from ()
    1 / 0
'''


def test_a_crashing_rule_is_isolated_named_and_exits_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pimlint.api
    from pimlint.engine import registry

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "crash.py").write_text(_CRASHING_RULE)
    real = registry.load_registry
    monkeypatch.setattr(pimlint.api, "load_registry", lambda dirs=(): real((*dirs, pack)))
    target = tmp_path / "report.json"
    result = _cli("check", str(hardened().write(tmp_path)), "--select", "ALL", "-f", "json", "-o", str(target))
    assert result.exit_code == 3
    assert "pimlint: error: rule HOSTILE1 crashed: ZeroDivisionError: division by zero" in result.stderr
    assert "Traceback" not in result.stderr
    doc = json.loads(target.read_text())
    assert doc["crashes"] == [{"rule": "HOSTILE1", "error": "ZeroDivisionError: division by zero"}]
    statuses = {r["id"]: r["status"] for r in doc["rules"]}
    assert statuses.pop("HOSTILE1") == "not_evaluated"
    assert len(statuses) > 20 and "pass" in statuses.values()


# Resource limits -------------------------------------------------------------------------------------


def _peak_rss_mib(path: Path, rss: Path) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run ``pimlint check path`` in a fresh interpreter; its result and peak RSS in MiB."""
    script = textwrap.dedent(f"""
        import resource
        from pimlint.cli import main
        try:
            main(["check", {str(path)!r}])
        finally:
            open({str(rss)!r}, "w").write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120)
    return proc, int(rss.read_text()) // 1024


def test_a_200mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A real 200 MB string, a 100 MB cap: refused with a clear message, without reading it.

    Reading it would add at least 200 MiB to the peak RSS of a run on a tiny bundle (imports and
    rule pack alone), so the difference of the two peaks proves the file was never read.
    """
    path = tmp_path / "bundle.json"
    with path.open("w", encoding="ascii") as handle:
        handle.write('{"users": {"value": [{"id": "')
        chunk = "A" * (1 << 20)
        for _ in range(200):
            handle.write(chunk)
        handle.write('"}]}}')
    (tmp_path / "pimlint.toml").write_text("max-input-mb = 100\n")
    proc, peak_mib = _peak_rss_mib(path, tmp_path / "rss")
    path.unlink()
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (f"pimlint: error: {path}: file is 209,715,234 bytes, above the input limit of 104,857,600 "
                           "bytes (max-input-mb = 100); raise max-input-mb in pimlint.toml if the file is genuine\n")
    small = tmp_path / "small"
    small.mkdir()
    _, baseline_mib = _peak_rss_mib(hardened().write(small), tmp_path / "rss-small")
    assert peak_mib < baseline_mib + 50, f"peak RSS {peak_mib} MiB vs {baseline_mib} MiB on a tiny bundle: it was read"
