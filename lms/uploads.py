"""An upload handler that stops storing a file once it passes `FILE_UPLOAD_MAX_BYTES`.

Django's own limits cover form fields, not files: a 2 GB upload would be written to a
temporary file in full before any form could say it is too big. This handler lets the bytes
through to the usual handlers up to the limit, then drops the rest, and hands the form a
`TooLargeFile` whose `size` is what was sent — so each form's own size check gives its own
clear message ("The file is 1.2 GB; … at most 100 MB") and nothing big is kept.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class TooLargeFile(UploadedFile):
    """Stands in for a file that was not kept: empty, but `size` says how big it was."""

    too_large = True

    def __init__(self, name, content_type, size, charset=None):
        super().__init__(io.BytesIO(b""), name, content_type, size, charset)

    def read(self, *args, **kwargs):
        return b""


class SizeCapUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.limit = settings.FILE_UPLOAD_MAX_BYTES

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            return None  # the handlers after this one keep nothing more
        return raw_data

    def file_complete(self, file_size):
        if self.received > self.limit:
            return TooLargeFile(self.file_name, self.content_type, self.received)
        return None  # the next handler hands over the file
