"""`make bench`: Cluster Academy's speed measured against budgets, beside a floor endpoint
served by the same gunicorn in the same run. `run.py` drives it; see BENCHMARKS.md."""
