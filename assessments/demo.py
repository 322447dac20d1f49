"""Demo quizzes: a food-safety question bank imported from a GIFT file the way a trainer
would (`demo_content/food-safety.gift`), one ordering question written in the admin's
shape, and two quizzes built on the bank: a lesson check and a pre-/post-test pair."""

from pathlib import Path

from wagtail.models import Locale

from assessments import questions as q
from assessments import services
from assessments.models import Question, QuestionBank, Quiz

BANK = "Food safety basics"
GIFT_FILE = Path(__file__).parent / "demo_content" / "food-safety.gift"


def seed(*, log) -> None:
    locale = Locale.get_default()
    bank, _created = QuestionBank.objects.get_or_create(
        name=BANK,
        defaults={"description": "Hygiene and HACCP questions for food processors."},
    )
    report = services.questions_import(
        data=GIFT_FILE.read_bytes(), bank=bank, locale=locale, filename=GIFT_FILE.name
    )
    if report.created:
        log(f"questions: {len(report.created)} from {GIFT_FILE.name}")
    order, created = Question.objects.get_or_create(
        bank=bank,
        locale=locale,
        title="Cleaning steps",
        defaults={
            "text": "Put the steps for cleaning a cutting table in the right order.",
            "answer": q.answer_stream_data(
                {
                    "type": "ordering",
                    "items": [
                        "Scrape off food scraps",
                        "Wash with detergent and warm water",
                        "Rinse with clean water",
                        "Sanitise and let it air-dry",
                    ],
                }
            ),
            "general_feedback": "Detergent removes dirt; sanitiser only works on a clean surface.",
        },
    )
    if created:
        order.topics.add("Hygiene")
        order.save()
    questions = list(Question.objects.filter(bank=bank, locale=locale).order_by("pk"))

    def chosen(*titles):
        by_title = {x.title: x for x in questions}
        return [
            {"type": "question", "value": by_title[t].pk}
            for t in titles
            if t in by_title
        ]

    quizzes = [
        (
            "Food safety check",
            {
                "intro": "Seven questions on hygiene and HACCP. You need 60% to pass; "
                "you can try three times.",
                "items": chosen(
                    "Handwashing",
                    "Clean water",
                    "Hazard types",
                    "CCP",
                    "Drying temperature",
                    "Principles to actions",
                    "Cleaning steps",
                ),
                "pass_mark": 60,
                "attempts_allowed": 3,
                "shuffle_options": True,
            },
        ),
        (
            "Food safety: before the course",
            {
                "intro": "What do you know already? This is not graded for your "
                "certificate; it shows what the course adds.",
                "items": [
                    {
                        "type": "draw",
                        "value": {"bank": bank.pk, "topic": "", "count": 5},
                    }
                ],
                "pass_mark": 0,
                "attempts_allowed": 1,
                "show_answers": "never",
            },
        ),
        (
            "Food safety: after the course",
            {
                "intro": "The same kind of questions as at the start. Compare!",
                "items": [
                    {
                        "type": "draw",
                        "value": {"bank": bank.pk, "topic": "", "count": 5},
                    }
                ],
                "pass_mark": 60,
                "attempts_allowed": 2,
                "time_limit_minutes": 15,
            },
        ),
    ]
    for title, fields in quizzes:
        _quiz, created = Quiz.objects.get_or_create(
            title=title, locale=locale, defaults=fields
        )
        if created:
            log(f"quiz {title}")
