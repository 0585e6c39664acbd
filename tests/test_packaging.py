"""``pip install .`` ships every module, the rule pack, the schemas and the data tables."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_every_package_is_listed() -> None:
    listed = set(SETUPTOOLS["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "pimlint").rglob("*.py")}
    assert found - listed == set(), "add these packages to [tool.setuptools] packages in pyproject.toml"


def test_rules_and_schemas_ship_inside_the_package() -> None:
    assert SETUPTOOLS["package-dir"] == {"pimlint.builtin_rules": "rules", "pimlint.schemas": "schemas"}
    data = SETUPTOOLS["package-data"]
    assert "**/*.py" in data["pimlint.builtin_rules"] and "**/*.json" in data["pimlint.schemas"]


def test_every_data_file_is_package_data() -> None:
    data = SETUPTOOLS["package-data"]
    missing = []
    for path in (REPO / "pimlint").rglob("*"):
        if path.is_dir() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        package = ".".join(path.parent.relative_to(REPO).parts)
        while package not in data and "." in package:
            package = package.rsplit(".", 1)[0]
        root = REPO.joinpath(*package.split("."))
        relative = path.relative_to(root)
        if not any(relative.match(pattern) or (pattern == "**/*") for pattern in data.get(package, [])):
            missing.append(str(path.relative_to(REPO)))
    assert missing == [], "add package-data patterns in pyproject.toml for these files"
