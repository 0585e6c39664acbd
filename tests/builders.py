"""Build small Graph-shaped tenants in code: a golden hardened tenant plus one mutation per test.

The bundle is the real single-file bundle format (sections keyed by name, Graph list envelopes),
so every test runs the whole pipeline: read → canonicalize → validate → normalize → graph → rules.
"""

from __future__ import annotations

import copy
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pimlint.loading.bundle import RawBundle, from_document, unwrap
from pimlint.loading.sections import azure_key
from pimlint.synth import shapes

NAMESPACE = uuid.UUID("6b1f4a2e-9d3c-4e8b-a1f0-2c7d5e9b3a41")
GA = "62e90394-69f5-4237-9190-012177145e10"
PRA = "e8611ab8-c189-46e8-94e1-60213ab1f814"
PAA = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"
PARTNER_T2 = "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8"
EXCHANGE_ADMIN = "29232cdf-9323-42fd-ade2-1d097af3e4de"
USER_ADMIN = "fe930be7-5e62-47db-91af-98c3a49a38b1"
SECURITY_READER = "5d6b6bb7-de71-4623-b4af-96380a352509"
HELPDESK_ADMIN = "729827e3-9c14-49f7-bb1b-9608f156bbb8"
PHISHING_RESISTANT = "00000000-0000-0000-0000-000000000004"
CRITICAL = (GA, PRA, PAA, PARTNER_T2)
TENANT_ID = "0c9d1f3a-5b7e-4a2c-8d6f-1e3b5a7c9d0f"
DOMAIN = "contoso.onmicrosoft.com"
EXPORTED_AT = "2026-11-20T06:00:00Z"
E3_SKU = "05e9a617-0261-4cee-bb44-138d3ef5d965"


def gid(name: str) -> str:
    """A stable GUID for a name."""
    return str(uuid.uuid5(NAMESPACE, name))


def policy_rules(*, approvers: tuple[str, ...] = ("approver-1", "approver-2"), **settings: Any) -> list[dict[str, Any]]:
    """All 17 rules of a PIM policy, hardened unless told otherwise (approvers named, ids derived)."""
    return shapes.policy_rules(approver_ids=tuple(gid(a) for a in approvers), **settings)


