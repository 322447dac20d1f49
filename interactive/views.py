"""The player page (the frame a lesson embeds) and the files of installed packages.

Library scripts come from uploaded packages, so the player runs sandboxed: the lesson's
iframe and the player page's own Content-Security-Policy both set `sandbox allow-scripts`
without `allow-same-origin`, which gives the frame an opaque origin. Its scripts cannot read
the participant's cookies or call the site as them; the score travels to the lesson page by
`postMessage`, and the lesson page posts it. Package files therefore answer with
`Access-Control-Allow-Origin: *` (the frame fetches h5p.json and fonts from origin "null"),
and anything but scripts and styles is itself sandboxed should someone open it directly.
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import PurePosixPath

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from interactive.models import CONTENT_FOLDER, LIBRARIES_FOLDER, H5PContent
from lms.storage import private_storage

PLAYER_SANDBOX = (
    "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads"
)
PLAYER_CSP = (
    f"sandbox {PLAYER_SANDBOX}; default-src 'self'; "
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; "
    "connect-src 'self'; frame-src 'self' https://www.youtube-nocookie.com "
    "https://www.youtube.com https://player.vimeo.com; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'"
)
FILE_CSP = (
    "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"
)
# A range request is answered with at most this much, so that `bytes=0-` on a video
# (which players send on every play) never reads the whole file into memory.
MAX_RANGE = 4 * 1024 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_TYPES = {".js": "text/javascript", ".json": "application/json", ".woff2": "font/woff2"}


@require_safe
def player(request, content_uuid):
    content = get_object_or_404(
        H5PContent.objects.select_related("main_library"), uuid=content_uuid
    )
    files = reverse("interactive:file", args=["x"])[:-1]
    options = {
        "id": str(content.uuid),
        "h5pJsonPath": f"{files}content/{content.uuid}",
        "librariesPath": f"{files}libraries",
        "frameJs": static("h5p-standalone/frame.bundle.js"),
        "frameCss": static("h5p-standalone/styles/h5p.css"),
        "embedType": "div",
        "frame": False,
        "fullScreen": True,
        "copyright": bool(content.licence and content.licence != "U"),
        "icon": False,
        # No `user`: H5P would then load and save state over ajax. Without it, H5P makes
        # up an anonymous actor; the site knows who it is from the lesson page's session.
        "xAPIObjectIRI": request.build_absolute_uri(
            reverse("interactive:player", args=[content.uuid])
        ),
    }
    response = render(
        request,
        "interactive/player.html",
        {
            "content": content,
            "options": options,
            "failed": _(
                "This activity could not be loaded. Reload the page to try again."
            ),
        },
    )
    response["Content-Security-Policy"] = PLAYER_CSP
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_safe
def package_file(request, path: str):
    """A file of an installed package, with byte ranges (so that video can seek on a slow
    connection) and long caching: a content folder never changes (a replaced package gets a
    new one); a library folder changes only with a patch version."""
    parts = PurePosixPath(path).parts
    if (
        len(parts) < 2
        or parts[0] not in ("content", "libraries")
        or any(part in ("..", ".", "") or part.startswith(".") for part in parts)
        or "\\" in path
        or "\x00" in path
    ):
        raise Http404
    folder = CONTENT_FOLDER if parts[0] == "content" else LIBRARIES_FOLDER
    name = f"{folder}/{'/'.join(parts[1:])}"
    try:
        size = private_storage().size(name)
        handle = private_storage().open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, OSError):
        raise Http404 from None
    suffix = PurePosixPath(name).suffix.lower()
    content_type = (
        _TYPES.get(suffix)
        or mimetypes.guess_type(name)[0]
        or ("application/octet-stream")
    )
    match = _RANGE.match(request.headers.get("Range", ""))
    if match and (match[1] or match[2]):
        start, end = _byte_range(match[1], match[2], size)
        if start is None:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        end = min(end, start + MAX_RANGE - 1)  # the player asks again for the rest
        handle.seek(start)
        response = HttpResponse(handle.read(end - start + 1), content_type=content_type)
        handle.close()
        response.status_code = 206
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    if suffix not in (".js", ".css"):
        response["Content-Security-Policy"] = FILE_CSP
    max_age = 365 * 24 * 3600 if parts[0] == "content" else 24 * 3600
    if settings.DEBUG:
        max_age = 0
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


def _byte_range(first: str, last: str, size: int):
    if first:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    else:  # the last N bytes
        start, end = max(size - int(last), 0), size - 1
    if start > end or start >= size:
        return None, None
    return start, end
