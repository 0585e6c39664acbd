"""Repeated failed activations.

## What it checks
Activation requests in the PIM audit log whose rows report `result` failure or timeout (MFA or
authentication context not satisfied, missing justification or ticket, policy violation) and that
did not complete. A principal with `count` (3) or more such requests in the window fails, listing
each attempt with its reason. Denials by an approver are not failures (they are counted in the KPIs).

## Example
`adm-bob` fails the MFA requirement three times in one evening when activating User Administrator:
fail. One failed attempt followed by a successful one passes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.operations.describe import capped, evidence, principal_label
from pimlint.operations.requests import ActivationRequest


@rule(
    id="PIM805",
    name="failed-activations",
    title="Principals do not repeatedly fail to activate roles",
    severity=Severity.MEDIUM,
    category="operations",
    requires=("directoryAudits",),
    options={"count": 3},
    rationale=(
        "Failed activations are either friction (an administrator who cannot meet the MFA or ticket requirement "
        "and will look for a way around it) or an attacker holding a password but not the second factor, "
        "probing an eligible account. Both deserve a conversation."
    ),
    remediation=(
        "Contact the principal: confirm the attempts were theirs and fix the cause (MFA method, ticket process). "
        "If they were not, reset the credentials and revoke sessions. Entra admin center → PIM → Microsoft Entra "
        "roles → Resource audit (filter by requestor). Graph: GET /auditLogs/directoryAudits?$filter="
        "loggedByService eq 'PIM' and result eq 'failure'."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-use-audit-log",
        "NIST SP 800-53 AC-7",
        "MITRE ATT&CK T1078.004",
    ),
    tags=("operations",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail principals with repeated failed activation requests."""
    count = int(ctx.option("count"))
    failed: dict[str, list[ActivationRequest]] = defaultdict(list)
    for req in ctx.activation_requests:
        if req.outcome == "failed" and req.principal_id:
            failed[req.principal_id].append(req)
    for principal_id, reqs in sorted(failed.items()):
        lines = capped([f"{evidence(ctx, r)} · {r.failures[0].result_reason or r.failures[0].result}"
                        for r in reqs[:20]], 20, len(reqs))
        res = ctx.resource(principal_id=principal_id)
        if len(reqs) < count:
            yield ctx.passed(res, f"{principal_label(ctx, reqs[0])}: {len(reqs)} failed activation(s)", evidence=lines)
            continue
        yield ctx.fail(
            res,
            f"{principal_label(ctx, reqs[0])} failed to activate {len(reqs)} times in the window",
            expected=f"fewer than {count} failed activations",
            actual=f"{len(reqs)} failed activations",
            evidence=lines,
        )
