"""What every page view reads of the published page tree, kept in each worker process until
a page changes: which page an address names, the main menu, a course's modules and lessons.

Pages change a few times a day and are read on every view: walking the tree cost a lesson
page about fifteen of its twenty-five queries (issue #11's benchmark). One row,
`PageTreeVersion`, holds a token that changes with every saved, moved or deleted page, site
or locale. It changes in the same transaction as the page, so whoever reads the new token
also reads the new pages. A request reads the token once (one primary-key query, see
`middleware`); what was kept under another token is never used again.

A dictionary per process rather than Django's cache: without Redis the cache is per process
too (locmem), and only the database can tell every worker that a page changed. Page objects
are kept without their StreamFields and only read; keep nothing here that a view changes.
"""

import contextvars
import threading
import uuid

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, Site
from wagtail.signals import post_page_move

# A generous bound: a site has hundreds of addresses, menus and courses, not thousands.
MAX_ENTRIES = 5000

_NOT_READ = object()
# Inside a request: a one-item list holding the token read for it (or _NOT_READ yet).
_request_token = contextvars.ContextVar("page_tree_token", default=None)
_entries: dict = {}
_lock = threading.Lock()


def current_token() -> str:
    """The page tree's token: read once per request, on every call outside one."""
    from cms.models import PageTreeVersion

    box = _request_token.get()
    if box is not None and box[0] is not _NOT_READ:
        return box[0]
    token = (
        PageTreeVersion.objects.filter(pk=1).values_list("token", flat=True).first()
        or ""
    )
    if box is not None:
        box[0] = token
    return token


def kept(key: tuple, compute):
    """`compute()`'s answer for `key` while the page tree stands. An answer of None (an
    address that names no page, say) is not kept: anyone could fill memory with those."""
    full_key = (current_token(), *key)
    try:
        return _entries[full_key]
    except KeyError:
        pass
    value = compute()
    if value is not None:
        with _lock:
            if len(_entries) >= MAX_ENTRIES:
                _entries.clear()  # old tokens' entries included; rebuilt on use
            _entries[full_key] = value
    return value


def forget_all() -> None:
    """Drop what this process keeps (tests that change pages behind the ORM's back)."""
    with _lock:
        _entries.clear()


def middleware(get_response):
    """Read the page tree's token at most once per request."""

    def read_once_per_request(request):
        reset = _request_token.set([_NOT_READ])
        try:
            return get_response(request)
        finally:
            _request_token.reset(reset)

    return read_once_per_request


def page_tree_changed() -> None:
    """A new token, in the caller's transaction. This request reads it back next time."""
    from cms.models import PageTreeVersion

    token = uuid.uuid4().hex
    if not PageTreeVersion.objects.filter(pk=1).update(token=token):
        PageTreeVersion.objects.update_or_create(pk=1, defaults={"token": token})
    box = _request_token.get()
    if box is not None:
        box[0] = _NOT_READ


def _on_change(sender, instance, **kwargs):
    page_tree_changed()


def _on_move(sender, **kwargs):
    page_tree_changed()


def connect() -> None:
    """Listen to pages of every type, sites and locales only: a receiver for every model
    would stop Django deleting any row in bulk (it must then send each one its signal)."""
    from wagtail.models import get_page_models

    for model in {*get_page_models(), Page, Site, Locale}:
        uid = f"tree_cache:{model._meta.label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_change, sender=model, dispatch_uid=uid)
    post_page_move.connect(_on_move, dispatch_uid="tree_cache:move")
