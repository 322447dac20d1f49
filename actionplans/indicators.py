"""The standard outcome indicators, their labels in every language, and how a value is read
from a form and shown back.

The standard rows are created by a migration with these codes; their names come from the
message catalogues (so they read in Khmer without anyone typing them in). Programme-specific
indicators carry their own names per language (`Indicator.names`)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CERTIFICATIONS = ["HACCP", "ISO 9001", "ISO 22000", "GMP", "Organic", "Fair trade"]
# Options stored as written above; these are shown in the reader's language.
OPTION_LABELS = {
    "Organic": gettext_lazy("Organic"),
    "Fair trade": gettext_lazy("Fair trade"),
}


def option_label(option: str) -> str:
    return str(OPTION_LABELS.get(option, option))


# code: (kind, label, help, options)
STANDARD = {
    "sales_change": (
        "percent",
        gettext_lazy("Change in sales"),
        gettext_lazy("Compared with before the training, in per cent (−20, 0, 35 …)."),
        [],
    ),
    "new_buyers": (
        "number",
        gettext_lazy("New buyers or markets"),
        gettext_lazy("How many new buyers, shops or markets since the training."),
        [],
    ),
    "jobs_created": (
        "people",
        gettext_lazy("Jobs created"),
        gettext_lazy("New jobs in the business, and how many went to women and youth."),
        [],
    ),
    "certifications": (
        "choices",
        gettext_lazy("Certifications obtained"),
        gettext_lazy("Every certificate or registration obtained since the training."),
        CERTIFICATIONS,
    ),
    "bank_account": (
        "yes_no",
        gettext_lazy("Opened a bank account"),
        "",
        [],
    ),
    "loan": (
        "yes_no",
        gettext_lazy("Obtained a loan"),
        "",
        [],
    ),
    "new_products": (
        "yes_no",
        gettext_lazy("New or diversified products"),
        "",
        [],
    ),
    "exporting": (
        "yes_no",
        gettext_lazy("Started exporting"),
        "",
        [],
    ),
}


LARGEST = Decimal("1e12")  # the number column holds 12 digits before the point
MOST_PEOPLE = 2_147_483_647  # a positive integer column


def standard_label(code: str):
    entry = STANDARD.get(code)
    return entry[1] if entry else None


def standard_help(code: str):
    entry = STANDARD.get(code)
    return entry[2] if entry else ""


def for_programme(programme):
    """The indicators a programme's follow-up reports ask for, in order."""
    from django.db.models import Q

    from actionplans.models import Indicator

    return (
        Indicator.objects.filter(
            Q(programme__isnull=True) | Q(programme=programme), active=True
        )
        .exclude(hidden_for=programme)
        .order_by("position", "pk")
    )


class AnswerError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _number(raw: str, *, allow_negative: bool) -> Decimal | None:
    raw = (raw or "").strip().replace(",", ".").replace("−", "-").replace("%", "")
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise AnswerError(_("Enter a number.")) from None
    if not value.is_finite() or abs(value) >= LARGEST:
        raise AnswerError(_("Enter a number.")) from None
    if value < 0 and not allow_negative:
        raise AnswerError(_("Enter zero or more."))
    value = value.quantize(Decimal("0.01"))
    if abs(value) >= LARGEST:  # 999999999999.999 rounds up past the column
        raise AnswerError(_("Enter a number."))
    return value


def _count(raw: str) -> int | None:
    value = _number(raw, allow_negative=False)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise AnswerError(_("Enter a whole number."))
    if value > MOST_PEOPLE:
        raise AnswerError(_("Enter a number."))
    return int(value)


def read(indicator, data, prefix: str) -> dict:
    """Read one indicator's answer from form data (`prefix` + suffixes). Returns the fields
    for `IndicatorValue`; raises `AnswerError` with a message for the person."""
    kind = indicator.kind
    get = data.get
    if kind == "percent":
        return {"number": _number(get(prefix, ""), allow_negative=True)}
    if kind == "number":
        return {"number": _count(get(prefix, ""))}
    if kind == "people":
        total = _count(get(prefix, ""))
        women = _count(get(prefix + "-women", ""))
        youth = _count(get(prefix + "-youth", ""))
        if total is not None and ((women or 0) > total or (youth or 0) > total):
            raise AnswerError(_("Women or youth cannot be more than the total."))
        if total is None and (women or youth):
            raise AnswerError(_("Enter the total as well."))
        return {"number": total, "women": women, "youth": youth}
    if kind == "yes_no":
        raw = get(prefix, "")
        return {"yes": {"yes": True, "no": False}.get(raw)}
    if kind == "choices":
        chosen = [
            value
            for value in data.getlist(prefix)
            if isinstance(value, str) and value in indicator.choices
        ]
        return {"choices": chosen}
    text = (get(prefix, "") or "").strip()
    if len(text) > 2000:
        raise AnswerError(_("Keep it under 2000 characters."))
    return {"text": text}


def is_empty(fields: dict) -> bool:
    return all(value in (None, "", []) for value in fields.values())


def display_value(value) -> str:
    kind = value.indicator.kind
    if kind == "percent":
        return "" if value.number is None else f"{number_format(value.number, 0)} %"
    if kind == "number":
        return "" if value.number is None else number_format(value.number, 0)
    if kind == "people":
        if value.number is None:
            return ""
        return _("%(total)s (women %(women)s, youth %(youth)s)") % {
            "total": number_format(value.number, 0),
            "women": value.women if value.women is not None else "–",
            "youth": value.youth if value.youth is not None else "–",
        }
    if kind == "yes_no":
        return {True: _("Yes"), False: _("No")}.get(value.yes, "")
    if kind == "choices":
        return ", ".join(option_label(option) for option in value.choices)
    return value.text
