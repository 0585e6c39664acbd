"""The tenant has no licence for PIM.

## What it checks
Looks for a Microsoft Entra ID P2 or Microsoft Entra ID Governance service plan (`plans`, matched
case-insensitively by name) in the tenant's subscribed SKUs (`subscribedSkus`). Without one, PIM's
just-in-time access, approvals and notifications are not licensed (CISA SCuBA gates MS.AAD.7.4–7.9
on it).

## Example
A tenant with Microsoft 365 E5 (which carries `AAD_PREMIUM_P2`) passes; one with only Microsoft
365 Business Premium (Entra ID P1) fails.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule


@rule(
    id="PIM706",
    name="no-pim-license",
    title="The tenant is licensed for Privileged Identity Management (Entra ID P2 or ID Governance)",
    severity=Severity.HIGH,
    category="governance",
    requires=("subscribedSkus",),
    options={"plans": ["AAD_PREMIUM_P2", "Entra_Identity_Governance", "IDENTITY_GOVERNANCE"]},
    rationale=(
        "Without Entra ID P2 or ID Governance, PIM's controls — eligibility, approval, activation MFA, alerts "
        "and access reviews — are unavailable or unsupported, so every privileged role is effectively "
        "standing access."
    ),
    remediation=(
        "Buy Microsoft Entra ID P2 (included in Microsoft 365 E5 / EMS E5) or Microsoft Entra ID Governance "
        "for the users who hold or approve privileged roles; verify in Microsoft 365 admin center > Billing > "
        "Your products, or Graph GET /subscribedSkus."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/licensing-fundamentals",
        "CISA SCuBA MS.AAD.7.4v1",
        "NIST CSF 2.0 GV.RM-01",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail when no SKU carries a PIM-capable service plan."""
    wanted = {str(p).lower() for p in ctx.option("plans")}
    found = sorted({f"{sku.sku_part_number or sku.sku_id}: {name}" for sku in ctx.tenant.skus.values()
                    for _, name in sku.service_plans if name.lower() in wanted})
    res = ctx.resource(detail="pim-license")
    if found:
        yield ctx.passed(res, "PIM is licensed", evidence=found)
    else:
        skus = sorted(sku.sku_part_number or sku.sku_id for sku in ctx.tenant.skus.values())
        yield ctx.fail(res, "no subscribed SKU carries Entra ID P2 or ID Governance",
                       expected=f"a service plan among {', '.join(sorted(wanted))}",
                       actual=f"SKUs: {', '.join(skus) or 'none'}")
