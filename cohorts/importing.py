"""Importing participants into a cohort from a CSV or XLSX file: read, check every row
(showing each problem with its row number), then enrol all or nothing.

A person is matched by phone number (normalised) or email address, so importing the same
file twice creates no one new and enrols no one twice.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts import services
from cohorts.models import Cohort, Enrolment
from people.models import Cluster, Gender, User
from people.phone import normalise_phone, validate_phone
from people.services import participant_create

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000

# Column headings people actually use, in lower case, for each field.
HEADINGS = {
    "name": {"name", "full name", "full_name", "participant", "participant name"},
    "phone": {"phone", "phone number", "mobile", "mobile number", "telephone"},
    "email": {"email", "e-mail", "email address"},
    "gender": {"gender", "sex"},
    "birth_year": {"birth year", "birth_year", "year of birth", "born"},
    "cluster": {"cluster"},
    "enterprise": {"enterprise", "business", "business name", "enterprise name"},
    "district": {"district"},
    "language": {"language", "preferred language"},
}
# Headings are also recognised in every site language, as our catalogues translate these
# labels (so a Sinhala spreadsheet may say නම, දුරකථන අංකය …).
HEADING_MSGIDS = {
    "name": ["full name", "name"],
    "phone": ["phone number", "Phone"],
    "email": ["email address", "Email"],
    "gender": ["gender"],
    "birth_year": ["year of birth"],
    "cluster": ["cluster"],
    "enterprise": ["enterprise"],
    "district": ["district"],
    "language": ["language", "preferred language"],
}


def headings() -> dict[str, set[str]]:
    """Our field names and every heading that means them, in lower case."""
    from django.utils import translation

    found = {name: set(words) for name, words in HEADINGS.items()}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name, msgids in HEADING_MSGIDS.items():
                found[name].update(
                    translation.gettext(m).strip().lower() for m in msgids
                )
    return found


GENDER_WORDS = {
    "female": Gender.FEMALE, "f": Gender.FEMALE, "woman": Gender.FEMALE,
    "male": Gender.MALE, "m": Gender.MALE, "man": Gender.MALE,
    "other": Gender.OTHER, "another gender": Gender.OTHER,
    "": Gender.UNDISCLOSED, "prefer not to say": Gender.UNDISCLOSED,
    "undisclosed": Gender.UNDISCLOSED,
}  # fmt: skip


class ImportRefused(Exception):
    """The file cannot be read at all; `str(error)` says why."""


@dataclass
class Row:
    number: int  # as a spreadsheet shows it (the heading is row 1)
    values: dict
    errors: list[str] = field(default_factory=list)
    user: User | None = None
    enrolled_already: bool = False
    cluster: Cluster | None = None

    @property
    def action(self) -> str:
        if self.errors:
            return _("refused")
        if self.enrolled_already:
            return _("already enrolled: nothing to do")
        if self.user:
            return _("existing account: will be enrolled")
        return _("new account: will be created and enrolled")


@dataclass
class Plan:
    cohort: Cohort
    rows: list[Row]

    @property
    def errors(self) -> list[Row]:
        return [row for row in self.rows if row.errors]

    @property
    def to_enrol(self) -> list[Row]:
        return [row for row in self.rows if not row.errors and not row.enrolled_already]

    @property
    def new_accounts(self) -> int:
        return sum(1 for row in self.to_enrol if row.user is None)

    @property
    def places_left(self) -> int:
        return max(self.cohort.capacity - services.enrolled_count(self.cohort), 0)

    @property
    def waitlisted(self) -> int:
        return max(len(self.to_enrol) - self.places_left, 0)


def read_rows(data: bytes, filename: str) -> list[dict]:
    """The file's rows as dicts keyed by our field names. Raises ImportRefused."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 5 MB."))
    if not data.strip():
        raise ImportRefused(_("The file is empty."))
    if data[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        table = _xlsx(data)
    else:
        table = _csv(data)
    table = [row for row in table if any(str(cell or "").strip() for cell in row)]
    if not table:
        raise ImportRefused(_("The file is empty."))
    heading = [str(cell or "").strip().lower() for cell in table[0]]
    columns = {}
    known = headings()
    for index, title in enumerate(heading):
        for name, words in known.items():
            if title in words and name not in columns:
                columns[name] = index
    if "name" not in columns or not ({"phone", "email"} & set(columns)):
        raise ImportRefused(
            _(
                "The first row must name the columns: at least “name”, and “phone” or "
                "“email” (also possible: gender, birth year, cluster, enterprise, district, "
                "language)."
            )
        )
    if len(table) - 1 > MAX_ROWS:
        raise ImportRefused(
            _("The file has more than %(limit)s rows.") % {"limit": MAX_ROWS}
        )
    return [
        {
            name: str(cells[index]).strip()
            if index < len(cells) and cells[index] is not None
            else ""
            for name, index in columns.items()
        }
        for cells in table[1:]
    ]


def _csv(data: bytes) -> list[list[str]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportRefused(_("The file could not be read as text.")) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportRefused(
                _(
                    "The file is not in UTF-8, so names in Sinhala, Tamil or Khmer would be "
                    "garbled. In your spreadsheet choose Save as → “CSV UTF-8”, or upload "
                    "an .xlsx file."
                )
            ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text), dialect))
    except csv.Error:
        raise ImportRefused(_("The file could not be read as text.")) from None


def _xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ImportRefused(
            _("This is not a spreadsheet that can be read (.xlsx or .csv).")
        ) from None
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    except Exception:  # noqa: BLE001 - a damaged sheet fails in many ways
        raise ImportRefused(
            _("This is not a spreadsheet that can be read (.xlsx or .csv).")
        ) from None


