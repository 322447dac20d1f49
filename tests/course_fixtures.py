from types import SimpleNamespace

import pytest
from wagtail.models import Locale

from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage


def _add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _lesson(module, slug, rule="viewed", text="Wash your hands."):
    return _add(
        module,
        LessonPage(
            title=f"Lesson {slug}",
            slug=slug,
            completion_rule=rule,
            estimated_minutes=5,
            body=[
                {"type": "heading", "value": {"text": "Hazards", "size": "h2"}},
                {"type": "paragraph", "value": f"<p>{text}</p>"},
            ],
        ),
    )


@pytest.fixture
def course_tree():
    """Courses → HACCP basics → 2 modules × 2 lessons, with each completion rule.
    Database access comes from the test's own django_db mark (plain or transactional)."""
    home = HomePage.objects.get()
    index = _add(
        home, CourseIndexPage(title="Courses", slug="courses", show_in_menus=True)
    )
    course = _add(
        index,
        CoursePage(
            title="HACCP basics",
            slug="haccp",
            topic="food_safety",
            level="beginner",
            estimated_hours=2,
            summary="Keep food safe.",
            learning_outcomes=[{"type": "outcome", "value": "Name three hazards"}],
        ),
    )
    m1 = _add(course, ModulePage(title="Why food safety", slug="why"))
    m2 = _add(course, ModulePage(title="The seven principles", slug="principles"))
    lessons = [
        _lesson(m1, "hazards", "viewed"),
        _lesson(m1, "hygiene", "marked_done"),
        _lesson(m2, "ccp", "marked_done"),
        _lesson(m2, "quiz", "activity_passed"),
    ]
    return SimpleNamespace(
        home=home, index=index, course=course, modules=[m1, m2], lessons=lessons
    )


@pytest.fixture
def khmer_tree(course_tree):
    """The same course translated into Khmer (pages copied for translation)."""
    km = Locale.objects.get(language_code="km")
    translated = {}
    for page in [
        course_tree.home,
        course_tree.index,
        course_tree.course,
        *course_tree.modules,
        *course_tree.lessons,
    ]:
        copy = page.copy_for_translation(km)
        copy.title = f"ខ្មែរ {page.title}"
        copy.save_revision().publish()
        translated[page.pk] = copy.specific
    return translated
