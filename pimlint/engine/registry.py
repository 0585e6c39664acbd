"""Load rule packs into an immutable ``Registry``.

A rule pack is a directory of Python modules; every module-level function carrying ``@rule``
metadata is a rule. The built-in pack (``rules/``) and custom packs go through the same loader and
the same metadata checks. Modules are imported under a private name, never as a top-level
``rules`` package.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

from pydantic import ValidationError

from pimlint.engine.metadata import BUILTIN_ID, CUSTOM_ID, RULE_ATTRIBUTE, CheckFunction, RuleMeta
from pimlint.errors import RulePackLoadError
from pimlint.loading import sections

ENTRY_POINT_GROUP = "pimlint.rules"


@dataclass(frozen=True)
class Rule:
    """A rule: its metadata and its check function."""

    meta: RuleMeta
    check: CheckFunction


@dataclass(frozen=True)
class Registry:
    """All loaded rules, sorted by id."""

    rules: tuple[Rule, ...]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, id_or_name: str) -> Rule | None:
        """A rule by id or kebab name (case-insensitive)."""
        key = id_or_name.strip().lower()
        return next((r for r in self.rules if key in (r.meta.id.lower(), r.meta.name)), None)


def _known_section(name: str) -> bool:
    return name in sections.GRAPH_SECTIONS or (
        name.startswith("azure/") and sections.arm_section(name.rsplit("/", 1)[-1]) is not None
    )


def _import(path: Path, module_name: str) -> object:
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise RulePackLoadError(f"{path}: cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # a broken pack must be named, whatever it raised
        del sys.modules[module_name]
        raise RulePackLoadError(f"{path}: rule module failed to import: {type(exc).__name__}: {exc}") from exc
    return module


def load_pack(directory: Path, pack: str, builtin: bool) -> list[Rule]:
    """Load every rule of one pack directory."""
    if not directory.is_dir():
        raise RulePackLoadError(f"{directory}: rule pack directory not found")
    found: list[Rule] = []
    for path in sorted(directory.rglob("*.py")):
        if path.name.startswith("_"):
            continue
        relative = path.relative_to(directory).with_suffix("")
        module = _import(path, f"pimlint_rulepack_{pack}." + ".".join(relative.parts))
        for _, func in inspect.getmembers(module, inspect.isfunction):
            raw = getattr(func, RULE_ATTRIBUTE, None)
            if raw is None or func.__module__ != module.__name__:
                continue
            try:
                meta = RuleMeta(**raw, doc=inspect.cleandoc(module.__doc__ or ""))
            except ValidationError as exc:
                raise RulePackLoadError(f"{path}: invalid rule metadata: {exc.errors()[0]['msg']}") from None
            pattern = BUILTIN_ID if builtin else CUSTOM_ID
            if not pattern.match(meta.id) or (not builtin and meta.id.startswith("PIM")):
                kind = "built-in rule ids are PIM + 3 digits" if builtin else "custom rule ids use their own prefix, not PIM"
                raise RulePackLoadError(f"{path}: rule id {meta.id!r} is malformed ({kind})")
            unknown = [s for s in meta.requires if not _known_section(s)]
            if unknown:
                raise RulePackLoadError(f"{path}: rule {meta.id} requires unknown section(s) {', '.join(unknown)}")
            found.append(Rule(meta=meta, check=func))
    return found


def build_registry(packs: list[list[Rule]]) -> Registry:
    """Combine packs, rejecting duplicate ids and names."""
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    rules: list[Rule] = []
    for pack in packs:
        for r in pack:
            if r.meta.id in ids:
                raise RulePackLoadError(f"duplicate rule id {r.meta.id}")
            if r.meta.name in names:
                raise RulePackLoadError(f"duplicate rule name {r.meta.name!r} ({names[r.meta.name]} and {r.meta.id})")
            ids[r.meta.id] = r.meta.name
            names[r.meta.name] = r.meta.id
            rules.append(r)
    return Registry(rules=tuple(sorted(rules, key=lambda r: r.meta.id)))


def entry_point_packs() -> list[tuple[str, Path]]:
    """(name, folder) of each installed pack: an entry point of group ``pimlint.rules`` naming a package
    (``[project.entry-points."pimlint.rules"] acme = "acme_pimlint_rules"``) whose folder holds the rule modules."""
    out: list[tuple[str, Path]] = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            target = ep.load()
        except Exception as exc:  # a broken plugin must be named, whatever it raised
            raise RulePackLoadError(f"rule pack {ep.name!r} ({ep.value}) failed to load: {type(exc).__name__}: {exc}") from exc
        file = getattr(target, "__file__", None)
        if not file:
            raise RulePackLoadError(f"rule pack {ep.name!r} ({ep.value}) is not a package or module with a folder")
        out.append((ep.name, Path(file).parent))
    return out


def load_registry(extra_dirs: tuple[Path, ...] = ()) -> Registry:
    """The built-in pack, installed entry-point packs, then custom pack directories (``--rules-dir``)."""
    from pimlint.resources import rules_dir

    packs = [load_pack(rules_dir(), "builtin", builtin=True)]
    packs.extend(load_pack(d, f"ep_{name}", builtin=False) for name, d in entry_point_packs())
    packs.extend(load_pack(d, f"custom{i}", builtin=False) for i, d in enumerate(extra_dirs))
    return build_registry(packs)
