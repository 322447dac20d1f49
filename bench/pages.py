"""Page cost for a participant on a phone: Playwright for Python driving Debian's
Chromium (Playwright's own browser download is never used). Requests and bytes come from
the DevTools protocol's Network events (`encodedDataLength`: bytes on the wire, headers
included); slow 3G and the CPU slowdown are DevTools' own emulation."""

from __future__ import annotations

import shutil
from collections import defaultdict
from urllib.parse import urlsplit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A cheap Android phone.
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0.0.0 Mobile Safari/537.36"
    ),
    # As behind production's TLS proxy (SECURE_PROXY_SSL_HEADER).
    "extra_http_headers": {"X-Forwarded-Proto": "https"},
}
SLOW_3G = {
    "offline": False,
    "latency": 400,  # ms
    "downloadThroughput": 400 * 1000 / 8,  # 400 kbit/s in bytes per second
    "uploadThroughput": 400 * 1000 / 8,
}
CPU_SLOWDOWN = 4
# The time the largest text on the page was painted (largest-contentful-paint entries
# whose element is not a picture); the first contentful paint if none.
TEXT_PAINT = """
window.__textPaint = null;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const tag = entry.element ? entry.element.tagName : "";
    if (entry.element && !["IMG", "IMAGE", "VIDEO", "svg", "CANVAS"].includes(tag)) {
      window.__textPaint = entry.renderTime || entry.startTime;
    }
  }
}).observe({type: "largest-contentful-paint", buffered: true});
"""
TIMINGS = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const nav = performance.getEntriesByType("navigation")[0];
  return {
    fcp: paint ? paint.startTime : null,
    text: window.__textPaint,
    load: nav ? nav.loadEventEnd : null,
  };
}"""
READABLE = """() => {
  const main = document.querySelector("main") || document.body;
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const forms = [...main.querySelectorAll("form")].filter(
    (f) => (f.method || "").toLowerCase() === "post"
  );
  const usable = forms.map((form) => {
    const fields = [...form.querySelectorAll("input:not([type=hidden]), textarea, select")];
    const submit = [...form.querySelectorAll("button, input[type=submit]")];
    return {
      fields: fields.filter(visible).length,
      submit: submit.filter(visible).length > 0,
    };
  });
  return {
    text: (main.innerText || "").trim().length,
    visible: visible(main),
    forms: usable,
  };
}"""


class NetworkLog:
    """Requests seen by one page's DevTools session, from the wire (cache hits apart)."""

    def __init__(self, cdp):
        self.entries = {}
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.requestServedFromCache", self._cached)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)

    def _entry(self, event):
        return self.entries.setdefault(
            event["requestId"], {"type": "Other", "bytes": 0, "cached": False}
        )

    def _sent(self, event):
        entry = self._entry(event)
        entry["url"] = event["request"]["url"]
        entry["type"] = event.get("type") or entry["type"]

    def _response(self, event):
        entry = self._entry(event)
        entry["type"] = event.get("type") or entry["type"]
        response = event["response"]
        entry["status"] = response.get("status")
        if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
            entry["cached"] = True
        if response.get("fromServiceWorker"):
            entry["service_worker"] = True

    def _cached(self, event):
        self._entry(event)["cached"] = True

    def _finished(self, event):
        entry = self._entry(event)
        entry["bytes"] = int(event.get("encodedDataLength") or 0)
        entry["done"] = True

    def _failed(self, event):
        self._entry(event)["failed"] = True

    def reset(self):
        self.entries = {}

    def summary(self) -> dict:
        return summarise_requests(self.entries.values())


def summarise_requests(entries) -> dict:
    """Requests and bytes by type, leaving out what came from the browser's cache or a
    service worker (no bytes on the wire) and data: addresses."""
    by_type = defaultdict(lambda: {"requests": 0, "bytes": 0})
    cached, listed = 0, []
    for entry in entries:
        if str(entry.get("url", "")).startswith("data:"):
            continue
        if entry.get("cached") or entry.get("service_worker"):
            cached += 1
            continue
        by_type[entry["type"]]["requests"] += 1
        by_type[entry["type"]]["bytes"] += entry.get("bytes", 0)
        listed.append(
            [entry["type"], _path(entry.get("url", "")), entry.get("bytes", 0)]
        )
    total = sum(row["bytes"] for row in by_type.values())
    images = by_type.get("Image", {}).get("bytes", 0)
    return {
        "requests": sum(row["requests"] for row in by_type.values()),
        "bytes": total,
        "bytes_no_images": total - images,
        "image_bytes": images,
        "from_cache": cached,
        "by_type": dict(by_type),
        "list": listed,
    }


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def with_worker(summary: dict, requests) -> dict:
    """Add what the service worker fetched itself (its cache of the site's files), which
    the page's own DevTools session does not see, as the type "ServiceWorker"."""
    size = 0
    for request in requests:
        try:
            sizes = request.sizes()
        except Exception:  # noqa: S112 - a request that went away counts nothing
            continue
        fetched = sizes.get("responseBodySize", 0) + sizes.get("responseHeadersSize", 0)
        size += fetched
        summary.setdefault("list", []).append(
            ["ServiceWorker", _path(getattr(request, "url", "")), fetched]
        )
    if requests:
        summary["by_type"]["ServiceWorker"] = {"requests": len(requests), "bytes": size}
        summary["requests"] += len(requests)
        summary["bytes"] += size
        summary["bytes_no_images"] += size
    return summary


