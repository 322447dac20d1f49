import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage, StandardPage
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

pytestmark = pytest.mark.django_db


class CoursePageTypes(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertAllowedSubpageTypes(HomePage, {CourseIndexPage, StandardPage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertCanNotCreateAt(HomePage, LessonPage)
        self.assertCanNotCreateAt(Page, CoursePage)


def test_pages_render(client, course_tree):
    for page in [course_tree.index, course_tree.course, *course_tree.lessons]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_module_page_leads_into_its_course(client, course_tree):
    module = course_tree.modules[0]
    response = client.get(module.url)
    assert response.status_code == 302
    assert response["Location"] == f"{course_tree.course.url}#module-{module.pk}"


def test_unpublished_module_hides_its_lessons(client, course_tree, participant):
    client.force_login(participant)
    course_tree.modules[1].unpublish()
    assert client.get(course_tree.lessons[2].url).status_code == 404
    page = client.get(course_tree.course.url).content.decode()
    assert "The seven principles" not in page
    assert "0 of 2 lessons done" in page


def test_lesson_with_a_deleted_image_still_renders(client, course_tree):
    lesson = course_tree.lessons[0]
    lesson.body = [
        {
            "type": "image",
            "value": {"image": 999999, "alt_text": "gone", "caption": ""},
        },
        {"type": "paragraph", "value": "<p>Still here.</p>"},
    ]
    lesson.save_revision().publish()
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert "Still here." in response.content.decode()


def test_course_lists_languages_available(course_tree, khmer_tree):
    assert course_tree.course.languages_available == ["en", "km"]


def test_text_lesson_reads_without_javascript(client, course_tree):
    page = client.get(course_tree.lessons[1].url).content.decode()
    assert "<noscript" not in page
    assert 'action="' in page or "Sign in to save your progress" in page
