"""Percentiles and summaries of timed samples: pure functions, tested without timing."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) by linear interpolation between closest ranks, as
    numpy's default does; NaN for no values."""
    if not 0 <= p <= 100:
        raise ValueError("p must be between 0 and 100")
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    if low == high:
        return float(ordered[low])
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise(latencies_ms: Sequence[float], seconds: float, errors: int = 0) -> dict:
    """What one load phase reports: count, errors, requests per second, p50/p95/p99."""
    count = len(latencies_ms)
    return {
        "requests": count,
        "errors": errors,
        "seconds": round(seconds, 2),
        "rps": round(count / seconds, 1) if seconds > 0 else 0.0,
        "p50_ms": round(percentile(latencies_ms, 50), 1) if count else None,
        "p95_ms": round(percentile(latencies_ms, 95), 1) if count else None,
        "p99_ms": round(percentile(latencies_ms, 99), 1) if count else None,
    }


def ratio(value: float | None, floor: float | None) -> float | None:
    """value / floor, or None when either is missing or the floor is zero."""
    if value is None or not floor:
        return None
    return value / floor
