"""Bar charts drawn on the server: each bar is a tiny inline SVG (a rectangle scaled to its
share), its label and value plain HTML text, so every script is shaped by the browser (and by
WeasyPrint in the donor report) and the chart costs a few hundred bytes. The table the chart
comes from is always printed underneath it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Bar:
    label: str
    value: float | None
    shown: str  # the value as printed
    url: str = ""

    width: float = 0.0  # 0–100, share of the longest bar (or of 100 for percentages)


def bars(items: list[Bar], *, scale: float | None = None) -> list[Bar]:
    """Set each bar's width: against `scale` (100 for percentages) or the largest value."""
    top = scale or max((bar.value or 0 for bar in items), default=0)
    for bar in items:
        bar.width = round(100 * (bar.value or 0) / top, 1) if top else 0.0
        bar.width = min(bar.width, 100.0)
    return items
