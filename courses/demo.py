"""Demo courses: five short courses written for cluster entrepreneurs (`demo_content/en.py`),
with translations imported the way an outside translator's work arrives: PO files in
`demo_content/translations/<language>.po`, applied through wagtail-localize."""

import uuid
from pathlib import Path

import polib
from django.db import transaction
from wagtail.models import Locale, Page, Site

from assessments.models import Quiz
from cms import tree_cache
from cms.models import HomePage
from courses.demo_content.en import COURSES
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from interactive.models import H5PContent
from lms.localize import translate_instance

TRANSLATIONS_DIR = Path(__file__).parent / "demo_content" / "translations"
NAMESPACE = uuid.UUID("6f1d3c1e-2b1a-4d8e-9a57-4f3b0c7e2d10")


def _block_id(*parts) -> str:
    """Stable ids for StreamField blocks, so the demo is the same on every machine."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _lesson_body(lesson_slug: str, blocks: list) -> list:
    body = []
    for index, (kind, value) in enumerate(blocks):
        if kind == "heading":
            value = {"text": value, "size": "h2"}
        elif kind == "quiz":
            quiz = Quiz.objects.filter(
                title=value["quiz"], locale=Locale.get_default()
            ).first()
            if quiz is None:
                continue
            value = {"quiz": quiz.pk}
        elif kind == "h5p":
            content = H5PContent.objects.filter(
                title=value["h5p"], language="en"
            ).first()
            if content is None:
                continue
            value = {"content": content.pk}
        elif kind == "checklist":
            value = {
                "title": value.get("title", ""),
                "items": [
                    {
                        "type": "item",
                        "value": item,
                        "id": _block_id(lesson_slug, str(index), str(n)),
                    }
                    for n, item in enumerate(value["items"])
                ],
            }
        body.append(
            {"type": kind, "value": value, "id": _block_id(lesson_slug, str(index))}
        )
    return body


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed(*, log) -> None:
    home = Site.objects.get(is_default_site=True).root_page.specific
    if not isinstance(home, HomePage):
        return
    index = CourseIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = _publish(
            home,
            CourseIndexPage(
                title="Courses",
                slug="courses",
                show_in_menus=True,
                introduction="<p>Short courses for cluster members. Each lesson takes ten minutes or less and loads quickly on a phone.</p>",
            ),
        )
        log("page Courses")
    for data in COURSES:
        if CoursePage.objects.filter(slug=data["slug"], locale=home.locale).exists():
            continue
        course = _publish(
            index,
            CoursePage(
                title=data["title"],
                slug=data["slug"],
                topic=data["topic"],
                level=data["level"],
                estimated_hours=data["estimated_hours"],
                summary=data["summary"],
                learning_outcomes=[
                    {
                        "type": "outcome",
                        "value": text,
                        "id": _block_id(data["slug"], "o", str(n)),
                    }
                    for n, text in enumerate(data["learning_outcomes"])
                ],
            ),
        )
        for module_data in data["modules"]:
            module = _publish(
                course,
                ModulePage(
                    title=module_data["title"],
                    slug=module_data["slug"],
                    summary=module_data.get("summary", ""),
                ),
            )
            for lesson_data in module_data["lessons"]:
                _publish(
                    module,
                    LessonPage(
                        title=lesson_data["title"],
                        slug=lesson_data["slug"],
                        estimated_minutes=lesson_data["minutes"],
                        completion_rule=lesson_data["completion"],
                        body=_lesson_body(lesson_data["slug"], lesson_data["body"]),
                    ),
                )
        log(f"course {data['title']}")
    for po_file in sorted(TRANSLATIONS_DIR.glob("*.po")):
        _translate(home, index, po_file, log)


def demo_pages(home, index) -> list[Page]:
    """The pages a demo translation covers, parents first."""
    pages = [home, index]
    for course in CoursePage.objects.child_of(index).order_by("path"):
        pages.append(course)
        pages.extend(
            page.specific for page in course.get_descendants().order_by("path")
        )
    return pages


def _translate(home, index, po_file: Path, log) -> None:
    """Translate every demo page the catalogue covers completely (a page with one string
    missing would show English on a page in another language), parents first."""

    locale = Locale.objects.filter(language_code=po_file.stem).first()
    if locale is None or CourseIndexPage.objects.filter(locale=locale).exists():
        return
    catalogue = {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(po_file))
        if entry.msgstr
    }
    translated = 0
    with transaction.atomic():
        for page in demo_pages(home, index):
            if (
                page.depth > home.depth
                and not page.get_parent().get_translation_or_none(locale)
            ):
                continue  # its parent was not translated
            # A page pointing at a quiz: its translation is not part of the demo.
            if translate_instance(page, locale, catalogue.get, refuse_related=True):
                translated += 1
        # wagtail-localize 1.14.5 publishes a page it updates from `on_commit`, with the
        # child count the page had before its children were translated; inside one
        # transaction that overwrites the count and Wagtail finds no children to route to.
        # Recount after those publishes, as `manage.py fixtree` would.
        # fix_tree writes with queryset updates, which no page signal reports.
        transaction.on_commit(_recount_tree)
    log(f"translation {locale.language_code}: {translated} pages")


def _recount_tree():
    Page.fix_tree(fix_paths=False)
    tree_cache.page_tree_changed()
