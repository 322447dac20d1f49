import math

import pytest

from bench.stats import percentile, ratio, summarise


def test_percentiles_interpolate_between_ranks():
    values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5]  # order does not matter
    assert percentile(values, 0) == 1
    assert percentile(values, 50) == 5.5
    assert percentile(values, 95) == pytest.approx(9.55)
    assert percentile(values, 99) == pytest.approx(9.91)
    assert percentile(values, 100) == 10


def test_one_sample_is_every_percentile_and_none_is_nan():
    assert percentile([42.0], 99) == 42.0
    assert math.isnan(percentile([], 50))


def test_percentile_outside_0_to_100_is_refused():
    with pytest.raises(ValueError):
        percentile([1, 2], 101)


def test_summary_counts_requests_per_second_and_errors():
    summary = summarise([10.0, 20.0, 30.0, 40.0], seconds=2.0, errors=1)
    assert summary["requests"] == 4
    assert summary["rps"] == 2.0
    assert summary["errors"] == 1
    assert summary["p50_ms"] == 25.0
    assert summarise([], seconds=1.0)["p95_ms"] is None


def test_ratio_needs_both_figures():
    assert ratio(20, 50) == 0.4
    assert ratio(None, 50) is None
    assert ratio(20, 0) is None
