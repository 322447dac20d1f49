"""Writing a run down: the console table, `bench/results/*.json` and the run's section of
BENCHMARKS.md. Pure apart from the files it is told to write."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.budgets import FAIL, PASS, Check

INTRO = """# Benchmarks

Written by `make bench` (see README.md, "Benchmarks"): each section between
`<!-- bench:… -->` markers is replaced by the next run of its kind (full or `QUICK=1`, per
database); the rest of this file is written by hand. Budgets come from issue #11.
"""


def console_table(checks: list[Check]) -> str:
    width = max((len(item.label) for item in checks), default=20)
    lines, section = [], None
    for item in checks:
        if item.section != section:
            section = item.section
            lines.append(f"\n{section}")
        verdict = item.verdict if item.verdict in (PASS, FAIL) else ""
        lines.append(
            f"  {item.label:<{width}}  {item.shown:>14}  {item.budget:>10}  {verdict}"
        )
    passed = sum(item.verdict == PASS for item in checks)
    failed = sum(item.verdict == FAIL for item in checks)
    lines.append(f"\n{passed} budgets met, {failed} not met.")
    return "\n".join(lines)


def write_json(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def section_key(results: dict) -> str:
    meta = results["meta"]
    return f"{meta['database']}{'-quick' if meta.get('quick') else ''}"


def markdown(results: dict) -> str:
    """The run as Markdown: where and when, then one table per measurement."""
    meta = results["meta"]
    title = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(
        meta["database"], meta["database"]
    )
    kind = "quick run (`QUICK=1`)" if meta.get("quick") else "full run"
    out = [
        f"## {title}, {kind}",
        "",
        f"- Date: {meta['date']}; commit `{meta['commit']}`"
        + (" (with uncommitted changes)" if meta.get("dirty") else ""),
        f"- Machine: {meta['machine']}",
        f"- Database: {meta['database_version']}; data: `seed_demo` plus `seed_scale` "
        f"({', '.join(f'{size:,}' for size in meta['scale_sizes'])} participants; "
        f"latency and pages measured on the last)",
        f"- Server: gunicorn {meta['gunicorn']}, `lms.settings.production`, DEBUG off, "
        f"static files by WhiteNoise (compressed, cached); load from {meta['load_client']}",
        f"- Took {meta['seconds']:.0f} s. {meta.get('note', '')}".rstrip(),
        "",
    ]
    checks = results.get("checks", [])
    out += _pages(results.get("pages", {}))
    out += _load(results.get("load", {}))
    out += _scale(results.get("scale", {}))
    out += _certificates(results.get("certificates", {}))
    out += [
        "### Budgets",
        "",
        "| measure | value | budget | result |",
        "|---|---|---|---|",
    ]
    for item in checks:
        if item["verdict"] in (PASS, FAIL):
            verdict = "**FAIL**" if item["verdict"] == FAIL else PASS
            out.append(
                f"| {item['label']} | {item['shown']} | {item['budget']} | {verdict} |"
            )
    out.append("")
    return "\n".join(out)


def _pages(pages: dict) -> list[str]:
    if not pages:
        return []
    out = [
        "### 1. Page cost for a participant (phone, Chromium)",
        "",
        "Transferred bytes (compressed, with headers) per type on the first load (fetch: "
        "requests made by scripts; other: the service worker script, the manifest and what "
        "the service worker fetched itself); the repeat visit in the same browser; "
        "text visible = the last text paint of the largest contentful paint, under slow 3G "
        "(400 ms, 400 kbit/s) with 4x CPU slowdown.",
        "",
        "| page | requests | document | CSS | JS | images | fetch | other "
        "| first load, no images | repeat visit | text visible | no JS |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, page in pages.items():
        first = page.get("first") or {}
        types = first.get("by_type", {})
        known = ("Document", "Stylesheet", "Script", "Image", "Fetch")
        other = sum(v["bytes"] for k, v in types.items() if k not in known)
        slow = page.get("slow3g") or {}
        repeat = page.get("repeat") or {}
        visible = slow.get("text_visible_ms")
        out.append(
            f"| {name} | {first.get('requests', '—')} | "
            + " | ".join(_kb(types.get(k, {}).get("bytes")) for k in known)
            + f" | {_kb(other)} | {_kb(first.get('bytes_no_images'))} | "
            f"{_kb(repeat.get('bytes'))} ({repeat.get('requests', '—')} req) | "
            + ("—" if visible is None else f"{visible / 1000:.2f} s")
            + f" | {'yes' if (page.get('no_js') or {}).get('reads') else 'no'} |"
        )
    return [*out, ""]


def _load(load: dict) -> list[str]:
    scenarios = load.get("scenarios", {})
    if not scenarios:
        return []
    floor = scenarios.get("floor", {})
    beside = any(
        isinstance(row, dict) and row.get("floor_rps")
        for scenario in scenarios.values()
        for row in scenario.values()
    )
    out = [
        "### 2. Server latency and throughput (loopback)",
        "",
        f"Each phase {load.get('seconds')} s after a warm-up; "
        f"{load.get('workers')} gunicorn sync workers. × floor = requests per second as a "
        "share of the floor endpoint's at the same concurrency, "
        + (
            "measured again just before each phase (the floor rows are its first phase)."
            if beside
            else "from the floor rows."
        ),
        "",
        "| endpoint | concurrency | p50 ms | p95 ms | p99 ms | req/s | × floor | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, scenario in scenarios.items():
        for level in load.get("concurrency", []):
            row = scenario.get(f"c{level}")
            if not row:
                continue
            base = row.get("floor_rps") or (floor.get(f"c{level}") or {}).get("rps")
            share = f"{row['rps'] / base:.0%}" if base and name != "floor" else ""
            out.append(
                f"| {scenario.get('label', name)} | {level} | {row['p50_ms']} | "
                f"{row['p95_ms']} | {row['p99_ms']} | {row['rps']} | {share} | "
                f"{row['errors']} |"
            )
    return [*out, ""]


def _scale(scale: dict) -> list[str]:
    runs = scale.get("runs") or []
    if not runs:
        return []
    header = "| page | " + " | ".join(
        f"{run['participants']:,}: computed ms (queries) | kept ms (queries)"
        for run in runs
    )
    out = [
        "### 3. Scale: the biggest programme's dashboard and exports (in-process)",
        "",
        "`manage.py bench_reports`: median server time through Django's test client, "
        "computed from the facts (no snapshot) and kept (from the snapshot).",
        "",
        header + " |",
        "|---|" + "---|---|" * len(runs),
    ]
    pages = [row["page"] for row in runs[0]["results"]]
    for page in pages:
        cells = []
        for run in runs:
            row = next((r for r in run["results"] if r["page"] == page), None)
            if row is None:
                cells += ["—", "—"]
                continue
            cells.append(f"{row['computed_median_ms']:.0f} ({row['computed_queries']})")
            cells.append(f"{row['kept_median_ms']:.0f} ({row['kept_queries']})")
        out.append(f"| {page} | " + " | ".join(cells) + " |")
    return [*out, ""]


def _certificates(figures: dict) -> list[str]:
    if not figures:
        return []
    return [
        "### 4. Certificates",
        "",
        f"{figures['issued']} certificates through the issuing path "
        f"(`certificates.services.issue`): {figures['issuing_per_second']:.1f} PDFs/s; "
        f"bare WeasyPrint render of the same HTML: {figures['bare_per_second']:.1f}/s "
        f"({figures['ratio']:.0%}); {figures['size'] / 1024:.0f} KB each.",
        "",
    ]


def _kb(size) -> str:
    return "—" if size is None else f"{size / 1024:.1f} KB"


def update_markdown(path: Path, key: str, section: str) -> None:
    """Replace (or append) the run's section between its markers, keeping the rest."""
    text = path.read_text() if path.exists() else INTRO
    start, end = f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"
    block = f"{start}\n{section.rstrip()}\n{end}"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)


if (
    __name__ == "__main__"
):  # `python -m bench.report FILE.json …`: rewrite those sections
    import sys

    root = Path(__file__).resolve().parent.parent
    for name in sys.argv[1:]:
        saved = json.loads(Path(name).read_text())
        update_markdown(root / "BENCHMARKS.md", section_key(saved), markdown(saved))
