"""Cases of the activation-control rules PIM202, PIM203, PIM205, PIM207, PIM209."""

from __future__ import annotations

from pimlint.levels import Status
from tests.builders import EXCHANGE_ADMIN, GA, PAA, PRA, TenantBuilder, gid, hardened
from tests.rules.casebase import UPN, Case, _with

NO_POLICIES = ("roleManagementPolicies", "roleManagementPolicyAssignments")
NON_CRITICAL = {"ticket": False, "approval": False, "approvers": (), "duration": "PT4H"}


def _ghost_approvers(t: TenantBuilder) -> None:
    t.policy(GA, approvers=("ghost-1", "ghost-2"))


def _self_approval(t: TenantBuilder) -> None:
    t.policy(PAA, approvers=("adm-paula",))
    t.eligible(t.user("adm-paula"), PAA)


def _disabled_approver(t: TenantBuilder) -> None:
    t.policy(PRA, approvers=("approver-3",))
    t.user("approver-3", enabled=False)


def _auth_context(t: TenantBuilder) -> None:
    t.policy(GA, auth_context="c1", mfa=False)


def _auth_context_enforced(t: TenantBuilder, excluded: tuple[str, ...] = ()) -> None:
    _auth_context(t)
    t.ca_policy("CA010 PIM activation context", auth_contexts=("c1",), exclude_users=excluded)


CASES: tuple[Case, ...] = (
    # PIM202 activation-without-justification
    Case("PIM202", "every activation needs a justification", hardened, Status.PASS),
    Case("PIM202", "Exchange Administrator without justification",
         _with(lambda t: t.policy(EXCHANGE_ADMIN, justification=False, **NON_CRITICAL)), Status.FAIL,
         ((None, "Exchange Administrator"),)),
    Case("PIM202", "no policies exported", _with(lambda t: t.drop(*NO_POLICIES)), Status.NOT_EVALUATED),
    # PIM203 activation-without-ticket
    Case("PIM203", "critical roles need a ticket", hardened, Status.PASS),
    Case("PIM203", "GA without ticket", _with(lambda t: t.policy(GA, ticket=False)), Status.FAIL,
         ((None, "Global Administrator"),)),
    Case("PIM203", "strict: ticket on every privileged role", hardened, Status.FAIL,
         ((None, "Exchange Administrator"), (None, "Helpdesk Administrator"), (None, "User Administrator")),
         settings={"profile": "strict"}),
    Case("PIM203", "no policies exported", _with(lambda t: t.drop(*NO_POLICIES)), Status.NOT_EVALUATED),
    # PIM205 unusable-approvers
    Case("PIM205", "two enabled approvers everywhere", hardened, Status.PASS),
    Case("PIM205", "GA approvers deleted", _with(_ghost_approvers), Status.FAIL, ((None, "Global Administrator"),)),
    Case("PIM205", "GA approval with nobody listed", _with(lambda t: t.policy(GA, approvers=())), Status.FAIL,
         ((None, "Global Administrator"),)),
    Case("PIM205", "only approver is disabled", _with(_disabled_approver), Status.FAIL,
         ((None, "Privileged Role Administrator"),)),
    Case("PIM205", "the only approver is the requester", _with(_self_approval), Status.FAIL,
         ((UPN("adm-paula"), "Privileged Authentication Administrator"),)),
    Case("PIM205", "approvers unresolvable without users", _with(lambda t: t.drop("users")), Status.NOT_EVALUATED),
    # PIM209 single-approver
    Case("PIM209", "two approvers per critical role", hardened, Status.PASS),
    Case("PIM209", "GA approved by one person", _with(lambda t: t.policy(GA, approvers=("approver-1",))),
         Status.FAIL, ((None, "Global Administrator"),)),
    Case("PIM209", "no policies exported", _with(lambda t: t.drop(*NO_POLICIES)), Status.NOT_EVALUATED),
    # PIM207 auth-context-not-enforced
    Case("PIM207", "no role uses an authentication context", hardened, Status.PASS),
    Case("PIM207", "context c1 with no CA policy", _with(_auth_context), Status.FAIL,
         ((None, "Global Administrator"),)),
    Case("PIM207", "context c1 enforced for all users", _with(_auth_context_enforced), Status.PASS),
    Case("PIM207", "the context policy excludes an eligible GA",
         _with(lambda t: _auth_context_enforced(t, (gid("adm-alice"),))), Status.FAIL,
         ((UPN("adm-alice"), "Global Administrator"),)),
    Case("PIM207", "context policy report-only",
         _with(lambda t: (_auth_context_enforced(t), t.sections["conditionalAccessPolicies"][-1].update(
             state="enabledForReportingButNotEnforced"))), Status.FAIL, ((None, "Global Administrator"),)),
    Case("PIM207", "no CA policies exported", _with(lambda t: (_auth_context(t), t.drop("conditionalAccessPolicies"))),
         Status.NOT_EVALUATED),
)
