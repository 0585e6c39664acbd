"""Inline SVG charts for the HTML report: a score gauge and horizontal bar charts (no scripts)."""

from __future__ import annotations

import math
from html import escape

GRADE_COLORS = {"A": "#1a7f37", "B": "#4d8f2a", "C": "#b8860b", "D": "#d4691c", "E": "#c2410c", "F": "#b42318"}
SEVERITY_COLORS = {"critical": "#9f1239", "high": "#e8590c", "medium": "#d4a017", "low": "#2f6fb0",
                   "info": "#6b7280"}


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _point(cx: float, cy: float, r: float, fraction: float) -> tuple[float, float]:
    angle = math.pi * (1 - fraction)
    return cx + r * math.cos(angle), cy - r * math.sin(angle)


def _arc(cx: float, cy: float, r: float, start: float, end: float) -> str:
    x1, y1 = _point(cx, cy, r, start)
    x2, y2 = _point(cx, cy, r, end)
    return f"M {_num(x1)} {_num(y1)} A {_num(r)} {_num(r)} 0 0 1 {_num(x2)} {_num(y2)}"


def gauge(value: int, grade: str, caption: str) -> str:
    """A half-circle gauge from 0 to 100 with the value and grade in the middle."""
    color = GRADE_COLORS.get(grade, "#6b7280")
    cx, cy, r = 110, 110, 90
    fill = max(0.0, min(value, 100) / 100)
    value_arc = (f'<path d="{_arc(cx, cy, r, 0, fill)}" stroke="{color}" stroke-width="18" fill="none" '
                 f'stroke-linecap="round"/>') if fill > 0 else ""
    return (
        f'<svg class="gauge" viewBox="0 0 220 140" role="img" aria-label="Posture score {value} of 100, grade {grade}">'
        f'<path d="{_arc(cx, cy, r, 0, 1)}" stroke="#e5e7eb" stroke-width="18" fill="none" stroke-linecap="round"/>'
        f"{value_arc}"
        f'<text x="{cx}" y="{cy - 18}" text-anchor="middle" class="gauge-value" fill="#111827">{value}</text>'
        f'<text x="{cx}" y="{cy + 8}" text-anchor="middle" class="gauge-caption" fill="#6b7280">{escape(caption)}</text>'
        f'<text x="{cx}" y="{cy + 28}" text-anchor="middle" class="gauge-grade" fill="{color}">Grade {escape(grade)}</text>'
        "</svg>"
    )


def bars(rows: list[tuple[str, float, str, str]], maximum: float, label: str) -> str:
    """Horizontal bars: (label, value, colour, text after the bar) per row; long labels are shortened."""
    height = 30 * len(rows) + 10
    top = max(maximum, 1)
    parts = [f'<svg class="bars" viewBox="0 0 540 {height}" role="img" aria-label="{escape(label)}">']
    for i, (name, value, color, text) in enumerate(rows):
        y = 8 + i * 30
        width = 250 * value / top
        short = name if len(name) <= 22 else name[:21] + "…"
        parts.append(f'<text x="0" y="{y + 15}" class="bar-label"><title>{escape(name)}</title>{escape(short)}</text>')
        parts.append(f'<rect x="140" y="{y + 2}" width="250" height="18" rx="4" fill="#f3f4f6"/>')
        if width > 0:
            parts.append(f'<rect x="140" y="{y + 2}" width="{_num(width)}" height="18" rx="4" fill="{color}"/>')
        parts.append(f'<text x="398" y="{y + 15}" class="bar-value">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)
