"""Every write with a rule: importing questions, and an attempt's life (start or resume,
answer, submit, close at the time limit). Views, the API and commands call these."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from assessments import questions as q
from assessments.formats import gift, moodle_xml
from assessments.models import Attempt, AttemptItem, Question, QuestionBank, Quiz
from cms.signals import activity_passed

# A little leeway for answers sent just before the deadline over a slow connection.
DEADLINE_GRACE = timedelta(seconds=30)
MAX_IMPORT_BYTES = 5 * 1024 * 1024
FORMATS = {"gift": "GIFT", "moodlexml": "Moodle XML"}


class QuizError(Exception):
    """A request the quiz's rules refuse; `str(error)` is a message for the participant."""


class QuizUnavailable(QuizError):
    pass


class NoAttemptsLeft(QuizError):
    pass


class AttemptClosed(QuizError):
    pass


class TimeUp(AttemptClosed):
    pass


class UnknownQuestion(QuizError):
    pass


# ---- Import -----------------------------------------------------------------------------


@dataclass
class ImportProblem:
    number: int
    title: str
    reason: str


@dataclass
class ImportReport:
    format: str = ""
    created: list[Question] = field(default_factory=list)
    skipped: list[ImportProblem] = field(default_factory=list)  # already in the bank
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.created or self.skipped)


