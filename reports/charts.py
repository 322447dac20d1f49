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
    negative: bool = False  # drawn in the warning colour, as long as its size


def bars(items: list[Bar], *, scale: float | None = None) -> list[Bar]:
    """Set each bar's width: against `scale` (100 for percentages) or the largest size
    (a fall in sales of 10 % is as long as a rise of 10 %, in another colour)."""
    top = scale or max((abs(bar.value or 0) for bar in items), default=0)
    for bar in items:
        size = abs(bar.value or 0)
        bar.negative = (bar.value or 0) < 0
        bar.width = min(round(100 * size / top, 1), 100.0) if top else 0.0
    return items
