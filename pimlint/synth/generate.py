"""Write a realistic synthetic export bundle of any size, deterministic for a seed.

Proportions follow a real enterprise: about one group per 5 users and 10 memberships per user,
3 % of users privileged (a mix of direct eligible, active, role-assignable-group and
PIM-for-Groups paths), service principals with Graph application permissions, Conditional Access
policies, two PIM audit events per user and sign-ins of the privileged accounts. Planted problems
(one or a few objects each) make the catalogue's rules fire; they are listed in ``PLANTED``.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pimlint.roleclasses import (
    CISA_HIGHLY_PRIVILEGED_EXTRA,
    DEFAULT_CRITICAL,
    GLOBAL_ADMIN,
    PRIVILEGED_ROLE_ADMIN,
    builtin_roles,
)
from pimlint.synth.shapes import envelope, policy_pair, policy_rules, user_record

EXPORTED_AT = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000"
E3 = "05e9a617-0261-4cee-bb44-138d3ef5d965"
P2 = "eec0eb4f-6444-4f95-aba0-50c24d67f998"
TIER0_APP_ROLES = ("9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8", "06b708a9-e830-4db3-a914-8e69da51d44f")
READ_APP_ROLES = ("7ab1d382-f21e-4acd-a863-ba3e13f7da61", "df021288-bdef-4463-88db-98f22de89214")
EXCHANGE_ADMIN = "29232cdf-9323-42fd-ade2-1d097af3e4de"
PLANTED = (
    "standing Global Administrator for a non-break-glass admin",
    "Global Administrator held by more than 4 users",
    "a privileged role activating without MFA and for 10 hours",
    "Privileged Role Administrator without approval",
    "licensed (mailbox) privileged users, a synced admin, a guest admin, a disabled admin",
    "a break-glass account not tested for 200 days",
    "a service principal holding RoleManagement.ReadWrite.Directory",
    "a PIM-for-Groups group whose member policy lacks MFA",
    "off-hours activations, one dominant approver, failed activations, short justifications",
)


@dataclass
class SynthStats:
    """What was written."""

    users: int = 0
    groups: int = 0
    memberships: int = 0
    privileged_users: int = 0
    service_principals: int = 0
    audit_events: int = 0
    sign_ins: int = 0
    files: dict[str, int] = field(default_factory=dict)


class _Ids:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def new(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond:06d}0Z"


class _Tenant:
    """Accumulates sections while generating."""

    def __init__(self, users: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ids = _Ids(self.rng)
        self.tenant_id = self.ids.new()
        self.domain = f"synth{seed}.onmicrosoft.com"
        self.n = users
        self.sections: dict[str, list[dict[str, Any]]] = {}
        self.stats = SynthStats()

    def add(self, section: str, record: dict[str, Any]) -> None:
        self.sections.setdefault(section, []).append(record)

    def ago(self, days: float) -> datetime:
        return EXPORTED_AT - timedelta(days=days)


def _users(t: _Tenant) -> tuple[list[str], list[str], list[str]]:
    """Regular users, privileged admin accounts, break-glass accounts (ids)."""
    regular, admins, glass = [], [], []
    n_priv = max(12, t.n * 3 // 100)
    for i in range(t.n):
        uid = t.ids.new()
        privileged = i < n_priv
        name = f"adm-user{i:06d}" if privileged else f"user{i:06d}"
        licensed = not privileged or i % 40 == 3
        last = t.ago(t.rng.uniform(0, 60))
        t.add("users", user_record(
            uid, f"{name}@{t.domain}", name.replace("-", " ").title(), last, licensed_sku=E3 if licensed else None,
            enabled=not (privileged and i % 97 == 5), synced=privileged and i % 53 == 7,
            guest=privileged and i % 89 == 11, created=t.ago(400 + i % 300)))
        methods = ["fido2SecurityKey", "microsoftAuthenticatorPush"] if privileged else ["microsoftAuthenticatorPush"]
        if i % 31 == 0:
            methods = []
        t.add("userRegistrationDetails", {
            "id": uid, "userPrincipalName": f"{name}@{t.domain}", "userDisplayName": name, "userType": "member",
            "isAdmin": privileged, "isMfaRegistered": bool(methods), "isMfaCapable": bool(methods),
            "isPasswordlessCapable": "fido2SecurityKey" in methods, "methodsRegistered": methods,
            "lastUpdatedDateTime": _stamp(t.ago(1))})
        (admins if privileged else regular).append(uid)
    for k, days in ((1, 12), (2, 200)):
        uid = t.ids.new()
        t.add("users", user_record(uid, f"bg-{k:02d}@{t.domain}", f"Break Glass {k:02d}", t.ago(days),
                                   licensed_sku=None, enabled=True, synced=False, guest=False, created=t.ago(900)))
        t.add("userRegistrationDetails", {"id": uid, "userPrincipalName": f"bg-{k:02d}@{t.domain}",
                                          "isMfaRegistered": True, "methodsRegistered": ["fido2SecurityKey"]})
        glass.append(uid)
    t.stats.users, t.stats.privileged_users = t.n + 2, len(admins)
    return regular, admins, glass


def _groups(t: _Tenant, regular: list[str], admins: list[str]) -> tuple[str, str]:
    """Ordinary groups with ~10 memberships per user; a role-assignable group and a PIM group."""
    n_groups = max(2, t.n // 5)
    members: list[list[str]] = [[] for _ in range(n_groups)]
    for uid in regular + admins:
        for g in t.rng.sample(range(n_groups), min(10, n_groups)):
            members[g].append(uid)
    for g, group_members in enumerate(members):
        t.add("groups", {"id": t.ids.new(), "displayName": f"Team {g:05d}", "isAssignableToRole": False,
                         "securityEnabled": True, "mailEnabled": g % 3 == 0,
                         "groupTypes": ["Unified"] if g % 3 == 0 else [],
                         "members": [{"@odata.type": "#microsoft.graph.user", "id": m} for m in group_members],
                         "owners": []})
    role_group, pim_group = t.ids.new(), t.ids.new()
    t.add("groups", {"id": role_group, "displayName": "PRIV-Helpdesk-Admins", "isAssignableToRole": True,
                     "securityEnabled": True, "mailEnabled": False, "groupTypes": [],
                     "members": [{"@odata.type": "#microsoft.graph.user", "id": a} for a in admins[:5]],
                     "owners": [{"@odata.type": "#microsoft.graph.user", "id": admins[5]}]})
    t.add("groups", {"id": pim_group, "displayName": "PIM-Exchange-Admins", "isAssignableToRole": True,
                     "securityEnabled": True, "mailEnabled": False, "groupTypes": [], "members": [], "owners": []})
    t.stats.groups = n_groups + 2
    t.stats.memberships = sum(len(m) for m in members) + 5
    return role_group, pim_group


def _assignments(t: _Tenant, admins: list[str], glass: list[str], role_group: str, pim_group: str) -> None:
    privileged = sorted({tid for tid, role in builtin_roles().items() if role.privileged} | set(CISA_HIGHLY_PRIVILEGED_EXTRA))
    eligible_end = _stamp(EXPORTED_AT + timedelta(days=150))
    for uid in glass + admins[:1]:
        t.add("roleAssignmentScheduleInstances", {
            "id": t.ids.new(), "principalId": uid, "roleDefinitionId": GLOBAL_ADMIN, "directoryScopeId": "/",
            "appScopeId": None, "startDateTime": None, "endDateTime": None, "assignmentType": "Assigned",
            "memberType": "Direct"})
    for i, uid in enumerate(admins):
        role = GLOBAL_ADMIN if i < 5 else privileged[i % len(privileged)]
        t.add("roleEligibilityScheduleInstances", {
            "id": t.ids.new(), "principalId": uid, "roleDefinitionId": role, "directoryScopeId": "/",
            "appScopeId": None, "startDateTime": _stamp(t.ago(300)), "endDateTime": eligible_end,
            "memberType": "Direct"})
    t.add("roleAssignmentScheduleInstances", {
        "id": t.ids.new(), "principalId": role_group, "roleDefinitionId": "729827e3-9c14-49f7-bb1b-9608f156bbb8",
        "directoryScopeId": "/", "appScopeId": None, "startDateTime": None, "endDateTime": None,
        "assignmentType": "Assigned", "memberType": "Direct"})
    t.add("roleEligibilityScheduleInstances", {
        "id": t.ids.new(), "principalId": pim_group, "roleDefinitionId": EXCHANGE_ADMIN, "directoryScopeId": "/",
        "appScopeId": None, "startDateTime": _stamp(t.ago(200)), "endDateTime": eligible_end, "memberType": "Direct"})
    for uid in admins[6:12]:
        t.add("privilegedAccessGroupEligibilityScheduleInstances", {
            "id": f"{pim_group}_member_{t.ids.new()}", "groupId": pim_group, "principalId": uid,
            "accessId": "member", "memberType": "Direct", "startDateTime": _stamp(t.ago(100)),
            "endDateTime": eligible_end})
    t.add("privilegedAccessGroupAssignmentScheduleInstances", {
        "id": f"{pim_group}_owner_{t.ids.new()}", "groupId": pim_group, "principalId": admins[1],
        "accessId": "owner", "memberType": "Direct", "startDateTime": _stamp(t.ago(100)), "endDateTime": None,
        "assignmentType": "Assigned"})
    _policies(t, privileged, (admins[2], admins[3]), pim_group)
    for tid, role in sorted(builtin_roles().items()):
        t.add("roleDefinitions", {"id": tid, "templateId": tid, "displayName": role.name, "isBuiltIn": True,
                                  "isEnabled": True, "isPrivileged": role.privileged, "resourceScopes": ["/"],
                                  "version": "1", "rolePermissions": []})


def _policies(t: _Tenant, privileged: list[str], approvers: tuple[str, str], pim_group: str) -> None:
    """A policy per privileged role and for the PIM group's member/owner access, with planted weaknesses."""
    for role in privileged:
        if role == EXCHANGE_ADMIN:
            rules = policy_rules(approver_ids=approvers, mfa=False, approval=False, duration="PT10H")
        elif role == PRIVILEGED_ROLE_ADMIN:
            rules = policy_rules(approver_ids=approvers, approval=False)
        elif role in DEFAULT_CRITICAL:
            rules = policy_rules(approver_ids=approvers)
        else:
            rules = policy_rules(approver_ids=(), approval=False, ticket=False, duration="PT4H")
        pair = policy_pair(f"DirectoryRole_{t.tenant_id}_{t.ids.new()}", "/", "DirectoryRole", role, rules)
        t.add("roleManagementPolicies", pair[0])
        t.add("roleManagementPolicyAssignments", pair[1])
    for access, mfa in (("member", False), ("owner", True)):
        rules = policy_rules(approver_ids=approvers, mfa=mfa, approval=False, duration="PT4H")
        pair = policy_pair(f"Group_{pim_group}_{t.ids.new()}", pim_group, "Group", access, rules)
        t.add("roleManagementPolicies", pair[0])
        t.add("roleManagementPolicyAssignments", pair[1])


