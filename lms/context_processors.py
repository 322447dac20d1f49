"""What every public page needs: the language switcher and the navigation."""

from django.utils import translation

from lms.languages import LANGUAGE_TABLE


def site_chrome(request):
    current = translation.get_language()
    return {
        "language_options": [
            {"code": code, "local_name": local, "current": code == current}
            for code, _name, local in LANGUAGE_TABLE
        ],
        "current_language_name": {c: n for c, _x, n in LANGUAGE_TABLE}.get(
            current, current
        ),
    }
