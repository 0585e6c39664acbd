"""Stage 7: renderers. Each is a pure function ``RunResult -> str``; none computes findings."""

from __future__ import annotations

FORMATS = ("text", "json")


def render(result: object, fmt: str, **options: object) -> str:
    """Render a result in one of ``FORMATS`` (imports only the renderer asked for)."""
    if fmt == "json":
        from pimlint.reporting.json_report import render_json

        return render_json(result)  # type: ignore[arg-type]
    from pimlint.reporting.text import render_text

    return render_text(result, **options)  # type: ignore[arg-type]
