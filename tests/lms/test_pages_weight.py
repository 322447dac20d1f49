"""Pages travel compressed: participants pay for every kilobyte."""

import gzip

import pytest


@pytest.mark.django_db
def test_html_is_compressed_for_browsers_that_ask(client):
    plain = client.get("/en/")
    packed = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content) / 2
    assert gzip.decompress(packed.content).decode().startswith("<!DOCTYPE html>")
