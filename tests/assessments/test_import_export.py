"""Importing real question files into banks (command and admin), reporting what could not be
imported, and exporting them back: round trips through both formats."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Locale

from assessments import services
from assessments.formats import gift, moodle_xml
from assessments.models import Question, QuestionBank

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"


def _import(name, bank="HACCP", **kwargs):
    bank, _ = QuestionBank.objects.get_or_create(name=bank)
    path = SAMPLES / name
    return services.questions_import(
        data=path.read_bytes(),
        bank=bank,
        locale=kwargs.pop("locale", None) or Locale.get_default(),
        filename=path.name,
        **kwargs,
    )


def test_a_moodle_export_imports_every_supported_type():
    report = _import("haccp-moodle.xml")
    assert report.format == "moodlexml"
    assert sorted(q.question_type for q in report.created) == sorted(
        [
            "single_choice",
            "multiple_choice",
            "true_false",
            "short_text",
            "numeric",
            "matching",
            "ordering",
        ]
    )
    assert [(p.title, p.reason) for p in report.problems] == [
        ("Your plan", "question type 'essay' is not supported")
    ]
    biological = Question.objects.get(title="Biological hazard")
    assert biological.text == "Which of these is a biological hazard?"
    assert [t.name for t in biological.topics.all()] == ["Hazards"]
    assert [t.name for t in Question.objects.get(title="Records").topics.all()] == [
        "Principles"
    ]
    steps = Question.objects.get(title="Pickle steps").answer_block.value
    assert list(steps["items"])[0] == "Blanch the mushrooms"


def test_a_gift_file_imports_and_reports_what_it_cannot():
    report = _import("haccp.gift")
    assert report.format == "gift"
    assert len(report.created) == 6
    reasons = {p.title: p.reason for p in report.problems}
    assert "missing-word" in reasons["Missing word"]
    assert len(report.problems) == 2
    # [html] questions lose their tags, keep their words.
    assert Question.objects.get(title="Handwashing").text == (
        "When must workers wash their hands?"
    )


def test_importing_the_same_file_again_adds_nothing():
    _import("haccp.gift")
    again = _import("haccp.gift")
    assert again.created == [] and len(again.skipped) == 6
    assert Question.objects.count() == 6


@pytest.mark.parametrize(
    ("sample", "file_format"),
    [
        ("haccp-moodle.xml", "moodlexml"),
        ("haccp.gift", "gift"),
        ("haccp-moodle.xml", "gift"),
    ],
)
def test_export_and_import_round_trip(sample, file_format):
    _import(sample)
    bank = QuestionBank.objects.get(name="HACCP")
    original = list(Question.objects.filter(bank=bank).order_by("title"))
    text, left_out = services.questions_export(original, file_format=file_format)
    if file_format == "gift":
        assert [q.question_type for q in left_out] == (
            ["ordering"] if sample.endswith(".xml") else []
        )
    copy = QuestionBank.objects.create(name="Copy")
    report = services.questions_import(
        data=text.encode(),
        bank=copy,
        locale=Locale.get_default(),
        file_format=file_format,
    )
    assert report.problems == []
    again = {q.title: q for q in Question.objects.filter(bank=copy)}
    kept = [q for q in original if q not in left_out]
    assert len(again) == len(kept)
    from assessments.questions import as_dict

    for question in kept:
        before, after = as_dict(question), as_dict(again[question.title])
        assert after == before, question.title
        assert [t.name for t in again[question.title].topics.all()] == [
            t.name for t in question.topics.all()
        ]


def test_the_command_imports_and_reports(capsys, tmp_path):
    call_command("import_questions", str(SAMPLES / "haccp.gift"), "--bank", "Hygiene")
    out, err = capsys.readouterr()
    assert "6 imported into 'Hygiene' (GIFT, en)" in out
    assert "question 7 (Missing word)" in err
    assert QuestionBank.objects.get(name="Hygiene").questions.count() == 6


def test_the_command_fails_with_reasons_when_nothing_imports(capsys, tmp_path):
    bad = tmp_path / "broken.xml"
    bad.write_text(
        "<quiz><question type='essay'><name><text>E</text></name></question>"
    )
    with pytest.raises(CommandError, match="no questions could be imported"):
        call_command("import_questions", str(bad))
    assert "not well-formed XML" in capsys.readouterr().err
    assert not QuestionBank.objects.filter(name="broken").exists()


def test_the_command_refuses_other_encodings(capsys, tmp_path):
    latin = tmp_path / "latin.gift"
    latin.write_bytes("::Café::Is café a drink?{TRUE}".encode("latin-1"))
    with pytest.raises(CommandError):
        call_command("import_questions", str(latin), "--format", "gift")
    assert "not UTF-8" in capsys.readouterr().err


def test_the_command_accepts_utf16_from_windows_and_a_language(tmp_path):
    path = tmp_path / "km.gift"
    path.write_bytes("::ទឹក::ទឹកលាងត្រូវតែស្អាត។{TRUE}".encode("utf-16"))
    call_command("import_questions", str(path), "--language", "km")
    question = Question.objects.get()
    assert question.locale.language_code == "km" and question.title == "ទឹក"


def test_entities_are_refused(tmp_path):
    evil = (
        '<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaa">]>'
        "<quiz><question type='truefalse'><name><text>&a;</text></name></question></quiz>"
    )
    result = moodle_xml.parse(evil)
    assert result.questions == [] and "DOCTYPE" in result.problems[0].reason


def test_gift_categories_and_ordering_are_kept_apart():
    parsed = gift.parse("$CATEGORY: $course$/top/A\n\n::One::Q?{TRUE}\n")
    assert parsed.questions[0]["topic"] == "A"


def test_admin_import_with_a_report(client, trainer):
    client.force_login(trainer)
    upload = SimpleUploadedFile("haccp.gift", (SAMPLES / "haccp.gift").read_bytes())
    response = client.post(
        "/admin/quizzes/import/",
        {
            "file": upload,
            "file_format": "",
            "new_bank": "Trainer bank",
            "locale": Locale.get_default().pk,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "6 questions imported" in page
    assert "missing-word questions" in page
    assert QuestionBank.objects.get(name="Trainer bank").questions.count() == 6


def test_admin_import_of_a_useless_file_leaves_no_bank(client, trainer):
    client.force_login(trainer)
    upload = SimpleUploadedFile("notes.txt", b"just some notes, no questions")
    response = client.post(
        "/admin/quizzes/import/",
        {"file": upload, "new_bank": "Empty", "locale": Locale.get_default().pk},
    )
    assert "No questions could be imported." in response.content.decode()
    assert not QuestionBank.objects.filter(name="Empty").exists()


def test_admin_export_downloads_a_file(client, trainer):
    _import("haccp-moodle.xml")
    client.force_login(trainer)
    bank = QuestionBank.objects.get(name="HACCP")
    response = client.get(
        f"/admin/quizzes/export/?bank={bank.pk}&format=moodlexml"
        f"&locale={Locale.get_default().pk}"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="haccp.xml"'
    assert len(moodle_xml.parse(response.content).questions) == 7


def test_participants_and_officers_cannot_import(client, participant, officer):
    for user in (participant, officer):
        client.force_login(user)
        response = client.get("/admin/quizzes/import/")
        assert response.status_code in (302, 403)
