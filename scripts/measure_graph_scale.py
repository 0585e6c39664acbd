"""Measure the privilege-graph stage on a generated large tenant (not a test: run it by hand).

    PYTHONPATH=. python scripts/measure_graph_scale.py [USERS] [MEMBERSHIPS]

Generates a single-file bundle with USERS users (default 100,000) spread over 5,000 ordinary groups
with MEMBERSHIPS memberships in all (default 1,000,000), plus 40 role-assignable groups holding
privileged roles (a few hundred members), PIM-for-Groups eligibilities, Helpdesk/User administrators,
200 applications with owners and one tier-0 Graph permission; then times each stage of a full run.
"""

from __future__ import annotations

import random
import sys
import time
import uuid
from typing import Any

from pimlint.api import evaluate, selected_registry
from pimlint.config import Settings
from pimlint.graph import build_graph
from pimlint.loading.api import load_raw
from pimlint.loading.bundle import from_document
from pimlint.roleclasses import DEFAULT_CRITICAL

NS = uuid.UUID("2b0c6a1e-4d7f-4f3a-9e21-7c5d8b9a0f11")
ROLES = [*DEFAULT_CRITICAL, "729827e3-9c14-49f7-bb1b-9608f156bbb8", "fe930be7-5e62-47db-91af-98c3a49a38b1",
         "fdd7a751-b60b-444a-984c-02652fe8fa1c", "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"]


def gid(name: str) -> str:
    return str(uuid.uuid5(NS, name))


def ref(oid: str) -> dict[str, str]:
    return {"@odata.type": "#microsoft.graph.user", "id": oid}


def bundle(n_users: int, n_memberships: int, seed: int = 7) -> dict[str, Any]:
    rnd = random.Random(seed)
    users = [gid(f"u{i}") for i in range(n_users)]
    groups: list[dict[str, Any]] = []
    per_group = n_memberships // 5000
    for i in range(5000):
        members = rnd.sample(users, per_group)
        groups.append({"id": gid(f"g{i}"), "displayName": f"Group {i}", "isAssignableToRole": False,
                       "securityEnabled": True, "members": [ref(m) for m in members], "owners": [ref(users[i])]})
    eligible, active, pim = [], [], []
    for i in range(40):
        gid_ = gid(f"rag{i}")
        groups.append({"id": gid_, "displayName": f"Admins {i}", "isAssignableToRole": True, "securityEnabled": True,
                       "members": [ref(m) for m in rnd.sample(users, 8)], "owners": [ref(rnd.choice(users))]})
        row = {"id": gid(f"ra{i}"), "principalId": gid_, "roleDefinitionId": ROLES[i % len(ROLES)],
               "directoryScopeId": "/", "startDateTime": "2025-01-01T00:00:00Z", "endDateTime": None,
               "memberType": "Direct"}
        (active if i % 3 == 0 else eligible).append({**row, "assignmentType": "Assigned"} if i % 3 == 0 else row)
        for j in range(5):
            pim.append({"id": gid(f"pim{i}-{j}"), "groupId": gid_, "principalId": rnd.choice(users),
                        "accessId": "member", "memberType": "Direct", "startDateTime": "2025-06-01T00:00:00Z",
                        "endDateTime": "2027-01-01T00:00:00Z"})
    for i in range(300):
        eligible.append({"id": gid(f"re{i}"), "principalId": users[i * 7], "roleDefinitionId": ROLES[i % len(ROLES)],
                         "directoryScopeId": "/", "startDateTime": "2025-01-01T00:00:00Z",
                         "endDateTime": "2027-01-01T00:00:00Z", "memberType": "Direct"})
    sps, apps = [], []
    graph_sp = gid("graph-sp")
    sps.append({"id": graph_sp, "appId": "00000003-0000-0000-c000-000000000000", "displayName": "Microsoft Graph"})
    for i in range(200):
        grants = [{"appRoleId": "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8", "resourceId": graph_sp}] if i == 0 else []
        sps.append({"id": gid(f"sp{i}"), "appId": gid(f"app{i}"), "displayName": f"App {i}",
                    "appRoleAssignments": grants, "owners": [ref(rnd.choice(users))]})
        apps.append({"id": gid(f"appobj{i}"), "appId": gid(f"app{i}"), "displayName": f"App {i}",
                     "owners": [ref(rnd.choice(users))]})
    sections = {
        "users": [{"id": u, "userPrincipalName": f"user{i}@contoso.onmicrosoft.com", "accountEnabled": True}
                  for i, u in enumerate(users)],
        "groups": groups, "servicePrincipals": sps, "applications": apps,
        "roleAssignmentScheduleInstances": active, "roleEligibilityScheduleInstances": eligible,
        "privilegedAccessGroupEligibilityScheduleInstances": pim,
    }
    doc: dict[str, Any] = {"manifest": {"schemaVersion": 1, "tenantId": gid("tenant"),
                                        "tenantDomain": "contoso.onmicrosoft.com", "exportedAt": "2026-11-20T06:00:00Z"}}
    doc.update({k: {"value": v} for k, v in sections.items()})
    return doc


def main() -> None:
    n_users = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_memberships = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    t0 = time.perf_counter()
    doc = bundle(n_users, n_memberships)
    t1 = time.perf_counter()
    loaded = load_raw(from_document(doc, "bundle.json"))
    t2 = time.perf_counter()
    pg = build_graph(loaded.tenant)
    t3 = time.perf_counter()
    tree = pg.search(pg.tier0_targets(DEFAULT_CRITICAL))
    t4 = time.perf_counter()
    config = Settings.model_validate({})
    result = evaluate(loaded, config, selected_registry(config))
    t5 = time.perf_counter()
    print(f"tenant: {n_users} users, {n_memberships} memberships in 5000 groups + 40 role-assignable groups")
    print(f"generate bundle (dicts)      {t1 - t0:7.2f} s")
    print(f"load + validate + normalize  {t2 - t1:7.2f} s")
    print(f"graph build (+ holdings)     {t3 - t2:7.2f} s   {pg.graph.number_of_nodes()} nodes, "
          f"{pg.graph.number_of_edges()} edges, {len(pg.holdings)} holdings")
    print(f"tier-0 search (lazy edges)   {t4 - t3:7.2f} s   {len(tree.reached())} nodes reach tier 0")
    print(f"evaluate (graph + all rules) {t5 - t4:7.2f} s   {len(result.findings)} findings")


if __name__ == "__main__":
    main()
