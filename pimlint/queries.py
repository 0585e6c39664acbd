"""Questions several rules ask of the model, answered in one place.

Rules import these instead of re-deriving them: which privileged roles have which policy,
whether an account is a daily-use identity, when an account last signed in successfully.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from pimlint import conditional_access as ca
from pimlint.conditional_access import Directory
from pimlint.engine.context import RuleContext
from pimlint.engine.findings import Finding
from pimlint.model import ConditionalAccessPolicy, RolePolicy, User
from pimlint.roleclasses import builtin_roles

POLICY_SECTIONS = ("roleManagementPolicies", "roleManagementPolicyAssignments")

PRODUCTIVITY_PLAN_PREFIXES = ("EXCHANGE_S_", "EXCHANGE_B_", "SHAREPOINTSTANDARD", "SHAREPOINTENTERPRISE",
                              "TEAMS", "MCOSTANDARD")
"""Service plans of a daily-use account: mailbox, SharePoint/OneDrive, Teams."""

PRODUCTIVITY_SKUS = {
    "18181a46-0d4e-45cd-891e-60aabd171b4e": "Office 365 E1",
    "6fd2c87f-b296-42f0-b197-1e91e994b900": "Office 365 E3",
    "c7df2760-2c81-4ef7-b578-5b5392b571df": "Office 365 E5",
    "05e9a617-0261-4cee-bb44-138d3ef5d965": "Microsoft 365 E3",
    "06ebc4ee-1bb5-47dd-8120-11324bc54e06": "Microsoft 365 E5",
    "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46": "Microsoft 365 Business Premium",
    "f245ecc8-75af-4f8e-b61f-27d8114de5f3": "Microsoft 365 Business Standard",
    "3b555118-da6a-4418-894f-7df1e2096870": "Microsoft 365 Business Basic",
    "4b9405b0-7788-4568-add1-99614e613b69": "Exchange Online (Plan 1)",
}
"""Well-known productivity SKUs, used only when ``subscribedSkus`` is not in the export."""

DAILY_USE_APPS = {
    "00000002-0000-0ff1-ce00-000000000000": "Office 365 Exchange Online",
    "00000003-0000-0ff1-ce00-000000000000": "Office 365 SharePoint Online",
    "1fec8e78-bce4-4aaf-ab1b-5451cc387264": "Microsoft Teams",
    "5e3ce6c0-2b1f-4285-8d4b-75ee78787346": "Microsoft Teams Web Client",
    "d3590ed6-52b3-4102-aeff-aad2292ab01c": "Microsoft Office",
    "4765445b-32c6-49b0-83e6-1d93765276ca": "OfficeHome",
    "ab9b8c07-8f02-4f72-87fa-80105867a763": "OneDrive SyncEngine",
    "27922004-5251-4030-b22d-91ecd9a37ea4": "Outlook Mobile",
}
"""First-party apps of daily work (mail, chat, documents), by app id."""
DAILY_USE_APP_WORDS = ("outlook", "teams", "sharepoint", "onedrive", "exchange online", "office 365 exchange",
                       "officehome", "microsoft office")


def policy_sections_present(ctx: RuleContext) -> bool:
    """The export carries PIM policies (as policies or expanded in policy assignments)."""
    return any(s in ctx.tenant.sections for s in POLICY_SECTIONS)


def privileged_role_policies(ctx: RuleContext, roles: frozenset[str] | None = None) -> Iterator[tuple[str, RolePolicy | None]]:
    """(role id, its directory-role policy) for each privileged role that has a policy or is held.

    ``roles`` narrows the roles considered. A held role without a policy yields ``None``, so the
    rule can say the policy is missing instead of passing it.
    """
    wanted = roles if roles is not None else ctx.roles.privileged
    held = {h.role_id for h in ctx.graph.holdings}
    for role_id in sorted(wanted):
        policy = ctx.tenant.role_policy(role_id)
        if policy is not None or role_id in held or roles is not None:
            yield role_id, policy


def productivity_evidence(ctx: RuleContext, user: User) -> tuple[list[str], bool]:
    """Daily-use licences and sign-ins of a user, and whether licences could be judged at all."""
    evidence: list[str] = []
    judged = True
    for lic in user.licenses:
        sku = ctx.tenant.skus.get(lic.sku_id)
        if sku is not None:
            plans = [name for plan_id, name in sku.service_plans
                     if plan_id not in lic.disabled_plans and name.startswith(PRODUCTIVITY_PLAN_PREFIXES)]
            if plans:
                evidence.append(f"licence {sku.sku_part_number or sku.sku_id} with {', '.join(sorted(plans))}")
        elif lic.sku_id in PRODUCTIVITY_SKUS:
            evidence.append(f"licence {PRODUCTIVITY_SKUS[lic.sku_id]}")
        else:
            judged = False
    apps = sorted({s.app_display_name or s.app_id or "?" for s in ctx.tenant.sign_ins_by_user.get(user.id, ())
                   if s.succeeded and _daily_use_app(s.app_id, s.app_display_name)})
    if apps:
        evidence.append(f"signed in to {', '.join(apps)}")
    return evidence, judged


def _daily_use_app(app_id: str | None, name: str | None) -> bool:
    if app_id in DAILY_USE_APPS:
        return True
    lowered = (name or "").lower()
    return any(word in lowered for word in DAILY_USE_APP_WORDS)


def last_successful_sign_in(ctx: RuleContext, user: User) -> tuple[datetime | None, bool]:
    """The newest successful sign-in of a user, and whether the export can tell at all."""
    known = user.has_sign_in_activity or "signIns" in ctx.tenant.sections
    stamps = [s.created for s in ctx.tenant.sign_ins_by_user.get(user.id, ()) if s.succeeded]
    if user.last_successful_sign_in is not None:
        stamps.append(user.last_successful_sign_in)
    return (max(stamps) if stamps else None), known


SCUBA_ROLES = (
    "Global Administrator", "Privileged Role Administrator", "User Administrator", "SharePoint Administrator",
    "Exchange Administrator", "Hybrid Identity Administrator", "Application Administrator",
    "Cloud Application Administrator",
)
"""CISA SCuBA's eight highly privileged roles (MS.AAD.7.x, 3.6), for ``roles`` options of the scuba profile."""


