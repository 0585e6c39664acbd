"""ARM sections under ``azure/<subscription>/``: role definitions, assignments, schedule instances,
role management policies (17 rules, ``ruleType`` discriminator) and their assignments."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from pimlint.loading.normalizers.policies import policy_rules
from pimlint.loading.records import Rec
from pimlint.model.azure import AzureRoleAssignment, AzureRoleDefinition, AzureSubscription
from pimlint.model.policies import RolePolicy
from pimlint.model.roles import AccessKind

Sections = Callable[[str], Iterator[Rec] | None]


def trailing_guid(value: str) -> str:
    """The last path segment of an ARM resource id, lower-cased (a bare GUID stays as it is)."""
    return value.rstrip("/").rsplit("/", 1)[-1].strip().lower()


def _props(r: Rec) -> Rec:
    """ARM keeps the fields in ``properties``; EntraExporter flattens them into the record."""
    return r.child("properties") or r


def _scope(value: str | None) -> str:
    return (value or "/").strip().rstrip("/").lower() or "/"


def role_definitions(recs: Iterable[Rec]) -> dict[str, AzureRoleDefinition]:
    """``roleDefinitions.json`` by role GUID."""
    out: dict[str, AzureRoleDefinition] = {}
    for r in recs:
        p = _props(r)
        role_id = trailing_guid(r.str("name") or r.str("id") or "")
        if not role_id:
            raise r.error("id", "a role definition needs its id or name")
        perms = list(p.children("permissions"))
        out[role_id] = AzureRoleDefinition(
            id=role_id,
            name=p.str("roleName") or role_id,
            role_type=p.lower("type"),
            actions=tuple(a for perm in perms for a in perm.strings("actions")),
            not_actions=tuple(a for perm in perms for a in perm.strings("notActions")),
            data_actions=tuple(a for perm in perms for a in perm.strings("dataActions")),
            assignable_scopes=tuple(_scope(s) for s in p.strings("assignableScopes")),
        )
    return out


def assignments(recs: Iterable[Rec], kind: AccessKind, source: str) -> tuple[AzureRoleAssignment, ...]:
    """Role assignments or schedule instances, sorted by role, principal and scope."""
    out: list[AzureRoleAssignment] = []
    for r in recs:
        p = _props(r)
        role = p.str("roleDefinitionId")
        if not role:
            raise p.error("roleDefinitionId", "required role definition id is missing")
        out.append(
            AzureRoleAssignment(
                id=r.str("id") or r.str("name") or "",
                kind=kind,
                principal_id=p.required_id("principalId"),
                principal_type=p.lower("principalType"),
                role_id=trailing_guid(role),
                scope=_scope(p.str("scope")),
                start=p.datetime("startDateTime", event=True),
                end=p.datetime("endDateTime"),
                assignment_type=p.lower("assignmentType"),
                member_type=p.lower("memberType"),
                status=p.lower("status"),
                condition=p.str("condition") or None,
                source=source,
            )
        )
    return tuple(sorted(out, key=lambda a: (a.role_id, a.principal_id, a.scope, a.id)))


def policies(policy_recs: Iterable[Rec], assignment_recs: Iterable[Rec]) -> tuple[RolePolicy, ...]:
    """ARM role management policies joined to the role definitions their assignments name."""
    by_guid: dict[str, RolePolicy] = {}
    for r in policy_recs:
        p = _props(r)
        policy_id = r.str("id") or r.str("name")
        if not policy_id:
            raise r.error("id", "a policy needs its id")
        by_guid[trailing_guid(policy_id)] = RolePolicy(
            id=policy_id,
            scope_id=_scope(p.str("scope")),
            scope_type="azure",
            last_modified=p.datetime("lastModifiedDateTime", event=True),
            rules=policy_rules(p),
            source=r.file,
        )
    targets: dict[str, set[str]] = {}
    for r in assignment_recs:
        p = _props(r)
        policy_id, role = p.str("policyId"), p.str("roleDefinitionId")
        if not policy_id or not role:
            raise p.error("policyId", "a policy assignment needs its policyId and roleDefinitionId")
        key = trailing_guid(policy_id)
        targets.setdefault(key, set()).add(trailing_guid(role))
        if key not in by_guid and p.get("effectiveRules"):
            by_guid[key] = RolePolicy(id=policy_id, scope_id=_scope(p.str("scope")), scope_type="azure",
                                      rules=policy_rules(p, "effectiveRules"), source=r.file)
    out = [p.model_copy(update={"targets": tuple(sorted(targets.get(k, ())))}) for k, p in by_guid.items()]
    return tuple(sorted(out, key=lambda p: (p.scope_id, p.targets, p.id)))


def subscription(sub_id: str, present: frozenset[str], section: Sections) -> AzureSubscription:
    """One subscription folder; ``section(name)`` yields its records (``None`` when absent)."""

    def recs(name: str) -> Iterator[Rec]:
        return section(name) or iter(())

    return AzureSubscription(
        id=sub_id,
        sections=present,
        role_definitions=role_definitions(recs("roleDefinitions")),
        role_assignments=assignments(recs("roleAssignments"), AccessKind.ACTIVE, "roleAssignments"),
        active_assignments=assignments(
            recs("roleAssignmentScheduleInstances"), AccessKind.ACTIVE, "roleAssignmentScheduleInstances"
        ),
        eligible_assignments=assignments(
            recs("roleEligibilityScheduleInstances"), AccessKind.ELIGIBLE, "roleEligibilityScheduleInstances"
        ),
        policies=policies(recs("roleManagementPolicies"), recs("roleManagementPolicyAssignments")),
    )
