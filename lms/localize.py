"""Making a wagtail-localize translation from strings we already have (a PO file, our
catalogues), the way a translator's work arrives through the admin: the instance's
translation source, a string translation per segment, the target published."""

from __future__ import annotations

from collections.abc import Callable


def translate_instance(
    instance, locale, translate: Callable[[str], str | None], *, refuse_related=False
) -> bool:
    """Translate `instance` into `locale` with `translate(text)` (None: not available).
    Writes nothing and returns False when a string has no translation — half a page in
    English helps no one — or, with `refuse_related`, when it points at other translatable
    objects (a quiz in a lesson) whose translation is not ours to make."""
    from wagtail_localize.models import (
        StringTranslation,
        Translation,
        TranslationSource,
    )

    source, _created = TranslationSource.get_or_create_from_instance(instance)
    segments = list(source.stringsegment_set.select_related("string", "context"))
    texts = {}
    for segment in segments:
        text = translate(segment.string.data)
        if text is None:
            return False
        texts[segment.string.data] = text
    if refuse_related and source.relatedobjectsegment_set.exists():
        return False
    target, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": texts[segment.string.data], "translation_type": "manual"},
        )
    target.save_target(publish=True)
    return True
