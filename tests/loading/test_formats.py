"""Each export layout loads into the same model: Graph + ARM bundles, Graph PowerShell output,
EntraExporter trees, ScubaGear provider files and AzureHound JSON (fixtures shaped like the real outputs)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pimlint.errors import InputError
from pimlint.loading import load
from pimlint.model.roles import AccessKind

FIXTURES = Path(__file__).parent / "fixtures"
SUB = "5f2a3b4c-6d7e-4f80-9a1b-2c3d4e5f6a7b"
GA = "62e90394-69f5-4237-9190-012177145e10"
OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"


def pimlint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pimlint", *args], capture_output=True, text=True, check=False)


def test_graph_bundle_with_arm_reviews_schedules_and_organization() -> None:
    loaded = load(FIXTURES / "graph-arm")
    t = loaded.tenant
    assert t.organization is not None and [d.name for d in t.organization.domains if d.is_default] == ["contoso.com"]
    assert t.organization.service_plan_ids == {"eec0eb4f-6444-4f95-aba0-50c24d67f998"}
    assert [(s.role_id, s.expiration_type, s.is_permanent) for s in t.eligibility_schedules] == [(GA, "noexpiration", True)]
    assert t.assignment_schedules[0].expiration_type == "afterdatetime" and not t.assignment_schedules[0].is_permanent
    review = t.access_reviews[0]
    assert (review.role_ids, review.recurrence, review.interval_days, review.auto_apply) == ((GA,), ("absolutemonthly", 3), 90, True)
    sub = t.azure[SUB]
    assert sub.role_name(OWNER) == "Owner"
    assert [(a.principal_type, a.role_id) for a in sub.role_assignments] == [("serviceprincipal", OWNER)]
    assert [a.kind for a in sub.eligible_assignments] == [AccessKind.ELIGIBLE]
    assert sub.active_assignments[0].scope == f"/subscriptions/{SUB}/resourcegroups/rg-prod"
    policy = sub.policy(OWNER, f"/subscriptions/{SUB}")
    assert policy is not None and policy.activation_approval is not None
    assert [a.kind for a in policy.activation_approval.primary_approvers] == ["user"]
    assert policy.activation_expiration is not None and policy.activation_expiration.raw_duration == "PT8H"


def _policy_rules(style: str) -> list[dict[str, Any]]:
    """Two rules as Graph REST (camelCase) or Graph PowerShell (PascalCase + AdditionalProperties) writes them."""
    if style == "graph":
        return [
            {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment",
             "isExpirationRequired": True, "maximumDuration": "PT8H",
             "target": {"caller": "EndUser", "operations": ["all"], "level": "Assignment"}},
            {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule", "id": "Enablement_EndUser_Assignment",
             "enabledRules": ["MultiFactorAuthentication"], "target": {"caller": "EndUser", "operations": ["all"], "level": "Assignment"}},
        ]
    return [
        {"Id": "Expiration_EndUser_Assignment",
         "Target": {"Caller": "EndUser", "EnforcedSettings": [], "InheritableSettings": [], "Level": "Assignment",
                    "Operations": ["All"], "TargetObjects": None},
         "AdditionalProperties": {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule",
                                  "isExpirationRequired": True, "maximumDuration": "PT8H"}},
        {"Id": "Enablement_EndUser_Assignment", "Target": {"Caller": "EndUser", "Operations": ["All"], "Level": "Assignment"},
         "AdditionalProperties": {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule",
                                  "enabledRules": ["MultiFactorAuthentication"]}},
    ]


def _write_graph_style(root: Path, style: str) -> Path:
    """A bundle: PowerShell style = PascalCase keys, /Date()/ dates, UTF-16 and UTF-8-BOM files,
    upper-case GUIDs, null-filled navigation stubs, a paged section folder, Directory_/DirectoryRole_ duplicates."""
    root.mkdir()
    ps = style == "powershell"
    principal = "0A5C7B1E-3D2F-4A9B-8C7D-6E5F4A3B2C1D" if ps else "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d"
    instance = ({"Id": "i1", "PrincipalId": principal, "RoleDefinitionId": GA.upper(), "DirectoryScopeId": "/",
                 "AssignmentType": "Assigned", "MemberType": "Direct", "StartDateTime": "/Date(1660328610000)/", "EndDateTime": None,
                 "RoleDefinition": {"Id": None, "TemplateId": None, "DisplayName": None},
                 "Principal": {"DeletedDateTime": None, "Id": None}, "ActivatedUsing": {"Id": None}}
                if ps else
                {"id": "i1", "principalId": principal, "roleDefinitionId": GA, "directoryScopeId": "/", "assignmentType": "Assigned",
                 "memberType": "Direct", "startDateTime": "2022-08-12T18:23:30Z", "endDateTime": None})
    policies = [{"Id" if ps else "id": f"{prefix}_6c12b0b0-b2cc-4a73-8252-0b94bfca2145_a2e4b3f1-0000-4000-8000-000000000001",
                 "ScopeId" if ps else "scopeId": "/", "ScopeType" if ps else "scopeType": "DirectoryRole",
                 "Rules" if ps else "rules": _policy_rules(style)} for prefix in (("Directory", "DirectoryRole") if ps else ("DirectoryRole",))]
    assignment = {"id": "a1", "policyId": policies[-1]["Id" if ps else "id"], "scopeId": "/", "scopeType": "DirectoryRole",
                  "roleDefinitionId": GA}
    users = [{"id": principal.lower(), "userPrincipalName": "dana@contoso.com"}, {"id": "10a08e2e-3ea2-4ce0-80cb-d5fdd4b05ea6"}]
    if ps:
        (root / "roleAssignmentScheduleInstances.json").write_bytes(json.dumps([instance]).encode("utf-16"))
        (root / "roleManagementPolicies.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(policies).encode())
        (root / "users").mkdir()
        for index, user in enumerate(users):
            (root / "users" / f"page-{index}.json").write_text(json.dumps({"value": [user], "@odata.nextLink": "x" if index == 0 else None}))
    else:
        (root / "roleAssignmentScheduleInstances.json").write_text(json.dumps({"value": [instance]}))
        (root / "roleManagementPolicies.json").write_text(json.dumps({"value": policies}))
        (root / "users.json").write_text(json.dumps({"value": users}))
    (root / "roleManagementPolicyAssignments.json").write_text(json.dumps([assignment]))
    (root / "manifest.json").write_text(json.dumps({"schemaVersion": 1, "tenantId": "6c12b0b0-b2cc-4a73-8252-0b94bfca2145",
                                                     "exportedAt": "2025-03-01T00:00:00Z", "extraField": "kept"}))
    return root


def test_powershell_output_loads_like_graph(tmp_path: Path) -> None:
    graph = load(_write_graph_style(tmp_path / "graph", "graph")).tenant
    powershell = load(_write_graph_style(tmp_path / "ps", "powershell")).tenant
    assert powershell.active_assignments[0].model_copy(update={"source": ""}) == graph.active_assignments[0].model_copy(update={"source": ""})
    assert len(powershell.policies) == 1, "Directory_ and DirectoryRole_ copies of one policy are merged"
    assert powershell.policies[0].rules == graph.policies[0].rules
    assert powershell.role_policy(GA) is not None and powershell.role_policy(GA).activation_enablement.requires_mfa
    assert sorted(powershell.users) == sorted(graph.users)


def test_entraexporter_tree(tmp_path: Path) -> None:
    root = tmp_path / "EntraBackup"
    user = "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d"
    group = "22222222-aaaa-4bbb-8ccc-000000000001"

    def put(rel: str, obj: Any, utf16: bool = False) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(obj, indent=2)
        path.write_bytes(data.encode("utf-16") if utf16 else data.encode())

    put("Organization/Organization.json", [{"id": "6c12b0b0-b2cc-4a73-8252-0b94bfca2145", "displayName": "Contoso"}])
    put(f"Users/{user}/{user}.json", {"id": user, "userPrincipalName": "dana@contoso.com", "onPremisesSyncEnabled": None}, utf16=True)
    put(f"Groups/{group}/{group}.json", {"id": group, "displayName": "Tier0", "isAssignableToRole": True})
    put(f"Groups/{group}/Members/{user}/{user}.json", {"id": user, "@odata.type": "#microsoft.graph.user"})
    put("RoleManagement/Directory/RoleDefinitions/r1/r1.json", {"id": GA, "templateId": GA, "displayName": "Global Administrator", "isPrivileged": True})
    put("PIM/DirectoryRoles/e1.json", {"id": "e1", "principalId": group, "roleDefinitionId": GA, "directoryScopeId": "/",
                                        "memberType": "Direct", "startDateTime": "2025-01-01T00:00:00Z", "endDateTime": None,
                                        "PrincipalName": "Tier0", "RoleName": "Global Administrator",
                                        "Policy": {"RoleName": None, "RoleID": GA, "PolicyID": "DirectoryRole_x_p1", "Rules": _policy_rules("graph")}})
    put("PIM/Groups/g1.json", {"Id": "g1", "GroupId": group, "PrincipalId": user, "AccessId": "member", "MemberType": "Direct", "Status": "Provisioned",
                               "ScheduleInfo": {"StartDateTime": "2025-01-01T00:00:00Z", "Expiration": {"EndDateTime": None, "Type": "noExpiration"}},
                               "Policy": {"Id": "Group_g_p2", "rules": _policy_rules("powershell")}})
    put("Devices/d1/d1.json", {"id": "d1"})
    put("signIns.json", {"value": [{"id": "s1", "createdDateTime": "2025-02-01T00:00:00Z", "userId": user, "status": {"errorCode": 0}}]})
    loaded = load(root)
    t = loaded.tenant
    assert t.users[user].upn == "dana@contoso.com" and t.groups[group].member_ids == (user,)
    assert [(a.principal_id, a.role_id) for a in t.eligible_assignments] == [(group, GA)]
    assert t.role_policy(GA) is not None and t.group_policy(group, "member") is not None
    assert [(g.group_id, g.principal_id, g.access) for g in t.group_assignments] == [(group, user, "member")]
    assert any("Devices" in w for w in loaded.warnings)
    assert [s.user_id for s in t.sign_ins] == [user], "bundle files beside the folders are read too"


def test_scubagear_provider_file() -> None:
    t = load(FIXTURES / "scubagear-provider.json").tenant
    assert "AAD_PREMIUM_P2" in {name for sku in t.skus.values() for _, name in sku.service_plans}
    assert any(d.display_name == "Global Administrator" for d in t.role_definitions.values())
    assert t.role_policy(GA) is not None and len(t.active_assignments) > 0


def test_azurehound_file() -> None:
    loaded = load(FIXTURES / "azurehound.json")
    t = loaded.tenant
    assert t.info.domain == "contoso.onmicrosoft.com"
    assert t.groups["22222222-aaaa-4bbb-8ccc-000000000001"].member_ids == ("03e9a7b2-9508-4e24-8248-16672f5f1377",)
    assert t.role_policy("e8611ab8-c189-46e8-94e1-60213ab1f814") is not None
    assert t.azure["88888888-aaaa-4bbb-8ccc-000000000001"].role_assignments[0].role_id == OWNER
    assert "roleAssignmentScheduleInstances" not in t.sections


def test_forced_format_and_unknown_shape(tmp_path: Path) -> None:
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps({"tenant": "x", "rows": []}))
    with pytest.raises(InputError, match="valid JSON but not a known export"):
        load(odd)
    run = pimlint("validate", str(odd))
    assert run.returncode == 2 and str(odd) in run.stderr and run.stderr.count("\n") == 1
    with pytest.raises(InputError):
        load(FIXTURES / "azurehound.json", input_format="scubagear")


def test_validate_lists_sections_and_every_problem(tmp_path: Path) -> None:
    run = pimlint("validate", str(FIXTURES / "graph-arm"), "--format", "json")
    doc = json.loads(run.stdout)
    assert run.returncode == 0 and doc["ok"] and doc["tenant"]["as_of_source"] == "manifest exportedAt"
    assert {"section": "accessReviewDefinitions", "records": 1, "files": 1} in doc["sections"]
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "users.json").write_text(json.dumps([{"displayName": "no id"}, {"id": 5}]))
    run = pimlint("validate", str(bad))
    assert run.returncode == 2 and run.stdout.count("problem: ") == 2


def test_inspect_is_deterministic() -> None:
    first = pimlint("inspect", str(FIXTURES / "graph-arm"))
    assert first.returncode == 0 and first.stdout == pimlint("inspect", str(FIXTURES / "graph-arm")).stdout
    assert json.loads(first.stdout)["azure"][SUB]["role_definitions"][OWNER]["name"] == "Owner"


def test_missing_section_is_listed_as_not_evaluated(tmp_path: Path) -> None:
    run = pimlint("check", str(_write_graph_style(tmp_path / "b", "graph")), "--show-not-evaluated", "--exit-zero")
    assert "PIM403" in run.stdout and "not evaluated" in run.stdout.lower()


def test_entraexporter_azure_iam_and_pim_resources(tmp_path: Path) -> None:
    """``IAM/RoleAssignments`` (Resource Graph rows) and ``IAM/RoleDefinitions`` become each
    container's ARM sections; management-group and root scopes get containers of their own."""
    root = tmp_path / "EntraBackup"
    owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
    sub, user = "11111111-2222-4333-8444-555555555555", "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d"

    def put(rel: str, obj: Any) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(obj), encoding="utf-8")

    put(f"Users/{user}/{user}.json", {"id": user, "userPrincipalName": "dana@contoso.com"})
    row = {"PrincipalName": "dana@contoso.com", "PrincipalId": user, "PrincipalType": "User", "RoleDefinitionName": "Owner",
           "RoleDefinitionId": f"/providers/Microsoft.Authorization/RoleDefinitions/{owner}", "ScopeType": "subscription",
           "CreatedOn": "2025-01-01T00:00:00Z", "UpdatedOn": "2025-01-01T00:00:00Z"}
    put(f"IAM/RoleAssignments/Subscriptions/{sub}/{user}&{owner}.json",
        {**row, "Scope": f"/subscriptions/{sub}", "SubscriptionId": sub})
    put(f"IAM/RoleAssignments/ManagementGroups/corp/{user}&{owner}.json",
        {**row, "Scope": "/providers/Microsoft.Management/managementGroups/Corp", "ScopeType": "managementgroup",
         "SubscriptionId": None})
    put(f"IAM/RoleAssignments/Root/{user}&{owner}.json", {**row, "Scope": "/", "ScopeType": "root", "SubscriptionId": None})
    put(f"IAM/RoleDefinitions/BuiltInRole/{owner}.json",
        {"id": f"/providers/Microsoft.Authorization/roleDefinitions/{owner}", "name": owner,
         "type": "Microsoft.Authorization/roleDefinitions",
         "properties": {"roleName": "Owner", "type": "BuiltInRole", "permissions": [{"actions": ["*"], "notActions": []}],
                        "assignableScopes": ["/"]}})
    put("PIM/Resources/ManagementGroups/e1.json",
        {"id": "e1", "principalId": user, "roleDefinitionId": f"/providers/Microsoft.Authorization/roleDefinitions/{owner}",
         "scope": "/providers/Microsoft.Management/managementGroups/Corp", "memberType": "Direct",
         "startDateTime": "2025-01-01T00:00:00Z", "endDateTime": None})
    loaded = load(root)
    azure = loaded.tenant.azure
    assert sorted(azure) == ["11111111-2222-4333-8444-555555555555", "managementgroup-corp", "tenant"]
    assert [(a.principal_id, a.role_id, a.scope) for a in azure[sub].role_assignments] == [(user, owner, f"/subscriptions/{sub}")]
    assert azure[sub].role_name(owner) == "Owner" and azure["tenant"].role_assignments[0].scope == "/"
    assert [a.role_id for a in azure["managementgroup-corp"].eligible_assignments] == [owner]
    assert not any("IAM" in w for w in loaded.warnings), "IAM is read, not reported as skipped"
    from pimlint import api
    from pimlint.config import load_settings

    settings, _ = load_settings(root, None, {"select": ["PIM901"]})
    result = api.check(root, settings)
    failing = sorted(f.resource.scope for f in result.findings if f.rule == "PIM901" and f.status.value == "fail")
    assert failing == ["/", "/providers/microsoft.management/managementgroups/corp", f"/subscriptions/{sub}"]