def _context(browser, base_url, cookie, **options):
    context = browser.new_context(**{**PHONE, **options})
    if cookie:
        context.add_cookies([{"name": "sessionid", "value": cookie, "url": base_url}])
    return context


def _settle(page):
    try:
        page.wait_for_load_state("networkidle", timeout=15_000)
    except Exception:  # noqa: S110 - a page that keeps polling is measured as it is
        pass


def cost(browser, base_url, url, cookie) -> tuple[dict, dict, int, dict]:
    """First load in a fresh browser, then the same page visited again; also what the
    page shows with JavaScript on, to compare with it off."""
    context = _context(browser, base_url, cookie)
    try:
        worker_requests = []
        context.on(
            "requestfinished",
            lambda request: request.service_worker and worker_requests.append(request),
        )
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        log = NetworkLog(cdp)
        response = page.goto(base_url + url, wait_until="load")
        _settle(page)
        first = with_worker(log.summary(), worker_requests)
        seen = page.evaluate(READABLE)
        log.reset()
        worker_requests.clear()
        page.goto(base_url + url, wait_until="load")
        _settle(page)
        repeat = with_worker(log.summary(), worker_requests)
        return first, repeat, response.status if response else 0, seen
    finally:
        context.close()


def slow_3g(browser, base_url, url, cookie) -> dict:
    context = _context(browser, base_url, cookie)
    try:
        page = context.new_page()
        page.add_init_script(TEXT_PAINT)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(base_url + url, wait_until="load", timeout=180_000)
        page.wait_for_timeout(300)
        timings = page.evaluate(TIMINGS)
        text = timings["text"] if timings["text"] is not None else timings["fcp"]
        return {
            "text_visible_ms": round(text) if text is not None else None,
            "fcp_ms": round(timings["fcp"]) if timings["fcp"] is not None else None,
            "load_ms": round(timings["load"]) if timings["load"] else None,
        }
    finally:
        context.close()


def without_js(browser, base_url, url, cookie) -> dict:
    """What the page shows with JavaScript off."""
    context = _context(browser, base_url, cookie, java_script_enabled=False)
    try:
        page = context.new_page()
        response = page.goto(base_url + url, wait_until="load")
        seen = page.evaluate(READABLE)  # page scripts are off; Playwright's still run
        return {"status": response.status if response else 0, **seen}
    finally:
        context.close()


def reads_without_js(with_js: dict, without: dict) -> bool:
    """The page reads without JavaScript when it answers, its main text is (nearly) all
    there as with JavaScript, and every form in it can be sent (a visible button)."""
    return bool(
        without.get("status") == 200
        and without.get("visible")
        and without.get("text", 0) > 0
        and without.get("text", 0) >= 0.9 * with_js.get("text", 0)
        and all(form["submit"] for form in without.get("forms", []))
    )


def measure(base_url: str, pages: dict, cookie: str, log=print) -> dict:
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=ARGS
        )
        try:
            for name, url in pages.items():
                first, repeat, status, with_js = cost(browser, base_url, url, cookie)
                slow = slow_3g(browser, base_url, url, cookie)
                no_js = without_js(browser, base_url, url, cookie)
                no_js["reads"] = reads_without_js(with_js, no_js)
                no_js["text_with_js"] = with_js["text"]
                out[name] = {
                    "url": url,
                    "status": status,
                    "first": first,
                    "repeat": repeat,
                    "slow3g": slow,
                    "no_js": no_js,
                }
                log(
                    f"  {name:<20} {status} first {first['requests']} req "
                    f"{first['bytes_no_images'] / 1024:.1f} KB (+{first['image_bytes'] / 1024:.0f} KB "
                    f"images), repeat {repeat['bytes'] / 1024:.1f} KB, text visible "
                    f"{slow['text_visible_ms']} ms, no JS {'reads' if no_js['reads'] else 'FAILS'}"
                )
        finally:
            browser.close()
    return out