class TenantBuilder:
    """A mutable tenant that renders to a single-file bundle."""

    def __init__(self) -> None:
        self.sections: dict[str, list[dict[str, Any]]] = {
            "organization": [{"id": TENANT_ID, "displayName": "Contoso",
                              "verifiedDomains": [{"name": DOMAIN, "isDefault": True, "isInitial": True}]}],
            "subscribedSkus": [{"id": f"{TENANT_ID}_{E3_SKU}", "skuId": E3_SKU, "skuPartNumber": "SPE_E3", "servicePlans": [
                {"servicePlanId": gid("plan-exchange"), "servicePlanName": "EXCHANGE_S_ENTERPRISE"},
                {"servicePlanId": gid("plan-aadp2"), "servicePlanName": "AAD_PREMIUM_P2"}]}],
            "roleDefinitions": [],
            "roleAssignmentScheduleInstances": [],
            "roleEligibilityScheduleInstances": [],
            "roleManagementPolicies": [],
            "roleManagementPolicyAssignments": [],
            "privilegedAccessGroupEligibilityScheduleInstances": [],
            "privilegedAccessGroupAssignmentScheduleInstances": [],
            "users": [],
            "groups": [],
            "servicePrincipals": [],
            "conditionalAccessPolicies": [],
            "userRegistrationDetails": [],
            "signIns": [],
            "directoryAudits": [],
        }
        self.manifest: dict[str, Any] = {"schemaVersion": 1, "tenantId": TENANT_ID, "tenantDomain": DOMAIN,
                                         "displayName": "Contoso", "exportedAt": EXPORTED_AT,
                                         "timezone": "Europe/Berlin"}
        self.break_glass: list[str] = []
        self.azure: dict[str, dict[str, list[dict[str, Any]]]] = {}

    # directory objects -------------------------------------------------
    def user(self, name: str, *, licensed: bool = False, enabled: bool = True, synced: bool = False,
             last_success: str | None = "2026-11-10T08:00:00Z", methods: tuple[str, ...] = ("fido2SecurityKey",),
             guest: bool = False) -> str:
        """Add a user named ``name`` (UPN ``name@contoso.onmicrosoft.com``); returns its id."""
        uid = gid(name)
        self.sections["users"].append({
            "id": uid, "userPrincipalName": f"{name}@{DOMAIN}", "displayName": name.replace("-", " ").title(),
            "accountEnabled": enabled, "userType": "Guest" if guest else "Member", "mail": None,
            "onPremisesSyncEnabled": True if synced else None,
            "onPremisesImmutableId": "aW1tdXRhYmxl" if synced else None,
            "assignedLicenses": [{"skuId": E3_SKU, "disabledPlans": []}] if licensed else [],
            "createdDateTime": "2024-01-15T10:00:00Z",
            "signInActivity": {"lastSignInDateTime": last_success, "lastSuccessfulSignInDateTime": last_success,
                               "lastNonInteractiveSignInDateTime": None},
        })
        self.sections["userRegistrationDetails"].append({
            "id": uid, "userPrincipalName": f"{name}@{DOMAIN}", "isMfaRegistered": bool(methods),
            "isPasswordlessCapable": "fido2SecurityKey" in methods, "methodsRegistered": list(methods)})
        return uid

    def group(self, name: str, members: tuple[str, ...] = (), role_assignable: bool = True) -> str:
        """Add a group with direct members (object ids); returns its id."""
        group_id = gid(f"group-{name}")
        self.sections["groups"].append({
            "id": group_id, "displayName": name, "isAssignableToRole": role_assignable, "securityEnabled": True,
            "mailEnabled": False, "groupTypes": [],
            "members": [{"@odata.type": "#microsoft.graph.user", "id": m} for m in members], "owners": []})
        return group_id

    def service_principal(self, name: str) -> str:
        """Add a single-tenant application's service principal; returns its id."""
        sp_id = gid(f"sp-{name}")
        self.sections["servicePrincipals"].append({
            "id": sp_id, "appId": gid(f"app-{name}"), "displayName": name, "servicePrincipalType": "Application",
            "accountEnabled": True, "appOwnerOrganizationId": TENANT_ID, "appRoleAssignments": [], "owners": []})
        return sp_id

    def ca_policy(self, name: str, *, state: str = "enabled", users: tuple[str, ...] = ("All",),
                  exclude_users: tuple[str, ...] = (), exclude_groups: tuple[str, ...] = (),
                  roles: tuple[str, ...] = (), exclude_roles: tuple[str, ...] = (), apps: tuple[str, ...] = ("All",),
                  clients: tuple[str, ...] = ("all",), controls: tuple[str, ...] = ("mfa",),
                  strength: str | None = None, sign_in_hours: int | None = None,
                  auth_contexts: tuple[str, ...] = ()) -> str:
        """Add a Conditional Access policy (``roles`` replaces the default all-users target); returns its id."""
        policy_id = gid(f"ca-{name}")
        grant = {"operator": "OR", "builtInControls": list(controls), "customAuthenticationFactors": [],
                 "termsOfUse": [], "authenticationStrength": None}
        if strength is not None:
            grant["authenticationStrength"] = {"id": strength, "displayName": "Phishing-resistant MFA",
                                               "allowedCombinations": []}
        session = None
        if sign_in_hours is not None:
            session = {"signInFrequency": {"value": sign_in_hours, "type": "hours", "isEnabled": True,
                                           "frequencyInterval": "timeBased"}}
        self.sections["conditionalAccessPolicies"].append({
            "id": policy_id, "displayName": name, "state": state, "conditions": {
                "clientAppTypes": list(clients), "platforms": None, "locations": None, "userRiskLevels": [],
                "signInRiskLevels": [],
                "applications": {"includeApplications": [] if auth_contexts else list(apps),
                                 "excludeApplications": [], "includeUserActions": [],
                                 "includeAuthenticationContextClassReferences": list(auth_contexts)},
                "users": {"includeUsers": [] if roles else list(users), "excludeUsers": list(exclude_users),
                          "includeGroups": [], "excludeGroups": list(exclude_groups), "includeRoles": list(roles),
                          "excludeRoles": list(exclude_roles)}},
            "grantControls": grant if controls or strength else None, "sessionControls": session})
        return policy_id

    # role access -----------------------------------------------------------
    def active(self, principal: str, role: str, *, end: str | None = None, assignment_type: str = "Assigned",
               member_type: str = "Direct", start: str | None = "2025-01-01T00:00:00Z") -> None:
        """An active assignment instance (``start=None``: made outside PIM)."""
        self.sections["roleAssignmentScheduleInstances"].append({
            "id": gid(f"active-{principal}-{role}-{end}"), "principalId": principal, "roleDefinitionId": role,
            "directoryScopeId": "/", "appScopeId": None, "startDateTime": start,
            "endDateTime": end, "assignmentType": assignment_type, "memberType": member_type})

    def direct_assignment(self, principal: str, role: str) -> None:
        """A ``roleAssignments`` row (no schedule instance unless ``active`` adds one)."""
        self.sections.setdefault("roleAssignments", []).append({
            "id": gid(f"direct-{principal}-{role}"), "principalId": principal, "roleDefinitionId": role,
            "directoryScopeId": "/"})

    def eligible(self, principal: str, role: str, *, end: str | None = "2027-05-01T00:00:00Z") -> None:
        """An eligible assignment instance."""
        self.sections["roleEligibilityScheduleInstances"].append({
            "id": gid(f"eligible-{principal}-{role}"), "principalId": principal, "roleDefinitionId": role,
            "directoryScopeId": "/", "appScopeId": None, "startDateTime": "2025-06-01T00:00:00Z",
            "endDateTime": end, "memberType": "Direct"})

    def pim_group_eligible(self, group_id: str, principal: str, access: str = "member") -> None:
        """A PIM-for-Groups eligibility."""
        self.sections["privilegedAccessGroupEligibilityScheduleInstances"].append({
            "id": f"{group_id}_{access}_{gid(principal + group_id)}", "groupId": group_id, "principalId": principal,
            "accessId": access, "memberType": "Direct", "startDateTime": "2025-06-01T00:00:00Z",
            "endDateTime": "2027-01-01T00:00:00Z"})

    def policy(self, role: str, **settings: Any) -> None:
        """Set (replace) the directory-role policy of a role."""
        policy_id = f"DirectoryRole_{TENANT_ID}_{gid('policy-' + role)}"
        self.sections["roleManagementPolicies"] = [
            p for p in self.sections["roleManagementPolicies"] if p["id"] != policy_id]
        self.sections["roleManagementPolicyAssignments"] = [
            a for a in self.sections["roleManagementPolicyAssignments"] if a["policyId"] != policy_id]
        self.sections["roleManagementPolicies"].append({
            "id": policy_id, "displayName": "DirectoryRole", "description": "DirectoryRole",
            "isOrganizationDefault": False, "scopeId": "/", "scopeType": "DirectoryRole",
            "lastModifiedDateTime": "2025-03-01T10:00:00Z", "rules": policy_rules(**settings)})
        self.sections["roleManagementPolicyAssignments"].append({
            "id": f"{policy_id}_{role}", "policyId": policy_id, "scopeId": "/", "scopeType": "DirectoryRole",
            "roleDefinitionId": role})

    def sign_in(self, user_id: str, app: str, when: str, error: int = 0,
                app_id: str = "00000002-0000-0ff1-ce00-000000000000") -> None:
        """A sign-in record."""
        self.sections["signIns"].append({
            "id": gid(f"signin-{user_id}-{when}-{app}"), "createdDateTime": when, "userId": user_id,
            "userPrincipalName": None, "appId": app_id, "appDisplayName": app, "isInteractive": True,
            "status": {"errorCode": error, "failureReason": None}})

    def _object(self, object_id: str) -> dict[str, Any]:
        found = [o for s in ("users", "groups") for o in self.sections.get(s, []) if o["id"] == object_id]
        return {"userPrincipalName": None, **found[0]}

    def audit(self, activity: str, when: str, *, principal: str, role: str, request: str,
              actor: str | None = None, **fields: Any) -> None:
        """One PIM audit row (``directoryAudits``); ``actor=None`` is PIM itself (tests/operations/rows.py)."""
        from tests.operations.rows import audit_row, parse

        self.sections.setdefault("directoryAudits", []).append(audit_row(
            activity, parse(when), principal=self._object(principal), role=role, request=request,
            actor=self._object(actor) if actor else None, tenant=TENANT_ID, **fields))

    def activation(self, principal: str, role: str, when: str | datetime, *, approver: str | None = None,
                   group: str | None = None, **fields: Any) -> None:
        """The audit rows of one activation: request → (approval) → completion → expiry (``activation_rows``)."""
        from tests.operations.rows import activation_rows, parse

        start = parse(when) if isinstance(when, str) else when
        self.sections.setdefault("directoryAudits", []).extend(activation_rows(
            start, principal=self._object(principal), role=role, tenant=TENANT_ID,
            approver=self._object(approver) if approver else None,
            group=self._object(group) if group else None, **fields))

    def access_review(self, role: str, *, pattern: str = "absoluteMonthly", interval: int | None = 3,
                      status: str = "InProgress") -> None:
        """An access review series of a directory role (``interval=None``: one-time)."""
        recurrence = None if interval is None else {"pattern": {"type": pattern, "interval": interval},
                                                    "range": {"type": "noEnd", "startDate": "2025-01-01"}}
        self.sections.setdefault("accessReviewDefinitions", []).append({
            "id": gid(f"review-{role}-{pattern}-{interval}"), "displayName": f"Review {role}", "status": status,
            "scope": {"@odata.type": "#microsoft.graph.accessReviewQueryScope",
                      "query": f"/roleManagement/directory/roleDefinitions/{role}", "queryType": "MicrosoftGraph"},
            "settings": {"instanceDurationInDays": 14, "autoApplyDecisionsEnabled": True, "defaultDecision": "Deny",
                         "recurrence": recurrence}})

    # Azure resource roles (ARM) ----------------------------------------------
    def azure_assignment(self, subscription: str, principal: str, role: str, *, scope: str | None = None,
                         eligible: bool = False, end: str | None = None, plain: bool = False,
                         principal_type: str = "User") -> None:
        """An ARM schedule instance (or, ``plain``, a bare RBAC ``roleAssignments`` row) of ``role`` (GUID)."""
        scope = scope if scope is not None else f"/subscriptions/{subscription}"
        section = ("roleAssignments" if plain else
                   "roleEligibilityScheduleInstances" if eligible else "roleAssignmentScheduleInstances")
        name = gid(f"arm-{section}-{principal}-{role}-{scope}")
        props: dict[str, Any] = {"scope": scope, "principalId": principal, "principalType": principal_type,
                                 "roleDefinitionId": f"{scope.rstrip('/')}/providers/Microsoft.Authorization/"
                                                     f"roleDefinitions/{role}"}
        if not plain:
            props.update(startDateTime="2025-01-01T00:00:00Z", endDateTime=end, memberType="Direct",
                         status="Provisioned", **({} if eligible else {"assignmentType": "Assigned"}))
        sections = self.azure.setdefault(subscription, {})
        for name in ("roleAssignments", "roleAssignmentScheduleInstances", "roleEligibilityScheduleInstances"):
            sections.setdefault(name, [])
        sections[section].append({
            "id": f"{scope.rstrip('/')}/providers/Microsoft.Authorization/{section}/{name}", "name": name,
            "type": f"Microsoft.Authorization/{section}", "properties": props})

    def azure_policy(self, subscription: str, role: str, **settings: Any) -> None:
        """The PIM policy of an Azure role at subscription scope (settings as ``policy_rules``)."""
        scope = f"/subscriptions/{subscription}"
        policy_guid = gid(f"arm-policy-{subscription}-{role}")
        policy_id = f"{scope}/providers/Microsoft.Authorization/roleManagementPolicies/{policy_guid}"
        sections = self.azure.setdefault(subscription, {})
        sections.setdefault("roleManagementPolicies", []).append({
            "id": policy_id, "name": policy_guid, "type": "Microsoft.Authorization/RoleManagementPolicies",
            "properties": {"scope": scope, "rules": policy_rules(**settings)}})
        sections.setdefault("roleManagementPolicyAssignments", []).append({
            "id": f"{policy_id}_{role}", "name": f"{policy_guid}_{role}",
            "type": "Microsoft.Authorization/RoleManagementPolicyAssignment",
            "properties": {"scope": scope, "policyId": policy_id,
                           "roleDefinitionId": f"{scope}/providers/Microsoft.Authorization/roleDefinitions/{role}"}})

    # output -----------------------------------------------------------------
    def raw(self) -> RawBundle:
        """The bundle as the loader reads it: the single-file document plus the ``azure/`` sections."""
        bundle = from_document(self.bundle(), "bundle.json")
        for subscription, sections in sorted(self.azure.items()):
            for name, records in sorted(sections.items()):
                display = f"azure/{subscription}/{name}.json"
                bundle.add(azure_key(subscription, name), unwrap({"value": copy.deepcopy(records)}, display, "$", bundle))
        return bundle

    def drop(self, *sections: str) -> TenantBuilder:
        """Remove sections from the export."""
        for s in sections:
            self.sections.pop(s, None)
        return self

    def bundle(self) -> dict[str, Any]:
        """The single-file bundle document."""
        doc: dict[str, Any] = {"manifest": copy.deepcopy(self.manifest)}
        for name, records in self.sections.items():
            doc[name] = {"@odata.context": f"https://graph.microsoft.com/v1.0/$metadata#{name}",
                         "value": copy.deepcopy(records)}
        return doc

    def write(self, folder: Path, name: str = "bundle.json") -> Path:
        """Write the bundle (and a pimlint.toml with the break-glass list) into ``folder``."""
        path = folder / name
        path.write_text(json.dumps(self.bundle(), indent=2), encoding="utf-8")
        if self.break_glass:
            listed = ", ".join(f'"{b}@{DOMAIN}"' for b in self.break_glass)
            (folder / "pimlint.toml").write_text(f"break-glass = [{listed}]\n", encoding="utf-8")
        return path


