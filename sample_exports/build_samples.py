#!/usr/bin/env python3
"""Generate the three example export bundles that live beside this script.

Each bundle is a directory in the pimlint input contract (manifest.json, pimlint.toml, one Graph
list envelope per section, ARM files under ``azure/<subscription-id>/``). Everything is derived
from fixed names: GUIDs are ``uuid5`` of a fixed namespace and a name, fractional seconds come from
a hash of the timestamp, so running the script twice writes byte-identical files.

Usage: ``python sample_exports/build_samples.py`` (stdlib only, Python 3.11+).
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, overload
from zoneinfo import ZoneInfo

Json = dict[str, Any]

HERE = Path(__file__).resolve().parent
NAMESPACE = uuid.UUID("7b1e4c52-9a0d-4f3e-8c21-5d6a0b9e3f47")
GRAPH_CTX = "https://graph.microsoft.com/v1.0/$metadata#"
MICROSOFT_TENANT = "f8cdef31-a31e-4b4a-93e4-5f571e91255a"
GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000"

# --------------------------------------------------------------------------------------------
# Reference data (template ids from reference/data/entra-builtin-roles.csv; descriptions are ours)
# --------------------------------------------------------------------------------------------

# name -> (template id, Microsoft PRIVILEGED label, short description, sample resource actions)
ROLES: dict[str, tuple[str, bool, str, tuple[str, ...]]] = {
    "Global Administrator": ("62e90394-69f5-4237-9190-012177145e10", True,
        "Manages every directory setting and every service that relies on Entra identities.",
        ("microsoft.directory/roleAssignments/allProperties/allTasks", "microsoft.directory/users/password/update")),
    "Privileged Role Administrator": ("e8611ab8-c189-46e8-94e1-60213ab1f814", True,
        "Manages role assignments and Privileged Identity Management settings.",
        ("microsoft.directory/roleAssignments/allProperties/allTasks",
         "microsoft.directory/privilegedIdentityManagement/allProperties/allTasks")),
    "Privileged Authentication Administrator": ("7be44c8a-adaf-4e2a-84d6-ab2649e08a13", True,
        "Manages authentication methods and passwords of every user, administrators included.",
        ("microsoft.directory/users/authenticationMethods/create", "microsoft.directory/users/password/update")),
    "Partner Tier2 Support": ("e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8", True,
        "Legacy partner support role; can reset passwords of all users.",
        ("microsoft.directory/users/password/update",)),
    "Partner Tier1 Support": ("4ba39ca4-527c-499a-b93d-d9b492c50246", True,
        "Legacy partner support role; can reset passwords of non-administrators.",
        ("microsoft.directory/users/password/update",)),
    "Security Administrator": ("194ae4cb-b126-40b2-bd5b-6091b380977d", True,
        "Manages security features, policies and alerts.",
        ("microsoft.directory/identityProtection/allProperties/allTasks",)),
    "Security Operator": ("5f2222b1-57c3-48ba-8ad5-d4759f1fde6f", True,
        "Responds to security alerts and incidents.", ("microsoft.directory/identityProtection/allProperties/read",)),
    "Security Reader": ("5d6b6bb7-de71-4623-b4af-96380a352509", True,
        "Reads security information and reports.", ("microsoft.directory/auditLogs/allProperties/read",)),
    "Global Reader": ("f2ef992c-3afb-46b9-b7cf-a126ee74c451", True,
        "Reads everything a Global Administrator can read.", ("microsoft.directory/users/allProperties/read",)),
    "Conditional Access Administrator": ("b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", True,
        "Manages Conditional Access policies.",
        ("microsoft.directory/conditionalAccessPolicies/allProperties/allTasks",)),
    "Authentication Administrator": ("c4e39bd9-1100-46d3-8c65-fb160da0071f", True,
        "Manages authentication methods of non-administrators.",
        ("microsoft.directory/users/authenticationMethods/create",)),
    "Authentication Extensibility Administrator": ("25a516ed-2fa0-40ea-a2d0-12923a21473a", True,
        "Manages custom authentication extensions.",
        ("microsoft.directory/customAuthenticationExtensions/allProperties/allTasks",)),
    "User Administrator": ("fe930be7-5e62-47db-91af-98c3a49a38b1", True,
        "Manages users and groups and resets passwords of limited administrators.",
        ("microsoft.directory/users/create", "microsoft.directory/users/password/update")),
    "Helpdesk Administrator": ("729827e3-9c14-49f7-bb1b-9608f156bbb8", True,
        "Resets passwords of non-administrators and Helpdesk Administrators.",
        ("microsoft.directory/users/password/update",)),
    "Password Administrator": ("966707d0-3269-4727-9be2-8c3a10f19b9d", True,
        "Resets passwords of non-administrators.", ("microsoft.directory/users/password/update",)),
    "Application Administrator": ("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", True,
        "Manages all app registrations and enterprise applications.",
        ("microsoft.directory/applications/credentials/update",
         "microsoft.directory/servicePrincipals/credentials/update")),
    "Cloud Application Administrator": ("158c047a-c907-4556-b7ef-446551a6b5f7", True,
        "Manages app registrations and enterprise applications except app proxy.",
        ("microsoft.directory/applications/credentials/update",)),
    "Application Developer": ("cf1c38e5-3621-4004-a7cb-879624dced7c", True,
        "Creates app registrations.", ("microsoft.directory/applications/createAsOwner",)),
    "Hybrid Identity Administrator": ("8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", True,
        "Manages cloud provisioning, federation and pass-through authentication.",
        ("microsoft.directory/domains/federation/update",)),
    "Intune Administrator": ("3a2c62db-5318-420d-8d74-23affee5d9d5", True,
        "Manages Microsoft Intune.", ("microsoft.intune/allEntities/allTasks",)),
    "Cloud Device Administrator": ("7698a772-787b-4ac8-901f-60d6b08affd2", True,
        "Manages devices in Entra ID.", ("microsoft.directory/devices/delete",)),
    "Directory Writers": ("9360feb5-f418-4baa-8175-e2a00bac4301", True,
        "Reads and writes basic directory information.", ("microsoft.directory/users/basic/update",)),
    "Domain Name Administrator": ("8329153b-31d0-4727-b945-745eb3bc5f31", True,
        "Manages domain names.", ("microsoft.directory/domains/allProperties/allTasks",)),
    "External Identity Provider Administrator": ("be2f45a1-457d-42af-a067-6ec1fa63bc45", True,
        "Configures identity providers for direct federation.",
        ("microsoft.directory/identityProviders/allProperties/allTasks",)),
    "Lifecycle Workflows Administrator": ("59d46f88-662b-457b-bceb-5c3809e5908f", True,
        "Manages lifecycle workflows.", ("microsoft.directory/lifecycleWorkflows/workflows/allProperties/allTasks",)),
    "B2C IEF Keyset Administrator": ("aaf43236-0c0d-4d5f-883a-6955382ac081", True,
        "Manages secrets for B2C custom policies.",
        ("microsoft.directory/b2cTrustFrameworkKeySet/allProperties/allTasks",)),
    "Attribute Provisioning Administrator": ("ecb2c6bf-0ab6-418e-bd87-7986f8d63bbe", True,
        "Manages provisioning of custom security attributes.",
        ("microsoft.directory/attributeSets/allProperties/read",)),
    "Attribute Provisioning Reader": ("422218e4-db15-4ef9-bbe0-8afb41546d79", True,
        "Reads provisioning of custom security attributes.", ("microsoft.directory/attributeSets/allProperties/read",)),
    "Agent ID Administrator": ("db506228-d27e-4b7d-95e5-295956d6615f", True,
        "Manages agent identities.", ("microsoft.directory/agentIdentities/allProperties/allTasks",)),
    "Entra SOC Identity Responder": ("58f930cc-fcf4-4152-852c-1d7dbf502139", True,
        "Takes containment actions on compromised identities.", ("microsoft.directory/users/password/update",)),
    "Exchange Administrator": ("29232cdf-9323-42fd-ade2-1d097af3e4de", False,
        "Manages Exchange Online.", ("microsoft.office365.exchange/allEntities/basic/allTasks",)),
    "SharePoint Administrator": ("f28a1f50-f6e7-4571-818b-6a12f2af6b6c", False,
        "Manages SharePoint Online and OneDrive.", ("microsoft.office365.sharepoint/allEntities/allTasks",)),
    "Teams Administrator": ("69091246-20e8-4a56-aa4d-066075b2a7a8", False,
        "Manages Microsoft Teams.", ("microsoft.teams/allEntities/allProperties/allTasks",)),
    "Groups Administrator": ("fdd7a751-b60b-444a-984c-02652fe8fa1c", False,
        "Manages groups and group settings.", ("microsoft.directory/groups/members/update",)),
    "License Administrator": ("4d6ac14f-3453-41d0-bef9-a3e0c569773a", False,
        "Assigns product licences.", ("microsoft.directory/users/assignLicense",)),
    "Billing Administrator": ("b0f54661-2d74-4c50-afa3-1ec803f12efe", False,
        "Manages purchases and subscriptions.", ("microsoft.commerce.billing/allEntities/allProperties/allTasks",)),
    "Reports Reader": ("4a5d8f65-41da-4de4-8968-e035b65339cf", False,
        "Reads usage reports.", ("microsoft.directory/auditLogs/allProperties/read",)),
    "Directory Readers": ("88d8e3e3-8f55-4a1e-953a-9b9898b8876b", False,
        "Reads basic directory information.", ("microsoft.directory/users/standard/read",)),
    "Directory Synchronization Accounts": ("d29b2b05-8046-44ba-8758-1e26182fcf32", False,
        "Used by the Entra Connect sync service only.", ("microsoft.directory/organization/dirSync/update",)),
    "Message Center Reader": ("790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b", False,
        "Reads Message Center posts.", ("microsoft.office365.messageCenter/messages/read",)),
}
CRITICAL = ("Global Administrator", "Privileged Role Administrator",
            "Privileged Authentication Administrator", "Partner Tier2 Support")
PRIVILEGED_NAMES = tuple(n for n, v in ROLES.items() if v[1]) + ("Exchange Administrator", "SharePoint Administrator")

# Service plans (id, name) and SKUs (skuId, part number, plan names).
PLANS: dict[str, str] = {
    "AAD_PREMIUM": "41781fb2-bc02-4b7c-bd55-b576c07bb09d",
    "AAD_PREMIUM_P2": "eec0eb4f-6444-4f95-aba0-50c24d67f998",
    "MFA_PREMIUM": "8a256a2b-b617-496d-b51b-e76466e88db0",
    "ADALLOM_S_DISCOVERY": "932ad362-64a8-4783-9106-97849a1a30b9",
    "EXCHANGE_S_ENTERPRISE": "efb87545-963c-4e0d-99df-69c6916d9eb0",
    "EXCHANGE_S_STANDARD": "9aaf7827-d63c-4b61-89c3-182f06f82e5c",
    "SHAREPOINTENTERPRISE": "5dbe027f-2339-4123-9542-606e4d348a72",
    "SHAREPOINTSTANDARD": "c7699d2e-19aa-44de-8edf-1736da088ca1",
    "SHAREPOINTWAC": "e95bec33-7c88-4a70-8e19-b10bd9d0c014",
    "TEAMS1": "57ff2da0-773e-42df-b2af-ffb7a2317929",
    "MCOSTANDARD": "0feaeb32-d00e-4d66-bd5a-43b5b83db82c",
    "OFFICESUBSCRIPTION": "43de0ff5-c92c-492b-9116-175376d08c38",
    "INTUNE_A": "c1ec4a95-1f05-45b3-a911-aa3fa01094f5",
    "RMS_S_ENTERPRISE": "bea4c11e-220a-4e6d-8eb8-8ea15d019f90",
    "RMS_S_PREMIUM": "6c57d4b6-3b23-47a5-9bc9-69f17b4947b3",
    "ATP_ENTERPRISE": "f20fedf3-f3c3-43c3-8267-2bfdd51c0939",
    "WINDEFATP": "871d91ec-ec1a-452b-a83f-bd76c7d770ef",
}
SKUS: dict[str, tuple[str, tuple[str, ...]]] = {
    "SPE_E5": ("06ebc4ee-1bb5-47dd-8120-11324bc54e06", (
        "EXCHANGE_S_ENTERPRISE", "SHAREPOINTENTERPRISE", "SHAREPOINTWAC", "TEAMS1", "MCOSTANDARD",
        "OFFICESUBSCRIPTION", "INTUNE_A", "AAD_PREMIUM", "AAD_PREMIUM_P2", "MFA_PREMIUM",
        "RMS_S_ENTERPRISE", "RMS_S_PREMIUM", "ATP_ENTERPRISE", "WINDEFATP", "ADALLOM_S_DISCOVERY")),
    "SPE_E3": ("05e9a617-0261-4cee-bb44-138d3ef5d965", (
        "EXCHANGE_S_ENTERPRISE", "SHAREPOINTENTERPRISE", "SHAREPOINTWAC", "TEAMS1", "MCOSTANDARD",
        "OFFICESUBSCRIPTION", "INTUNE_A", "AAD_PREMIUM", "MFA_PREMIUM", "RMS_S_ENTERPRISE",
        "RMS_S_PREMIUM", "ADALLOM_S_DISCOVERY")),
    "SPB": ("cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", (
        "EXCHANGE_S_STANDARD", "SHAREPOINTSTANDARD", "SHAREPOINTWAC", "TEAMS1", "MCOSTANDARD",
        "OFFICESUBSCRIPTION", "INTUNE_A", "AAD_PREMIUM", "MFA_PREMIUM", "ATP_ENTERPRISE", "RMS_S_PREMIUM")),
    "AAD_PREMIUM_P2": ("84a661c4-e949-4bd2-a560-ed7766fcaf2b", (
        "AAD_PREMIUM", "AAD_PREMIUM_P2", "MFA_PREMIUM", "ADALLOM_S_DISCOVERY")),
    "AAD_PREMIUM": ("078d2b04-f1bd-4111-bbd4-b4b1b354cef4", ("AAD_PREMIUM", "MFA_PREMIUM", "ADALLOM_S_DISCOVERY")),
}

# Microsoft Graph application permissions (appRole ids are the same in every tenant).
GRAPH_PERMS: dict[str, str] = {
    "User.Read.All": "df021288-bdef-4463-88db-98f22de89214",
    "Group.Read.All": "5b567255-7703-4780-807c-7be8301ae99b",
    "Directory.Read.All": "7ab1d382-f21e-4acd-a863-ba3e13f7da61",
    "AuditLog.Read.All": "b0afded3-3588-46d8-8b3d-9842eff778da",
    "Policy.Read.All": "246dd0d5-5bd0-4def-940b-0421030a5b68",
    "Reports.Read.All": "230c1aed-a721-4c5d-9cb4-a90514e508ef",
    "RoleManagement.Read.Directory": "483bed4a-2ad3-4361-a73b-c83ccdbdc53c",
    "Mail.Send": "b633e1c5-b582-4048-a93e-9f11b44c7e96",
    "Sites.Read.All": "332a536c-c7ef-4017-ab91-336970924f0d",
    "Directory.ReadWrite.All": "19dbc75e-c2e2-444c-a770-ec69d8559fc7",
    "RoleManagement.ReadWrite.Directory": "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8",
    "User.ReadWrite.All": "741f803b-c850-494e-b5df-cde7c675a1ca",
}

# Sign-in apps: name -> (appId, resource display name, resource id, admin tool?)
APPS: dict[str, tuple[str, str, str]] = {
    "Azure Portal": ("c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Windows Azure Service Management API",
                     "797f4846-ba00-4fd7-ba43-dac1f8f63013"),
    "Microsoft Azure PowerShell": ("1950a258-227b-4e31-a9cf-717495945fc2", "Windows Azure Service Management API",
                                   "797f4846-ba00-4fd7-ba43-dac1f8f63013"),
    "Microsoft Graph Command Line Tools": ("14d82eec-204b-4c2f-b7e8-296a70dab67e", "Microsoft Graph", GRAPH_APP_ID),
    "Microsoft Teams": ("1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams Services",
                        "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe"),
    "Outlook Mobile": ("27922004-5251-4030-b22d-91ecd9a37ea4", "Office 365 Exchange Online",
                       "00000002-0000-0ff1-ce00-000000000000"),
    "Office 365 Exchange Online": ("00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online",
                                   "00000002-0000-0ff1-ce00-000000000000"),
    "Office 365 SharePoint Online": ("00000003-0000-0ff1-ce00-000000000000", "Office 365 SharePoint Online",
                                     "00000003-0000-0ff1-ce00-000000000000"),
}

AZ_ROLES: dict[str, tuple[str, str]] = {
    "Owner": ("8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
              "Full access to manage all resources, including role assignments."),
    "Contributor": ("b24988ac-6180-42a0-ab88-20f7382dd24c", "Manages all resources but cannot assign roles."),
    "Reader": ("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Views all resources."),
    "User Access Administrator": ("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "Manages user access to Azure resources."),
    "Role Based Access Control Administrator": ("f58310d9-a9f6-439a-9e8d-f62e7b41a168",
                                                "Manages role assignments; cannot grant other access."),
}

PHISHING_RESISTANT = {"fido2SecurityKey", "passKeyDeviceBound", "passKeyDeviceBoundAuthenticator",
                      "windowsHelloForBusiness"}
PASSWORDLESS = PHISHING_RESISTANT | {"microsoftAuthenticatorPasswordless"}
WEAK_ONLY = {"email", "securityQuestion"}

# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def guid(*parts: str) -> str:
    """Return a stable lower-case GUID for a name path."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _digits(seed: str, n: int) -> int:
    """Deterministic integer with at most ``n`` decimal digits derived from ``seed``."""
    return int(hashlib.sha256(seed.encode()).hexdigest(), 16) % int(10 ** n)


