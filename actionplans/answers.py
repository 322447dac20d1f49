"""A plan's answers: reading them from a form or from JSON, checking them before
submission, and laying them out beside the template's sections for display.

Answers are stored by section id:

- text:          {"text": "…"}
- swot:          {"strengths": "…", "weaknesses": "…", "opportunities": "…", "threats": "…"}
- action items:  {"items": [{"id": "…", "activity": "…", "responsible": "…", "start":
                  "2026-12-01", "due": "…", "cost": "…", "indicator": "…", "target": "…"}]}

A draft keeps whatever was typed (a half-written date too), so nothing is lost; the checks
that a plan is complete run only when it is submitted.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

TEXT_LIMIT = 5000
SHORT_LIMIT = 300
MAX_ITEMS = 30
SWOT = (
    ("strengths", gettext_lazy("Strengths")),
    ("weaknesses", gettext_lazy("Weaknesses")),
    ("opportunities", gettext_lazy("Opportunities")),
    ("threats", gettext_lazy("Threats")),
)
ITEM_FIELDS = (
    ("activity", pgettext_lazy("action item", "Activity")),
    ("responsible", gettext_lazy("Person responsible")),
    ("start", pgettext_lazy("action item", "Start")),
    ("due", pgettext_lazy("action item", "Due")),
    ("cost", gettext_lazy("Resources or cost")),
    ("indicator", gettext_lazy("Indicator")),
    ("target", gettext_lazy("Target")),
)
_ITEM_ID = re.compile(r"^[A-Za-z0-9-]{1,40}$")


def new_item_id() -> str:
    return uuid.uuid4().hex[:12]


def _text(value, limit=TEXT_LIMIT) -> str:
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    return value.replace("\r\n", "\n").strip()[:limit]


def _item(raw: dict) -> dict:
    item = {name: _text(raw.get(name, ""), SHORT_LIMIT) for name, _label in ITEM_FIELDS}
    item["activity"] = _text(raw.get("activity", ""), 1000)
    item_id = str(raw.get("id") or "")
    item["id"] = item_id if _ITEM_ID.match(item_id) else new_item_id()
    return item


def _blank(item: dict) -> bool:
    return not any(item[name] for name, _label in ITEM_FIELDS)


def clean(template, content) -> dict:
    """Keep only what the template asks for, as strings within limits; drop empty action
    rows. Accepts what a form or the API sent."""
    content = content if isinstance(content, dict) else {}
    cleaned = {}
    for section in template.sections:
        raw = content.get(section.id)
        raw = raw if isinstance(raw, dict) else {}
        if section.block_type == "text":
            cleaned[section.id] = {"text": _text(raw.get("text", ""))}
        elif section.block_type == "swot":
            cleaned[section.id] = {name: _text(raw.get(name, "")) for name, _l in SWOT}
        elif section.block_type == "action_items":
            rows = raw.get("items", [])
            rows = rows if isinstance(rows, list) else []
            items = [_item(row) for row in rows[:MAX_ITEMS] if isinstance(row, dict)]
            seen = set()
            for item in items:  # two rows with one id (a copied row) get their own
                if item["id"] in seen:
                    item["id"] = new_item_id()
                seen.add(item["id"])
            cleaned[section.id] = {
                "items": [item for item in items if not _blank(item)]
            }
    return cleaned


def read_form(template, data) -> dict:
    """The answers in a submitted form: `s-<section>-text`, `s-<section>-strengths` …,
    `s-<section>-<n>-<field>` for action rows (n from 0 to `s-<section>-rows`)."""
    content = {}
    for section in template.sections:
        prefix = f"s-{section.id}"
        if section.block_type == "text":
            content[section.id] = {"text": data.get(f"{prefix}-text", "")}
        elif section.block_type == "swot":
            content[section.id] = {
                name: data.get(f"{prefix}-{name}", "") for name, _l in SWOT
            }
        elif section.block_type == "action_items":
            try:
                rows = min(int(data.get(f"{prefix}-rows", 0)), MAX_ITEMS)
            except (TypeError, ValueError):
                rows = 0
            content[section.id] = {
                "items": [
                    {
                        name: data.get(f"{prefix}-{n}-{name}", "")
                        for name in ("id", *(name for name, _l in ITEM_FIELDS))
                    }
                    for n in range(rows)
                ]
            }
    return clean(template, content)


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def problems(template, content) -> dict[str, list[str]]:
    """What stops a plan from being submitted, by section id; empty when it is complete."""
    found: dict[str, list[str]] = {}
    for section in template.sections:
        value = content.get(section.id, {})
        required = section.value.get("required", True)
        errors = []
        if section.block_type == "text":
            if required and not value.get("text"):
                errors.append(_("Please write something here."))
        elif section.block_type == "swot":
            if required:
                for name, label in SWOT:
                    if not value.get(name):
                        errors.append(
                            _("%(part)s: please fill this in.") % {"part": label}
                        )
        elif section.block_type == "action_items":
            items = value.get("items", [])
            least = section.value.get("min_items") or 0
            if required and len(items) < max(least, 1):
                errors.append(
                    _("Please add at least %(count)s action(s).")
                    % {"count": max(least, 1)}
                )
            for n, item in enumerate(items, start=1):
                if not item.get("activity"):
                    errors.append(
                        _("Action %(n)s: say what the activity is.") % {"n": n}
                    )
                start, due = item.get("start"), item.get("due")
                if not due:
                    errors.append(_("Action %(n)s: give a due date.") % {"n": n})
                for raw in (start, due):
                    if raw and _date(raw) is None:
                        errors.append(
                            _("Action %(n)s: “%(value)s” is not a date.")
                            % {"n": n, "value": raw}
                        )
                if _date(start) and _date(due) and _date(due) < _date(start):
                    errors.append(
                        _("Action %(n)s: the due date is before the start.") % {"n": n}
                    )
        if errors:
            found[section.id] = errors
    return found


@dataclass
class Section:
    id: str
    kind: str
    title: str
    help: str
    required: bool
    answer: dict
    comments: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    changed: bool = False

    @property
    def swot(self):
        return [(name, label, self.answer.get(name, "")) for name, label in SWOT]

    @property
    def items(self):
        return self.answer.get("items", [])

    @property
    def item_rows(self):
        """Each action item with its fields as (name, label, value, input type), then one
        blank row for a new action. A date typed some other way (through the API) stays a
        text box, so the browser's date box does not blank it."""

        def kind(name, value):
            if name in ("start", "due") and (not value or _date(value)):
                return "date"
            return "text"

        rows = [
            (
                item,
                [
                    (name, label, item.get(name, ""), kind(name, item.get(name, "")))
                    for name, label in ITEM_FIELDS
                ],
            )
            for item in self.items
        ]
        blank = {"id": new_item_id()}  # a new row has its id from the start
        rows.append(
            (blank, [(name, label, "", kind(name, "")) for name, label in ITEM_FIELDS])
        )
        return rows

    @property
    def text(self):
        return self.answer.get("text", "")


def layout(
    template, content, *, previous=None, comments=None, errors=None
) -> list[Section]:
    """The template's sections with their answers (and what changed since `previous`, the
    reviewers' comments and the submission problems) for a page or the PDF."""
    comments = comments or {}
    errors = errors or {}
    sections = []
    for block in template.sections:
        answer = content.get(block.id) or {}
        sections.append(
            Section(
                id=block.id,
                kind=block.block_type,
                title=block.value["title"],
                help=block.value.get("help") or "",
                required=block.value.get("required", True),
                answer=answer,
                comments=comments.get(block.id, []),
                errors=errors.get(block.id, []),
                changed=previous is not None
                and (previous.get(block.id) or {}) != answer,
            )
        )
    return sections


def item_fields():
    return ITEM_FIELDS