def plan_import(cohort: Cohort, data: bytes, filename: str = "") -> Plan:
    """Check every row against the rules and the accounts already there. Writes nothing."""
    raw = read_rows(data, filename)
    rows = [Row(number=n, values=values) for n, values in enumerate(raw, start=2)]
    clusters = {c.name.strip().lower(): c for c in Cluster.objects.all()}
    languages = {code: code for code, _name in settings.LANGUAGES} | {
        str(name).lower(): code for code, name in settings.LANGUAGES
    }
    phones, emails = {}, {}
    for row in rows:
        _check(row, clusters, languages, cohort)
        phone, email = row.values.get("phone"), row.values.get("email")
        if phone and phone in phones:
            row.errors.append(
                _("The same phone number as row %(row)s.") % {"row": phones[phone]}
            )
        if email and email in emails:
            row.errors.append(
                _("The same email address as row %(row)s.") % {"row": emails[email]}
            )
        if phone:
            phones.setdefault(phone, row.number)
        if email:
            emails.setdefault(email, row.number)
    _match_accounts(rows, cohort)
    return Plan(cohort=cohort, rows=rows)


def _check(row: Row, clusters, languages, cohort) -> None:
    values = row.values
    errors = row.errors
    if not values.get("name"):
        errors.append(_("The name is missing."))
    phone = normalise_phone(values.get("phone") or "") or ""
    email = (values.get("email") or "").strip().lower()
    values["phone"], values["email"] = phone, email
    if not phone and not email:
        errors.append(_("Give a phone number or an email address."))
    if phone:
        try:
            validate_phone(phone)
        except ValidationError:
            errors.append(
                _(
                    "“%(phone)s” is not a phone number (7 to 15 digits, e.g. +94 77 123 4567)."
                )
                % {"phone": values.get("phone")}
            )
        if phone and not phone.startswith("+"):
            errors.append(
                _("Write the phone number with its country code, e.g. +94 77 123 4567.")
            )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("“%(email)s” is not an email address.") % {"email": email})
    gender = (values.get("gender") or "").strip().lower()
    if gender not in GENDER_WORDS:
        errors.append(
            _("Gender “%(value)s” is not one of: female, male, other, or empty.")
            % {"value": values.get("gender")}
        )
    else:
        values["gender"] = GENDER_WORDS[gender]
    year = (values.get("birth_year") or "").strip()
    if year.endswith(".0"):  # a spreadsheet's number
        year = year[:-2]
    if year:
        this_year = timezone.localdate().year
        if (
            not (year.isascii() and year.isdigit())
            or not 1920 <= int(year) <= this_year - 10
        ):
            errors.append(
                _("Birth year “%(value)s” should be a year such as 1985.")
                % {"value": values.get("birth_year")}
            )
        else:
            values["birth_year"] = int(year)
    else:
        values["birth_year"] = None
    cluster = (values.get("cluster") or "").strip()
    if cluster:
        row.cluster = clusters.get(cluster.lower())
        if row.cluster is None:
            errors.append(
                _(
                    "There is no cluster called “%(name)s”. Add it first, or correct the name."
                )
                % {"name": cluster}
            )
    language = (values.get("language") or "").strip()
    if language:
        code = languages.get(language) or languages.get(language.lower())
        if code is None:
            errors.append(
                _("“%(value)s” is not one of the site's languages.")
                % {"value": language}
            )
        values["language"] = code or cohort.language
    else:
        values["language"] = cohort.language


def _match_accounts(rows: list[Row], cohort: Cohort) -> None:
    phones = [r.values["phone"] for r in rows if r.values.get("phone")]
    emails = [r.values["email"] for r in rows if r.values.get("email")]
    users = list(User.objects.filter(Q(phone__in=phones) | Q(email__in=emails)))
    by_phone = {u.phone: u for u in users if u.phone}
    by_email = {u.email.lower(): u for u in users if u.email}
    enrolled = set(
        cohort.enrolments.filter(
            status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.WAITLISTED]
        ).values_list("user_id", flat=True)
    )
    for row in rows:
        a = by_phone.get(row.values.get("phone"))
        b = by_email.get(row.values.get("email"))
        if a and b and a != b:
            row.errors.append(
                _(
                    "The phone number and the email address belong to two different people."
                )
            )
            continue
        user = a or b
        if user is not None and user.is_staff:
            row.errors.append(
                _("This phone number or email address is a staff account.")
            )
            continue
        row.user = user
        row.enrolled_already = user is not None and user.pk in enrolled


@dataclass
class Outcome:
    created: int
    enrolled: int
    waitlisted: int
    unchanged: int


def apply_import(plan: Plan) -> Outcome:
    """Create the new accounts and enrol everyone, in one transaction. Refuses a plan that
    has any row in error: nothing is saved then."""
    if plan.errors:
        raise ImportRefused(
            _("%(count)s rows have problems; nothing was imported.")
            % {"count": len(plan.errors)}
        )
    created = enrolled = waitlisted = 0
    with transaction.atomic():
        for row in plan.to_enrol:
            user = row.user
            if user is None:
                values = row.values
                user = participant_create(
                    full_name=values["name"],
                    phone=values.get("phone") or None,
                    email=values.get("email") or None,
                    preferred_language=values["language"],
                    gender=values["gender"],
                    birth_year=values["birth_year"],
                    district=values.get("district", ""),
                    cluster=row.cluster,
                    enterprise_name=values.get("enterprise", ""),
                )
                created += 1
            enrolment = services.enrol(
                cohort=plan.cohort, user=user, source=Enrolment.Source.IMPORT
            )
            if enrolment.status == Enrolment.Status.ENROLLED:
                enrolled += 1
            else:
                waitlisted += 1
    unchanged = sum(1 for row in plan.rows if row.enrolled_already)
    return Outcome(created, enrolled, waitlisted, unchanged)
