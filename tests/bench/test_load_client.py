from bench.load import fill, page_form, parse_response
from bench.pages import reads_without_js, summarise_requests, with_worker

PAGE = """
<header><form method="post" action="/language/"><input type="hidden" name="csrfmiddlewaretoken" value="t">
<button name="language" value="si">සිංහල</button><button name="language" value="en">English</button></form></header>
<main><form method="post" action="">
<input type="hidden" name="csrfmiddlewaretoken" value="t">
<input type="hidden" name="q1-shown" value="1">
<label><input type="radio" name="q1" value="a"> A</label>
<label><input type="radio" name="q1" value="b" checked> B</label>
<input type="text" name="q2">
<textarea name="note">kept</textarea>
<select name="level"><option value="1">one</option><option value="2" selected>two</option></select>
<button type="submit" name="go" value="save:1">Save</button>
<button type="submit" name="go" value="finish">Finish</button>
</form></main>
"""


def test_the_page_form_is_not_the_language_switcher():
    form = page_form(PAGE)
    assert form.action == ""
    assert ("go", "save:1") in form.buttons


def test_filling_alternates_choices_and_presses_the_named_button():
    form = page_form(PAGE)
    first, second = dict(fill(form, 0, "save")), dict(fill(form, 1, "save"))
    assert first["q1"] == "a" and second["q1"] == "b"
    assert first["level"] == "1" and second["level"] == "2"
    assert first["q2"] == "1"  # an empty answer is filled in
    assert first["note"] == "kept"
    assert first["go"] == "save:1"
    assert first["csrfmiddlewaretoken"] == "t"


def test_a_response_is_split_into_status_headers_and_body():
    response = parse_response(
        b"HTTP/1.0 302 Found\r\nLocation: /en/next/\r\nContent-Length: 0\r\n\r\n"
    )
    assert response.status == 302
    assert response.headers["location"] == "/en/next/"
    assert response.body == b""


def test_bytes_from_the_cache_or_a_service_worker_are_not_counted():
    summary = summarise_requests(
        [
            {"url": "https://x/", "type": "Document", "bytes": 5000},
            {
                "url": "https://x/s.css",
                "type": "Stylesheet",
                "bytes": 0,
                "cached": True,
            },
            {"url": "https://x/p.webp", "type": "Image", "bytes": 30000},
            {
                "url": "https://x/a.js",
                "type": "Script",
                "bytes": 0,
                "service_worker": True,
            },
            {"url": "data:image/png;base64,AA", "type": "Image", "bytes": 0},
        ]
    )
    assert summary["requests"] == 2
    assert summary["bytes"] == 35000
    assert summary["bytes_no_images"] == 5000
    assert summary["from_cache"] == 2


def test_a_page_reads_without_javascript_only_with_its_text_and_usable_forms():
    with_js = {"text": 1000}
    good = {"status": 200, "visible": True, "text": 990, "forms": [{"submit": True}]}
    assert reads_without_js(with_js, good)
    assert not reads_without_js(with_js, {**good, "text": 500})  # text needs scripts
    assert not reads_without_js(with_js, {**good, "forms": [{"submit": False}]})
    assert not reads_without_js(with_js, {**good, "status": 500})


def test_what_the_service_worker_fetched_is_added_to_the_page_cost():
    class Fetched:
        def __init__(self, body, headers):
            self._sizes = {"responseBodySize": body, "responseHeadersSize": headers}

        def sizes(self):
            return self._sizes

    summary = summarise_requests(
        [{"url": "https://x/", "type": "Document", "bytes": 5000}]
    )
    summary = with_worker(summary, [Fetched(3000, 200), Fetched(1000, 200)])
    assert summary["by_type"]["ServiceWorker"] == {"requests": 2, "bytes": 4400}
    assert summary["bytes_no_images"] == 9400
    assert summary["requests"] == 3
