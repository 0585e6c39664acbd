"""Cases of the run diagnostics PIM010 expired-waiver and PIM011 unused-waiver (waivers in TOML)."""

from __future__ import annotations

from pimlint.levels import Status
from tests.builders import GA, TenantBuilder, hardened
from tests.rules.casebase import Case, _with


def _standing_dave(t: TenantBuilder) -> None:
    t.active(t.user("dave"), GA)


def waiver(expires: str, principal: str = "dave@contoso.onmicrosoft.com", wid: str = "W-1", rule: str = "PIM101") -> str:
    """One accepted-risk waiver for a principal's finding of ``rule``."""
    return f"""
[[waivers]]
id = "{wid}"
rule = "{rule}"
kind = "accepted-risk"
reason = "Migration account, removed after the cut-over weekend"
owner = "secops@contoso.com"
expires = {expires}
[waivers.match]
principal = "{principal}"
role = "Global Administrator"
"""


DIAGNOSTICS_CASES: tuple[Case, ...] = (
    # PIM010 expired-waiver (as of 2026-11-20)
    Case("PIM010", "waiver good through its expiry day", _with(_standing_dave), Status.PASS,
         waivers=waiver("2026-11-20")),
    Case("PIM010", "waiver expired the day before the export", _with(_standing_dave), Status.FAIL,
         ((None, None),), waivers=waiver("2026-11-19")),
    Case("PIM010", "expired even when it matches nothing", hardened, Status.FAIL, ((None, None),),
         waivers=waiver("2026-01-31", principal="nobody@contoso.onmicrosoft.com")),
    Case("PIM010", "no waiver file", hardened, Status.PASS),
    Case("PIM010", "--no-waivers", hardened, Status.NOT_EVALUATED, waivers=None),
    # PIM011 unused-waiver (PIM101 selected too, so its waivers can be judged)
    Case("PIM011", "waiver covers the standing GA", _with(_standing_dave), Status.PASS,
         settings={"extend-select": ["PIM101"]}, waivers=waiver("2026-12-31")),
    Case("PIM011", "finding fixed, waiver left behind", hardened, Status.FAIL, ((None, None),),
         settings={"extend-select": ["PIM101"]}, waivers=waiver("2026-12-31")),
    Case("PIM011", "match names another principal", _with(_standing_dave), Status.FAIL, ((None, None),),
         settings={"extend-select": ["PIM101"]}, waivers=waiver("2026-12-31", principal="dave@fabrikam.com")),
    Case("PIM011", "waived rule not selected", hardened, Status.NOT_EVALUATED, waivers=waiver("2026-12-31")),
    Case("PIM011", "--no-waivers", hardened, Status.NOT_EVALUATED, waivers=None),
)
