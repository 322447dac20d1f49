"""The action-plan template every site starts with, and its translations.

The English text is created by a migration; its translations into every configured language
come from our message catalogues (the strings below are marked for them), made through
wagtail-localize like any translation, after each `migrate`. A language whose catalogue
lacks one of the strings gets no translation (a half-English template helps no one); the
English one is then shown, marked with its language."""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_noop

logger = logging.getLogger(__name__)

TRANSLATION_KEY = uuid.UUID("5f0c0a1e-7a61-4c55-9d0e-6a6e5ddc0001")
TITLE = gettext_noop("Business action plan")
INTRO = gettext_noop(
    "Your plan for the six months after the training. Write it in your own words; your "
    "trainer will read it and may suggest changes."
)
SECTIONS = [
    {
        "type": "text",
        "id": "0b7c1d2e-0001-4a4b-9c1d-000000000001",
        "value": {
            "title": gettext_noop("Business profile"),
            "help": gettext_noop(
                "What you make, who buys it, how many people work with you."
            ),
            "required": True,
        },
    },
    {
        "type": "swot",
        "id": "0b7c1d2e-0002-4a4b-9c1d-000000000002",
        "value": {
            "title": gettext_noop("Strengths, weaknesses, opportunities and threats"),
            "help": gettext_noop("Two or three points each are enough."),
            "required": True,
        },
    },
    {
        "type": "text",
        "id": "0b7c1d2e-0003-4a4b-9c1d-000000000003",
        "value": {
            "title": gettext_noop("Goals for the next six months"),
            "help": gettext_noop(
                "What you want to have changed in your business, with numbers where you "
                "can."
            ),
            "required": True,
        },
    },
    {
        "type": "action_items",
        "id": "0b7c1d2e-0004-4a4b-9c1d-000000000004",
        "value": {
            "title": gettext_noop("Action items"),
            "help": gettext_noop(
                "The steps that get you there: who does what, by when, with what."
            ),
            "required": True,
            "min_items": 1,
        },
    },
]


def _translated(text: str, language: str) -> bool:
    """Whether `language`'s catalogue has `text` (a translation may equal the English, as
    "Actions" does in French, so comparing the two would not tell)."""
    from django.utils.translation import trans_real

    return text in trans_real.translation(language)._catalog


def translate_default(*, using="default", log=logger.info) -> int:
    """Create the missing translations of the default template from the catalogues; returns
    how many were made. Safe to run again: existing translations are left as they are."""
    from wagtail.models import Locale

    from actionplans.models import PlanTemplate
    from lms.localize import translate_instance

    source_template = (
        PlanTemplate.objects.using(using)
        .filter(
            translation_key=TRANSLATION_KEY,
            locale__language_code=settings.LANGUAGE_CODE,
        )
        .first()
    )
    if source_template is None:
        return 0
    have = set(
        PlanTemplate.objects.using(using)
        .filter(translation_key=TRANSLATION_KEY)
        .values_list("locale__language_code", flat=True)
    )
    made = 0
    for locale in Locale.objects.using(using).exclude(language_code__in=have):
        code = locale.language_code

        def translate(text, code=code):
            if not _translated(text, code):
                return None
            with translation.override(code):
                return translation.gettext(text)

        with transaction.atomic(using=using):
            made += translate_instance(source_template, locale, translate)
    if made:
        log(f"action-plan template: {made} translations made from the catalogues")
    return made
