"""The languages Cluster Academy speaks, and the locale data Django lacks for some of them.

One list drives Django's LANGUAGES, Wagtail's content languages and the language switcher, so
a language is added in one place.
"""

from django.conf import locale
from django.utils.translation import gettext_lazy as _

# (code, English name for the admin, name in its own script for the switcher)
LANGUAGE_TABLE = [
    ("en", _("English"), "English"),
    ("si", _("Sinhala"), "සිංහල"),
    ("ta", _("Tamil"), "தமிழ்"),
    ("bn", _("Bengali"), "বাংলা"),
    ("km", _("Khmer"), "ខ្មែរ"),
    ("lo", _("Lao"), "ລາວ"),
    ("my", _("Burmese"), "မြန်မာ"),
    ("th", _("Thai"), "ไทย"),
    ("vi", _("Vietnamese"), "Tiếng Việt"),
    ("rw", _("Kinyarwanda"), "Ikinyarwanda"),
    ("fr", _("French"), "Français"),
]

LANGUAGES = [(code, name) for code, name, _local in LANGUAGE_TABLE]
LANGUAGE_CODES = [code for code, _name, _local in LANGUAGE_TABLE]
LOCAL_NAMES = {code: local for code, _name, local in LANGUAGE_TABLE}

# Django's locale table has no entry for these; without one, /si/ and /lo/ answer 404.
MISSING_LANG_INFO = {
    "si": {"bidi": False, "code": "si", "name": "Sinhala", "name_local": "සිංහල"},
    "lo": {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"},
    "rw": {
        "bidi": False,
        "code": "rw",
        "name": "Kinyarwanda",
        "name_local": "Ikinyarwanda",
    },
}


def install_missing_lang_info() -> None:
    """Teach Django the languages its locale table lacks (idempotent)."""
    for code, info in MISSING_LANG_INFO.items():
        locale.LANG_INFO.setdefault(code, info)
