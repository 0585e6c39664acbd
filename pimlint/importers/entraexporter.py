"""microsoft/EntraExporter output folders: one object per file, ``<Path>/<id>/<id>.json``.

Children nest under their parent (``Groups/<id>/Members/<member>/<member>.json``) and are folded
into the parent as Graph's ``$expand`` would (``members``, ``owners``, ``appRoleAssignments``).
PIM comes from ``PIM/DirectoryRoles/*.json`` (Entra eligibility instances, each with the role's
expanded ``Policy``), ``PIM/Groups/*.json`` (PIM-for-Groups eligibility schedules, PascalCase, with
the group policy) and ``PIM/Resources/**.json`` (ARM eligibility schedules, ``properties``
flattened, with the role's PIM policy at that scope); Azure RBAC from
``IAM/RoleAssignments/**.json`` (Azure Resource Graph rows: every active assignment, made in PIM or
not) and ``IAM/RoleDefinitions/**.json``. Azure records go under their subscription
(``azure/<id>/``), else ``managementgroup-<name>``, else ``tenant`` for the root scope. Files may be
UTF-16 with a byte-order mark. Bundle files placed beside the folders (``manifest.json``,
``signIns.json``, ...) are read as in a bundle for the sections EntraExporter lacks. Folders
pimlint does not read are named in a warning. Paths: reference/data/entraexporter-paths.csv.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pimlint.errors import InputError
from pimlint.importers.common import Sections
from pimlint.loading import sections as section_names
from pimlint.loading.bundle import RawBundle, type_name, unwrap
from pimlint.loading.normalizers.azure import trailing_guid
from pimlint.loading.reader import read_json

OBJECT_FOLDERS: dict[tuple[str, ...], tuple[str, dict[str, str]]] = {
    ("subscribedskus",): ("subscribedSkus", {}),
    ("users",): ("users", {}),
    ("groups",): ("groups", {"members": "members", "owners": "owners"}),
    ("serviceprincipals",): ("servicePrincipals", {"approleassignments": "appRoleAssignments", "owners": "owners"}),
    ("applications",): ("applications", {"owners": "owners"}),
    ("administrativeunits",): ("administrativeUnits", {"members": "members"}),
    ("rolemanagement", "directory", "roledefinitions"): ("roleDefinitions", {}),
    ("rolemanagement", "directory", "roleassignments"): ("roleAssignments", {}),
    ("rolemanagement", "directory", "roleassignmentscheduleinstances"): ("roleAssignmentScheduleInstances", {}),
    ("identity", "conditional", "accesspolicies"): ("conditionalAccessPolicies", {}),
    ("identitygovernance", "accessreviews"): ("accessReviewDefinitions", {}),
}
"""Folder path (lower-case) → (section, child folder → list field of the parent)."""


def _field(data: dict[str, Any], name: str) -> Any:
    return next((v for k, v in data.items() if k.lower() == name.lower()), None)


class _Reader:
    def __init__(self, root: Path, display: str, max_bytes: int) -> None:
        self.root = root
        self.display_root = display
        self.max_bytes = max_bytes
        self.bundle = RawBundle(root=display)
        self.out = Sections()
        self.used: set[Path] = set()
        self.policies: set[tuple[str, str]] = set()
        """(policy id, target) pairs already added, lower-cased (many eligibilities share one policy)."""

    def shown(self, path: Path) -> str:
        return str(Path(self.display_root) / path.relative_to(self.root))

    def read(self, path: Path) -> Any:
        read = read_json(path, self.shown(path), self.max_bytes)
        self.bundle.note_file(read)
        return read.document

    def find(self, *parts: str) -> Path | None:
        """A folder below the root, matched case-insensitively (EntraExporter runs on Windows too)."""
        here = self.root
        for part in parts:
            match = next((p for p in sorted(here.iterdir()) if p.is_dir() and p.name.lower() == part), None) if here.is_dir() else None
            if match is None:
                return None
            here = match
        return here

    def objects(self, folder: Path) -> list[tuple[dict[str, Any], Path, Path]]:
        """(object, its file, its folder) for every ``<id>/<id>.json`` in a folder."""
        out = []
        for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
            file = next((p for p in sub.iterdir() if p.is_file() and p.name.lower() == f"{sub.name.lower()}.json"), None)
            if file is None:
                continue
            document = self.read(file)
            if not isinstance(document, dict):
                raise InputError(self.shown(file), f"expected one object per file, got {type_name(document)}", "$")
            out.append((document, file, sub))
        return out

    def run(self) -> RawBundle:
        org = self.find("organization")
        if org is not None:
            self.used.add(org)
            for file in sorted(p for p in org.iterdir() if p.suffix.lower() == ".json"):
                document = self.read(file)
                items = document if isinstance(document, list) else [document]
                for index, item in enumerate(items):
                    self.out.add("organization", item, self.shown(file), f"$[{index}]" if isinstance(document, list) else "$")
        for parts, (section, children) in OBJECT_FOLDERS.items():
            folder = self.find(*parts)
            if folder is None:
                continue
            self.used.add(folder)
            self.out.declare(section)
            for document, file, sub in self.objects(folder):
                record = dict(document)
                for child in sorted(p for p in sub.iterdir() if p.is_dir()):
                    key = children.get(child.name.lower())
                    if key is not None:
                        record[key] = [obj for obj, _, _ in self.objects(child)]
                self.out.add(section, record, self.shown(file), "$")
        self.pim()
        self.iam()
        self.beside()
        unused = sorted(p.name for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")
                        and not any(u == p or p in u.parents for u in self.used))
        if unused:
            self.bundle.warnings.append(f"{self.display_root}: EntraExporter folders pimlint does not read: {', '.join(unused)}")
        bundle = self.out.into(self.bundle)
        if not bundle.sections:
            raise InputError(self.display_root, "no EntraExporter folder pimlint reads was found "
                                                "(Users, Groups, RoleManagement, PIM, Identity, ...)")
        return bundle

    def beside(self) -> None:
        """Bundle files put next to EntraExporter's folders (``manifest.json``, ``signIns.json``, ...)."""
        for file in sorted(p for p in self.root.iterdir() if p.is_file() and p.suffix.lower() == ".json"):
            stem = file.stem.lower()
            section = section_names.graph_section(stem)
            if stem == section_names.MANIFEST:
                document = self.read(file)
                if isinstance(document, dict):
                    self.bundle.manifest, self.bundle.manifest_file = document, self.shown(file)
            elif section is not None and section not in self.out:
                chunk = unwrap(self.read(file), self.shown(file), "$", self.bundle)
                if chunk is not None:
                    self.bundle.add(section, chunk)

    def flat(self, *parts: str) -> list[tuple[dict[str, Any], str]]:
        folder = self.find(*parts)
        if folder is None:
            return []
        self.used.add(folder)
        out = []
        for file in sorted(folder.rglob("*.json")):
            document = self.read(file)
            if not isinstance(document, dict):
                raise InputError(self.shown(file), f"expected one object per file, got {type_name(document)}", "$")
            out.append((document, self.shown(file)))
        return out

    def pim(self) -> None:
        if self.find("pim", "directoryroles") is not None:
            self.out.declare("roleEligibilityScheduleInstances")
            self.out.declare("roleManagementPolicyAssignments")
        for document, file in self.flat("pim", "directoryroles"):
            record = _without(document, "policy")
            self.out.add("roleEligibilityScheduleInstances", record, file, "$")
            policy = _field(document, "policy")
            if isinstance(policy, dict) and _field(policy, "policyId"):
                self.policy_assignment(str(_field(policy, "policyId")), "/", "DirectoryRole",
                                       str(_field(policy, "roleId") or _field(record, "roleDefinitionId")), _field(policy, "rules"), file)
        if self.find("pim", "groups") is not None:
            self.out.declare("privilegedAccessGroupEligibilityScheduleInstances")
        for document, file in self.flat("pim", "groups"):
            info = _field(document, "scheduleInfo") or {}
            expiration = _field(info, "expiration") or {}
            record = _without(document, "policy", "scheduleinfo")
            record["startDateTime"] = _field(info, "startDateTime")
            record["endDateTime"] = _field(expiration, "endDateTime")
            self.out.add("privilegedAccessGroupEligibilityScheduleInstances", record, file, "$")
            policy = _field(document, "policy")
            if isinstance(policy, dict) and _field(policy, "id"):
                self.policy_assignment(str(_field(policy, "id")), str(_field(record, "groupId")), "Group",
                                       str(_field(record, "accessId")), _field(policy, "rules"), file)
        for document, file in self.flat("pim", "resources"):
            self.azure_eligibility(document, file)

    def azure_eligibility(self, document: dict[str, Any], file: str) -> None:
        """One ``PIM/Resources`` file: ARM ``properties`` and ``expandedProperties`` flattened into the
        record (so ``Scope`` may be the expanded ``{id, displayName, type}``), and the role's policy
        at that scope (the ARM policy's ``properties``) under ``Policy``."""
        props = _without(document, "policy", *_ARM_ENVELOPE)
        scope_key = next((k for k in props if k.lower() == "scope"), "scope")
        if isinstance(props.get(scope_key), dict):
            props[scope_key] = _field(props[scope_key], "id")
        scope = str(props.get(scope_key) or "")
        container = _azure_container(scope, document)
        record = {"id": _field(document, "id") or file, "properties": props}
        self.out.add(section_names.azure_key(container, "roleEligibilityScheduleInstances"), record, file, "$")
        policy, role = _field(document, "policy"), str(_field(props, "roleDefinitionId") or "")
        if not isinstance(policy, dict) or not isinstance(_field(policy, "rules"), list) or not role:
            return
        scope_tag = hashlib.sha256(scope.lower().encode("utf-8")).hexdigest()[:12]
        policy_id = f"{scope}/providers/Microsoft.Authorization/roleManagementPolicies/{trailing_guid(role)}-{scope_tag}"
        if (policy_id.lower(), role.lower()) in self.policies:
            return
        self.policies.add((policy_id.lower(), role.lower()))
        policies = section_names.azure_key(container, "roleManagementPolicies")
        self.out.add(policies, {"id": policy_id, "properties": {**policy, "scope": scope}}, file, "$.Policy")
        self.out.add(section_names.azure_key(container, "roleManagementPolicyAssignments"),
                     {"id": f"{policy_id}-assignment",
                      "properties": {"policyId": policy_id, "roleDefinitionId": role, "scope": scope}}, file, "$.Policy")

    def iam(self) -> None:
        """Azure RBAC: every assignment (Resource Graph rows), and the role definitions in every
        container that has assignments (built-in roles apply everywhere)."""
        containers: set[str] = set()
        for document, file in self.flat("iam", "roleassignments"):
            scope = str(_field(document, "scope") or "")
            props = _without(document, *_ARM_ENVELOPE)
            name = file.rsplit("/", 1)[-1].removesuffix(".json")
            record = {"id": _field(document, "id") or f"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}",
                      "properties": props}
            container = _azure_container(scope, document)
            containers.add(container)
            self.out.add(section_names.azure_key(container, "roleAssignments"), record, file, "$")
        definitions = self.flat("iam", "roledefinitions")
        for container in sorted(containers):
            key = section_names.azure_key(container, "roleDefinitions")
            self.out.declare(key)
            for document, file in definitions:
                if isinstance(_field(document, "properties"), dict):
                    record = document
                else:
                    record = {"id": _field(document, "id") or file, "name": _field(document, "name"),
                              "properties": _without(document, *_ARM_ENVELOPE)}
                self.out.add(key, record, file, "$")

    def policy_assignment(self, policy_id: str, scope: str, scope_type: str, target: str, rules: Any, file: str) -> None:
        key = (policy_id.lower(), target.lower())
        if key in self.policies:
            return
        self.policies.add(key)
        self.out.add("roleManagementPolicyAssignments", {
            "id": f"{policy_id}_{target}", "policyId": policy_id, "scopeId": scope, "scopeType": scope_type,
            "roleDefinitionId": target, "policy": {"id": policy_id, "scopeId": scope, "scopeType": scope_type, "rules": rules or []},
        }, file, "$.Policy")


_ARM_ENVELOPE = ("id", "name", "type")
"""Keys of an ARM resource outside its ``properties``."""


def _without(data: dict[str, Any], *names: str) -> dict[str, Any]:
    """``data`` without the keys ``names`` (lower-case), in any spelling."""
    return {k: v for k, v in data.items() if k.lower() not in names}


def _azure_container(scope: str, document: dict[str, Any]) -> str:
    """The ``azure/<key>/`` of a record: its subscription, else its management group, else ``tenant``."""
    parts = [p for p in scope.split("/") if p]
    lowered = [p.lower() for p in parts]
    for marker in ("subscriptions", "managementgroups"):
        if marker in lowered and lowered.index(marker) + 1 < len(parts):
            value = parts[lowered.index(marker) + 1].lower()
            return value if marker == "subscriptions" else f"managementgroup-{value}"
    sub = _field(document, "subscriptionId")
    return str(sub).lower() if sub else "tenant"


def read_directory(root: Path, display: str, max_bytes: int) -> RawBundle:
    """Import an EntraExporter output folder."""
    return _Reader(root, display, max_bytes).run()
