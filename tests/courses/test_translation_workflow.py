"""A trainer translates a whole course in the admin, exports it for an outside translator,
imports the translation back, and later sees which pages fell behind their source."""

import polib
import pytest
from django.test import Client
from wagtail.models import Locale
from wagtail_localize.models import Translation

from courses.models import CoursePage, LessonPage
from courses.selectors import stale_translations

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(trainer):
    client = Client()
    client.force_login(trainer)
    return client


def _submit(client, page, locale, subtree=True):
    return client.post(
        f"/admin/localize/submit/page/{page.pk}/",
        {"locales": [locale.pk], "include_subtree": "on" if subtree else ""},
    )


def test_trainer_translates_a_whole_course_through_po_files(
    trainer_client, course_tree
):
    km = Locale.objects.get(language_code="km")
    # Parents first, as the editor offers: home and the course list, then the course tree.
    for page in (course_tree.home, course_tree.index):
        assert _submit(trainer_client, page, km, subtree=False).status_code == 302
    response = _submit(trainer_client, course_tree.course, km)
    assert response.status_code == 302
    km_lessons = LessonPage.objects.filter(locale=km)
    assert km_lessons.count() == 4

    # Export one lesson's strings as PO, translate, import, publish.
    lesson = course_tree.lessons[0]
    translation = Translation.objects.get(
        source__object_id=lesson.translation_key, target_locale=km
    )
    download = trainer_client.get(
        f"/admin/localize/translate/{translation.pk}/pofile/download/"
    )
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    assert {"Hazards", "Wash your hands."} <= {entry.msgid for entry in po}
    for entry in po:
        entry.msgstr = f"[km] {entry.msgid}"
    upload = trainer_client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {"file": _uploaded(po), "next": "/admin/"},
    )
    assert upload.status_code == 302
    translation.refresh_from_db()
    translation.save_target(publish=True)
    km_lesson = LessonPage.objects.get(
        locale=km, translation_key=lesson.translation_key
    )
    assert km_lesson.title == f"[km] {lesson.title}"
    assert "[km] Wash your hands." in str(km_lesson.body)


def test_changed_source_shows_up_as_stale(trainer_client, course_tree):
    km = Locale.objects.get(language_code="km")
    for page in (course_tree.home, course_tree.index):
        _submit(trainer_client, page, km, subtree=False)
    _submit(trainer_client, course_tree.course, km)
    assert stale_translations() == []

    lesson = course_tree.lessons[1]
    lesson.title = "Good hygiene comes first"
    lesson.save_revision().publish()
    stale = stale_translations()
    assert [row.page.translation_key for row in stale] == [lesson.translation_key]
    assert stale[0].page.locale == km

    response = trainer_client.get("/admin/course-reports/translations/")
    assert response.status_code == 200
    assert (
        "Good hygiene comes first" not in response.content.decode()
    )  # the km page's title
    assert "Lesson hygiene" in response.content.decode()
    csv = trainer_client.get("/admin/course-reports/translations/?export=csv")
    assert csv["Content-Type"].startswith("text/csv")


def test_course_languages_after_translation(trainer_client, course_tree):
    km = Locale.objects.get(language_code="km")
    for page in (course_tree.home, course_tree.index):
        _submit(trainer_client, page, km, subtree=False)
    _submit(trainer_client, course_tree.course, km)
    km_course = CoursePage.objects.get(locale=km)
    km_course.save_revision().publish()
    assert course_tree.course.languages_available == ["en", "km"]


def _uploaded(po):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(
        "lesson.po", str(po).encode(), content_type="text/x-gettext"
    )
