"""Files that must never be served straight from MEDIA_URL: extracted H5P packages (served by
`interactive.views.package_file` with sandboxing headers) and participant lists waiting to
be imported. They live in the `private` storage (`PRIVATE_ROOT`, outside `MEDIA_ROOT`), which
the front web server does not expose."""

from django.core.files.storage import storages


def private_storage():
    return storages["private"]


def private_file_response(file, *, content_type: str, filename: str, inline: bool):
    """A private upload (evidence photos, files kept from a phone), for someone already
    allowed to see it: images shown inline, anything else downloaded, sandboxed so a file
    dressed up as something else cannot run. 404 if the file is gone."""
    from django.http import FileResponse, Http404

    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, content_type=content_type, as_attachment=not inline, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    response["Cache-Control"] = "private, max-age=3600"
    return response