@overload
def ts(dt: datetime, precision: int = 7) -> str: ...


@overload
def ts(dt: None, precision: int = 7) -> None: ...


def ts(dt: datetime | None, precision: int = 7) -> str | None:
    """Format a UTC timestamp the way Graph does, with hash-derived fractional seconds."""
    if dt is None:
        return None
    dt = dt.astimezone(UTC)
    if dt.microsecond:  # keep real sub-second offsets so durations between stamps stay exact
        frac = f"{dt.microsecond:06d}" + str(_digits(dt.isoformat(), 1))[: precision - 6]
    else:
        frac = str(_digits(dt.strftime("%Y%m%d%H%M%S"), precision)).rjust(precision, "0")
    if precision == 7:
        frac = frac.rstrip("0") or "0"
    return f"{dt:%Y-%m-%dT%H:%M:%S}.{frac}Z"


def ts0(dt: datetime | None) -> str | None:
    """Format a UTC timestamp without fractional seconds (admin-entered schedule dates)."""
    return None if dt is None else f"{dt.astimezone(UTC):%Y-%m-%dT%H:%M:%SZ}"


def utc(text: str) -> datetime:
    """Parse ``YYYY-MM-DD[ HH:MM[:SS]]`` as UTC."""
    text = text.strip()
    fmt = {10: "%Y-%m-%d", 16: "%Y-%m-%d %H:%M", 19: "%Y-%m-%d %H:%M:%S"}[len(text)]
    return datetime.strptime(text, fmt).replace(tzinfo=UTC)


def hours_iso(hours: float) -> str:
    """Render a duration in hours as ISO 8601 (PT2H, PT1H30M)."""
    minutes = round(hours * 60)
    h, m = divmod(minutes, 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "")


def assignment_id(role_id: str, principal_id: str) -> str:
    """Role assignment id in the form Graph uses: base64url(role bytes_le + principal bytes_le)-1."""
    raw = uuid.UUID(role_id).bytes_le + uuid.UUID(principal_id).bytes_le
    return base64.urlsafe_b64encode(raw).decode().rstrip("=") + "-1"


def dotnet_ticks(dt: datetime) -> int:
    """.NET ticks of a UTC datetime (used in PIM audit ids)."""
    delta = dt.astimezone(UTC) - datetime(1, 1, 1, tzinfo=UTC)
    return delta.days * 864_000_000_000 + delta.seconds * 10_000_000 + delta.microseconds * 10


def envelope(context: str, value: list[Json]) -> Json:
    """Graph list envelope."""
    return {"@odata.context": GRAPH_CTX + context, "value": value}


