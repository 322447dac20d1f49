"""Server latency and throughput on loopback: a small asyncio client (standard library
only) that keeps N requests in flight against gunicorn for a fixed time. HTTP/1.0 and one
connection per request, as gunicorn's sync workers close every connection anyway."""

from __future__ import annotations

import asyncio
import secrets
import string
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

from bench.stats import summarise

# A CSRF secret of our own (Django accepts the unmasked 32-character secret as the token).
CSRF_SECRET = "".join(
    secrets.choice(string.ascii_letters + string.digits) for _ in range(32)
)


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes


@dataclass
class Target:
    url: str
    cookie: str | None = None  # the session cookie's value; None: anonymous


@dataclass
class Scenario:
    """`get`: one GET. `post`: the form on the page is read once per client, then each
    operation posts it (answers alternating). `open_and_post`: each operation reads the
    form and posts it (a register whose rows carry the version they were read at)."""

    name: str
    label: str
    kind: str
    targets: list[Target]
    button: str = ""  # the submit button whose value starts with this ("" = none named)
    expect: tuple[int, ...] = (200,)


class Client:
    def __init__(self, host: str, port: int, session_cookie: str = "sessionid"):
        self.host, self.port, self.session_cookie = host, port, session_cookie

    async def request(
        self, method: str, url: str, cookie: str | None = None, data: list | None = None
    ) -> Response:
        cookies = [f"csrftoken={CSRF_SECRET}"]
        if cookie:
            cookies.append(f"{self.session_cookie}={cookie}")
        origin = f"{self.host}:{self.port}"
        lines = [
            f"{method} {url} HTTP/1.0",
            f"Host: {origin}",
            # As behind the TLS proxy production runs behind (SECURE_PROXY_SSL_HEADER).
            "X-Forwarded-Proto: https",
            f"Referer: https://{origin}{url}",
            "User-Agent: cluster-academy-bench",
            "Accept-Language: en",
            f"Cookie: {'; '.join(cookies)}",
        ]
        body = b""
        if data is not None:
            body = urlencode(data).encode()
            lines += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
            ]
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            await writer.drain()
            raw = await reader.read()
        finally:
            writer.close()
        return parse_response(raw)


def parse_response(raw: bytes) -> Response:
    head, _sep, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else 0
    headers = {}
    for line in lines[1:]:
        name, _colon, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Response(status, headers, body)


@dataclass
class Form:
    action: str
    fields: list = field(default_factory=list)  # (kind, name, value, checked)
    buttons: list = field(default_factory=list)  # (name, value)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = Form(attrs.get("action") or "")
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image"):
                self._form.buttons.append((name, attrs.get("value") or ""))
            elif kind != "file":
                value = attrs.get("value")
                if value is None:
                    value = "on" if kind in ("radio", "checkbox") else ""
                self._form.fields.append((kind, name, value, "checked" in attrs))
        elif tag == "button" and name:
            self._form.buttons.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            self._form.fields.append(
                ("option", self._select, attrs.get("value") or "", "selected" in attrs)
            )

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form:
            self._form.fields.append(("textarea", *self._textarea, False))
            self._textarea = None
        elif tag == "select":
            self._select = None


def page_form(html: str) -> Form | None:
    """The page's own POST form: the one with most fields, leaving out the header's
    language switcher and sign-out."""
    parser = _FormParser()
    parser.feed(html)
    forms = [
        form
        for form in parser.forms
        if not form.action.rstrip("/").endswith(("/language", "/sign-out"))
    ]
    return max(forms, key=lambda form: len(form.fields), default=None)


def fill(form: Form, turn: int, button: str = "") -> list[tuple[str, str]]:
    """What a person would send: every radio group and list answered with its
    (turn mod n)-th choice, so repeated posts change something; other fields as shown,
    empty text answers filled in."""
    data, groups, order = [], {}, []
    for kind, name, value, checked in form.fields:
        if kind in ("radio", "option"):
            if name not in groups:
                groups[name] = []
                order.append(name)
            groups[name].append(value)
        elif kind == "checkbox":
            if checked:
                data.append((name, value))
        elif kind in ("text", "number", "textarea") and not value:
            data.append((name, "1"))
        else:
            data.append((name, value))
    for name in order:
        choices = groups[name]
        data.append((name, choices[turn % len(choices)]))
    if button:
        for name, value in form.buttons:
            if value.startswith(button):
                data.append((name, value))
                break
    return data


async def _operation(client, scenario, target, state, turn) -> bool:
    if scenario.kind == "get":
        response = await client.request("GET", target.url, target.cookie)
        return response.status in scenario.expect
    if scenario.kind == "open_and_post" or state.get("form") is None:
        page = await client.request("GET", target.url, target.cookie)
        state["form"] = page_form(page.body.decode("utf-8", "replace"))
        if state["form"] is None:
            return False
    form = state["form"]
    action = form.action
    if not action or action.startswith("?"):
        action = target.url.split("?")[0] + action
    response = await client.request(
        "POST",
        action,
        target.cookie,
        fill(form, turn, scenario.button),
    )
    return response.status in scenario.expect


async def run_phase(
    client: Client, scenario: Scenario, concurrency: int, seconds: float
) -> dict:
    """Keep `concurrency` operations in flight for `seconds`; every client has its own
    target (person) when there are enough of them."""
    latencies, errors = [], 0
    deadline = time.perf_counter() + seconds

    async def worker(index: int):
        nonlocal errors
        target = scenario.targets[index % len(scenario.targets)]
        state, turn = {}, index
        if scenario.kind == "post":  # read the form first, untimed
            page = await client.request("GET", target.url, target.cookie)
            state["form"] = page_form(page.body.decode("utf-8", "replace"))
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                ok = await _operation(client, scenario, target, state, turn)
            except OSError:
                ok = False
            if ok:
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                errors += 1
            turn += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(index) for index in range(concurrency)))
    return summarise(latencies, time.perf_counter() - started, errors)


def measure(
    host: str,
    port: int,
    scenarios: list[Scenario],
    levels: list[int],
    seconds: float,
    warm: float,
    floor_beside: bool = True,
    log=print,
) -> dict:
    """Each scenario at each concurrency, right after the floor endpoint at the same
    concurrency (`floor_rps`): on a shared machine the load of the moment weighs on both
    alike, so their ratio holds where absolute figures drift."""
    client = Client(host, port)
    floor = next((s for s in scenarios if s.name == "floor"), None)
    out = {}
    for scenario in scenarios:
        asyncio.run(run_phase(client, scenario, 4, warm))
        out[scenario.name] = {"label": scenario.label}
        for level in levels:
            beside = None
            if floor_beside and floor is not None and scenario is not floor:
                beside = asyncio.run(run_phase(client, floor, level, seconds))
            figures = asyncio.run(run_phase(client, scenario, level, seconds))
            if beside is not None:
                figures["floor_rps"] = beside["rps"]
            out[scenario.name][f"c{level}"] = figures
            share = (
                f"  {figures['rps'] / beside['rps']:.0%} of floor"
                if beside and beside["rps"]
                else ""
            )
            log(
                f"  {scenario.label:<32} c={level:<3} p50 {figures['p50_ms']} ms  "
                f"p95 {figures['p95_ms']} ms  {figures['rps']} req/s  "
                f"errors {figures['errors']}{share}"
            )
    return out
