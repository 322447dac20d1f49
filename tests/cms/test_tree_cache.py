"""What each process keeps of the page tree (`cms.tree_cache`): a page view walks the tree
no more, and every change an editor makes is seen on the very next request."""

import pytest
from django.db import transaction
from wagtail.models import Page

from cms import tree_cache
from cms.models import PageTreeVersion
from courses.models import LessonPage
from tests.course_fixtures import _lesson
from tests.factories import make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, course_tree):
    client.force_login(make_participant(phone="+94771112310", preferred_language="en"))
    return client


def _titles(response):
    return [item.page.title for item in response.context["outline"].lessons]


def test_a_lesson_page_read_again_costs_seven_queries(
    reader, course_tree, django_assert_num_queries
):
    url = course_tree.lessons[1].get_url()
    assert reader.get(url).status_code == 200
    # The tree's token, the lesson; session and person (2); "read again?" (1); the
    # person's progress and enrolment (2).
    with django_assert_num_queries(7):
        assert reader.get(url).status_code == 200


def test_a_restriction_added_or_removed_applies_on_the_next_request(
    reader, course_tree
):
    from wagtail.models import PageViewRestriction

    url = course_tree.lessons[0].get_url()
    assert "Wash your hands." in reader.get(url).text
    restriction = PageViewRestriction.objects.create(
        page=course_tree.course, restriction_type="password", password="mushroom"
    )
    response = reader.get(url)
    assert "Wash your hands." not in response.text
    assert 'name="password"' in response.text
    restriction.delete()
    assert "Wash your hands." in reader.get(url).text


def test_a_new_lesson_shows_in_the_outline_on_the_next_request(reader, course_tree):
    url = course_tree.lessons[0].get_url()
    assert len(_titles(reader.get(url))) == 4
    _lesson(course_tree.modules[1], "records")
    assert _titles(reader.get(url))[-1] == "Lesson records"


def test_an_unpublished_module_hides_its_lessons_at_once(reader, course_tree):
    url = course_tree.lessons[2].get_url()
    assert reader.get(url).status_code == 200
    course_tree.modules[1].unpublish()
    assert reader.get(url).status_code == 404
    assert len(_titles(reader.get(course_tree.lessons[0].get_url()))) == 2


def test_a_new_slug_moves_the_address(reader, course_tree):
    lesson = course_tree.lessons[0]
    old = lesson.get_url()
    assert reader.get(old).status_code == 200
    lesson.slug = "food-hazards"
    lesson.save_revision().publish()
    assert reader.get(old).status_code == 404
    assert reader.get(LessonPage.objects.get(pk=lesson.pk).get_url()).status_code == 200


def test_a_lesson_moved_first_is_first_in_the_outline(reader, course_tree):
    url = course_tree.lessons[0].get_url()
    assert _titles(reader.get(url))[0] == "Lesson hazards"
    Page.objects.get(pk=course_tree.lessons[1].pk).move(
        course_tree.modules[0], pos="first-child"
    )
    assert _titles(reader.get(url))[:2] == ["Lesson hygiene", "Lesson hazards"]


def test_a_deleted_lesson_is_gone_from_its_address_and_the_outline(reader, course_tree):
    url = course_tree.lessons[3].get_url()
    sibling = course_tree.lessons[2].get_url()
    assert reader.get(url).status_code == 200
    assert "Lesson quiz" in _titles(reader.get(sibling))
    Page.objects.get(pk=course_tree.lessons[3].pk).delete()
    assert reader.get(url).status_code == 404
    assert "Lesson quiz" not in _titles(reader.get(sibling))


def test_a_page_added_to_the_menu_shows_in_the_header(reader, course_tree):
    from cms.models import StandardPage

    home = course_tree.home
    assert "About the programme" not in reader.get("/en/").text
    home.add_child(
        instance=StandardPage(
            title="About the programme", slug="about", show_in_menus=True
        )
    ).save_revision().publish()
    assert "About the programme" in reader.get("/en/").text


