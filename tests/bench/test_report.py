import json

from bench import report
from bench.budgets import evaluate

RESULTS = {
    "meta": {
        "date": "2026-11-22 10:00 UTC",
        "commit": "abc1234",
        "dirty": False,
        "machine": "2 cores",
        "database": "sqlite",
        "database_version": "SQLite 3.40.1",
        "quick": False,
        "scale_sizes": [10_000, 100_000],
        "gunicorn": "27.0.1",
        "load_client": "bench/load.py",
        "seconds": 600.0,
    },
    "certificates": {
        "issued": 500,
        "issuing_per_second": 9.0,
        "bare_per_second": 10.0,
        "ratio": 0.9,
        "size": 20480,
    },
}


def _results():
    results = json.loads(json.dumps(RESULTS))
    results["checks"] = [item.as_dict() for item in evaluate(results)]
    return results


def test_the_markdown_says_where_and_when_and_lists_each_budget():
    text = report.markdown(_results())
    assert text.startswith("## SQLite, full run")
    assert "commit `abc1234`" in text
    assert "| issuing path, share of bare WeasyPrint | 90 % | >= 80 % | PASS |" in text
    assert "| dashboard | not measured | <= 300 ms | **FAIL** |" in text


def test_a_run_replaces_only_its_own_section(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    report.update_markdown(path, "sqlite", "## SQLite\nfirst")
    report.update_markdown(path, "postgresql", "## PostgreSQL\nsecond")
    path.write_text(path.read_text() + "\nA note written by hand.\n")
    report.update_markdown(path, "sqlite", "## SQLite\nthird")
    text = path.read_text()
    assert text.startswith("# Benchmarks")
    assert "third" in text and "first" not in text
    assert "second" in text
    assert "A note written by hand." in text
    assert text.count("<!-- bench:sqlite -->") == 1


def test_results_are_written_as_json(tmp_path):
    path = tmp_path / "results" / "latest.json"
    report.write_json(_results(), path)
    assert json.loads(path.read_text())["meta"]["commit"] == "abc1234"
    assert report.section_key({"meta": {"database": "postgresql", "quick": True}}) == (
        "postgresql-quick"
    )


def test_the_console_table_counts_budgets_met_and_not():
    table = report.console_table(evaluate(RESULTS))
    assert "issuing path, share of bare WeasyPrint" in table
    assert table.rstrip().endswith("1 budgets met, 1 not met.")
