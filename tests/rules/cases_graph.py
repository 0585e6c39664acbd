"""Cases of the privilege-graph rules (PIM5xx) and PIM208 weaker-group-path."""

from __future__ import annotations

from pimlint.levels import Status
from tests.builders import GA, TenantBuilder, gid
from tests.graph.tenants import HELPDESK, ROLE_MANAGEMENT_RW, USER_READ_ALL, app, group_policy, nest, owners, scoped, unit
from tests.rules.casebase import UPN, Case, _with


def _helpdesk_to_app_owner(t: TenantBuilder) -> None:
    """Dora (no role) owns a tier-0 app; she sits in a restricted-management unit only Hank administers."""
    dora = t.user("dora")
    app(t, "Deployer", permissions=(ROLE_MANAGEMENT_RW,), app_owners=(dora,))
    vault = unit(t, "Vault", (dora,), restricted=True)
    scoped(t, t.user("hank"), HELPDESK, f"/administrativeUnits/{vault}")


def _helpdesk_cannot_reset_admin(t: TenantBuilder) -> None:
    t.eligible(t.user("hank"), HELPDESK)
    dora = t.user("dora")
    t.eligible(dora, GA)


def _owner_of_ga_group(t: TenantBuilder) -> None:
    group = t.group("GA-Eligible", members=(gid("adm-alice"),))
    t.eligible(group, GA)
    owners(t, group, t.user("olly"))


def _benign_app(t: TenantBuilder) -> None:
    app(t, "Reporter", permissions=(USER_READ_ALL,), sp_owners=(t.user("dora"),))


def _pim_group_weak(t: TenantBuilder) -> None:
    group = t.group("GA-Eligible")
    t.active(group, GA)
    t.pim_group_eligible(group, t.user("gina"))
    group_policy(t, group, mfa=False, approval=False, duration="PT8H")


def _pim_group_strict(t: TenantBuilder) -> None:
    group = t.group("GA-Eligible")
    t.active(group, GA)
    t.pim_group_eligible(group, t.user("gina"))
    group_policy(t, group)


def _unprotected_nested(t: TenantBuilder) -> None:
    inner = t.group("inner", members=(t.user("nina"),), role_assignable=False)
    outer = t.group("GA-Eligible", members=(gid("adm-alice"),))
    nest(t, outer, inner)
    t.eligible(outer, GA)


def _lockout(t: TenantBuilder) -> None:
    t.sections["roleAssignmentScheduleInstances"] = []
    for u in t.sections["users"]:
        if u["userPrincipalName"].startswith("approver-"):
            u["accountEnabled"] = False


def _no_standing_but_approvable(t: TenantBuilder) -> None:
    t.sections["roleAssignmentScheduleInstances"] = []


def _au_member_app_owner(t: TenantBuilder) -> None:
    dora = t.user("dora")
    app(t, "Deployer", permissions=(ROLE_MANAGEMENT_RW,), app_owners=(dora,))
    unit(t, "Vault", (dora,), restricted=True)
    t.eligible(t.user("hank"), HELPDESK)


GRAPH_CASES: tuple[Case, ...] = (
    # PIM501 escalation-path
    Case("PIM501", "hardened tenant: no path to tier 0", _with(lambda t: None), Status.PASS),
    Case("PIM501", "helpdesk resets the owner of a tier-0 app", _with(_helpdesk_to_app_owner), Status.FAIL,
         ((UPN("dora"), None), (UPN("hank"), None))),
    Case("PIM501", "helpdesk cannot reset an eligible Global Administrator", _with(_helpdesk_cannot_reset_admin),
         Status.PASS),
    Case("PIM501", "owner of a GA group", _with(_owner_of_ga_group), Status.FAIL,
         ((UPN("olly"), "Global Administrator"),)),
    Case("PIM501", "app owner in a restricted-management unit is out of helpdesk reach",
         _with(_au_member_app_owner), Status.FAIL, ((UPN("dora"), None),)),
    Case("PIM501", "no eligibilities exported", _with(lambda t: t.drop("roleEligibilityScheduleInstances")),
         Status.NOT_EVALUATED),
    # PIM502 privileged-group-not-protected
    Case("PIM502", "role-assignable groups only", _with(lambda t: None), Status.PASS),
    Case("PIM502", "a security group nested into a GA group", _with(_unprotected_nested), Status.FAIL,
         (("inner", None),)),
    Case("PIM502", "no groups exported", _with(lambda t: t.drop("groups")), Status.NOT_EVALUATED),
    # PIM503 dangerous-app-permission
    Case("PIM503", "an app with User.Read.All", _with(_benign_app), Status.PASS),
    Case("PIM503", "an app with RoleManagement.ReadWrite.Directory", _with(_helpdesk_to_app_owner), Status.FAIL,
         (("Deployer", None),)),
    Case("PIM503", "no service principals exported", _with(lambda t: t.drop("servicePrincipals")),
         Status.NOT_EVALUATED),
    # PIM504 nested-privileged-group
    Case("PIM504", "no nesting", _with(lambda t: None), Status.PASS),
    Case("PIM504", "a group nested into a GA group", _with(_unprotected_nested), Status.FAIL, (("GA-Eligible", None),)),
    Case("PIM504", "no groups exported", _with(lambda t: t.drop("groups")), Status.NOT_EVALUATED),
    # PIM505 tenant-lockout-risk
    Case("PIM505", "two standing break-glass GAs", _with(lambda t: None), Status.PASS),
    Case("PIM505", "no standing GA but approvers can approve", _with(_no_standing_but_approvable), Status.PASS),
    Case("PIM505", "no standing GA and every approver disabled", _with(_lockout), Status.FAIL,
         ((None, "Global Administrator"),)),
    Case("PIM505", "no active assignments exported", _with(lambda t: t.drop("roleAssignmentScheduleInstances")),
         Status.NOT_EVALUATED),
    # PIM208 weaker-group-path
    Case("PIM208", "no PIM groups", _with(lambda t: None), Status.PASS),
    Case("PIM208", "group member policy as strict as GA's", _with(_pim_group_strict), Status.PASS),
    Case("PIM208", "group member policy without MFA or approval", _with(_pim_group_weak), Status.FAIL,
         (("GA-Eligible", "Global Administrator"),)),
    Case("PIM208", "no PIM-for-Groups eligibilities exported",
         _with(lambda t: t.drop("privilegedAccessGroupEligibilityScheduleInstances")), Status.NOT_EVALUATED),
    # PIM204 under scuba also judges the member policy of a PIM group holding Global Administrator
    Case("PIM204", "a PIM group path without approval is PIM208's by default", _with(_pim_group_weak), Status.PASS),
    Case("PIM204", "scuba: a PIM group path without approval", _with(_pim_group_weak), Status.FAIL,
         ((None, "Global Administrator"),), settings={"profile": "scuba"}),
    Case("PIM204", "scuba: a PIM group path requiring approval", _with(_pim_group_strict), Status.PASS,
         settings={"profile": "scuba"}),
)
