"""Privileged role activated outside business hours.

## What it checks
Every completed activation (from the PIM audit log, `directoryAudits`) of a privileged directory
role — or of PIM-for-Groups access to a group that holds one — is placed on the tenant's clock:
config `timezone` (else the manifest's `timezone`) and `business-hours` (default Mon-Fri
07:00-19:00). Activations outside those hours fail, one finding per principal and role, listing
each activation (local time, role, duration, approver). No timezone configured is `not_evaluated`;
a timezone the machine has no tz data for is a configuration error.

## Example
`adm-alice` activates Global Administrator on Saturday 23:14 Europe/Berlin: fail, with that
activation in the evidence. Activations on weekday mornings pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.errors import ConfigError
from pimlint.operations.describe import (
    capped,
    evidence,
    principal_label,
    privileged_roles,
    request_resource,
    target_label,
)
from pimlint.operations.requests import ActivationRequest
from pimlint.operations.window import business_clock


@rule(
    id="PIM801",
    name="off-hours-activation",
    title="Privileged roles are activated within business hours",
    severity=Severity.LOW,
    category="operations",
    requires=("directoryAudits",),
    rationale=(
        "Administrators rarely need tier-0 access at night or at weekends; an activation at 3 a.m. is either an "
        "incident (which should be on record) or a stolen account using its eligibility while nobody watches. "
        "Reviewing off-hours activations is a cheap, high-signal weekly check."
    ),
    remediation=(
        "Review each listed activation with the administrator and the linked ticket; confirm it was an incident. "
        "Microsoft Entra admin center → Identity Governance → Privileged Identity Management → Microsoft Entra "
        "roles → Resource audit. Graph: GET /auditLogs/directoryAudits?$filter=loggedByService eq 'PIM'. "
        "Alert on activations outside business hours (Sentinel/Log Analytics on AuditLogs)."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-use-audit-log",
        "NIST SP 800-53 AC-2(12)",
        "MITRE ATT&CK T1078.004",
    ),
    tags=("operations",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each principal and role with completed privileged activations outside business hours."""
    timezone = ctx.settings.timezone or ctx.tenant.info.timezone
    if not timezone:
        yield ctx.not_evaluated("no timezone: set `timezone` in pimlint.toml or in the manifest")
        return
    try:
        clock = business_clock(timezone, ctx.settings.business_hours)
    except ConfigError as exc:
        yield ctx.not_evaluated(str(exc))
        return
    assert clock is not None
    hours = ctx.settings.business_hours
    off: dict[tuple[str | None, str, str | None, str], list[ActivationRequest]] = defaultdict(list)
    counted = 0
    for req in ctx.activation_requests:
        done = req.completed
        if done is None or not privileged_roles(ctx, req):
            continue
        counted += 1
        if not clock.is_business(done.time):
            off[(req.principal_id, req.target_kind.value, req.role_id, req.scope)].append(req)
    for reqs in off.values():
        first = reqs[0]
        stamps = [r.completed.time for r in reqs if r.completed is not None]
        times = ", ".join(capped([clock.format(t) for t in stamps[:10]], 10, len(stamps)))
        yield ctx.fail(
            request_resource(ctx, first),
            f"{principal_label(ctx, first)} activated {target_label(ctx, first)} outside business hours "
            f"{len(reqs)} time(s)",
            expected=f"activations {hours.days} {hours.start}-{hours.end} {timezone}",
            actual=times,
            evidence=capped([evidence(ctx, r, clock) for r in reqs[:20]], 20, len(reqs)),
        )
    if not off:
        yield ctx.passed(None, f"all {counted} privileged activation(s) in the audit log fall within business hours "
                               f"({hours.days} {hours.start}-{hours.end} {timezone})")
