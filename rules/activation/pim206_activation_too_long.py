"""Activation duration of a privileged role too long.

## What it checks
For every privileged role with a PIM policy in the export (or held by someone), the
`Expiration_EndUser_Assignment.maximumDuration` — how long one activation lasts — must not
exceed the allowed hours: `per-role` (role name or template id → hours) first, then
`critical-max-activation-hours` for the critical roles, then `max-activation-hours`. Above 8 hours
the finding is high, otherwise medium.

## Example
Global Administrator activating for `PT8H` fails against the default 4 hours (medium); `PT10H`
is high; `PT2H` passes. `--profile strict` allows 1 hour for the critical roles.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, Resource, RuleContext, Severity, rule
from pimlint.model import ExpirationRule, RolePolicy
from pimlint.model.policies import ACTIVATION_EXPIRATION
from pimlint.queries import policy_sections_present
from pimlint.rulekit import MISSING_POLICY_SECTIONS, role_policy_findings
from pimlint.timeutil import format_hours, hours

HIGH_ABOVE_HOURS = 8.0


@rule(
    id="PIM206",
    name="activation-too-long",
    title="Privileged role activations last no longer than the allowed hours (default 4)",
    severity=Severity.HIGH,
    category="activation-controls",
    options={"max-activation-hours": 4.0, "critical-max-activation-hours": 4.0, "per-role": {}},
    profiles={"strict": {"critical-max-activation-hours": 1.0}},
    rationale=(
        "An activation is standing access for its duration. Long windows (Microsoft's default is 8 hours, the "
        "maximum 24) turn just-in-time into just-in-case: the role stays live long after the task, exposed to "
        "token theft and session hijacking."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Settings > select the role > Edit > Activation maximum duration: set "
        "1-4 hours. Graph: PATCH /policies/roleManagementPolicies/{policyId}/rules/"
        "Expiration_EndUser_Assignment with maximumDuration PT4H (or shorter)."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "NIST SP 800-53 AC-2(2)",
        "NIST SP 800-53 AC-6",
        "NIST CSF 2.0 PR.AA-05",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each privileged role whose activation lasts longer than allowed."""
    if not policy_sections_present(ctx):  # before per-role: its role names are resolved only to judge
        yield ctx.not_evaluated(MISSING_POLICY_SECTIONS)
        return
    per_role = {ctx.roles.resolve(name): float(value) for name, value in dict(ctx.option("per-role")).items()}

    def judge(role_id: str, res: Resource, policy: RolePolicy, expiration: ExpirationRule) -> Iterator[Finding]:
        if role_id in per_role:
            allowed = per_role[role_id]
        elif ctx.roles.is_critical(role_id):
            allowed = float(ctx.option("critical-max-activation-hours"))
        else:
            allowed = float(ctx.option("max-activation-hours"))
        actual = hours(expiration.maximum_duration)
        if actual <= allowed:
            yield ctx.passed(res, f"{res.role} activations last {format_hours(expiration.maximum_duration)}")
            return
        yield ctx.fail(
            res,
            f"{res.role} activations last {format_hours(expiration.maximum_duration)} (allowed: {allowed:g} h)",
            severity=Severity.HIGH if actual > HIGH_ABOVE_HOURS else Severity.MEDIUM,
            expected=f"maximumDuration at most PT{allowed:g}H",
            actual=f"maximumDuration {expiration.raw_duration}",
            evidence=[f"policy {policy.id} rule {ACTIVATION_EXPIRATION}"],
        )

    yield from role_policy_findings(ctx, _readable, judge, missing=f"no readable {ACTIVATION_EXPIRATION} duration")


def _readable(policy: RolePolicy) -> ExpirationRule | None:
    """The activation expiration rule, when its maximum duration could be read."""
    expiration = policy.activation_expiration
    return expiration if expiration is not None and expiration.maximum_duration is not None else None
