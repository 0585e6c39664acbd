"""``pimlint diff``: privilege changes between two exports, field by field, in three formats."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pimlint.cli import main
from tests.builders import GA, PRA, TenantBuilder, gid, hardened
from tests.graph.tenants import group_policy


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def pair(tmp_path: Path, old: TenantBuilder, new: TenantBuilder) -> tuple[str, str]:
    return str(old.write(tmp_path, "old.json")), str(new.write(tmp_path, "new.json"))


def diff_json(*args: str) -> dict:  # type: ignore[type-arg]
    code, out, err = invoke("diff", *args, "-f", "json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_ga_activation_longer_and_approval_off_are_exactly_two_weakenings(tmp_path: Path) -> None:
    old = hardened()
    old.policy(GA, duration="PT1H")
    new = hardened()
    new.policy(GA, duration="PT8H", approval=False)
    paths = pair(tmp_path, old, new)
    doc = diff_json(*paths)
    assert doc["changes"] == [
        {"kind": "policy", "subject": "Global Administrator", "field": "activation duration", "old": "1 h",
         "new": "8 h", "effect": "weaken"},
        {"kind": "policy", "subject": "Global Administrator", "field": "approval required", "old": "on",
         "new": "off", "effect": "weaken"},
    ]
    assert doc["weakened"] is True
    assert [f["rule"] for f in doc["appeared"]] == ["PIM204", "PIM206"] and doc["disappeared"] == []
    assert invoke("diff", *paths, "--fail-on-weaken")[0] == 1
    assert invoke("diff", *reversed(paths), "--fail-on-weaken")[0] == 0, "the reverse strengthens"
    code, out, _ = invoke("diff", *paths)
    assert "Weakened (2):\n  Global Administrator: activation duration 1 h → 8 h\n" in out
    assert out.splitlines()[-1].startswith("posture weakened: 2 weakened · 0 strengthened")
    code, out, _ = invoke("diff", *paths, "-f", "markdown")
    assert "| weaken | Global Administrator | approval required | on | off |" in out


def test_new_holders_and_standing_access(tmp_path: Path) -> None:
    old = hardened()
    old.user("dave")
    new = hardened()
    dave = new.user("dave")
    new.active(dave, GA)
    new.active(gid("adm-bob"), PRA)
    doc = diff_json(*pair(tmp_path, old, new))
    holders = [(c["subject"], c["old"], c["new"], c["effect"]) for c in doc["changes"] if c["kind"] == "holder"]
    assert ("dave@contoso.onmicrosoft.com (user) → Global Administrator", None, "standing", "weaken") in holders
    assert ("adm-bob@contoso.onmicrosoft.com (user) → Privileged Role Administrator", None, "standing",
            "weaken") in holders
    assert len(holders) == 2
    assert {f["rule"] for f in doc["appeared"]} >= {"PIM101"}


def test_eligible_to_standing_and_removed_holder(tmp_path: Path) -> None:
    old = hardened()
    new = hardened()
    new.sections["roleEligibilityScheduleInstances"] = [
        e for e in new.sections["roleEligibilityScheduleInstances"] if e["principalId"] != gid("adm-bob")]
    new.active(gid("adm-alice"), GA)
    doc = diff_json(*pair(tmp_path, old, new))
    holders = {c["subject"]: (c["old"], c["new"], c["effect"]) for c in doc["changes"] if c["kind"] == "holder"}
    assert holders == {
        "adm-alice@contoso.onmicrosoft.com (user) → Global Administrator": ("eligible", "standing", "weaken"),
        "adm-bob@contoso.onmicrosoft.com (user) → User Administrator": ("eligible", None, "strengthen"),
    }


def test_notifications_mfa_and_approvers_field_by_field(tmp_path: Path) -> None:
    old = hardened()
    new = hardened()
    new.policy(PRA, mfa=False, notify_default=False, recipients=(), approvers=("approver-1",))
    doc = diff_json(*pair(tmp_path, old, new))
    fields = {c["field"]: (c["old"], c["new"], c["effect"]) for c in doc["changes"]}
    assert fields.pop("MFA on activation") == ("on", "off", "weaken")
    assert fields.pop("approvers") == ("approver-1@contoso.onmicrosoft.com, approver-2@contoso.onmicrosoft.com",
                                       "approver-1@contoso.onmicrosoft.com", "neutral")
    assert len(fields) == 9 and all(k.startswith("notification ") for k in fields)
    assert set(fields.values()) == {("on", "off", "weaken")}


def test_identical_exports_no_changes(tmp_path: Path) -> None:
    paths = pair(tmp_path, hardened(), hardened())
    code, out, _ = invoke("diff", *paths, "--fail-on-weaken")
    assert code == 0
    assert out.splitlines()[-1] == ("posture not weakened: 0 weakened · 0 strengthened · 0 other changes · "
                                    "0 new escalation paths · 0 findings appeared · 0 disappeared")


def test_pim_for_groups_policy_of_a_privileged_group_is_compared(tmp_path: Path) -> None:
    """Weakening the activation of a group that holds Global Administrator weakens posture; the
    same change on a group without a privileged role is not a privilege change."""
    builders = []
    for duration, approval in (("PT1H", True), ("PT8H", False)):
        t = hardened()
        tier0 = t.group("PIM-Tier0", role_assignable=True)
        t.active(tier0, GA)
        plain = t.group("Project-X", role_assignable=False)
        group_policy(t, tier0, "member", duration=duration, approval=approval)
        group_policy(t, plain, "member", duration=duration, approval=approval)
        builders.append(t)
    doc = diff_json(*pair(tmp_path, *builders))
    group_changes = [c for c in doc["changes"] if "PIM for Groups" in c["subject"]]
    assert group_changes == [
        {"kind": "policy", "subject": "member of PIM-Tier0 (PIM for Groups)", "field": "activation duration",
         "old": "1 h", "new": "8 h", "effect": "weaken"},
        {"kind": "policy", "subject": "member of PIM-Tier0 (PIM for Groups)", "field": "approval required",
         "old": "on", "new": "off", "effect": "weaken"},
    ]
    assert doc["weakened"] is True
