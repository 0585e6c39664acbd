"""Audit rows → events → activation requests → KPIs, checked against hand-computed numbers."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from pimlint.cli import main
from pimlint.config import Settings
from pimlint.engine.context import Facts, resolve_break_glass
from pimlint.errors import InputError
from pimlint.graph import build_graph
from pimlint.loading.api import load_raw
from pimlint.loading.bundle import from_document
from pimlint.model.activity import ActivityKind, TargetKind
from pimlint.operations.kpis import compute_kpis, percentile
from pimlint.operations.requests import activation_requests
from pimlint.roleclasses import RoleClasses
from tests.builders import DOMAIN, GA, USER_ADMIN, TenantBuilder, gid
from tests.operations.rows import parse


def _tenant() -> TenantBuilder:
    """Hand-computable activity, Mon 5 – Mon 12 October 2026 (see each line)."""
    t = TenantBuilder()
    t.active(t.user("bg-01"), GA)
    t.break_glass.append("bg-01")
    for name in ("approver-1", "approver-2"):
        t.user(name)
    alice, bob, dave = t.user("alice"), t.user("bob"), t.user("dave")
    t.eligible(alice, GA)
    t.eligible(bob, USER_ADMIN)
    t.active(dave, USER_ADMIN)  # standing: dave is the one ungoverned privileged user (2 of 3 governed)
    a1, a2 = gid("approver-1"), gid("approver-2")
    t.activation(alice, GA, "2026-10-05T08:00:00Z", approver=a1, approve_minutes=10, hours=2)  # 1: 2 h, 10 min
    t.activation(alice, GA, "2026-10-06T08:00:00Z", approver=a2, approve_minutes=30, hours=1,  # 2: 1 h, 30 min
                 end="deactivated", justification="INC0100 restore deleted user", ticket="INC0100")
    t.activation(alice, GA, "2026-10-07T08:00:00Z", approver=a1, outcome="denied")  # 3: denied
    t.activation(alice, GA, "2026-10-08T08:00:00Z", approver=a1, approve_minutes=50, hours=2)  # 6: 2 h, 50 min
    t.activation(bob, USER_ADMIN, "2026-10-10T22:00:00Z", hours=4)  # 4: Saturday night, 4 h
    t.activation(bob, USER_ADMIN, "2026-10-12T08:00:00Z", outcome="failed")  # 5: MFA not met
    t.sign_in(gid("bg-01"), "Azure Portal", "2026-10-09T03:00:00Z")  # a use inside the window
    t.sign_in(gid("bg-01"), "Azure Portal", "2026-10-09T02:55:00Z", error=50126)  # failed: not a use
    t.sign_in(gid("bg-01"), "Azure Portal", "2026-09-01T09:00:00Z")  # before the window
    return t


def _facts(t: TenantBuilder) -> Facts:
    tenant = load_raw(from_document(t.bundle(), "bundle.json")).tenant
    settings = Settings.model_validate({"break-glass": [f"bg-01@{DOMAIN}"]})
    return Facts(tenant=tenant, graph=build_graph(tenant), roles=RoleClasses(tenant), settings=settings,
                 break_glass=resolve_break_glass(tenant, settings.break_glass))


def _values(report: object) -> dict[str, tuple[object, int]]:
    return {k.name: (k.value, k.events) for k in report.kpis}  # type: ignore[attr-defined]


def test_full_chain_is_reconstructed() -> None:
    reqs = activation_requests(_facts(_tenant()).tenant)
    assert [r.outcome for r in reqs] == ["completed", "completed", "denied", "completed", "completed", "failed"]
    first, second, denied = reqs[0], reqs[1], reqs[2]
    assert [e.kind for e in first.events] == [ActivityKind.REQUESTED, ActivityKind.APPROVAL_REQUESTED,
                                              ActivityKind.APPROVED, ActivityKind.COMPLETED]
    assert first.end is not None and first.end.kind is ActivityKind.EXPIRED and first.end.actor_is_system
    assert first.granted == first.requested == timedelta(hours=2)
    assert first.approval_wait == timedelta(minutes=10)
    assert [a.actor for a in first.approvals] == [f"approver-1@{DOMAIN}"]
    assert (first.principal, first.role_id, first.scope) == (f"alice@{DOMAIN}", GA, "/")
    assert first.ticket == "ServiceNow CHG0042117" and first.justification == "CHG0042117 rotate app secret"
    assert second.end is not None and second.end.kind is ActivityKind.DEACTIVATED
    assert second.end.time - second.completed.time == timedelta(minutes=30)  # type: ignore[union-attr]
    assert denied.denial is not None and denied.denial.actor == f"approver-1@{DOMAIN}" and denied.completed is None
    assert reqs[5].failures[0].result_reason == "RoleAssignmentRequestPolicyValidationFailed: MfaRule"


def test_kpis_match_hand_computed_numbers() -> None:
    report = compute_kpis(_facts(_tenant()))
    assert (report.window_start, report.window_end) == (parse("2026-10-05T08:00:00Z"), parse("2026-10-12T08:00:00Z"))
    assert _values(report) == {
        "privileged_users_governed_pct": (66.67, 3),  # alice, bob governed; dave standing; bg-01 left out
        "activations_succeeded": (4, 4),
        "activations_failed": (2, 2),  # one denial, one failure
        "avg_activation_hours": (2.25, 4),  # (2 + 1 + 2 + 4) / 4
        "breakglass_uses": (1, 1),
        "approval_minutes_p50": (30, 3),  # nearest rank of 10, 30, 50
        "approval_minutes_p90": (50, 3),
    }
    assert [(r.role, r.succeeded, r.failed, r.denied) for r in report.roles] == [
        ("Global Administrator", 3, 0, 1), ("User Administrator", 1, 1, 0)]
    assert [(a.approver, a.approvals) for a in report.approvers] == [
        (f"approver-1@{DOMAIN}", 2), (f"approver-2@{DOMAIN}", 1)]


def test_kpis_over_since_until() -> None:
    report = compute_kpis(_facts(_tenant()), parse("2026-10-06T00:00:00Z"), parse("2026-10-08T23:59:59Z"))
    values = _values(report)
    assert values["activations_succeeded"] == (2, 2) and values["activations_failed"] == (1, 1)
    assert values["avg_activation_hours"] == (1.5, 2)
    assert values["approval_minutes_p50"] == (30, 2) and values["approval_minutes_p90"] == (50, 2)
    assert values["breakglass_uses"] == (0, 0)


def test_missing_data_says_why() -> None:
    t = _tenant().drop("directoryAudits", "signIns")
    notes = {k.name: (k.value, k.note) for k in compute_kpis(_facts(t)).kpis}
    assert notes["activations_succeeded"] == (None, "directoryAudits not exported")
    assert notes["breakglass_uses"] == (None, "signIns not exported")


def test_percentile_nearest_rank() -> None:
    assert [percentile([5, 1, 3, 2, 4], p) for p in (50, 90, 100)] == [3, 5, 5]


def test_loose_names_groups_and_bad_values() -> None:
    t = TenantBuilder()
    alice = t.user("alice")
    group = t.group("PIM-Tier0", members=())
    t.activation(alice, "member", "2026-10-05T08:00:00Z", group=group)
    t.sections["directoryAudits"][0]["activityDisplayName"] = "add member to role  REQUESTED (PIM activation)"
    req = activation_requests(_facts(t).tenant)[0]
    assert (req.target_kind, req.role_id, req.scope, req.events[0].kind) == (
        TargetKind.GROUP, "member", group, ActivityKind.REQUESTED)
    t.sections["directoryAudits"][1]["additionalDetails"][0]["value"] = "next tuesday"
    with pytest.raises(InputError, match=r"bundle.json: \$\.directoryAudits\.value\[1\]\.additionalDetails\[0\]\.value"):
        _facts(t)


def test_kpis_command_and_check_json(tmp_path: Path) -> None:
    path = _tenant().write(tmp_path)
    runner = CliRunner()
    text = runner.invoke(main, ["kpis", str(path)])
    assert text.exit_code == 0 and "avg_activation_hours" in text.output and "2.25" in text.output
    csv = runner.invoke(main, ["kpis", str(path), "-f", "csv", "--since", "2026-10-06", "--until", "2026-10-08"])
    assert "activations_succeeded,2,requests,2026-10-06T00:00:00+00:00,2026-10-08T23:59:59.999999+00:00,2," in csv.output
    bad = runner.invoke(main, ["kpis", str(path), "--since", "2026-10-09", "--until", "2026-10-01"])
    assert bad.exit_code == 2
    doc = json.loads(runner.invoke(main, ["check", str(path), "-f", "json"]).output)
    assert {k["name"]: k["value"] for k in doc["kpis"]["kpis"]}["activations_succeeded"] == 4
