"""Generate a large, realistic data set for dashboards and benchmarks:
`python manage.py seed_scale --participants 100000 [--seed 1] [--clear] [--no-facts]`.

Everything scales with the number of participants: per person about 11 lesson-progress
rows, 1.8 quiz attempts, 0.46 action plans, 0.65 follow-up reports and 0.54 certificates
(100,000 people: 3.2 million rows in two to four minutes). The data set is planned in
memory with one seeded random generator, then written table by table in one transaction,
without signals (what the receivers would do, a cohort's checkpoints, is done here in
bulk): small tables with `bulk_create`, large ones as plain rows (COPY on PostgreSQL,
`executemany` on SQLite), their ids read back by what is unique in them.

Scale data is marked so `--clear` removes exactly it: names start with "Scale: "
(programmes and their cohorts, clusters, venues, courses, quizzes, the certificate
template), people's addresses end in "@scale.invalid" or their phone numbers start with
"+9990" (never a real address or number), certificate numbers start with "SCALE-".
"""

from __future__ import annotations

import random
import time
import uuid
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import CASCADE, DO_NOTHING, SET_NULL, CharField, Q, signals
from django.db.models.deletion import get_candidate_relations_to_delete
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Locale, Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from actionplans.default_template import SECTIONS
from actionplans.default_template import TRANSLATION_KEY as PLAN_TEMPLATE_KEY
from actionplans.indicators import CERTIFICATIONS
from actionplans.models import (
    DEFAULT_OFFSETS,
    ActionPlan,
    Checkpoint,
    FollowUpReport,
    Indicator,
    IndicatorValue,
    PlanTemplate,
    PlanVersion,
    Review,
)
from assessments.models import Attempt, Question, QuestionBank, Quiz
from assessments.questions import answer_stream_data
from certificates.models import (
    Certificate,
    CertificateSetup,
    CertificateTemplate,
    new_code,
)
from cms.models import HomePage
from cohorts.models import Attendance, Cohort, Enrolment, Programme, Session, Venue
from courses.models import (
    CourseEnrolment,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    LessonProgress,
    ModulePage,
)
from people import roles
from people.models import Cluster, ParticipantProfile, Sector, User

SCALE = "Scale: "
EMAIL_DOMAIN = "scale.invalid"  # RFC 2606: never delivered
PHONE_PREFIX = "+9990"  # +999 is an unassigned country code: never a real number
NUMBER_PREFIX = "SCALE-"
BATCH = 2000

# name, countries with weights, share of all participants, funder, women's share
PROGRAMMES = [
    ("lk", "Scale: Sri Lanka SME cluster development", {"LK": 1}, 0.40,
     "European Union (scale data)", 0.55),
    ("bd", "Scale: Bangladesh SME cluster programme", {"BD": 1}, 0.18,
     "SME Foundation (scale data)", 0.55),
    ("mekong", "Scale: Mekong export consortia",
     {"KH": 35, "VN": 25, "TH": 15, "LA": 12, "MM": 13}, 0.24,
     "Mekong Business Initiative (scale data)", 0.55),
    ("rw", "Scale: Rwanda cluster competitiveness", {"RW": 1}, 0.12,
     "Rwanda Development Board (scale data)", 0.55),
    ("women", "Scale: Women's enterprise clusters, Sri Lanka and Bangladesh",
     {"LK": 1, "BD": 1}, 0.06, "UN Women (scale data)", 0.9),
]  # fmt: skip

OFFICERS = {
    "lk": "Dilrukshi Fernando",
    "bd": "Farhana Chowdhury",
    "mekong": "Vannary Keo",
    "rw": "Aline Mukeshimana",
    "women": "Tahmina Akter",
}

# time zone, dialling code (3 digits), languages with weights, (district, province)
COUNTRIES = {
    "LK": ("Asia/Colombo", "094", {"si": 70, "ta": 22, "en": 8}, [
        ("Colombo", "Western"), ("Gampaha", "Western"), ("Kalutara", "Western"),
        ("Kandy", "Central"), ("Matale", "Central"), ("Kegalle", "Sabaragamuwa"),
        ("Ratnapura", "Sabaragamuwa"), ("Kurunegala", "North Western"),
        ("Galle", "Southern"), ("Matara", "Southern"), ("Jaffna", "Northern"),
        ("Batticaloa", "Eastern"), ("Badulla", "Uva"),
        ("Anuradhapura", "North Central"),
    ]),
    "BD": ("Asia/Dhaka", "880", {"bn": 92, "en": 8}, [
        ("Dhaka", "Dhaka"), ("Narayanganj", "Dhaka"), ("Gazipur", "Dhaka"),
        ("Chattogram", "Chattogram"), ("Cumilla", "Chattogram"),
        ("Rajshahi", "Rajshahi"), ("Bogura", "Rajshahi"), ("Khulna", "Khulna"),
        ("Jashore", "Khulna"), ("Sylhet", "Sylhet"), ("Rangpur", "Rangpur"),
        ("Barishal", "Barishal"),
    ]),
    "KH": ("Asia/Phnom_Penh", "855", {"km": 90, "en": 10}, [
        ("Phnom Penh", "Phnom Penh"), ("Kampong Chhnang", "Kampong Chhnang"),
        ("Siem Reap", "Siem Reap"), ("Battambang", "Battambang"),
        ("Kampot", "Kampot"), ("Takeo", "Takeo"),
    ]),
    "LA": ("Asia/Vientiane", "856", {"lo": 90, "en": 10}, [
        ("Chanthabouly", "Vientiane Capital"), ("Luang Prabang", "Luang Prabang"),
        ("Kaysone Phomvihane", "Savannakhet"), ("Pakse", "Champasak"),
    ]),
    "VN": ("Asia/Ho_Chi_Minh", "084", {"vi": 92, "en": 8}, [
        ("Hoàn Kiếm", "Hà Nội"), ("Gia Lâm", "Hà Nội"), ("Thủ Đức", "Hồ Chí Minh"),
        ("Hội An", "Quảng Nam"), ("Ninh Kiều", "Cần Thơ"), ("Từ Sơn", "Bắc Ninh"),
    ]),
    "TH": ("Asia/Bangkok", "066", {"th": 92, "en": 8}, [
        ("Chok Chai", "Nakhon Ratchasima"), ("Mueang Chiang Mai", "Chiang Mai"),
        ("Bang Kruai", "Nonthaburi"), ("Hat Yai", "Songkhla"),
        ("Mueang Khon Kaen", "Khon Kaen"),
    ]),
    "MM": ("Asia/Yangon", "095", {"my": 90, "en": 10}, [
        ("Hlaing Tharyar", "Yangon"), ("Amarapura", "Mandalay"), ("Bago", "Bago"),
        ("Taunggyi", "Shan"),
    ]),
    "RW": ("Africa/Kigali", "250", {"rw": 70, "fr": 15, "en": 15}, [
        ("Nyarugenge", "Kigali"), ("Gasabo", "Kigali"), ("Kicukiro", "Kigali"),
        ("Huye", "Southern"), ("Musanze", "Northern"), ("Rubavu", "Western"),
        ("Rwamagana", "Eastern"),
    ]),
}  # fmt: skip

