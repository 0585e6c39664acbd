"""Run every rule case: the rule's verdict and exactly which resources fail."""

from __future__ import annotations

import pytest

from pimlint.levels import Status
from tests.harness import failed, run, statuses
from tests.rules.cases import CASES, Case


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.rule}-{c.name}")
def test_rule_case(case: Case) -> None:
    result = run(case.build(), select=(case.rule,), waivers=case.waivers, **case.settings)
    got = statuses(result, case.rule)
    if case.expect is Status.FAIL:
        assert Status.FAIL in got
        assert tuple(failed(result, case.rule)) == tuple(sorted(case.failing, key=lambda p: (p[0] or "", p[1] or "")))
    elif case.expect is Status.PASS:
        assert got == {Status.PASS}, [f.message for f in result.findings]
    else:
        assert Status.NOT_EVALUATED in got and Status.FAIL not in got
