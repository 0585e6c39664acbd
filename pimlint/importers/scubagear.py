"""CISA ScubaGear's provider export (``ProviderSettingsExport.json``), AAD part.

What ScubaGear collects becomes Graph-shaped sections (semantics: conformance/scubagear/semantics.md):

- ``privileged_users`` (object id → name, immutable id, role names) → ``users`` and one holding per
  role. Holdings not listed as an active assignment in ``privileged_roles`` are imported as
  eligibilities: ScubaGear does not say which they are, and an eligibility counts as a holder
  without ever being judged as standing access.
- ``privileged_roles`` → ``roleDefinitions`` (``isPrivileged``: ScubaGear's highly privileged set),
  ``Assignments`` → ``roleAssignmentScheduleInstances``, ``Rules`` → one policy per role; rules a
  PIM group contributes (``RuleSourceType`` ``PIM Group``) → that group (id derived from its name),
  its ``member`` policy and its eligibility for the role.
- ``service_plans`` → one ``subscribedSkus`` record carrying the plans;
  ``conditional_access_policies`` → ``conditionalAccessPolicies``; ``tenant_details`` → manifest.

Roles are joined by the provider's ``RoleTemplateId`` when it is a built-in template id, else by
``DisplayName`` (ScubaGear names roles, and its test data uses placeholder ids such as ``Role1``);
Conditional Access role ids are translated the same way. ``scuba_config`` is configuration, not
tenant data: it is kept beside the sections, and under ``--profile scuba`` its exclusions become
rule options (``pimlint.scuba.with_config``).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from pimlint.errors import InputError
from pimlint.importers.common import Sections, synthetic_id
from pimlint.loading.bundle import RawBundle, type_name
from pimlint.roleclasses import builtin_roles

_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_BY_NAME = {role.name.lower(): tid for tid, role in sorted(builtin_roles().items())}


def object_id(value: Any) -> str:
    """An object id as given when it is a GUID, else a GUID derived from it (test data uses ``User1``)."""
    text = str(value or "").strip().lower()
    return text if _GUID.match(text) else synthetic_id("object", text)


def _key(document: dict[str, Any], name: str) -> str | None:
    return next((k for k in document if k.lower() == name), None)


class _Importer:
    def __init__(self, document: dict[str, Any], display: str) -> None:
        self.doc = document
        self.file = display
        self.out = Sections()
        self.role_ids: dict[str, str] = {}
        self.bundle = RawBundle(root=display)
        self._rules: dict[tuple[str, str], list[tuple[dict[str, Any], str]]] = {}
        self._group_roles: set[tuple[str, str, str]] = set()

    def get(self, name: str, kind: type) -> tuple[Any, str] | None:
        key = _key(self.doc, name)
        if key is None or self.doc[key] is None:
            return None
        value = self.doc[key]
        if not isinstance(value, kind):
            raise InputError(self.file, f"expected {type_name(kind())}, got {type_name(value)}", f"$.{key}")
        return value, f"$.{key}"

    def role_id(self, provider_id: str | None, name: str | None) -> str:
        """The canonical role id of a provider role (built-in template id, by id, then by name)."""
        pid = (provider_id or "").strip().lower()
        if pid in builtin_roles():
            return pid
        if name and name.strip().lower() in _BY_NAME:
            return _BY_NAME[name.strip().lower()]
        return pid if _GUID.match(pid) else synthetic_id("role", pid or name or "")

    def run(self) -> RawBundle:
        self.manifest()
        self.roles()
        self.users()
        self.plans()
        self.conditional_access()
        key = _key(self.doc, "scuba_config")
        config = self.doc[key] if key is not None else None
        self.bundle.scuba_config = config if isinstance(config, dict) else None
        self.out.into(self.bundle)
        if not self.bundle.sections:
            raise InputError(self.file, "a ScubaGear export without any AAD key pimlint reads "
                                        "(privileged_users, privileged_roles, service_plans, conditional_access_policies)", "$")
        return self.bundle

    def manifest(self) -> None:
        details = self.get("tenant_details", list) or self.get("tenant_details", dict)
        first = details[0] if details else None
        if isinstance(first, list):
            first = first[0] if first and isinstance(first[0], dict) else None
        stamp = self.get("timestamp_zulu", str)
        if isinstance(first, dict) or stamp:
            info = {k.lower(): v for k, v in (first or {}).items()}
            manifest = {"tenantId": info.get("tenantid"), "tenantDomain": info.get("domainname"),
                        "displayName": info.get("displayname"), "exportedAt": stamp[0] if stamp else None,
                        "collector": "ScubaGear ProviderSettingsExport.json"}
            self.bundle.manifest = {k: v for k, v in manifest.items() if v is not None}
            self.bundle.manifest_file = self.file

    def roles(self) -> None:
        found = self.get("privileged_roles", list)
        if self.get("privileged_users", dict) or found:
            self.out.declare("roleAssignmentScheduleInstances")
            self.out.declare("roleEligibilityScheduleInstances")
        if not found:
            return
        roles, base = found
        for index, role in enumerate(roles):
            path = f"{base}[{index}]"
            if not isinstance(role, dict):
                raise InputError(self.file, f"expected an object, got {type_name(role)}", path)
            fields = {k.lower(): v for k, v in role.items()}
            name = fields.get("displayname")
            canon = self.role_id(fields.get("roletemplateid"), name)
            if fields.get("roletemplateid"):
                self.role_ids[str(fields["roletemplateid"]).lower()] = canon
            self.define_role(canon, name, path)
            for a_index, assignment in enumerate(fields.get("assignments") or []):
                self.assignment(canon, assignment, f"{path}.Assignments[{a_index}]")
            for r_index, rule in enumerate(fields.get("rules") or []):
                self.rule(canon, rule, f"{path}.Rules[{r_index}]")
        self.policies()

    def define_role(self, canon: str, name: str | None, path: str) -> None:
        if any(r["id"] == canon for r in self.out.records("roleDefinitions")):
            return
        builtin = builtin_roles().get(canon)
        self.out.add("roleDefinitions", {"id": canon, "templateId": canon, "displayName": name or (builtin.name if builtin else canon),
                                         "isBuiltIn": builtin is not None, "isPrivileged": True}, self.file, path)

    def assignment(self, canon: str, raw: Any, path: str) -> None:
        if not isinstance(raw, dict):
            raise InputError(self.file, f"expected an object, got {type_name(raw)}", path)
        record = {k: v for k, v in raw.items() if k.lower() not in ("roledefinitionid", "roledefinition", "principal")}
        fields = {k.lower() for k in record}
        record.setdefault("Id", raw.get("Id") or synthetic_id("assignment", path))
        record["roleDefinitionId"] = canon
        principal = _key(record, "principalid")
        if principal is not None:
            record[principal] = object_id(record[principal])
        if "directoryscopeid" not in fields:
            record["directoryScopeId"] = "/"
        self.out.add("roleAssignmentScheduleInstances", record, self.file, path)

    def rule(self, canon: str, raw: Any, path: str) -> None:
        if not isinstance(raw, dict):
            raise InputError(self.file, f"expected an object, got {type_name(raw)}", path)
        record = {k: v for k, v in raw.items() if k.lower() not in ("rulesource", "rulesourcetype")}
        fields = {k.lower(): v for k, v in raw.items()}
        if str(fields.get("rulesourcetype") or "").lower() == "pim group":
            name = str(fields.get("rulesource") or "PIM group")
            group = synthetic_id("group", name)
            if group not in {g["id"] for g in self.out.records("groups")}:
                self.out.add("groups", {"id": group, "displayName": name, "isAssignableToRole": True}, self.file, path)
            self._rules.setdefault(("group", group), []).append((record, path))
            self._group_roles.add((group, canon, path))
        else:
            self._rules.setdefault(("role", canon), []).append((record, path))

    def policies(self) -> None:
        for (kind, target), rules in sorted(self._rules.items()):
            path = rules[0][1].rsplit(".Rules", 1)[0]
            if kind == "role":
                policy_id, scope, scope_type, role = f"DirectoryRole_scubagear_{target}", "/", "DirectoryRole", target
            else:
                policy_id, scope, scope_type, role = f"Group_scubagear_{target}", target, "Group", "member"
            merged: dict[str, dict[str, Any]] = {}
            for record, _ in rules:
                merged.setdefault(str(next((v for k, v in record.items() if k.lower() == "id"), "")), record)
            self.out.add("roleManagementPolicies", {"id": policy_id, "scopeId": scope, "scopeType": scope_type,
                                                    "rules": list(merged.values())}, self.file, path)
            self.out.add("roleManagementPolicyAssignments", {"id": f"{policy_id}_{role}", "policyId": policy_id, "scopeId": scope,
                                                             "scopeType": scope_type, "roleDefinitionId": role}, self.file, path)
        for group, canon, path in sorted(self._group_roles):
            self.out.add("roleEligibilityScheduleInstances", {"id": synthetic_id("group-eligibility", group, canon), "principalId": group,
                                                              "roleDefinitionId": canon, "directoryScopeId": "/", "memberType": "Direct"},
                         self.file, path)

    def users(self) -> None:
        found = self.get("privileged_users", dict)
        if found is None:
            return
        users, base = found
        active = {(str(a.get("PrincipalId") or a.get("principalId") or ""), a.get("roleDefinitionId"))
                  for a in self.out.records("roleAssignmentScheduleInstances")}
        for key in sorted(users):
            path = f"{base}[{key!r}]"
            user = users[key]
            if not isinstance(user, dict):
                raise InputError(self.file, f"expected an object, got {type_name(user)}", path)
            record = {k: v for k, v in user.items() if k.lower() != "roles"}
            record["id"] = user_id = object_id(key)
            self.out.add("users", record, self.file, path)
            for name in sorted({str(n) for n in (next((v for k, v in user.items() if k.lower() == "roles"), None) or [])}):
                canon = self.role_id(None, name)
                self.define_role(canon, name, path)
                if (user_id, canon) not in active:
                    self.out.add("roleEligibilityScheduleInstances",
                                 {"id": synthetic_id("eligibility", user_id, canon), "principalId": user_id,
                                  "roleDefinitionId": canon, "directoryScopeId": "/", "memberType": "Direct"}, self.file, path)

    def plans(self) -> None:
        found = self.get("service_plans", list)
        if found is None:
            return
        plans, base = found
        self.out.add("subscribedSkus", {"id": "scubagear-service-plans", "skuId": synthetic_id("sku", "scubagear"),
                                        "skuPartNumber": "SCUBAGEAR_SERVICE_PLANS", "servicePlans": plans}, self.file, base)

    def conditional_access(self) -> None:
        found = self.get("conditional_access_policies", list)
        if found is None:
            return
        policies, base = found
        self.out.declare("conditionalAccessPolicies")
        for index, policy in enumerate(policies):
            path = f"{base}[{index}]"
            if not isinstance(policy, dict):
                raise InputError(self.file, f"expected an object, got {type_name(policy)}", path)
            record = copy.deepcopy(policy)
            if _key(record, "id") is None:
                record["id"] = synthetic_id("ca", str(index), str(policy.get("DisplayName") or ""))
            self._translate_roles(record)
            self._complete_strength(record)
            self.out.add("conditionalAccessPolicies", record, self.file, path)

    @staticmethod
    def _complete_strength(record: dict[str, Any]) -> None:
        """ScubaGear may drop the strength's id and write null combinations; Graph always has both."""
        grant = record.get(_key(record, "grantcontrols") or "")
        strength = grant.get(_key(grant, "authenticationstrength") or "") if isinstance(grant, dict) else None
        if isinstance(strength, dict):
            if _key(strength, "id") is None:
                strength["id"] = synthetic_id("strength", *sorted(map(str, strength.get("AllowedCombinations") or [])))
            combos = _key(strength, "allowedcombinations")
            if combos is not None and strength[combos] is None:
                strength[combos] = []

    def _translate_roles(self, record: dict[str, Any]) -> None:
        conditions = record.get(_key(record, "conditions") or "")
        users = conditions.get(_key(conditions, "users") or "") if isinstance(conditions, dict) else None
        if not isinstance(users, dict):
            return
        for key in ("includeroles", "excluderoles"):
            actual = _key(users, key)
            if actual and isinstance(users[actual], list):
                users[actual] = [self.role_ids.get(str(r).lower(), r) for r in users[actual]]


def from_document(document: Any, display: str) -> RawBundle:
    """Import a ScubaGear provider export."""
    if not isinstance(document, dict):
        raise InputError(display, f"a ScubaGear provider export is an object, got {type_name(document)}", "$")
    return _Importer(document, display).run()