# Names by group: female given names, male given names, female family names, male family
# names, family name first; the same in the group's own script where we have it.
NAMES = {
    "si": (
        ["Kumari", "Chamila", "Nadeesha", "Dilani", "Anoma", "Sanduni", "Iresha",
         "Malkanthi", "Shyamali", "Tharushi"],
        ["Sunil", "Pradeep", "Nuwan", "Kasun", "Ruwan", "Chaminda", "Saman", "Lalith",
         "Mahesh", "Asanka"],
        ["Perera", "Wijesinghe", "Bandara", "Dissanayake", "Herath", "Jayasinghe",
         "Fernando", "Rathnayake", "Gunawardena", "Silva"],
        None, False,
    ),
    "ta": (
        ["Kamala", "Lakshmi", "Shanthi", "Vasanthi", "Tharsini", "Nirmala"],
        ["Suresh", "Kumaran", "Sivakumar", "Ganesh", "Murugan", "Rajan"],
        ["Rajendran", "Sivapalan", "Thambirajah", "Navaratnam", "Selvarajah",
         "Kanagaratnam"],
        None, False,
    ),
    "bn": (
        ["Rokeya", "Fatema", "Nasrin", "Shirin", "Taslima", "Rahima", "Sharmin",
         "Jahanara"],
        ["Abdul Karim", "Rafiqul", "Kamal", "Shahidul", "Mizanur", "Anisur", "Jamal",
         "Habibur"],
        ["Begum", "Khatun", "Akter", "Sultana"],
        ["Hossain", "Rahman", "Islam", "Uddin", "Ali", "Mia"], False,
    ),
    "km": (
        ["Sokha", "Channary", "Sophea", "Bopha", "Srey Mom", "Kunthea"],
        ["Vannak", "Sokun", "Rithy", "Piseth", "Chanthou", "Dara"],
        ["Chan", "Sok", "Kim", "Heng", "Meas", "Phan", "Keo", "Chea"],
        None, True,
    ),
    "lo": (
        ["Bouavanh", "Chanthala", "Khamla", "Noy", "Somphone"],
        ["Khamphet", "Somsack", "Bounmy", "Phonsavan", "Sengdao"],
        ["Phommachanh", "Sisouphanh", "Vongsa", "Inthavong", "Keomany"],
        None, False,
    ),
    "vi": (
        ["Thị Lan", "Thị Hoa", "Thị Mai", "Thu Hà", "Ngọc Anh", "Thị Hương"],
        ["Văn Minh", "Văn Hùng", "Đức Anh", "Quốc Bảo", "Văn Nam", "Minh Tuấn"],
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng"],
        None, True,
    ),
    "th": (
        ["Somsri", "Malee", "Ratana", "Siriporn", "Pranee"],
        ["Somchai", "Prasert", "Sompong", "Wichai", "Anan"],
        ["Thongdee", "Srisuk", "Chaiyaporn", "Wongsawat", "Boonmee", "Saelim"],
        None, False,
    ),
    "my": (
        ["Aye Aye Mar", "Khin Myo Thant", "Thida Win", "Nwe Ni Aung", "Su Su Hlaing"],
        ["Kyaw Zin Htet", "Aung Ko Ko", "Zaw Min Oo", "Thant Zin", "Min Thu"],
        [""], None, False,
    ),
    "rw": (
        ["Claudine", "Josiane", "Alice", "Diane", "Jeanne", "Solange"],
        ["Jean Bosco", "Emmanuel", "Eric", "Patrick", "Innocent", "Olivier"],
        ["Uwase", "Mukamana", "Uwimana", "Ingabire", "Umutoni", "Mukeshimana"],
        ["Habimana", "Niyonzima", "Mugisha", "Hakizimana", "Nshimiyimana",
         "Bizimana"], True,
    ),
}  # fmt: skip
NATIVE_NAMES = {
    "si": (["කුමාරි", "චමිලා", "නදීෂා", "දිලානි", "අනෝමා"],
           ["සුනිල්", "ප්‍රදීප්", "නුවන්", "කසුන්", "රුවන්"],
           ["පෙරේරා", "විජේසිංහ", "බණ්ඩාර", "දිසානායක", "හේරත්"]),
    "ta": (["கமலா", "லட்சுமி", "சாந்தி"], ["சுரேஷ்", "குமரன்", "கணேஷ்"],
           ["ராஜேந்திரன்", "சிவபாலன்", "செல்வராஜா"]),
    "bn": (["রোকেয়া", "ফাতেমা", "নাসরিন", "শিরিন"], ["করিম", "রফিকুল", "কামাল"],
           ["হোসেন", "রহমান", "ইসলাম"]),
    "km": (["សុខា", "ចាន់ណារី", "សុភា", "បុប្ផា"], ["វណ្ណៈ", "រិទ្ធី", "ពិសិដ្ឋ"],
           ["ចាន់", "សុខ", "គីម", "ហេង"]),
    "lo": (["ບົວວັນ", "ຈັນທະລາ", "ຄຳລາ"], ["ຄຳເພັດ", "ສົມສັກ", "ບຸນມີ"],
           ["ພົມມະຈັນ", "ສີສຸພັນ", "ວົງສາ"]),
    "th": (["สมศรี", "มาลี", "รัตนา"], ["สมชาย", "ประเสริฐ", "สมปอง"],
           ["ทองดี", "ศรีสุข", "บุญมี"]),
    "my": (["အေးအေးမာ", "ခင်မျိုးသန့်", "သီတာဝင်း"], ["ကျော်ဇင်ထက်", "အောင်ကိုကို", "ဇော်မင်းဦး"],
           [""]),
}  # fmt: skip
# English and French speakers carry their country's names.
NAME_GROUP = {"LK": "si", "BD": "bn", "RW": "rw"}

SECTORS = {
    Sector.FOOD: (25, "food processors", "Dried fruit, pickles and spice mixes"),
    Sector.AGRICULTURE: (20, "growers", "Oyster mushrooms and vegetables"),
    Sector.HANDICRAFTS: (12, "handicraft makers", "Baskets, mats and jewellery"),
    Sector.POTTERY: (8, "potters", "Cooking pots and flower pots"),
    Sector.TEXTILES: (12, "weavers", "Handloom saris and scarves"),
    Sector.LEATHER: (6, "leather workers", "Sandals and handbags"),
    Sector.COIR: (5, "coir producers", "Coir bricks and rope"),
    Sector.TOURISM: (7, "homestay hosts", "Homestays and village tours"),
    Sector.OTHER: (5, "producers", "Household products"),
}

WORKSHOP_TOPICS = [
    "Hygiene and HACCP",
    "Costing and pricing",
    "Packaging and labelling",
    "Export documents",
    "Bookkeeping",
    "Marketing and buyers",
    "Action planning",
]
WITHDRAWN_REASONS = [
    "Moved to another district.",
    "Harvest season: no time for the workshops.",
    "Family illness.",
    "Found a job and closed the business.",
]
ACTIVITIES = [
    ("Train workers in food hygiene", "Workers trained", "3", "LKR 15,000"),
    ("Design a label with ingredients and a barcode", "Label approved", "1", "40,000"),
    ("Keep a daily cash book", "Months recorded", "6", "0"),
    ("Visit three new buyers in the city", "New buyers", "3", "5,000"),
    ("Apply for a loan from the cluster fund", "Loan approved", "1", "0"),
    ("Register the product with the standards office", "Registration", "1", "12,000"),
    ("Buy raw materials together with the cluster", "Joint orders", "4", "0"),
    ("Open a business bank account", "Account opened", "1", "1,000"),
    ("Start selling online", "Orders per month", "10", "3,000"),
    ("Prepare for the HACCP audit", "Audit passed", "1", "60,000"),
]
HELPED = [
    "The cluster's shared order book and the trainer's follow-up calls.",
    "A loan from the cluster revolving fund.",
    "Meeting buyers during the exposure visit.",
    "My family took over the packing so I could visit shops.",
    "The chamber's packaging desk helped with the new label.",
    "Keeping a cash book every day, as we learnt in the workshop.",
    "Buying raw materials together with other cluster members.",
]
BLOCKED = [
    "Power cuts for two weeks in the dry season.",
    "Raw material prices went up after the floods.",
    "The bank asked for collateral we do not have.",
    "Transport to the city market is expensive.",
    "One worker left and I had to train a new one.",
    "The certification audit was postponed twice.",
    "Heavy rains delayed the harvest.",
]
STORIES = [
    "We now sell to two supermarkets in the city every week, and I hired my "
    "neighbour's daughter to help with packing.",
    "After the hygiene training we changed our drying racks; the buyer stopped "
    "rejecting batches.",
    "I keep records for the first time. I know which product makes money and stopped "
    "making the one that did not.",
    "With the cluster we sent our first shipment abroad, small but paid on time.",
    "Our new label has the ingredients and a barcode, so the shop in town finally "
    "took our products.",
    "The loan paid for a second kiln; we fire twice as often and two young people "
    "from the village work with us.",
    "We opened a bank account for the cluster and save a little from every order.",
    "Customers find us on social media now; half our orders come by phone.",
]
PLAN_COMMENTS = [
    "A clear plan. Keep your sales records every week.",
    "Good targets; check the cost of the label with the chamber first.",
    "Well thought through. Start with the cash book.",
]
CHANGES_COMMENTS = [
    "Please give each action a date and a person responsible.",
    "The goals need numbers: how much more do you want to sell?",
]

# The course tree made when the site has no courses: (title, slug, topic, hours,
# [(module title, [lesson titles])])
SCALE_COURSES = [
    ("Scale: Food safety and HACCP basics", "scale-food-safety", "food_safety", 6, [
        ("Hygiene at work", ["Washing hands and tools", "Clean water",
                             "Pests and storage", "A daily hygiene checklist"]),
        ("HACCP in seven steps", ["Hazards", "Critical control points",
                                  "Monitoring and records", "Putting it together"]),
    ]),
    ("Scale: Export documents and HS codes", "scale-export", "export_documentation", 5, [
        ("Finding your HS code", ["What an HS code is", "Searching the tariff",
                                  "Rules of origin", "Practice: your product"]),
        ("The papers of a shipment", ["Invoice and packing list",
                                      "Certificate of origin", "Phytosanitary papers",
                                      "Checklist before shipping"]),
    ]),
    ("Scale: Bookkeeping for small producers", "scale-bookkeeping",
     "financial_literacy", 4, [
        ("Keeping a cash book", ["Money in, money out", "Daily totals",
                                 "Separating home and business", "Month end"]),
        ("Costs and prices", ["Counting your costs", "Setting a price",
                              "Break-even", "Planning for the season"]),
    ]),
]  # fmt: skip
DEMO_TESTS = ("Food safety: before the course", "Food safety: after the course")


def scale_users():
    return User.objects.filter(
        Q(email__endswith=f"@{EMAIL_DOMAIN}") | Q(phone__startswith=PHONE_PREFIX)
    )


def scale_exists() -> bool:
    return (
        Programme.objects.filter(name__startswith=SCALE).exists()
        or Cluster.objects.filter(name__startswith=SCALE).exists()
        or scale_users().exists()
    )