def test_entraexporter_pim_resources_expanded_scope_and_policy(tmp_path: Path) -> None:
    """A ``PIM/Resources`` file as EntraExporter writes it: ``properties`` and ``expandedProperties``
    flattened (``Scope`` is then the expanded object) and the role's policy under ``Policy``."""
    root = tmp_path / "EntraBackup"
    owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
    sub, user = "11111111-2222-4333-8444-555555555555", "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d"
    rules = [
        {"id": "Enablement_EndUser_Assignment", "ruleType": "RoleManagementPolicyEnablementRule", "enabledRules": [],
         "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment"}},
        {"id": "Expiration_EndUser_Assignment", "ruleType": "RoleManagementPolicyExpirationRule",
         "isExpirationRequired": True, "maximumDuration": "PT8H",
         "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment"}},
    ]
    for name in ("a", "b"):  # two eligibilities for the same role and scope share one policy
        path = root / "PIM" / "Resources" / "Subscriptions" / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({
            "principalId": f"{user[:-1]}{name}", "roleDefinitionId": f"/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{owner}",
            "principalType": "User", "memberType": "Direct", "status": "Provisioned", "startDateTime": "2025-01-01T00:00:00Z",
            "endDateTime": None, "roleEligibilityScheduleRequestId": f"r-{name}",
            "scope": {"id": f"/subscriptions/{sub}", "displayName": "Prod", "type": "subscription"},
            "roleDefinition": {"id": owner, "displayName": "Owner", "type": "BuiltInRole"},
            "principal": {"id": user, "displayName": "Dana", "email": "dana@contoso.com", "type": "User"},
            "Policy": {"scope": f"/subscriptions/{sub}", "displayName": "Default", "isOrganizationDefault": False,
                       "rules": rules, "effectiveRules": rules}}), encoding="utf-8")
    azure = load(root).tenant.azure[sub]
    assert [a.scope for a in azure.eligible_assignments] == [f"/subscriptions/{sub}"] * 2
    [policy] = azure.policies
    assert policy.targets == (owner,) and policy.scope_id == f"/subscriptions/{sub}"
    assert policy.activation_enablement is not None and not policy.activation_enablement.requires_mfa
    from pimlint import api
    from pimlint.config import load_settings

    settings, _ = load_settings(root, None, {"select": ["PIM902"]})
    statuses = {f.status.value for f in api.check(root, settings).findings if f.rule == "PIM902"}
    assert "fail" in statuses


