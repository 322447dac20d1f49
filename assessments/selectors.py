"""Reads: a participant's standing in a quiz, item analysis, learning gain, exports."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max

from assessments import questions as q
from assessments.models import Attempt, AttemptItem, Question, Quiz


@dataclass
class QuizStatus:
    open_attempt: Attempt | None
    used: int
    allowed: int  # 0: unlimited
    best_percent: float | None
    passed: bool
    last: Attempt | None

    @property
    def attempts_left(self) -> int | None:
        return None if not self.allowed else max(0, self.allowed - self.used)

    @property
    def can_start(self) -> bool:
        return self.open_attempt is not None or self.attempts_left != 0


def quiz_status(user, quiz: Quiz) -> QuizStatus:
    """Where a participant stands with a quiz, in two queries."""
    attempts = (
        list(
            Attempt.objects.filter(user=user, quiz_key=quiz.translation_key).order_by(
                "-number"
            )
        )
        if user.is_authenticated
        else []
    )
    finished = [a for a in attempts if not a.is_open]
    return QuizStatus(
        open_attempt=next((a for a in attempts if a.is_open), None),
        used=len(finished),
        allowed=quiz.attempts_allowed,
        best_percent=max((a.percent for a in finished), default=None),
        passed=any(a.passed for a in finished),
        last=finished[0] if finished else None,
    )


def question_count(quiz: Quiz) -> int:
    """How many questions an attempt will have (draws count what they ask for)."""
    total = 0
    for block in quiz.items:
        if block.block_type == "question":
            total += block.value is not None
        else:
            total += block.value["count"]
    return total


# ---- Item analysis ----------------------------------------------------------------------


@dataclass
class ItemStats:
    question_key: str
    title: str
    question_type: str
    answered: int = 0
    percent_correct: float | None = None
    mean_score: float | None = None
    discrimination: float | None = None
    common_wrong: str = ""
    common_wrong_count: int = 0


@dataclass
class QuizAnalysis:
    attempts: int
    participants: int
    mean_percent: float | None
    pass_rate: float | None
    items: list[ItemStats] = field(default_factory=list)


GROUP_SHARE = 0.27  # Kelley's upper and lower 27 %


def item_analysis(quiz: Quiz) -> QuizAnalysis:
    """Per question, over every finished attempt in every language: share answered fully
    right, mean score, the discrimination index (mean item score of the best 27 % of
    attempts minus that of the weakest 27 %; from 0.3 a question separates well, below 0
    it works against the test) and the most chosen wrong answer."""
    attempts = list(
        Attempt.objects.filter(
            quiz_key=quiz.translation_key, state=Attempt.State.SUBMITTED
        ).values_list("pk", "user_id", "percent", "passed")
    )
    if not attempts:
        return QuizAnalysis(0, 0, None, None)
    ranked = sorted(attempts, key=lambda a: a[2] or 0)
    size = max(1, round(len(ranked) * GROUP_SHARE)) if len(ranked) >= 4 else 0
    lower = {a[0] for a in ranked[:size]}
    upper = {a[0] for a in ranked[-size:]} if size else set()

    rows = AttemptItem.objects.filter(attempt__in=[a[0] for a in attempts]).values_list(
        "attempt_id", "question_key", "question_type", "display", "answer", "score"
    )
    by_item: dict = defaultdict(list)
    types = {}
    for attempt_id, key, kind, display, answer, score in rows.iterator():
        by_item[key].append((attempt_id, display, answer, score or 0.0))
        types[key] = kind
    titles = _titles(quiz, by_item.keys())

    items = []
    for key, answers in by_item.items():
        scores = [a[3] for a in answers]
        stats = ItemStats(str(key), titles.get(key, "?"), types[key], len(answers))
        stats.mean_score = round(statistics.fmean(scores), 3)
        stats.percent_correct = round(
            100 * sum(1 for s in scores if s >= 1 - 1e-9) / len(scores), 1
        )
        up = [a[3] for a in answers if a[0] in upper]
        low = [a[3] for a in answers if a[0] in lower]
        if up and low:
            stats.discrimination = round(
                statistics.fmean(up) - statistics.fmean(low), 2
            )
        wrong = Counter(
            q.answer_label(display, answer)
            for _id, display, answer, score in answers
            if score < 1 - 1e-9 and answer not in (None, "", [], {})
        )
        if wrong:
            stats.common_wrong, stats.common_wrong_count = wrong.most_common(1)[0]
        items.append(stats)
    items.sort(key=lambda s: s.title.casefold())
    percents = [a[2] or 0 for a in attempts]
    return QuizAnalysis(
        attempts=len(attempts),
        participants=len({a[1] for a in attempts}),
        mean_percent=round(statistics.fmean(percents), 1),
        pass_rate=round(100 * sum(1 for a in attempts if a[3]) / len(attempts), 1),
        items=items,
    )


def _titles(quiz: Quiz, keys) -> dict:
    """Question titles in the quiz's language where there is one."""
    titles = {}
    for question in Question.objects.filter(translation_key__in=list(keys)).order_by(
        "pk"
    ):
        if (
            question.translation_key not in titles
            or question.locale_id == quiz.locale_id
        ):
            titles[question.translation_key] = question.title
    return titles


# ---- Learning gain ----------------------------------------------------------------------


