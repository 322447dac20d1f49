"""Every configured script renders on a certificate: the right Noto face is embedded (and
subset), every character of the name is in that face, the text comes back out of the PDF,
and the page renders to PNG."""

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from certificates import services
from people.models import User
from tests.cert_fixtures import certificate_setup

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "certificates"

NAMES = {
    # language: (name, the Noto face that must carry it)
    "si": ("කුමාරි විජේසිංහ", "Noto Sans Sinhala"),
    "ta": ("கமலா ராஜேந்திரன்", "Noto Sans Tamil"),
    "bn": ("রহিমা খাতুন", "Noto Sans Bengali"),
    "km": ("សុខា ចាន់", "Noto Sans Khmer"),
    "lo": ("ສົມພອນ ແກ້ວມະນີ", "Noto Sans Lao"),
    "my": ("အောင်ကျော်မိုး", "Noto Sans Myanmar"),
    "th": ("สมชาย ใจดี", "Noto Sans Thai"),
    "vi": ("Nguyễn Thị Hương", "Noto Sans"),
    "rw": ("Uwimana Jeannette", "Noto Sans"),
    "en": ("Kumari Wijesinghe", "Noto Sans"),
}


def _tool(name):
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (poppler-utils; make setup installs it)")
    return found


def _run(*args) -> str:
    return subprocess.run(  # noqa: S603 - our own arguments
        list(args), capture_output=True, text=True, check=True
    ).stdout


def _font_file(family: str) -> str:
    return _run(_tool("fc-match"), "-f", "%{file}", family)


@pytest.fixture
def setup(plan_set):
    certificate_setup(
        plan_set.cohort,
        template_fields={
            "body": (
                "This certifies that {participant_name} completed {cohort} ({dates}).\n\n"
                "Certificate {certificate_number}, issued {issue_date}."
            )
        },
    )
    return plan_set


@pytest.mark.parametrize("language", sorted(NAMES))
def test_a_name_in_each_script_renders_embedded_and_extractable(
    setup, language, tmp_path
):
    name, family = NAMES[language]
    person = setup.enrolled[0]
    User.objects.filter(pk=person.pk).update(
        full_name=name, preferred_language=language
    )
    person.refresh_from_db()
    cert = services.issue(
        cohort=setup.cohort, user=person, by=setup.officer
    ).certificate
    path = tmp_path / "certificate.pdf"
    path.write_bytes(cert.pdf.open("rb").read())
    assert path.stat().st_size < 150_000  # no background photo: small

    fonts = _run(_tool("pdffonts"), str(path))
    rows = [line.split() for line in fonts.splitlines()[2:]]
    # name type encoding emb sub uni object ID: every font embedded and subset
    assert rows and all(row[-5:-3] == ["yes", "yes"] for row in rows), fonts
    faces = {row[0].split("+", 1)[-1] for row in rows}
    wanted = family.replace(" ", "-")
    assert any(face == wanted or face.startswith(wanted + "-") for face in faces), faces

    cmap = TTFont(_font_file(family)).getBestCmap()
    for char in name:
        if not char.isspace() and unicodedata.category(char)[0] in "LM":
            assert ord(char) in cmap, (language, char)

    # pdftotext breaks complex scripts at cluster and line boundaries (an extraction
    # limit, not a rendering fault): compare with the white space taken out.
    text = unicodedata.normalize("NFC", _run(_tool("pdftotext"), str(path), "-"))
    squashed = "".join(unicodedata.normalize("NFC", name).split())
    assert squashed in "".join(text.split()), (language, text[:200])

    _run(
        _tool("pdftoppm"),
        "-r",
        "40",
        "-png",
        "-singlefile",
        str(path),
        str(tmp_path / "page"),
    )
    png = tmp_path / "page.png"
    assert png.exists() and png.stat().st_size > 2_000
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(png, ARTIFACTS / f"certificate-{language}.png")  # to look at
