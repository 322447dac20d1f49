"""Uploaded files stop being stored at FILE_UPLOAD_MAX_BYTES; smaller ones pass untouched."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import JsonResponse
from django.test import RequestFactory, override_settings

from lms.uploads import TooLargeFile


def _echo(request):
    upload = request.FILES["file"]
    return JsonResponse(
        {
            "size": upload.size,
            "too_large": getattr(upload, "too_large", False),
            "kept": len(upload.read()),
        }
    )


@override_settings(FILE_UPLOAD_MAX_BYTES=1000)
def test_a_file_over_the_cap_arrives_empty_with_its_size():
    request = RequestFactory().post(
        "/", {"file": SimpleUploadedFile("big.bin", b"x" * 5000)}
    )
    body = _echo(request).content
    assert b'"too_large": true' in body
    assert b'"kept": 0' in body
    assert b'"size": 5000' in body


@override_settings(FILE_UPLOAD_MAX_BYTES=1000)
def test_a_file_under_the_cap_is_untouched():
    request = RequestFactory().post(
        "/", {"file": SimpleUploadedFile("small.bin", b"y" * 900)}
    )
    assert _echo(request).content == b'{"size": 900, "too_large": false, "kept": 900}'


def test_the_stand_in_reads_as_empty():
    stand_in = TooLargeFile("x.h5p", "application/zip", 10**9)
    assert (stand_in.size, stand_in.read(), stand_in.too_large) == (10**9, b"", True)
