"""Graph-shaped records (exactly as Graph returns them) for synthetic bundles and test builders."""

from __future__ import annotations

from typing import Any

GRAPH = "https://graph.microsoft.com/v1.0/$metadata#"


def envelope(section: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    """A Graph list envelope."""
    return {"@odata.context": f"{GRAPH}{section}", "value": records}


def _rule(odata: str, rule_id: str, caller: str, level: str, **fields: Any) -> dict[str, Any]:
    return {
        "@odata.type": f"#microsoft.graph.unifiedRoleManagementPolicy{odata}Rule",
        "id": rule_id,
        **fields,
        "target": {"caller": caller, "operations": ["all"], "level": level, "inheritableSettings": [],
                   "enforcedSettings": []},
    }


def policy_rules(
    *,
    approver_ids: tuple[str, ...] = (),
    mfa: bool = True,
    justification: bool = True,
    ticket: bool = True,
    auth_context: str | None = None,
    approval: bool = True,
    duration: str = "PT2H",
    eligibility_expiry: bool = True,
    assignment_expiry: bool = True,
    notify_default: bool = True,
    recipients: tuple[str, ...] = ("secops@contoso.com",),
) -> list[dict[str, Any]]:
    """All 17 rules of a PIM policy, hardened unless told otherwise."""
    enabled = [n for n, on in (("MultiFactorAuthentication", mfa), ("Justification", justification),
                               ("Ticketing", ticket)) if on]
    rules = [
        _rule("Expiration", "Expiration_EndUser_Assignment", "EndUser", "Assignment",
              isExpirationRequired=True, maximumDuration=duration),
        _rule("Enablement", "Enablement_EndUser_Assignment", "EndUser", "Assignment", enabledRules=enabled),
        _rule("AuthenticationContext", "AuthenticationContext_EndUser_Assignment", "EndUser", "Assignment",
              isEnabled=auth_context is not None, claimValue=auth_context),
        _rule("Approval", "Approval_EndUser_Assignment", "EndUser", "Assignment", setting={
            "isApprovalRequired": approval, "isApprovalRequiredForExtension": False,
            "isRequestorJustificationRequired": True, "approvalMode": "SingleStage",
            "approvalStages": [{
                "approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": True,
                "escalationTimeInMinutes": 0, "isEscalationEnabled": False,
                "primaryApprovers": [{"@odata.type": "#microsoft.graph.singleUser", "isBackup": False,
                                      "userId": a, "description": None} for a in approver_ids],
                "escalationApprovers": [],
            }],
        }),
        _rule("Expiration", "Expiration_Admin_Eligibility", "Admin", "Eligibility",
              isExpirationRequired=eligibility_expiry, maximumDuration="P180D"),
        _rule("Expiration", "Expiration_Admin_Assignment", "Admin", "Assignment",
              isExpirationRequired=assignment_expiry, maximumDuration="P15D"),
        _rule("Enablement", "Enablement_Admin_Assignment", "Admin", "Assignment",
              enabledRules=["Justification", "MultiFactorAuthentication"]),
        _rule("Enablement", "Enablement_Admin_Eligibility", "Admin", "Eligibility", enabledRules=[]),
    ]
    for recipient in ("Admin", "Requestor", "Approver"):
        for caller, level in (("Admin", "Eligibility"), ("Admin", "Assignment"), ("EndUser", "Assignment")):
            rules.append(_rule("Notification", f"Notification_{recipient}_{caller}_{level}", caller, level,
                               notificationType="Email", recipientType=recipient, notificationLevel="All",
                               isDefaultRecipientsEnabled=notify_default,
                               notificationRecipients=list(recipients)))
    return rules


def policy_pair(policy_id: str, scope_id: str, scope_type: str, target: str, rules: list[dict[str, Any]],
                modified: str | None = "2025-03-01T10:00:00Z") -> tuple[dict[str, Any], dict[str, Any]]:
    """A roleManagementPolicy record (rules expanded) and its policy assignment."""
    policy = {"id": policy_id, "displayName": scope_type, "description": scope_type, "isOrganizationDefault": False,
              "scopeId": scope_id, "scopeType": scope_type, "lastModifiedDateTime": modified,
              "lastModifiedBy": {"displayName": None, "id": None}, "rules": rules}
    assignment = {"id": f"{policy_id}_{target}", "policyId": policy_id, "scopeId": scope_id,
                  "scopeType": scope_type, "roleDefinitionId": target}
    return policy, assignment


def user_record(uid: str, upn: str, name: str, last_sign_in: Any, *, licensed_sku: str | None, enabled: bool,
                synced: bool, guest: bool, created: Any) -> dict[str, Any]:
    """A ``GET /users`` record with the ``$select`` of export-bundle.md (datetimes as ISO strings)."""
    stamp = last_sign_in.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "id": uid, "userPrincipalName": upn, "displayName": name, "accountEnabled": enabled,
        "userType": "Guest" if guest else "Member", "mail": upn if licensed_sku else None,
        "onPremisesSyncEnabled": True if synced else None,
        "onPremisesImmutableId": "c3luYy1pbW11dGFibGU=" if synced else None,
        "assignedLicenses": [{"skuId": licensed_sku, "disabledPlans": []}] if licensed_sku else [],
        "createdDateTime": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "signInActivity": {"lastSignInDateTime": stamp, "lastSuccessfulSignInDateTime": stamp,
                           "lastNonInteractiveSignInDateTime": None},
    }
