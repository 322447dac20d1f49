"""The words site.js shows offline, in the page's language, as a small JSON island: only the
ones a page needs (participants pay for every byte)."""

from django import template
from django.utils.html import json_script
from django.utils.translation import gettext as _

register = template.Library()


def _everywhere() -> dict:
    return {
        "sent": _("Sent what was waiting on this phone: %(count)s."),
        "attention": _("Something needs your attention under “On this phone”."),
    }


def _saving() -> dict:
    return {
        "notSaved": _("Not saved on this phone yet."),
        "saved": _(
            "Saved on this phone (%(size)s, %(date)s). It opens without a connection."
        ),
        "needs": _("This course needs about %(size)s on this phone (%(count)s files)."),
        "videos": _("Also save its %(count)s videos (%(size)s)"),
        "needsConnection": _(
            "Timed quizzes, interactive activities and online videos still need a connection."
        ),
        "progress": _("Saving… %(done)s of %(count)s"),
        "someFailed": _("%(count)s files could not be saved; try again later."),
        "failed": _(
            "The course could not be listed. Check the connection and try again."
        ),
        "full": _(
            "There is not enough space on this phone. Remove a saved course and try again."
        ),
        "confirmRemove": _(
            "Remove this course from this phone? You can save it again later."
        ),
        "remove": _("Remove"),
    }


def _phone() -> dict:
    return {
        "kind_lesson_read": _("Lesson read"),
        "kind_lesson_done": _("Lesson marked as done"),
        "kind_quiz": _("Quiz answers"),
        "kind_plan": _("Action plan"),
        "kind_report": _("Follow-up report"),
        "files": _("photos and files: %(count)s"),
        "drop": _("Delete"),
        "unreadable": _("The server could not read this."),
        "notSentYet": _("Could not be sent yet; “Send now” tries again."),
        "confirmDrop": _("Delete this from the phone? It was never recorded."),
    }


@register.simple_tag
def offline_text(*parts):
    """`{% offline_text "saving" "phone" %}`: the global words plus the parts named."""
    words = _everywhere()
    for part in parts:
        words.update({"saving": _saving, "phone": _phone}[part]())
    if "phone" in parts:
        words.update(_saving())
    return json_script(words, "offline-text")