@contextmanager
def own_timestamps(*models):
    """Let `bulk_create` keep the creation and change times we give (a cohort created two
    years ago), instead of `auto_now`/`auto_now_add` stamping them with now."""
    switched = []
    for model in models:
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                switched.append(
                    (model_field, model_field.auto_now, model_field.auto_now_add)
                )
                model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in switched:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def insert_rows(model, names: list[str], rows) -> int:
    """Insert plain tuples (in `names` order) without building model instances: the big
    leaf tables, whose ids nothing else needs. Values are converted as the ORM would.
    PostgreSQL takes them through COPY, SQLite one statement per row (`executemany`,
    its fastest way)."""
    db = connections[DEFAULT_DB_ALIAS]
    fields = [model._meta.get_field(name) for name in names]
    convert = [
        (index, converter)
        for index, model_field in enumerate(fields)
        if (converter := _converter(model_field, db))
    ]
    quote = db.ops.quote_name
    # Table and column names come from the model, never from input.
    table = "{} ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(model_field.column) for model_field in fields),
    )

    def prepared():
        for row in rows:
            if convert:
                row = list(row)
                for index, converter in convert:
                    if row[index] is not None:
                        row[index] = converter(row[index])
            yield row

    count = 0
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            with (
                db.wrap_database_errors,
                cursor.cursor.copy(f"COPY {table} FROM STDIN") as copy,
            ):
                for row in prepared():
                    copy.write_row(row)
                    count += 1
            return count
        sql = "INSERT INTO {} VALUES ({})".format(  # noqa: S608
            table, ", ".join(["%s"] * len(fields))
        )
        batch = []
        for row in prepared():
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _converter(model_field, db):
    """How a column's Python value is handed to the driver: what `get_db_prep_save`
    does, written out for the hot types on SQLite and PostgreSQL (a million calls
    through the ORM cost more than the inserts)."""
    kind = model_field.get_internal_type()
    native = db.vendor == "postgresql"
    if db.vendor == "sqlite" and kind == "DateTimeField":
        return lambda value: str(value.astimezone(UTC).replace(tzinfo=None))
    if kind == "DateField" and db.vendor == "sqlite":
        return str
    if kind == "UUIDField" and db.vendor in ("sqlite", "postgresql"):
        return None if native else (lambda value: value.hex)
    if native and kind in ("DateTimeField", "DateField"):
        return None
    if kind in ("DateTimeField", "DateField", "UUIDField", "JSONField", "DecimalField"):
        return lambda value: model_field.get_db_prep_save(value, db)
    return None


@dataclass
class Person:
    index: int
    programme: int
    cluster: int
    country: str
    language: str
    gender: str
    birth_year: int
    engagement: float  # 0–1: attendance, reading, scores, plans and reports follow it
    full_name: str
    email: str | None
    phone: str | None
    pk: int | None = None


@dataclass
class Lesson:
    key: uuid.UUID
    module_key: uuid.UUID
    rule: str


@dataclass
class Course:
    page_id: int
    key: uuid.UUID
    title: str
    languages: set
    lessons: list[Lesson]


@dataclass
class Member:
    person: Person
    status: str
    enrolled_at: datetime | None = None
    withdrawn_at: datetime | None = None
    attended: int = 0
    held: int = 0


@dataclass
class PlannedCohort:
    programme: int
    country: str
    district: str
    members: list[Member]
    starts_on: date
    ends_on: date
    second: bool
    name: str = ""
    language: str = "en"
    courses: list[Course] = field(default_factory=list)
    trainers: list[int] = field(default_factory=list)
    pk: int | None = None
    sessions: list[tuple] = field(default_factory=list)  # (pk, starts_at, kind)
    checkpoints: list[tuple] = field(default_factory=list)  # (pk, months, due_on)

    @property
    def completed(self) -> bool:
        return self.status == Cohort.Status.COMPLETED

    @property
    def status(self) -> str:
        return (
            Cohort.Status.COMPLETED
            if self.ends_on < timezone.localdate()
            else Cohort.Status.RUNNING
        )


@dataclass
class Plan:
    cohort: PlannedCohort
    member: Member
    items: list[dict]
    status: str
    content: dict
    revision: int
    started: datetime
    submitted: datetime | None
    approved: datetime | None
    pk: int | None = None


@dataclass
class Report:
    plan: Plan
    checkpoint: int
    position: int  # 0, 1, 2: the first, second, third checkpoint
    status: str
    submitted: datetime | None
    pk: int | None = None