def write_json(path: Path, data: Any) -> None:
    """Write pretty-printed JSON (2-space indent, natural key order, trailing newline)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------
# PIM policy settings
# --------------------------------------------------------------------------------------------


@dataclass
class Pol:
    """Settings of one role management policy (defaults = an untouched Entra role policy)."""

    max_activation: str = "PT8H"
    on_activation: tuple[str, ...] = ("MultiFactorAuthentication", "Justification")
    auth_context: str | None = None
    approval: bool = False
    approvers: tuple[str, ...] = ()          # principal keys (users or groups), or "raw:<id>:<name>"
    eligible_expiry: bool = False
    eligible_max: str = "P365D"
    active_expiry: bool = False
    active_max: str = "P180D"
    on_active_assignment: tuple[str, ...] = ("Justification",)
    assign_alerts: bool = True                # Notification_Admin_Admin_* default recipients
    activation_alerts: bool = True            # Notification_Admin_EndUser_Assignment default recipients
    alert_to: tuple[str, ...] = ()
    modified: datetime | None = None
    modified_by: str | None = None            # display name


GROUP_DEFAULT = Pol(on_activation=("Justification",), eligible_expiry=True, active_expiry=True)


@dataclass
class Principal:
    """A user, group or service principal known to a bundle."""

    key: str
    id: str
    kind: str                                  # user | group | sp
    name: str
    upn: str | None = None
    obj: Json = field(default_factory=dict)
    methods: tuple[str, ...] = ()
    members: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)


@dataclass
class Activation:
    """Outcome of a generated activation (for wiring current instances)."""

    start: datetime
    end: datetime
    request_id: str


# --------------------------------------------------------------------------------------------
# Bundle builder
# --------------------------------------------------------------------------------------------


class Bundle:
    """Collects the objects of one tenant and writes them as a pimlint bundle directory."""

    def __init__(self, key: str, display: str, domain: str, initial: str, exported: str, tz: str,
                 city: str, country: str, ip_prefix: str) -> None:
        self.key = key
        self.display = display
        self.domain = domain
        self.initial = initial
        self.tid = guid(key, "tenant")
        self.exported = utc(exported)
        self.tz = ZoneInfo(tz)
        self.tz_name = tz
        self.city, self.country, self.ip_prefix = city, country, ip_prefix
        self.business_hours_only = False
        self.p: dict[str, Principal] = {}
        self.role_ids: dict[str, str] = {n: v[0] for n, v in ROLES.items()}
        self.custom_roles: list[Json] = []
        self.skus: list[Json] = []
        self.org_extra: Json = {}
        self.role_assignments: list[Json] = []
        self.assignment_instances: list[Json] = []
        self.eligibility_instances: list[Json] = []
        self.policies: list[Json] = []
        self.policy_assignments: list[Json] = []
        self.pag_eligible: list[Json] = []
        self.pag_active: list[Json] = []
        self.ca: list[Json] = []
        self.strengths: list[Json] = []
        self.audits: list[Json] = []
        self.signins: list[Json] = []
        self.reviews: list[Json] = []
        self.apps: list[Json] = []
        self.azure: dict[str, AzureSub] = {}
        self.toml = ""
        self.ticket_system = "ServiceNow"

    # ---- time -------------------------------------------------------------------------------

    def local(self, text: str) -> datetime:
        """Local wall-clock time in the tenant timezone, returned in UTC."""
        naive = utc(text).replace(tzinfo=None)
        return naive.replace(tzinfo=self.tz).astimezone(UTC)

    def days_ago(self, days: float) -> datetime:
        """Return the moment ``days`` before exportedAt."""
        return self.exported - timedelta(days=days)

    # ---- directory objects ------------------------------------------------------------------

    def _ip(self, seed: str) -> str:
        return f"{self.ip_prefix}.{10 + _digits(self.key + seed, 3) % 240}"

    def user(self, key: str, name: str, upn: str, *, created: str, synced: bool = False, enabled: bool = True,
             guest_mail: str | None = None, licenses: tuple[str, ...] = (), last_ok: datetime | None = None,
             last_attempt: datetime | None = None, non_interactive: bool = True,
             methods: tuple[str, ...] = ("microsoftAuthenticatorPush", "mobilePhone"), mail: bool = True) -> str:
        """Add a user; ``last_ok`` is the last successful sign-in (None = never signed in)."""
        uid = guid(self.key, "user", key)
        synced_id = base64.b64encode(uuid.UUID(guid(self.key, "ad-object", key)).bytes_le).decode() if synced else None
        last_try = last_attempt or last_ok
        nonint = (last_ok + timedelta(hours=2, minutes=_digits(key, 2))) if (last_ok and non_interactive) else None
        if nonint and nonint > self.exported:
            nonint = self.exported - timedelta(minutes=37)
        activity = {
            "lastSignInDateTime": ts(last_try),
            "lastSignInRequestId": guid(self.key, "signin-req", key, "i") if last_try else None,
            "lastNonInteractiveSignInDateTime": ts(nonint),
            "lastNonInteractiveSignInRequestId": guid(self.key, "signin-req", key, "n") if nonint else None,
            "lastSuccessfulSignInDateTime": ts(last_ok),
            "lastSuccessfulSignInRequestId": guid(self.key, "signin-req", key, "i" if last_attempt is None else "s")
            if last_ok else None,
        }
        obj = {
            "id": uid,
            "displayName": name,
            "userPrincipalName": upn,
            "mail": guest_mail if guest_mail else (upn if mail else None),
            "accountEnabled": enabled,
            "userType": "Guest" if guest_mail else "Member",
            "createdDateTime": ts0(utc(created)) if len(created) > 10 else ts0(utc(created) + timedelta(hours=9)),
            "onPremisesSyncEnabled": True if synced else None,
            "onPremisesImmutableId": synced_id,
            "assignedLicenses": [{"disabledPlans": [], "skuId": SKUS[s][0]} for s in licenses],
            "signInActivity": activity,
        }
        self.p[key] = Principal(key, uid, "user", name, upn, obj, methods)
        return uid

    def group(self, key: str, name: str, *, rag: bool = False, members: tuple[str, ...] = (),
              owners: tuple[str, ...] = (), unified: bool = False, description: str = "") -> str:
        """Add a group (members/owners are principal keys, resolved when writing)."""
        gid = guid(self.key, "group", key)
        obj = {
            "id": gid,
            "displayName": name,
            "description": description or None,
            "isAssignableToRole": True if rag else None,
            "securityEnabled": not unified,
            "mailEnabled": unified,
            "groupTypes": ["Unified"] if unified else [],
        }
        self.p[key] = Principal(key, gid, "group", name, None, obj, (), list(members), list(owners))
        return gid

    def app(self, key: str, name: str, *, created: str, owners: tuple[str, ...] = (),
            perms: tuple[str, ...] = (), secret_until: str | None = None, cert: bool = False) -> str:
        """Add an app registration plus its service principal with Graph application permissions."""
        app_id = guid(self.key, "appid", key)
        sp_id = guid(self.key, "sp", key)
        created_dt = utc(created) + timedelta(hours=10, minutes=_digits(key, 2) % 60)
        creds: list[Json] = []
        if secret_until:
            creds.append({"customKeyIdentifier": None, "displayName": f"{name} secret",
                          "endDateTime": ts0(utc(secret_until)),
                          "hint": key[:3].lower(), "keyId": guid(self.key, "secret", key),
                          "secretText": None, "startDateTime": ts(created_dt)})
        keys: list[Json] = []
        if cert:
            keys.append({"customKeyIdentifier": hashlib.sha1(key.encode()).hexdigest().upper(),
                         "displayName": f"CN={key}", "endDateTime": ts0(created_dt + timedelta(days=730)),
                         "key": None, "keyId": guid(self.key, "cert", key), "startDateTime": ts(created_dt),
                         "type": "AsymmetricX509Cert", "usage": "Verify"})
        self.apps.append({
            "id": guid(self.key, "application", key),
            "appId": app_id,
            "displayName": name,
            "createdDateTime": ts(created_dt),
            "signInAudience": "AzureADMyOrg",
            "requiredResourceAccess": ([{"resourceAppId": GRAPH_APP_ID, "resourceAccess": [
                {"id": GRAPH_PERMS[p], "type": "Role"} for p in perms]}] if perms else []),
            "keyCredentials": keys,
            "passwordCredentials": creds,
            "owners": list(owners),
        })
        sp = {
            "id": sp_id,
            "appId": app_id,
            "displayName": name,
            "servicePrincipalType": "Application",
            "accountEnabled": True,
            "appOwnerOrganizationId": self.tid,
            "tags": ["WindowsAzureActiveDirectoryIntegratedApp"],
            "appRoles": [],
            "keyCredentials": keys,
            "passwordCredentials": [],
            "appRoleAssignments": [{
                "id": base64.urlsafe_b64encode(uuid.UUID(guid(self.key, "ara", key, p)).bytes).decode().rstrip("="),
                "deletedDateTime": None,
                "appRoleId": GRAPH_PERMS[p],
                "createdDateTime": ts(created_dt + timedelta(minutes=3 + i)),
                "principalDisplayName": name,
                "principalId": sp_id,
                "principalType": "ServicePrincipal",
                "resourceDisplayName": "Microsoft Graph",
                "resourceId": guid(self.key, "sp", "msgraph"),
            } for i, p in enumerate(perms)],
        }
        self.p[key] = Principal(key, sp_id, "sp", name, None, sp, (), [], list(owners))
        return sp_id

    def graph_sp(self) -> None:
        """Add the tenant's Microsoft Graph service principal (first-party, fixed appId)."""
        sp_id = guid(self.key, "sp", "msgraph")
        sp = {
            "id": sp_id,
            "appId": GRAPH_APP_ID,
            "displayName": "Microsoft Graph",
            "servicePrincipalType": "Application",
            "accountEnabled": True,
            "appOwnerOrganizationId": MICROSOFT_TENANT,
            "tags": [],
            "appRoles": [{"allowedMemberTypes": ["Application"],
                          "description": f"Lets the app use {n} without a signed-in user.",
                          "displayName": n, "id": i, "isEnabled": True, "origin": "Application", "value": n}
                         for n, i in GRAPH_PERMS.items()],
            "keyCredentials": [],
            "passwordCredentials": [],
            "appRoleAssignments": [],
        }
        self.p["msgraph"] = Principal("msgraph", sp_id, "sp", "Microsoft Graph", None, sp)

    def custom_role(self, key: str, name: str, description: str, actions: tuple[str, ...], privileged: bool) -> str:
        """Add a custom directory role definition."""
        rid = guid(self.key, "customrole", key)
        self.role_ids[name] = rid
        self.custom_roles.append({
            "id": rid, "templateId": rid, "displayName": name, "description": description, "isBuiltIn": False,
            "isEnabled": True, "isPrivileged": privileged, "resourceScopes": ["/"], "version": None,
            "rolePermissions": [{"allowedResourceActions": list(actions), "condition": None}],
        })
        return rid

    def sku(self, part: str, units: int, consumed: int, status: str = "Enabled") -> None:
        """Add a subscribed SKU."""
        sku_id, plans = SKUS[part]
        self.skus.append({
            "accountName": self.display.split()[0].upper(),
            "accountId": self.tid,
            "appliesTo": "User",
            "capabilityStatus": status,
            "consumedUnits": consumed,
            "id": f"{self.tid}_{sku_id}",
            "skuId": sku_id,
            "skuPartNumber": part,
            "subscriptionIds": [guid(self.key, "commerce-sub", part)],
            "prepaidUnits": {"enabled": units, "suspended": 0, "warning": 0, "lockedOut": 0},
            "servicePlans": [{"servicePlanId": PLANS[n], "servicePlanName": n, "provisioningStatus": "Success",
                              "appliesTo": "User"} for n in plans],
        })

    # ---- role assignments -------------------------------------------------------------------

    def _role(self, role: str) -> str:
        return self.role_ids[role]

    def _pid(self, who: str) -> str:
        return who.split(":", 1)[1] if who.startswith("raw:") else self.p[who].id

    def _member_type(self, who: str) -> str:
        return "Group" if (who in self.p and self.p[who].kind == "group") else "Direct"

    def active(self, who: str, role: str, *, start: str | None, end: str | None = None,
               outside_pim: bool = False) -> None:
        """Standing (Assigned) role assignment; ``start=None`` models a pre-PIM direct assignment."""
        rid, pid = self._role(role), self._pid(who)
        aid = assignment_id(rid, pid)
        self.role_assignments.append({"id": aid, "principalId": pid, "roleDefinitionId": rid,
                                      "directoryScopeId": "/", "appScopeId": None})
        if outside_pim:
            return
        self.assignment_instances.append({
            "id": aid, "principalId": pid, "roleDefinitionId": rid, "directoryScopeId": "/", "appScopeId": None,
            "startDateTime": ts(utc(start)) if start else None, "endDateTime": ts0(utc(end)) if end else None,
            "assignmentType": "Assigned", "memberType": self._member_type(who),
            "roleAssignmentOriginId": aid, "roleAssignmentScheduleId": aid,
        })

    def eligible(self, who: str, role: str, *, start: str, end: str | None = None) -> None:
        """Eligible role assignment (PIM)."""
        rid, pid = self._role(role), self._pid(who)
        self.eligibility_instances.append({
            "id": assignment_id(rid, pid) + "-e", "principalId": pid, "roleDefinitionId": rid,
            "directoryScopeId": "/", "appScopeId": None, "startDateTime": ts(utc(start)),
            "endDateTime": ts0(utc(end)) if end else None, "memberType": self._member_type(who),
            "roleEligibilityScheduleId": guid(self.key, "elig-schedule", who, role),
        })

    def group_eligible(self, group: str, who: str, *, start: str, end: str | None = None,
                       access: str = "member") -> None:
        """PIM for Groups eligibility of ``who`` for membership/ownership of ``group``."""
        gid, pid = self.p[group].id, self._pid(who)
        self.pag_eligible.append({
            "id": f"{gid}_{access}_{guid(self.key, 'pag-elig-inst', group, who, access)}",
            "groupId": gid, "principalId": pid, "accessId": access,
            "memberType": "Group" if self._member_type(who) == "Group" else "Direct",
            "startDateTime": ts(utc(start)), "endDateTime": ts0(utc(end)) if end else None,
            "eligibilityScheduleId": f"{gid}_{access}_{guid(self.key, 'pag-elig', group, who, access)}",
        })

    # ---- policies ---------------------------------------------------------------------------

    def _approver(self, ref: str) -> Json:
        if ref.startswith("raw:"):
            _, oid, name = ref.split(":", 2)
            return {"@odata.type": "#microsoft.graph.singleUser", "isBackup": False, "userId": oid, "description": name}
        pr = self.p[ref]
        if pr.kind == "group":
            return {"@odata.type": "#microsoft.graph.groupMembers", "isBackup": False, "groupId": pr.id,
                    "description": pr.name}
        return {"@odata.type": "#microsoft.graph.singleUser", "isBackup": False, "userId": pr.id,
                "description": pr.name}

    def _rules(self, pol: Pol, ops: str) -> list[Json]:
        base = "#microsoft.graph.unifiedRoleManagementPolicy"

        def target(caller: str, level: str) -> Json:
            return {"caller": caller, "operations": [ops], "level": level, "inheritableSettings": [],
                    "enforcedSettings": []}

        def exp(rid: str, caller: str, level: str, required: bool, duration: str) -> Json:
            return {"@odata.type": base + "ExpirationRule", "id": rid, "isExpirationRequired": required,
                    "maximumDuration": duration, "target": target(caller, level)}

        def ena(rid: str, caller: str, level: str, rules: tuple[str, ...]) -> Json:
            return {"@odata.type": base + "EnablementRule", "id": rid, "enabledRules": list(rules),
                    "target": target(caller, level)}

        def note(recipient: str, caller: str, level: str, default: bool = True, to: tuple[str, ...] = ()) -> Json:
            return {"@odata.type": base + "NotificationRule", "id": f"Notification_{recipient}_{caller}_{level}",
                    "notificationType": "Email", "recipientType": recipient, "notificationLevel": "All",
                    "isDefaultRecipientsEnabled": default, "notificationRecipients": list(to),
                    "target": target(caller, level)}

        assign_to = pol.alert_to
        return [
            exp("Expiration_Admin_Eligibility", "Admin", "Eligibility", pol.eligible_expiry, pol.eligible_max),
            ena("Enablement_Admin_Eligibility", "Admin", "Eligibility", ()),
            note("Admin", "Admin", "Eligibility", pol.assign_alerts, assign_to),
            note("Requestor", "Admin", "Eligibility"),
            note("Approver", "Admin", "Eligibility"),
            exp("Expiration_Admin_Assignment", "Admin", "Assignment", pol.active_expiry, pol.active_max),
            ena("Enablement_Admin_Assignment", "Admin", "Assignment", pol.on_active_assignment),
            note("Admin", "Admin", "Assignment", pol.assign_alerts, assign_to),
            note("Requestor", "Admin", "Assignment"),
            note("Approver", "Admin", "Assignment"),
            {"@odata.type": base + "ApprovalRule", "id": "Approval_EndUser_Assignment",
             "target": target("EndUser", "Assignment"),
             "setting": {"isApprovalRequired": pol.approval, "isApprovalRequiredForExtension": False,
                         "isRequestorJustificationRequired": True, "approvalMode": "SingleStage",
                         "approvalStages": [{"approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": True,
                                             "escalationTimeInMinutes": 0, "isEscalationEnabled": False,
                                             "primaryApprovers": [self._approver(a) for a in pol.approvers],
                                             "escalationApprovers": []}]}},
            {"@odata.type": base + "AuthenticationContextRule", "id": "AuthenticationContext_EndUser_Assignment",
             "isEnabled": pol.auth_context is not None, "claimValue": pol.auth_context,
             "target": target("EndUser", "Assignment")},
            ena("Enablement_EndUser_Assignment", "EndUser", "Assignment", pol.on_activation),
            exp("Expiration_EndUser_Assignment", "EndUser", "Assignment", True, pol.max_activation),
            note("Admin", "EndUser", "Assignment", pol.activation_alerts, pol.alert_to),
            note("Requestor", "EndUser", "Assignment"),
            note("Approver", "EndUser", "Assignment"),
        ]

    def _policy(self, scope_type: str, scope_id: str, prefix: str, name: str, pol: Pol, ops: str) -> str:
        pid = f"{prefix}_{guid(self.key, 'policy', scope_type, scope_id, name)}"
        self.policies.append({
            "id": pid, "displayName": scope_type, "description": scope_type, "isOrganizationDefault": False,
            "scopeId": scope_id, "scopeType": scope_type, "lastModifiedDateTime": ts(pol.modified),
            "lastModifiedBy": {"displayName": pol.modified_by, "id": None},
            "rules@odata.context": f"{GRAPH_CTX}policies/roleManagementPolicies('{pid}')/rules",
            "rules": self._rules(pol, ops),
        })
        return pid

    def role_policy(self, role: str, pol: Pol) -> None:
        """Policy (with all 17 rules) and policy assignment for a directory role."""
        rid = self._role(role)
        pid = self._policy("DirectoryRole", "/", f"DirectoryRole_{self.tid}", rid, pol, "all")
        self.policy_assignments.append({"id": f"{pid}_{rid}", "policyId": pid, "scopeId": "/",
                                        "scopeType": "DirectoryRole", "roleDefinitionId": rid})

    def group_policies(self, group: str, member: Pol, owner: Pol) -> None:
        """Member and owner policies of a PIM-for-Groups group."""
        gid = self.p[group].id
        for access, pol in (("member", member), ("owner", owner)):
            pid = self._policy("Group", gid, f"Group_{gid}", access, pol, "All")
            self.policy_assignments.append({"id": f"{pid}_{access}", "policyId": pid, "scopeId": gid,
                                            "scopeType": "Group", "roleDefinitionId": access})

    # ---- audit log --------------------------------------------------------------------------

    def _initiator_user(self, who: str, ip: str) -> Json:
        pr = self.p[who]
        return {"app": None, "user": {"id": pr.id, "displayName": pr.name, "userPrincipalName": pr.upn,
                                      "ipAddress": ip, "userType": None, "homeTenantId": None, "homeTenantName": None}}

    @staticmethod
    def _initiator_pim() -> Json:
        return {"app": {"appId": None, "displayName": "MS-PIM", "servicePrincipalId": None,
                        "servicePrincipalName": None}, "user": None}

    def _audit(self, when: datetime, activity: str, initiator: Json, targets: list[Json],
               details: list[tuple[str, str]],
               *, result: str = "success", reason: str = "", category: str = "RoleManagement",
               operation: str = "Update", correlation: str | None = None) -> None:
        stamp = when.isoformat()
        aid = f"PIM_{guid(self.key, 'audit-a', activity, stamp)}_{guid(self.key, 'audit-b', activity, stamp)}"
        self.audits.append({
            "id": f"{aid}_{dotnet_ticks(when)}",
            "category": category,
            "correlationId": correlation or guid(self.key, "corr", activity, when.isoformat()),
            "result": result,
            "resultReason": reason,
            "activityDisplayName": activity,
            "activityDateTime": ts(when),
            "loggedByService": "PIM",
            "operationType": operation,
            "initiatedBy": initiator,
            "targetResources": targets,
            "additionalDetails": [{"key": k, "value": v} for k, v in details],
        })

    def _targets(self, who: str, role: str | None, group: str | None, access: str, request_id: str) -> list[Json]:
        pr = self.p[who]
        request: Json = {"id": request_id, "displayName": None, "type": "Request", "userPrincipalName": None,
                   "groupType": None, "modifiedProperties": []}
        principal: Json = {"id": pr.id, "displayName": pr.name, "type": "User" if pr.kind == "user" else "Group",
                     "userPrincipalName": pr.upn, "groupType": None, "modifiedProperties": []}
        if group:
            g = self.p[group]
            return [{"id": access, "displayName": access.capitalize(), "type": "Role", "userPrincipalName": None,
                     "groupType": None, "modifiedProperties": []}, request, principal,
                    {"id": g.id, "displayName": g.name, "type": "Group", "userPrincipalName": None,
                     "groupType": "azureAD", "modifiedProperties": []}]
        assert role is not None
        rid = self._role(role)
        origin = "BuiltInRole" if role in ROLES else "CustomRole"
        return [{"id": rid, "displayName": role, "type": "Role", "userPrincipalName": None, "groupType": None,
                 "modifiedProperties": [
                     {"displayName": "RoleDefinitionOriginId", "oldValue": "\"\"", "newValue": json.dumps(rid)},
                     {"displayName": "RoleDefinitionOriginType", "oldValue": "\"\"", "newValue": json.dumps(origin)},
                     {"displayName": "TemplateId", "oldValue": "\"\"", "newValue": json.dumps(rid)}]},
                request, principal,
                {"id": self.tid, "displayName": self.display, "type": "Directory", "userPrincipalName": None,
                 "groupType": None, "modifiedProperties": []}]

    def activate(self, who: str, role: str | None, when: str, hours: float, justification: str, *,
                 ticket: str | None = None, approver: str | None = None, wait_min: int = 9,
                 outcome: str = "granted", deactivate_after: float | None = None, group: str | None = None,
                 access: str = "member", reason: str = "") -> Activation | None:
        """Log one activation request (role, or PIM-for-Groups ``group``) and its follow-up events.

        ``when`` is local wall-clock time. ``outcome``: granted | denied | failed | timeout.
        Current activations (end after exportedAt) also get an Activated instance.
        """
        req = self.local(when) + timedelta(seconds=_digits(self.key + who + when, 2) % 50)
        if self.business_hours_only:
            loc = req.astimezone(self.tz)
            assert loc.weekday() < 5 and 7 <= loc.hour < 19, f"off-hours activation in {self.key}: {when}"
        ip = self._ip(who)
        rid = guid(self.key, "request", who, role or group or "", when)
        category = "GroupManagement" if group else "RoleManagement"
        targets = self._targets(who, role, group, access, rid)
        me = self._initiator_user(who, ip)
        common = [("RequestId", rid), ("ipaddr", ip)]
        if role:
            r = self._role(role)
            common = [("RoleDefinitionOriginId", r), ("RoleDefinitionOriginType",
                      "BuiltInRole" if role in ROLES else "CustomRole"), ("TemplateId", r)] + common
        just = [("Justification", justification)] + ([("TicketNumber", ticket), ("TicketSystem", self.ticket_system)]
                                                     if ticket else [])
        self._audit(req, "Add member to role requested (PIM activation)", me, targets, common + just,
                    result="failure" if outcome == "failed" else "success",
                    reason=reason if outcome == "failed" else justification, category=category, correlation=rid)
        if outcome == "failed":
            return None
        start = req + timedelta(seconds=3, milliseconds=_digits(rid, 3))
        if approver:
            self._audit(req + timedelta(seconds=1), "Add member to role approval requested (PIM activation)",
                        me, targets, common + just, reason=justification, category=category, correlation=rid)
            decided = req + timedelta(minutes=wait_min, seconds=_digits(rid + "d", 2) % 60)
            if outcome == "timeout":
                self._audit(req + timedelta(days=1, seconds=12), "PIM activation request expired",
                            self._initiator_pim(), targets, common, reason="Approval was not given in time",
                            category=category, correlation=rid)
                return None
            ap = self._initiator_user(approver, self._ip(approver))
            if outcome == "denied":
                self._audit(decided, "Add member to role request denied (PIM activation)", ap, targets,
                            common, reason=reason, category=category, correlation=rid)
                return None
            self._audit(decided, "Add member to role request approved (PIM activation)", ap, targets, common,
                        reason=reason or "Approved", category=category, correlation=rid)
            start = decided + timedelta(seconds=4, milliseconds=_digits(rid, 3))
        end = start + timedelta(hours=hours)
        self._audit(start, "Add member to role completed (PIM activation)", me, targets,
                    common[:-2] + [("StartTime", ts(start)), ("ExpirationTime", ts(end))] + just + common[-2:],
                    reason=justification, category=category, correlation=rid)
        if deactivate_after is not None:
            stop = start + timedelta(hours=deactivate_after)
            self._audit(stop, "Remove member from role requested (PIM deactivate)", me, targets, common,
                        reason="Deactivated by the user", category=category, operation="Delete")
            self._audit(stop + timedelta(seconds=2), "Remove member from role completed (PIM deactivate)", me,
                        targets, common, category=category, operation="Delete")
        elif end <= self.exported:
            self._audit(end + timedelta(seconds=1), "Remove member from role (PIM activation expired)",
                        self._initiator_pim(), targets, common[:-1] + [("ExpirationTime", ts(end))],
                        category=category, operation="Delete")
        else:
            self._current(who, role, group, access, start, end)
        return Activation(start, end, rid)

    def _current(self, who: str, role: str | None, group: str | None, access: str, start: datetime,
                 end: datetime) -> None:
        pid = self._pid(who)
        if group:
            gid = self.p[group].id
            sid = f"{gid}_{access}_{guid(self.key, 'pag-act', who, start.isoformat())}"
            self.pag_active.append({"id": sid, "groupId": gid, "principalId": pid, "accessId": access,
                                    "memberType": "Direct", "assignmentType": "Activated",
                                    "startDateTime": ts(start), "endDateTime": ts(end), "assignmentScheduleId": sid})
            (self.p[group].members if access == "member" else self.p[group].owners).append(who)
            return
        assert role is not None
        rid = self._role(role)
        origin = assignment_id(rid, pid)
        inst = guid(self.key, "activated", who, role, start.isoformat())
        self.role_assignments.append({"id": origin, "principalId": pid, "roleDefinitionId": rid,
                                      "directoryScopeId": "/", "appScopeId": None})
        self.assignment_instances.append({
            "id": inst, "principalId": pid, "roleDefinitionId": rid, "directoryScopeId": "/", "appScopeId": None,
            "startDateTime": ts(start), "endDateTime": ts(end), "assignmentType": "Activated",
            "memberType": "Direct", "roleAssignmentOriginId": origin, "roleAssignmentScheduleId": inst,
        })

    def admin_event(self, actor: str, when: str, activity: str, role: str, target: str, details: list[tuple[str, str]],
                    reason: str = "") -> None:
        """Log an administrative PIM event (assignment or role-setting change)."""
        at = self.local(when) + timedelta(seconds=_digits(activity + when, 2) % 55)
        rid = guid(self.key, "admin-req", activity, when)
        self._audit(at, activity, self._initiator_user(actor, self._ip(actor)),
                    self._targets(target, role, None, "member", rid), details, reason=reason, operation="Add"
                    if activity.startswith("Add") else "Update", correlation=rid)

    # ---- sign-ins ---------------------------------------------------------------------------

    def signin(self, who: str, when: str, app: str, *, error: int = 0, client: str = "Browser",
               interactive: bool = True, local: bool = True) -> None:
        """One sign-in log entry (``when`` is local time unless ``local`` is False)."""
        at = (self.local(when) if local else utc(when)) + timedelta(seconds=_digits(who + when + app, 2) % 59)
        pr = self.p[who]
        app_id, res_name, res_id = APPS[app]
        reasons = {0: "Other.", 50126: "Error validating credentials due to invalid username or password.",
                   50057: "User account is disabled. The account has been disabled by an administrator.",
                   50074: "Strong Authentication is required.",
                   53003: "Access has been blocked by Conditional Access policies."}
        excluded = self._ca_excluded(pr)
        evaluated = error not in (50126, 50057)       # CA is not evaluated after failed first-factor auth
        applied = []
        for pol in self.ca:
            if pol["state"] == "disabled":
                continue
            report_only = pol["state"] != "enabled"
            if not evaluated or pol["id"] in excluded or not self._ca_applies(pol, pr, app_id, client):
                result = "reportOnlyNotApplied" if report_only else "notApplied"
            elif report_only:
                result = "reportOnlySuccess"
            else:
                result = "failure" if error == 53003 else "success"
            grants = list((pol["grantControls"] or {}).get("builtInControls", []))
            applied.append({"id": pol["id"], "displayName": pol["displayName"],
                            "enforcedGrantControls": grants if result in ("success", "failure") else [],
                            "enforcedSessionControls": ["SignInFrequency"] if result == "success" and
                            pol["sessionControls"] else [], "result": result})
        self.signins.append({
            "id": guid(self.key, "signin", who, when, app),
            "createdDateTime": ts(at),
            "userDisplayName": pr.name,
            "userPrincipalName": pr.upn,
            "userId": pr.id,
            "appId": app_id,
            "appDisplayName": app,
            "ipAddress": self._ip(who + "signin"),
            "clientAppUsed": client,
            "correlationId": guid(self.key, "signin-corr", who, when, app),
            "conditionalAccessStatus": "failure" if error == 53003 else
            ("success" if any(a["result"] == "success" for a in applied) else "notApplied"),
            "isInteractive": interactive,
            "riskDetail": "none",
            "riskLevelAggregated": "none",
            "riskLevelDuringSignIn": "none",
            "riskState": "none",
            "riskEventTypes_v2": [],
            "resourceDisplayName": res_name,
            "resourceId": res_id,
            "status": {"errorCode": error, "failureReason": reasons.get(error, "Other."), "additionalDetails": None},
            "deviceDetail": {"deviceId": "", "displayName": "", "operatingSystem": "Windows10",
                             "browser": "Edge 131.0.0" if client == "Browser" else "", "isCompliant": False,
                             "isManaged": False, "trustType": ""},
            "location": {"city": self.city, "state": None, "countryOrRegion": self.country,
                         "geoCoordinates": {"altitude": None, "latitude": None, "longitude": None}},
            "appliedConditionalAccessPolicies": applied,
        })

    def _ca_applies(self, pol: Json, pr: Principal, app_id: str, client: str) -> bool:
        """Whether a CA policy's user, app and client-type conditions cover a sign-in (exclusions aside)."""
        cond = pol["conditions"]
        apps = cond["applications"]["includeApplications"]
        if not ("All" in apps or app_id in apps):
            return False
        legacy = {"Exchange ActiveSync": "exchangeActiveSync", "Other clients": "other"}
        kind = legacy.get(client, "browser" if client == "Browser" else "mobileAppsAndDesktopClients")
        if not ({"all", kind} & set(cond["clientAppTypes"])):
            return False
        users = cond["users"]
        active = {a["roleDefinitionId"] for a in self.role_assignments if a["principalId"] == pr.id}
        return ("All" in users["includeUsers"] or pr.id in users["includeUsers"]
                or ("GuestsOrExternalUsers" in users["includeUsers"] and pr.obj["userType"] == "Guest")
                or any(g and pr.key in self.p[g].members for g in map(self._by_id, users["includeGroups"]))
                or bool(active & set(users["includeRoles"])))

    def _ca_excluded(self, pr: Principal) -> set[str]:
        out = set()
        for pol in self.ca:
            users = pol["conditions"]["users"]
            groups = {self._by_id(g) for g in users["excludeGroups"]}
            if pr.id in users["excludeUsers"] or any(g and pr.key in self.p[g].members for g in groups):
                out.add(pol["id"])
        return out

    def _by_id(self, oid: str) -> str | None:
        return next((k for k, v in self.p.items() if v.id == oid), None)

    # ---- conditional access -----------------------------------------------------------------

    def strength_policies(self, custom: Json | None = None) -> None:
        """Add the three built-in authentication strengths (plus an optional custom one)."""
        mfa = ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush",
               "temporaryAccessPassOneTime", "temporaryAccessPassMultiUse", "password,microsoftAuthenticatorPush",
               "password,softwareOath", "password,hardwareOath", "password,sms", "password,voice",
               "federatedMultiFactor", "microsoftAuthenticatorPush,federatedSingleFactor",
               "softwareOath,federatedSingleFactor", "hardwareOath,federatedSingleFactor",
               "sms,federatedSingleFactor", "voice,federatedSingleFactor"]
        for sid, name, desc, combos in (
                ("00000000-0000-0000-0000-000000000002", "Multifactor authentication",
                 "Combinations of methods that satisfy strong authentication, such as a password and SMS", mfa),
                ("00000000-0000-0000-0000-000000000003", "Passwordless MFA",
                 "Passwordless methods that satisfy strong authentication, such as passwordless phone sign-in",
                 ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush"]),
                ("00000000-0000-0000-0000-000000000004", "Phishing-resistant MFA",
                 "Phishing-resistant passwordless methods for the strongest authentication, such as FIDO2 keys",
                 ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"])):
            self.strengths.append(self._strength(sid, name, desc, "builtIn", combos, utc("2021-12-01")))
        if custom:
            self.strengths.append(custom)

    @staticmethod
    def _strength(sid: str, name: str, desc: str, kind: str, combos: list[str], created: datetime) -> Json:
        return {"id": sid, "createdDateTime": ts0(created), "modifiedDateTime": ts0(created), "displayName": name,
                "description": desc, "policyType": kind, "requirementsSatisfied": "mfa", "allowedCombinations": combos,
                "combinationConfigurations@odata.context":
                    f"{GRAPH_CTX}policies/authenticationStrengthPolicies('{sid}')/combinationConfigurations",
                "combinationConfigurations": []}

    def ca_policy(self, key: str, name: str, *, state: str = "enabled", created: str, modified: str | None = None,
                  include_users: tuple[str, ...] = (), exclude_users: tuple[str, ...] = (),
                  include_groups: tuple[str, ...] = (), exclude_groups: tuple[str, ...] = (),
                  include_roles: tuple[str, ...] = (), apps: tuple[str, ...] = ("All",),
                  auth_contexts: tuple[str, ...] = (), client_apps: tuple[str, ...] = ("all",),
                  controls: tuple[str, ...] = (), operator: str = "OR", strength: str | None = None,
                  frequency: tuple[int, str] | None = None, locations: Json | None = None) -> None:
        """Add a Conditional Access policy; user/group entries are principal keys, ``raw:<id>``, or keywords."""
        pid = guid(self.key, "ca", key)

        def ids(keys: tuple[str, ...]) -> list[str]:
            return [k if k in ("All", "None", "GuestsOrExternalUsers") else self._pid(k) for k in keys]

        grant: Json | None = None
        if controls or strength:
            grant = {"operator": operator, "builtInControls": list(controls), "customAuthenticationFactors": [],
                     "termsOfUse": []}
            if strength:
                st = next(s for s in self.strengths if s["id"] == strength)
                grant["authenticationStrength@odata.context"] = (
                    f"{GRAPH_CTX}identity/conditionalAccess/policies('{pid}')"
                    "/grantControls/authenticationStrength/$entity")
                grant["authenticationStrength"] = {k: v for k, v in st.items() if not k.startswith("combination")}
        session = None
        if frequency:
            session = {"disableResilienceDefaults": None, "applicationEnforcedRestrictions": None,
                       "cloudAppSecurity": None, "persistentBrowser": {"mode": "never", "isEnabled": True},
                       "continuousAccessEvaluation": None, "secureSignInSession": None,
                       "signInFrequency": {"value": frequency[0], "type": frequency[1],
                                           "authenticationType": "primaryAndSecondaryAuthentication",
                                           "frequencyInterval": "timeBased", "isEnabled": True}}
        self.ca.append({
            "id": pid,
            "templateId": None,
            "displayName": name,
            "createdDateTime": ts(utc(created) + timedelta(hours=9, minutes=_digits(key, 2) % 60)),
            "modifiedDateTime": ts(utc(modified) + timedelta(hours=14, minutes=_digits(key + "m", 2) % 60))
            if modified else None,
            "state": state,
            "conditions": {
                "userRiskLevels": [], "signInRiskLevels": [], "clientAppTypes": list(client_apps),
                "servicePrincipalRiskLevels": [], "platforms": None, "locations": locations, "devices": None,
                "clientApplications": None, "authenticationFlows": None,
                "applications": {"includeApplications": list(apps), "excludeApplications": [],
                                 "includeUserActions": [],
                                 "includeAuthenticationContextClassReferences": list(auth_contexts)},
                "users": {"includeUsers": ids(include_users), "excludeUsers": ids(exclude_users),
                          "includeGroups": ids(include_groups), "excludeGroups": ids(exclude_groups),
                          "includeRoles": [self._role(r) for r in include_roles], "excludeRoles": [],
                          "includeGuestsOrExternalUsers": None, "excludeGuestsOrExternalUsers": None},
            },
            "grantControls": grant,
            "sessionControls": session,
        })

    # ---- access reviews ---------------------------------------------------------------------

    def review(self, key: str, name: str, *, role: str | None = None, group: str | None = None, created: str,
               status: str, interval_months: int | None, reviewer: str, start: str, end: str | None = None) -> None:
        """Add an access review definition over the holders of a role, or the members of a group."""
        if role:
            query = f"/roleManagement/directory/roleDefinitions/{self._role(role)}"
        else:
            assert group
            query = f"/groups/{self.p[group].id}/transitiveMembers"
        recurrence = None
        if interval_months:
            recurrence = {
                "pattern": {"type": "absoluteMonthly", "interval": interval_months, "month": 0, "dayOfMonth": 0,
                            "daysOfWeek": [], "firstDayOfWeek": "sunday", "index": "first"},
                "range": {"type": "noEnd" if end is None else "endDate", "numberOfOccurrences": 0,
                          "recurrenceTimeZone": None, "startDate": start, "endDate": end or "9999-12-31"}}
        rv = self.p[reviewer]
        created_dt = utc(created) + timedelta(hours=8, minutes=_digits(key, 2) % 60)
        self.reviews.append({
            "id": guid(self.key, "review", key),
            "displayName": name,
            "createdDateTime": ts(created_dt),
            "lastModifiedDateTime": ts(created_dt),
            "status": status,
            "descriptionForAdmins": "",
            "descriptionForReviewers": "Confirm that each person still needs this access.",
            "createdBy": {"id": rv.id, "displayName": rv.name, "userPrincipalName": rv.upn},
            "scope": {"@odata.type": "#microsoft.graph.accessReviewQueryScope", "query": query,
                      "queryType": "MicrosoftGraph", "queryRoot": None},
            "instanceEnumerationScope": None,
            "reviewers": [{"query": f"/users/{rv.id}", "queryType": "MicrosoftGraph", "queryRoot": None}],
            "fallbackReviewers": [],
            "settings": {"mailNotificationsEnabled": True, "reminderNotificationsEnabled": True,
                         "justificationRequiredOnApproval": True, "defaultDecisionEnabled": True,
                         "defaultDecision": "Deny", "instanceDurationInDays": 14, "autoApplyDecisionsEnabled": True,
                         "recommendationsEnabled": True, "recurrence": recurrence,
                         "applyActions": [{"@odata.type": "#microsoft.graph.removeAccessApplyAction"}]},
        })

    # ---- output -----------------------------------------------------------------------------

    def _role_definitions(self) -> list[Json]:
        out = []
        for name, (rid, priv, desc, actions) in ROLES.items():
            out.append({"id": rid, "templateId": rid, "displayName": name, "description": desc, "isBuiltIn": True,
                        "isEnabled": True, "isPrivileged": priv, "resourceScopes": ["/"], "version": "1",
                        "rolePermissions": [{"allowedResourceActions": list(actions), "condition": None}]})
        return out + self.custom_roles

    def _registration_details(self) -> list[Json]:
        active_ids = {a["principalId"] for a in self.role_assignments}
        out = []
        for pr in self.p.values():
            if pr.kind != "user":
                continue
            methods = list(pr.methods)
            strong = [m for m in methods if m not in WEAK_ONLY]
            push = "microsoftAuthenticatorPush" in methods
            phone = "mobilePhone" in methods
            out.append({
                "id": pr.id,
                "userPrincipalName": pr.upn,
                "userDisplayName": pr.name,
                "userType": pr.obj["userType"].lower(),
                "isAdmin": pr.id in active_ids,
                "isSsprRegistered": bool(push or phone or "email" in methods),
                "isSsprEnabled": pr.obj["userType"] == "Member",
                "isSsprCapable": bool(push or phone) and pr.obj["userType"] == "Member",
                "isMfaRegistered": bool(strong),
                "isMfaCapable": bool(strong),
                "isPasswordlessCapable": any(m in PASSWORDLESS for m in methods),
                "isSystemPreferredAuthenticationMethodEnabled": True,
                "lastUpdatedDateTime": ts(self.exported - timedelta(hours=3, minutes=47)),
                "methodsRegistered": methods,
                "systemPreferredAuthenticationMethods": ["push"] if push else (["sms"] if phone else []),
                "userPreferredMethodForSecondaryAuthentication": "push" if push else ("sms" if phone else "none"),
            })
        return out

    def _sync_sign_in_activity(self) -> None:
        """Move each user's signInActivity forward to the newest entry of signIns.json."""
        for pr in self.p.values():
            if pr.kind != "user":
                continue
            act = pr.obj["signInActivity"]
            mine = [s for s in self.signins if s["userId"] == pr.id and s["isInteractive"]]
            for field_, req_field, rows in (
                    ("lastSignInDateTime", "lastSignInRequestId", mine),
                    ("lastSuccessfulSignInDateTime", "lastSuccessfulSignInRequestId",
                     [s for s in mine if s["status"]["errorCode"] == 0])):
                if rows:
                    newest = max(rows, key=lambda s: s["createdDateTime"])
                    if act[field_] is None or newest["createdDateTime"] > act[field_]:
                        act[field_] = newest["createdDateTime"]
                        act[req_field] = newest["id"]

    def _ref(self, key: str) -> Json:
        pr = self.p[key]
        kind = {"user": "user", "group": "group", "sp": "servicePrincipal"}[pr.kind]
        return {"@odata.type": f"#microsoft.graph.{kind}", "id": pr.id}

    def organization(self, created: str, synced: bool) -> Json:
        """Build the organization object."""
        plans: list[Json] = []
        for sku in self.skus:
            for sp in sku["servicePlans"]:
                if all(p["servicePlanId"] != sp["servicePlanId"] for p in plans):
                    plans.append({"assignedDateTime": ts0(utc(created) + timedelta(days=3)),
                                  "capabilityStatus": "Enabled",
                                  "service": sp["servicePlanName"].split("_")[0], "servicePlanId": sp["servicePlanId"]})
        return {
            "id": self.tid,
            "deletedDateTime": None,
            "businessPhones": [],
            "city": self.city,
            "country": None,
            "countryLetterCode": self.country,
            "createdDateTime": ts0(utc(created) + timedelta(hours=11, minutes=23, seconds=5)),
            "defaultUsageLocation": self.country,
            "displayName": self.display,
            "marketingNotificationEmails": [],
            "onPremisesLastSyncDateTime": ts0(self.exported - timedelta(minutes=21)) if synced else None,
            "onPremisesSyncEnabled": True if synced else None,
            "preferredLanguage": "en",
            "securityComplianceNotificationMails": [],
            "securityComplianceNotificationPhones": [],
            "technicalNotificationMails": [f"it@{self.domain}"],
            "tenantType": "AAD",
            "directorySizeQuota": {"used": 400 + 7 * len(self.p), "total": 300000},
            "assignedPlans": plans,
            "verifiedDomains": [
                {"capabilities": "Email, OfficeCommunicationsOnline", "isDefault": True, "isInitial": False,
                 "name": self.domain, "type": "Managed"},
                {"capabilities": "Email, OfficeCommunicationsOnline", "isDefault": False, "isInitial": True,
                 "name": self.initial, "type": "Managed"}],
            **self.org_extra,
        }

    def write(self, created: str, synced: bool) -> Path:
        """Write the bundle directory and return its path."""
        out = HERE / self.key
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        write_json(out / "manifest.json", {
            "schemaVersion": 1, "tenantId": self.tid, "tenantDomain": self.initial, "displayName": self.display,
            "exportedAt": ts0(self.exported), "collector": "pimlint sample_exports/build_samples.py (synthetic tenant)",
            "timezone": self.tz_name})
        (out / "pimlint.toml").write_text(self.toml, encoding="utf-8")
        self._sync_sign_in_activity()
        for sku in self.skus:
            sku["consumedUnits"] = sum(any(lic["skuId"] == sku["skuId"] for lic in p.obj.get("assignedLicenses", []))
                                       for p in self.p.values() if p.kind == "user")
        users = [p.obj for p in self.p.values() if p.kind == "user"]
        groups = []
        for p in self.p.values():
            if p.kind == "group":
                g = {k: v for k, v in p.obj.items() if k != "description"}
                g["members"] = [self._ref(m) for m in p.members]
                g["owners"] = [self._ref(o) for o in p.owners]
                groups.append(g)
        sps = []
        for p in self.p.values():
            if p.kind == "sp":
                sps.append({**p.obj, "owners": [self._ref(o) for o in p.owners]})
        apps = [{**a, "owners": [self._ref(o) for o in a["owners"]]} for a in self.apps]
        sections: dict[str, tuple[str, list[Json]]] = {
            "organization": ("organization", [self.organization(created, synced)]),
            "subscribedSkus": ("subscribedSkus", self.skus),
            "roleDefinitions": ("roleManagement/directory/roleDefinitions", self._role_definitions()),
            "roleAssignments": ("roleManagement/directory/roleAssignments", self.role_assignments),
            "roleAssignmentScheduleInstances": ("roleManagement/directory/roleAssignmentScheduleInstances",
                                                self.assignment_instances),
            "roleEligibilityScheduleInstances": ("roleManagement/directory/roleEligibilityScheduleInstances",
                                                 self.eligibility_instances),
            "roleManagementPolicies": ("policies/roleManagementPolicies(rules())", self.policies),
            "roleManagementPolicyAssignments": ("policies/roleManagementPolicyAssignments", self.policy_assignments),
            "privilegedAccessGroupEligibilityScheduleInstances": (
                "identityGovernance/privilegedAccess/group/eligibilityScheduleInstances", self.pag_eligible),
            "privilegedAccessGroupAssignmentScheduleInstances": (
                "identityGovernance/privilegedAccess/group/assignmentScheduleInstances", self.pag_active),
            "users": ("users(id,userPrincipalName,displayName,accountEnabled,userType,mail,onPremisesSyncEnabled,"
                      "onPremisesImmutableId,assignedLicenses,createdDateTime,signInActivity)", users),
            "groups": ("groups(id,displayName,isAssignableToRole,securityEnabled,mailEnabled,groupTypes)", groups),
            "servicePrincipals": ("servicePrincipals", sps),
            "applications": ("applications", apps),
            "conditionalAccessPolicies": ("identity/conditionalAccess/policies", self.ca),
            "authenticationStrengthPolicies": ("policies/authenticationStrengthPolicies", self.strengths),
            "userRegistrationDetails": ("reports/authenticationMethods/userRegistrationDetails",
                                        self._registration_details()),
            "directoryAudits": ("auditLogs/directoryAudits",
                                sorted(self.audits, key=lambda a: a["activityDateTime"], reverse=True)),
            "signIns": ("auditLogs/signIns", sorted(self.signins, key=lambda s: s["createdDateTime"], reverse=True)),
            "accessReviewDefinitions": ("identityGovernance/accessReviews/definitions", self.reviews),
        }
        for name, (ctx, value) in sections.items():
            write_json(out / f"{name}.json", envelope(ctx, value))
        for sub in self.azure.values():
            sub.write(out / "azure" / sub.sub_id)
        return out


# --------------------------------------------------------------------------------------------
# Azure resource PIM (ARM)
# --------------------------------------------------------------------------------------------


class AzureSub:
    """ARM role data of one subscription (as listed at subscription scope, inherited entries included)."""

    def __init__(self, bundle: Bundle, key: str, name: str) -> None:
        self.b = bundle
        self.sub_id = guid(bundle.key, "subscription", key)
        self.name = name
        self.scope = f"/subscriptions/{self.sub_id}"
        self.assignments: list[Json] = []
        self.asi: list[Json] = []
        self.esi: list[Json] = []
        self.policies: list[Json] = []
        self.policy_assignments: list[Json] = []
        bundle.azure[key] = self

    def _rdid(self, role: str, scope: str) -> str:
        prefix = "" if scope == "/" else scope
        return f"{prefix}/providers/Microsoft.Authorization/roleDefinitions/{AZ_ROLES[role][0]}"

    def _expanded(self, who: str, role: str, scope: str) -> Json:
        pr = self.b.p[who]
        kind = {"user": "User", "group": "Group", "sp": "ServicePrincipal"}[pr.kind]
        scope_info = ({"id": "/", "displayName": "Root", "type": "root"} if scope == "/" else
                      {"id": self.scope, "displayName": self.name, "type": "subscription"})
        return {"scope": scope_info,
                "roleDefinition": {"id": self._rdid(role, scope), "displayName": role, "type": "BuiltInRole"},
                "principal": {"id": pr.id, "displayName": pr.name, "email": pr.upn if pr.kind == "user" else None,
                              "type": kind}}

    def active(self, who: str, role: str, *, start: str, end: str | None = None, root: bool = False) -> None:
        """Active (Assigned) ARM role assignment at subscription or root scope."""
        pr = self.b.p[who]
        scope = "/" if root else self.scope
        base = "" if root else self.scope
        kind = {"user": "User", "group": "Group", "sp": "ServicePrincipal"}[pr.kind]
        ra = guid(self.b.key, "arm-ra", self.sub_id, who, role, scope)
        created = ts(utc(start) + timedelta(seconds=_digits(ra, 2) % 59))
        self.assignments.append({
            "properties": {"roleDefinitionId": self._rdid(role, scope), "principalId": pr.id, "principalType": kind,
                           "scope": scope, "condition": None, "conditionVersion": None, "createdOn": created,
                           "updatedOn": created, "createdBy": None, "updatedBy": None,
                           "delegatedManagedIdentityResourceId": None, "description": None},
            "id": f"{base}/providers/Microsoft.Authorization/roleAssignments/{ra}",
            "type": "Microsoft.Authorization/roleAssignments",
            "name": ra,
        })
        inst = guid(self.b.key, "arm-asi", self.sub_id, who, role, scope)
        self.asi.append({
            "properties": {
                "scope": scope, "roleDefinitionId": self._rdid(role, scope), "principalId": pr.id,
                "principalType": kind,
                "roleAssignmentScheduleId": f"{base}/providers/Microsoft.Authorization/roleAssignmentSchedules/{inst}",
                "originRoleAssignmentId": f"{base}/providers/Microsoft.Authorization/roleAssignments/{ra}",
                "status": "Provisioned", "startDateTime": created, "endDateTime": ts0(utc(end)) if end else None,
                "linkedRoleEligibilityScheduleId": None, "linkedRoleEligibilityScheduleInstanceId": None,
                "assignmentType": "Assigned", "memberType": "Inherited" if root else "Direct",
                "createdOn": created, "condition": None, "conditionVersion": None,
                "expandedProperties": self._expanded(who, role, scope)},
            "name": inst,
            "id": f"{base}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances/{inst}",
            "type": "Microsoft.Authorization/RoleAssignmentScheduleInstances",
        })

    def eligible(self, who: str, role: str, *, start: str, end: str | None = None) -> None:
        """Eligible ARM role assignment at subscription scope."""
        pr = self.b.p[who]
        kind = {"user": "User", "group": "Group", "sp": "ServicePrincipal"}[pr.kind]
        inst = guid(self.b.key, "arm-esi", self.sub_id, who, role)
        created = ts(utc(start) + timedelta(seconds=_digits(inst, 2) % 59))
        self.esi.append({
            "properties": {
                "scope": self.scope, "roleDefinitionId": self._rdid(role, self.scope), "principalId": pr.id,
                "principalType": kind,
                "status": "Provisioned",
                "roleEligibilityScheduleId": f"{self.scope}/providers/Microsoft.Authorization/roleEligibilitySchedules/"
                                             f"{guid(self.b.key, 'arm-es', self.sub_id, who, role)}",
                "startDateTime": created, "endDateTime": ts0(utc(end)) if end else None, "memberType": "Direct",
                "createdOn": created, "condition": None, "conditionVersion": None,
                "expandedProperties": self._expanded(who, role, self.scope)},
            "name": inst,
            "id": f"{self.scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/{inst}",
            "type": "Microsoft.Authorization/RoleEligibilityScheduleInstances",
        })

    def policy(self, role: str, pol: Pol) -> None:
        """ARM role management policy (17 rules, ``ruleType`` discriminator) and its assignment."""

        def target(caller: str, level: str) -> Json:
            return {"caller": caller, "operations": ["All"], "level": level, "targetObjects": None,
                    "inheritableSettings": None, "enforcedSettings": None}

        def exp(rid: str, caller: str, level: str, required: bool, duration: str) -> Json:
            return {"isExpirationRequired": required, "maximumDuration": duration, "id": rid,
                    "ruleType": "RoleManagementPolicyExpirationRule", "target": target(caller, level)}

        def ena(rid: str, caller: str, level: str, rules: tuple[str, ...]) -> Json:
            return {"enabledRules": list(rules), "id": rid, "ruleType": "RoleManagementPolicyEnablementRule",
                    "target": target(caller, level)}

        def note(recipient: str, caller: str, level: str, default: bool = True, to: tuple[str, ...] = ()) -> Json:
            return {"notificationType": "Email", "recipientType": recipient, "notificationLevel": "All",
                    "notificationRecipients": list(to) or None, "isDefaultRecipientsEnabled": default,
                    "id": f"Notification_{recipient}_{caller}_{level}",
                    "ruleType": "RoleManagementPolicyNotificationRule", "target": target(caller, level)}

        def approver(ref: str) -> Json:
            pr = self.b.p[ref]
            return {"id": pr.id, "description": pr.name, "isBackup": False,
                    "userType": "Group" if pr.kind == "group" else "User"}

        rules = [
            exp("Expiration_Admin_Eligibility", "Admin", "Eligibility", pol.eligible_expiry, pol.eligible_max),
            ena("Enablement_Admin_Eligibility", "Admin", "Eligibility", ()),
            note("Admin", "Admin", "Eligibility", pol.assign_alerts, pol.alert_to),
            note("Requestor", "Admin", "Eligibility"),
            note("Approver", "Admin", "Eligibility"),
            exp("Expiration_Admin_Assignment", "Admin", "Assignment", pol.active_expiry, pol.active_max),
            ena("Enablement_Admin_Assignment", "Admin", "Assignment", pol.on_active_assignment),
            note("Admin", "Admin", "Assignment", pol.assign_alerts, pol.alert_to),
            note("Requestor", "Admin", "Assignment"),
            note("Approver", "Admin", "Assignment"),
            {"setting": {"isApprovalRequired": pol.approval, "isApprovalRequiredForExtension": False,
                         "isRequestorJustificationRequired": True, "approvalMode": "SingleStage",
                         "approvalStages": [{"approvalStageTimeOutInDays": 1, "isApproverJustificationRequired": True,
                                             "escalationTimeInMinutes": 0,
                                             "primaryApprovers": [approver(a) for a in pol.approvers],
                                             "isEscalationEnabled": False, "escalationApprovers": None}]},
             "id": "Approval_EndUser_Assignment", "ruleType": "RoleManagementPolicyApprovalRule",
             "target": target("EndUser", "Assignment")},
            {"isEnabled": pol.auth_context is not None, "claimValue": pol.auth_context or "",
             "id": "AuthenticationContext_EndUser_Assignment",
             "ruleType": "RoleManagementPolicyAuthenticationContextRule", "target": target("EndUser", "Assignment")},
            ena("Enablement_EndUser_Assignment", "EndUser", "Assignment", pol.on_activation),
            exp("Expiration_EndUser_Assignment", "EndUser", "Assignment", True, pol.max_activation),
            note("Admin", "EndUser", "Assignment", pol.activation_alerts, pol.alert_to),
            note("Requestor", "EndUser", "Assignment"),
            note("Approver", "EndUser", "Assignment"),
        ]
        pguid = guid(self.b.key, "arm-policy", self.sub_id, role)
        pid = f"{self.scope}/providers/Microsoft.Authorization/roleManagementPolicies/{pguid}"
        modified_by = ({"id": None, "displayName": pol.modified_by, "type": "User", "email": None}
                       if pol.modified_by else None)
        self.policies.append({
            "properties": {
                "scope": self.scope, "displayName": "Default", "description": "Default",
                "isOrganizationDefault": False, "lastModifiedBy": modified_by,
                "lastModifiedDateTime": ts(pol.modified), "rules": rules, "effectiveRules": rules,
                "policyProperties": {"scope": {"id": self.scope, "displayName": self.name, "type": "subscription"}}},
            "name": pguid, "id": pid, "type": "Microsoft.Authorization/RoleManagementPolicies",
        })
        rd = self._rdid(role, self.scope)
        name = f"{pguid}_{AZ_ROLES[role][0]}"
        self.policy_assignments.append({
            "properties": {
                "scope": self.scope, "roleDefinitionId": rd, "policyId": pid,
                "policyAssignmentProperties": {
                    "scope": {"id": self.scope, "displayName": self.name, "type": "subscription"},
                    "roleDefinition": {"id": rd, "displayName": role, "type": "BuiltInRole"},
                    "policy": {"id": pid, "lastModifiedBy": modified_by, "lastModifiedDateTime": ts(pol.modified)}}},
            "name": name,
            "id": f"{self.scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments/{name}",
            "type": "Microsoft.Authorization/RoleManagementPolicyAssignment",
        })

    def write(self, folder: Path) -> None:
        """Write the six ARM section files."""
        defs = []
        for role, (rid, desc) in AZ_ROLES.items():
            defs.append({
                "properties": {"roleName": role, "type": "BuiltInRole", "description": desc, "assignableScopes": ["/"],
                               "permissions": [{"actions": ["*"] if role in ("Owner", "Contributor") else
                                                ["*/read"] if role == "Reader" else
                                                ["*/read", "Microsoft.Authorization/*"],
                                                "notActions": ["Microsoft.Authorization/*/Delete",
                                                               "Microsoft.Authorization/*/Write"]
                                                if role == "Contributor" else [],
                                                "dataActions": [], "notDataActions": []}],
                               "createdOn": "2015-02-02T21:55:09.8806423Z", "updatedOn": "2024-04-16T18:12:42.1638316Z",
                               "createdBy": None, "updatedBy": None},
                "id": f"{self.scope}/providers/Microsoft.Authorization/roleDefinitions/{rid}",
                "type": "Microsoft.Authorization/roleDefinitions",
                "name": rid,
            })
        for name, value in (("roleDefinitions", defs), ("roleAssignments", self.assignments),
                            ("roleAssignmentScheduleInstances", self.asi),
                            ("roleEligibilityScheduleInstances", self.esi),
                            ("roleManagementPolicies", self.policies),
                            ("roleManagementPolicyAssignments", self.policy_assignments)):
            write_json(folder / f"{name}.json", {"value": value})


# --------------------------------------------------------------------------------------------
# Tenant 1: contoso-hardened
# --------------------------------------------------------------------------------------------

BUSINESS_HOURS = 'business-hours = { days = "Mon-Fri", start = "07:00", end = "19:00" }\n'


def contoso() -> Bundle:
    """Build a well-run tenant: JIT everywhere, two tested break-glass accounts, strict policies and CA."""
    b = Bundle("contoso-hardened", "Contoso Ltd", "contoso.com", "contoso.onmicrosoft.com",
               "2026-11-20 06:38:52", "Europe/Berlin", "Munich", "DE", "203.0.113")
    b.business_hours_only = True
    b.graph_sp()
    b.sku("SPE_E5", 25, 0)
    b.sku("AAD_PREMIUM_P2", 15, 0)
    b.strength_policies(Bundle._strength(guid(b.key, "strength", "fido2"), "Contoso - FIDO2 security key only",
                                         "Hardware FIDO2 keys for PIM activation of Tier 0 roles", "custom",
                                         ["fido2"], utc("2025-10-06 09:12:40")))
    fido_strength = guid(b.key, "strength", "fido2")
    daily_methods = ("microsoftAuthenticatorPush", "windowsHelloForBusiness", "mobilePhone")
    admin_methods = ("fido2SecurityKey", "microsoftAuthenticatorPush")

    staff = [  # key, name, created
        ("elena", "Elena Fischer", "2019-04-01"), ("laura", "Laura Hoffmann", "2020-09-14"),
        ("marco", "Marco Rossi", "2018-02-05"), ("priya", "Priya Nair", "2021-06-07"),
        ("jonas", "Jonas Weber", "2019-11-18"), ("aisha", "Aisha Khan", "2022-03-01"),
        ("lukas", "Lukas Schmidt", "2017-08-21"), ("hannah", "Hannah Becker", "2023-01-09"),
        ("tobias", "Tobias Wagner", "2020-05-04"), ("david", "David Chen", "2021-10-11"),
        ("sofia", "Sofia Martinez", "2022-07-18"), ("felix", "Felix Braun", "2016-03-14"),
        ("mia", "Mia Schulz", "2024-02-01"), ("noah", "Noah Keller", "2023-09-04"),
        ("emma", "Emma Richter", "2025-04-22"),
    ]
    for i, (key, name, created) in enumerate(staff):
        first, last = name.lower().split()
        b.user(key, name, f"{first}.{last}@contoso.com", created=created, synced=True, licenses=("SPE_E5",),
               last_ok=b.days_ago(0.4 + i * 0.37), methods=daily_methods)
    admins = [("adm-mrossi", "marco", "2023-02-06"), ("adm-pnair", "priya", "2023-02-06"),
              ("adm-jweber", "jonas", "2023-02-07"), ("adm-akhan", "aisha", "2023-05-15"),
              ("adm-lschmidt", "lukas", "2023-02-07"), ("adm-hbecker", "hannah", "2023-03-20"),
              ("adm-twagner", "tobias", "2023-02-08"), ("adm-dchen", "david", "2023-02-08"),
              ("adm-smartinez", "sofia", "2024-01-15")]
    for key, daily, created in admins:
        b.user(key, b.p[daily].name + " (Admin)", f"{key}@contoso.onmicrosoft.com", created=created,
               licenses=("AAD_PREMIUM_P2",), last_ok=b.days_ago(2.6), methods=admin_methods, mail=False,
               non_interactive=False)
    bg_test = b.local("2026-10-28 10:02")
    for n in ("01", "02"):
        b.user(f"bg{n}", f"Emergency Access {n}", f"bg-emergency-{n}@contoso.onmicrosoft.com",
               created="2024-02-12 09:2" + n[1] + ":14", last_ok=bg_test, methods=("fido2SecurityKey",),
               mail=False, non_interactive=False)
    b.user("kim", "Kim Lee (Fabrikam Audit)", "kim.lee_fabrikamaudit.com#EXT#@contoso.onmicrosoft.com",
           created="2026-06-02", guest_mail="kim.lee@fabrikamaudit.com", last_ok=b.days_ago(11.3),
           methods=("microsoftAuthenticatorPush",))

    b.group("bg-exclude", "CA-Exclude-BreakGlass", rag=True, members=("bg01", "bg02"),
            description="Break-glass accounts excluded from every Conditional Access policy")
    b.group("approvers", "PIM-Approvers-Tier0", rag=True, members=("laura", "elena"),
            description="Approve activation of Tier 0 roles")
    b.group("secops", "PIM-SecOps", rag=True, owners=("adm-mrossi",),
            description="PIM for Groups: Security Administrator for the SOC")
    b.group("servicedesk", "RA-ServiceDesk", rag=True, members=("adm-lschmidt", "adm-hbecker"),
            owners=("adm-mrossi",), description="Service desk admin accounts (eligible Helpdesk Administrator)")
    b.group("all", "All Employees", unified=True, members=tuple(k for k, _, _ in staff), owners=("elena",))

    b.app("hr-connector", "Contoso HR Connector", created="2024-05-13", owners=("sofia",),
          perms=("User.Read.All", "Group.Read.All"), secret_until="2027-05-13")
    b.app("sec-reporting", "Contoso Security Reporting", created="2025-02-03", owners=("adm-jweber",),
          perms=("AuditLog.Read.All", "Policy.Read.All", "RoleManagement.Read.Directory", "Directory.Read.All"),
          cert=True)
    b.app("gh-deploy", "contoso-github-deploy", created="2025-09-15", owners=("adm-smartinez",), cert=True)
    b.app("intranet", "Contoso Intranet", created="2023-11-06", owners=("sofia",), perms=("Sites.Read.All",),
          secret_until="2027-01-31")
    b.custom_role("device-reader", "Contoso Device Inventory Reader",
                  "Reads device objects for the asset inventory.", ("microsoft.directory/devices/standard/read",),
                  privileged=False)

    # Role assignments: two permanent break-glass GAs, everything else eligible or time-bound.
    b.active("bg01", "Global Administrator", start="2024-02-12 09:31:07")
    b.active("bg02", "Global Administrator", start="2024-02-12 09:34:52")
    b.eligible("adm-mrossi", "Privileged Role Administrator", start="2026-02-02 08:00:00", end="2027-02-02 08:00:00")
    b.eligible("adm-pnair", "Privileged Authentication Administrator", start="2026-03-16 08:00:00",
               end="2027-03-16 08:00:00")
    b.active("secops", "Security Administrator", start="2026-07-01 08:00:00", end="2026-12-28 08:00:00")
    b.eligible("servicedesk", "Helpdesk Administrator", start="2026-01-12 08:00:00", end="2027-01-12 08:00:00")
    b.eligible("adm-twagner", "Intune Administrator", start="2026-04-07 08:00:00", end="2027-04-07 08:00:00")
    b.eligible("adm-dchen", "Exchange Administrator", start="2026-05-04 08:00:00", end="2027-05-04 08:00:00")
    b.active("sec-reporting", "Directory Readers", start="2025-02-03 10:40:12")
    b.group_eligible("secops", "adm-jweber", start="2026-03-02 08:00:00", end="2027-03-02 08:00:00")
    b.group_eligible("secops", "adm-akhan", start="2026-06-15 08:00:00", end="2027-06-15 08:00:00")

    # Policies: auth context + approval + ticket for Tier 0, MFA + justification for everything else.
    alert = ("secops@contoso.com",)
    changed, by = utc("2026-03-02 10:14:22"), "Marco Rossi (Admin)"
    mfa = ("MultiFactorAuthentication", "Justification")
    strict = Pol(max_activation="PT4H", on_activation=mfa, eligible_expiry=True, eligible_max="P365D",
                 active_expiry=True, active_max="P180D",
                 on_active_assignment=("Justification", "MultiFactorAuthentication"), alert_to=alert,
                 modified=changed, modified_by=by)
    tier0 = replace(strict, on_activation=("Justification", "Ticketing"), auth_context="c1", approval=True)
    b.role_policy("Global Administrator", replace(tier0, max_activation="PT1H", approvers=("approvers",)))
    b.role_policy("Privileged Role Administrator", replace(tier0, max_activation="PT2H", approvers=("laura", "elena")))
    b.role_policy("Privileged Authentication Administrator",
                  replace(tier0, max_activation="PT2H", approvers=("approvers",)))
    b.role_policy("Partner Tier2 Support", replace(strict, max_activation="PT1H", approval=True,
                                                   approvers=("laura", "elena"), on_activation=mfa + ("Ticketing",)))
    for role, limit in (("Security Administrator", "PT4H"), ("Helpdesk Administrator", "PT4H"),
                        ("Intune Administrator", "PT4H"), ("Exchange Administrator", "PT4H"),
                        ("SharePoint Administrator", "PT4H"), ("User Administrator", "PT2H"),
                        ("Application Administrator", "PT2H"), ("Cloud Application Administrator", "PT2H"),
                        ("Authentication Administrator", "PT2H"), ("Hybrid Identity Administrator", "PT2H"),
                        ("Global Reader", "PT4H")):
        b.role_policy(role, replace(strict, max_activation=limit))
    b.role_policy("Conditional Access Administrator",
                  replace(strict, max_activation="PT2H", on_activation=mfa + ("Ticketing",)))
    b.group_policies("secops", strict,
                     replace(strict, max_activation="PT2H", approval=True, approvers=("approvers",)))

    # Conditional Access: break-glass excluded through one role-assignable group everywhere.
    ex = ("bg-exclude",)
    tier0_roles = CRITICAL + ("Security Administrator", "Conditional Access Administrator",
                              "Hybrid Identity Administrator", "Application Administrator",
                              "Cloud Application Administrator", "Authentication Administrator", "User Administrator",
                              "Intune Administrator")
    b.ca_policy("ca001", "CA001 - All users - Require MFA", created="2024-02-12", modified="2025-10-06",
                include_users=("All",), exclude_groups=ex, controls=("mfa",))
    b.ca_policy("ca002", "CA002 - Admins - Require MFA", created="2024-02-12", modified="2026-01-19",
                include_roles=PRIVILEGED_NAMES, exclude_groups=ex, controls=("mfa",))
    b.ca_policy("ca003", "CA003 - Tier 0 admins - Phishing-resistant MFA", created="2024-06-03",
                modified="2026-01-19", include_roles=tier0_roles, exclude_groups=ex,
                strength="00000000-0000-0000-0000-000000000004")
    b.ca_policy("ca004", "CA004 - All users - Block legacy authentication", created="2024-02-12",
                include_users=("All",), exclude_groups=ex, client_apps=("exchangeActiveSync", "other"),
                controls=("block",))
    b.ca_policy("ca005", "CA005 - Admins - Sign-in frequency 4 hours", created="2024-06-03", modified="2026-01-19",
                include_roles=PRIVILEGED_NAMES, exclude_groups=ex, frequency=(4, "hours"))
    b.ca_policy("ca010", "CA010 - PIM activation (auth context c1) - FIDO2", created="2025-10-06",
                include_users=("All",), exclude_groups=ex, apps=(), auth_contexts=("c1",), strength=fido_strength)
    b.ca_policy("ca020", "CA020 - Guests - Require MFA", created="2024-09-09", include_users=("GuestsOrExternalUsers",),
                exclude_groups=ex, controls=("mfa",))
    b.ca_policy("ca090", "CA090 - Pilot - Require compliant device", state="enabledForReportingButNotEnforced",
                created="2026-10-12", include_users=("All",), exclude_groups=ex,
                controls=("compliantDevice", "domainJoinedDevice"))

    # Quarterly reviews of every privileged role in use and of the PIM group.
    for role in ("Global Administrator", "Privileged Role Administrator", "Privileged Authentication Administrator",
                 "Security Administrator", "Helpdesk Administrator", "Intune Administrator", "Exchange Administrator"):
        b.review(role, f"Quarterly review - {role}", role=role, created="2026-01-05", status="InProgress",
                 interval_months=3, reviewer="laura", start="2026-01-05")
    b.review("secops", "Quarterly review - PIM-SecOps members", group="secops", created="2026-01-05",
             status="InProgress", interval_months=3, reviewer="laura", start="2026-01-05")

    # Activations over ~95 days, all in business hours, well under the maximum duration.
    act = b.activate
    for when, hours, appr, text in (
            ("2026-08-25 10:05", 1, "laura", "CHG0041872 delegate Teams Administrator to the new comms team"),
            ("2026-09-15 14:20", 1, "elena", "CHG0042310 follow-up of the quarterly role assignment review"),
            ("2026-10-06 09:40", 1.5, "laura", "CHG0042795 configure PIM settings for the Fabric role"),
            ("2026-10-27 11:10", 1, "elena", "CHG0043301 remove stale eligibilities after access review"),
            ("2026-11-17 15:30", 1, "laura", "CHG0043788 assign Intune role to endpoint contractor")):
        act("adm-mrossi", "Privileged Role Administrator", when, hours, text, ticket=text.split()[0], approver=appr)
    act("adm-pnair", "Privileged Authentication Administrator", "2026-09-02 09:15", 1,
        "INC0188231 reset FIDO2 key for executive after loss", ticket="INC0188231", approver="elena")
    act("adm-pnair", "Privileged Authentication Administrator", "2026-09-29 13:45", 1,
        "INC0190114 issue temporary access pass for admin account", ticket="INC0190114", approver="laura",
        outcome="denied", reason="Use the TAP request workflow in ServiceNow instead")
    act("adm-pnair", "Privileged Authentication Administrator", "2026-10-13 10:20", 1,
        "INC0191520 re-register passkey for the finance director", ticket="INC0191520", approver="laura", wait_min=14)
    act("adm-pnair", "Privileged Authentication Administrator", "2026-11-10 08:50", 1,
        "INC0194002 remove compromised authenticator registration", ticket="INC0194002", approver="elena", wait_min=5)
    for who, when, hours, text in (
            ("adm-lschmidt", "2026-08-19 08:10", 2, "INC0186120 password resets for new starters"),
            ("adm-hbecker", "2026-09-08 12:30", 2, "INC0189007 unlock accounts after phishing drill"),
            ("adm-lschmidt", "2026-10-01 07:45", 3, "INC0190533 MFA re-registration for the sales team"),
            ("adm-hbecker", "2026-10-20 09:05", 2, "INC0192210 reset password for returning employee"),
            ("adm-lschmidt", "2026-11-12 13:15", 1.5, "INC0194330 service desk shift cover"),
            ("adm-hbecker", "2026-11-18 10:00", 2, "INC0194871 account recovery for a field technician")):
        act(who, "Helpdesk Administrator", when, hours, text)
    for when, hours, text in (("2026-08-27 09:30", 2, "CHG0041990 deploy new Windows 11 compliance baseline"),
                              ("2026-09-24 14:00", 2, "CHG0042560 renew Apple MDM push certificate"),
                              ("2026-10-22 10:15", 3, "CHG0043150 pilot Windows Autopatch rings"),
                              ("2026-11-20 07:05", 2, "CHG0043912 update BitLocker key escrow policy")):
        act("adm-twagner", "Intune Administrator", when, hours, text)
    act("adm-dchen", "Exchange Administrator", "2026-09-10 08:30", 2,
        "CHG0042402 mail flow rule for the new subsidiary", outcome="failed",
        reason="Activation requires multifactor authentication; the sign-in session did not satisfy it")
    act("adm-dchen", "Exchange Administrator", "2026-09-10 08:34", 2,
        "CHG0042402 mail flow rule for the new subsidiary")
    act("adm-dchen", "Exchange Administrator", "2026-10-14 15:00", 2,
        "CHG0042990 move shared mailboxes to the new retention policy", deactivate_after=1.2)
    act("adm-dchen", "Exchange Administrator", "2026-11-04 11:20", 2, "INC0193520 trace quarantined partner mail")
    for who, when, hours, text, stop in (
            ("adm-jweber", "2026-08-31 09:00", 3, "SEC-2026-118 investigate impossible-travel alert", None),
            ("adm-akhan", "2026-09-21 13:00", 2, "SEC-2026-131 tune Defender for Identity sensors", None),
            ("adm-jweber", "2026-10-19 10:30", 2, "SEC-2026-147 review risky sign-in detections", 0.8),
            ("adm-jweber", "2026-11-09 08:20", 2, "SEC-2026-159 update attack simulation allow list", None),
            ("adm-akhan", "2026-11-20 07:09", 2, "SEC-2026-163 triage the overnight incident queue", None)):
        act(who, None, when, hours, text, group="secops", deactivate_after=stop)
    b.admin_event("adm-mrossi", "2026-09-15 14:41", "Update role setting in PIM", "Exchange Administrator",
                  "adm-mrossi", [("RequestId", guid(b.key, "setting-change"))],
                  reason="CHG0042310 shorten Exchange Administrator activation to 4 hours")

    # Sign-ins (last 30 days): admin accounts only use admin portals; break-glass tested on 28 Oct.
    b.signin("bg01", "2026-10-28 10:02", "Azure Portal")
    b.signin("bg02", "2026-10-28 10:11", "Azure Portal")
    portal_days = {"adm-mrossi": ("2026-10-27 11:09", "2026-11-17 15:29", "2026-11-05 09:12"),
                   "adm-pnair": ("2026-11-10 08:49", "2026-10-29 13:30"),
                   "adm-jweber": ("2026-11-09 08:19", "2026-10-23 10:02"),
                   "adm-akhan": ("2026-11-20 07:08", "2026-11-03 13:45"),
                   "adm-lschmidt": ("2026-11-12 13:14", "2026-10-26 09:30"),
                   "adm-hbecker": ("2026-11-18 09:59", "2026-10-30 14:10"),
                   "adm-twagner": ("2026-10-22 10:14", "2026-11-20 07:04"),
                   "adm-dchen": ("2026-11-04 11:19", "2026-10-21 16:20"),
                   "adm-smartinez": ("2026-11-02 10:00", "2026-11-16 15:45")}
    for who, days in portal_days.items():
        for when in days:
            b.signin(who, when, "Azure Portal")
    b.signin("adm-mrossi", "2026-11-05 09:31", "Microsoft Graph Command Line Tools")
    b.signin("adm-smartinez", "2026-11-16 16:02", "Microsoft Azure PowerShell")
    for i, (key, _, _) in enumerate(staff):
        day = 21 + (i * 3) % 28
        month, dom = (10, day) if day <= 31 else (11, day - 31)
        b.signin(key, f"2026-{month:02d}-{dom:02d} 08:{10 + i:02d}", "Microsoft Teams",
                 client="Mobile Apps and Desktop clients")
        b.signin(key, f"2026-11-{5 + i % 14:02d} 09:{20 + i:02d}", "Outlook Mobile",
                 client="Mobile Apps and Desktop clients")

    # Azure: one production subscription, owners eligible only, strict resource policies.
    sub = AzureSub(b, "prod", "Contoso Production")
    sub.eligible("adm-smartinez", "Owner", start="2026-03-09 08:00:00", end="2027-03-09 08:00:00")
    sub.eligible("adm-mrossi", "Owner", start="2026-03-09 08:00:00", end="2027-03-09 08:00:00")
    sub.active("gh-deploy", "Contributor", start="2025-09-15 13:02:00")
    for role in ("Owner", "User Access Administrator", "Role Based Access Control Administrator"):
        sub.policy(role, replace(strict, approval=True, approvers=("laura", "elena")))

    bg2 = b.p["bg02"].id
    b.toml = (
        "# Tenant configuration for pimlint (sample: contoso-hardened)\n"
        "# the second break-glass entry is bg-emergency-02, given by object id\n"
        f'break-glass = ["bg-emergency-01@contoso.onmicrosoft.com", "{bg2}"]\n'
        'timezone = "Europe/Berlin"\n' + BUSINESS_HOURS +
        'approval-required-roles = ["Global Administrator", "Privileged Role Administrator", '
        '"Privileged Authentication Administrator", "Partner Tier2 Support"]\n')
    return b


# --------------------------------------------------------------------------------------------
# Tenant 2: fabrikam-smb
# --------------------------------------------------------------------------------------------


def fabrikam() -> Bundle:
    """Build a typical small business: mostly sound, with six realistic findings (see README.md)."""
    b = Bundle("fabrikam-smb", "Fabrikam Design GmbH", "fabrikam.com", "fabrikam.onmicrosoft.com",
               "2026-11-20 06:12:37", "Europe/Vienna", "Vienna", "AT", "198.51.100")
    b.business_hours_only = True
    b.ticket_system = "Freshdesk"
    b.graph_sp()
    b.sku("SPB", 35, 0)
    b.sku("AAD_PREMIUM_P2", 10, 0)
    b.strength_policies()
    daily = ("microsoftAuthenticatorPush", "windowsHelloForBusiness", "mobilePhone")
    admin_methods = ("windowsHelloForBusiness", "fido2SecurityKey", "microsoftAuthenticatorPush")
    staff = [("thomas", "Thomas Berger", "2019-03-04"), ("eva", "Eva Steiner", "2019-03-04"),
             ("sabine", "Sabine Koch", "2019-05-13"), ("lukas", "Lukas Wagner", "2020-02-03"),
             ("mia", "Mia Huber", "2021-09-01"), ("ben", "Ben Gruber", "2022-01-10"),
             ("nina", "Nina Koller", "2022-04-19"), ("paul", "Paul Pichler", "2023-08-01"),
             ("sarah", "Sarah Aigner", "2024-03-04")]
    others = ["Anna Mayer", "Florian Bauer", "Julia Wimmer", "Stefan Hofer", "Katharina Leitner", "Michael Moser",
              "Lisa Fuchs", "Andreas Brunner", "Sophie Eder", "Markus Lang", "Teresa Haas", "Daniel Schwarz",
              "Laura Zach", "Christoph Winkler", "Hannah Reiter", "Matthias Schuster", "Elisabeth Auer",
              "David Wolf", "Clara Egger", "Jakob Binder", "Magdalena Lehner"]
    staff += [(n.split()[0].lower() + n.split()[1][0].lower(), n, f"20{19 + i % 7}-{1 + i % 12:02d}-1{i % 9}")
              for i, n in enumerate(others)]
    for i, (key, name, created) in enumerate(staff):
        first, last = name.lower().split()
        b.user(key, name, f"{first}.{last}@fabrikam.com", created=created, licenses=("SPB",),
               last_ok=b.days_ago(0.3 + (i % 9) * 0.61), methods=daily)
    for key, daily_key in (("adm-tberger", "thomas"), ("adm-lwagner", "lukas"), ("adm-mhuber", "mia"),
                           ("adm-bgruber", "ben"), ("adm-nkoller", "nina"), ("adm-ppichler", "paul"),
                           ("adm-saigner", "sarah")):
        b.user(key, b.p[daily_key].name + " (Admin)", f"{key}@fabrikam.com", created="2023-06-12",
               licenses=("AAD_PREMIUM_P2",), last_ok=b.days_ago(3.2), methods=admin_methods, mail=False,
               non_interactive=False)
    b.user("bg", "Break Glass", "breakglass@fabrikam.onmicrosoft.com", created="2023-06-12 09:11:40",
           last_ok=b.local("2026-11-05 10:30"), methods=("fido2SecurityKey",), mail=False, non_interactive=False)
    b.user("gerhard", "Gerhard Klein (Steuerberatung Klein)", "g.klein_stb-klein.at#EXT#@fabrikam.onmicrosoft.com",
           created="2024-01-22", guest_mail="g.klein@stb-klein.at", last_ok=b.days_ago(17.5),
           methods=("microsoftAuthenticatorPush",))
    b.user("ines", "Ines Novak (Novak Statik)", "ines_novak-statik.at#EXT#@fabrikam.onmicrosoft.com",
           created="2025-09-08", guest_mail="ines@novak-statik.at", last_ok=b.days_ago(6.1), methods=("mobilePhone",))

    b.group("helpdesk", "Helpdesk-Admins", rag=True, owners=("adm-tberger",),
            description="PIM for Groups: Helpdesk Administrator for the support team")
    b.group("all", "Fabrikam Alle", unified=True, members=tuple(k for k, _, _ in staff), owners=("thomas",))
    b.group("projects", "Projekte-Wien", unified=True, members=tuple(k for k, _, _ in staff[9:20]), owners=("eva",))

    b.app("scan", "Fabrikam Scan to Mail", created="2024-02-19", owners=("lukas",), perms=("Mail.Send",),
          secret_until="2026-12-31")
    b.app("plotter", "Fabrikam Plotter Portal", created="2025-03-10", owners=("ben",), perms=("User.Read.All",),
          secret_until="2027-03-10")
    b.custom_role("license-helper", "Fabrikam License Helper", "Reads licence assignments for the office team.",
                  ("microsoft.directory/users/licenseDetails/read",), privileged=False)

    b.active("bg", "Global Administrator", start="2023-06-12 09:14:03")
    b.active("adm-tberger", "Global Administrator", start="2023-06-12 09:20:44")            # PIM101
    b.eligible("adm-lwagner", "Privileged Role Administrator", start="2026-02-02 08:00:00", end="2027-02-02 08:00:00")
    b.eligible("adm-mhuber", "Security Administrator", start="2026-04-13 08:00:00", end="2027-04-13 08:00:00")
    b.eligible("adm-bgruber", "SharePoint Administrator", start="2026-05-18 08:00:00", end="2027-05-18 08:00:00")
    b.eligible("sabine", "User Administrator", start="2026-03-02 08:00:00", end="2027-03-02 08:00:00")
    b.eligible("sabine", "Exchange Administrator", start="2026-03-02 08:00:00", end="2027-03-02 08:00:00")
    b.active("helpdesk", "Helpdesk Administrator", start="2026-09-01 08:00:00", end="2027-02-28 08:00:00")
    for who in ("adm-nkoller", "adm-ppichler", "adm-saigner"):
        b.group_eligible("helpdesk", who, start="2026-06-01 08:00:00", end="2027-06-01 08:00:00")

    alert = ("it-alerts@fabrikam.com",)
    base = Pol(max_activation="PT4H", on_activation=("MultiFactorAuthentication", "Justification"),
               eligible_expiry=True, eligible_max="P365D", active_expiry=True, active_max="P180D",
               on_active_assignment=("Justification", "MultiFactorAuthentication"), alert_to=alert,
               modified=utc("2025-11-18 15:02:47"), modified_by="Thomas Berger (Admin)")
    ticketed = replace(base, max_activation="PT2H",
                       on_activation=("MultiFactorAuthentication", "Justification", "Ticketing"))
    b.role_policy("Global Administrator", replace(ticketed, approval=True, approvers=("thomas", "eva")))
    b.role_policy("Privileged Role Administrator", ticketed)                                      # PIM204
    b.role_policy("Privileged Authentication Administrator", replace(ticketed, approval=True,
                                                                     approvers=("thomas", "eva")))
    b.role_policy("Partner Tier2 Support", replace(ticketed, max_activation="PT1H", approval=True,
                                                   approvers=("thomas", "eva")))
    b.role_policy("Security Administrator", replace(base, approval=True, approvers=("thomas", "eva")))
    b.role_policy("Exchange Administrator", replace(base, max_activation="PT8H"))                # PIM206
    for role in ("User Administrator", "SharePoint Administrator", "Helpdesk Administrator", "Intune Administrator",
                 "Application Administrator", "Authentication Administrator", "Conditional Access Administrator"):
        b.role_policy(role, base)
    b.group_policies("helpdesk", base, replace(base, max_activation="PT2H"))

    ex = ("bg",)
    b.ca_policy("mfa-all", "Require multifactor authentication for all users", created="2023-06-12",
                modified="2025-02-03", include_users=("All",), exclude_users=ex, controls=("mfa",))
    b.ca_policy("pr-admins", "Require phishing-resistant multifactor authentication for administrators",
                created="2024-04-15", modified="2025-11-18", include_roles=PRIVILEGED_NAMES, exclude_users=ex,
                strength="00000000-0000-0000-0000-000000000004")
    b.ca_policy("legacy", "Block legacy authentication", created="2023-06-12", include_users=("All",),
                exclude_users=ex, client_apps=("exchangeActiveSync", "other"), controls=("block",))
    b.ca_policy("sif-admins", "Sign-in frequency for administrators (4 hours)", created="2024-04-15",
                include_roles=PRIVILEGED_NAMES, exclude_users=ex, frequency=(4, "hours"))
    b.ca_policy("guests", "Require multifactor authentication for guest access", created="2024-01-22",
                include_users=("GuestsOrExternalUsers",), exclude_users=ex, controls=("mfa",))

    act = b.activate
    for when, hours, text in (("2026-09-23 09:10", 3, "Shared mailbox for the Linz project team"),
                              ("2026-10-07 13:30", 4, "Migrate distribution lists to Microsoft 365 groups"),
                              ("2026-10-28 08:45", 2, "Mailbox permissions for new assistant"),
                              ("2026-11-20 07:03", 4, "Set up room mailboxes for the new meeting rooms")):
        act("sabine", "Exchange Administrator", when, hours, text)
    act("sabine", "User Administrator", "2026-10-12 10:00", 1, "Onboarding of two new architects (FD-4502)")
    act("adm-lwagner", "Privileged Role Administrator", "2026-09-29 11:00", 1,
        "FD-4471 make Sabine eligible for Exchange Administrator", ticket="FD-4471")
    act("adm-lwagner", "Privileged Role Administrator", "2026-11-03 14:10", 1,
        "FD-4630 extend helpdesk eligibilities", ticket="FD-4630")
    act("adm-mhuber", "Security Administrator", "2026-09-30 09:30", 2, "Review Defender alerts from the weekend",
        approver="thomas", wait_min=22)
    act("adm-mhuber", "Security Administrator", "2026-10-15 10:45", 2, "Update anti-phishing policy",
        approver="eva", outcome="denied", reason="Please schedule this after the month-end close")
    act("adm-mhuber", "Security Administrator", "2026-10-16 08:30", 2, "Update anti-phishing policy",
        approver="eva", wait_min=11)
    act("adm-mhuber", "Security Administrator", "2026-11-11 13:00", 2, "Investigate suspicious inbox rule alert",
        approver="thomas", wait_min=6)
    act("adm-bgruber", "SharePoint Administrator", "2026-10-21 14:00", 2, "Restore deleted project site Donaustadt")
    for who, when, text, outcome in (
            ("adm-nkoller", "2026-09-22 08:00", "Password resets after holiday season", "granted"),
            ("adm-ppichler", "2026-10-05 12:00", "Unlock account of site manager", "granted"),
            ("adm-saigner", "2026-10-19 09:00", "MFA re-registration for new phone", "failed"),
            ("adm-saigner", "2026-10-19 09:03", "MFA re-registration for new phone", "granted"),
            ("adm-nkoller", "2026-11-09 10:30", "Reset password for returning intern", "granted")):
        act(who, None, when, 2, text, group="helpdesk", outcome=outcome,
            reason="Multifactor authentication was not completed")

    b.signin("bg", "2026-11-05 10:30", "Azure Portal")
    for when in ("2026-10-22 08:12", "2026-10-29 08:05", "2026-11-05 08:20", "2026-11-12 08:02", "2026-11-19 08:11"):
        b.signin("sabine", when, "Outlook Mobile", client="Mobile Apps and Desktop clients")
    for when in ("2026-10-23 09:00", "2026-11-06 09:31", "2026-11-17 10:15"):
        b.signin("sabine", when, "Microsoft Teams", client="Mobile Apps and Desktop clients")
    b.signin("sabine", "2026-11-20 07:02", "Azure Portal")
    b.signin("sabine", "2026-10-28 08:44", "Azure Portal")
    for who, days in {"adm-tberger": ("2026-10-26 09:15", "2026-11-09 14:02", "2026-11-18 16:40"),
                      "adm-lwagner": ("2026-11-03 14:09", "2026-10-22 10:30"),
                      "adm-mhuber": ("2026-11-11 13:29", "2026-10-27 09:45"),
                      "adm-bgruber": ("2026-10-21 13:59", "2026-11-13 11:20"),
                      "adm-nkoller": ("2026-11-09 10:29", "2026-10-30 08:15"),
                      "adm-ppichler": ("2026-11-04 12:10",),
                      "adm-saigner": ("2026-11-16 09:40",)}.items():
        for when in days:
            b.signin(who, when, "Azure Portal")
    for i, (key, _, _) in enumerate(staff[9:]):
        b.signin(key, f"2026-11-{2 + i % 17:02d} 08:{i + 5:02d}", "Microsoft Teams",
                 client="Mobile Apps and Desktop clients")

    b.toml = ("# Tenant configuration for pimlint (sample: fabrikam-smb)\n"
              'break-glass = ["breakglass@fabrikam.onmicrosoft.com"]\n'
              'timezone = "Europe/Vienna"\n' + BUSINESS_HOURS)
    return b


# --------------------------------------------------------------------------------------------
# Tenant 3: northwind-neglected
# --------------------------------------------------------------------------------------------


def northwind() -> Bundle:
    """Build a neglected hybrid tenant that trips every catalog rule its data can express (see README.md)."""
    b = Bundle("northwind-neglected", "Northwind Traders", "northwindtraders.com", "northwindtraders.onmicrosoft.com",
               "2026-11-20 05:58:14", "America/Chicago", "Chicago", "US", "192.0.2")
    b.graph_sp()
    b.sku("SPE_E3", 60, 0)          # no Entra ID P2 any more: the trial expired in 2025 (PIM706)
    b.strength_policies()
    push = ("microsoftAuthenticatorPush", "mobilePhone")
    named = [  # key, name, upn local part, created, last successful sign-in (days before export)
        ("greg", "Greg Hall", "greg.hall", "2014-05-19", 0.3),
        ("karen", "Karen Liu", "karen.liu", "2016-08-01", 0.6),
        ("ravi", "Ravi Patel", "ravi.patel", "2017-02-13", 1.4),
        ("jenna", "Jenna Brooks", "jenna.brooks", "2018-10-08", 0.35),
        ("tom", "Tom Rivera", "tom.rivera", "2019-04-22", 1.1),
        ("alicia", "Alicia Gomez", "alicia.gomez", "2020-01-06", 2.2),
        ("derek", "Derek Shaw", "derek.shaw", "2015-07-27", 0.8),
        ("linda", "Linda Park", "linda.park", "2018-03-05", 3.4),
        ("marcus", "Marcus Lee", "marcus.lee", "2019-09-16", 1.9),
        ("nadia", "Nadia Hassan", "nadia.hassan", "2021-05-10", 2.5),
        ("omar", "Omar Farouk", "omar.farouk", "2022-02-28", 4.1),
        ("priscilla", "Priscilla Wong", "priscilla.wong", "2016-11-14", 1.2),
        ("beth", "Beth Cooper", "beth.cooper", "2020-06-01", 0.9),
        ("sam", "Sam Okafor", "sam.okafor", "2021-08-23", 0.7),
        ("kevin", "Kevin O'Brien", "kevin.obrien", "2017-06-12", 1.6),
        ("maya", "Maya Singh", "maya.singh", "2022-10-03", 2.8),
        ("olivia", "Olivia Bennett", "olivia.bennett", "2019-01-14", 0.5),
        ("hugo", "Hugo Fischer", "hugo.fischer", "2023-03-20", 5.2),
        ("chris", "Chris Evans", "chris.evans", "2018-12-03", 1.3),
    ]
    for key, name, local, created, ago in named:
        methods = {"ravi": (), "greg": push, "kevin": ("microsoftAuthenticatorPush", "fido2SecurityKey")}.get(key, push)
        b.user(key, name, f"{local}@northwindtraders.com", created=created, synced=True, licenses=("SPE_E3",),
               last_ok=b.days_ago(ago), methods=methods)
    b.user("steve", "Steve Morgan", "steve.morgan@northwindtraders.com", created="2012-09-10", synced=True,
           enabled=False, licenses=("SPE_E3",), last_ok=utc("2026-06-26 21:04:51"), methods=push)
    b.user("ian", "Ian Walsh", "ian.walsh@northwindtraders.com", created="2020-11-02", synced=True,
           licenses=("SPE_E3",), last_ok=utc("2026-04-30 14:18:09"), methods=push)
    b.user("adm-kliu", "Karen Liu (Admin)", "adm-kliu@northwindtraders.com", created="2024-11-11",
           last_ok=b.days_ago(1.8), methods=("microsoftAuthenticatorPush", "fido2SecurityKey"), mail=False)
    b.user("zoe", "Zoe Carter (Contractor)", "zoe.carter@northwindtraders.com", created="2025-08-18",
           last_ok=b.days_ago(6.4), methods=push)
    b.user("msp", "Jordan Reyes (Litware MSP)", "jordan.reyes_litware-msp.com#EXT#@northwindtraders.onmicrosoft.com",
           created="2025-11-03", guest_mail="jordan.reyes@litware-msp.com", last_ok=b.days_ago(9.7),
           methods=("microsoftAuthenticatorPush",))
    b.user("bg", "Emergency Access", "emergency@northwindtraders.com", created="2021-03-08 15:40:22",
           licenses=("SPE_E3",), last_ok=utc("2026-05-14 14:22:37"), methods=("mobilePhone",), non_interactive=False)
    b.user("sync", "On-Premises Directory Synchronization Service Account",
           "Sync_NWDC01_3b7e1f0c9a2d@northwindtraders.onmicrosoft.com", created="2021-03-08 14:55:10",
           last_ok=None, methods=(), mail=False)
    b.p["sync"].obj["signInActivity"].update(
        lastNonInteractiveSignInDateTime=ts(b.exported - timedelta(minutes=28)),
        lastNonInteractiveSignInRequestId=guid(b.key, "signin-req", "sync", "n"))
    staff = ["Ashley Turner", "Brian Collins", "Carmen Ortiz", "Dylan Murphy", "Erin Foster", "Frank Nguyen",
             "Grace Kim", "Henry Ward", "Isabel Cruz", "Jason Price", "Kayla Brooks", "Luis Ramirez", "Megan Hughes",
             "Nathan Reed", "Olga Petrova", "Peter Grant", "Quinn Harper", "Rachel Stone", "Sean Gallagher",
             "Tina Morales", "Umar Siddiqui", "Victor Lopez", "Wendy Chang", "Xavier Bell", "Yolanda Ross",
             "Zach Coleman", "Amy Jensen", "Ben Foster", "Chloe Rivera", "Dan Whitaker", "Emily Sanders",
             "Fiona Walsh", "George Patel", "Holly Bishop", "Ivan Novak"]
    staff_keys = []
    for i, name in enumerate(staff):
        key = "s-" + name.lower().replace(" ", "-")
        staff_keys.append(key)
        first, last = name.lower().split()
        b.user(key, name, f"{first}.{last}@northwindtraders.com",
               created=f"20{15 + i % 10}-{1 + i % 12:02d}-0{1 + i % 9}",
               synced=True, licenses=("SPE_E3",), last_ok=b.days_ago(0.5 + (i % 11) * 0.8),
               methods=push if i % 4 else ("mobilePhone",))
    deleted_user = guid(b.key, "deleted-user", "dana.whitfield")      # PIM001: removed from the directory

    b.group("sg-sec", "SG-Security-Admins", rag=True, owners=("adm-kliu",),
            description="Security Administrator through PIM for Groups")
    b.group("itops", "IT-Operations", members=("marcus", "nadia", "itcontractors"), owners=("greg",),
            description="IT operations team (not role-assignable)")
    b.group("itcontractors", "IT-Contractors", members=("zoe",), owners=("greg",))
    b.group("seclead", "SecOps-Leads", members=("olivia", "marcus"), owners=("olivia",))
    b.group("az-owners", "AZ-Prod-Owners", members=("derek", "sam"), owners=("greg",))
    b.group("all", "All Northwind", unified=True, members=tuple(k for k, *_ in named) + tuple(staff_keys),
            owners=("greg",))

    b.app("mkt-sync", "Northwind Marketing Sync", created="2024-08-12", owners=("hugo",),
          perms=("Directory.ReadWrite.All", "RoleManagement.ReadWrite.Directory", "User.Read.All"),
          secret_until="2027-08-12")
    b.app("legacy-sync", "nw-legacy-sync", created="2022-10-03", owners=("chris",), perms=("User.ReadWrite.All",),
          secret_until="2026-12-31")
    b.app("hr-prov", "Northwind HR Provisioning", created="2024-06-10", owners=("alicia",), perms=("User.Read.All",),
          secret_until="2026-06-10")
    b.app("terraform", "northwind-terraform", created="2024-01-22", owners=("sam",), cert=True)
    b.app("store-portal", "Northwind Store Portal", created="2023-04-03", owners=("chris",), perms=("Sites.Read.All",),
          secret_until="2027-04-03")
    b.custom_role("pw-ops", "Northwind Password Reset Operators",
                  "Store support: resets passwords and updates basic profile data.",
                  ("microsoft.directory/users/password/update", "microsoft.directory/users/basic/update"),
                  privileged=True)

    # Standing access everywhere, some of it from before PIM.
    b.active("greg", "Global Administrator", start=None)                                     # pre-PIM: no start
    b.active("adm-kliu", "Global Administrator", start="2024-11-11 10:03:00")
    b.active("steve", "Global Administrator", start="2023-02-06 16:20:00")                   # disabled user
    b.active("legacy-sync", "Global Administrator", start="2022-10-03 11:15:00")             # service principal
    b.active("derek", "Exchange Administrator", start="2024-03-18 09:00:00")
    b.active("linda", "SharePoint Administrator", start=None, outside_pim=True)             # no schedule at all
    b.active("ian", "Security Reader", start="2025-01-13 10:30:00")
    b.active("sg-sec", "Security Administrator", start="2025-04-07 09:00:00")
    b.active("hr-prov", "User Administrator", start="2024-06-10 15:45:00")
    b.active("sync", "Directory Synchronization Accounts", start=None)
    b.eligible("ravi", "Global Administrator", start="2025-06-02 14:00:00")
    b.eligible("jenna", "Global Administrator", start="2025-09-15 13:00:00")
    b.eligible("msp", "Global Administrator", start="2025-11-03 12:00:00")
    b.eligible("bg", "Global Administrator", start="2026-04-20 16:10:00")                    # break-glass made eligible
    b.eligible("adm-kliu", "Privileged Role Administrator", start="2024-11-11 10:05:00")
    b.eligible("kevin", "Privileged Authentication Administrator", start="2025-08-04 09:00:00")
    b.eligible("kevin", "Conditional Access Administrator", start="2025-08-04 09:00:00")
    b.eligible("tom", "Helpdesk Administrator", start="2025-05-12 10:00:00")
    b.eligible("alicia", "User Administrator", start="2026-01-19 09:00:00", end="2027-01-19 09:00:00")
    b.eligible("priscilla", "Intune Administrator", start="2025-02-10 11:00:00")
    b.eligible("beth", "Northwind Password Reset Operators", start="2025-10-06 09:30:00")
    b.eligible("sam", "Application Administrator", start="2026-02-16 10:00:00", end="2027-02-16 10:00:00")
    b.eligible("maya", "Exchange Administrator", start="2026-06-01 09:00:00", end="2026-12-01 09:00:00")
    b.eligible(f"raw:{deleted_user}", "Helpdesk Administrator", start="2025-03-03 09:00:00")
    b.group_eligible("sg-sec", "itops", start="2025-04-07 09:05:00")                        # non-RAG group, nested
    b.group_eligible("sg-sec", "omar", start="2025-04-07 09:05:00")

    # Policies: mostly defaults, a few "fixes" that made things worse.
    b.role_policy("Global Administrator", Pol(on_activation=("Justification",), activation_alerts=False,
                                              modified=utc("2025-03-12 22:41:09"), modified_by="Greg Hall"))
    b.role_policy("Privileged Role Administrator", Pol())
    b.role_policy("Privileged Authentication Administrator", Pol(max_activation="PT2H", approval=True,
                                                                 approvers=("olivia",),
                                                                 modified=utc("2025-08-04 09:12:55"),
                                                                 modified_by="Karen Liu (Admin)"))
    b.role_policy("Partner Tier2 Support", Pol())
    b.role_policy("Security Administrator", Pol(max_activation="PT2H", approval=True, approvers=("seclead",),
                                                modified=utc("2025-04-07 08:51:30"), modified_by="Olivia Bennett"))
    b.role_policy("Exchange Administrator", Pol(max_activation="PT12H", approval=True,
                                                approvers=("steve", f"raw:{deleted_user}:Dana Whitfield"),
                                                modified=utc("2024-09-10 17:33:02"), modified_by="Steve Morgan"))
    b.role_policy("Helpdesk Administrator", Pol(max_activation="PT24H", on_activation=(), assign_alerts=False,
                                                activation_alerts=False, modified=utc("2025-05-12 10:02:44"),
                                                modified_by="Greg Hall"))
    b.role_policy("Conditional Access Administrator", Pol(on_activation=("Justification",), auth_context="c2",
                                                          modified=utc("2025-08-04 09:20:18"),
                                                          modified_by="Karen Liu (Admin)"))
    for role in ("SharePoint Administrator", "User Administrator", "Intune Administrator", "Application Administrator",
                 "Security Reader", "Northwind Password Reset Operators"):
        b.role_policy(role, Pol())
    b.group_policies("sg-sec", Pol(on_activation=("Justification",), eligible_expiry=True, active_expiry=True),
                     GROUP_DEFAULT)

    # Conditional Access: partial admin coverage, report-only legacy block, break-glass not excluded.
    b.ca_policy("mfa-admins", "MFA for admins", created="2021-06-14", modified="2025-03-12",
                include_roles=("Global Administrator", "Exchange Administrator", "SharePoint Administrator",
                               "User Administrator", "Helpdesk Administrator"),
                exclude_users=("greg", f"raw:{deleted_user}"), controls=("mfa",))
    b.ca_policy("legacy", "Block legacy authentication", state="enabledForReportingButNotEnforced",
                created="2022-11-07", include_users=("All",), client_apps=("exchangeActiveSync", "other"),
                controls=("block",))
    b.ca_policy("device", "Require compliant or hybrid joined device", created="2023-04-17", modified="2024-10-01",
                include_users=("All",), controls=("compliantDevice", "domainJoinedDevice"))
    b.ca_policy("azure-mfa", "MFA for Azure management", created="2022-02-21", include_users=("All",),
                apps=("797f4846-ba00-4fd7-ba43-dac1f8f63013",), controls=("mfa",))
    b.ca_policy("ctx-c2", "PIM - CA admin activation context (c2)", state="enabledForReportingButNotEnforced",
                created="2025-08-04", include_users=("All",), apps=(), auth_contexts=("c2",), controls=("mfa",))
    b.ca_policy("sif", "Sign-in frequency 7 days", created="2023-04-17", include_users=("All",), frequency=(7, "days"))
    b.ca_policy("platforms", "Block unknown platforms (test)", state="disabled", created="2024-02-05",
                include_users=("All",), controls=("block",))

    b.review("cleanup-2024", "2024 admin role clean-up", role="Global Administrator", created="2024-03-01",
             status="Completed", interval_months=None, reviewer="steve", start="2024-03-01")
    b.review("annual-ga", "Annual Global Administrator review", role="Global Administrator", created="2025-01-15",
             status="InProgress", interval_months=12, reviewer="greg", start="2025-01-15")

    act = b.activate
    for when, text in (("2026-08-20 09:05", "monthly patching"), ("2026-09-17 10:30", "monthly patching"),
                       ("2026-10-24 01:30", "fix"), ("2026-10-28 08:10", "work"), ("2026-11-04 07:50", "admin tasks"),
                       ("2026-11-12 08:05", "asdf"), ("2026-11-19 21:40", "urgent")):
        act("jenna", "Global Administrator", when, 8, text)
    for when, text in (("2026-08-18 10:00", "Reset MFA registration for Carmen Ortiz"),
                       ("2026-09-01 14:00", "Reset MFA registration for Frank Nguyen"),
                       ("2026-09-16 09:30", "Remove lost phone from Dylan Murphy"),
                       ("2026-10-06 11:00", "Issue temporary access pass for Peter Grant"),
                       ("2026-10-21 15:30", "Reset MFA registration for Wendy Chang"),
                       ("2026-11-10 10:15", "Reset password of the payroll admin")):
        act("kevin", "Privileged Authentication Administrator", when, 1, text, approver="olivia", wait_min=18)
    act("kevin", "Privileged Authentication Administrator", "2026-10-28 16:20", 1,
        "Reset MFA registration for Victor Lopez", approver="olivia", outcome="denied",
        reason="Change freeze until month end")
    act("kevin", "Conditional Access Administrator", "2026-09-09 13:00", 2,
        "Update named locations for the Dallas office")
    act("tom", "Helpdesk Administrator", "2026-09-02 09:00", 1, "password reset for user")
    for when in ("2026-11-09 08:15", "2026-11-09 10:40", "2026-11-09 14:05", "2026-11-10 08:30", "2026-11-10 13:10",
                 "2026-11-11 09:00", "2026-11-11 11:45", "2026-11-11 15:30", "2026-11-12 08:20", "2026-11-12 12:00",
                 "2026-11-13 09:10", "2026-11-13 14:40"):
        act("tom", "Helpdesk Administrator", when, 1, "password reset for user")
    for when in ("2026-10-13 09:10", "2026-10-13 09:14", "2026-10-13 09:21"):
        act("alicia", "User Administrator", when, 2, "Create accounts for new store staff", outcome="failed",
            reason="Multifactor authentication was not completed for the activation request")
    act("alicia", "User Administrator", "2026-10-14 08:40", 2, "Create accounts for new store staff")
    for when in ("2026-10-05 10:00", "2026-11-02 09:30"):
        act("maya", "Exchange Administrator", when, 4, "Update transport rule for shipping notifications",
            approver="steve", outcome="timeout")
    act("sam", "Application Administrator", "2026-09-23 14:00", 4, "Register app for the freight vendor API")
    act("adm-kliu", "Privileged Role Administrator", "2026-09-03 10:00", 2, "assign exchange role to derek")
    act("beth", "Northwind Password Reset Operators", "2026-10-01 10:00", 1,
        "Reset password for the Dallas store manager")
    act("nadia", None, "2026-09-14 09:00", 8, "check alerts", group="sg-sec")
    act("omar", None, "2026-10-19 13:00", 4, "Defender for Office review", group="sg-sec")
    spo = b.role_ids["SharePoint Administrator"]
    b.admin_event("greg", "2026-09-03 16:45", "Add member to role outside of PIM (permanent)",
                  "SharePoint Administrator", "linda", [("RoleDefinitionOriginId", spo), ("TemplateId", spo)])

    for when, app, client in (("2026-10-22 07:41", "Outlook Mobile", "Mobile Apps and Desktop clients"),
                              ("2026-10-23 09:12", "Microsoft Teams", "Mobile Apps and Desktop clients"),
                              ("2026-10-27 13:30", "Azure Portal", "Browser"),
                              ("2026-10-29 07:55", "Outlook Mobile", "Mobile Apps and Desktop clients"),
                              ("2026-11-05 08:02", "Outlook Mobile", "Mobile Apps and Desktop clients"),
                              ("2026-11-06 10:20", "Microsoft Teams", "Mobile Apps and Desktop clients"),
                              ("2026-11-10 15:05", "Azure Portal", "Browser"),
                              ("2026-11-12 07:38", "Outlook Mobile", "Mobile Apps and Desktop clients"),
                              ("2026-11-17 11:00", "Microsoft Teams", "Mobile Apps and Desktop clients"),
                              ("2026-11-19 16:47", "Office 365 Exchange Online", "Browser")):
        b.signin("greg", when, app, client=client)
    b.signin("bg", "2026-11-02 03:12", "Azure Portal", error=50126)
    b.signin("bg", "2026-11-02 03:14", "Azure Portal", error=50126)
    b.signin("steve", "2026-11-03 08:02", "Office 365 Exchange Online", error=50057)
    for who, entries in {
            "jenna": ("2026-10-28 08:09", "2026-11-04 07:49", "2026-11-12 08:04", "2026-11-19 21:39"),
            "adm-kliu": ("2026-10-22 10:01", "2026-11-09 14:30", "2026-11-18 09:15"),
            "derek": ("2026-11-16 10:40",), "kevin": ("2026-11-10 10:14", "2026-10-28 16:19"),
            "tom": ("2026-11-09 08:14", "2026-11-11 08:59", "2026-11-13 14:39"), "alicia": ("2026-11-17 09:05",),
            "sam": ("2026-11-12 13:20",), "beth": ("2026-11-06 10:02",), "maya": ("2026-11-02 09:29",),
            "msp": ("2026-11-10 20:12",), "olivia": ("2026-11-10 10:30",)}.items():
        for when in entries:
            b.signin(who, when, "Azure Portal")
    b.signin("derek", "2026-11-03 07:30", "Outlook Mobile", client="Mobile Apps and Desktop clients")
    b.signin("ravi", "2026-11-10 08:45", "Microsoft Teams", client="Mobile Apps and Desktop clients")
    b.signin("jenna", "2026-11-13 09:30", "Microsoft Teams", client="Mobile Apps and Desktop clients")
    for i, key in enumerate(staff_keys[:20]):
        b.signin(key, f"2026-11-{2 + i % 17:02d} 08:{i + 10:02d}", "Outlook Mobile",
                 client="Mobile Apps and Desktop clients")

    prod = AzureSub(b, "prod", "Northwind Production")
    prod.active("greg", "Owner", start="2021-03-08 15:22:10")
    prod.active("adm-kliu", "Owner", start="2024-11-11 10:20:00")
    prod.active("az-owners", "Owner", start="2023-05-02 09:40:00")
    prod.eligible("msp", "Owner", start="2025-11-03 12:05:00")
    prod.active("terraform", "Contributor", start="2024-01-22 11:00:00")
    dev = AzureSub(b, "dev", "Northwind Dev/Test")
    dev.active("sam", "Owner", start="2025-07-14 16:05:00")
    for sub in (prod, dev):
        # Greg used "elevate access" in Feb 2025 and never turned it off: UAA at root scope.
        sub.active("greg", "User Access Administrator", start="2025-02-19 22:47:31", root=True)
        for role in ("Owner", "User Access Administrator", "Role Based Access Control Administrator"):
            sub.policy(role, Pol(on_activation=("Justification",)))

    b.toml = ("# Tenant configuration for pimlint (sample: northwind-neglected)\n"
              'break-glass = ["emergency@northwindtraders.com"]\n'
              'timezone = "America/Chicago"\n' + BUSINESS_HOURS +
              'approval-required-roles = ["Global Administrator", "Privileged Role Administrator", '
              '"Privileged Authentication Administrator"]\n')
    return b


def main() -> None:
    """Build and write all three bundles."""
    for build, created, synced in ((contoso, "2016-02-29", True), (fabrikam, "2019-03-01", False),
                                   (northwind, "2014-05-12", True)):
        bundle = build()
        path = bundle.write(created, synced)
        print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
