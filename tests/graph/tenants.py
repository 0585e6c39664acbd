"""Builder helpers for privilege-graph scenarios: apps, owners, administrative units, scoped roles.

They mutate a ``TenantBuilder``'s raw sections (Graph shapes), so every test still runs the whole
pipeline. Kept here rather than on the builder class: only graph tests need them.
"""

from __future__ import annotations

from typing import Any

from tests.builders import TENANT_ID, TenantBuilder, gid, policy_rules

GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000"
ROLE_MANAGEMENT_RW = "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8"
USER_READ_ALL = "df021288-bdef-4463-88db-98f22de89214"
HELPDESK = "729827e3-9c14-49f7-bb1b-9608f156bbb8"
PASSWORD_ADMIN = "966707d0-3269-4727-9be2-8c3a10f19b9d"
GROUPS_ADMIN = "fdd7a751-b60b-444a-984c-02652fe8fa1c"
APP_ADMIN = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"


def graph_sp(t: TenantBuilder) -> str:
    """The tenant's Microsoft Graph service principal (added once)."""
    sp_id = gid("sp-microsoft-graph")
    sps = t.sections.setdefault("servicePrincipals", [])
    if not any(s["id"] == sp_id for s in sps):
        sps.append({"id": sp_id, "appId": GRAPH_APP_ID, "displayName": "Microsoft Graph",
                    "servicePrincipalType": "Application", "accountEnabled": True,
                    "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "appRoleAssignments": [],
                    "owners": []})
    return sp_id


def app(t: TenantBuilder, name: str, *, permissions: tuple[str, ...] = (), sp_owners: tuple[str, ...] = (),
        app_owners: tuple[str, ...] = ()) -> str:
    """An application and its service principal holding Graph ``permissions``; returns the SP id."""
    resource = graph_sp(t)
    sp_id, app_id = gid(f"sp-{name}"), gid(f"app-{name}")
    t.sections.setdefault("servicePrincipals", []).append({
        "id": sp_id, "appId": app_id, "displayName": name, "servicePrincipalType": "Application",
        "accountEnabled": True, "appOwnerOrganizationId": TENANT_ID,
        "appRoleAssignments": [{"id": gid(f"grant-{name}-{p}"), "appRoleId": p, "resourceId": resource,
                                "resourceDisplayName": "Microsoft Graph", "principalId": sp_id} for p in permissions],
        "owners": [{"@odata.type": "#microsoft.graph.user", "id": o} for o in sp_owners]})
    t.sections.setdefault("applications", []).append({
        "id": gid(f"appobj-{name}"), "appId": app_id, "displayName": name,
        "owners": [{"@odata.type": "#microsoft.graph.user", "id": o} for o in app_owners]})
    return sp_id


def owners(t: TenantBuilder, group_id: str, *owner_ids: str) -> None:
    """Set a group's static owners."""
    group = next(g for g in t.sections["groups"] if g["id"] == group_id)
    group["owners"] = [{"@odata.type": "#microsoft.graph.user", "id": o} for o in owner_ids]


def nest(t: TenantBuilder, outer: str, inner: str) -> None:
    """Make group ``inner`` a static member of group ``outer``."""
    group = next(g for g in t.sections["groups"] if g["id"] == outer)
    group["members"].append({"@odata.type": "#microsoft.graph.group", "id": inner})


def unit(t: TenantBuilder, name: str, members: tuple[str, ...], *, restricted: bool = False) -> str:
    """An administrative unit with direct members; returns its id."""
    unit_id = gid(f"au-{name}")
    t.sections.setdefault("administrativeUnits", []).append({
        "id": unit_id, "displayName": name, "isMemberManagementRestricted": restricted,
        "membershipType": "Assigned", "members": [{"id": m} for m in members]})
    return unit_id


def scoped(t: TenantBuilder, principal: str, role: str, scope: str, *, eligible: bool = True) -> None:
    """A role assignment at a directory scope (``/administrativeUnits/<id>`` or ``/<object id>``)."""
    section = "roleEligibilityScheduleInstances" if eligible else "roleAssignmentScheduleInstances"
    row: dict[str, Any] = {"id": gid(f"scoped-{principal}-{role}-{scope}"), "principalId": principal,
                           "roleDefinitionId": role, "directoryScopeId": scope, "appScopeId": None,
                           "startDateTime": "2025-06-01T00:00:00Z", "endDateTime": "2027-05-01T00:00:00Z",
                           "memberType": "Direct"}
    if not eligible:
        row["assignmentType"] = "Assigned"
    t.sections[section].append(row)


def pim_group_active(t: TenantBuilder, group_id: str, principal: str, access: str = "member") -> None:
    """An active PIM-for-Groups assignment."""
    t.sections["privilegedAccessGroupAssignmentScheduleInstances"].append({
        "id": f"{group_id}_{access}_{gid('active' + principal + group_id)}", "groupId": group_id,
        "principalId": principal, "accessId": access, "memberType": "Direct", "assignmentType": "Assigned",
        "startDateTime": "2025-06-01T00:00:00Z", "endDateTime": None})


def group_policy(t: TenantBuilder, group_id: str, access: str = "member", **settings: Any) -> None:
    """The PIM-for-Groups policy of a group's member or owner access."""
    policy_id = f"Group_{group_id}_{gid('group-policy-' + group_id + access)}"
    t.sections["roleManagementPolicies"].append({
        "id": policy_id, "displayName": "Group", "description": "Group", "isOrganizationDefault": False,
        "scopeId": group_id, "scopeType": "Group", "lastModifiedDateTime": "2025-03-01T10:00:00Z",
        "rules": policy_rules(**settings)})
    t.sections["roleManagementPolicyAssignments"].append({
        "id": f"{policy_id}_{access}", "policyId": policy_id, "scopeId": group_id, "scopeType": "Group",
        "roleDefinitionId": access})


def custom_role(t: TenantBuilder, name: str, *actions: str) -> str:
    """A custom directory role allowing ``actions``; returns its id."""
    role_id = gid(f"custom-role-{name}")
    t.sections["roleDefinitions"].append({
        "id": role_id, "templateId": role_id, "displayName": name, "isBuiltIn": False, "isEnabled": True,
        "isPrivileged": False, "rolePermissions": [{"allowedResourceActions": list(actions), "condition": None}]})
    return role_id
