"""One dashboard's figures, gathered once and shown as page, CSV/XLSX, donor PDF and API.

`build()` runs a fixed number of queries (about a dozen) whatever the size of the programme;
`TABLES` turns its parts into plain header + rows for the exports."""

from __future__ import annotations

import copy
from dataclasses import replace
from functools import cached_property

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports import selectors
from reports.charts import Bar, bars
from reports.selectors import Filters, Row, compliance_rate, outcome_rate

FUNNEL = [
    ("invited", gettext_lazy("Invited or asked to join")),
    ("enrolled", gettext_lazy("Enrolled")),
    ("attended", gettext_lazy("Attended")),
    ("completed", gettext_lazy("Completed")),
    ("certified", gettext_lazy("Certified")),
]


class Dashboard:
    """The figures of one view, each part computed when first asked for (a table download
    computes only its table)."""

    def __init__(self, user, filters: Filters, today):
        self.user, self.filters, self.today = user, filters, today
        runs = selectors.runs_programme(user, filters.programme_id)
        self.facts = selectors.facts_for(user, filters, whole=runs)
        self.keep = None  # the groups shown (see `trimmed`); None: all
        self.how = selectors.counting(user, filters, whole=runs)
        # A whole programme seen by its officer: the same for all of them (snapshots).
        self.whole = self.how[0] == "first"
        self.from_snapshot = False

    @cached_property
    def _participants(self) -> selectors.Table:
        return selectors.participants_table(self.facts, self.filters, self.how)

    @cached_property
    def _follow_up(self) -> list[selectors.FollowUpRow]:
        return selectors.follow_up_table(self.facts, self.filters, self.today)

    @cached_property
    def _outcomes(self) -> list[selectors.Outcome]:
        return selectors.outcomes_table(self.facts, self.filters)

    @cached_property
    def by_month(self) -> list[dict]:
        return selectors.follow_up_by_month(self.facts, self.today)

    @cached_property
    def visits(self) -> int:
        return selectors.visits_held(self.user, self.filters)

    def _only(self, table: selectors.Table) -> selectors.Table:
        if self.keep is None:
            return table
        return selectors.Table(
            table.total, [row for row in table.rows if row.key in self.keep]
        )

    @property
    def participants(self) -> selectors.Table:
        return self._only(self._participants)

    @property
    def follow_up(self) -> list[selectors.FollowUpRow]:
        return [
            replace(checkpoint, table=self._only(checkpoint.table))
            for checkpoint in self._follow_up
        ]

    @property
    def outcomes(self) -> list[selectors.Outcome]:
        return [
            replace(outcome, table=self._only(outcome.table))
            for outcome in self._outcomes
        ]

    @property
    def total(self) -> Row:
        return self.participants.total

    @property
    def empty(self) -> bool:
        return not self.total.values.get("invited")

    @property
    def refreshed(self):
        return self.total.values.get("refreshed")

    @property
    def group_count(self) -> int:
        return len(self.participants.rows)

    def trimmed(self, most: int) -> Dashboard:
        """The same figures with only the `most` largest groups (by people invited), for a
        page that stays readable with hundreds of clusters; the downloads keep them all."""
        if len(self._participants.rows) <= most:
            return self
        largest = sorted(
            self._participants.rows, key=lambda row: -(row.values.get("invited") or 0)
        )[:most]
        shown = copy.copy(self)
        shown.keep = {row.key for row in largest}
        return shown

    def funnel_chart(self, link=None) -> list[Bar]:
        values = self.total.values
        return bars(
            [
                Bar(
                    str(label),
                    values.get(key) or 0,
                    _number(values.get(key) or 0, 0),
                    link(key, None) if link else "",
                )
                for key, label in FUNNEL
            ]
        )

    def month_chart(self) -> list[Bar]:
        return bars(
            [
                Bar(
                    _date(row["month"]),
                    row["rate"],
                    _pct(row["rate"]) + f" ({row['submitted']}/{row['due']})",
                )
                for row in self.by_month
            ],
            scale=100,
        )

    def follow_up_chart(self) -> list[Bar]:
        return bars(
            [
                Bar(
                    row.label,
                    compliance_rate(row.table.total),
                    _pct(compliance_rate(row.table.total)),
                )
                for row in self.follow_up
            ],
            scale=100,
        )


def outcome_headline(outcome, row: Row) -> tuple[float | None, str, bool]:
    """The one figure a chart shows for an indicator: (value, as printed, is a percentage)."""
    kind = outcome.kind
    if kind in ("yes_no", "choices"):
        rate = outcome_rate(kind, row)
        return rate, _pct(rate), True
    if kind == "percent":
        mean = row.values.get("mean")
        return mean, _number(mean, 1) + " %", False
    total = row.values.get("sum")
    return total, _number(total, 0), False


def outcome_matrix(view) -> list[dict]:
    """One row per group: each indicator's headline figure for that group."""
    found = {
        (outcome.indicator.pk, row.key): outcome_headline(outcome, row)[1]
        for outcome in view.outcomes
        for row in outcome.table.rows
    }
    return [
        {
            "key": group.key,
            "label": group.label,
            "cells": [
                (outcome.indicator.pk, found.get((outcome.indicator.pk, group.key)))
                for outcome in view.outcomes
            ],
        }
        for group in view.participants.rows
    ]


