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
    url_path = urlsplit(path).path
    # URL patterns under i18n_patterns only match the active language's prefix, so read the
    # address in the language it was written in.
    path_language = (
        translation.get_language_from_path(url_path) or settings.LANGUAGE_CODE
    )
    with translation.override(path_language):
        return _translated_url(request, path, url_path, path_language, language)


def _translated_url(request, path, url_path, path_language, language):
    from wagtail.models import Locale, Site

    try:
        match = resolve(url_path)
    except Resolver404:
        return translate_url(path, language)
    if match.url_name != "wagtail_serve":
        return translate_url(path, language)

    site = Site.find_for_request(request)
    if site is None:
        return translate_url(path, language)
    page_path = match.args[0] if match.args else match.kwargs.get("path", "")
    components = [c for c in page_path.split("/") if c]
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
