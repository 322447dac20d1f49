"""No English left on a Khmer page: every catalogue is complete and well-formed."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]

pytestmark = pytest.mark.skipif(
    shutil.which("msgattrib") is None,
    reason="gettext tools missing (make setup installs them)",
)


def _run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=60)  # noqa: S603


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_is_complete(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"No catalogue for {language}"
    untranslated = _run("msgattrib", "--untranslated", "--no-obsolete", str(po)).stdout
    fuzzy = _run("msgattrib", "--only-fuzzy", "--no-obsolete", str(po)).stdout
    missing = [line for line in untranslated.splitlines() if line.startswith("msgid ")]
    assert missing[1:] == [], (
        f"{language}: untranslated {missing[1:6]}"
    )  # [0] is the header
    assert "msgid" not in fuzzy, f"{language}: fuzzy entries"


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_keeps_placeholders(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = _run("msgfmt", "--check", "-o", "/dev/null", str(po))
    assert result.returncode == 0, result.stderr
