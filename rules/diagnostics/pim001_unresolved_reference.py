"""A reference names an object that is not in the export.

## What it checks
Role assignments and eligibilities (directory and PIM for Groups), approvers of PIM policies and
the users and groups that Conditional Access policies include or exclude must resolve to an object
of the export. A kind of reference is judged only when the sections that could resolve it were
exported (`users`, `groups`, and for assignment principals also `servicePrincipals`); when none
can be judged the rule is `not_evaluated`. Each unresolved id is one finding naming where it is
used: usually a deleted object left behind, sometimes an incomplete export.

## Example
An eligibility whose `principalId` matches no user, group or service principal fails; a CA
policy excluding a group that exists passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule


def _references(ctx: RuleContext) -> Iterator[tuple[str, str, str]]:
    """(kind needed, object id, where it is used)."""
    tenant = ctx.tenant
    for a in (*tenant.active_assignments, *tenant.eligible_assignments):
        yield "principal", a.principal_id, f"{a.kind.value} assignment of {ctx.roles.name(a.role_id)} ({a.source})"
    for ga in tenant.group_assignments:
        yield "principal", ga.principal_id, f"{ga.kind.value} PIM {ga.access} of group {tenant.principal_label(ga.group_id)}"
        yield "group", ga.group_id, f"PIM-for-Groups {ga.kind.value} {ga.access} assignment"
    for policy in tenant.policies:
        approval = policy.activation_approval
        for approver in (*approval.primary_approvers, *approval.escalation_approvers) if approval else ():
            if approver.kind in ("user", "group") and approver.id:
                yield approver.kind, approver.id, f"approver in PIM policy {policy.id}"
    for p in tenant.conditional_access:
        where = f"Conditional Access policy {p.display_name or p.id}"
        for user_id in (*sorted(p.include_users), *sorted(p.exclude_users)):
            if user_id not in ("all", "none", "guestsorexternalusers"):
                yield "user", user_id, where
        for group_id in (*sorted(p.include_groups), *sorted(p.exclude_groups)):
            yield "group", group_id, where


@rule(
    id="PIM001",
    name="unresolved-reference",
    title="Every assignment, approver and Conditional Access reference resolves to an object in the export",
    severity=Severity.LOW,
    category="diagnostics",
    rationale=(
        "A reference to a missing object is either a deleted account still named as approver or CA exclusion "
        "(an approval nobody can give, an exclusion that silently no longer works) or an incomplete export "
        "that makes other rules blind. Either way it should be looked at."
    ),
    remediation=(
        "Look the id up (Entra admin center search, or Graph GET /directoryObjects/{id}). If it was deleted, "
        "remove it from the PIM policy, CA policy or assignment; if it exists, re-export with the missing "
        "section (see docs/collecting.md)."
    ),
    references=(
        "https://learn.microsoft.com/graph/api/directoryobject-get",
        "NIST SP 800-53 AC-2",
        "NIST CSF 2.0 ID.AM-08",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each reference to an object the export lacks, where the export could resolve it."""
    tenant = ctx.tenant
    judged = {
        "user": "users" in tenant.sections,
        "group": "groups" in tenant.sections,
        "principal": tenant.has("users", "groups", "servicePrincipals"),
    }
    if not any(judged.values()):
        yield ctx.not_evaluated("missing section(s): users, groups and servicePrincipals")
        return
    known = {"user": tenant.users, "group": tenant.groups}
    reported: set[tuple[str, str]] = set()
    for kind, object_id, where in _references(ctx):
        if not judged[kind] or (object_id, where) in reported:
            continue
        found = tenant.principal_kind(object_id) != "unknown" if kind == "principal" else object_id in known[kind]
        if found:
            continue
        reported.add((object_id, where))
        yield ctx.fail(ctx.resource(object_id=object_id, object_label=object_id, object_kind=kind, detail=where),
                       f"{where} names {kind} {object_id}, which is not in the export",
                       expected=f"a {kind} present in the export", actual="not found")
