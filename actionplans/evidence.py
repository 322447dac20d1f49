"""Checking a follow-up evidence file before anything is stored.

Accepted: photos (JPEG, PNG, WebP) and PDF documents, recognised by their first bytes, not
by their name. Photos are opened with Pillow (which refuses decompression bombs), turned
upright, scaled to at most 1600 px and saved again as JPEG: the stored copy carries no
location or camera data and costs a fraction of the phone's original to look at later."""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

LONGEST_SIDE = 1600


class EvidenceError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Checked:
    name: str
    content_type: str
    data: bytes

    def content(self) -> ContentFile:
        return ContentFile(self.data, name=self.name)


def _kind(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"%PDF-"):
        return "pdf"
    return None


def _name(original: str, extension: str) -> str:
    stem = os.path.splitext(os.path.basename(original or ""))[0]
    stem = get_valid_filename(stem)[:80] or "evidence"
    return f"{stem}.{extension}"


def check(upload) -> Checked:
    limit = settings.EVIDENCE_MAX_BYTES
    if upload is None:
        raise EvidenceError(_("Choose a file."))
    size = getattr(upload, "size", 0) or 0
    if getattr(upload, "too_large", False) or size > limit:
        raise EvidenceError(
            _("The file is %(size)s; evidence files can be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    if size == 0:
        raise EvidenceError(_("The file is empty."))
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise EvidenceError(
            _("The file is %(size)s; evidence files can be at most %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(limit)}
        )
    kind = _kind(data[:16])
    if kind is None:
        raise EvidenceError(
            _("“%(name)s” is not a photo (JPEG, PNG, WebP) or a PDF document.")
            % {"name": os.path.basename(upload.name or "")}
        )
    if kind == "pdf":
        if b"%%EOF" not in data[-2048:]:
            raise EvidenceError(
                _(
                    "“%(name)s” is not a complete PDF; it may not have finished uploading."
                )
                % {"name": os.path.basename(upload.name or "")}
            )
        return Checked(_name(upload.name, "pdf"), "application/pdf", data)
    return Checked(_name(upload.name, "jpg"), "image/jpeg", _photo(data, upload.name))


def _photo(data: bytes, name: str) -> bytes:
    from PIL import Image, ImageOps

    broken = EvidenceError(
        _("“%(name)s” could not be read as a photo; it may be damaged.")
        % {"name": os.path.basename(name or "")}
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise EvidenceError(_("This photo is too large in pixels.")) from None
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a bad file
        raise broken from None
    image = ImageOps.exif_transpose(image)
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()
