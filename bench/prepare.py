"""What the measurements need from the seeded database, written as JSON for `run.py`:
`python -m bench.prepare OUT.json`, run with the same environment (and SECRET_KEY) as the
gunicorn it will measure. It signs in real people from the data (`seed_demo`'s
participant for the page costs; `seed_scale`'s participants, trainers and officer for the
load), adds one lesson with pictures (the demo has none), starts quiz attempts, and lists
the addresses. Writes only to the benchmark's own database."""

from __future__ import annotations

import io
import json
import os
import random
import sys
import uuid
from datetime import timedelta

DEMO_PARTICIPANT = "participant@demo.clusteracademy.org"
TEXT_LESSON = "what-makes-food-unsafe"  # HACCP basics, module 1, lesson 1
QUIZ = "Food safety check"
IMAGE_LESSON_SLUG = "bench-lesson-with-pictures"
CLIENTS = 32  # distinct people for the load phases: one per client at concurrency 32


def main(out: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")
    import django

    django.setup()
    from django.db import transaction

    with transaction.atomic():
        data = prepare()
    with open(out, "w") as handle:
        json.dump(data, handle, indent=2, ensure_ascii=False)


def prepare() -> dict:
    from django.utils import translation

    from people.models import User

    person = User.objects.get(email=DEMO_PARTICIPANT)
    language = person.preferred_language or "en"
    lesson = _text_lesson()
    pictures = _image_lesson(lesson)
    with translation.override(language):
        pages = {
            "home page": f"/{language}/",
            "My learning": _reverse("courses:my_learning"),
            "text lesson": _in_language(lesson, language),
            "lesson with images": _in_language(pictures, language),
            "quiz question": _quiz_question(person, language),
            "action-plan form": _plan_form(person),
            "follow-up form": _follow_up_form(person),
        }
    return {
        "participant": {
            "name": person.full_name,
            "language": language,
            "cookie": _session(person),
        },
        "pages": pages,
        "scenarios": _scenarios(lesson),
    }


def _reverse(name, args=()):
    from django.urls import reverse

    return reverse(name, args=args)


def _session(user) -> str:
    """A signed-in session, as the sign-in form would make it."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _text_lesson():
    from wagtail.models import Locale

    from courses.models import LessonPage

    return LessonPage.objects.live().get(slug=TEXT_LESSON, locale=Locale.get_default())


def _in_language(page, language: str) -> str:
    from wagtail.models import Locale

    translated = page.get_translation_or_none(
        Locale.objects.get(language_code=language)
    )
    return (translated if translated and translated.live else page).get_url()


def _image_lesson(lesson):
    """The text lesson again with three photographs between its paragraphs, published
    beside it (and copied into every language its module has)."""
    from courses.models import LessonPage

    existing = LessonPage.objects.filter(slug=IMAGE_LESSON_SLUG).first()
    if existing:
        return existing
    body = list(lesson.body.raw_data)
    for position, number in ((1, 1), (4, 2), (7, 3)):
        image = _photograph(number)
        body.insert(
            min(position, len(body)),
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": f"Workers sorting produce at a market stall ({number})",
                    "caption": f"Photograph {number}",
                },
                "id": str(uuid.uuid4()),
            },
        )
    module = lesson.get_parent().specific
    page = LessonPage(
        title="Food safety in pictures",
        slug=IMAGE_LESSON_SLUG,
        estimated_minutes=lesson.estimated_minutes,
        completion_rule=lesson.completion_rule,
        body=body,
    )
    module.add_child(instance=page)
    page.save_revision().publish()
    for translated_module in module.get_translations():
        copy = page.copy_for_translation(translated_module.locale)
        copy.save_revision().publish()
    return page


def _photograph(number: int):
    """A 1600x1067 JPEG with a photograph's detail (smooth colour plus grain), so its
    renditions weigh what a phone photo's would."""
    from django.core.files.images import ImageFile
    from PIL import Image, ImageFilter
    from wagtail.images import get_image_model

    rng = random.Random(number)  # noqa: S311 - pixels, not secrets
    width, height = 1600, 1067
    base = Image.linear_gradient("L").resize((width, height))
    colour = Image.merge(
        "RGB",
        (
            base,
            base.rotate(90 * number, expand=False).resize((width, height)),
            Image.new("L", (width, height), rng.randrange(40, 200)),
        ),
    )
    grain = Image.effect_noise((width, height), 40).convert("RGB")
    photo = Image.blend(colour, grain, 0.3).filter(ImageFilter.GaussianBlur(0.8))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=82)
    return get_image_model().objects.create(
        title=f"Benchmark photograph {number}",
        file=ImageFile(buffer, name=f"bench-photo-{number}.jpg"),
    )


def _quiz(language: str):
    from wagtail.models import Locale

    from assessments import services
    from assessments.models import Quiz

    quiz = Quiz.objects.get(title=QUIZ, locale=Locale.get_default())
    return services.quiz_in_language(quiz, language)


def _attempt_url(person, quiz) -> str:
    from assessments import services

    attempt, _created = services.attempt_start(user=person, quiz=quiz)
    return _reverse("assessments:attempt", args=[attempt.pk])