def test_scubagear_config_in_the_export_applies_under_the_scuba_profile(tmp_path: Path) -> None:
    """A provider export's ``scuba_config`` (RoleExclusions) exempts its principals from PIM101 under
    ``--profile scuba`` only; an option in pimlint's own configuration wins over it."""
    from pimlint import api
    from pimlint.config import load_settings

    document = json.loads((FIXTURES / "scubagear-provider.json").read_text(encoding="utf-8"))
    excluded = sorted(document["scuba_config"]["Aad"]["MS.AAD.7.4v1"]["RoleExclusions"]["Users"])
    bare = tmp_path / "bare" / "ProviderSettingsExport.json"
    bare.parent.mkdir()
    bare.write_text(json.dumps({k: v for k, v in document.items() if k != "scuba_config"}), encoding="utf-8")

    def failing(path: Path, **cli: Any) -> list[str]:
        settings, _ = load_settings(path, None, {"select": ["PIM101"], **cli})
        result = api.check(path, settings)
        return sorted(f.resource.principal_id or "" for f in result.findings if f.status.value == "fail")

    with_config = FIXTURES / "scubagear-provider.json"
    assert set(excluded) <= set(failing(bare, profile="scuba")), "without the config they fail"
    assert not set(excluded) & set(failing(with_config, profile="scuba")), "the config exempts them"
    assert set(excluded) <= set(failing(with_config)), "only under --profile scuba"
    config = tmp_path / "pimlint.toml"
    config.write_text('[rules.PIM101]\nexempt-principals = []\n', encoding="utf-8")
    settings, _ = load_settings(with_config, config, {"select": ["PIM101"], "profile": "scuba"})
    result = api.check(with_config, settings)
    assert set(excluded) <= {f.resource.principal_id for f in result.findings if f.status.value == "fail"}