class Builder:
    """Plans the whole data set in memory, then writes it table by table."""

    def __init__(self, *, participants: int, seed: int, log):
        self.n = participants
        self.rng = random.Random(seed)  # noqa: S311 - test data, not secrets
        self.log = log
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.counts: Counter = Counter()
        self.zones: dict[str, ZoneInfo] = {}
        self.password = make_password(None)  # unusable; computed once, not per person
        self.locale = Locale.get_default()

    # -- small helpers -------------------------------------------------------------

    def pick(self, weights: dict):
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def at(self, day: date, hour: int, minute: int, zone: str) -> datetime:
        tz = self.zones.get(zone) or self.zones.setdefault(zone, ZoneInfo(zone))
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)

    def past(self, moment: datetime) -> datetime:
        """`moment`, or a minute ago if it lies in the future."""
        return min(moment, self.now - timedelta(minutes=1))

    def within(self, earliest: datetime, days: float) -> datetime:
        """A moment in the `days` after `earliest`, never in the future. (The random
        number is drawn either way, so the rest of the data does not depend on the
        time of day the command runs.)"""
        fraction = self.rng.random()
        latest = self.past(earliest + timedelta(days=days))
        if latest <= earliest:
            return latest
        return earliest + (latest - earliest) * fraction

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def name(self, country: str, language: str, gender: str) -> str:
        group = language if language in NAMES else NAME_GROUP.get(country, "si")
        if country == "LK" and language == "en":
            group = "si"
        female, male, family_f, family_m, family_first = NAMES[group]
        native = NATIVE_NAMES.get(language)
        if native and self.rng.random() < 0.3:
            female, male, family_f = native
            family_m = family_f
        women = gender == "female" or (gender != "male" and self.rng.random() < 0.5)
        given = self.rng.choice(female if women else male)
        family = self.rng.choice(family_f if women or family_m is None else family_m)
        parts = [family, given] if family_first else [given, family]
        return " ".join(part for part in parts if part)

    # -- the plan ------------------------------------------------------------------

    def build(self) -> Counter:
        self.stage("courses and quizzes", self.content)
        self.stage("people", self.plan_people)
        self.stage("cohorts planned", self.plan_cohorts)
        self.stage("staff", self.insert_staff)
        self.stage("clusters", self.insert_clusters)
        self.stage("participants", self.insert_participants)
        self.stage("programmes and cohorts", self.insert_cohorts)
        self.stage("enrolments", self.insert_enrolments)
        self.stage("sessions and attendance", self.insert_sessions)
        self.stage("course progress", self.insert_progress)
        self.stage("quiz attempts", self.insert_attempts)
        self.stage("action plans", self.insert_plans)
        self.stage("follow-up reports", self.insert_reports)
        self.stage("certificates", self.insert_certificates)
        return self.counts

    def stage(self, label: str, step) -> None:
        before = sum(self.counts.values())
        started = time.monotonic()
        step()
        rows = sum(self.counts.values()) - before
        self.log(f"{label:<26} {rows:>10,} rows {time.monotonic() - started:7.1f} s")

    def content(self) -> None:
        """Courses and the pre-/post-test: the site's own if it has them (the demo), else
        a small tree and two quizzes of our own, made once."""
        self.courses = self.existing_courses() or self.scale_courses()
        self.pre_test, self.post_test = self.existing_tests() or self.scale_tests()
        self.tests = {
            quiz.pk: (quiz, self.max_score(quiz), quiz.locale.language_code)
            for quiz in (self.pre_test, self.post_test)
        }
        self.plan_template = PlanTemplate.objects.filter(
            translation_key=PLAN_TEMPLATE_KEY, locale=self.locale
        ).first()
        if self.plan_template is None:
            raise CommandError(
                "The default action-plan template is missing (run `migrate`)."
            )
        self.indicators = list(
            Indicator.objects.filter(programme__isnull=True, active=True).order_by(
                "position"
            )
        )
        self.certificate_template = CertificateTemplate.objects.create(
            name=f"{SCALE}Programme completion",
            issuer="National Chamber of Commerce (scale data)",
            body="This certifies that {participant_name} completed {cohort} "
            "({dates}), a training of the programme {programme}.",
            locale=self.locale,
        )

    def existing_courses(self) -> list[Course]:
        courses = []
        for course in (
            CoursePage.objects.live()
            .filter(locale=self.locale)
            .exclude(title__startswith=SCALE)
            .order_by("path")
        ):
            courses.append(self.course_of(course))
        return [course for course in courses if course.lessons]

    def course_of(self, course: CoursePage) -> Course:
        modules = {
            module.path: module.translation_key
            for module in ModulePage.objects.live().descendant_of(course)
        }
        # Live lessons under live modules, as the progress percentages count them.
        lessons = [
            Lesson(
                lesson.translation_key,
                modules[lesson.path[: -Page.steplen]],
                lesson.completion_rule,
            )
            for lesson in LessonPage.objects.live()
            .descendant_of(course)
            .order_by("path")
            if lesson.path[: -Page.steplen] in modules
        ]
        languages = set(
            CoursePage.objects.live()
            .filter(translation_key=course.translation_key)
            .values_list("locale__language_code", flat=True)
        )
        return Course(
            course.pk, course.translation_key, course.title, languages, lessons
        )

    def scale_courses(self) -> list[Course]:
        home = Site.objects.get(is_default_site=True).root_page.specific
        if not isinstance(home, HomePage):
            raise CommandError("The default site's root page is not the home page.")
        index = CourseIndexPage.objects.child_of(home).first()
        if index is None:
            index = self.publish(
                home, CourseIndexPage(title=f"{SCALE}Courses", slug="courses")
            )
        rules = ["viewed", "marked_done", "viewed", "marked_done"]
        for title, slug, topic, hours, modules in SCALE_COURSES:
            course = self.publish(
                index,
                CoursePage(
                    title=title,
                    slug=slug,
                    topic=topic,
                    estimated_hours=hours,
                    summary="Generated by seed_scale for dashboards and benchmarks.",
                ),
            )
            for number, (module_title, lessons) in enumerate(modules, start=1):
                module = self.publish(
                    course,
                    ModulePage(title=module_title, slug=f"{slug}-m{number}"),
                )
                for position, lesson_title in enumerate(lessons):
                    self.publish(
                        module,
                        LessonPage(
                            title=lesson_title,
                            slug=f"{slug}-m{number}-l{position + 1}",
                            completion_rule=rules[position],
                            estimated_minutes=8,
                            body=[
                                {
                                    "type": "heading",
                                    "value": {"text": lesson_title, "size": "h2"},
                                },
                                {
                                    "type": "paragraph",
                                    "value": "<p>Scale data: a short lesson.</p>",
                                },
                            ],
                        ),
                    )
        return [
            self.course_of(course)
            for course in CoursePage.objects.filter(title__startswith=SCALE).order_by(
                "path"
            )
        ]

    def publish(self, parent, page):
        """Add `page` live. Without a revision (as migrations make the home page): a
        third of the time of publishing one, and nothing here reads revisions."""
        page.first_published_at = page.last_published_at = self.now
        parent.add_child(instance=page)
        self.counts["pages"] += 1
        return page

    def existing_tests(self):
        pair = (
            Cohort.objects.exclude(programme__name__startswith=SCALE)
            .filter(pre_test__isnull=False, post_test__isnull=False)
            .values_list("pre_test", "post_test")
            .first()
        )
        if pair:
            quizzes = Quiz.objects.in_bulk(pair)
            return quizzes[pair[0]], quizzes[pair[1]]
        found = {
            quiz.title: quiz
            for quiz in Quiz.objects.filter(title__in=DEMO_TESTS, locale=self.locale)
        }
        if len(found) == 2:
            return found[DEMO_TESTS[0]], found[DEMO_TESTS[1]]
        return None

    def scale_tests(self):
        bank = QuestionBank.objects.create(name=f"{SCALE}Cluster training basics")
        for number in range(1, 7):
            Question.objects.create(
                bank=bank,
                locale=self.locale,
                title=f"{SCALE}Question {number}",
                text=f"Scale data question {number}: which answer is right?",
                answer=answer_stream_data(
                    {
                        "type": "single_choice",
                        "options": [
                            {"text": "This one", "weight": 1},
                            {"text": "Not this one", "weight": 0},
                            {"text": "Nor this one", "weight": 0},
                        ],
                    }
                ),
            )
        draw = [{"type": "draw", "value": {"bank": bank.pk, "topic": "", "count": 5}}]
        pre = Quiz.objects.create(
            title=f"{SCALE}Before the course",
            locale=self.locale,
            items=draw,
            pass_mark=0,
            attempts_allowed=1,
        )
        post = Quiz.objects.create(
            title=f"{SCALE}After the course",
            locale=self.locale,
            items=draw,
            pass_mark=60,
            attempts_allowed=2,
            time_limit_minutes=15,
        )
        return pre, post

    @staticmethod
    def max_score(quiz: Quiz) -> Decimal:
        total = Decimal(0)
        for item in quiz.items.raw_data:
            if item["type"] == "question":
                question = Question.objects.filter(pk=item["value"]).first()
                total += question.points if question else Decimal(1)
            elif item["type"] == "draw":
                points = (
                    Question.objects.filter(bank_id=item["value"]["bank"])
                    .values_list("points", flat=True)
                    .first()
                )
                total += (points or Decimal(1)) * int(item["value"]["count"])
        return total or Decimal(1)

    def plan_people(self) -> None:
        rng = self.rng
        # Each programme's share, rounded so that the sizes add up to n (largest
        # remainders first).
        exact = [self.n * spec[3] for spec in PROGRAMMES]
        sizes = [int(x) for x in exact]
        by_remainder = sorted(
            range(len(exact)), key=lambda i: exact[i] - sizes[i], reverse=True
        )
        for index in by_remainder[: self.n - sum(sizes)]:
            sizes[index] += 1
        clusters_total = max(len(PROGRAMMES), round(self.n / 150))
        self.clusters = []  # (programme, name, sector, district, province, country)
        self.people: list[Person] = []
        for programme, (_key, _name, countries, share, _funder, women) in enumerate(
            PROGRAMMES
        ):
            if not sizes[programme]:
                continue
            mine = []
            for number in range(max(len(countries), round(clusters_total * share))):
                country = (
                    list(countries)[number]
                    if number < len(countries)
                    else self.pick(countries)
                )
                district, province = rng.choice(COUNTRIES[country][3])
                sector = self.pick({s: w[0] for s, w in SECTORS.items()})
                mine.append(len(self.clusters))
                self.clusters.append(
                    (
                        programme,
                        f"{SCALE}{district} {SECTORS[sector][1]} {len(self.clusters) + 1}",
                        sector,
                        district,
                        province,
                        country,
                    )
                )
            for _ in range(sizes[programme]):
                cluster = rng.choice(mine)
                country = self.clusters[cluster][5]
                language = self.pick(COUNTRIES[country][2])
                roll = rng.random()
                gender = (
                    "female" if roll < women
                    else "male" if roll < 0.95
                    else "other" if roll < 0.97
                    else "undisclosed"
                )  # fmt: skip
                age = rng.randint(18, 34) if rng.random() < 0.4 else rng.randint(35, 65)
                index = len(self.people)
                contact = rng.random()
                email = (
                    f"participant{index:06d}@{EMAIL_DOMAIN}" if contact >= 0.6 else None
                )
                phone = (
                    f"{PHONE_PREFIX}{COUNTRIES[country][1]}{index:08d}"
                    if contact < 0.75
                    else None
                )
                self.people.append(
                    Person(
                        index=index,
                        programme=programme,
                        cluster=cluster,
                        country=country,
                        language=language,
                        gender=gender,
                        birth_year=self.today.year - age,
                        engagement=rng.betavariate(3, 1.8),
                        full_name=self.name(country, language, gender),
                        email=email,
                        phone=phone,
                    )
                )

    def plan_cohorts(self) -> None:
        """Participants of a programme, in cluster order, cut into cohorts of 25–40; a
        tenth of them also join a second, later cohort."""
        rng = self.rng
        self.cohorts: list[PlannedCohort] = []
        self.first_ends: dict[int, date] = {}
        by_programme = defaultdict(list)
        for person in self.people:
            by_programme[person.programme].append(person)

        def place(person):  # country, district, cluster: cohorts meet near home
            cluster = self.clusters[person.cluster]
            return cluster[5], cluster[3], person.cluster, person.index

        for programme, people in sorted(by_programme.items()):
            people.sort(key=place)
            again = sorted(rng.sample(people, round(len(people) * 0.1)), key=place)
            for group, second in ((people, False), (again, True)):
                for chunk in self.chunks(group):
                    self.cohorts.append(self.plan_cohort(programme, chunk, second))

    def chunks(self, people: list[Person]) -> list[list[Person]]:
        chunks, start = [], 0
        while start < len(people):
            size = self.rng.randint(25, 40)
            chunk = people[start : start + size]
            start += size
            if len(chunk) < 25 and chunks and len(chunks[-1]) + len(chunk) <= 45:
                chunks[-1].extend(chunk)
            else:
                chunks.append(chunk)
        return chunks

    def plan_cohort(self, programme, people, second) -> PlannedCohort:
        rng = self.rng
        cluster = self.clusters[people[0].cluster]
        if (
            second
        ):  # after everyone's first cohort, and started a week ago at the latest
            starts = min(
                self.today - timedelta(days=7),
                max(self.first_ends[p.index] for p in people)
                + timedelta(days=rng.randint(14, 120)),
            )
        else:
            starts = self.today - timedelta(days=rng.randint(7, 730))
        ends = starts + timedelta(days=rng.randint(28, 70))
        if not second:
            for person in people:
                self.first_ends[person.index] = ends
        members = []
        for person in people:
            status = self.pick(
                {
                    Enrolment.Status.ENROLLED: 86,
                    Enrolment.Status.WITHDRAWN: 5,
                    Enrolment.Status.WAITLISTED: 3,
                    Enrolment.Status.REQUESTED: 3,
                    Enrolment.Status.DECLINED: 3,
                }
            )
            members.append(Member(person, status))
        cohort = PlannedCohort(
            programme=programme,
            country=cluster[5],
            district=cluster[3],
            members=members,
            starts_on=starts,
            ends_on=ends,
            second=second,
        )
        cohort.language = Counter(p.language for p in people).most_common(1)[0][0]
        cohort.courses = rng.sample(
            self.courses, min(len(self.courses), 2 if rng.random() < 0.75 else 1)
        )
        kind = "export readiness" if second else "cluster training"
        cohort.name = (
            f"{SCALE}{cohort.district} {kind} {starts:%Y-%m} #{len(self.cohorts) + 1}"
        )
        return cohort

    # -- writing -------------------------------------------------------------------

    def insert_staff(self) -> None:
        groups = {group.name: group.pk for group in Group.objects.all()}
        self.officers, self.trainers = {}, defaultdict(list)
        staff = []
        for programme, spec in enumerate(PROGRAMMES):
            key = spec[0]
            staff.append(
                (
                    programme,
                    roles.OFFICER,
                    User(
                        full_name=OFFICERS[key],
                        email=f"officer.{key}@{EMAIL_DOMAIN}",
                        is_staff=True,
                        password=self.password,
                        preferred_language="en",
                    ),
                )
            )
            country = next(iter(spec[2]))
            for number in range(min(12, 2 + self.n // 10000)):
                language = next(iter(COUNTRIES[country][2]))
                staff.append(
                    (
                        programme,
                        roles.TRAINER,
                        User(
                            full_name=self.name(
                                country, "en", self.rng.choice(["female", "male"])
                            ),
                            email=f"trainer.{key}.{number + 1}@{EMAIL_DOMAIN}",
                            is_staff=True,
                            password=self.password,
                            preferred_language=language,
                        ),
                    )
                )
        User.objects.bulk_create([user for _p, _r, user in staff])
        for programme, role, user in staff:
            if role == roles.OFFICER:
                self.officers[programme] = user.pk
            else:
                self.trainers[programme].append(user.pk)
        self.counts["users"] += len(staff)
        self.counts["group memberships"] += insert_rows(
            User.groups.through,
            ["user", "group"],
            ((user.pk, groups[role]) for _p, role, user in staff),
        )

    def insert_clusters(self) -> None:
        objects = [
            Cluster(
                name=name,
                sector=sector,
                district=district,
                province=province,
                country=country,
                description="Scale data.",
            )
            for _p, name, sector, district, province, country in self.clusters
        ]
        Cluster.objects.bulk_create(objects, batch_size=BATCH)
        self.cluster_pks = [cluster.pk for cluster in objects]
        self.counts["clusters"] += len(objects)

    def insert_participants(self) -> None:
        rng = self.rng
        first_enrolled: dict[int, date] = {}
        for cohort in self.cohorts:
            for member in cohort.members:
                index = member.person.index
                if (
                    index not in first_enrolled
                    or cohort.starts_on < first_enrolled[index]
                ):
                    first_enrolled[index] = cohort.starts_on
        self.counts["users"] += insert_rows(
            User,
            ["password", "is_superuser", "email", "phone", "full_name", "short_name",
             "preferred_language", "is_staff", "is_active", "date_joined"],
            (
                (self.password, False, person.email, person.phone, person.full_name,
                 "", person.language, False, True,
                 self.at(
                     first_enrolled.get(person.index, self.today)
                     - timedelta(days=rng.randint(5, 60)),
                     rng.randint(8, 17), rng.randint(0, 59),
                     COUNTRIES[person.country][0]))
                for person in self.people
            ),
        )  # fmt: skip
        # Ids back by what is unique: the address, else the phone number.
        ids = {
            email or phone: pk
            for email, phone, pk in scale_users()
            .filter(is_staff=False)
            .values_list("email", "phone", "pk")
        }
        for person in self.people:
            person.pk = ids[person.email or person.phone]
        disability = {True: 4, False: 80, None: 16}
        self.counts["participant profiles"] += insert_rows(
            ParticipantProfile,
            ["user", "gender", "birth_year", "district", "province", "country",
             "cluster", "has_disability"],
            (
                (person.pk, person.gender, person.birth_year,
                 self.clusters[person.cluster][3], self.clusters[person.cluster][4],
                 person.country, self.cluster_pks[person.cluster],
                 self.pick(disability))
                for person in self.people
            ),
        )  # fmt: skip
        participant = Group.objects.get(name=roles.PARTICIPANT).pk
        self.counts["group memberships"] += insert_rows(
            User.groups.through,
            ["user", "group"],
            ((person.pk, participant) for person in self.people),
        )

    def insert_cohorts(self) -> None:
        rng = self.rng
        programmes = []
        for _key, name, countries, _share, funder, _women in PROGRAMMES:
            programmes.append(
                Programme(
                    name=name,
                    description="Generated by seed_scale for dashboards and "
                    "benchmarks.",
                    funder=funder,
                    partners="National Chamber of Commerce (scale data)\n"
                    "SME development agency (scale data)",
                    countries=list(countries),
                    created_at=self.at(
                        self.today - timedelta(days=760), 9, 0, settings.TIME_ZONE
                    ),
                )
            )
        with own_timestamps(Programme):
            Programme.objects.bulk_create(programmes)
        self.programme_pks = [programme.pk for programme in programmes]
        self.counts["programmes"] += len(programmes)
        self.counts["programme officers"] += insert_rows(
            Programme.officers.through,
            ["programme", "user"],
            (
                (programme.pk, self.officers[number])
                for number, programme in enumerate(programmes)
            ),
        )
        Indicator.objects.create(
            programme=programmes[0],
            code="orders_through_cluster",
            name="Orders received through the cluster",
            names={"si": "සමූහය හරහා ලැබුණු ඇණවුම්"},
            kind=Indicator.Kind.NUMBER,
            position=15,
        )
        self.indicators_by_programme = {
            pk: list(self.indicators) for pk in self.programme_pks
        }
        self.indicators_by_programme[programmes[0].pk] = list(
            Indicator.objects.filter(
                Q(programme__isnull=True) | Q(programme=programmes[0]), active=True
            ).order_by("position")
        )

        venues = {}
        for cohort in self.cohorts:
            venues.setdefault(
                (cohort.country, cohort.district),
                Venue(
                    name=f"{SCALE}{cohort.district} chamber hall",
                    address=f"Main street, {cohort.district}",
                    district=cohort.district,
                    country=cohort.country,
                    capacity=45,
                ),
            )
        Venue.objects.bulk_create(list(venues.values()), batch_size=BATCH)
        self.venues = {key: venue.pk for key, venue in venues.items()}
        self.counts["venues"] += len(venues)

        objects = []
        for cohort in self.cohorts:
            enrolled = sum(
                m.status == Enrolment.Status.ENROLLED for m in cohort.members
            )
            trainers = self.trainers[cohort.programme]
            cohort.trainers = rng.sample(
                trainers, min(len(trainers), rng.choice([1, 1, 2]))
            )
            objects.append(
                Cohort(
                    programme_id=self.programme_pks[cohort.programme],
                    name=cohort.name,
                    language=cohort.language,
                    starts_on=cohort.starts_on,
                    ends_on=cohort.ends_on,
                    venue_id=self.venues[(cohort.country, cohort.district)],
                    capacity=max(1, enrolled + rng.randint(0, 2)),
                    enrolment_opens=cohort.starts_on - timedelta(days=45),
                    enrolment_closes=cohort.starts_on - timedelta(days=3),
                    self_enrolment=any(
                        m.status == Enrolment.Status.REQUESTED for m in cohort.members
                    ),
                    status=cohort.status,
                    pre_test=self.pre_test,
                    post_test=self.post_test,
                    created_at=self.at(
                        cohort.starts_on - timedelta(days=60), 10, 0, settings.TIME_ZONE
                    ),
                )
            )
        with own_timestamps(Cohort):
            Cohort.objects.bulk_create(objects, batch_size=BATCH)
        for cohort, row in zip(self.cohorts, objects, strict=True):
            cohort.pk = row.pk
        self.counts["cohorts"] += len(objects)
        self.counts["cohort courses"] += insert_rows(
            Cohort.courses.through,
            ["cohort", "page"],
            ((c.pk, course.page_id) for c in self.cohorts for course in c.courses),
        )
        self.counts["cohort trainers"] += insert_rows(
            Cohort.trainers.through,
            ["cohort", "user"],
            ((c.pk, trainer) for c in self.cohorts for trainer in c.trainers),
        )
        # What the actionplans receiver does on each save: 1/3/6-month checkpoints.
        checkpoints = [
            Checkpoint(
                cohort_id=cohort.pk,
                offset_months=months,
                due_on=Checkpoint.due_for(cohort.ends_on, months),
            )
            for cohort in self.cohorts
            for months in DEFAULT_OFFSETS
        ]
        Checkpoint.objects.bulk_create(checkpoints, batch_size=BATCH)
        for number, cohort in enumerate(self.cohorts):
            mine = checkpoints[number * len(DEFAULT_OFFSETS) :][: len(DEFAULT_OFFSETS)]
            cohort.checkpoints = [(c.pk, c.offset_months, c.due_on) for c in mine]
        self.counts["checkpoints"] += len(checkpoints)
        setups = [
            CertificateSetup(
                cohort_id=cohort.pk,
                template=self.certificate_template,
                min_attendance=80,
                require_courses=False,
            )
            for cohort in self.cohorts
        ]
        CertificateSetup.objects.bulk_create(setups, batch_size=BATCH)
        self.counts["certificate set-ups"] += len(setups)

    def insert_enrolments(self) -> None:
        rng = self.rng
        rows = []
        for cohort in self.cohorts:
            zone = COUNTRIES[cohort.country][0]
            for member in cohort.members:
                asked = self.at(
                    cohort.starts_on - timedelta(days=rng.randint(4, 40)),
                    rng.randint(8, 17),
                    rng.randint(0, 59),
                    zone,
                )
                status = member.status
                waitlisted_at = withdrawn_at = enrolled_at = None
                reason, updated = "", asked
                source = (
                    Enrolment.Source.SELF
                    if status in (Enrolment.Status.REQUESTED, Enrolment.Status.DECLINED)
                    else self.pick(
                        {Enrolment.Source.OFFICER: 70, Enrolment.Source.IMPORT: 30}
                    )
                )
                if status in (Enrolment.Status.ENROLLED, Enrolment.Status.WITHDRAWN):
                    enrolled_at = updated = asked
                if status == Enrolment.Status.WITHDRAWN:
                    days = (cohort.ends_on - cohort.starts_on).days
                    withdrawn_at = updated = self.within(
                        self.at(cohort.starts_on, 9, 0, zone), days
                    )
                    reason = rng.choice(WITHDRAWN_REASONS)
                elif status == Enrolment.Status.WAITLISTED:
                    waitlisted_at = asked
                elif status == Enrolment.Status.DECLINED:
                    reason = "The cohort was full; offered a place in the next intake."
                    updated = asked + timedelta(days=2)
                member.enrolled_at, member.withdrawn_at = enrolled_at, withdrawn_at
                rows.append(
                    (cohort.pk, member.person.pk, status, source, waitlisted_at,
                     enrolled_at, withdrawn_at, reason, asked, updated)
                )  # fmt: skip
        self.counts["enrolments"] += insert_rows(
            Enrolment,
            ["cohort", "user", "status", "source", "waitlisted_at", "enrolled_at",
             "withdrawn_at", "reason", "created_at", "updated_at"],
            rows,
        )  # fmt: skip

    def insert_sessions(self) -> None:
        """Four to six workshop days and an exposure visit per cohort; a register for
        every session already held."""
        rng = self.rng
        clusters_by_country = defaultdict(list)
        for number, cluster in enumerate(self.clusters):
            clusters_by_country[(cluster[0], cluster[5])].append(number)
        sessions, plan = [], []
        for cohort in self.cohorts:
            zone = COUNTRIES[cohort.country][0]
            days = (cohort.ends_on - cohort.starts_on).days
            workshops = rng.randint(4, 6)
            offsets = [0, *sorted(rng.sample(range(1, days + 1), workshops))]
            visit_day = offsets.pop(rng.randint(1, workshops - 1))
            venue = self.venues[(cohort.country, cohort.district)]
            topics = rng.sample(WORKSHOP_TOPICS, workshops)
            for number, offset in enumerate(offsets):
                day = cohort.starts_on + timedelta(days=offset)
                sessions.append(
                    Session(
                        cohort_id=cohort.pk,
                        kind=Session.Kind.WORKSHOP,
                        title=f"Workshop day {number + 1}: {topics[number]}",
                        starts_at=self.at(day, 9, 0, zone),
                        ends_at=self.at(day, 16, 0, zone),
                        time_zone=zone,
                        venue_id=venue,
                    )
                )
                plan.append(cohort)
            host = rng.choice(clusters_by_country[(cohort.programme, cohort.country)])
            day = cohort.starts_on + timedelta(days=visit_day)
            sessions.append(
                Session(
                    cohort_id=cohort.pk,
                    kind=Session.Kind.VISIT,
                    title="Exposure visit: "
                    + self.clusters[host][1].removeprefix(SCALE),
                    starts_at=self.at(day, 8, 0, zone),
                    ends_at=self.at(day, 15, 0, zone),
                    time_zone=zone,
                    host_cluster_id=self.cluster_pks[host],
                    address=f"{self.clusters[host][3]} ({self.clusters[host][4]})",
                    meeting_point="In front of the chamber hall",
                    transport_note="A hired bus leaves at 7:30 and is back by 16:00.",
                    learning_objectives="See how a cluster buys and sells together.",
                )
            )
            plan.append(cohort)
        Session.objects.bulk_create(sessions, batch_size=BATCH)
        for session, cohort in zip(sessions, plan, strict=True):
            cohort.sessions.append((session.pk, session.starts_at, session.kind))
        self.counts["sessions"] += len(sessions)
        self.counts["session facilitators"] += insert_rows(
            Session.facilitators.through,
            ["session", "user"],
            ((s.pk, c.trainers[0]) for s, c in zip(sessions, plan, strict=True)),
        )
        self.counts["attendance"] += insert_rows(
            Attendance,
            [
                "session",
                "user",
                "status",
                "method",
                "recorded_by",
                "recorded_at",
                "note",
            ],
            self.attendance_rows(),
        )

    def attendance_rows(self):
        rng = self.rng
        for cohort in self.cohorts:
            trainer = cohort.trainers[0]
            for session_pk, starts_at, _kind in cohort.sessions:
                if starts_at > self.now:
                    continue
                for member in cohort.members:
                    if member.enrolled_at is None or (
                        member.withdrawn_at and member.withdrawn_at < starts_at
                    ):
                        continue
                    roll = rng.random()
                    attend = 0.55 + 0.43 * member.person.engagement
                    if roll < attend:
                        status = "late" if rng.random() < 0.1 else "present"
                        member.attended += 1
                    else:
                        status = "excused" if rng.random() < 0.3 else "absent"
                    member.held += 1
                    check_in = status != "absent" and rng.random() < 0.2
                    yield (
                        session_pk,
                        member.person.pk,
                        status,
                        "check_in" if check_in else "register",
                        member.person.pk if check_in else trainer,
                        starts_at + timedelta(minutes=rng.randint(5, 90)),
                        "",
                    )

    def learners(self):
        """(cohort, member, share of the cohort's time elapsed) for everyone who was
        enrolled, with a withdrawn person's time cut at the withdrawal."""
        for cohort in self.cohorts:
            length = max(1, (cohort.ends_on - cohort.starts_on).days)
            elapsed = min(1.0, (self.today - cohort.starts_on).days / length)
            for member in cohort.members:
                if member.enrolled_at is None:
                    continue
                share = elapsed
                if member.withdrawn_at:
                    share = min(
                        share,
                        max(0, (member.withdrawn_at.date() - cohort.starts_on).days)
                        / length,
                    )
                yield cohort, member, share

    def insert_progress(self) -> None:
        rng = self.rng
        taken: set[tuple[int, uuid.UUID]] = set()
        enrolments, progress = [], []
        for cohort, member, share in self.learners():
            person = member.person
            courses = list(cohort.courses)
            if rng.random() < 0.35:  # reads another course on their own
                courses.append(rng.choice(self.courses))
            for course in courses:
                if (person.pk, course.key) in taken:
                    continue
                taken.add((person.pk, course.key))
                own = course not in cohort.courses
                enrolments.append(
                    (person.pk, course.key, "self" if own else "cohort",
                     member.enrolled_at)
                )  # fmt: skip
                reach = 0.45 + 0.7 * person.engagement + rng.gauss(0, 0.15)
                reach = max(0.0, min(1.0, reach * share * (0.5 if own else 1)))
                progress.extend(
                    self.lesson_rows(cohort, person, course, reach, member.enrolled_at)
                )
        self.counts["course enrolments"] += insert_rows(
            CourseEnrolment, ["user", "course_key", "source", "enrolled_at"], enrolments
        )
        self.counts["lesson progress"] += insert_rows(
            LessonProgress,
            ["user", "lesson_key", "module_key", "course_key", "first_viewed_at",
             "last_viewed_at", "completed_at", "completed_by", "last_language"],
            progress,
        )  # fmt: skip

    def lesson_rows(self, cohort, person, course, reach, enrolled_at):
        rng = self.rng
        lessons = course.lessons
        opened = round(len(lessons) * reach)
        if not opened:
            return []
        language = (
            person.language
            if person.language in course.languages
            else settings.LANGUAGE_CODE
        )
        start = max(enrolled_at, self.at(cohort.starts_on, 10, 0, "UTC"))
        window = min(
            timedelta(days=(cohort.ends_on - cohort.starts_on).days + 30),
            self.now - start,
        )
        rows = []
        for number, lesson in enumerate(lessons[:opened]):
            first = self.past(start + (window * (number + rng.random()) / len(lessons)))
            last = self.within(first, rng.choice([0, 0, 0.1, 1, 3]))
            done = lesson.rule == "viewed" or rng.random() < (
                0.85 if lesson.rule == "marked_done" else 0.7
            )
            rows.append(
                (person.pk, lesson.key, lesson.module_key, course.key, first, last,
                 (first if lesson.rule == "viewed" else last) if done else None,
                 lesson.rule if done else "", language)
            )  # fmt: skip
        return rows

    def insert_attempts(self) -> None:
        self.counts["quiz attempts"] += insert_rows(
            Attempt,
            ["id", "user", "quiz", "quiz_key", "number", "state", "closed_by",
             "language", "started_at", "deadline", "submitted_at", "score",
             "max_score", "percent", "pass_mark", "passed"],
            self.attempt_rows(),
        )  # fmt: skip

    def attempt_rows(self):
        rng = self.rng
        numbers: Counter = Counter()
        pre, post = self.pre_test, self.post_test

        def attempt(person, quiz, when, level):
            _quiz, top, language = self.tests[quiz.pk]
            numbers[(person.pk, quiz.pk)] += 1
            level = max(0.0, min(1.0, level + rng.gauss(0, 0.12)))
            score = (top * Decimal(round(level * 100)) / 100).quantize(Decimal("1"))
            percent = round(float(score / top) * 100, 2)
            limit = quiz.time_limit_minutes
            return (
                self.uuid(), person.pk, quiz.pk, quiz.translation_key,
                numbers[(person.pk, quiz.pk)], "submitted", "participant", language,
                when, when + timedelta(minutes=limit) if limit else None,
                self.past(when + timedelta(minutes=rng.randint(6, limit or 25))),
                score, top,
                percent, quiz.pass_mark, percent >= quiz.pass_mark,
            )  # fmt: skip

        for cohort, member, share in self.learners():
            person = member.person
            ability = 0.15 + 0.35 * person.engagement
            first = cohort.sessions[0][1] + timedelta(minutes=30)
            if rng.random() < 0.95 and first < self.now:
                yield attempt(person, pre, first, ability)
            if not cohort.completed or share < 1 or rng.random() > 0.92:
                continue
            last = max(s[1] for s in cohort.sessions) + timedelta(hours=5)
            gain = 0.1 + 0.3 * person.engagement
            row = attempt(person, post, self.past(last), ability + gain)
            yield row
            if not row[-1] and rng.random() < 0.6:
                again = self.within(last + timedelta(days=1), 9)
                yield attempt(person, post, again, ability + gain + 0.2)

    def insert_plans(self) -> None:
        """Half the enrolled participants write a plan; most of those in completed
        cohorts have it approved."""
        rng = self.rng
        statuses = ActionPlan.Status
        section = [s["id"] for s in SECTIONS]
        self.plans: list[Plan] = []
        for cohort, member, share in self.learners():
            person = member.person
            if member.withdrawn_at or rng.random() > (
                0.15 + 0.6 * person.engagement
            ) * min(1.0, share * 1.5):
                continue
            if cohort.completed:
                status = (
                    statuses.APPROVED
                    if rng.random() < 0.45 + 0.45 * person.engagement
                    else self.pick(
                        {statuses.SUBMITTED: 4, statuses.CHANGES_REQUESTED: 3,
                         statuses.DRAFT: 5}
                    )
                )  # fmt: skip
            else:
                status = self.pick(
                    {statuses.DRAFT: 55, statuses.SUBMITTED: 30,
                     statuses.CHANGES_REQUESTED: 10, statuses.APPROVED: 5}
                )  # fmt: skip
            zone = COUNTRIES[cohort.country][0]
            started = self.within(
                self.at(cohort.starts_on + timedelta(days=3), 19, 0, zone), 17
            )
            submitted = (
                None
                if status == statuses.DRAFT
                else self.within(started + timedelta(days=2), 23)
            )
            approved = (
                self.within(submitted + timedelta(days=1), 9)
                if status == statuses.APPROVED
                else None
            )
            products = SECTORS[self.clusters[person.cluster][2]][2]
            items = [
                {
                    "id": f"a{n + 1}",
                    "activity": activity,
                    "responsible": person.full_name.split()[-1],
                    "start": str(cohort.ends_on),
                    "due": str(cohort.ends_on + timedelta(days=120)),
                    "cost": cost,
                    "indicator": indicator,
                    "target": target,
                }
                for n, (activity, indicator, target, cost) in enumerate(
                    rng.sample(ACTIVITIES, rng.randint(1, 3))
                )
            ]
            content = {
                section[0]: {
                    "text": f"{products}. {rng.randint(1, 8)} people work in the "
                    f"business; we sell at the market and to {rng.randint(1, 6)} shops."
                },
                section[1]: {
                    "strengths": "Good raw materials close by.",
                    "weaknesses": "Records kept on paper only.",
                    "opportunities": "Buyers met on the exposure visit.",
                    "threats": "Power cuts and rising prices.",
                },
                section[2]: {"text": f"Sell {rng.choice([10, 20, 30, 50])}% more."},
                section[3]: {"items": items},
            }
            revision = 1 if status == statuses.DRAFT else rng.randint(2, 6)
            self.plans.append(
                Plan(cohort, member, items, status, content, revision, started,
                     submitted, approved)
            )  # fmt: skip
        self.counts["action plans"] += insert_rows(
            ActionPlan,
            ["user", "cohort", "template", "language", "status", "content",
             "revision", "updated_at", "updated_by", "created_at", "submitted_at",
             "approved_at"],
            (
                (p.member.person.pk, p.cohort.pk, self.plan_template.pk,
                 p.member.person.language, p.status, p.content, p.revision,
                 p.approved or p.submitted or p.started, p.member.person.pk,
                 p.started, p.submitted, p.approved)
                for p in self.plans
            ),
        )  # fmt: skip
        scale = Q(cohort__programme__name__startswith=SCALE)
        ids = {
            (user, cohort): pk
            for user, cohort, pk in ActionPlan.objects.filter(scale).values_list(
                "user_id", "cohort_id", "pk"
            )
        }
        for plan in self.plans:
            plan.pk = ids[(plan.member.person.pk, plan.cohort.pk)]
        submitted = [plan for plan in self.plans if plan.submitted]
        self.counts["plan versions"] += insert_rows(
            PlanVersion,
            ["plan", "number", "content", "submitted_at", "submitted_by"],
            (
                (plan.pk, 1, plan.content, plan.submitted, plan.member.person.pk)
                for plan in submitted
            ),
        )
        versions = dict(
            PlanVersion.objects.filter(
                plan__cohort__programme__name__startswith=SCALE
            ).values_list("plan_id", "pk")
        )
        reviews = []
        for plan in submitted:
            if plan.status not in (statuses.APPROVED, statuses.CHANGES_REQUESTED):
                continue
            approve = plan.status == statuses.APPROVED
            decided = plan.approved or self.within(
                plan.submitted + timedelta(days=1), 6
            )
            reviews.append(
                (plan.pk, versions[plan.pk], None, plan.cohort.trainers[0],
                 "approve" if approve else "changes",
                 rng.choice(PLAN_COMMENTS if approve else CHANGES_COMMENTS), {},
                 decided)
            )  # fmt: skip
        self.counts["reviews"] += insert_rows(Review, REVIEW_COLUMNS, reviews)

    def insert_reports(self) -> None:
        """A report at most checkpoints that are due, for every approved plan; a few
        started early at checkpoints that are open but not yet due."""
        rng = self.rng
        statuses = FollowUpReport.Status
        reports, rows = [], []
        for plan in self.plans:
            if plan.status != ActionPlan.Status.APPROVED:
                continue
            cohort, person = plan.cohort, plan.member.person
            zone = COUNTRIES[cohort.country][0]
            for position, (checkpoint, _months, due) in enumerate(cohort.checkpoints):
                if due - timedelta(days=14) > self.today:
                    break
                if due > self.today:
                    if rng.random() > 0.15:
                        continue
                    status = statuses.DRAFT
                else:
                    chance = (0.97 - 0.07 * position) * (0.6 + 0.4 * person.engagement)
                    if rng.random() > chance:
                        continue
                    status = self.pick(
                        {statuses.DRAFT: 40, statuses.SUBMITTED: 60}
                        if (self.today - due).days < 14
                        else {statuses.ACCEPTED: 55, statuses.SUBMITTED: 30,
                              statuses.DRAFT: 8, statuses.CHANGES_REQUESTED: 7}
                    )  # fmt: skip
                method = self.pick({"self": 82, "phone": 13, "meeting": 5})
                started = self.within(
                    self.at(due - timedelta(days=14), 19, 30, zone), 14
                )
                submitted = (
                    None if status == statuses.DRAFT else self.within(started, 10)
                )
                progress = {}
                for item in plan.items:
                    done = min(100, rng.randint(0, 60) + 25 * position)
                    progress[item["id"]] = {
                        "status": "done"
                        if done >= 100
                        else "not_started"
                        if done == 0
                        else self.pick({"in_progress": 9, "dropped": 1}),
                        "percent": done,
                        "note": "",
                    }
                reports.append(Report(plan, checkpoint, position, status, submitted))
                rows.append(
                    (checkpoint, plan.pk, person.pk, status, progress,
                     rng.choice(HELPED) if rng.random() < 0.7 else "",
                     rng.choice(BLOCKED) if rng.random() < 0.6 else "",
                     rng.choice(STORIES) if rng.random() < 0.35 else "",
                     method,
                     None if method == "self" else self.officers[cohort.programme],
                     1 if status == statuses.DRAFT else rng.randint(2, 4),
                     submitted or started, submitted, started)
                )  # fmt: skip
        self.counts["follow-up reports"] += insert_rows(
            FollowUpReport,
            ["checkpoint", "plan", "user", "status", "items", "helped", "blocked",
             "story", "method", "recorded_by", "revision", "updated_at",
             "submitted_at", "created_at"],
            rows,
        )  # fmt: skip
        ids = {
            (checkpoint, user): pk
            for checkpoint, user, pk in FollowUpReport.objects.filter(
                plan__cohort__programme__name__startswith=SCALE
            ).values_list("checkpoint_id", "user_id", "pk")
        }
        for report in reports:
            report.pk = ids[(report.checkpoint, report.plan.member.person.pk)]
        reviews = [
            (None, None, report.pk, self.officers[report.plan.cohort.programme],
             "approve" if report.status == statuses.ACCEPTED else "changes",
             "Thank you: good progress." if report.status == statuses.ACCEPTED
             else "Please add your sales figures.", {},
             self.within(report.submitted + timedelta(days=1), 8))
            for report in reports
            if report.status in (statuses.ACCEPTED, statuses.CHANGES_REQUESTED)
        ]  # fmt: skip
        self.counts["reviews"] += insert_rows(Review, REVIEW_COLUMNS, reviews)
        self.counts["indicator values"] += insert_rows(
            IndicatorValue,
            ["report", "indicator", "number", "women", "youth", "yes", "choices",
             "text"],
            self.value_rows(reports),
        )  # fmt: skip

    def value_rows(self, reports):
        rng = self.rng
        for report in reports:
            answered = 0.5 if report.status == FollowUpReport.Status.DRAFT else 0.92
            engagement = report.plan.member.person.engagement
            for indicator in self.indicators_by_programme[
                self.programme_pks[report.plan.cohort.programme]
            ]:
                if rng.random() > answered:
                    continue
                value = self.indicator_value(indicator, engagement, report.position)
                if value is not None:
                    yield (report.pk, indicator.pk, *value)

    def indicator_value(self, indicator, engagement, position):
        """(number, women, youth, yes, choices, text) as the report form stores them;
        None for an empty answer (not stored)."""
        rng = self.rng
        kind = indicator.kind
        if kind == Indicator.Kind.PERCENT:
            change = rng.gauss(4 + 8 * position + 20 * engagement, 15)
            number = Decimal(str(round(max(-60.0, min(300.0, change)), 2)))
            return number, None, None, None, [], ""
        if kind == Indicator.Kind.NUMBER:
            count = max(0, round(rng.gauss(position + 2 * engagement, 1.5)))
            if indicator.programme_id:
                count = rng.randint(0, 12 * (position + 1))
            return Decimal(count), None, None, None, [], ""
        if kind == Indicator.Kind.PEOPLE:
            total = rng.choice([0, 0, 0, 1, 1, 2, 3, 4, 6])
            women = sum(rng.random() < 0.6 for _ in range(total))
            youth = sum(rng.random() < 0.4 for _ in range(total))
            return Decimal(total), women, youth, None, [], ""
        if kind == Indicator.Kind.YES_NO:
            base = {"bank_account": 0.35, "loan": 0.15, "new_products": 0.35}
            chance = base.get(indicator.code, 0.05) + 0.1 * position
            return None, None, None, rng.random() < chance, [], ""
        if kind == Indicator.Kind.CHOICES:
            if rng.random() > 0.2 + 0.1 * position:
                return None
            options = indicator.choices or CERTIFICATIONS
            weights = [5 if o == "HACCP" else 3 if o == "GMP" else 1 for o in options]
            chosen = set(rng.choices(options, weights, k=rng.randint(1, 2)))
            return None, None, None, None, [o for o in options if o in chosen], ""
        return None, None, None, None, [], "Scale data."

    def insert_certificates(self) -> None:
        """Certificates for those of a completed cohort who attended at least 80 % of
        its sessions (as the set-up asks), and a few issued with a reason anyway."""
        rng = self.rng
        template = self.certificate_template
        sequence: Counter = Counter()
        rows = []
        programme_names = [spec[1] for spec in PROGRAMMES]
        for cohort in self.cohorts:
            if not cohort.completed:
                continue
            for member in cohort.members:
                if member.status != Enrolment.Status.ENROLLED:
                    continue
                eligible = member.held and member.attended / member.held >= 0.8
                if rng.random() > (0.93 if eligible else 0.05):
                    continue
                issued = self.within(
                    self.at(
                        cohort.ends_on + timedelta(days=1),
                        11,
                        0,
                        COUNTRIES[cohort.country][0],
                    ),
                    20,
                )
                sequence[issued.year] += 1
                rows.append(
                    (member.person.pk, cohort.pk, programme_names[cohort.programme],
                     cohort.name, cohort.starts_on, cohort.ends_on, template.issuer,
                     template.heading, template.translation_key, template.pk,
                     f"{NUMBER_PREFIX}{issued.year}-{sequence[issued.year]:06d}",
                     new_code(), member.person.full_name, template.locale.language_code,
                     Certificate.Status.VALID, 1, issued,
                     self.officers[cohort.programme],
                     "" if eligible else "Missed workshops for a family emergency; "
                     "made up with the trainer.", "", "")
                )  # fmt: skip
        self.counts["certificates"] += insert_rows(
            Certificate,
            ["user", "cohort", "programme_name", "cohort_name", "starts_on", "ends_on",
             "issuer", "heading", "template_key", "template", "number", "code",
             "full_name", "language", "status", "version", "issued_at", "issued_by",
             "override_reason", "revoked_reason", "pdf"],
            rows,
        )  # fmt: skip


REVIEW_COLUMNS = [
    "plan", "version", "report", "reviewer", "decision", "comment", "section_comments",
    "created_at",
]  # fmt: skip


def clear_scale_data(log=None) -> int:
    """Delete every row an earlier run made, and nothing else; what points at it goes
    with it, as `on_delete` says."""
    programmes = Programme.objects.filter(name__startswith=SCALE)
    cohorts = Cohort.objects.filter(programme__in=programmes)
    deleted = 0
    for queryset in (
        # Reports first: their checkpoints RESTRICT them, and cohorts reach both.
        FollowUpReport.objects.filter(plan__cohort__in=cohorts),
        Certificate.objects.filter(
            Q(number__startswith=NUMBER_PREFIX) | Q(cohort__in=cohorts)
        ),
        cohorts,
        programmes,
        scale_users(),
        Cluster.objects.filter(name__startswith=SCALE),
        Venue.objects.filter(name__startswith=SCALE),
    ):
        deleted += purge(queryset, log=log)
    for course in CoursePage.objects.filter(title__startswith=SCALE):
        deleted += 1 + course.get_descendants().count()
        course.delete()
    for index in CourseIndexPage.objects.filter(title__startswith=SCALE):
        if not index.get_children().exists():
            index.delete()
            deleted += 1
    for queryset in (
        Quiz.objects.filter(title__startswith=SCALE),
        Question.objects.filter(bank__name__startswith=SCALE),
        QuestionBank.objects.filter(name__startswith=SCALE),
        CertificateTemplate.objects.filter(name__startswith=SCALE),
    ):
        deleted += queryset.delete()[0]
    return deleted


def purge(queryset, depth: int = 0, log=None) -> int:
    """`queryset.delete()` in one statement per table. Django's collector deletes in
    batches of ids (500 on SQLite: half an hour for 100,000 people and the 60 tables that
    point at them); here each table that points at the rows is handled with a subquery,
    children first, following `on_delete`. The rows of a model with delete receivers
    go through the collector, so they run, except Wagtail's reference index (it
    listens to every model the admin lists, two queries per row): its rows go in one
    statement."""
    model = queryset.model
    started = time.monotonic()
    if depth > 8 or model._meta.parents:
        return queryset.delete()[0]
    count = 0
    for relation in get_candidate_relations_to_delete(model._meta):
        model_field = relation.field
        on_delete = model_field.remote_field.on_delete
        if on_delete is DO_NOTHING:
            continue
        related = relation.related_model._base_manager.filter(
            **{f"{model_field.name}__in": queryset}
        )
        if not related.exists():
            continue
        if on_delete is CASCADE:
            count += purge(related, depth + 1, log)
        elif on_delete is SET_NULL:
            related.update(**{model_field.name: None})
        else:
            raise CommandError(
                f"{model._meta.verbose_name_plural} of the scale data are still used by "
                f"{related.model._meta.verbose_name_plural} made by other means; not "
                "deleted."
            )
    if _has_delete_receivers(model):
        count += _forget_references(queryset)
        with disable_reference_index_auto_update():
            count += queryset.delete()[0]
    else:
        # The collector's own single-statement delete, for rows nothing points at now.
        count += queryset._raw_delete(queryset.db)
    if log:
        log(
            f"{'  ' * depth}{model._meta.label:<{28 - 2 * depth}} {count:>10,} rows "
            f"{time.monotonic() - started:6.1f} s"
        )
    return count


def _forget_references(queryset) -> int:
    """What Wagtail's `remove_reference_index_on_delete` does per row, for all of them:
    the references from and to these rows."""
    content_type = ContentType.objects.get_for_model(
        queryset.model, for_concrete_model=False
    )
    # A name no model has for a field (SyncItem has a `key`).
    keys = queryset.annotate(pk_as_text=Cast("pk", CharField())).values("pk_as_text")
    return ReferenceIndex.objects.filter(
        Q(base_content_type=content_type, object_id__in=keys)
        | Q(to_content_type=content_type, to_object_id__in=keys)
    ).delete()[0]


def _has_delete_receivers(model) -> bool:
    return signals.pre_delete.has_listeners(model) or signals.post_delete.has_listeners(
        model
    )


class Command(BaseCommand):
    help = (
        "Generate a large, realistic data set (programmes named 'Scale: …') for "
        "dashboards and benchmarks. 100,000 participants take a few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--participants",
            type=int,
            required=True,
            help="How many participants; everything else scales with it.",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed (same seed, same data)."
        )
        parser.add_argument(
            "--clear",
            action="store_true",
            help="First delete the scale data of an earlier run (and nothing else).",
        )
        parser.add_argument(
            "--no-facts",
            action="store_true",
            help="Do not rebuild the report facts afterwards.",
        )

    def handle(self, *args, participants, seed, clear, no_facts, **options):
        if participants < 1:
            raise CommandError("--participants must be at least 1.")
        started = time.monotonic()
        with transaction.atomic():
            if clear:
                self.analyze()
                stage = time.monotonic()
                count = clear_scale_data(self.log if options["verbosity"] > 1 else None)
                self.say("cleared", count, stage)
            elif scale_exists():
                raise CommandError(
                    "Scale data exists already (programmes named 'Scale: …', people "
                    f"@{EMAIL_DOMAIN}). Run with --clear to replace it."
                )
            counts = Builder(participants=participants, seed=seed, log=self.log).build()
        elapsed = time.monotonic() - started
        for label, count in sorted(counts.items()):
            if count:
                self.stdout.write(f"  {label:<24} {count:>10,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data: {participants:,} participants, {counts['cohorts']:,} "
                f"cohorts, {sum(counts.values()):,} rows in {elapsed:.1f} s "
                f"(seed {seed}, {connection.vendor})."
            )
        )
        self.analyze()
        if not no_facts:
            self.rebuild_facts()

    def analyze(self) -> None:
        """PostgreSQL: statistics for the tables just filled (or about to be emptied),
        as autovacuum would gather them in time, so that the deletes, the facts and the
        dashboards are planned on real row counts. Seconds, even at full scale."""
        if connection.vendor != "postgresql":
            return
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.log(
            f"{'statistics (ANALYZE)':<26} {'':>10} {time.monotonic() - started:7.1f} s"
        )

    def rebuild_facts(self) -> None:
        try:
            from reports import facts

            rebuild = facts.rebuild
        except (ImportError, AttributeError) as error:
            self.stdout.write(f"Report facts not rebuilt: {error}")
            return
        started = time.monotonic()
        rebuild(stdout=self.stdout)
        self.stdout.write(
            f"Report facts rebuilt in {time.monotonic() - started:.1f} s."
        )

    def say(self, label: str, count: int, started: float) -> None:
        self.log(f"{label:<26} {count:>10,} rows {time.monotonic() - started:7.1f} s")

    def log(self, message: str) -> None:
        self.stdout.write(f"  {message}")
        self.stdout.flush()
