"""Demo H5P activity: a one-question hygiene check in English and Sinhala, linked as versions
of each other. No registry ships ready-made `.h5p` files and the H5P hub is out of reach
offline, so the packages are built here from a small content type written for Cluster
Academy (`demo_content/h5p/H5P.ClusterCheck-1.0`, with a shared style library), exactly as an
H5P tool exports them: h5p.json, content/content.json and the library folders."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from interactive import services
from interactive.models import H5PContent

LIBRARIES = Path(__file__).parent / "demo_content" / "h5p"
MAIN = {"machineName": "H5P.ClusterCheck", "majorVersion": 1, "minorVersion": 0}
THEME = {"machineName": "H5P.ClusterTheme", "majorVersion": 1, "minorVersion": 0}

DEMO = {
    "en": {
        "title": "Is this a safe habit?",
        "question": "A worker has a small cut on her finger. What should she do before "
        "she handles mushrooms?",
        "answers": [
            ("Nothing: it is only a small cut", False),
            ("Cover it with a clean waterproof plaster and wear a glove", True),
            ("Wash it, then go on working without a cover", False),
        ],
        "checkLabel": "Check",
        "rightFeedback": "Right! A covered cut cannot pass germs to the food.",
        "wrongFeedback": "Not quite. An open cut can pass germs to the food.",
    },
    "si": {
        "title": "මෙය ආරක්ෂිත පුරුද්දක්ද?",
        "question": "සේවිකාවකගේ ඇඟිල්ලේ කුඩා කැපුමක් ඇත. හතු හැසිරවීමට පෙර ඇය කළ යුත්තේ කුමක්ද?",
        "answers": [
            ("කිසිවක් නැත: එය කුඩා කැපුමක් පමණි", False),
            ("පිරිසිදු, ජලය නොවදින ප්ලාස්ටරයකින් එය වසා අත්වැස්මක් පළඳින්න", True),
            ("එය සෝදා, නොවසාම වැඩ කරගෙන යන්න", False),
        ],
        "checkLabel": "පරීක්ෂා කරන්න",
        "rightFeedback": "හරි! වසා ඇති කැපුමකින් ආහාරයට විෂබීජ පැතිරෙන්නේ නැත.",
        "wrongFeedback": "නැත. විවෘත කැපුමකින් ආහාරයට විෂබීජ පැතිරිය හැක.",
    },
}


def library_files() -> dict[str, bytes]:
    """Every file of the demo libraries, under their `Name-major.minor/` folders."""
    return {
        path.relative_to(LIBRARIES).as_posix(): path.read_bytes()
        for path in sorted(LIBRARIES.rglob("*"))
        if path.is_file()
    }


def build_package(
    *,
    title: str = "Is this a safe habit?",
    language: str = "en",
    question: str = "Which is right?",
    answers=(("Right", True), ("Wrong", False)),
    with_libraries: bool = True,
    extra_files: dict[str, bytes] | None = None,
    **texts,
) -> bytes:
    """An `.h5p` file (bytes) of the demo content type, as H5P tools export it."""
    metadata = {
        "title": title,
        "language": language,
        "mainLibrary": MAIN["machineName"],
        "embedTypes": ["div"],
        "license": "CC BY-SA",
        "licenseVersion": "4.0",
        "authors": [{"name": "Cluster Academy", "role": "Author"}],
        "preloadedDependencies": [MAIN, THEME],
    }
    content = {
        "question": question,
        "answers": [{"text": text, "correct": correct} for text, correct in answers],
        **texts,
    }
    files = {
        "h5p.json": json.dumps(metadata, ensure_ascii=False, indent=2).encode(),
        "content/content.json": json.dumps(content, ensure_ascii=False).encode(),
    }
    if with_libraries:
        files.update(library_files())
    files.update(extra_files or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, payload in files.items():
            archive.writestr(name, payload)
    return buffer.getvalue()


def seed(*, log) -> None:
    english = None
    for language, texts in DEMO.items():
        existing = H5PContent.objects.filter(
            title=texts["title"], language=language
        ).first()
        if existing:
            english = english or existing
            continue
        data = build_package(language=language, **texts)
        content = services.install_package(
            services.check(data, filename=f"hygiene-check-{language}.h5p"),
            language=language,
            translation_of=english,
        )
        english = english or content
        log(f"H5P activity: {content.title} ({language})")
