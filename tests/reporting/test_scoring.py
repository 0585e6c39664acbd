"""The posture score: exact values on small cases and monotonicity as a hypothesis property."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pimlint.engine.findings import Finding, Resource
from pimlint.levels import Severity, Status
from pimlint.scoring import RuleRef, compute_score, grade_of, score_category

RULES = (
    RuleRef("PIM101", Severity.CRITICAL, "standing-access"),
    RuleRef("PIM201", Severity.HIGH, "activation-controls"),
    RuleRef("PIM301", Severity.HIGH, "identities"),
    RuleRef("PIM403", Severity.HIGH, "break-glass"),
    RuleRef("PIM602", Severity.MEDIUM, "authentication"),
    RuleRef("PIM801", Severity.LOW, "operations"),
    RuleRef("PIM902", Severity.MEDIUM, "azure"),
)
_BY_ID = {r.id: r for r in RULES}


def finding(rule: str, status: Status, n: int = 0, severity: Severity | None = None) -> Finding:
    ref = _BY_ID[rule]
    res = Resource(tenant="t", tenant_id="t", object_id=f"o{n}")
    return Finding(rule=rule, name="x", category=ref.category, severity=severity or ref.severity, status=status,
                   message="m", resource=res, fingerprint=f"{rule}{n}")


def test_all_pass_is_100_a() -> None:
    s = compute_score(RULES, [finding(r.id, Status.PASS) for r in RULES])
    assert (s.value, s.grade, s.coverage) == (100, "A", 100)
    assert s.categories["activation-controls"].rules == 2  # PIM201 and azure PIM902


def test_critical_failure_caps_grade_and_partial_credit() -> None:
    found = [finding(r.id, Status.PASS) for r in RULES] + [finding("PIM101", Status.FAIL, 1)]
    s = compute_score(RULES, found)
    # PIM101 earns 1/(1+1) of weight 10 out of 10+6+6+6+3+1+3 = 35 → 30/35 = 85.7 → 85, capped at C
    assert (s.value, s.grade) == (85, "C")
    assert s.categories["standing-access"].value == 50
    assert s.categories["standing-access"].failing == 1


def test_failing_everywhere_earns_nothing_and_not_evaluated_is_excluded() -> None:
    found = [finding("PIM101", Status.FAIL), finding("PIM201", Status.PASS), finding("PIM301", Status.NOT_EVALUATED)]
    s = compute_score(RULES[:3], found)
    assert s.value == 37  # 6 / (10 + 6): PIM301 neither passes nor fails
    assert s.coverage == 72  # 16 / 22 of the rule weight was evaluated
    assert s.categories["identities"].value is None and s.categories["identities"].grade is None
    assert s.grade == "F"


def test_nothing_evaluated_scores_zero() -> None:
    s = compute_score(RULES[:1], [finding("PIM101", Status.NOT_EVALUATED)])
    assert (s.value, s.grade, s.coverage) == (0, "F", 0)


def test_waived_counts_against_the_score() -> None:
    failing = compute_score(RULES, [finding("PIM101", Status.FAIL)])
    waived = compute_score(RULES, [finding("PIM101", Status.WAIVED)])
    assert failing == waived


def test_grades_and_categories() -> None:
    assert [grade_of(v) for v in (100, 90, 89, 80, 70, 60, 50, 49, 0)] == list("AABBCDEFF")
    assert grade_of(95, Severity.HIGH) == "B" and grade_of(40, Severity.CRITICAL) == "F"
    assert score_category(RuleRef("PIM901", Severity.HIGH, "azure")) == "standing-access"
    assert score_category(RuleRef("PIM001", Severity.LOW, "diagnostics")) == "governance"


STATUSES = st.sampled_from([Status.FAIL, Status.PASS, Status.NOT_EVALUATED, Status.WAIVED])
SEVERITIES = st.sampled_from(list(Severity))
FINDING = st.builds(
    lambda rule, status, n, sev: finding(rule, status, n, sev if status is Status.FAIL else None),
    st.sampled_from(sorted(_BY_ID)), STATUSES, st.integers(0, 5), SEVERITIES,
)
_GRADE_RANK = "ABCDEF"


def _rank(findings: list[Finding]) -> tuple[int, int]:
    s = compute_score(RULES, findings)
    return s.value, -_GRADE_RANK.index(s.grade)


@settings(max_examples=300, deadline=None)
@given(st.lists(FINDING, max_size=12), st.sampled_from(sorted(_BY_ID)), SEVERITIES, st.integers(0, 9))
def test_a_new_failing_finding_never_raises_the_score(found: list[Finding], rule: str, sev: Severity, n: int) -> None:
    before = _rank(found)
    after = _rank([*found, finding(rule, Status.FAIL, 100 + n, sev)])
    assert after[0] <= before[0] and after[1] <= before[1]


@settings(max_examples=300, deadline=None)
@given(st.lists(FINDING, min_size=1, max_size=12), st.data())
def test_fixing_a_failing_finding_never_lowers_the_score(found: list[Finding], data: st.DataObject) -> None:
    fails = [i for i, f in enumerate(found) if f.status is Status.FAIL]
    if not fails:
        return
    i = data.draw(st.sampled_from(fails))
    before = _rank(found)
    fixed = found[:i] + [found[i].model_copy(update={"status": Status.PASS})] + found[i + 1:]
    removed = found[:i] + found[i + 1:]
    for after in (_rank(fixed), _rank(removed)):
        assert after[0] >= before[0] and after[1] >= before[1]


@given(st.lists(FINDING, max_size=12), st.randoms())
def test_order_of_findings_does_not_matter(found: list[Finding], rnd: object) -> None:
    shuffled = list(found)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert compute_score(RULES, found) == compute_score(RULES, shuffled)