def _quiz_question(person, language: str) -> str:
    return _attempt_url(person, _quiz(language))


def _plan_form(person) -> str:
    from actionplans.models import ActionPlan

    plan = (
        ActionPlan.objects.filter(user=person, status=ActionPlan.Status.DRAFT)
        .order_by("pk")
        .first()
    )
    return _reverse("actionplans:edit", args=[plan.cohort_id])


def _follow_up_form(person) -> str:
    """The follow-up report the participant owes next (the demo has one due soon)."""
    from django.conf import settings
    from django.utils import timezone

    from actionplans.models import Checkpoint, FollowUpReport
    from cohorts.models import Enrolment

    today = timezone.localdate()
    cohorts = Enrolment.objects.filter(user=person).values("cohort_id")
    done = FollowUpReport.objects.filter(user=person).values("checkpoint_id")
    checkpoint = (
        Checkpoint.objects.filter(
            cohort_id__in=cohorts,
            due_on__gte=today - settings.FOLLOW_UP_ESCALATE_AFTER,
            due_on__lte=today + settings.FOLLOW_UP_OPENS_BEFORE + timedelta(days=1),
        )
        .exclude(pk__in=done)
        .order_by("due_on")
        .first()
    )
    return _reverse("actionplans:report", args=[checkpoint.pk])


def _scenarios(lesson) -> list[dict]:
    from django.db.models import Count
    from django.utils import translation
    from wagtail.models import Page

    from certificates.models import Certificate
    from cohorts.models import Cohort, Enrolment, Session
    from people.models import User
    from reports.management.commands.seed_scale import (
        NUMBER_PREFIX,
        SCALE,
        scale_users,
    )

    learner_ids = list(
        Enrolment.objects.filter(
            user__in=scale_users(), status=Enrolment.Status.ENROLLED
        )
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()[:CLIENTS]
    )
    learners = list(User.objects.filter(pk__in=learner_ids).order_by("pk"))
    cookies = [_session(user) for user in learners]
    with translation.override("en"):
        quiz = _quiz("en")
        attempts = [_attempt_url(user, quiz) for user in learners]
        registers, trainer_cookies = [], {}
        sessions = (
            Session.objects.filter(cohort__name__startswith=SCALE)
            .filter(cohort__trainers__isnull=False)
            .order_by("cohort_id", "starts_at")
            .distinct()
        )
        seen_cohorts = set()
        for session in sessions:
            if session.cohort_id in seen_cohorts:
                continue
            seen_cohorts.add(session.cohort_id)
            trainer = session.cohort.trainers.order_by("pk").first()
            if trainer.pk not in trainer_cookies:
                trainer_cookies[trainer.pk] = _session(trainer)
            registers.append(
                {
                    "url": _reverse("cohorts:register", args=[session.pk]),
                    "cookie": trainer_cookies[trainer.pk],
                }
            )
            if len(registers) == CLIENTS:
                break
        biggest = (
            Enrolment.objects.filter(cohort__name__startswith=SCALE)
            .values("cohort_id")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        cohort = Cohort.objects.get(pk=biggest["cohort_id"])
        officer = cohort.programme.officers.order_by("pk").first()
        dashboard = _reverse("reports:cohort", args=[cohort.pk])
        codes = Certificate.objects.filter(
            number__startswith=NUMBER_PREFIX
        ).values_list("code", flat=True)[:200]
        lesson_url = lesson.get_url()
        my_learning = _reverse("courses:my_learning")
    pages = Page.objects.filter(depth__gt=1).values_list("pk", flat=True)[:20]

    def targets(urls, cookies_):
        return [
            {"url": url, "cookie": cookie}
            for url, cookie in zip(urls, cookies_, strict=True)
        ]

    return [
        {
            "name": "floor",
            "label": "floor endpoint",
            "kind": "get",
            "targets": targets(
                [f"/bench/floor/?id={pk}" for pk in pages], [None] * len(pages)
            ),
        },
        {
            "name": "lesson",
            "label": "lesson page",
            "kind": "get",
            "targets": targets([lesson_url] * len(cookies), cookies),
        },
        {
            "name": "my_learning",
            "label": "My learning",
            "kind": "get",
            "targets": targets([my_learning] * len(cookies), cookies),
        },
        {
            "name": "quiz_answer",
            "label": "quiz answer (save)",
            "kind": "post",
            "button": "save",
            "expect": [302],
            "targets": targets(attempts, cookies),
        },
        {
            "name": "attendance",
            "label": "register: open and save",
            "kind": "open_and_post",
            "expect": [302],
            "targets": registers,
        },
        {
            "name": "cohort_dashboard",
            "label": f"cohort dashboard ({biggest['n']} enrolled)",
            "kind": "get",
            "targets": [{"url": dashboard, "cookie": _session(officer)}],
        },
        {
            "name": "verify",
            "label": "certificate verification",
            "kind": "get",
            "targets": targets(
                [_reverse("certificate-verify", args=[code]) for code in codes],
                [None] * len(codes),
            ),
        },
    ]


if __name__ == "__main__":
    main(sys.argv[1])
