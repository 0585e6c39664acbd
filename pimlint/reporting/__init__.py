"""Stage 7: renderers. Each is a pure function ``RunResult -> str``; none computes findings."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pimlint.result import RunResult

_RENDERERS = {
    "text": ("pimlint.reporting.text", "render_text"),
    "json": ("pimlint.reporting.json_report", "render_json"),
    "sarif": ("pimlint.reporting.sarif", "render_sarif"),
    "junit": ("pimlint.reporting.junit", "render_junit"),
    "csv": ("pimlint.reporting.csv_report", "render_csv"),
    "markdown": ("pimlint.reporting.markdown", "render_markdown"),
    "html": ("pimlint.reporting.html", "render_html"),
    "github": ("pimlint.reporting.github", "render_github"),
}
FORMATS = tuple(_RENDERERS)
EXTENSIONS = {"text": "txt", "json": "json", "sarif": "sarif", "junit": "xml", "csv": "csv", "markdown": "md",
              "html": "html", "github": "txt"}


_OPTIONS = {
    "text": frozenset(("show_not_evaluated", "verbose", "show_waived")),
    "sarif": frozenset(("include_suppressed",)),
}
"""The options each renderer takes; ``render`` passes a renderer only its own."""


def render(result: RunResult, fmt: str, **options: object) -> str:
    """Render a result in one of ``FORMATS`` (imports only the renderer asked for).

    ``options`` may hold any renderer's options (text: ``show_not_evaluated``, ``verbose``,
    ``show_waived``; sarif: ``include_suppressed``): each renderer gets only its own.
    """
    module, name = _RENDERERS[fmt]
    renderer = getattr(importlib.import_module(module), name)
    own = _OPTIONS.get(fmt, frozenset())
    return renderer(result, **{k: v for k, v in options.items() if k in own})  # type: ignore[no-any-return]
