"""``pimlint graph`` and ``pimlint paths`` on a small tenant."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pimlint.cli import main
from tests.builders import hardened
from tests.graph.tenants import HELPDESK, ROLE_MANAGEMENT_RW, app, scoped, unit


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    t = hardened()
    dora = t.user("dora")
    app(t, "Deployer", permissions=(ROLE_MANAGEMENT_RW,), app_owners=(dora,))
    vault = unit(t, "Vault", (dora,), restricted=True)
    scoped(t, t.user("hank"), HELPDESK, f"/administrativeUnits/{vault}")
    return t.write(tmp_path_factory.mktemp("graph"))


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_paths_in_words(bundle: Path) -> None:
    code, out = invoke("paths", str(bundle), "--from", "hank@contoso.onmicrosoft.com")
    assert code == 0
    assert out.splitlines()[:4] == [
        "1 principal(s) can reach tier 0", "",
        "hank@contoso.onmicrosoft.com → full control of tenant contoso.onmicrosoft.com (cost 6, needs activation)",
        "  1. hank@contoso.onmicrosoft.com is eligible for Helpdesk Administrator (scope Vault) "
        "(time-bound; activation needs no approval, MFA)",
    ]
    assert "can reset the password of dora@contoso.onmicrosoft.com" in out


def test_paths_to_a_role_as_json(bundle: Path) -> None:
    code, out = invoke("paths", str(bundle), "--to", "Global Administrator", "-f", "json")
    doc = json.loads(out)
    assert code == 0 and doc["to"] == "Global Administrator"
    assert [p["principal"].split("@")[0] for p in doc["paths"]] == ["bg-01", "bg-02", "adm-alice"]


@pytest.mark.parametrize("fmt, marker", [("graphml", "<graphml"), ("dot", "digraph privilege"),
                                         ("json", '"nodes"'), ("mermaid", "flowchart LR")])
def test_graph_formats_are_deterministic(bundle: Path, fmt: str, marker: str) -> None:
    first, second = invoke("graph", str(bundle), "-f", fmt), invoke("graph", str(bundle), "-f", fmt)
    assert first == second and first[0] == 0 and marker in first[1]


def test_graph_focus_and_depth(bundle: Path) -> None:
    code, out = invoke("graph", str(bundle), "-f", "json", "--focus", "Global Administrator", "--depth", "1")
    labels = sorted(n["label"] for n in json.loads(out)["nodes"])
    assert code == 0 and labels == ["Global Administrator", "adm-alice@contoso.onmicrosoft.com",
                                    "bg-01@contoso.onmicrosoft.com", "bg-02@contoso.onmicrosoft.com"]
    assert invoke("graph", str(bundle), "--focus", "nobody-here")[0] == 2