@dataclass
class GainRow:
    user: object
    pre: float | None
    post: float | None

    @property
    def gain(self) -> float | None:
        if self.pre is None or self.post is None:
            return None
        return round(self.post - self.pre, 1)

    @property
    def normalised_gain(self) -> float | None:
        """Hake's g = (post − pre) / (100 − pre); undefined for a perfect pre-test."""
        if self.gain is None or self.pre >= 100:
            return None
        return round((self.post - self.pre) / (100 - self.pre), 3)


@dataclass
class GainReport:
    rows: list[GainRow]

    @property
    def paired(self) -> list[GainRow]:
        return [row for row in self.rows if row.gain is not None]

    def _mean(self, values):
        values = [v for v in values if v is not None]
        return round(statistics.fmean(values), 3) if values else None

    @property
    def mean_pre(self):
        return self._mean(row.pre for row in self.paired)

    @property
    def mean_post(self):
        return self._mean(row.post for row in self.paired)

    @property
    def mean_gain(self):
        return self._mean(row.gain for row in self.paired)

    @property
    def mean_normalised_gain(self):
        """The average of the participants' normalised gains."""
        return self._mean(row.normalised_gain for row in self.paired)

    @property
    def class_normalised_gain(self):
        """Hake's class gain, from the mean scores: (post − pre) / (100 − pre)."""
        pre, post = self.mean_pre, self.mean_post
        if pre is None or pre >= 100:
            return None
        return round((post - pre) / (100 - pre), 3)


def learning_gain(pre: Quiz, post: Quiz, users=None) -> GainReport:
    """Pre- and post-test scores per participant and the gain between them. The pre-test
    counts its first finished attempt (what they knew before); the post-test its latest (what
    they know now). `users` limits the report, e.g. to a cohort; by default it covers
    everyone who took either test."""
    keys = [pre.translation_key, post.translation_key]
    attempts = Attempt.objects.filter(
        quiz_key__in=keys, state=Attempt.State.SUBMITTED
    ).order_by("submitted_at")
    if users is not None:
        attempts = attempts.filter(user__in=users)
    first_pre, last_post, people = {}, {}, {}
    for attempt in attempts.select_related("user"):
        people[attempt.user_id] = attempt.user
        if attempt.quiz_key == pre.translation_key:
            first_pre.setdefault(attempt.user_id, attempt.percent)
        if attempt.quiz_key == post.translation_key:
            last_post[attempt.user_id] = attempt.percent
    rows = [
        GainRow(user=people[uid], pre=first_pre.get(uid), post=last_post.get(uid))
        for uid in people
    ]
    rows.sort(key=lambda row: str(row.user).casefold())
    return GainReport(rows)


# ---- Lists for the admin ----------------------------------------------------------------


def quizzes_with_results(locale=None):
    """Quizzes with how many finished attempts each has (over all its languages)."""
    quizzes = Quiz.objects.select_related("locale").order_by("title")
    if locale is not None:
        quizzes = quizzes.filter(locale=locale)
    counts = dict(
        Attempt.objects.filter(state=Attempt.State.SUBMITTED)
        .values_list("quiz_key")
        .annotate(n=Count("pk"))
        .values_list("quiz_key", "n")
    )
    last = dict(
        Attempt.objects.values_list("quiz_key")
        .annotate(at=Max("started_at"))
        .values_list("quiz_key", "at")
    )
    return [
        (quiz, counts.get(quiz.translation_key, 0), last.get(quiz.translation_key))
        for quiz in quizzes
    ]


def attempts_for_export(quiz: Quiz, users=None):
    """(header, rows) for the CSV/XLSX export: one row per attempt, a column per question.
    `users` (ids) limits it, e.g. to the participants a trainer may see."""
    attempts = Attempt.objects.filter(quiz_key=quiz.translation_key)
    if users is not None:
        attempts = attempts.filter(user__in=users)
    attempts = list(
        attempts.select_related("user")
        .prefetch_related("items")
        .order_by("user__full_name", "number")
    )
    keys: dict = {}
    for attempt in attempts:
        for item in attempt.items.all():
            keys.setdefault(item.question_key, None)
    titles = _titles(quiz, keys)
    header = [
        "participant",
        "email",
        "phone",
        "attempt",
        "language",
        "state",
        "started",
        "finished",
        "closed_by",
        "score",
        "max_score",
        "percent",
        "passed",
        *[titles.get(key, str(key)) for key in keys],
    ]
    rows = []
    for attempt in attempts:
        points = {item.question_key: item.points_scored for item in attempt.items.all()}
        rows.append(
            [
                attempt.user.full_name,
                attempt.user.email or "",
                attempt.user.phone or "",
                attempt.number,
                attempt.language,
                attempt.state,
                attempt.started_at,
                attempt.submitted_at,
                attempt.closed_by,
                attempt.score,
                attempt.max_score,
                attempt.percent,
                attempt.passed,
                *[points.get(key) for key in keys],
            ]
        )
    return header, rows


def translation_gaps(quiz: Quiz) -> list[tuple[str, int, int]]:
    """For each translation of a quiz: (language, chosen questions it has, that the source
    has), to warn trainers of a translation that lacks questions."""

    def chosen(item_quiz):
        return sum(
            1
            for block in item_quiz.items
            if block.block_type == "question" and block.value is not None
        )

    source = quiz.get_translations(inclusive=True).select_related("locale")
    counts = [(x.locale.language_code, chosen(x)) for x in source]
    most = max((n for _lang, n in counts), default=0)
    return [(lang, n, most) for lang, n in counts if n < most]
