"""The budgets of issue #11 and their PASS/FAIL against a run's figures. Pure: it reads the
results dictionary that `run.py` builds and never times anything itself."""

from __future__ import annotations

import operator
from dataclasses import asdict, dataclass

PASS, FAIL, INFO = "PASS", "FAIL", "INFO"

FIRST_LOAD_KB = 60  # participant page, first load, images not counted
REPEAT_KB = 10  # the same page visited again
TEXT_VISIBLE_S = 3.0  # slow 3G (400 ms, 400 kbit/s) and 4x CPU slowdown
LESSON_SHARE_OF_FLOOR = 0.40  # lesson page requests per second / floor's
LESSON_P95_MS = 50  # at concurrency 8
DASHBOARD_MS = 300  # server time at the largest data set
CERTIFICATE_SHARE = 0.80  # issuing path / bare WeasyPrint

OPS = {"<=": operator.le, ">=": operator.ge, "==": operator.eq}


@dataclass
class Check:
    section: str
    label: str
    value: object  # a number, a bool, or None when not measured
    shown: str
    budget: str
    verdict: str

    def as_dict(self) -> dict:
        return asdict(self)


def check(section, label, value, op=None, limit=None, unit="", digits=1) -> Check:
    """One figure, held against `op limit` when a budget applies. A figure that has a
    budget but was not measured fails: a budget nobody checked is not met."""
    shown = _show(value, unit, digits)
    if op is None:
        return Check(section, label, value, shown, "", INFO)
    budget = f"{op} {_show(limit, unit, digits)}"
    if value is None:
        return Check(section, label, None, "not measured", budget, FAIL)
    verdict = PASS if OPS[op](value, limit) else FAIL
    return Check(section, label, value, shown, budget, verdict)


def _show(value, unit: str, digits: int) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if unit == "%":
        return f"{value * 100:.0f} %"
    if isinstance(value, float):
        return f"{value:.{digits}f}{' ' + unit if unit else ''}"
    return f"{value}{' ' + unit if unit else ''}"


def evaluate(results: dict) -> list[Check]:
    return [
        *page_checks(results.get("pages", {})),
        *load_checks(results.get("load", {})),
        *scale_checks(results.get("scale", {})),
        *certificate_checks(results.get("certificates", {})),
    ]


def page_checks(pages: dict) -> list[Check]:
    checks = []
    for name, page in pages.items():
        section = "Page cost"
        first = page.get("first") or {}
        repeat = page.get("repeat") or {}
        slow = page.get("slow3g") or {}
        no_js = page.get("no_js") or {}
        kb = _kb(first.get("bytes_no_images"))
        checks.append(
            check(
                section, f"{name}: first load, no images", kb, "<=", FIRST_LOAD_KB, "KB"
            )
        )
        checks.append(
            check(
                section,
                f"{name}: images on first load",
                _kb(first.get("image_bytes")),
                unit="KB",
            )
        )
        checks.append(
            check(
                section,
                f"{name}: repeat visit",
                _kb(repeat.get("bytes")),
                "<=",
                REPEAT_KB,
                "KB",
            )
        )
        seconds = slow.get("text_visible_ms")
        checks.append(
            check(
                section,
                f"{name}: text visible, slow 3G + 4x CPU",
                None if seconds is None else seconds / 1000,
                "<=",
                TEXT_VISIBLE_S,
                "s",
                digits=2,
            )
        )
        checks.append(
            check(
                section,
                f"{name}: reads without JavaScript",
                no_js.get("reads"),
                "==",
                True,
            )
        )
    return checks


def load_checks(load: dict) -> list[Check]:
    checks = []
    scenarios = load.get("scenarios", {})
    floor = scenarios.get("floor", {})
    for name, scenario in scenarios.items():
        for level in load.get("concurrency", []):
            key = f"c{level}"
            figures = scenario.get(key)
            if not figures:
                continue
            share = _share(figures, floor.get(key))
            label = f"{scenario.get('label', name)}, concurrency {level}"
            section = "Server latency"
            if name == "lesson":
                checks.append(
                    check(
                        section,
                        f"{label}: req/s share of floor",
                        share,
                        ">=",
                        LESSON_SHARE_OF_FLOOR,
                        "%",
                    )
                )
                if level == 8:
                    checks.append(
                        check(
                            section,
                            f"{label}: p95",
                            figures.get("p95_ms"),
                            "<=",
                            LESSON_P95_MS,
                            "ms",
                        )
                    )
            if figures.get("errors"):
                checks.append(
                    check(
                        section, f"{label}: failed requests", figures["errors"], "==", 0
                    )
                )
    return checks


def scale_checks(scale: dict) -> list[Check]:
    runs = scale.get("runs") or []
    if not runs:
        return [check("Scale", "dashboard", None, "<=", DASHBOARD_MS, "ms")]
    checks = []
    largest = max(runs, key=lambda run: run["participants"])
    size = f"{largest['participants']:,} participants"
    for row in largest["results"]:
        if row["page"].startswith("dashboard"):
            for kind in ("computed", "kept"):
                checks.append(
                    check(
                        "Scale",
                        f"{row['page']} ({kind}) at {size}",
                        row[f"{kind}_median_ms"],
                        "<=",
                        DASHBOARD_MS,
                        "ms",
                        digits=0,
                    )
                )
    for page in [row["page"] for row in largest["results"]]:
        for kind in ("computed", "kept"):
            counts = [
                row[f"{kind}_queries"]
                for run in runs
                for row in run["results"]
                if row["page"] == page
            ]
            if len(counts) < 2:
                continue
            item = check(
                "Scale",
                f"{page} ({kind}): SQL queries per request, constant",
                len(set(counts)) == 1,
                "==",
                True,
            )
            item.shown = " / ".join(str(count) for count in counts)
            checks.append(item)
    return checks


def certificate_checks(figures: dict) -> list[Check]:
    return [
        check(
            "Certificates",
            "issuing path, share of bare WeasyPrint",
            figures.get("ratio"),
            ">=",
            CERTIFICATE_SHARE,
            "%",
        )
    ]


def _kb(size) -> float | None:
    return None if size is None else size / 1024


def _share(figures, floor) -> float | None:
    """Requests per second as a share of the floor's: the floor measured beside this
    phase when there is one, else the floor's own phase at the same concurrency."""
    base = (figures or {}).get("floor_rps") or (floor or {}).get("rps")
    if not figures or not base:
        return None
    return figures["rps"] / base


def failed(checks: list[Check]) -> list[Check]:
    return [item for item in checks if item.verdict == FAIL]
