"""ScubaGear conformance: every unit and functional case reproduces ScubaGear's ``RequirementMet``.

Each case's provider-shaped input goes through the ScubaGear importer and the normal pipeline under
``--profile scuba`` (its ``scuba_config`` translated to rule options); ``pimlint.scuba`` maps the
MS.AAD policy to the rules that answer it. Case files: copies of ../shared/conformance/scubagear.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pimlint import scuba
from pimlint.api import evaluate, selected_registry
from pimlint.config import Settings
from pimlint.importers import scubagear
from pimlint.loading.api import load_raw
from tests.conformance.pending import PENDING

CASES_DIR = Path(__file__).parent / "scubagear"


def _cases() -> list[dict[str, Any]]:
    out = []
    for path in sorted(CASES_DIR.glob("*/*.json")):
        out.extend(json.loads(path.read_text(encoding="utf-8"))["cases"])
    return out


CASES = _cases()
REPRODUCED: list[str] = []


def requirement_met(case: dict[str, Any]) -> bool:
    """Run one case the way a user would: import, load, ``--profile scuba``, map to the policy."""
    document = case["input"]
    policy = scuba.POLICIES[case["policy_id"]]
    config = document.get("scuba_config")
    settings = Settings.model_validate({"profile": "scuba", "select": list(policy.rules) or ["PIM101"],
                                        "rules": {k: v for k, v in scuba.rule_options(config).items() if k in policy.rules}})
    loaded = load_raw(scubagear.from_document(json.loads(json.dumps(document)), "ProviderSettingsExport.json"))
    result = evaluate(loaded, settings, selected_registry(settings))
    return scuba.requirement_met(case["policy_id"], result, loaded.tenant, config)


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=PENDING[case["id"]])] if case["id"] in PENDING else []
    return pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    assert requirement_met(case) is case["expect"]["requirement_met"], case["input_summary"]
    REPRODUCED.append(case["id"])


def test_zz_count(capsys: pytest.CaptureFixture[str]) -> None:
    """Print how many cases were reproduced (runs last in this module)."""
    with capsys.disabled():
        print(f"\nScubaGear conformance: {len(REPRODUCED)}/{len(CASES)} cases reproduce requirement_met "
              f"({len(PENDING)} pending, see tests/conformance/pending.py)")
    assert len(CASES) == 183
    assert set(PENDING) <= {c["id"] for c in CASES}


SYNTHETIC = json.loads((Path(__file__).parent / "provider-shape-example.synthetic.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("policy_id", sorted(SYNTHETIC["_expected_scubagear"]))
def test_synthetic_provider_example(policy_id: str) -> None:
    """The synthetic provider-shaped example (PIM group paths, break-glass RoleExclusions, a
    permanent assignment made outside PIM) reproduces its ScubaGear-semantics results."""
    document = {k: v for k, v in SYNTHETIC.items() if not k.startswith("_")}
    case = {"policy_id": policy_id, "input": document}
    assert requirement_met(case) is SYNTHETIC["_expected_scubagear"][policy_id]["requirement_met"]