def test_another_process_changing_a_page_is_seen(reader, course_tree):
    """Another worker's change reaches this one through the token in the database,
    though this process kept the old tree and got no signal."""
    url = course_tree.lessons[0].get_url()
    assert "Lesson hygiene" in _titles(reader.get(url))
    # The other process: a title in the outline and the token change, no signal here.
    Page.objects.filter(pk=course_tree.lessons[1].pk).update(title="Clean hands")
    assert "Lesson hygiene" in _titles(reader.get(url))  # as kept: nothing said so
    PageTreeVersion.objects.filter(pk=1).update(token="changed-by-another-worker")
    assert "Clean hands" in _titles(reader.get(url))


@pytest.fixture
def token_writes(monkeypatch):
    """New tokens written, counted. Tests using it commit for real (a test's own
    transaction never does, and the pages of its fixtures would still be pending)."""
    writes = []
    write = tree_cache._new_token

    def counted():
        writes.append(1)
        write()

    monkeypatch.setattr(tree_cache, "_new_token", counted)
    return writes


@pytest.mark.django_db(transaction=True)
def test_the_token_changes_once_the_change_has_committed(
    migrated_data, course_tree, token_writes
):
    before = tree_cache.current_token()
    token_writes.clear()
    with transaction.atomic():
        for lesson in course_tree.lessons:
            lesson.save_revision().publish()
        assert tree_cache.current_token() == before  # not before the commit
    assert len(token_writes) == 1  # one new token for the whole transaction
    after = tree_cache.current_token()
    assert after != before
    with transaction.atomic():
        LessonPage.objects.get(pk=course_tree.lessons[0].pk).save_revision().publish()
        transaction.set_rollback(True)
    assert len(token_writes) == 1  # rolled back: no new token
    assert tree_cache.current_token() == after


@pytest.mark.django_db(transaction=True)
def test_a_draft_saved_leaves_the_token_alone(migrated_data, course_tree, token_writes):
    """Wagtail saves drafts every few seconds while an editor types: readers keep what
    they have."""
    lesson = LessonPage.objects.get(pk=course_tree.lessons[0].pk)
    before = tree_cache.current_token()
    token_writes.clear()
    lesson.title = "A draft title"
    lesson.save_revision()
    assert token_writes == [] and tree_cache.current_token() == before
    lesson.get_latest_revision().publish()
    assert tree_cache.current_token() != before


def test_each_language_has_its_own_pages(client, course_tree, khmer_tree):
    english = course_tree.lessons[0]
    khmer = khmer_tree[english.pk]
    assert "Lesson hazards" in client.get(english.get_url()).text
    assert khmer.title in client.get(khmer.get_url()).text
    assert "Lesson hazards" in client.get(english.get_url()).text


@pytest.mark.django_db(transaction=True)
def test_the_command_gives_a_new_token(migrated_data):
    from io import StringIO

    from django.core.management import call_command

    before = tree_cache.current_token()
    call_command("page_tree_changed", stdout=StringIO())
    assert tree_cache.current_token() != before


def test_an_address_that_names_no_page_is_not_kept(reader, course_tree):
    tree_cache.forget_all()
    for n in range(20):
        for language in ("en", "km", "si"):
            address = f"/{language}/courses/haccp/nothing-{n}/"
            assert reader.get(address).status_code == 404
    assert not [key for key in tree_cache._entries if "route" in key]


def test_only_pages_sites_and_locales_are_listened_to():
    """A receiver for every model would stop Django deleting any other rows in bulk."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale, PageViewRestriction, Site

    for model in apps.get_models():
        listened = any(
            receiver in (tree_cache._on_save, tree_cache._on_delete)
            for signal in (post_save, post_delete)
            for receiver in signal._live_receivers(model)[0]
        )
        assert listened == issubclass(
            model, (Page, Site, Locale, PageViewRestriction)
        ), model


def test_a_page_not_translated_yet_is_kept_as_the_default_languages(
    client, course_tree, khmer_tree, django_assert_max_num_queries
):
    """Khmer has the course but not a lesson added since: the English lesson is served
    under /km/ with the notice, and after the first view without walking either tree."""
    from tests.course_fixtures import _lesson

    lesson = _lesson(course_tree.modules[0], "records", text="Keep records.")
    url = "/km/" + lesson.url.split("/", 2)[2]
    response = client.get(url)
    assert response.status_code == 200
    assert "Keep records." in response.text
    assert response.wsgi_request.is_language_fallback
    with django_assert_max_num_queries(8):
        again = client.get(url)
    assert again.wsgi_request.is_language_fallback
    assert "Keep records." in again.text
