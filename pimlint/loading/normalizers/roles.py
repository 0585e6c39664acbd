"""Role definitions, directory-role assignments and PIM-for-Groups assignments."""

from __future__ import annotations

from collections.abc import Iterable

from pimlint.loading.records import Rec
from pimlint.model import GroupAssignment, RoleAssignment, RoleDefinition
from pimlint.model.roles import AccessKind


def role_definitions(recs: Iterable[Rec]) -> dict[str, RoleDefinition]:
    """Role definitions keyed by template id (built-ins) or id (custom roles)."""
    out: dict[str, RoleDefinition] = {}
    for r in recs:
        role_id = r.required_id("id")
        template = r.id("templateId") or role_id
        actions: list[str] = []
        for perm in r.children("rolePermissions"):
            actions.extend(a.lower() for a in perm.strings("allowedResourceActions"))
        definition = RoleDefinition(
            id=role_id,
            template_id=template,
            display_name=r.str("displayName") or template,
            is_built_in=r.bool("isBuiltIn"),
            is_enabled=r.bool("isEnabled"),
            is_privileged=r.bool("isPrivileged"),
            allowed_actions=tuple(actions),
        )
        out[template] = definition
        if role_id != template:
            out.setdefault(role_id, definition)
    return out


def _assignment(r: Rec, kind: AccessKind, source: str) -> RoleAssignment:
    return RoleAssignment(
        id=r.str("id") or "",
        kind=kind,
        principal_id=r.required_id("principalId"),
        role_id=r.required_id("roleDefinitionId"),
        scope=r.str("directoryScopeId") or "/",
        start=r.datetime("startDateTime", event=True),
        end=r.datetime("endDateTime"),
        assignment_type=r.lower("assignmentType"),
        member_type=r.lower("memberType"),
        source=source,
    )


def active_assignments(
    instances: Iterable[Rec] | None, plain: Iterable[Rec] | None
) -> tuple[RoleAssignment, ...]:
    """Active assignments: schedule instances, plus ``roleAssignments`` rows that have no instance.

    A ``roleAssignments`` row without a matching instance was made outside PIM
    (``from_schedule=False``). Without the instances section that cannot be told
    (``from_schedule=None``).
    """
    out = [_assignment(r, AccessKind.ACTIVE, "roleAssignmentScheduleInstances") for r in instances or ()]
    known = {(a.principal_id, a.role_id, a.scope) for a in out}
    for r in plain or ():
        a = _assignment(r, AccessKind.ACTIVE, "roleAssignments")
        if (a.principal_id, a.role_id, a.scope) in known:
            continue
        out.append(a.model_copy(update={"from_schedule": None if instances is None else False}))
    return tuple(sorted(out, key=lambda a: (a.role_id, a.principal_id, a.scope, a.id)))


def eligible_assignments(instances: Iterable[Rec]) -> tuple[RoleAssignment, ...]:
    """Eligible assignments (schedule instances)."""
    out = [_assignment(r, AccessKind.ELIGIBLE, "roleEligibilityScheduleInstances") for r in instances]
    return tuple(sorted(out, key=lambda a: (a.role_id, a.principal_id, a.scope, a.id)))


def group_assignments(eligible: Iterable[Rec], active: Iterable[Rec]) -> tuple[GroupAssignment, ...]:
    """PIM-for-Groups eligibility and assignment instances."""
    out: list[GroupAssignment] = []
    for kind, recs, source in (
        (AccessKind.ELIGIBLE, eligible, "privilegedAccessGroupEligibilityScheduleInstances"),
        (AccessKind.ACTIVE, active, "privilegedAccessGroupAssignmentScheduleInstances"),
    ):
        for r in recs:
            access = r.lower("accessId")
            if access not in ("member", "owner"):
                raise r.error("accessId", f"expected 'member' or 'owner', got {access!r}")
            out.append(
                GroupAssignment(
                    id=r.str("id") or "",
                    kind=kind,
                    group_id=r.required_id("groupId"),
                    principal_id=r.required_id("principalId"),
                    access=access,
                    start=r.datetime("startDateTime", event=True),
                    end=r.datetime("endDateTime"),
                    assignment_type=r.lower("assignmentType"),
                    source=source,
                )
            )
    return tuple(sorted(out, key=lambda a: (a.group_id, a.access, a.principal_id, a.kind, a.id)))
