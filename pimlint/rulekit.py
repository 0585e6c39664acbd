"""The loops several rules share: each subject judged, or ``not_evaluated`` where the export cannot tell.

A rule hands over only its judgement of one subject (a role's policy setting, a break-glass
account, a waiver); the helper owns which subjects there are, in which order, and what is said
when the export lacks them. The questions rules ask of the model live in ``pimlint.queries``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from pimlint.engine.context import RuleContext
from pimlint.engine.findings import Finding, Resource
from pimlint.model import ApprovalRule, RolePolicy, User
from pimlint.queries import policy_sections_present, privileged_role_policies

if TYPE_CHECKING:
    from pimlint.waivers import WaiverOutcome

S = TypeVar("S")

MISSING_POLICY_SECTIONS = "missing section(s): roleManagementPolicies or roleManagementPolicyAssignments"
NO_BREAK_GLASS = "no break-glass account is declared or found in the export"


def role_policy_findings(
    ctx: RuleContext,
    setting: Callable[[RolePolicy], S | None],
    judge: Callable[[str, Resource, RolePolicy, S], Iterable[Finding]],
    *,
    missing: str | None,
    roles: frozenset[str] | None = None,
    detail: str | None = None,
) -> Iterator[Finding]:
    """Findings of a rule that judges one setting of each privileged role's PIM policy.

    Without PIM policies in the export: one tenant-level ``not_evaluated``. Otherwise, for each
    role ``privileged_role_policies(ctx, roles)`` gives, ``setting(policy)`` picks what the rule
    judges and ``judge(role_id, resource, policy, value)`` gives the role's findings; the resource
    names the role, the policy and ``detail``. A role without a policy, or whose policy lacks the
    setting (``setting`` gives ``None``), is ``not_evaluated`` ("<role>: the export has no PIM
    policy for this role", ``missing`` in place of "no PIM policy" when only the setting is
    missing) — or, with ``missing=None``, skipped: the rule judges only the policies that have it.
    """
    if not policy_sections_present(ctx):
        yield ctx.not_evaluated(MISSING_POLICY_SECTIONS)
        return
    for role_id, policy in privileged_role_policies(ctx, roles):
        value = setting(policy) if policy is not None else None
        if value is None and missing is None:
            continue
        res = ctx.resource(role_id=role_id, policy_id=policy.id if policy else None, detail=detail)
        if policy is None or value is None:
            what = "no PIM policy" if policy is None else missing
            yield ctx.not_evaluated(f"{res.role}: the export has {what} for this role", res)
        else:
            yield from judge(role_id, res, policy, value)


def required_approval(policy: RolePolicy) -> ApprovalRule | None:
    """The policy's activation approval rule when it requires approval, else ``None``."""
    approval = policy.activation_approval
    return approval if approval is not None and approval.is_approval_required else None


def break_glass_findings(ctx: RuleContext, judge: Callable[[User], Iterable[Finding]]) -> Iterator[Finding]:
    """Findings of a rule that judges each break-glass account: ``judge(user)`` for every declared
    account found in the export (``resolve_break_glass`` keeps only those), in object-id order;
    one tenant-level ``not_evaluated`` when there is none."""
    if not ctx.break_glass.user_ids:
        yield ctx.not_evaluated(NO_BREAK_GLASS)
        return
    for user_id in sorted(ctx.break_glass.user_ids):
        yield from judge(ctx.tenant.users[user_id])


def registered_method_finding(ctx: RuleContext, user_id: str, methods: frozenset[str], failure: str,
                              expected: str) -> Finding:
    """Whether a user registered one of ``methods`` or of the rule's ``extra-methods`` option
    (``userRegistrationDetails`` method names, lower-case): passed naming the methods found,
    failed with ``failure`` (``{principal}`` stands for the user) and ``expected``, or
    ``not_evaluated`` when the user is not in ``userRegistrationDetails``."""
    accepted = methods | {str(m).lower() for m in ctx.option("extra-methods")}
    res = ctx.resource(principal_id=user_id)
    details = ctx.tenant.registration.get(user_id)
    if details is None:
        return ctx.not_evaluated(f"{res.principal}: not in userRegistrationDetails", res)
    if details.methods & accepted:
        return ctx.passed(res, f"{res.principal} has {', '.join(sorted(details.methods & accepted))}")
    return ctx.fail(res, failure.format(principal=res.principal), expected=expected,
                    actual=f"methodsRegistered {sorted(details.methods) or '[]'}")


def waiver_findings(ctx: RuleContext,
                    judge: Callable[[Resource, WaiverOutcome], Iterable[Finding]]) -> Iterator[Finding]:
    """Findings of a diagnostics rule that judges each waiver's outcome in this run:
    ``judge(resource, outcome)``, the resource naming the waiver; one tenant-level
    ``not_evaluated`` when waivers were not applied."""
    outcomes = ctx.facts.waivers
    if outcomes is None:
        yield ctx.not_evaluated("waivers were not applied in this run (--no-waivers)")
        return
    for o in outcomes:
        yield from judge(ctx.resource(object_id=o.id, object_label=o.id, object_kind="waiver"), o)


def waiver_evidence(outcome: WaiverOutcome) -> list[str]:
    """Who owns a waiver and of which kind it is: the evidence of a finding about it."""
    return [f"owner {outcome.owner}", f"kind {outcome.kind}"]
