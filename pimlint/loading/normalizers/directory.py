"""Users, groups, service principals, applications, SKUs and sign-ins."""

from __future__ import annotations

from collections.abc import Iterable

from pimlint.loading.records import Rec
from pimlint.model import Application, AppRoleGrant, Group, License, ServicePrincipal, SignIn, Sku, User


def users(recs: Iterable[Rec]) -> dict[str, User]:
    """``users.json`` by object id."""
    out: dict[str, User] = {}
    for r in recs:
        activity = r.child("signInActivity")
        licenses = tuple(
            License.trusted(sku_id=lic.required_id("skuId"), disabled_plans=frozenset(p.lower() for p in lic.strings("disabledPlans")))
            for lic in r.children("assignedLicenses")
        )
        user = User.trusted(
            id=r.required_id("id"),
            upn=r.str("userPrincipalName"),
            display_name=r.str("displayName"),
            account_enabled=r.bool("accountEnabled"),
            user_type=r.str("userType"),
            mail=r.str("mail"),
            on_premises_sync_enabled=r.bool("onPremisesSyncEnabled"),
            on_premises_immutable_id=r.str("onPremisesImmutableId"),
            licenses=licenses,
            created=r.datetime("createdDateTime", event=True),
            has_sign_in_activity=activity is not None,
            last_sign_in=activity.datetime("lastSignInDateTime", event=True) if activity else None,
            last_successful_sign_in=activity.datetime("lastSuccessfulSignInDateTime", event=True) if activity else None,
            last_non_interactive_sign_in=(
                activity.datetime("lastNonInteractiveSignInDateTime", event=True) if activity else None
            ),
        )
        out[user.id] = user
    return out


def groups(recs: Iterable[Rec]) -> dict[str, Group]:
    """``groups.json`` (with ``members`` and ``owners``) by object id."""
    out: dict[str, Group] = {}
    for r in recs:
        group = Group.trusted(
            id=r.required_id("id"),
            display_name=r.str("displayName"),
            is_assignable_to_role=bool(r.bool("isAssignableToRole")),
            security_enabled=r.bool("securityEnabled"),
            mail_enabled=r.bool("mailEnabled"),
            group_types=tuple(t.lower() for t in r.strings("groupTypes")),
            member_ids=r.ref_ids("members"),
            owner_ids=r.ref_ids("owners"),
        )
        out[group.id] = group
    return out


def service_principals(recs: Iterable[Rec]) -> dict[str, ServicePrincipal]:
    """``servicePrincipals.json`` (with ``appRoleAssignments`` and ``owners``) by object id."""
    out: dict[str, ServicePrincipal] = {}
    for r in recs:
        sp = ServicePrincipal(
            id=r.required_id("id"),
            app_id=r.id("appId"),
            display_name=r.str("displayName"),
            service_principal_type=r.lower("servicePrincipalType"),
            account_enabled=r.bool("accountEnabled"),
            app_owner_organization_id=r.id("appOwnerOrganizationId"),
            app_role_grants=tuple(
                AppRoleGrant(
                    app_role_id=g.required_id("appRoleId"),
                    resource_id=g.required_id("resourceId"),
                    resource_display_name=g.str("resourceDisplayName"),
                )
                for g in r.children("appRoleAssignments")
            ),
            owner_ids=r.ref_ids("owners"),
        )
        out[sp.id] = sp
    return out


def applications(recs: Iterable[Rec]) -> dict[str, Application]:
    """``applications.json`` by object id."""
    out: dict[str, Application] = {}
    for r in recs:
        app = Application(
            id=r.required_id("id"), app_id=r.id("appId"), display_name=r.str("displayName"), owner_ids=r.ref_ids("owners")
        )
        out[app.id] = app
    return out


def skus(recs: Iterable[Rec]) -> dict[str, Sku]:
    """``subscribedSkus.json`` by SKU id."""
    out: dict[str, Sku] = {}
    for r in recs:
        sku_id = r.id("skuId") or r.required_id("id")
        plans = tuple(
            (p.id("servicePlanId") or "", (p.str("servicePlanName") or "").upper()) for p in r.children("servicePlans")
        )
        out[sku_id] = Sku(sku_id=sku_id, sku_part_number=r.str("skuPartNumber"), service_plans=plans)
    return out


def sign_ins(recs: Iterable[Rec]) -> tuple[SignIn, ...]:
    """``signIns.json``, oldest first (ties by id) so that output never depends on file order."""
    out: list[SignIn] = []
    for r in recs:
        created = r.datetime("createdDateTime", event=True)
        if created is None:
            raise r.error("createdDateTime", "a sign-in needs its createdDateTime")
        status = r.child("status")
        out.append(
            SignIn.trusted(
                id=r.str("id") or "",
                created=created,
                user_id=r.id("userId"),
                upn=r.str("userPrincipalName"),
                app_id=r.id("appId"),
                app_display_name=r.str("appDisplayName"),
                error_code=(status.int("errorCode") or 0) if status else 0,
                is_interactive=r.bool("isInteractive"),
            )
        )
    return tuple(sorted(out, key=lambda s: (s.created, s.id)))
