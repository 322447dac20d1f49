"""Page addresses in the reader's language."""

from django.utils import translation


def local_url(page, request=None) -> str:
    """The page's address under the active language's prefix. A page shown as a fallback
    (no translation yet) keeps the reader in their language as they move on: the site
    serves the original at the translated address (cms.views.serve)."""
    url = page.get_url(request) or ""
    language = translation.get_language()
    page_language = translation.get_language_from_path(url)
    if page_language and language and page_language != language:
        url = url.replace(f"/{page_language}/", f"/{language}/", 1)
    return url
