"""The JSON Schemas in ``schemas/``: one record of each export section, the ARM sections, the manifest.

Checks that every schema is a valid draft 2020-12 schema whose ``$id`` matches its path, that every
``$ref`` resolves through a registry of all of them (the way the loader registers them), that a
realistic record of each section (from ``graph-export-format.md``) validates while wrong types in
identity/join fields fail, and that the fields pimlint reads are declared (the loader's
case-insensitive key map is built from the declared property names).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
ID_BASE = "https://pimlint.dev/schemas/"
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

GRAPH_SECTIONS = (
    "organization",
    "subscribedSkus",
    "roleDefinitions",
    "roleAssignments",
    "roleAssignmentScheduleInstances",
    "roleEligibilityScheduleInstances",
    "roleAssignmentSchedules",
    "roleEligibilitySchedules",
    "roleManagementPolicies",
    "roleManagementPolicyAssignments",
    "privilegedAccessGroupEligibilityScheduleInstances",
    "privilegedAccessGroupAssignmentScheduleInstances",
    "users",
    "groups",
    "servicePrincipals",
    "applications",
    "administrativeUnits",
    "conditionalAccessPolicies",
    "authenticationStrengthPolicies",
    "userRegistrationDetails",
    "directoryAudits",
    "signIns",
    "accessReviewDefinitions",
)
ARM_SECTIONS = (
    "roleDefinitions",
    "roleAssignments",
    "roleAssignmentScheduleInstances",
    "roleEligibilityScheduleInstances",
    "roleManagementPolicies",
    "roleManagementPolicyAssignments",
)

# The files this test owns: the section schemas, the ARM schemas and the manifest.
SCHEMA_FILES = sorted(
    [*SCHEMAS.glob("sections/*.schema.json"), *SCHEMAS.glob("azure/*.schema.json"), SCHEMAS / "manifest.schema.json"]
)


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


DOCUMENTS = {path.relative_to(SCHEMAS).as_posix(): _load(path) for path in SCHEMA_FILES}
REGISTRY = Registry().with_resources(
    (document["$id"], Resource.from_contents(document)) for document in DOCUMENTS.values()
)


def _validator(key: str) -> Draft202012Validator:
    return Draft202012Validator(DOCUMENTS[key], registry=REGISTRY)


def graph_key(section: str) -> str:
    return f"sections/{section}.schema.json"


def arm_key(section: str) -> str:
    return f"azure/{section}.schema.json"


def errors(key: str, record: object) -> list[str]:
    """Validation errors of ``record`` against schema ``key``, as 'path: message' strings."""
    found = _validator(key).iter_errors(record)
    return [f"{'/'.join(map(str, error.absolute_path)) or '<record>'}: {error.message}" for error in found]


def copy(record: object) -> object:
    return json.loads(json.dumps(record))


def replaced(record: dict, path: tuple, value: object) -> dict:
    """A deep copy of ``record`` with the value at ``path`` replaced (or removed when value is DELETE)."""
    result = copy(record)
    target = result
    for step in path[:-1]:
        target = target[step]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return result


DELETE = object()

# ---------------------------------------------------------------------------------------------
# Realistic records. Where graph-export-format.md has an example of the section it is used as
# written there (section numbers in the comments); the others are built from the field tables of
# the same document.
# ---------------------------------------------------------------------------------------------

_POLICY_RULES_JSON = """
[
  { "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment",
    "isExpirationRequired": true, "maximumDuration": "PT2H",
    "target": { "caller": "EndUser", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": [] } },
  { "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule", "id": "Enablement_EndUser_Assignment",
    "enabledRules": ["Justification", "Ticketing"],
    "target": { "caller": "EndUser", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": [] } },
  { "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule", "id": "AuthenticationContext_EndUser_Assignment",
    "isEnabled": true, "claimValue": "c1",
    "target": { "caller": "EndUser", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": [] } },
  { "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule", "id": "Approval_EndUser_Assignment",
    "target": { "caller": "EndUser", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": [] },
    "setting": {
      "isApprovalRequired": true, "isApprovalRequiredForExtension": false, "isRequestorJustificationRequired": true,
      "approvalMode": "SingleStage",
      "approvalStages": [ {
        "approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": true, "escalationTimeInMinutes": 0, "isEscalationEnabled": false,
        "primaryApprovers": [
          { "@odata.type": "#microsoft.graph.groupMembers", "isBackup": false, "groupId": "14f2746d-7d6f-4ac6-acd8-8cac318b041b", "description": "PIM-Approvers-Tier0" },
          { "@odata.type": "#microsoft.graph.singleUser", "isBackup": false, "userId": "10a08e2e-3ea2-4ce0-80cb-d5fdd4b05ea6", "description": "Alex Wilber" }
        ],
        "escalationApprovers": []
      } ]
    } },
  { "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_Admin_Eligibility",
    "isExpirationRequired": true, "maximumDuration": "P180D",
    "target": { "caller": "Admin", "operations": ["all"], "level": "Eligibility", "inheritableSettings": [], "enforcedSettings": [] } },
  { "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_Admin_Assignment",
    "isExpirationRequired": true, "maximumDuration": "P15D",
    "target": { "caller": "Admin", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": [] } },
  { "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule", "id": "Enablement_Admin_Assignment",
    "enabledRules": ["Justification", "MultiFactorAuthentication"],
    "target": { "caller": "Admin", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": [] } },
  { "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyEnablementRule", "id": "Enablement_Admin_Eligibility",
    "enabledRules": [],
    "target": { "caller": "Admin", "operations": ["all"], "level": "Eligibility", "inheritableSettings": [], "enforcedSettings": [] } },
  { "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyNotificationRule", "id": "Notification_Admin_EndUser_Assignment",
    "notificationType": "Email", "recipientType": "Admin", "notificationLevel": "All", "isDefaultRecipientsEnabled": true,
    "notificationRecipients": ["secops@contoso.com"],
    "target": { "caller": "EndUser", "operations": ["all"], "level": "Assignment", "inheritableSettings": [], "enforcedSettings": [] } }
]
"""
RULES = json.loads(_POLICY_RULES_JSON)
APPROVAL_RULE = 3
NOTIFICATION_RULE = 8

# §3.7: the expanded policy of the hardened Global Administrator policy assignment.
POLICY = {
    "id": "DirectoryRole_9154767b-525c-4bd4-b76c-4bfa9c053b3a_5d1f0c3b-8a7e-4e2d-9c1b-0a9f8e7d6c5b",
    "displayName": "DirectoryRole",
    "description": "DirectoryRole",
    "isOrganizationDefault": False,
    "scopeId": "/",
    "scopeType": "DirectoryRole",
    "lastModifiedDateTime": "2025-01-14T10:02:11.39Z",
    "lastModifiedBy": {"displayName": "Jordan Admin", "id": None},
    "rules": RULES,
}

_CA_POLICY_JSON = """
{
  "id": "1eba8b95-3fc9-434a-a645-97ebc3cbbe54",
  "templateId": null,
  "displayName": "CA010 - Admins - Phishing-resistant MFA",
  "createdDateTime": "2024-06-01T09:00:00Z",
  "modifiedDateTime": "2025-02-11T19:10:55.2711536Z",
  "state": "enabled",
  "conditions": {
    "userRiskLevels": [],
    "signInRiskLevels": [],
    "clientAppTypes": ["all"],
    "servicePrincipalRiskLevels": [],
    "platforms": null,
    "locations": null,
    "devices": null,
    "clientApplications": null,
    "authenticationFlows": null,
    "applications": { "includeApplications": ["All"], "excludeApplications": [], "includeUserActions": [], "includeAuthenticationContextClassReferences": [] },
    "users": {
      "includeUsers": [],
      "excludeUsers": ["569b7477-def3-4fe5-ab69-7b981bd1d245"],
      "includeGroups": [],
      "excludeGroups": ["b3dbfaaa-4447-4ebe-8d28-c885c851828b"],
      "includeRoles": ["62e90394-69f5-4237-9190-012177145e10", "e8611ab8-c189-46e8-94e1-60213ab1f814", "7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "194ae4cb-b126-40b2-bd5b-6091b380977d"],
      "excludeRoles": [],
      "includeGuestsOrExternalUsers": null,
      "excludeGuestsOrExternalUsers": null
    }
  },
  "grantControls": {
    "operator": "OR",
    "builtInControls": [],
    "customAuthenticationFactors": [],
    "termsOfUse": [],
    "authenticationStrength@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies('1eba8b95-3fc9-434a-a645-97ebc3cbbe54')/grantControls/authenticationStrength/$entity",
    "authenticationStrength": {
      "id": "00000000-0000-0000-0000-000000000004",
      "createdDateTime": "2021-12-01T00:00:00Z",
      "modifiedDateTime": "2021-12-01T00:00:00Z",
      "displayName": "Phishing-resistant MFA",
      "description": "Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key",
      "policyType": "builtIn",
      "requirementsSatisfied": "mfa",
      "allowedCombinations": ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"]
    }
  },
  "sessionControls": null
}
"""

_DIRECTORY_AUDIT_JSON = r"""
{
  "id": "PIM_3c9f1a2b-7d4e-4f5a-9b8c-1d2e3f4a5b6c_5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f8a_638745643647890123",
  "category": "RoleManagement",
  "correlationId": "c5a1e9d4-2b7f-4c3a-9e8d-1f0a2b3c4d5e",
  "result": "success",
  "resultReason": "CHG0042117 rotate app secret",
  "activityDisplayName": "Add member to role completed (PIM activation)",
  "activityDateTime": "2025-03-03T09:12:45.1726541Z",
  "loggedByService": "PIM",
  "operationType": "Update",
  "initiatedBy": {
    "app": null,
    "user": { "id": "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d", "displayName": "Dana Admin", "userPrincipalName": "adm-dana@contoso.com",
              "ipAddress": "203.0.113.24", "userType": null, "homeTenantId": null, "homeTenantName": null }
  },
  "targetResources": [
    { "id": "e8611ab8-c189-46e8-94e1-60213ab1f814", "displayName": "Privileged Role Administrator", "type": "Role", "userPrincipalName": null, "groupType": null,
      "modifiedProperties": [
        { "displayName": "RoleDefinitionOriginId", "oldValue": "\"\"", "newValue": "\"e8611ab8-c189-46e8-94e1-60213ab1f814\"" },
        { "displayName": "RoleDefinitionOriginType", "oldValue": "\"\"", "newValue": "\"BuiltInRole\"" },
        { "displayName": "TemplateId", "oldValue": "\"\"", "newValue": "\"e8611ab8-c189-46e8-94e1-60213ab1f814\"" } ] },
    { "id": "c5a1e9d4-2b7f-4c3a-9e8d-1f0a2b3c4d5e", "displayName": null, "type": "Request", "userPrincipalName": null, "groupType": null, "modifiedProperties": [] },
    { "id": "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d", "displayName": "Dana Admin", "type": "User", "userPrincipalName": "adm-dana@contoso.com", "groupType": null, "modifiedProperties": [] },
    { "id": "9154767b-525c-4bd4-b76c-4bfa9c053b3a", "displayName": "Contoso", "type": "Directory", "userPrincipalName": null, "groupType": null, "modifiedProperties": [] },
    { "id": "4e1c9c2a-7f1b-4d8e-8a1e-5b0c3d2e1f40", "displayName": null, "type": "Other", "userPrincipalName": null, "groupType": null, "modifiedProperties": [] }
  ],
  "additionalDetails": [
    { "key": "RoleDefinitionOriginId", "value": "e8611ab8-c189-46e8-94e1-60213ab1f814" },
    { "key": "RoleDefinitionOriginType", "value": "BuiltInRole" },
    { "key": "TemplateId", "value": "e8611ab8-c189-46e8-94e1-60213ab1f814" },
    { "key": "StartTime", "value": "2025-03-03T09:12:44.107Z" },
    { "key": "ExpirationTime", "value": "2025-03-03T17:12:44.107Z" },
    { "key": "Justification", "value": "CHG0042117 rotate app secret" },
    { "key": "TicketNumber", "value": "CHG0042117" },
    { "key": "TicketSystem", "value": "ServiceNow" },
    { "key": "ipaddr", "value": "203.0.113.24" },
    { "key": "RequestId", "value": "c5a1e9d4-2b7f-4c3a-9e8d-1f0a2b3c4d5e" }
  ]
}
"""

_SIGN_IN_JSON = """
{
  "id": "66ea54eb-6301-4ee5-be62-ff5a759b0100",
  "createdDateTime": "2025-01-07T11:20:05Z",
  "userDisplayName": "Break Glass 01",
  "userPrincipalName": "bg-admin01@contoso.onmicrosoft.com",
  "userId": "569b7477-def3-4fe5-ab69-7b981bd1d245",
  "appId": "c44b4083-3bb0-49c1-b47d-974e53cbdf3c",
  "appDisplayName": "Azure Portal",
  "ipAddress": "198.51.100.7",
  "clientAppUsed": "Browser",
  "correlationId": "d79f5bee-5860-4832-928f-3133e22ae912",
  "conditionalAccessStatus": "notApplied",
  "isInteractive": true,
  "riskDetail": "none",
  "riskLevelAggregated": "none",
  "riskLevelDuringSignIn": "none",
  "riskState": "none",
  "riskEventTypes_v2": [],
  "resourceDisplayName": "Windows Azure Service Management API",
  "resourceId": "797f4846-ba00-4fd7-ba43-dac1f8f63013",
  "status": { "errorCode": 0, "failureReason": "Other.", "additionalDetails": null },
  "deviceDetail": { "deviceId": "", "displayName": "", "operatingSystem": "Windows10", "browser": "Edge 131.0.0", "isCompliant": false, "isManaged": false, "trustType": "" },
  "location": { "city": "Redmond", "state": "Washington", "countryOrRegion": "US", "geoCoordinates": { "altitude": null, "latitude": 47.67, "longitude": -122.12 } },
  "appliedConditionalAccessPolicies": [
    { "id": "1eba8b95-3fc9-434a-a645-97ebc3cbbe54", "displayName": "CA010 - Admins - Phishing-resistant MFA", "enforcedGrantControls": [], "enforcedSessionControls": [], "result": "notApplied" }
  ]
}
"""

_ACCESS_REVIEW_JSON = """
{
  "id": "2b83cc42-09db-46f6-8c6e-16fec466a82d",
  "displayName": "Quarterly review - Global Administrator (eligible)",
  "createdDateTime": "2024-10-01T08:00:00Z",
  "lastModifiedDateTime": "2024-10-01T08:00:00Z",
  "status": "InProgress",
  "descriptionForAdmins": "",
  "descriptionForReviewers": "",
  "createdBy": { "id": "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d", "displayName": "Dana Admin", "userPrincipalName": "adm-dana@contoso.com" },
  "scope": {
    "@odata.type": "#microsoft.graph.accessReviewQueryScope",
    "query": "/roleManagement/directory/roleEligibilityScheduleInstances?$expand=principal&$filter=(isof(principal,'microsoft.graph.user') and roleDefinitionId eq '62e90394-69f5-4237-9190-012177145e10')",
    "queryType": "MicrosoftGraph",
    "queryRoot": null
  },
  "instanceEnumerationScope": null,
  "reviewers": [ { "query": "/users/10a08e2e-3ea2-4ce0-80cb-d5fdd4b05ea6", "queryType": "MicrosoftGraph", "queryRoot": null } ],
  "fallbackReviewers": [],
  "settings": {
    "mailNotificationsEnabled": true,
    "reminderNotificationsEnabled": true,
    "justificationRequiredOnApproval": true,
    "defaultDecisionEnabled": true,
    "defaultDecision": "Deny",
    "instanceDurationInDays": 14,
    "autoApplyDecisionsEnabled": true,
    "recommendationsEnabled": true,
    "recurrence": {
      "pattern": { "type": "absoluteMonthly", "interval": 3, "month": 0, "dayOfMonth": 0, "daysOfWeek": [], "firstDayOfWeek": "sunday", "index": "first" },
      "range": { "type": "noEnd", "numberOfOccurrences": 0, "recurrenceTimeZone": null, "startDate": "2024-10-01", "endDate": "9999-12-31" }
    },
    "applyActions": [ { "@odata.type": "#microsoft.graph.removeAccessApplyAction" } ]
  }
}
"""

CA_POLICY = json.loads(_CA_POLICY_JSON)

GRAPH_EXAMPLES: dict[str, list[dict]] = {
    "organization": [
        {
            "id": "9154767b-525c-4bd4-b76c-4bfa9c053b3a",
            "displayName": "Contoso",
            "tenantType": "AAD",
            "createdDateTime": "2019-04-02T10:11:12Z",
            "onPremisesSyncEnabled": None,
            "verifiedDomains": [
                {"name": "contoso.onmicrosoft.com", "type": "Managed", "isDefault": False, "isInitial": True,
                 "capabilities": "Email, OfficeCommunicationsOnline"},
                {"name": "contoso.com", "type": "Managed", "isDefault": True, "isInitial": False, "capabilities": "Email"},
            ],
            "assignedPlans": [
                {"assignedDateTime": "2023-01-05T00:00:00Z", "capabilityStatus": "Enabled", "service": "AADPremiumService",
                 "servicePlanId": "eec0eb4f-6444-4f95-aba0-50c24d67f998"},
            ],
            "technicalNotificationMails": ["secops@contoso.com"],
        }
    ],
    "subscribedSkus": [
        {
            "id": "9154767b-525c-4bd4-b76c-4bfa9c053b3a_84a661c4-e949-4bd2-a560-ed7766fcaf2b",
            "skuId": "84a661c4-e949-4bd2-a560-ed7766fcaf2b",
            "skuPartNumber": "AAD_PREMIUM_P2",
            "appliesTo": "User",
            "capabilityStatus": "Enabled",
            "consumedUnits": 12,
            "prepaidUnits": {"enabled": 25, "suspended": 0, "warning": 0, "lockedOut": 0},
            "servicePlans": [
                {"servicePlanId": "eec0eb4f-6444-4f95-aba0-50c24d67f998", "servicePlanName": "AAD_PREMIUM_P2",
                 "provisioningStatus": "Success", "appliesTo": "User"},
            ],
        }
    ],
    # §1
    "roleDefinitions": [
        {
            "id": "62e90394-69f5-4237-9190-012177145e10",
            "templateId": "62e90394-69f5-4237-9190-012177145e10",
            "displayName": "Global Administrator",
            "description": "Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.",
            "isBuiltIn": True,
            "isEnabled": True,
            "isPrivileged": True,
            "resourceScopes": ["/"],
            "version": "1",
            "rolePermissions": [
                {"allowedResourceActions": ["microsoft.directory/users/password/update",
                                            "microsoft.directory/roleAssignments/allProperties/allTasks"],
                 "condition": None}
            ],
        },
        {
            "id": "3f7a1c2e-0b4d-4e8a-9c61-2d5e8f9a0b11",
            "templateId": "3f7a1c2e-0b4d-4e8a-9c61-2d5e8f9a0b11",
            "displayName": "Contoso Helpdesk Tier 2",
            "description": "Custom role",
            "isBuiltIn": False,
            "isEnabled": True,
            "isPrivileged": False,
            "resourceScopes": ["/"],
            "version": "1",
            "rolePermissions": [{"allowedResourceActions": ["microsoft.directory/users/basic/update"], "condition": None}],
        },
    ],
    # §2.1 (the doc's example id decodes to Global Administrator + this principal)
    "roleAssignments": [
        {
            "id": "lAPpYvVpN0KRkAEhdxReEAWz5Gtet_xOv8wxvTtTpfg-1",
            "principalId": "6be4b305-b75e-4efc-bfcc-31bd3b53a5f8",
            "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10",
            "directoryScopeId": "/",
            "appScopeId": None,
            "principal": {"@odata.type": "#microsoft.graph.user", "id": "6be4b305-b75e-4efc-bfcc-31bd3b53a5f8"},
        }
    ],
    # §2.2
    "roleAssignmentScheduleInstances": [
        {
            "id": "lAPpYvVpN0KRkAEhdxReEHd0m1bz3uVPq2l7mBvR0kU-1",
            "principalId": "569b7477-def3-4fe5-ab69-7b981bd1d245",
            "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10",
            "directoryScopeId": "/",
            "appScopeId": None,
            "startDateTime": None,
            "endDateTime": None,
            "assignmentType": "Assigned",
            "memberType": "Direct",
            "roleAssignmentOriginId": "lAPpYvVpN0KRkAEhdxReEHd0m1bz3uVPq2l7mBvR0kU-1",
            "roleAssignmentScheduleId": "lAPpYvVpN0KRkAEhdxReEHd0m1bz3uVPq2l7mBvR0kU-1",
        },
        {
            "id": "4e1c9c2a-7f1b-4d8e-8a1e-5b0c3d2e1f40",
            "principalId": "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d",
            "roleDefinitionId": "e8611ab8-c189-46e8-94e1-60213ab1f814",
            "directoryScopeId": "/",
            "appScopeId": None,
            "startDateTime": "2025-03-03T09:12:44.107Z",
            "endDateTime": "2025-03-03T17:12:44.107Z",
            "assignmentType": "Activated",
            "memberType": "Direct",
            "roleAssignmentOriginId": "uBpp6InBt0aU4WAhOrH4FB57XApDPZpKjH1uX0o7LB0-1",
            "roleAssignmentScheduleId": "4e1c9c2a-7f1b-4d8e-8a1e-5b0c3d2e1f40",
        },
        {
            "id": "lAPpYvVpN0KRkAEhdxReEKHH2W3m9iNHkpJ4bmfF0a8-1",
            "principalId": "6dd9c7a1-f6e6-4723-9292-786e67c5d1af",
            "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10",
            "directoryScopeId": "/",
            "appScopeId": None,
            "startDateTime": None,
            "endDateTime": None,
            "assignmentType": "Assigned",
            "memberType": "Group",
            "roleAssignmentOriginId": "lAPpYvVpN0KRkAEhdxReEKHH2W3m9iNHkpJ4bmfF0a8-1",
            "roleAssignmentScheduleId": "lAPpYvVpN0KRkAEhdxReEKHH2W3m9iNHkpJ4bmfF0a8-1",
        },
    ],
    # §2.3
    "roleEligibilityScheduleInstances": [
        {
            "id": "Xy9rOp7pqk2VwGtH1m3yTKtAq0oV1mBJi0x9Lr6JQnE-1-e",
            "principalId": "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d",
            "roleDefinitionId": "194ae4cb-b126-40b2-bd5b-6091b380977d",
            "directoryScopeId": "/",
            "appScopeId": None,
            "startDateTime": "2024-11-02T08:00:00Z",
            "endDateTime": "2025-11-02T08:00:00Z",
            "memberType": "Direct",
            "roleEligibilityScheduleId": "b7d4c3e2-1f0a-4b9c-8d7e-6f5a4b3c2d1e",
        }
    ],
    # §2.3-2.4 (schedule fields + the scheduleInfo example)
    "roleAssignmentSchedules": [
        {
            "id": "4e1c9c2a-7f1b-4d8e-8a1e-5b0c3d2e1f40",
            "principalId": "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d",
            "roleDefinitionId": "e8611ab8-c189-46e8-94e1-60213ab1f814",
            "directoryScopeId": "/",
            "appScopeId": None,
            "createdUsing": "c5a1e9d4-2b7f-4c3a-9e8d-1f0a2b3c4d5e",
            "createdDateTime": "2025-03-03T09:12:40.6485851Z",
            "modifiedDateTime": None,
            "status": "Provisioned",
            "assignmentType": "Activated",
            "memberType": "Direct",
            "scheduleInfo": {
                "startDateTime": "2025-03-03T09:12:44.107Z",
                "recurrence": None,
                "expiration": {"type": "afterDuration", "endDateTime": None, "duration": "PT8H"},
            },
        }
    ],
    "roleEligibilitySchedules": [
        {
            "id": "b7d4c3e2-1f0a-4b9c-8d7e-6f5a4b3c2d1e",
            "principalId": "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d",
            "roleDefinitionId": "194ae4cb-b126-40b2-bd5b-6091b380977d",
            "directoryScopeId": "/",
            "appScopeId": None,
            "createdUsing": "b7d4c3e2-1f0a-4b9c-8d7e-6f5a4b3c2d1e",
            "createdDateTime": "2024-11-02T08:00:00Z",
            "modifiedDateTime": "0001-01-01T08:00:00Z",
            "status": "Provisioned",
            "memberType": "Direct",
            "scheduleInfo": {
                "startDateTime": "2024-11-02T08:00:00Z",
                "recurrence": None,
                "expiration": {"type": "afterDateTime", "endDateTime": "2025-11-02T08:00:00Z", "duration": None},
            },
        }
    ],
    # §3.7 (the expanded policy)
    "roleManagementPolicies": [POLICY],
    # §3.7 (the policy assignment with its policy expanded)
    "roleManagementPolicyAssignments": [
        {
            "id": "DirectoryRole_9154767b-525c-4bd4-b76c-4bfa9c053b3a_5d1f0c3b-8a7e-4e2d-9c1b-0a9f8e7d6c5b_62e90394-69f5-4237-9190-012177145e10",
            "policyId": "DirectoryRole_9154767b-525c-4bd4-b76c-4bfa9c053b3a_5d1f0c3b-8a7e-4e2d-9c1b-0a9f8e7d6c5b",
            "scopeId": "/",
            "scopeType": "DirectoryRole",
            "roleDefinitionId": "62e90394-69f5-4237-9190-012177145e10",
            "policy": POLICY,
        },
        {
            "id": "Group_7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f_2f1e0d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f_member",
            "policyId": "Group_7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f_2f1e0d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f",
            "scopeId": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
            "scopeType": "Group",
            "roleDefinitionId": "member",
        },
    ],
    # §4
    "privilegedAccessGroupEligibilityScheduleInstances": [
        {
            "id": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f_member_9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d",
            "groupId": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
            "principalId": "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d",
            "accessId": "member",
            "memberType": "Direct",
            "startDateTime": "2024-06-01T00:00:00Z",
            "endDateTime": None,
            "eligibilityScheduleId": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f_member_1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",
        }
    ],
    "privilegedAccessGroupAssignmentScheduleInstances": [
        {
            "id": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f_owner_3c2b1a0f-9e8d-4c7b-8a6f-5e4d3c2b1a0f",
            "groupId": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
            "principalId": "10a08e2e-3ea2-4ce0-80cb-d5fdd4b05ea6",
            "accessId": "owner",
            "memberType": "Direct",
            "assignmentType": "Assigned",
            "startDateTime": "2024-06-01T00:00:00Z",
            "endDateTime": None,
            "assignmentScheduleId": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f_owner_3c2b1a0f-9e8d-4c7b-8a6f-5e4d3c2b1a0f",
        }
    ],
    # §5.1
    "users": [
        {
            "id": "569b7477-def3-4fe5-ab69-7b981bd1d245",
            "userPrincipalName": "bg-admin01@contoso.onmicrosoft.com",
            "displayName": "Break Glass 01",
            "mail": None,
            "accountEnabled": True,
            "userType": "Member",
            "onPremisesSyncEnabled": None,
            "createdDateTime": "2021-02-10T15:02:33Z",
            "assignedLicenses": [],
            "signInActivity": {
                "lastSignInDateTime": "2025-01-07T11:20:05Z",
                "lastSignInRequestId": "9d0630df-c6f4-4ea6-b236-4d716f7b3ab3",
                "lastNonInteractiveSignInDateTime": None,
                "lastNonInteractiveSignInRequestId": None,
                "lastSuccessfulSignInDateTime": "2025-01-07T11:20:05Z",
                "lastSuccessfulSignInRequestId": "9d0630df-c6f4-4ea6-b236-4d716f7b3ab3",
            },
        },
        {
            "id": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a",
            "userPrincipalName": "alice_fabrikam.com#EXT#@contoso.onmicrosoft.com",
            "displayName": "Alice (Fabrikam)",
            "mail": "alice@fabrikam.com",
            "accountEnabled": True,
            "userType": "Guest",
            "onPremisesSyncEnabled": None,
            "onPremisesImmutableId": None,
            "createdDateTime": None,
            "assignedLicenses": [{"skuId": "84a661c4-e949-4bd2-a560-ed7766fcaf2b", "disabledPlans": []}],
        },
    ],
    # §5.2
    "groups": [
        {
            "id": "6dd9c7a1-f6e6-4723-9292-786e67c5d1af",
            "displayName": "Tier0-GlobalAdmins",
            "isAssignableToRole": True,
            "securityEnabled": True,
            "mailEnabled": False,
            "groupTypes": [],
            "members": [
                {"@odata.type": "#microsoft.graph.user", "id": "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d"},
                {"@odata.type": "#microsoft.graph.group", "id": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"},
            ],
            "owners": [{"@odata.type": "#microsoft.graph.user", "id": "10a08e2e-3ea2-4ce0-80cb-d5fdd4b05ea6"}],
        }
    ],
    # §5.3 (with the appRoleAssignment example)
    "servicePrincipals": [
        {
            "id": "dc8d2e52-7d28-4a92-b0b7-935ed6beed71",
            "appId": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
            "displayName": "contoso-automation",
            "servicePrincipalType": "Application",
            "accountEnabled": True,
            "appOwnerOrganizationId": "9154767b-525c-4bd4-b76c-4bfa9c053b3a",
            "appRoles": [],
            "keyCredentials": [],
            "passwordCredentials": [],
            "tags": ["WindowsAzureActiveDirectoryIntegratedApp"],
            "appRoleAssignments": [
                {
                    "id": "Uq2N3Ch9kkqwt5Ne1r7V0p8nK7Hwc1FKjJ3jOmxqY3E",
                    "deletedDateTime": None,
                    "appRoleId": "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
                    "createdDateTime": "2024-05-20T13:02:11.4410216Z",
                    "principalDisplayName": "contoso-automation",
                    "principalId": "dc8d2e52-7d28-4a92-b0b7-935ed6beed71",
                    "principalType": "ServicePrincipal",
                    "resourceDisplayName": "Microsoft Graph",
                    "resourceId": "b2b36c38-9f3e-4d2c-9f4e-2f7a6b5c4d3e",
                }
            ],
            "owners": [{"@odata.type": "#microsoft.graph.user", "id": "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d"}],
        }
    ],
    "applications": [
        {
            "id": "8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d",
            "appId": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
            "displayName": "contoso-automation",
            "signInAudience": "AzureADMyOrg",
            "createdDateTime": "2024-05-20T12:58:00Z",
            "keyCredentials": [],
            "passwordCredentials": [
                {"keyId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "displayName": "ci-pipeline", "hint": "Q~x",
                 "startDateTime": "2024-05-20T13:00:00Z", "endDateTime": "2026-05-20T13:00:00Z", "customKeyIdentifier": None}
            ],
            "requiredResourceAccess": [
                {"resourceAppId": "00000003-0000-0000-c000-000000000000",
                 "resourceAccess": [{"id": "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8", "type": "Role"}]}
            ],
            "owners": [{"@odata.type": "#microsoft.graph.user", "id": "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d"}],
        }
    ],
    "administrativeUnits": [
        {
            "id": "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b",
            "displayName": "Tier-0 accounts",
            "description": None,
            "visibility": "HiddenMembership",
            "isMemberManagementRestricted": True,
            "membershipType": None,
        }
    ],
    # §7
    "conditionalAccessPolicies": [CA_POLICY],
    # §7 (the built-in strength inline in the CA example, and a custom one)
    "authenticationStrengthPolicies": [
        CA_POLICY["grantControls"]["authenticationStrength"],
        {
            "id": "7d9e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a",
            "displayName": "FIDO2 (Contoso keys only)",
            "description": None,
            "policyType": "custom",
            "requirementsSatisfied": "mfa",
            "allowedCombinations": ["fido2"],
            "createdDateTime": "2024-02-01T10:00:00Z",
            "modifiedDateTime": "2024-02-01T10:00:00Z",
            "combinationConfigurations": [
                {"@odata.type": "#microsoft.graph.fido2CombinationConfiguration",
                 "id": "4b5c6d7e-8f9a-4b0c-9d1e-2f3a4b5c6d7e", "appliesToCombinations": ["fido2"],
                 "allowedAAGUIDs": ["cb69481e-8ff7-4039-93ec-0a2729a154a8"]}
            ],
        },
    ],
    # §6
    "userRegistrationDetails": [
        {
            "id": "569b7477-def3-4fe5-ab69-7b981bd1d245",
            "userPrincipalName": "bg-admin01@contoso.onmicrosoft.com",
            "userDisplayName": "Break Glass 01",
            "userType": "member",
            "isAdmin": True,
            "isSsprRegistered": False,
            "isSsprEnabled": False,
            "isSsprCapable": False,
            "isMfaRegistered": True,
            "isMfaCapable": True,
            "isPasswordlessCapable": True,
            "isSystemPreferredAuthenticationMethodEnabled": True,
            "lastUpdatedDateTime": "2025-01-08T02:11:09.4410216Z",
            "methodsRegistered": ["fido2SecurityKey", "passKeyDeviceBound"],
            "systemPreferredAuthenticationMethods": [],
            "userPreferredMethodForSecondaryAuthentication": "none",
        }
    ],
    # §8.1
    "directoryAudits": [json.loads(_DIRECTORY_AUDIT_JSON)],
    # §8.2
    "signIns": [json.loads(_SIGN_IN_JSON)],
    # §9
    "accessReviewDefinitions": [json.loads(_ACCESS_REVIEW_JSON)],
}

_SUB = "/subscriptions/5f2a3b4c-6d7e-4f80-9a1b-2c3d4e5f6a7b"
_OWNER = f"{_SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
_ARM_TARGET = {"caller": "EndUser", "operations": ["All"], "level": "Assignment",
               "targetObjects": None, "inheritableSettings": None, "enforcedSettings": None}

ARM_EXAMPLES: dict[str, list[dict]] = {
    # §10.4
    "roleDefinitions": [
        {
            "id": _OWNER,
            "name": "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
            "type": "Microsoft.Authorization/roleDefinitions",
            "properties": {
                "roleName": "Owner",
                "type": "BuiltInRole",
                "description": "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
                "assignableScopes": ["/"],
                "permissions": [{"actions": ["*"], "notActions": [], "dataActions": [], "notDataActions": []}],
                "createdOn": "2015-02-02T21:55:09.8806423Z",
                "updatedOn": "2021-11-11T20:13:45.8978856Z",
                "createdBy": None,
                "updatedBy": None,
            },
        }
    ],
    "roleAssignments": [
        {
            "id": f"{_SUB}/providers/Microsoft.Authorization/roleAssignments/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
            "name": "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
            "type": "Microsoft.Authorization/roleAssignments",
            "properties": {
                "roleDefinitionId": _OWNER,
                "principalId": "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d",
                "principalType": "User",
                "scope": _SUB,
                "condition": None,
                "conditionVersion": None,
                "createdOn": "2021-03-17T02:54:27.167+00:00",
                "updatedOn": "2021-03-17T02:54:27.167+00:00",
                "createdBy": None,
                "updatedBy": "9154767b-525c-4bd4-b76c-4bfa9c053b3a",
                "delegatedManagedIdentityResourceId": None,
            },
        }
    ],
    "roleAssignmentScheduleInstances": [
        {
            "id": f"{_SUB}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances/5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
            "name": "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
            "type": "Microsoft.Authorization/RoleAssignmentScheduleInstances",
            "properties": {
                "scope": _SUB,
                "roleDefinitionId": _OWNER,
                "principalId": "6dd9c7a1-f6e6-4723-9292-786e67c5d1af",
                "principalType": "Group",
                "status": "Provisioned",
                "startDateTime": "2021-03-17T02:54:27.167+00:00",
                "endDateTime": None,
                "assignmentType": "Assigned",
                "memberType": "Direct",
                "createdOn": "2021-03-17T02:54:27.167+00:00",
                "condition": None,
                "conditionVersion": None,
                "originRoleAssignmentId": f"{_SUB}/providers/Microsoft.Authorization/roleAssignments/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
                "roleAssignmentScheduleId": f"{_SUB}/providers/Microsoft.Authorization/roleAssignmentSchedules/5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
                "linkedRoleEligibilityScheduleId": None,
                "linkedRoleEligibilityScheduleInstanceId": None,
                "expandedProperties": {
                    "scope": {"id": _SUB, "displayName": "Prod", "type": "subscription"},
                    "roleDefinition": {"id": _OWNER, "displayName": "Owner", "type": "BuiltInRole"},
                    "principal": {"id": "6dd9c7a1-f6e6-4723-9292-786e67c5d1af", "displayName": "Tier0-GlobalAdmins",
                                  "email": None, "type": "Group"},
                },
            },
        }
    ],
    # §10.1
    "roleEligibilityScheduleInstances": [
        {
            "properties": {
                "scope": _SUB,
                "roleDefinitionId": _OWNER,
                "principalId": "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d",
                "principalType": "User",
                "status": "Provisioned",
                "roleEligibilityScheduleId": f"{_SUB}/providers/Microsoft.Authorization/roleEligibilitySchedules/3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a",
                "startDateTime": "2024-09-01T00:00:00Z",
                "endDateTime": None,
                "memberType": "Direct",
                "createdOn": "2024-09-01T00:00:03.22Z",
                "condition": None,
                "conditionVersion": None,
                "expandedProperties": {
                    "scope": {"id": _SUB, "displayName": "Prod", "type": "subscription"},
                    "roleDefinition": {"id": _OWNER, "displayName": "Owner", "type": "BuiltInRole"},
                    "principal": {"id": "0a5c7b1e-3d2f-4a9b-8c7d-6e5f4a3b2c1d", "displayName": "Dana Admin",
                                  "email": "adm-dana@contoso.com", "type": "User"},
                },
            },
            "name": "a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d",
            "id": f"{_SUB}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d",
            "type": "Microsoft.Authorization/RoleEligibilityScheduleInstances",
        }
    ],
    # §10.2: ruleType discriminator, null target lists, ARM approvers, null recipients, '' claimValue.
    "roleManagementPolicies": [
        {
            "id": f"{_SUB}/providers/Microsoft.Authorization/roleManagementPolicies/570c3619-7688-4b34-b290-2b8bb3ccab2a",
            "name": "570c3619-7688-4b34-b290-2b8bb3ccab2a",
            "type": "Microsoft.Authorization/RoleManagementPolicies",
            "properties": {
                "scope": _SUB,
                "displayName": "Default",
                "description": None,
                "isOrganizationDefault": False,
                "lastModifiedBy": {"id": None, "displayName": None, "type": None, "email": None},
                "lastModifiedDateTime": "2024-03-01T10:00:00.0000000+00:00",
                "rules": [
                    {"id": "Expiration_EndUser_Assignment", "ruleType": "RoleManagementPolicyExpirationRule",
                     "isExpirationRequired": True, "maximumDuration": "PT7H", "target": _ARM_TARGET},
                    {"id": "AuthenticationContext_EndUser_Assignment", "ruleType": "RoleManagementPolicyAuthenticationContextRule",
                     "isEnabled": False, "claimValue": "", "target": _ARM_TARGET},
                    {"id": "Approval_EndUser_Assignment", "ruleType": "RoleManagementPolicyApprovalRule", "target": _ARM_TARGET,
                     "setting": {"isApprovalRequired": True, "isApprovalRequiredForExtension": False,
                                 "isRequestorJustificationRequired": True, "approvalMode": "SingleStage",
                                 "approvalStages": [{"approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": True,
                                                     "escalationTimeInMinutes": 0, "isEscalationEnabled": False,
                                                     "primaryApprovers": [{"id": "14f2746d-7d6f-4ac6-acd8-8cac318b041b",
                                                                           "description": "amansw_group", "isBackup": False,
                                                                           "userType": "Group"}],
                                                     "escalationApprovers": None}]}},
                    {"id": "Notification_Admin_EndUser_Assignment", "ruleType": "RoleManagementPolicyNotificationRule",
                     "notificationType": "Email", "recipientType": "Admin", "notificationLevel": "Critical",
                     "isDefaultRecipientsEnabled": False, "notificationRecipients": None, "target": _ARM_TARGET},
                ],
                "effectiveRules": [],
                "policyProperties": {"scope": {"id": _SUB, "displayName": "Prod", "type": "subscription"}},
            },
        }
    ],
    # §10.3
    "roleManagementPolicyAssignments": [
        {
            "id": f"{_SUB}/providers/Microsoft.Authorization/roleManagementPolicyAssignments/570c3619-7688-4b34-b290-2b8bb3ccab2a_8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
            "name": "570c3619-7688-4b34-b290-2b8bb3ccab2a_8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
            "type": "Microsoft.Authorization/RoleManagementPolicyAssignment",
            "properties": {
                "scope": _SUB,
                "roleDefinitionId": _OWNER,
                "policyId": f"{_SUB}/providers/Microsoft.Authorization/roleManagementPolicies/570c3619-7688-4b34-b290-2b8bb3ccab2a",
                "policyAssignmentProperties": {
                    "scope": {"id": _SUB, "displayName": "Prod", "type": "subscription"},
                    "roleDefinition": {"id": _OWNER, "displayName": "Owner", "type": "BuiltInRole"},
                    "policy": {"id": f"{_SUB}/providers/Microsoft.Authorization/roleManagementPolicies/570c3619-7688-4b34-b290-2b8bb3ccab2a",
                               "lastModifiedBy": {"displayName": "Dana Admin"}, "lastModifiedDateTime": None},
                },
            },
        }
    ],
}

MANIFEST = {
    "schemaVersion": 1,
    "tenantId": "9154767b-525c-4bd4-b76c-4bfa9c053b3a",
    "tenantDomain": "contoso.onmicrosoft.com",
    "displayName": "Contoso",
    "exportedAt": "2026-11-20T06:00:00Z",
    "collector": "any text",
    "timezone": "Europe/Berlin",
}


# ---------------------------------------------------------------------------------------------
# The schema files themselves
# ---------------------------------------------------------------------------------------------


def test_every_section_has_a_schema() -> None:
    assert {f"sections/{s}.schema.json" for s in GRAPH_SECTIONS} <= DOCUMENTS.keys()
    assert {f"azure/{s}.schema.json" for s in ARM_SECTIONS} <= DOCUMENTS.keys()
    assert "sections/common.schema.json" in DOCUMENTS
    assert "manifest.schema.json" in DOCUMENTS
    extra = DOCUMENTS.keys() - {graph_key(s) for s in GRAPH_SECTIONS} - {arm_key(s) for s in ARM_SECTIONS}
    assert extra == {"sections/common.schema.json", "manifest.schema.json"}


@pytest.mark.parametrize("key", sorted(DOCUMENTS))
def test_valid_draft_2020_12_schema(key: str) -> None:
    document = DOCUMENTS[key]
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == DRAFT_2020_12
    assert document["$id"] == ID_BASE + key
    assert document.get("title") and document.get("description")


@pytest.mark.parametrize("key", sorted(DOCUMENTS))
def test_records_are_objects_open_to_unknown_fields(key: str) -> None:
    document = DOCUMENTS[key]
    if key != "sections/common.schema.json":
        assert document["type"] == "object"
    for node in _walk(document):
        assert node.get("additionalProperties", True) is not False, key
        assert node.get("unevaluatedProperties", True) is not False, key
        assert "format" not in node, f"{key}: dates are never format-checked"
        assert "enum" not in node, f"{key}: enum values vary in case; the normaliser folds them"


def _walk(node: object):
    """Every schema object inside ``node`` (ignores property *names*, which are not schemas)."""
    if isinstance(node, dict):
        yield node
        for keyword, value in node.items():
            if keyword in ("properties", "$defs", "patternProperties"):
                for sub in value.values():
                    yield from _walk(sub)
            elif keyword in ("items", "additionalProperties", "not", "if", "then", "else", "contains"):
                yield from _walk(value)
            elif keyword in ("allOf", "anyOf", "oneOf", "prefixItems"):
                for sub in value:
                    yield from _walk(sub)


def _refs(document: dict) -> list[str]:
    return [node["$ref"] for node in _walk(document) if "$ref" in node]


@pytest.mark.parametrize("key", sorted(DOCUMENTS))
def test_every_ref_resolves_through_the_registry(key: str) -> None:
    document = DOCUMENTS[key]
    resolver = REGISTRY.resolver(base_uri=document["$id"])
    for ref in _refs(document):
        resolved = resolver.lookup(ref)
        assert isinstance(resolved.contents, dict), f"{key}: {ref}"
        if not ref.startswith("#"):
            assert ref.split("#")[0].endswith(".schema.json"), f"{key}: {ref} is not a relative schema path"


def test_common_definitions_are_referenced() -> None:
    common = DOCUMENTS["sections/common.schema.json"]
    used = set()
    for key, document in DOCUMENTS.items():
        own = key == "sections/common.schema.json"
        for ref in _refs(document):
            if ref.startswith("#/$defs/") and own or "common.schema.json#/$defs/" in ref:
                used.add(ref.rsplit("/", 1)[1])
    assert set(common["$defs"]) - used == set(), "unused shared definitions"


def _declared_names(node: object, found: set[str]) -> set[str]:
    for schema in _walk(node):
        found.update(schema.get("properties", {}))
    return found


def test_declared_names_have_one_spelling_ignoring_case() -> None:
    """The loader maps keys case-insensitively onto the declared names: no name may be spelled twice."""
    names: set[str] = set()
    for document in DOCUMENTS.values():
        _declared_names(document, names)
    by_lower: dict[str, set[str]] = {}
    for name in names:
        by_lower.setdefault(name.lower(), set()).add(name)
    clashes = {low: spellings for low, spellings in by_lower.items() if len(spellings) > 1}
    assert clashes == {}


# ---------------------------------------------------------------------------------------------
# Declared fields (followed through $ref, allOf and anyOf)
# ---------------------------------------------------------------------------------------------


def _alternatives(schema: dict, resolver):
    """``schema`` and every subschema it is combined with through $ref, allOf, anyOf, oneOf."""
    yield schema, resolver
    if "$ref" in schema:
        resolved = resolver.lookup(schema["$ref"])
        yield from _alternatives(resolved.contents, resolved.resolver)
    for keyword in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(keyword, []):
            yield from _alternatives(sub, resolver)
    for keyword in ("then", "else"):
        if keyword in schema:
            yield from _alternatives(schema[keyword], resolver)


def _steps(path: str) -> list[str]:
    """Split a dotted path, keeping OData annotation names such as '@odata.type' whole."""
    steps: list[str] = []
    for part in path.split("."):
        if steps and steps[-1].endswith("@odata"):
            steps[-1] += "." + part
        else:
            steps.append(part)
    return steps


def declared(key: str, path: str) -> bool:
    """Whether the dotted ``path`` (``[]`` steps into array items) is declared by schema ``key``."""
    document = DOCUMENTS[key]
    frontier = [(document, REGISTRY.resolver(base_uri=document["$id"]))]
    for step in _steps(path):
        name, into_items = (step[:-2], True) if step.endswith("[]") else (step, False)
        following = []
        for schema, resolver in frontier:
            for alternative, alt_resolver in _alternatives(schema, resolver):
                if name in alternative.get("properties", {}):
                    following.append((alternative["properties"][name], alt_resolver))
        if into_items:
            following = [
                (alternative["items"], alt_resolver)
                for schema, resolver in following
                for alternative, alt_resolver in _alternatives(schema, resolver)
                if "items" in alternative
            ]
        if not following:
            return False
        frontier = following
    return True


DECLARED_FIELDS = [
    (graph_key("users"), "signInActivity.lastSuccessfulSignInDateTime"),
    (graph_key("users"), "signInActivity.lastSignInDateTime"),
    (graph_key("users"), "assignedLicenses[].skuId"),
    (graph_key("users"), "onPremisesImmutableId"),
    (graph_key("roleManagementPolicies"), "rules[].target.operations"),
    (graph_key("roleManagementPolicies"), "rules[].target.caller"),
    (graph_key("roleManagementPolicies"), "rules[].isExpirationRequired"),
    (graph_key("roleManagementPolicies"), "rules[].maximumDuration"),
    (graph_key("roleManagementPolicies"), "rules[].enabledRules"),
    (graph_key("roleManagementPolicies"), "rules[].claimValue"),
    (graph_key("roleManagementPolicies"), "rules[].setting.isApprovalRequired"),
    (graph_key("roleManagementPolicies"), "rules[].setting.approvalStages[].primaryApprovers[].userId"),
    (graph_key("roleManagementPolicies"), "rules[].setting.approvalStages[].primaryApprovers[].groupId"),
    (graph_key("roleManagementPolicies"), "rules[].setting.approvalStages[].primaryApprovers[].userType"),
    (graph_key("roleManagementPolicies"), "rules[].setting.approvalStages[].escalationApprovers[].id"),
    (graph_key("roleManagementPolicies"), "rules[].notificationRecipients"),
    (graph_key("roleManagementPolicies"), "rules[].isDefaultRecipientsEnabled"),
    (graph_key("roleManagementPolicyAssignments"), "policy.rules[].setting.approvalStages[].approvalStageTimeOutInDays"),
    (graph_key("roleEligibilityScheduleInstances"), "policy.rules[].ruleType"),
    (graph_key("privilegedAccessGroupEligibilityScheduleInstances"), "scheduleInfo.expiration.duration"),
    (graph_key("conditionalAccessPolicies"), "conditions.users.includeRoles"),
    (graph_key("conditionalAccessPolicies"), "conditions.users.excludeGroups"),
    (graph_key("conditionalAccessPolicies"), "conditions.applications.includeAuthenticationContextClassReferences"),
    (graph_key("conditionalAccessPolicies"), "conditions.clientAppTypes"),
    (graph_key("conditionalAccessPolicies"), "grantControls.builtInControls"),
    (graph_key("conditionalAccessPolicies"), "grantControls.authenticationStrength.allowedCombinations"),
    (graph_key("conditionalAccessPolicies"), "sessionControls.signInFrequency.value"),
    (graph_key("conditionalAccessPolicies"), "sessionControls.signInFrequency.frequencyInterval"),
    (graph_key("directoryAudits"), "targetResources[].modifiedProperties[].newValue"),
    (graph_key("directoryAudits"), "additionalDetails[].key"),
    (graph_key("directoryAudits"), "additionalDetails[].value"),
    (graph_key("directoryAudits"), "initiatedBy.user.userPrincipalName"),
    (graph_key("directoryAudits"), "initiatedBy.app.displayName"),
    (graph_key("signIns"), "status.errorCode"),
    (graph_key("signIns"), "appliedConditionalAccessPolicies[].result"),
    (graph_key("groups"), "members[].@odata.type"),
    (graph_key("servicePrincipals"), "appRoleAssignments[].appRoleId"),
    (graph_key("subscribedSkus"), "servicePlans[].servicePlanName"),
    (graph_key("accessReviewDefinitions"), "scope.query"),
    (graph_key("accessReviewDefinitions"), "settings.recurrence.pattern.interval"),
    (arm_key("roleEligibilityScheduleInstances"), "properties.principalId"),
    (arm_key("roleEligibilityScheduleInstances"), "properties.expandedProperties.principal.type"),
    (arm_key("roleAssignmentScheduleInstances"), "properties.assignmentType"),
    (arm_key("roleManagementPolicies"), "properties.rules[].setting.approvalStages[].primaryApprovers[].id"),
    (arm_key("roleManagementPolicyAssignments"), "properties.policyId"),
    (arm_key("roleDefinitions"), "properties.permissions[].actions"),
]


@pytest.mark.parametrize(("key", "path"), DECLARED_FIELDS)
def test_field_is_declared(key: str, path: str) -> None:
    assert declared(key, path), f"{key} does not declare {path}"


def test_undeclared_field_is_not_found() -> None:
    assert not declared(graph_key("users"), "signInActivity.noSuchField")
    assert not declared(graph_key("conditionalAccessPolicies"), "conditions.users.noSuchList")


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


def test_every_graph_section_has_an_example() -> None:
    assert set(GRAPH_EXAMPLES) == set(GRAPH_SECTIONS)
    assert set(ARM_EXAMPLES) == set(ARM_SECTIONS)


@pytest.mark.parametrize("section", GRAPH_SECTIONS)
def test_graph_example_validates(section: str) -> None:
    for record in GRAPH_EXAMPLES[section]:
        assert errors(graph_key(section), record) == []


@pytest.mark.parametrize("section", ARM_SECTIONS)
def test_arm_example_validates(section: str) -> None:
    for record in ARM_EXAMPLES[section]:
        assert errors(arm_key(section), record) == []


def _required_paths(key: str) -> list[tuple]:
    document = DOCUMENTS[key]
    if key.startswith("azure/"):
        inner = document["properties"]["properties"].get("required", [])
        return [("id",), *[("properties", name) for name in inner]]
    return [(name,) for name in document["required"]]


REQUIRED_CASES = [
    (graph_key(section), GRAPH_EXAMPLES[section][0], path)
    for section in GRAPH_SECTIONS
    for path in _required_paths(graph_key(section))
] + [
    (arm_key(section), ARM_EXAMPLES[section][0], path)
    for section in ARM_SECTIONS
    for path in _required_paths(arm_key(section))
]


@pytest.mark.parametrize(
    ("key", "record", "path"),
    REQUIRED_CASES,
    ids=[f"{key.rsplit('/', 1)[-1].split('.')[0]}:{'.'.join(path)}" for key, _record, path in REQUIRED_CASES],
)
def test_wrong_type_in_required_field_fails(key: str, record: dict, path: tuple) -> None:
    assert errors(key, replaced(record, path, 42)), f"{key}: {path} = 42 was accepted"
    assert errors(key, replaced(record, path, None)), f"{key}: {path} = null was accepted"
    assert errors(key, replaced(record, path, DELETE)), f"{key}: missing {path} was accepted"


def test_required_identity_fields() -> None:
    """The identity and join fields the brief names are the required ones."""
    assert DOCUMENTS[graph_key("roleAssignments")]["required"] == ["id", "principalId", "roleDefinitionId"]
    for section in ("privilegedAccessGroupEligibilityScheduleInstances", "privilegedAccessGroupAssignmentScheduleInstances"):
        assert set(DOCUMENTS[graph_key(section)]["required"]) == {"id", "groupId", "principalId", "accessId"}
    assert DOCUMENTS["sections/common.schema.json"]["$defs"]["rule"]["required"] == ["id"]
    for section in GRAPH_SECTIONS:
        assert "id" in DOCUMENTS[graph_key(section)]["required"]


def test_arm_record_must_be_an_arm_resource() -> None:
    record = ARM_EXAMPLES["roleEligibilityScheduleInstances"][0]
    assert errors(arm_key("roleEligibilityScheduleInstances"), replaced(record, ("properties",), DELETE))
    assert errors(arm_key("roleEligibilityScheduleInstances"), replaced(record, ("properties",), "flattened"))


def test_record_must_be_an_object() -> None:
    assert errors(graph_key("users"), [GRAPH_EXAMPLES["users"][0]])
    assert errors(graph_key("users"), "569b7477-def3-4fe5-ab69-7b981bd1d245")


_USER = GRAPH_EXAMPLES["users"][0]
_CA = CA_POLICY
_AUDIT = GRAPH_EXAMPLES["directoryAudits"][0]
_SIGNIN = GRAPH_EXAMPLES["signIns"][0]
_ARM_POLICY = ARM_EXAMPLES["roleManagementPolicies"][0]
_STAGE = ("rules", APPROVAL_RULE, "setting", "approvalStages", 0)

# (schema key, record, path, new value, expected to validate)
FIELD_CASES = [
    # dates: any string or null, never format-checked
    (graph_key("users"), _USER, ("signInActivity", "lastSuccessfulSignInDateTime"), "/Date(1660328610000)/", True),
    (graph_key("users"), _USER, ("createdDateTime",), "2024-12-16 16:32:16.087554000", True),
    (graph_key("users"), _USER, ("signInActivity", "lastSuccessfulSignInDateTime"), None, True),
    (graph_key("users"), _USER, ("signInActivity", "lastSuccessfulSignInDateTime"), 1660328610000, False),
    (graph_key("users"), _USER, ("signInActivity",), None, True),
    (graph_key("users"), _USER, ("signInActivity",), "System.Collections.Hashtable", False),
    (graph_key("users"), _USER, ("accountEnabled",), "yes", False),
    (graph_key("users"), _USER, ("onPremisesSyncEnabled",), True, True),
    (graph_key("users"), _USER, ("assignedLicenses",), {"skuId": "x"}, False),
    (graph_key("users"), _USER, ("someFieldGraphAddsLater",), {"any": ["thing"]}, True),
    (graph_key("users"), _USER, ("signInActivity", "someNestedNewField"), 3, True),
    # policy rules
    (graph_key("roleManagementPolicies"), POLICY, ("rules", 0, "target"), "System.Collections.Hashtable", False),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", 0, "target", "operations"), "all", False),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", 0, "target", "operations"), ["All"], True),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", 0, "id"), DELETE, False),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", 0, "id"), 7, False),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", 0, "maximumDuration"), "P1Y2M10DT2H30M", True),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", 0, "maximumDuration"), 8, False),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", 0, "isExpirationRequired"), "true", False),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", 1, "enabledRules"), "Justification", False),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", 2, "claimValue"), None, True),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", 2, "claimValue"), DELETE, True),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", 2, "isEnabled"), "false", False),
    (graph_key("roleManagementPolicies"), POLICY, (*_STAGE, "approvalStageTimeOutInDays"), "1", False),
    (graph_key("roleManagementPolicies"), POLICY, (*_STAGE, "approvalStageTimeOutInDays"), 1.5, False),
    (graph_key("roleManagementPolicies"), POLICY, (*_STAGE, "escalationTimeInMinutes"), "0", False),
    (graph_key("roleManagementPolicies"), POLICY, (*_STAGE, "escalationApprovers"), None, True),
    (graph_key("roleManagementPolicies"), POLICY, (*_STAGE, "primaryApprovers"), None, False),
    (graph_key("roleManagementPolicies"), POLICY, (*_STAGE, "primaryApprovers", 0),
     {"id": "14f2746d-7d6f-4ac6-acd8-8cac318b041b", "description": "PIM-Approvers", "userType": "group"}, True),
    (graph_key("roleManagementPolicies"), POLICY, (*_STAGE, "primaryApprovers", 1, "userId"), 10, False),
    (graph_key("roleManagementPolicies"), POLICY, (*_STAGE, "primaryApprovers", 1, "isBackup"), "no", False),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", NOTIFICATION_RULE, "notificationRecipients"), None, True),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", NOTIFICATION_RULE, "notificationRecipients"), "a@b.c", False),
    (graph_key("roleManagementPolicies"), POLICY, ("rules", NOTIFICATION_RULE, "isDefaultRecipientsEnabled"), None, False),
    (graph_key("roleManagementPolicies"), POLICY, ("lastModifiedBy",), {"displayName": None, "id": None}, True),
    (graph_key("roleManagementPolicies"), POLICY, ("rules",), None, True),
    # expanded policies: null, or the PowerShell SDK's stub with a null id
    (graph_key("roleManagementPolicyAssignments"), GRAPH_EXAMPLES["roleManagementPolicyAssignments"][0], ("policy",), None, True),
    (graph_key("roleManagementPolicyAssignments"), GRAPH_EXAMPLES["roleManagementPolicyAssignments"][0], ("policy",),
     {"id": None, "displayName": None, "rules": []}, True),
    (graph_key("roleManagementPolicyAssignments"), GRAPH_EXAMPLES["roleManagementPolicyAssignments"][0],
     ("policy", "rules", 0, "target"), "System.Collections.Hashtable", False),
    (graph_key("roleManagementPolicyAssignments"), GRAPH_EXAMPLES["roleManagementPolicyAssignments"][0], ("policy", "id"), 5, False),
    (graph_key("roleManagementPolicyAssignments"), GRAPH_EXAMPLES["roleManagementPolicyAssignments"][0], ("policy",), "x", False),
    (graph_key("privilegedAccessGroupEligibilityScheduleInstances"),
     GRAPH_EXAMPLES["privilegedAccessGroupEligibilityScheduleInstances"][0], ("policy",),
     {**POLICY, "id": "Group_7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f_2f1e0d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f", "scopeType": "Group"}, True),
    # navigation stubs on instances
    (graph_key("roleAssignmentScheduleInstances"), GRAPH_EXAMPLES["roleAssignmentScheduleInstances"][0], ("roleDefinition",),
     {"id": None, "templateId": None, "displayName": None}, True),
    (graph_key("roleAssignmentScheduleInstances"), GRAPH_EXAMPLES["roleAssignmentScheduleInstances"][0], ("endDateTime",),
     "9999-12-31T23:59:59Z", True),
    (graph_key("roleAssignmentScheduleInstances"), GRAPH_EXAMPLES["roleAssignmentScheduleInstances"][0], ("endDateTime",),
     False, False),
    # Conditional Access
    (graph_key("conditionalAccessPolicies"), _CA, ("sessionControls",),
     {"signInFrequency": {"value": 4, "type": "hours", "isEnabled": True, "frequencyInterval": "timeBased"}}, True),
    (graph_key("conditionalAccessPolicies"), _CA, ("sessionControls",),
     {"signInFrequency": {"value": None, "type": None, "isEnabled": True, "frequencyInterval": "everyTime"}}, True),
    (graph_key("conditionalAccessPolicies"), _CA, ("sessionControls",),
     {"signInFrequency": {"value": "4", "type": "hours", "isEnabled": True}}, False),
    (graph_key("conditionalAccessPolicies"), _CA, ("grantControls",), None, True),
    (graph_key("conditionalAccessPolicies"), _CA, ("grantControls", "authenticationStrength"), None, True),
    (graph_key("conditionalAccessPolicies"), _CA, ("grantControls", "authenticationStrength", "allowedCombinations"), "fido2", False),
    (graph_key("conditionalAccessPolicies"), _CA, ("conditions", "users", "includeRoles"), "62e90394-69f5-4237-9190-012177145e10", False),
    (graph_key("conditionalAccessPolicies"), _CA, ("conditions", "users", "includeGuestsOrExternalUsers"),
     {"guestOrExternalUserTypes": "internalGuest,b2bCollaborationGuest", "externalTenants": {"membershipKind": "all"}}, True),
    (graph_key("conditionalAccessPolicies"), _CA, ("conditions", "clientAppTypes"), ["exchangeActiveSync", "other"], True),
    (graph_key("conditionalAccessPolicies"), _CA, ("state",), "enabledForReportingButNotEnforced", True),
    # audit logs and sign-ins
    (graph_key("directoryAudits"), _AUDIT, ("targetResources", 0, "modifiedProperties"), "RoleDefinitionOriginId", False),
    (graph_key("directoryAudits"), _AUDIT, ("additionalDetails", 0, "value"), 5, False),
    (graph_key("directoryAudits"), _AUDIT, ("initiatedBy", "user"), None, True),
    (graph_key("directoryAudits"), _AUDIT, ("initiatedBy", "user", "userPrincipalName"), None, True),
    (graph_key("directoryAudits"), _AUDIT, ("@microsoft.graph.tips",), "Use $select to choose only the properties your app needs", True),
    (graph_key("signIns"), _SIGNIN, ("status", "errorCode"), 50126, True),
    (graph_key("signIns"), _SIGNIN, ("status", "errorCode"), "0", False),
    (graph_key("signIns"), _SIGNIN, ("status", "errorCode"), None, False),
    (graph_key("signIns"), _SIGNIN, ("isInteractive",), "true", False),
    # directory objects
    (graph_key("groups"), GRAPH_EXAMPLES["groups"][0], ("members", 0, "id"), DELETE, False),
    (graph_key("groups"), GRAPH_EXAMPLES["groups"][0], ("isAssignableToRole",), None, True),
    (graph_key("groups"), GRAPH_EXAMPLES["groups"][0], ("groupTypes",), "Unified", False),
    (graph_key("servicePrincipals"), GRAPH_EXAMPLES["servicePrincipals"][0], ("appRoleAssignments", 0, "appRoleId"), DELETE, False),
    (graph_key("servicePrincipals"), GRAPH_EXAMPLES["servicePrincipals"][0], ("appRoleAssignments", 0, "resourceId"), 3, False),
    (graph_key("userRegistrationDetails"), GRAPH_EXAMPLES["userRegistrationDetails"][0], ("isMfaRegistered",), "True", False),
    (graph_key("userRegistrationDetails"), GRAPH_EXAMPLES["userRegistrationDetails"][0], ("methodsRegistered",), ["fido2", "passKeySynced"], True),
    (graph_key("accessReviewDefinitions"), GRAPH_EXAMPLES["accessReviewDefinitions"][0], ("settings", "recurrence", "pattern", "interval"), "3", False),
    (graph_key("roleEligibilitySchedules"), GRAPH_EXAMPLES["roleEligibilitySchedules"][0], ("scheduleInfo", "expiration", "duration"), "P365D", True),
    (graph_key("roleEligibilitySchedules"), GRAPH_EXAMPLES["roleEligibilitySchedules"][0], ("scheduleInfo", "expiration"), "afterDateTime", False),
    # ARM
    (arm_key("roleManagementPolicies"), _ARM_POLICY, ("properties", "rules", 2, "setting", "approvalStages", 0, "approvalStageTimeOutInDays"), "1", False),
    (arm_key("roleManagementPolicies"), _ARM_POLICY, ("properties", "rules", 0, "ruleType"), 1, False),
    (arm_key("roleManagementPolicies"), _ARM_POLICY, ("properties", "rules", 0, "id"), DELETE, False),
    (arm_key("roleEligibilityScheduleInstances"), ARM_EXAMPLES["roleEligibilityScheduleInstances"][0], ("properties", "endDateTime"), "2025-09-01T00:00:00Z", True),
    (arm_key("roleEligibilityScheduleInstances"), ARM_EXAMPLES["roleEligibilityScheduleInstances"][0], ("properties", "expandedProperties"), "Owner", False),
    (arm_key("roleDefinitions"), ARM_EXAMPLES["roleDefinitions"][0], ("properties", "permissions", 0, "actions"), "*", False),
]


def _case_id(case: tuple) -> str:
    key, _record, path, value, _valid = case
    shown = "<deleted>" if value is DELETE else json.dumps(value)[:30]
    return f"{key.rsplit('/', 1)[-1].split('.')[0]}:{'.'.join(map(str, path))}={shown}"


@pytest.mark.parametrize(("key", "record", "path", "value", "valid"), FIELD_CASES, ids=[_case_id(c) for c in FIELD_CASES])
def test_field_types(key: str, record: dict, path: tuple, value: object, valid: bool) -> None:
    found = errors(key, replaced(record, path, value))
    if valid:
        assert found == []
    else:
        assert found, f"{key}: {path} = {value!r} was accepted"


def test_examples_are_not_mutated_by_the_cases() -> None:
    assert errors(graph_key("roleManagementPolicies"), POLICY) == []
    assert POLICY["rules"][0]["target"]["operations"] == ["all"]


# ---------------------------------------------------------------------------------------------
# Manifest
# ---------------------------------------------------------------------------------------------


def test_manifest_example_validates() -> None:
    assert errors("manifest.schema.json", MANIFEST) == []
    assert errors("manifest.schema.json", {"schemaVersion": 1}) == []
    assert errors("manifest.schema.json", {**MANIFEST, "exporterVersion": "2.3"}) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [(("schemaVersion",), 2), (("schemaVersion",), "1"), (("schemaVersion",), DELETE), (("exportedAt",), 1763618400),
     (("timezone",), None), (("tenantId",), 42)],
)
def test_manifest_rejects(path: tuple, value: object) -> None:
    assert errors("manifest.schema.json", replaced(MANIFEST, path, value))


def test_loader_reads_exactly_the_contract_sections() -> None:
    """The section names above are export-bundle.md's contract; the loader must use the same ones."""
    from pimlint.loading import sections

    assert sections.GRAPH_SECTIONS == GRAPH_SECTIONS
    assert sections.ARM_SECTIONS == ARM_SECTIONS