def option_roles(ctx: RuleContext, default: frozenset[str], name: str = "roles") -> frozenset[str]:
    """Role ids named by a ``roles`` option (names or ids), or ``default`` when the option is empty."""
    named = list(ctx.option(name))
    return frozenset(ctx.roles.resolve_all(named)) if named else default


def listed_roles(ctx: RuleContext) -> frozenset[str]:
    """The privileged roles the export lists, the scope ScubaGear judges (``privileged_roles``).

    Role definitions the export marks privileged, except Microsoft built-in roles outside
    ``SCUBA_ROLES`` (a Graph export defines every built-in role, ScubaGear collects only its
    eight); ``SCUBA_ROLES`` when the export defines no role at all.
    """
    scuba = frozenset(ctx.roles.resolve_all(SCUBA_ROLES))
    if not ctx.tenant.role_definitions:
        return scuba
    builtin = builtin_roles()
    return frozenset(d.template_id for d in ctx.tenant.role_definitions.values()
                     if d.is_privileged and (d.template_id in scuba or d.template_id not in builtin))


def role_policies(ctx: RuleContext, roles: frozenset[str] | None = None) -> Iterator[tuple[str, str, RolePolicy | None]]:
    """(role id, source, policy) as ``privileged_role_policies`` gives them, each followed by the
    ``member`` policy of every PIM-for-Groups group that holds the role directly (a group path's rules)."""
    groups: dict[str, set[str]] = {}
    for a in (*ctx.tenant.active_assignments, *ctx.tenant.eligible_assignments):
        if ctx.tenant.principal_kind(a.principal_id) == "group":
            groups.setdefault(a.role_id, set()).add(a.principal_id)
    for role_id, policy in privileged_role_policies(ctx, roles):
        yield role_id, "role policy", policy
        for group_id in sorted(groups.get(role_id, ())):
            group_policy = ctx.tenant.group_policy(group_id, "member")
            if group_policy is not None:
                yield role_id, f"PIM group {ctx.tenant.principal_label(group_id)}", group_policy


def usable_approvers(ctx: RuleContext, policy: RolePolicy) -> tuple[set[str], list[str], bool]:
    """Enabled users who can approve under the policy's approval rule, why others cannot, and whether
    the export could resolve every approver (``users``/``groups`` sections present)."""
    approval = policy.activation_approval
    people: set[str] = set()
    problems: list[str] = []
    resolvable = True
    if approval is None:
        return people, problems, False
    for approver in (*approval.primary_approvers, *approval.escalation_approvers):
        ident = approver.id or ""
        if approver.kind == "user":
            user = ctx.tenant.users.get(ident)
            if "users" not in ctx.tenant.sections:
                resolvable = False
            elif user is None:
                problems.append(f"user {approver.description or ident} is not in the export")
            elif user.account_enabled is False:
                problems.append(f"user {user.label} is disabled")
            else:
                people.add(user.id)
        elif approver.kind == "group":
            if not ctx.tenant.has("groups", "users"):
                resolvable = False
                continue
            members = _group_users(ctx, ident)
            enabled = {u for u in members if ctx.tenant.users[u].account_enabled is not False}
            if ident not in ctx.tenant.groups:
                problems.append(f"group {approver.description or ident} is not in the export")
            elif not enabled:
                problems.append(f"group {ctx.tenant.principal_label(ident)} has no enabled member")
            people |= enabled
        else:
            problems.append(f"approver of type {approver.kind} ({approver.description or ident}) cannot be resolved")
    return people, sorted(problems), resolvable  # approvers are a set: export order must not show


