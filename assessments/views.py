"""Taking a quiz, without JavaScript: the start page, the attempt (one question per screen on
a phone, all on one page on a wider screen — the same HTML, laid out by CSS), the summary
before finishing, and the results."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from assessments import selectors, services
from assessments.models import Attempt, Quiz
from assessments.questions import answer_label, feedback_texts
from cms.i18n import local_url


def _lesson_for(request, quiz: Quiz):
    """The lesson a quiz was opened from (`?lesson=`), if it really holds this quiz."""
    raw = request.POST.get("lesson") or request.GET.get("lesson")
    if not raw or not str(raw).isdigit():
        return None
    page = Page.objects.live().filter(pk=raw).first()
    if page is None:
        return None
    page = page.specific
    for block in getattr(page, "body", None) or []:
        if (
            block.block_type == "quiz"
            and block.value["quiz"] is not None
            and block.value["quiz"].translation_key == quiz.translation_key
        ):
            return page
    return None


@login_required
@require_http_methods(["GET", "POST"])
def quiz_start(request, quiz_id: int):
    quiz = services.quiz_in_language(
        get_object_or_404(Quiz.objects.select_related("locale"), pk=quiz_id)
    )
    lesson = _lesson_for(request, quiz)
    if request.method == "POST":
        try:
            attempt, created = services.attempt_start(
                user=request.user, quiz=quiz, page=lesson
            )
        except services.QuizError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(request.get_full_path())
        if not created:
            messages.info(request, _("Your attempt continues where you left it."))
        return HttpResponseRedirect(_attempt_url(attempt))
    status = selectors.quiz_status(request.user, quiz)
    return render(
        request,
        "assessments/quiz_start.html",
        {
            "quiz": quiz,
            "status": status,
            "lesson": lesson,
            "lesson_url": local_url(lesson, request) if lesson else None,
            "question_count": selectors.question_count(quiz),
            "finished": [a for a in _attempts(request.user, quiz) if not a.is_open],
        },
    )


def _attempts(user, quiz):
    return Attempt.objects.filter(user=user, quiz_key=quiz.translation_key).order_by(
        "-number"
    )


def _attempt_url(attempt: Attempt, name: str = "attempt") -> str:
    return reverse(f"assessments:{name}", args=[attempt.pk])


def _own_attempt(request, attempt_id) -> Attempt:
    attempt = (
        Attempt.objects.filter(pk=attempt_id, user=request.user)
        .select_related("quiz", "quiz__locale", "page")
        .first()
    )
    if attempt is None:
        raise Http404
    return attempt


def read_form(post, items) -> dict:
    """{position: raw answer} for every question the form showed (it marks each with a
    hidden `q<n>-shown`), so a cleared answer is saved as cleared."""
    answers = {}
    for item in items:
        name = f"q{item.position}"
        if f"{name}-shown" not in post:
            continue
        kind = item.question_type
        if kind == "multiple_choice":
            answers[item.position] = post.getlist(name)
        elif kind == "matching":
            answers[item.position] = {
                p["id"]: post.get(f"{name}-{p['id']}", "")
                for p in item.display["prompts"]
            }
        elif kind == "ordering":
            answers[item.position] = {
                i["id"]: post.get(f"{name}-{i['id']}", "")
                for i in item.display["items"]
            }
        else:
            answers[item.position] = post.get(name, "")
    return answers


@login_required
@require_http_methods(["GET", "POST"])
def attempt_take(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if services.close_if_expired(attempt):
        if attempt.closed_by == Attempt.ClosedBy.TIME_LIMIT:
            messages.warning(
                request, _("Time is up. Your answers saved in time were graded.")
            )
        return HttpResponseRedirect(_attempt_url(attempt, "result"))
    items = list(attempt.items.all())
    errors, posted = {}, None
    current = _position(request.GET.get("q"), items)
    if request.method == "POST":
        posted = read_form(request.POST, items)
        try:
            result = services.attempt_answer(attempt=attempt, answers=posted)
        except services.TimeUp as error:
            messages.warning(request, str(error))
            return HttpResponseRedirect(_attempt_url(attempt, "result"))
        except services.QuizError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(_attempt_url(attempt, "result"))
        errors = result.errors
        go = request.POST.get("go", "")
        current = _position(go.partition(":")[2], items)
        if not errors:
            if go == "finish":
                return HttpResponseRedirect(_attempt_url(attempt, "finish"))
            if go.startswith("next:"):
                current = min(current + 1, len(items))
            elif go.startswith("prev:"):
                current = max(current - 1, 1)
            if go.startswith("save"):
                messages.success(request, _("Your answers are saved."))
            return HttpResponseRedirect(
                f"{_attempt_url(attempt)}?q={current}#q{current}"
            )
        current = min(errors)
        for item in items:  # show what was sent, not what was saved
            if item.position in errors:
                item.answer = posted[item.position]
                item.error = errors[item.position]
    for item in items:
        item.is_current = item.position == current
    left = attempt.time_left()
    return render(
        request,
        "assessments/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "items": items,
            "current": current,
            "errors": errors,
            "answered": sum(1 for item in items if item.is_answered),
            "time_left": f"{left // 60}:{left % 60:02d}" if left is not None else None,
            "seconds_left": left,
        },
        status=400 if errors else 200,
    )


def _position(raw, items) -> int:
    try:
        position = int(raw)
    except (TypeError, ValueError):
        unanswered = [item.position for item in items if not item.is_answered]
        return unanswered[0] if unanswered else 1
    return min(max(position, 1), len(items) or 1)


@login_required
@require_http_methods(["GET", "POST"])
def attempt_finish(request, attempt_id):
    """The summary before finishing (what is still unanswered), and the finish itself.
    Finishing twice is harmless: the second press shows the results."""
    attempt = _own_attempt(request, attempt_id)
    if request.method == "POST" or services.close_if_expired(attempt):
        services.attempt_submit(attempt=attempt)
        return HttpResponseRedirect(_attempt_url(attempt, "result"))
    items = list(attempt.items.all())
    return render(
        request,
        "assessments/attempt_finish.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "items": items,
            "unanswered": [item for item in items if not item.is_answered],
        },
    )


@login_required
def attempt_result(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    services.close_if_expired(attempt)
    if attempt.is_open:
        return HttpResponseRedirect(_attempt_url(attempt))
    show_answers = services.answers_visible(attempt)
    items = list(attempt.items.all())
    for item in items:
        item.answer_text = answer_label(item.display, item.answer)
        if item.question_type in ("numeric", "short_text"):
            item.answer_text = item.answer or ""  # as typed
        elif item.question_type == "true_false" and item.answer is not None:
            item.answer_text = _("True") if item.answer else _("False")
        item.feedback = feedback_texts(item)
    status = selectors.quiz_status(request.user, attempt.quiz)
    return render(
        request,
        "assessments/attempt_result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "items": items,
            "show_answers": show_answers,
            "show_feedback": attempt.quiz.show_answers != "never",
            "status": status,
            "lesson_url": local_url(attempt.page.specific, request)
            if attempt.page
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def quiz_deferred(request, quiz_id: int):
    """A quiz for a phone without a connection ("deferred"): every question of an attempt on
    one page, kept with the saved course. Offline, the service worker queues the answers and
    the `offline` app grades them at sync; online, sending grades them at once. Opening the
    page starts (or resumes) the attempt, so its questions are fixed while the phone is
    away; an attempt never sent costs nothing (only finished attempts count). Right answers
    never leave the server. A timed quiz needs a connection."""
    quiz = services.quiz_in_language(
        get_object_or_404(Quiz.objects.select_related("locale"), pk=quiz_id)
    )
    lesson = _lesson_for(request, quiz)
    start_url = reverse("assessments:start", args=[quiz.pk])
    if lesson is not None:
        start_url += f"?lesson={lesson.pk}"
    if quiz.time_limit_minutes:
        messages.info(request, _("A timed quiz needs a connection."))
        return HttpResponseRedirect(start_url)
    if request.method == "POST":
        try:
            attempt = _own_attempt(request, uuid.UUID(request.POST.get("attempt", "")))
        except ValueError:
            raise Http404 from None
        if attempt.quiz_key != quiz.translation_key:
            raise Http404
        if attempt.is_open:
            items = list(attempt.items.all())
            try:
                services.attempt_answer(
                    attempt=attempt, answers=read_form(request.POST, items)
                )
            except services.QuizError as error:
                messages.error(request, str(error))
            services.attempt_submit(attempt=attempt)
        else:
            messages.info(request, _("This attempt is already finished."))
        return HttpResponseRedirect(_attempt_url(attempt, "result"))
    try:
        attempt, _created = services.attempt_start(
            user=request.user, quiz=quiz, page=lesson
        )
    except services.QuizError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(start_url)
    items = list(attempt.items.all())
    return render(
        request,
        "assessments/attempt_deferred.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "items": items,
            "lesson": lesson,
            "lesson_url": local_url(lesson, request) if lesson else None,
            "start_url": start_url,
        },
    )
