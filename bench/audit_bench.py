"""Benchmark: a 200,000-row PIM audit log through load, the PIM8xx rules and the KPIs.

Not a test. Run ``python bench/audit_bench.py [ROWS]`` from the repository root; it writes a
single-file bundle to a temporary folder (rows from ``tests/operations/rows.py``: activation
chains with approvals, denials, failures, expiries and deactivations over 90 days) and prints the
time of each stage.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pimlint.api import evaluate, selected_registry, without_cyclic_gc  # noqa: E402
from pimlint.config import Settings  # noqa: E402
from pimlint.loading.api import load  # noqa: E402
from pimlint.operations.kpis import compute_kpis  # noqa: E402
from pimlint.operations.requests import activation_requests  # noqa: E402
from tests.builders import CRITICAL, DOMAIN, USER_ADMIN, EXCHANGE_ADMIN, TenantBuilder, gid  # noqa: E402
from tests.operations.rows import activation_rows  # noqa: E402

ROLES = (*CRITICAL[:2], USER_ADMIN, EXCHANGE_ADMIN)


def build(rows: int, seed: int = 6) -> TenantBuilder:
    """A tenant of 2,000 admins whose activations add up to ``rows`` audit rows."""
    rng = random.Random(seed)
    t = TenantBuilder()
    admins = [t.user(f"adm-{i:04d}") for i in range(2000)]
    approvers = [t.user(f"approver-{i}") for i in range(8)]
    for i, admin in enumerate(admins):
        t.eligible(admin, ROLES[i % len(ROLES)])
    for role in ROLES:
        t.policy(role, approval=role in CRITICAL, duration="PT4H")
    start = datetime(2026, 8, 20, tzinfo=UTC)
    objects = {o["id"]: {"userPrincipalName": None, **o} for o in t.sections["users"]}
    audit = t.sections["directoryAudits"]
    while len(audit) < rows:
        i = rng.randrange(len(admins))
        role = ROLES[i % len(ROLES)]
        when = start + timedelta(minutes=rng.randrange(90 * 24 * 60))
        outcome = rng.choices(("completed", "denied", "failed"), (90, 4, 6))[0]
        audit.extend(activation_rows(
            when, principal=objects[admins[i]], role=role, tenant="contoso", hours=rng.choice((1, 2, 4)),
            approver=objects[rng.choice(approvers)] if role in CRITICAL else None, outcome=outcome,
            approve_minutes=rng.randrange(1, 120), end=rng.choice(("expired", "deactivated")),
            justification=rng.choice(("CHG0042117 rotate app secret", "fix", "INC0100 restore deleted user"))))
    del audit[rows:]
    for i in range(200):
        t.sign_in(gid("adm-0000"), "Azure Portal", f"2026-10-{1 + i % 28:02d}T09:{i % 60:02d}:00Z")
    return t


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bundle.json"
        path.write_text(json.dumps(build(rows).bundle()), encoding="utf-8")
        print(f"{rows} audit rows, {path.stat().st_size / 1e6:.0f} MB")
        clock = time.perf_counter()
        loaded = load(path)
        loaded_at = time.perf_counter()
        settings = Settings.model_validate({"break-glass": [f"adm-0000@{DOMAIN}"], "select": ["PIM8"]})
        result = evaluate(loaded, settings, selected_registry(settings))
        ruled_at = time.perf_counter()
        print(f"load (read, canonicalize, validate, normalize): {loaded_at - clock:.2f} s")
        print(f"graph + PIM801-PIM808 + KPIs (check):          {ruled_at - loaded_at:.2f} s")
        requests = activation_requests(loaded.tenant)
        print(f"  {len(requests)} requests, {len(result.findings)} findings")
        facts_clock = time.perf_counter()
        from pimlint.api import Facts, RoleClasses, build_graph, resolve_break_glass  # noqa: PLC0415

        tenant = loaded.tenant
        facts = Facts(tenant=tenant, graph=build_graph(tenant), roles=RoleClasses(tenant), settings=settings,
                      break_glass=resolve_break_glass(tenant, settings.break_glass))
        compute_kpis(facts)
        print(f"KPIs alone (graph included):                   {time.perf_counter() - facts_clock:.2f} s")
        print(f"total:                                         {time.perf_counter() - clock:.2f} s")


if __name__ == "__main__":
    with without_cyclic_gc():  # as `pimlint check` runs
        main()
