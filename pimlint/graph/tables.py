"""The data behind capability edges: who may reset whom, who may manage which groups or apps.

Sources: Microsoft's "Who can reset passwords" matrix (``pimlint/data/who-can-reset-passwords.csv``,
from the Entra docs page *Privileged roles and permissions*, CC BY 4.0), the tier-0 Microsoft Graph
application permissions (``pimlint/data/graph-app-permissions-tier0.csv``), and the role lists of
Microsoft's group and application management documentation.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from pimlint.resources import data_file

__all__ = [
    "ADD_CREDENTIAL_ROLES",
    "ADD_OWNER_ROLES",
    "AU_SCOPABLE_MEMBERSHIP_ROLES",
    "MICROSOFT_GRAPH_APP_ID",
    "MICROSOFT_TENANTS",
    "NON_RAG_MEMBERSHIP_ROLES",
    "UNIFIED_GROUP_MEMBERSHIP_ROLES",
    "ANY_GROUP_MEMBERSHIP_ROLES",
    "CUSTOM_ROLE_ACTIONS",
    "PARTNER_TIER1",
    "PARTNER_TIER2",
    "ResetMatrix",
    "reset_matrix",
    "tier0_permissions",
]

GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10"
PRIVILEGED_ROLE_ADMIN = "e8611ab8-c189-46e8-94e1-60213ab1f814"
PRIVILEGED_AUTH_ADMIN = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"
USER_ADMIN = "fe930be7-5e62-47db-91af-98c3a49a38b1"
GROUPS_ADMIN = "fdd7a751-b60b-444a-984c-02652fe8fa1c"
PARTNER_TIER1 = "4ba39ca4-527c-499a-b93d-d9b492c50246"
PARTNER_TIER2 = "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8"
MICROSOFT_GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000"
MICROSOFT_TENANTS = frozenset({"f8cdef31-a31e-4b4a-93e4-5f571e91255a", "72f988bf-86f1-41af-91ab-2d7cd011db47"})
"""Owner organisations of Microsoft first-party service principals (no credentials can be added)."""

ANY_GROUP_MEMBERSHIP_ROLES = frozenset({GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN})
"""Manage the membership of any group, role-assignable ones included (tenant scope)."""
NON_RAG_MEMBERSHIP_ROLES = frozenset({
    GROUPS_ADMIN,
    USER_ADMIN,
    "9360feb5-f418-4baa-8175-e2a00bac4301",  # Directory Writers
    "45d8d3c5-c802-45c6-b32a-1d70b5e1e86e",  # Identity Governance Administrator
    "3a2c62db-5318-420d-8d74-23affee5d9d5",  # Intune Administrator
    "b5a8dcf3-09d5-43a9-a639-8e29ef291470",  # Knowledge Administrator
    "744ec460-397e-42ad-a462-8b3f9747a02c",  # Knowledge Manager
})
"""Manage the membership of groups that are not role-assignable."""
UNIFIED_GROUP_MEMBERSHIP_ROLES = frozenset({
    "29232cdf-9323-42fd-ade2-1d097af3e4de",  # Exchange Administrator
    "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",  # SharePoint Administrator
    "69091246-20e8-4a56-aa4d-066075b2a7a8",  # Teams Administrator
})
"""Manage the membership of Microsoft 365 (Unified) groups that are not role-assignable."""
AU_SCOPABLE_MEMBERSHIP_ROLES = frozenset({GROUPS_ADMIN, USER_ADMIN})
"""Membership managers that keep that power when scoped to an administrative unit."""
ADD_CREDENTIAL_ROLES = frozenset({
    "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",  # Application Administrator
    "158c047a-c907-4556-b7ef-446551a6b5f7",  # Cloud Application Administrator
})
"""Add credentials to any application or service principal (tenant scope) or to the scoped object."""
ADD_OWNER_ROLES = frozenset({
    "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",  # Hybrid Identity Administrator
    PARTNER_TIER1,
    PARTNER_TIER2,
    "d29b2b05-8046-44ba-8758-1e26182fcf32",  # Directory Synchronization Accounts
})
"""Add owners to any application or service principal (tenant scope), and an owner can add
credentials (BloodHound's AZAddOwner; Microsoft's tooling does not show these privileges)."""

CUSTOM_ROLE_ACTIONS = {
    "reset_password": frozenset({"microsoft.directory/users/password/update",
                                 "microsoft.directory/users/allproperties/alltasks"}),
    "manage_members": frozenset({"microsoft.directory/groups/members/update",
                                 "microsoft.directory/groups/allproperties/alltasks"}),
    "add_credentials:application": frozenset({"microsoft.directory/applications/credentials/update",
                                              "microsoft.directory/applications/allproperties/update",
                                              "microsoft.directory/applications/allproperties/alltasks"}),
    "add_credentials:servicePrincipal": frozenset({"microsoft.directory/serviceprincipals/credentials/update",
                                                   "microsoft.directory/serviceprincipals/allproperties/update",
                                                   "microsoft.directory/serviceprincipals/allproperties/alltasks"}),
}
"""Capability → the custom-role actions (lower-cased ``allowedResourceActions``) that grant it.
Built-in roles get their capabilities from Microsoft's tables above; a custom role from what it
allows. A custom role never reaches users holding an administrator role or role-assignable groups:
those are protected from everything but the built-in roles listed above."""


@dataclass(frozen=True)
class ResetMatrix:
    """Microsoft's matrix: which actor roles may reset the password of a holder of which role."""

    actors: frozenset[str]
    """Actor role template ids (the matrix columns)."""
    by_role: dict[str, frozenset[str]]
    """Target role template id → actor roles allowed."""
    no_role: frozenset[str]
    """Actors allowed on a user with no administrator role."""
    protected: frozenset[str]
    """Actors allowed on members/owners of role-assignable groups, holders of roles scoped to a
    restricted-management unit, and holders of any role not listed (the "all other roles" row)."""

    def allowed_on(self, target_roles: frozenset[str]) -> frozenset[str]:
        """Actors allowed on a user holding ``target_roles``: every role must allow the actor."""
        allowed = self.actors
        for role_id in target_roles:
            allowed = allowed & self.by_role.get(role_id, self.protected)
        return allowed if target_roles else self.no_role


@cache
def reset_matrix() -> ResetMatrix:
    """The shipped "who can reset passwords" matrix."""
    with data_file("who-can-reset-passwords.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        actors = [re.search(r"\(([0-9a-f-]{36})\)", h).group(1) for h in header[3:]]  # type: ignore[union-attr]
        by_role: dict[str, frozenset[str]] = {}
        conditions: dict[str, frozenset[str]] = {}
        for row in reader:
            allowed = frozenset(a for a, cell in zip(actors, row[3:]) if cell.strip().upper().startswith("Y"))
            if row[2] == "role":
                by_role[row[1].lower()] = allowed
            else:
                conditions[row[2].removeprefix("condition:")] = allowed
    return ResetMatrix(
        actors=frozenset(actors),
        by_role=by_role,
        no_role=conditions["no_role"],
        protected=conditions["any_other_role"] & conditions["rag_member_or_owner"] & conditions["role_scoped_to_rmau"],
    )


@cache
def tier0_permissions() -> dict[str, str]:
    """Tier-0 Microsoft Graph application permissions: app role id → permission name."""
    with data_file("graph-app-permissions-tier0.csv").open(encoding="utf-8", newline="") as handle:
        return {row["app_role_id"].lower(): row["permission"] for row in csv.DictReader(handle)}
