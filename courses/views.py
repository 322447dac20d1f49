"""Participant pages that are not Wagtail pages: My learning and marking a lesson done."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from cms.i18n import local_url
from courses import services
from courses.selectors import my_learning as my_learning_cards


@login_required
def my_learning(request):
    from courses.models import CourseIndexPage

    cards = my_learning_cards(user=request.user)
    index = CourseIndexPage.objects.live().first()
    index_url = index.localized.get_url(request) if index else None
    return render(
        request,
        "courses/my_learning.html",
        {"cards": cards, "course_index_url": index_url},
    )


def lesson_mark_done(request, *, lesson):
    """POST: the participant finished reading. Safe to send twice."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    lesson_url = local_url(lesson, request)
    if not request.user.is_authenticated:
        return redirect_to_login(lesson_url)
    try:
        services.lesson_mark_done(user=request.user, lesson=lesson)
    except services.CompletionNotAllowed:
        messages.error(request, _("This lesson is done when you pass its activity."))
        return HttpResponseRedirect(lesson_url)
    messages.success(request, _("Lesson marked as done."))
    from courses.selectors import lesson_context

    following = lesson_context(lesson=lesson, user=request.user)["next_lesson"]
    return HttpResponseRedirect(
        local_url(following, request) if following else lesson_url
    )
