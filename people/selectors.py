"""Reads about people and their language that are more than one query."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation


def translated_url_for_path(request, path: str, language: str) -> str:
    """The address of the page at `path` in `language`.

    Django views keep their path under the new prefix. A Wagtail page goes to its
    translation; where it has none, to its default-language page under the new prefix,
    which the site serves with a notice in the chosen language (see cms.views.serve).
    """
    from wagtail.models import Locale, Site

    url_path = urlsplit(path).path
    try:
        match = resolve(url_path)
    except Resolver404:
        return translate_url(path, language)
    if match.url_name != "wagtail_serve":
        return translate_url(path, language)

    path_language = (
        translation.get_language_from_path(url_path) or settings.LANGUAGE_CODE
    )
    site = Site.find_for_request(request)
    if site is None:
        return translate_url(path, language)
    components = [c for c in match.kwargs.get("path", "").split("/") if c]
    with translation.override(path_language):
        root = site.root_page.localized.specific
    try:
        page = root.route(request, components).page
    except (
        Exception
    ):  # Http404 and anything a page's route() raises: keep the plain path
        return translate_url(path, language)

    target_locale = Locale.objects.filter(language_code=language).first()
    translated = page.get_translation_or_none(target_locale) if target_locale else None
    if translated is not None and translated.live:
        return translated.get_url(request) or translate_url(path, language)

    default_root = site.root_page.specific
    source = page.get_translation_or_none(default_root.locale) or page
    if not source.url_path.startswith(default_root.url_path):
        return translate_url(path, language)
    relative = source.url_path[len(default_root.url_path) :]
    with translation.override(language):
        return reverse("wagtail_serve", args=[relative])
