"""AzureHound's JSON output: ``{"data": [{"kind": "AZUser", "data": {...}}, ...], "meta": {...}}``.

Kinds pimlint reads become Graph-shaped sections: tenant → ``organization``; users, groups (with
``AZGroupMember``/``AZGroupOwner``), applications and service principals (with owners and
``AZAppRoleAssignment``); directory roles, role assignments, eligibility schedule instances and
role management policy assignments (with their expanded ``policy``); subscription owners →
``azure/<subscription>/roleAssignments``. Other kinds (key vaults, VMs, ...) are counted in a warning.
AzureHound does not collect active PIM schedule instances: rules that need them report not_evaluated.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pimlint.errors import InputError
from pimlint.importers.common import Sections
from pimlint.loading import sections as section_names
from pimlint.loading.bundle import RawBundle, type_name

_SIMPLE = {
    "azuser": "users",
    "azgroup": "groups",
    "azapp": "applications",
    "azserviceprincipal": "servicePrincipals",
    "azrole": "roleDefinitions",
    "azroleeligibilityscheduleinstance": "roleEligibilityScheduleInstances",
    "azrolemanagementpolicyassignment": "roleManagementPolicyAssignments",
}
_NESTED = {
    "azgroupmember": ("groupId", "members", "member", "groups", "id"),
    "azgroupowner": ("groupId", "owners", "owner", "groups", "id"),
    "azappowner": ("appId", "owners", "owner", "applications", "appId"),
    "azserviceprincipalowner": ("servicePrincipalId", "owners", "owner", "servicePrincipals", "id"),
}
"""kind → (parent key, list key, item key, section of the parent, parent field matched)."""


def _field(data: dict[str, Any], name: str) -> Any:
    return next((v for k, v in data.items() if k.lower() == name.lower()), None)


class _Importer:
    def __init__(self, display: str) -> None:
        self.file = display
        self.out = Sections()
        self.links: list[tuple[str, str, str, str, Any]] = []
        self.skipped: Counter[str] = Counter()

    def item(self, kind: str, data: dict[str, Any], path: str) -> None:
        lowered = kind.lower()
        if lowered == "aztenant":
            domain = _field(data, "defaultDomain")
            org = {"id": _field(data, "tenantId") or data.get("id"), "displayName": _field(data, "displayName"),
                   "verifiedDomains": [{"name": domain, "isDefault": True}] if domain else []}
            self.out.add("organization", org, self.file, path)
        elif lowered in _SIMPLE:
            record = dict(data)
            if lowered == "azrolemanagementpolicyassignment":
                policy = _field(record, "policy")
                if isinstance(policy, dict) and not _field(policy, "id"):
                    record["policy"] = {**policy, "id": _field(record, "policyId")}
            self.out.add(_SIMPLE[lowered], record, self.file, path)
        elif lowered == "azroleassignment":
            for index, row in enumerate(_field(data, "roleAssignments") or []):
                self.out.add("roleAssignments", row, self.file, f"{path}.roleAssignments[{index}]")
        elif lowered in _NESTED:
            parent_key, list_key, item_key, section, match = _NESTED[lowered]
            for row in _field(data, list_key) or []:
                target = _field(row, item_key) if isinstance(row, dict) else None
                if isinstance(target, dict):
                    self.links.append((section, match, str(_field(data, parent_key)).lower(), list_key, target))
        elif lowered == "azapproleassignment":
            self.links.append(("servicePrincipals", "id", str(_field(data, "principalId")).lower(), "appRoleAssignments", data))
        elif lowered in ("azsubscriptionowner", "azsubscriptionuseraccessadmin", "azsubscriptionroleassignment"):
            for index, row in enumerate(_field(data, "owners") or _field(data, "userAccessAdmins") or _field(data, "roleAssignments") or []):
                assignment = _field(row, "owner") or _field(row, "userAccessAdmin") or _field(row, "roleAssignment") or row
                sub = str(_field(data, "subscriptionId") or "").rstrip("/").rsplit("/", 1)[-1]
                if sub and isinstance(assignment, dict):
                    self.out.add(section_names.azure_key(sub, "roleAssignments"), assignment, self.file, f"{path}.owners[{index}]")
        else:
            self.skipped[kind] += 1

    def attach(self) -> None:
        """Fold members, owners and app role grants into the objects they belong to."""
        for section, match, parent, list_key, child in self.links:
            for record in self.out.records(section):
                if str(_field(record, match) or "").lower() == parent:
                    record.setdefault(list_key, []).append(child)
                    break


def from_document(document: Any, display: str) -> RawBundle:
    """Import an AzureHound JSON file."""
    data = _field(document, "data") if isinstance(document, dict) else None
    if not isinstance(data, list):
        raise InputError(display, f"an AzureHound file has a 'data' list, got {type_name(data)}", "$.data")
    importer = _Importer(display)
    for index, entry in enumerate(data):
        path = f"$.data[{index}]"
        kind, payload = (_field(entry, "kind"), _field(entry, "data")) if isinstance(entry, dict) else (None, None)
        if not isinstance(kind, str) or not isinstance(payload, dict):
            raise InputError(display, "expected an object with a 'kind' string and a 'data' object", path)
        importer.item(kind, payload, f"{path}.data")
    importer.attach()
    bundle = importer.out.into(RawBundle(root=display))
    if importer.skipped:
        kinds = ", ".join(f"{k} ({n})" for k, n in sorted(importer.skipped.items()))
        bundle.warnings.append(f"{display}: AzureHound kinds pimlint does not read were skipped: {kinds}")
    return bundle
