from bench import budgets
from bench.budgets import FAIL, INFO, PASS, check, evaluate


def _verdicts(results):
    return {item.label: item.verdict for item in evaluate(results)}


def test_a_figure_within_its_budget_passes_and_one_over_fails():
    assert check("Page cost", "x", 59.9, "<=", 60, "KB").verdict == PASS
    assert check("Page cost", "x", 60.1, "<=", 60, "KB").verdict == FAIL
    assert check("Certificates", "x", 0.8, ">=", 0.8, "%").verdict == PASS
    assert check("Certificates", "x", 0.8, ">=", 0.8, "%").shown == "80 %"


def test_a_budget_that_was_not_measured_fails_and_a_figure_without_one_informs():
    assert check("Scale", "x", None, "<=", 300, "ms").verdict == FAIL
    assert check("Scale", "x", 12.0, unit="ms").verdict == INFO


def test_page_budgets():
    page = {
        "first": {"bytes_no_images": 70 * 1024, "image_bytes": 500 * 1024},
        "repeat": {"bytes": 4 * 1024},
        "slow3g": {"text_visible_ms": 2500},
        "no_js": {"reads": False},
    }
    verdicts = _verdicts({"pages": {"lesson": page}})
    assert verdicts["lesson: first load, no images"] == FAIL  # 70 KB > 60 KB
    assert verdicts["lesson: repeat visit"] == PASS
    assert verdicts["lesson: text visible, slow 3G + 4x CPU"] == PASS
    assert verdicts["lesson: reads without JavaScript"] == FAIL
    assert verdicts["lesson: images on first load"] == INFO  # images are not budgeted


def test_lesson_throughput_is_held_against_the_floor_at_each_concurrency():
    def phase(rps, p95=10.0):
        return {"rps": rps, "p95_ms": p95, "errors": 0}

    load = {
        "concurrency": [1, 8],
        "scenarios": {
            "floor": {"label": "floor", "c1": phase(100), "c8": phase(200)},
            "lesson": {"label": "lesson", "c1": phase(50), "c8": phase(60, p95=80)},
        },
    }
    verdicts = _verdicts({"load": load})
    assert verdicts["lesson, concurrency 1: req/s share of floor"] == PASS  # 50 %
    assert verdicts["lesson, concurrency 8: req/s share of floor"] == FAIL  # 30 %
    assert verdicts["lesson, concurrency 8: p95"] == FAIL  # 80 ms > 50 ms


def test_dashboard_queries_must_not_grow_with_the_data():
    def run(size, queries, ms):
        return {
            "participants": size,
            "results": [
                {
                    "page": "dashboard",
                    "computed_median_ms": ms,
                    "computed_queries": queries,
                    "kept_median_ms": ms / 2,
                    "kept_queries": 9,
                }
            ],
        }

    verdicts = _verdicts(
        {"scale": {"runs": [run(10_000, 20, 90), run(100_000, 21, 250)]}}
    )
    assert verdicts["dashboard (computed): SQL queries per request, constant"] == FAIL
    assert verdicts["dashboard (kept): SQL queries per request, constant"] == PASS
    assert verdicts["dashboard (computed) at 100,000 participants"] == PASS


def test_missing_measurements_fail_rather_than_vanish():
    labels = {item.label: item.verdict for item in evaluate({})}
    assert labels["dashboard"] == FAIL
    assert labels["issuing path, share of bare WeasyPrint"] == FAIL
    assert budgets.failed(evaluate({}))


def test_the_floor_measured_beside_a_phase_is_the_one_it_is_held_against():
    load = {
        "concurrency": [8],
        "scenarios": {
            "floor": {"label": "floor", "c8": {"rps": 400, "errors": 0}},
            "lesson": {
                "label": "lesson",
                "c8": {"rps": 90, "floor_rps": 200, "p95_ms": 40, "errors": 0},
            },
        },
    }
    checks = {item.label: item for item in evaluate({"load": load})}
    share = checks["lesson, concurrency 8: req/s share of floor"]
    assert share.value == 0.45  # 90 / 200, not 90 / 400
    assert share.verdict == PASS
