"""Which rules run: ``select``/``ignore`` with flake8/ruff semantics.

A selector is a rule id (``PIM104``), an id prefix (``PIM1``, ``PIM``), a kebab name
(``standing-privileged-access``), ``tag:<tag>``, or ``ALL``. The most specific matching selector
wins (a full id or name beats a tag, a tag beats a prefix, a longer prefix beats a shorter one,
anything beats ``ALL``); on a tie, ignore wins. A selector that matches no rule is an error.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from pimlint.engine.metadata import RuleMeta
from pimlint.engine.registry import Registry
from pimlint.errors import ConfigError

_EXACT = 1000
_TAG = 500


def specificity(selector: str, meta: RuleMeta) -> int:
    """How specifically ``selector`` names ``meta`` (-1: not at all)."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return 0
    if sel.lower().startswith("tag:"):
        return _TAG if sel[4:].lower() in (t.lower() for t in meta.tags) else -1
    if sel.lower() == meta.name or sel.upper() == meta.id.upper():
        return _EXACT
    if meta.id.upper().startswith(sel.upper()):
        return len(sel)
    return -1


def _check_known(selectors: Iterable[str], registry: Registry) -> None:
    candidates = [r.meta.id for r in registry] + [r.meta.name for r in registry]
    for sel in selectors:
        if not any(specificity(sel, r.meta) >= 0 for r in registry):
            close = difflib.get_close_matches(sel, candidates, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"unknown rule selector {sel!r}{hint}")


def select_rules(
    registry: Registry,
    select: Iterable[str],
    ignore: Iterable[str] = (),
) -> Registry:
    """The sub-registry of selected rules."""
    chosen, dropped = list(select), list(ignore)
    _check_known([*chosen, *dropped], registry)
    kept = []
    for r in registry:
        best_select = max((specificity(s, r.meta) for s in chosen), default=-1)
        best_ignore = max((specificity(s, r.meta) for s in dropped), default=-1)
        if best_select >= 0 and best_select > best_ignore:
            kept.append(r)
    return Registry(rules=tuple(kept))