def outcome_chart(outcome) -> list[Bar]:
    items = []
    percent = False
    for row in outcome.table.rows:
        value, shown, percent = outcome_headline(outcome, row)
        items.append(Bar(row.label, value, shown))
    return bars(items, scale=100 if percent else None)


def build(user, filters: Filters, *, today=None) -> Dashboard:
    """The figures of one view; a whole programme's from its snapshot when one is fresh
    (else computed and kept: see `reports.snapshots`)."""
    from reports import snapshots

    view = Dashboard(user, filters, today or timezone.localdate())
    if view.whole:
        view.from_snapshot = snapshots.load(view)
        if not view.from_snapshot:
            snapshots.store(view)
    return view


# Printing ----------------------------------------------------------------------------------


def _pct(value) -> str:
    return "–" if value is None else f"{number_format(round(value), 0)}%"


def _number(value, places: int) -> str:
    if value is None:
        return "–"
    return number_format(round(value, places), places, force_grouping=True)


def _date(value) -> str:
    from django.utils.formats import date_format

    return date_format(value, "YEAR_MONTH_FORMAT") if value else ""


def _rows(table: selectors.Table) -> list[Row]:
    return [table.total, *table.rows]


def _round(value, places=1):
    return None if value is None else round(value, places)


def reach_table(dashboard):
    header = [_("Group"), *[label for _key, label in FUNNEL], _("Withdrew")]
    header.append(_("Went on an exposure visit"))
    rows = [
        [row.label, *[row.values.get(key) or 0 for key, _l in FUNNEL]]
        + [row.values.get("withdrawn") or 0, row.values.get("visited") or 0]
        for row in _rows(dashboard.participants)
    ]
    return header, rows


def learning_table(dashboard):
    header = [
        _("Group"),
        _("Attendance %"),
        _("Lessons done %"),
        _("Completed %"),
        _("Pre-test: mean %"),
        _("Pre-test: people"),
        _("Post-test: mean %"),
        _("Post-test: people"),
        _("Learning gain (points)"),
        _("Took both tests"),
        _("Passed the post-test %"),
    ]
    rows = [
        [
            row.label,
            _round(row.attendance),
            _round(row.lessons),
            _round(row.completion),
            _round(row.values.get("pre_mean")),
            row.values.get("pre_n") or 0,
            _round(row.values.get("post_mean")),
            row.values.get("post_n") or 0,
            _round(row.gain),
            row.values.get("both_n") or 0,
            _round(row.pass_rate),
        ]
        for row in _rows(dashboard.participants)
    ]
    return header, rows


def plans_table(dashboard):
    header = [
        _("Group"),
        _("No action plan"),
        _("Plan in draft"),
        _("Plan submitted"),
        _("Plan approved"),
    ]
    rows = [
        [
            row.label,
            row.values.get("plans_none") or 0,
            row.values.get("plans_draft") or 0,
            row.values.get("plans_submitted") or 0,
            row.values.get("plans_approved") or 0,
        ]
        for row in _rows(dashboard.participants)
    ]
    return header, rows


def follow_up_export(dashboard):
    header = [
        _("Checkpoint"),
        _("Group"),
        _("Reports owed"),
        _("Due so far"),
        _("Submitted"),
        _("Overdue"),
        _("Compliance %"),
    ]
    rows = []
    for checkpoint in dashboard.follow_up:
        label = checkpoint.label
        for row in _rows(checkpoint.table):
            rows.append(
                [
                    label,
                    row.label,
                    row.values.get("owed") or 0,
                    row.values.get("due") or 0,
                    row.values.get("submitted") or 0,
                    row.values.get("overdue") or 0,
                    _round(compliance_rate(row)),
                ]
            )
    return header, rows


def months_export(dashboard):
    header = [_("Month due"), _("Due"), _("Submitted"), _("Compliance %")]
    rows = [
        [row["month"], row["due"], row["submitted"], _round(row["rate"])]
        for row in dashboard.by_month
    ]
    return header, rows


def outcomes_export(dashboard):
    header = [
        _("Indicator"),
        _("Group"),
        _("Participants reporting"),
        _("Sum"),
        _("Mean"),
        _("Of whom women"),
        _("Of whom youth"),
        _("% yes or above zero"),
    ]
    rows = []
    for outcome in dashboard.outcomes:
        for row in _rows(outcome.table):
            rows.append(
                [
                    outcome.indicator.label(),
                    row.label,
                    row.values.get("n") or 0,
                    _round(row.values.get("sum"), 2),
                    _round(row.values.get("mean"), 2),
                    row.values.get("women"),
                    row.values.get("youth"),
                    _round(outcome_rate(outcome.kind, row)),
                ]
            )
    return header, rows


TABLES = {
    "reach": (gettext_lazy("Reach"), reach_table),
    "learning": (gettext_lazy("Attendance and learning"), learning_table),
    "plans": (gettext_lazy("Action plans"), plans_table),
    "follow-up": (gettext_lazy("Follow-up reports"), follow_up_export),
    "months": (gettext_lazy("Follow-up by month"), months_export),
    "outcomes": (gettext_lazy("Outcomes"), outcomes_export),
}