def hardened() -> TenantBuilder:
    """The golden tenant: passes every rule."""
    t = TenantBuilder()
    for name in ("bg-01", "bg-02"):
        uid = t.user(name)
        t.active(uid, GA)
        t.break_glass.append(name)
    t.user("approver-1", methods=("fido2SecurityKey", "microsoftAuthenticatorPush"))
    t.user("approver-2", methods=("windowsHelloForBusiness",))
    admin = t.user("adm-alice", methods=("fido2SecurityKey",))
    t.eligible(admin, GA)
    helpdesk = t.user("adm-bob", methods=("fido2SecurityKey", "microsoftAuthenticatorPush"))
    t.eligible(helpdesk, USER_ADMIN)
    t.eligible(t.user("adm-pim"), PRA)
    tier1 = t.group("Helpdesk-Tier1", members=tuple(t.user(f"adm-h{i}") for i in range(1, 11)))
    t.eligible(tier1, HELPDESK_ADMIN)
    t.user("carol", licensed=True, methods=("microsoftAuthenticatorPush",))
    for role in CRITICAL:
        t.policy(role)
    for role in (EXCHANGE_ADMIN, USER_ADMIN, HELPDESK_ADMIN):
        t.policy(role, ticket=False, approval=False, approvers=(), duration="PT4H")
    for role in CRITICAL:
        t.access_review(role)
    emergency = t.group("EmergencyAccess", members=(gid("bg-01"), gid("bg-02")), role_assignable=False)
    t.ca_policy("CA001 All users MFA", exclude_groups=(emergency,))
    t.ca_policy("CA002 Admins phishing-resistant MFA", roles=CRITICAL, controls=(), strength=PHISHING_RESISTANT,
                sign_in_hours=4, exclude_groups=(emergency,))
    t.ca_policy("CA003 Block legacy authentication", clients=("exchangeActiveSync", "other"), controls=("block",),
                exclude_groups=(emergency,))
    for name in ("bg-01", "bg-02"):
        t.sign_in(gid(name), "Azure Portal", "2026-11-02T09:00:00Z", app_id="c44b4083-3bb0-49c1-b47d-974e53cbdf3c")
    _operations_history(t)
    return t


def _operations_history(t: TenantBuilder) -> None:
    """Three months of PIM audit log (2026-08-03 → October): every eligibility used once, on a weekday
    morning in Berlin, approved where the role requires it; ends before the break-glass tests of November."""
    t.audit("Update role setting in PIM", "2026-08-03T08:00:00Z", principal=gid("approver-1"), role=GA,
            request=gid("role-setting-ga"), actor=gid("approver-1"))
    first = datetime(2026, 9, 1, 7, 30, tzinfo=UTC)
    for i, e in enumerate(t.sections["roleEligibilityScheduleInstances"]):
        group = next((g for g in t.sections["groups"] if g["id"] == e["principalId"]), None)
        who = group["members"][0]["id"] if group else e["principalId"]
        approver = gid(("approver-1", "approver-2")[i % 2]) if e["roleDefinitionId"] in CRITICAL else None
        when = first + timedelta(days=7 * (i // 2) + 2 * (i % 2))
        t.activation(who, e["roleDefinitionId"], when, approver=approver, hours=1,
                     justification=f"CHG00{4211 + i} monthly access review follow-up", ticket=f"CHG00{4211 + i}")