def _apps(t: _Tenant, admins: list[str]) -> None:
    graph_sp = t.ids.new()
    t.add("servicePrincipals", {"id": graph_sp, "appId": GRAPH_APP_ID, "displayName": "Microsoft Graph",
                                "servicePrincipalType": "Application", "accountEnabled": True,
                                "appOwnerOrganizationId": "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
                                "appRoleAssignments": [], "owners": []})
    count = max(3, t.n // 50)
    for i in range(count):
        app_id, sp_id = t.ids.new(), t.ids.new()
        roles = TIER0_APP_ROLES[:1] if i == 0 else READ_APP_ROLES[: 1 + i % 2]
        owners = [{"@odata.type": "#microsoft.graph.user", "id": admins[7 + i % 3]}] if i < 3 else []
        t.add("applications", {"id": t.ids.new(), "appId": app_id, "displayName": f"app-{i:05d}", "owners": owners})
        t.add("servicePrincipals", {
            "id": sp_id, "appId": app_id, "displayName": f"app-{i:05d}", "servicePrincipalType": "Application",
            "accountEnabled": True, "appOwnerOrganizationId": t.tenant_id, "owners": owners,
            "appRoleAssignments": [{"id": t.ids.new(), "appRoleId": r, "principalId": sp_id,
                                    "principalType": "ServicePrincipal", "resourceId": graph_sp,
                                    "resourceDisplayName": "Microsoft Graph"} for r in roles]})
    t.stats.service_principals = count + 1


def _audit_row(t: _Tenant, activity: str, when: datetime, actor: str, role: str, request: str,
               details: dict[str, str], result: str = "success") -> dict[str, Any]:
    return {
        "id": f"PIM_{request}_{t.ids.new()}_{int(when.timestamp() * 1e7)}", "category": "RoleManagement",
        "correlationId": request, "result": result, "resultReason": details.get("Justification", ""),
        "activityDisplayName": activity, "activityDateTime": _stamp(when), "loggedByService": "PIM",
        "operationType": "Update",
        "initiatedBy": {"app": None, "user": {"id": actor, "displayName": None, "userPrincipalName": None,
                                              "ipAddress": "203.0.113.24"}},
        "targetResources": [
            {"id": role, "displayName": builtin_roles().get(role).name if role in builtin_roles() else role,
             "type": "Role", "modifiedProperties": []},
            {"id": request, "displayName": None, "type": "Request", "modifiedProperties": []},
            {"id": actor, "displayName": None, "type": "User", "modifiedProperties": []},
        ],
        "additionalDetails": [{"key": k, "value": v} for k, v in details.items()],
    }


def _audits(t: _Tenant, admins: list[str]) -> None:
    chains = max(1, t.n)
    approver = admins[2]
    for c in range(chains):
        actor = admins[c % len(admins)]
        role = GLOBAL_ADMIN if c % len(admins) < 5 else PRIVILEGED_ROLE_ADMIN
        start = t.ago(t.rng.uniform(0.2, 60)).replace(hour=t.rng.choice((2, 9, 10, 14, 16, 22)))
        hours = t.rng.choice((1, 2, 4, 8))
        request = t.ids.new()
        text = "CHG" + str(100000 + c) + " maintenance" if c % 7 else "fix"
        details = {"RequestId": request, "TemplateId": role, "StartTime": _stamp(start),
                   "ExpirationTime": _stamp(start + timedelta(hours=hours)), "Justification": text}
        if c % 50 == 0:
            t.add("directoryAudits", _audit_row(t, "Add member to role requested (PIM activation)", start, actor,
                                                role, request, details, result="failure"))
            t.add("directoryAudits", _audit_row(t, "Add member to role request denied (PIM activation)",
                                                start + timedelta(minutes=9), approver, role, request, details))
            continue
        t.add("directoryAudits", _audit_row(t, "Add member to role requested (PIM activation)", start, actor, role,
                                            request, details))
        t.add("directoryAudits", _audit_row(t, "Add member to role completed (PIM activation)",
                                            start + timedelta(minutes=t.rng.uniform(1, 30)), actor, role, request,
                                            details))
    t.stats.audit_events = len(t.sections.get("directoryAudits", []))


def _sign_ins(t: _Tenant, admins: list[str], glass: list[str]) -> None:
    apps = (("c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Azure Portal"),
            ("00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online"))
    for i, uid in enumerate(admins + glass[:1]):
        for k in range(3):
            app_id, app = apps[1] if (i % 40 == 3 and k == 0) else apps[0]
            t.add("signIns", {"id": t.ids.new(), "createdDateTime": _stamp(t.ago(t.rng.uniform(0, 28))),
                              "userId": uid, "userPrincipalName": None, "appId": app_id, "appDisplayName": app,
                              "clientAppUsed": "Browser", "isInteractive": True,
                              "status": {"errorCode": 0, "failureReason": None, "additionalDetails": None}})
    t.stats.sign_ins = len(t.sections.get("signIns", []))


def _tenant_wide(t: _Tenant, admins: list[str], glass: list[str]) -> None:
    t.add("organization", {"id": t.tenant_id, "displayName": f"Synth {t.n}", "verifiedDomains": [
        {"name": t.domain, "isDefault": True, "isInitial": True}]})
    t.add("subscribedSkus", {"id": f"{t.tenant_id}_{E3}", "skuId": E3, "skuPartNumber": "SPE_E3", "servicePlans": [
        {"servicePlanId": "efb87545-963c-4e0d-99df-69c6916d9eb0", "servicePlanName": "EXCHANGE_S_ENTERPRISE"},
        {"servicePlanId": "5dbe027f-2339-4123-9542-606e4d348a72", "servicePlanName": "SHAREPOINTENTERPRISE"},
        {"servicePlanId": "57ff2da0-773e-42df-b2af-ffb7a2317929", "servicePlanName": "TEAMS1"}]})
    t.add("subscribedSkus", {"id": f"{t.tenant_id}_{P2}", "skuId": P2, "skuPartNumber": "AAD_PREMIUM_P2",
                             "servicePlans": [{"servicePlanId": "eec0eb4f-6444-4f95-aba0-50c24d67f998",
                                               "servicePlanName": "AAD_PREMIUM_P2"}]})
    everyone = {"includeUsers": ["All"], "excludeUsers": glass, "includeGroups": [], "excludeGroups": [],
                "includeRoles": [], "excludeRoles": []}
    admins_scope = {**everyone, "includeUsers": [], "includeRoles": sorted(
        tid for tid, role in builtin_roles().items() if role.privileged)}
    for name, users, grant, client in (
        ("CA001 - All users - MFA", everyone, {"operator": "OR", "builtInControls": ["mfa"]}, ["all"]),
        ("CA002 - Block legacy authentication", everyone, {"operator": "OR", "builtInControls": ["block"]},
         ["exchangeActiveSync", "other"]),
        ("CA010 - Admins - MFA", admins_scope, {"operator": "OR", "builtInControls": ["mfa"]}, ["all"]),
    ):
        t.add("conditionalAccessPolicies", {
            "id": t.ids.new(), "displayName": name, "state": "enabled", "createdDateTime": _stamp(t.ago(500)),
            "conditions": {"users": users, "applications": {"includeApplications": ["All"], "excludeApplications": [],
                                                            "includeUserActions": []},
                           "clientAppTypes": client, "platforms": None, "locations": None},
            "grantControls": {**grant, "customAuthenticationFactors": [], "termsOfUse": []},
            "sessionControls": None})
    t.add("accessReviewDefinitions", {
        "id": t.ids.new(), "displayName": "Quarterly review - privileged roles", "status": "InProgress",
        "scope": {"@odata.type": "#microsoft.graph.accessReviewQueryScope",
                  "query": f"/roleManagement/directory/roleDefinitions/{GLOBAL_ADMIN}", "queryType": "MicrosoftGraph",
                  "queryRoot": None},
        "reviewers": [{"query": f"/users/{admins[2]}", "queryType": "MicrosoftGraph", "queryRoot": None}],
        "settings": {"instanceDurationInDays": 14, "recurrence": {
            "pattern": {"type": "absoluteMonthly", "interval": 3},
            "range": {"type": "noEnd", "startDate": "2025-01-01"}}}})


def write_bundle(out: Path, users: int, seed: int = 1) -> SynthStats:
    """Generate a tenant of ``users`` users into the (new or empty) folder ``out``."""
    t = _Tenant(users, seed)
    regular, admins, glass = _users(t)
    role_group, pim_group = _groups(t, regular, admins)
    _assignments(t, admins, glass, role_group, pim_group)
    _apps(t, admins)
    _audits(t, admins)
    _sign_ins(t, admins, glass)
    _tenant_wide(t, admins, glass)
    out.mkdir(parents=True, exist_ok=True)
    manifest = {"schemaVersion": 1, "tenantId": t.tenant_id, "tenantDomain": t.domain,
                "displayName": f"Synth {users}", "exportedAt": _stamp(EXPORTED_AT), "collector": "pimlint synth",
                "timezone": "Europe/Berlin"}
    documents = {"manifest": manifest, **{name: envelope(name, records) for name, records in t.sections.items()}}
    for name, doc in sorted(documents.items()):
        path = out / f"{name}.json"
        with path.open("w", encoding="utf-8") as handle:
            json.dump(doc, handle, separators=(",", ":"))
        t.stats.files[path.name] = path.stat().st_size
    bg = ", ".join(f'"bg-{k:02d}@{t.domain}"' for k in (1, 2))
    (out / "pimlint.toml").write_text(
        f"# Synthetic tenant ({users} users, seed {seed}).\nbreak-glass = [{bg}]\n"
        'timezone = "Europe/Berlin"\nbusiness-hours = { days = "Mon-Fri", start = "07:00", end = "19:00" }\n',
        encoding="utf-8")
    return t.stats
