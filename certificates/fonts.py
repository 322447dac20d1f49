"""Which characters the certificate's fonts can print. A name with a character none of them
has would come out as an empty box on the PDF; issuing refuses it with the characters named,
so the officer can correct the spelling first."""

from __future__ import annotations

import functools
import shutil
import subprocess
import unicodedata

FAMILIES = (
    "Noto Sans",
    "Noto Sans Sinhala",
    "Noto Sans Tamil",
    "Noto Sans Bengali",
    "Noto Sans Khmer",
    "Noto Sans Lao",
    "Noto Sans Myanmar",
    "Noto Sans Thai",
)


def _font_file(family: str) -> str | None:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    found = subprocess.run(  # noqa: S603 - fixed program, our own family names
        [fc_match, "-f", "%{file}\t%{family}", family],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    path, _tab, families = found.partition("\t")
    # fontconfig answers with a substitute when the family is missing: not good enough.
    return path if family in families.split(",") else None


@functools.cache
def covered() -> frozenset[int] | None:
    """Every code point some certificate font has; None if the fonts cannot be read (then
    nothing is refused: better a certificate than none)."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for family in FAMILIES:
        path = _font_file(family)
        if path:
            with TTFont(path, lazy=True) as font:
                points.update(font.getBestCmap())
    return frozenset(points) or None


def missing(text: str) -> list[str]:
    """The characters of `text` no certificate font has (spaces and joiners aside)."""
    points = covered()
    if points is None:
        return []
    absent = []
    for char in unicodedata.normalize("NFC", text):
        if char.isspace() or unicodedata.category(char) in ("Cf", "Cc"):
            continue
        if ord(char) not in points and char not in absent:
            absent.append(char)
    return absent