def detect_format(data: bytes, filename: str = "") -> str:
    name = filename.lower()
    if name.endswith(".xml"):
        return "moodlexml"
    if name.endswith((".gift", ".txt")):
        return "gift"
    head = data[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "moodlexml" if head.startswith((b"<?xml", b"<quiz")) else "gift"


def decode(data: bytes) -> str:
    """Question files are UTF-8 (Moodle writes nothing else); UTF-16 with a byte-order mark
    is accepted too, because Windows editors save it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(
            _("The file is not UTF-8 text. Save it as UTF-8 and try again.")
        ) from None


def questions_import(
    *,
    data: bytes,
    bank: QuestionBank,
    locale: Locale,
    file_format: str | None = None,
    filename: str = "",
) -> ImportReport:
    """Import every question the file holds that is valid and not already in the bank (same
    title and text in the same language); report the rest with reasons. Nothing is written
    for a file that cannot be read at all."""
    report = ImportReport()
    if len(data) > MAX_IMPORT_BYTES:
        report.problems.append(ImportProblem(0, "", _("The file is larger than 5 MB.")))
        return report
    report.format = file_format or detect_format(data, filename)
    try:
        text = decode(data)
    except ValueError as error:
        report.problems.append(ImportProblem(0, "", str(error)))
        return report
    parser = moodle_xml.parse if report.format == "moodlexml" else gift.parse
    parsed = parser(text)
    report.problems += [
        ImportProblem(p.number, p.title, p.reason) for p in parsed.problems
    ]
    if not parsed.questions and not parsed.problems:
        report.problems.append(
            ImportProblem(0, "", _("No questions were found in the file."))
        )
    existing = set(
        Question.objects.filter(bank=bank, locale=locale).values_list("title", "text")
    )
    block = Question._meta.get_field("answer").stream_block
    with transaction.atomic():
        for number, data_ in enumerate(parsed.questions, start=1):
            title = data_["title"][:255] or data_["text"][:60]
            if (title, data_["text"]) in existing:
                report.skipped.append(
                    ImportProblem(number, title, _("already in this bank"))
                )
                continue
            try:
                stream = q.answer_stream_data(data_)
                block.clean(block.to_python(stream))
            except (ValueError, ValidationError) as error:
                report.problems.append(ImportProblem(number, title, _reason(error)))
                continue
            question = Question(
                bank=bank,
                locale=locale,
                title=title,
                text=data_["text"],
                answer=stream,
                general_feedback=data_.get("general_feedback", ""),
            )
            if data_["type"] == "true_false" and data_.get("feedback"):
                question.feedback_right = data_["feedback"]
            if data_.get("topic"):
                question.topics.add(data_["topic"])
            question.save()
            existing.add((title, data_["text"]))
            report.created.append(question)
    return report


def _reason(error) -> str:
    if isinstance(error, ValidationError):
        messages = []
        for message in error.messages:
            messages.append(str(message))
        return " ".join(messages) or _("The answer key is not valid.")
    return str(error)


def questions_export(questions, *, file_format: str) -> tuple[str, list[Question]]:
    """(file text, questions left out because the format cannot express them)."""
    questions = list(questions)
    left_out = []
    if file_format == "gift":
        left_out = [x for x in questions if x.question_type not in gift.TYPES]
        questions = [x for x in questions if x.question_type in gift.TYPES]
    dicts = []
    for question in questions:
        data = q.as_dict(question)
        topic = next(iter(question.topics.all()), None)
        if topic is not None:
            data["topic"] = topic.name
        dicts.append(data)
    writer = gift.dump if file_format == "gift" else moodle_xml.dump
    return writer(dicts), left_out


# ---- Attempts ---------------------------------------------------------------------------


def quiz_in_language(quiz: Quiz, language: str | None = None) -> Quiz:
    """The quiz's translation in `language` (the active one by default), or the quiz."""
    language = language or translation.get_language()
    if quiz.locale.language_code == language:
        return quiz
    return (
        Quiz.objects.filter(
            translation_key=quiz.translation_key, locale__language_code=language
        )
        .select_related("locale")
        .first()
        or quiz
    )


def quiz_questions(quiz: Quiz, rng: random.Random) -> list[Question]:
    """The questions of one attempt: chosen ones (in the quiz's language where translated,
    else as written) and random draws from banks, in the quiz's language."""
    chosen: list[Question] = []
    keys: set = set()
    for block in quiz.items:
        if block.block_type == "question":
            question = block.value
            if question is None:  # deleted since
                continue
            if question.locale_id != quiz.locale_id:
                question = question.get_translation_or_none(quiz.locale) or question
            if question.translation_key not in keys and question.answer:
                chosen.append(question)
                keys.add(question.translation_key)
        elif block.block_type == "draw":
            bank, topic, count = (
                block.value["bank"],
                block.value["topic"],
                block.value["count"],
            )
            if bank is None:
                continue
            pool = Question.objects.filter(bank=bank, locale=quiz.locale).exclude(
                translation_key__in=keys
            )
            if topic:
                pool = pool.filter(topics__name__iexact=topic)
            pool = list(pool.order_by("pk").distinct())
            for question in rng.sample(pool, min(count, len(pool))):
                chosen.append(question)
                keys.add(question.translation_key)
    if quiz.shuffle_questions:
        rng.shuffle(chosen)
    return chosen


def attempts_used(user, quiz: Quiz) -> int:
    return Attempt.objects.filter(
        user=user, quiz_key=quiz.translation_key, state=Attempt.State.SUBMITTED
    ).count()


def attempt_start(*, user, quiz: Quiz, page=None, now=None) -> tuple[Attempt, bool]:
    """Resume the participant's open attempt at this quiz (in any language) or start a new
    one. Returns (attempt, created). A double-pressed Start gives the same attempt."""
    now = now or timezone.now()
    existing = _open_attempt(user, quiz, now)
    if existing is not None:
        return existing, False
    if quiz.attempts_allowed and attempts_used(user, quiz) >= quiz.attempts_allowed:
        raise NoAttemptsLeft(_("You have used all your attempts at this quiz."))
    seed = random.SystemRandom().getrandbits(64)
    rng = random.Random(seed)  # noqa: S311 - shuffling questions, not secrets
    chosen = quiz_questions(quiz, rng)
    if not chosen:
        raise QuizUnavailable(_("This quiz has no questions yet."))
    try:
        with transaction.atomic():
            number = (
                Attempt.objects.filter(
                    user=user, quiz_key=quiz.translation_key
                ).aggregate(n=Max("number"))["n"]
                or 0
            ) + 1
            attempt = Attempt.objects.create(
                user=user,
                quiz=quiz,
                quiz_key=quiz.translation_key,
                page=page,
                number=number,
                language=quiz.locale.language_code,
                started_at=now,
                deadline=now + timedelta(minutes=quiz.time_limit_minutes)
                if quiz.time_limit_minutes
                else None,
                max_score=sum((x.points for x in chosen), Decimal(0)),
                pass_mark=quiz.pass_mark,
            )
            items = []
            for position, question in enumerate(chosen, start=1):
                display, key = q.snapshot(
                    question, rng=rng, shuffle=quiz.shuffle_options
                )
                display["language"] = question.locale.language_code
                items.append(
                    AttemptItem(
                        attempt=attempt,
                        position=position,
                        question=question,
                        question_key=question.translation_key,
                        question_type=question.question_type,
                        points=question.points,
                        display=display,
                        key=key,
                    )
                )
            AttemptItem.objects.bulk_create(items)
    except IntegrityError:  # another request opened one at the same moment
        existing = _open_attempt(user, quiz, now)
        if existing is None:
            raise
        return existing, False
    return attempt, True


def _open_attempt(user, quiz: Quiz, now) -> Attempt | None:
    attempt = (
        Attempt.objects.filter(
            user=user, quiz_key=quiz.translation_key, state=Attempt.State.IN_PROGRESS
        )
        .select_related("quiz")
        .first()
    )
    if attempt is not None and close_if_expired(attempt, now=now):
        return None
    return attempt


def close_if_expired(attempt: Attempt, *, now=None) -> bool:
    """Submit an open attempt whose time is up (with the answers saved in time). True if the
    attempt is closed now."""
    now = now or timezone.now()
    if attempt.is_open and attempt.deadline and now > attempt.deadline + DEADLINE_GRACE:
        attempt_submit(attempt=attempt, closed_by=Attempt.ClosedBy.TIME_LIMIT, now=now)
        attempt.refresh_from_db()
        return True
    return not attempt.is_open


def close_expired(*, quiz_key=None, now=None) -> int:
    """Close every open attempt past its deadline (for reports and the scheduled task)."""
    now = now or timezone.now()
    expired = Attempt.objects.filter(
        state=Attempt.State.IN_PROGRESS, deadline__lt=now - DEADLINE_GRACE
    )
    if quiz_key:
        expired = expired.filter(quiz_key=quiz_key)
    closed = 0
    for attempt in expired:
        closed += close_if_expired(attempt, now=now)
    return closed


@dataclass
class SaveResult:
    saved: list[int] = field(default_factory=list)  # positions whose answer changed
    errors: dict[int, str] = field(default_factory=dict)


def attempt_answer(*, attempt: Attempt, answers: dict, now=None) -> SaveResult:
    """Save answers, given as {position: raw answer}. Saving the same answer twice changes
    nothing; an answer that does not fit its question is reported and not saved; an answer
    to a question that is not in the attempt is refused."""
    now = now or timezone.now()
    result = SaveResult()
    if (
        close_if_expired(attempt, now=now)
        and attempt.closed_by == Attempt.ClosedBy.TIME_LIMIT
    ):
        raise TimeUp(_("Time is up: answers sent after the time limit are not saved."))
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            raise AttemptClosed(_("This attempt is already finished."))
        items = {item.position: item for item in locked.items.all()}
        unknown = [p for p in answers if p not in items]
        if unknown:
            raise UnknownQuestion(
                _("Question %(number)s is not part of this attempt.")
                % {"number": unknown[0]}
            )
        changed = []
        for position, raw in answers.items():
            item = items[position]
            try:
                value = q.read_answer(item.display, raw)
            except q.InvalidAnswer:
                result.errors[position] = _error_for(item.question_type)
                continue
            if value != item.answer:
                item.answer = value
                item.answered_at = now
                changed.append(item)
                result.saved.append(position)
        AttemptItem.objects.bulk_update(changed, ["answer", "answered_at"])
    return result


def _error_for(question_type: str) -> str:
    if question_type == "ordering":
        return _("Give each item a different position.")
    if question_type in ("numeric", "short_text"):
        return _("That answer is too long.")
    return _("Choose from the answers shown.")


def attempt_submit(
    *, attempt: Attempt, closed_by: str = Attempt.ClosedBy.PARTICIPANT, now=None
) -> Attempt:
    """Grade and close an attempt. Submitting twice grades once: the second call returns
    the attempt as it was closed. A pass completes the lesson the quiz was started from,
    when that is the lesson's rule."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            return locked
        items = list(locked.items.all())
        total = Decimal(0)
        for item in items:
            grade = q.grade(item.question_type, item.key, item.answer)
            item.score = grade.score
            total += item.points * Decimal(str(grade.score))
        AttemptItem.objects.bulk_update(items, ["score"])
        locked.score = total.quantize(Decimal("0.01"))
        locked.percent = (
            round(float(total / locked.max_score) * 100, 2) if locked.max_score else 0.0
        )
        locked.passed = locked.percent + 1e-9 >= locked.pass_mark
        locked.state = Attempt.State.SUBMITTED
        locked.closed_by = closed_by
        locked.submitted_at = (
            min(now, locked.deadline + DEADLINE_GRACE) if locked.deadline else now
        )
        locked.save()
        if locked.passed and locked.page_id:
            activity_passed.send(
                sender=Attempt,
                user=locked.user,
                page=locked.page,
                score=locked.percent / 100,
            )
    return locked


def answers_visible(attempt: Attempt) -> bool:
    """May the participant see the right answers of this (finished) attempt?"""
    from assessments.models import ShowAnswers

    if attempt.is_open:
        return False
    rule = attempt.quiz.show_answers
    if rule == ShowAnswers.AFTER_ATTEMPT:
        return True
    if rule == ShowAnswers.NEVER:
        return False
    if Attempt.objects.filter(
        user_id=attempt.user_id, quiz_key=attempt.quiz_key, passed=True
    ).exists():
        return True
    allowed = attempt.quiz.attempts_allowed
    return bool(allowed) and attempts_used(attempt.user, attempt.quiz) >= allowed
