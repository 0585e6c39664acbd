"""Property: the normalized tenant does not depend on key casing, envelope or record order."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pimlint.commands.inspect import plain
from pimlint.loading import load

GA = "62e90394-69f5-4237-9190-012177145e10"
EXPORTED = "2025-03-01T00:00:00Z"


def _bundle(users: int, eligible: list[bool]) -> dict[str, list[dict[str, Any]]]:
    ids = [f"{i:08x}-0000-4000-8000-000000000000" for i in range(users)]
    instances = [{"id": f"x{i}", "principalId": ids[i % users], "roleDefinitionId": GA, "directoryScopeId": "/",
                  "memberType": "Direct", "startDateTime": "2025-01-01T00:00:00Z", "endDateTime": None,
                  **({} if flag else {"assignmentType": "Assigned"})} for i, flag in enumerate(eligible)]
    return {
        "users": [{"id": u, "userPrincipalName": f"u{n}@contoso.com", "accountEnabled": True} for n, u in enumerate(ids)],
        "roleEligibilityScheduleInstances": [r for r, flag in zip(instances, eligible) if flag],
        "roleAssignmentScheduleInstances": [r for r, flag in zip(instances, eligible) if not flag],
        "roleManagementPolicies": [{"id": "DirectoryRole_t_p1", "scopeId": "/", "scopeType": "DirectoryRole", "rules": [
            {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment",
             "isExpirationRequired": True, "maximumDuration": "PT4H", "target": {"operations": ["all"]}}]}],
        "roleManagementPolicyAssignments": [{"id": "a", "policyId": "DirectoryRole_t_p1", "scopeId": "/",
                                             "scopeType": "DirectoryRole", "roleDefinitionId": GA}],
    }


def _recase(value: Any, rng: random.Random) -> Any:
    if isinstance(value, list):
        return [_recase(v, rng) for v in value]
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not key.startswith("@"):
                key = rng.choice((key, key[:1].upper() + key[1:], key.upper(), key.lower()))
            out[key] = _recase(item, rng)
        return out
    return value


def _write(root: Path, bundle: dict[str, list[dict[str, Any]]], rng: random.Random) -> None:
    root.mkdir()
    (root / "manifest.json").write_text(json.dumps({"schemaVersion": 1, "tenantId": "t", "exportedAt": EXPORTED}))
    for section, records in bundle.items():
        records = _recase(records, rng)
        rng.shuffle(records)
        envelope = rng.choice(("value", "array", "pages"))
        if envelope == "pages" and records:
            (root / section).mkdir()
            for index, record in enumerate(records):
                (root / section / f"{index:03d}.json").write_text(json.dumps({"value": [record]}))
        elif envelope == "value":
            (root / f"{section}.json").write_text(json.dumps({"@odata.context": "x", "value": records}))
        else:
            (root / f"{section}.json").write_text(json.dumps(records))


def _model(root: Path) -> Any:
    doc = plain(load(root).tenant)
    for key in ("active_assignments", "eligible_assignments", "policies"):
        for item in doc[key]:
            item["source"] = ""
    return doc


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(users=st.integers(1, 4), eligible=st.lists(st.booleans(), min_size=1, max_size=6), seed=st.integers(0, 2**32))
def test_casing_envelope_and_order_do_not_change_the_tenant(tmp_path_factory: Any, users: int, eligible: list[bool],
                                                             seed: int) -> None:
    bundle = _bundle(users, eligible)
    plain_dir = tmp_path_factory.mktemp("plain") / "b"
    _write(plain_dir, bundle, _Identity())
    varied = tmp_path_factory.mktemp("varied") / "b"
    _write(varied, bundle, random.Random(seed))
    assert _model(varied) == _model(plain_dir)


class _Identity(random.Random):
    """Keeps keys, order and the ``value`` envelope: the reference spelling."""

    def choice(self, seq: Any) -> Any:
        return seq[0]

    def shuffle(self, x: Any) -> None:  # type: ignore[override]
        return None
