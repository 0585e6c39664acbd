"""The section names of the export bundle contract (export-bundle.md), fixed."""

from __future__ import annotations

GRAPH_SECTIONS: tuple[str, ...] = (
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

ARM_SECTIONS: tuple[str, ...] = (
    "roleDefinitions",
    "roleAssignments",
    "roleAssignmentScheduleInstances",
    "roleEligibilityScheduleInstances",
    "roleManagementPolicies",
    "roleManagementPolicyAssignments",
)

MANIFEST = "manifest"
AZURE_DIR = "azure"

_BY_LOWER = {name.lower(): name for name in GRAPH_SECTIONS}
_ARM_BY_LOWER = {name.lower(): name for name in ARM_SECTIONS}


def graph_section(name: str) -> str | None:
    """The canonical section name for a file stem or key, matched case-insensitively."""
    return _BY_LOWER.get(name.lower())


def arm_section(name: str) -> str | None:
    """The canonical ARM section name, matched case-insensitively."""
    return _ARM_BY_LOWER.get(name.lower())


def azure_key(subscription: str, section: str) -> str:
    """The bundle key of an ARM section: ``azure/<subscription>/<section>``."""
    return f"{AZURE_DIR}/{subscription.lower()}/{section}"
