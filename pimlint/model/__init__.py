"""The normalized, frozen domain model every rule reads. Built only by ``pimlint.loading.normalize``."""

from __future__ import annotations

from pimlint.model.conditional_access import (
    AuthenticationStrength,
    ConditionalAccessPolicy,
    RegistrationDetails,
)
from pimlint.model.directory import Application, AppRoleGrant, Group, License, ServicePrincipal, SignIn, Sku, User
from pimlint.model.policies import (
    ApprovalRule,
    Approver,
    AuthContextRule,
    EnablementRule,
    ExpirationRule,
    NotificationRule,
    RolePolicy,
)
from pimlint.model.roles import GroupAssignment, RoleAssignment, RoleDefinition
from pimlint.model.units import AdministrativeUnit
from pimlint.model.tenant import Tenant, TenantInfo

__all__ = [
    "AdministrativeUnit",
    "AppRoleGrant",
    "Application",
    "ApprovalRule",
    "Approver",
    "AuthContextRule",
    "AuthenticationStrength",
    "ConditionalAccessPolicy",
    "EnablementRule",
    "ExpirationRule",
    "Group",
    "GroupAssignment",
    "License",
    "NotificationRule",
    "RegistrationDetails",
    "RoleAssignment",
    "RoleDefinition",
    "RolePolicy",
    "ServicePrincipal",
    "SignIn",
    "Sku",
    "Tenant",
    "TenantInfo",
    "User",
]