def _group_users(ctx: RuleContext, group_id: str) -> set[str]:
    """Users in a group, nested groups followed."""
    found: set[str] = set()
    seen: set[str] = set()
    frontier = [group_id]
    while frontier:
        current = frontier.pop()
        if current in seen:
            continue
        seen.add(current)
        group = ctx.tenant.groups.get(current)
        for member in group.member_ids if group else ():
            if member in ctx.tenant.users:
                found.add(member)
            elif member in ctx.tenant.groups:
                frontier.append(member)
    return found


def ca_directory(ctx: RuleContext) -> Directory:
    """Conditional Access view of the tenant's users (memberships, held roles), built once per run."""
    return ctx.facts.ca_directory


def permitted_exclusions(ctx: RuleContext, option: str = "allowed-exclusions") -> frozenset[str]:
    """Break-glass accounts plus the users and groups an option names (UPN, display name or id)."""
    wanted = {str(v).strip().lower() for v in ctx.option(option)}
    found = set(ctx.break_glass.user_ids)
    for user in ctx.tenant.users.values():
        if user.id in wanted or (user.upn or "").lower() in wanted:
            found.add(user.id)
    for group in ctx.tenant.groups.values():
        if group.id in wanted or (group.display_name or "").lower() in wanted:
            found.add(group.id)
    found |= {w for w in wanted if w not in found and "@" not in w}
    return frozenset(found)


def notification_findings(ctx: RuleContext, roles: frozenset[str] | None, keep: frozenset[str] | None,
                          rule_ids: tuple[str, ...], what: str, *, missing_compliant: bool = False) -> Iterator[Finding]:
    """Findings for PIM701–703: each notification rule of each role's policies (role and PIM-group
    member policies) must reach someone — with ``require-recipients``, an explicit recipient. A
    missing policy or rule is ``not_evaluated``, or passed with ``missing_compliant`` (ScubaGear)."""
    explicit = bool(ctx.option("require-recipients"))
    if not policy_sections_present(ctx):
        yield ctx.not_evaluated("missing section(s): roleManagementPolicies or roleManagementPolicyAssignments")
        return
    for role_id, source, policy in role_policies(ctx, roles):
        if keep is not None and role_id not in keep:
            continue
        for rule_id in rule_ids:
            res = ctx.resource(role_id=role_id, policy_id=policy.id if policy else None, detail=rule_id)
            found = policy.notification(rule_id) if policy else None
            if found is None:
                missing = "no PIM policy" if policy is None else f"no {rule_id} rule"
                if missing_compliant:
                    yield ctx.passed(res, f"{res.role}: the export has {missing} ({source}), counted as compliant")
                else:
                    yield ctx.not_evaluated(f"{res.role}: the export has {missing} ({source})", res)
                continue
            reaches = bool(found.recipients) if explicit else found.reaches_someone
            if reaches:
                yield ctx.passed(res, f"{res.role}: {what} notifications reach someone ({source})")
                continue
            yield ctx.fail(
                res,
                f"{res.role}: {what} notifications reach nobody ({source}, {rule_id})",
                expected="additional recipients listed" if explicit else "default recipients on or additional recipients",
                actual=f"isDefaultRecipientsEnabled {str(found.is_default_recipients_enabled).lower()}, "
                       f"notificationRecipients {list(found.recipients)}",
                evidence=[f"policy {policy.id} rule {rule_id} ({source})"] if policy else [],
            )


def admin_mfa_policies(ctx: RuleContext) -> list[ConditionalAccessPolicy]:
    """Enforced CA policies on all apps, with no narrowing condition, that require MFA (PIM601, PIM604)."""
    return [p for p in ca.enforced(ctx.tenant)
            if ca.all_apps(p) and not p.has_other_conditions and ca.requires_mfa(p, ctx.tenant)]


AZURE_OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
AZURE_OWNER_ROLES = (
    AZURE_OWNER,
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",  # User Access Administrator
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168",  # Role Based Access Control Administrator
)
"""Azure roles that can grant access (graph-export-format.md §10.4)."""


def azure_top_scope(scope: str) -> bool:
    """The root, a management group or a subscription itself (not a resource group or resource)."""
    parts = [p for p in scope.split("/") if p]
    return not parts or scope.startswith("/providers/microsoft.management/managementgroups/") or (
        len(parts) == 2 and parts[0] == "subscriptions")
