"""Importing participants: a preview with every row's problem, all or nothing, no one twice,
CSV in any common encoding or XLSX, and the command line."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from cohorts import importing
from cohorts.models import Enrolment
from people.models import Cluster, User

pytestmark = pytest.mark.django_db

GOOD = (
    "Name,Phone,Email,Gender,Birth year,Cluster,Enterprise,District,Language\n"
    "Kumari Perera,+94 77 100 0001,,F,1984,Kegalle mushroom growers,Kumari Mushrooms,Kegalle,si\n"
    "Nimal Silva,+94 77 100 0002,nimal@example.org,male,1990,,,Kegalle,Sinhala\n"
    "Sita Kumari,,sita@example.org,,,,,Kegalle,\n"
)


@pytest.fixture
def cluster(db):
    return Cluster.objects.create(
        name="Kegalle mushroom growers", sector="food", district="Kegalle", country="LK"
    )


def test_a_good_file_previews_then_enrols_everyone(cohort_set, cluster):
    plan = importing.plan_import(cohort_set.cohort, GOOD.encode(), "people.csv")
    assert plan.errors == []
    assert (len(plan.to_enrol), plan.new_accounts, plan.waitlisted) == (3, 3, 0)
    outcome = importing.apply_import(plan)
    assert (outcome.created, outcome.enrolled, outcome.waitlisted) == (3, 3, 0)
    kumari = User.objects.get(phone="+94771000001")
    assert kumari.preferred_language == "si"
    assert kumari.participant_profile.cluster == cluster
    assert kumari.participant_profile.gender == "female"
    assert kumari.participant_profile.birth_year == 1984
    assert User.objects.get(email="nimal@example.org").preferred_language == "si"
    assert (
        User.objects.get(email="sita@example.org").preferred_language == "si"
    )  # the cohort's


def test_importing_the_same_file_again_changes_nothing(cohort_set, cluster):
    importing.apply_import(importing.plan_import(cohort_set.cohort, GOOD.encode()))
    plan = importing.plan_import(cohort_set.cohort, GOOD.encode())
    assert [row.enrolled_already for row in plan.rows] == [True, True, True]
    outcome = importing.apply_import(plan)
    assert (outcome.created, outcome.enrolled, outcome.unchanged) == (0, 0, 3)
    assert (
        User.objects.filter(is_staff=False).count() == 5 + 3
    )  # fixture's five + three
    assert Enrolment.objects.count() == 3


def test_an_existing_person_is_matched_by_phone_in_any_format(cohort_set):
    person = cohort_set.participants[0]
    phone = person.phone
    spaced = f"{phone[:3]} {phone[3:5]}-{phone[5:]}"
    plan = importing.plan_import(
        cohort_set.cohort, f"name,phone\n{person.full_name},{spaced}\n".encode()
    )
    assert plan.rows[0].user == person
    importing.apply_import(plan)
    assert Enrolment.objects.get().user == person


def test_every_bad_row_is_named_and_nothing_is_saved(cohort_set, cluster):
    bad = (
        "name,phone,email,gender,birth year,cluster,language\n"
        ",+94 77 100 0003,,,,,\n"  # no name
        "No contact,,,,,,\n"
        "Bad phone,12ab,,,,,\n"
        "Local phone,077 100 0004,,,,,\n"
        "Bad email,,not-an-email,,,,\n"
        "Odd gender,+94 77 100 0005,,yes,,,\n"
        "Old,+94 77 100 0006,,,1850,,\n"
        "Unknown cluster,+94 77 100 0007,,,,Potters of Mars,\n"
        "Klingon,+94 77 100 0008,,,,,tlh\n"
        "Twin one,+94 77 100 0009,,,,,\n"
        "Twin two,+94771000009,,,,,\n"
        "Fine,+94 77 100 0010,,,,,\n"
    )
    plan = importing.plan_import(cohort_set.cohort, bad.encode())
    refused = {row.number: " ".join(row.errors) for row in plan.errors}
    assert sorted(refused) == [*range(2, 11), 12]  # row 11 is the first twin: fine
    assert "name is missing" in refused[2]
    assert "phone number or an email" in refused[3]
    assert "not a phone number" in refused[4]
    assert "country code" in refused[5]
    assert "not an email address" in refused[6]
    assert "Gender" in refused[7]
    assert "Birth year" in refused[8]
    assert "Potters of Mars" in refused[9]
    assert "site's languages" in refused[10]
    assert "same phone number as row 11" in refused[12]
    with pytest.raises(importing.ImportRefused, match="10 rows have problems"):
        importing.apply_import(plan)
    assert not User.objects.filter(full_name="Fine").exists()
    assert not Enrolment.objects.exists()


def test_a_staff_account_or_two_people_in_one_row_are_refused(cohort_set):
    a, b = cohort_set.participants[:2]
    csv = (
        f"name,phone,email\nMixed,{a.phone},{b.email}\n"
        f"Officer,,{cohort_set.officer.email}\n"
    )
    plan = importing.plan_import(cohort_set.cohort, csv.encode())
    assert "two different people" in plan.rows[0].errors[0]
    assert "staff account" in plan.rows[1].errors[0]


def test_more_people_than_places_go_on_the_waiting_list(cohort_set):
    csv = "name,phone\n" + "".join(f"P{n},+9477200{n:04d}\n" for n in range(5))
    plan = importing.plan_import(cohort_set.cohort, csv.encode())
    assert (plan.places_left, plan.waitlisted) == (3, 2)
    outcome = importing.apply_import(plan)
    assert (outcome.enrolled, outcome.waitlisted) == (3, 2)


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: text.encode("utf-8-sig"),
        lambda text: text.encode("utf-16"),
        lambda text: text.replace(",", ";").encode("utf-8-sig"),
    ],
)
def test_csv_encodings_and_separators_spreadsheets_use(cohort_set, encode):
    text = "name,phone\nකුමාරි පෙරේරා,+94 77 100 0011\nஅனுஷா,+94 77 100 0012\n"
    plan = importing.plan_import(cohort_set.cohort, encode(text), "people.csv")
    assert [row.values["name"] for row in plan.rows] == ["කුමාරි පෙරේරා", "அனுஷா"]
    assert plan.errors == []


def test_a_file_not_in_utf8_is_refused_with_what_to_do(cohort_set):
    data = "name,phone\nJosé,+94 77 100 0013\n".encode("latin-1")
    with pytest.raises(importing.ImportRefused, match="CSV UTF-8"):
        importing.plan_import(cohort_set.cohort, data, "people.csv")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"first,last\nA,B\n", "name the columns"),
        (b"PK\x03\x04 not really a spreadsheet", "not a spreadsheet"),
    ],
)
def test_unreadable_files_are_refused(cohort_set, data, message):
    with pytest.raises(importing.ImportRefused, match=message):
        importing.plan_import(
            cohort_set.cohort, data, "x.xlsx" if data.startswith(b"PK") else "x.csv"
        )


def test_xlsx_files_with_numbers_as_numbers(cohort_set):
    book = Workbook()
    sheet = book.active
    sheet.append(["Full name", "Mobile", "Year of birth", "Sex"])
    sheet.append(["Rupa", "+94 77 100 0014", 1979, "Female"])
    buffer = io.BytesIO()
    book.save(buffer)
    plan = importing.plan_import(cohort_set.cohort, buffer.getvalue(), "people.xlsx")
    assert plan.errors == []
    assert plan.rows[0].values["birth_year"] == 1979


def test_the_command_checks_imports_and_refuses(cohort_set, cluster, tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_text(GOOD)
    call_command(
        "import_participants",
        str(path),
        "--cohort",
        str(cohort_set.cohort.pk),
        "--dry-run",
    )
    assert "nothing changed" in capsys.readouterr().out
    assert not Enrolment.objects.exists()
    call_command(
        "import_participants", str(path), "--cohort", str(cohort_set.cohort.pk)
    )
    assert "3 accounts created, 3 enrolled" in capsys.readouterr().out
    path.write_text("name,phone\nBroken,12\n")
    with pytest.raises(CommandError, match="1 rows have problems"):
        call_command(
            "import_participants", str(path), "--cohort", str(cohort_set.cohort.pk)
        )
    assert "row 2" in capsys.readouterr().err
    with pytest.raises(CommandError, match="no cohort"):
        call_command("import_participants", str(path), "--cohort", "99999")


@pytest.mark.parametrize(
    "data, name",
    [
        (b"\xff\xfeA", "x.csv"),
        (b"name,phone\n" + b"x" * 200_000 + b",+94771000099\n", "x.csv"),
        ("name,phone,birth year\nA,+94 77 100 0098,²\n".encode(), "x.csv"),
    ],
)
def test_broken_files_get_a_message_not_a_500(cohort_set, data, name):
    try:
        plan = importing.plan_import(cohort_set.cohort, data, name)
    except importing.ImportRefused as refused:
        assert str(refused)
    else:
        assert plan.errors


@pytest.mark.parametrize("language", ["si", "km", "fr"])
def test_headings_in_the_officers_language(cohort_set, language):
    from django.utils import translation

    with translation.override(language):
        name, phone = (
            translation.gettext("full name"),
            translation.gettext("phone number"),
        )
    assert name != "full name"
    csv = f"{name},{phone}\nRupa,+94 77 100 0021\n".encode()
    plan = importing.plan_import(cohort_set.cohort, csv, "people.csv")
    assert plan.errors == []
    assert plan.rows[0].values["name"] == "Rupa"
