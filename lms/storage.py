"""Files that must never be served straight from MEDIA_URL: extracted H5P packages (served by
`interactive.views.package_file` with sandboxing headers) and participant lists waiting to
be imported. They live in the `private` storage (`PRIVATE_ROOT`, outside `MEDIA_ROOT`), which
the front web server does not expose."""

from django.core.files.storage import storages


def private_storage():
    return storages["private"]
