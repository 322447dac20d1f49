"""What every page view reads of the published page tree, kept in each worker process until
a page changes: the site a host names, which page an address names, whether a page has view
restrictions, the main menu, a course's modules and lessons.

Pages change a few times a day and are read on every view: walking the tree cost a lesson
page about fifteen of its twenty-five queries (issue #11's benchmark). One row,
`PageTreeVersion`, holds a token that is replaced once a transaction that saved, moved or
deleted a page, a site, a locale or a page's view restriction has committed. A request reads the token once (one
primary-key query; page views read it before anything else, see `cms.views`), and what was
kept under another token is dropped.

Order matters. The new token is written after the change commits, in a short transaction
of its own (no lock on the token row is held while pages are written, so editors' saves
never wait on each other or deadlock over it). A reader that sees the new token therefore
sees the new pages; a reader that still sees the old one may keep the new pages under the
old token, which is harmless. The process that made the change drops what it keeps at once.

Saves that change only a page's draft (Wagtail's autosave, every few seconds while someone
types) change nothing a reader sees and leave the token alone.

A dictionary per process rather than Django's cache: without Redis the cache is per process
too (locmem), and only the database can tell every worker that a page changed. Page objects
are kept without their StreamFields and only read; keep nothing here that a view changes.
After editing pages behind the ORM's back (raw SQL, `manage.py fixtree`), run
`manage.py page_tree_changed`.

Known limit: a process that reads the tree inside the very transaction that changed it, and
then rolls that transaction back, keeps the rolled-back pages until the next change. No
code here reads pages that way (admin saves and publishes do not render the site's pages),
and tests start with nothing kept.
"""

import contextvars
import threading
import uuid

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.pages import COMMENTS_RELATION_NAME

# A generous bound: a site has hundreds of addresses, menus and courses, not thousands.
MAX_ENTRIES = 5000

# Page fields that only a draft, a lock or a workflow touch: saves of these alone leave the
# published tree as it was.
DRAFT_FIELDS = frozenset(
    {
        COMMENTS_RELATION_NAME,
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
    }
)

_NOT_READ = object()
# Inside a request: a one-item list holding the token read for it (or _NOT_READ yet).
_request_token = contextvars.ContextVar("page_tree_token", default=None)
_entries: dict = {}
_seen = {"token": None}
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
    address that names no page, say) is not kept: anyone could fill memory with those.
    `compute` must read what it needs itself, or be given it in `key`: objects read before
    the token may be older than it."""
    token = current_token()
    full_key = (token, *key)
    try:
        return _entries[full_key]
    except KeyError:
        pass
    value = compute()
    if value is not None:
        with _lock:
            if _seen["token"] != token or len(_entries) >= MAX_ENTRIES:
                _entries.clear()  # another token's entries are never used again
                _seen["token"] = token
            _entries[full_key] = value
    return value


def site_for(request):
    """Wagtail's `Site.find_for_request`, kept per host and port (read the token first)."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    found = kept(
        ("site", request._get_raw_host(), request.get_port()),
        lambda: (Site.find_for_request(request),),
    )
    request._wagtail_site = found[0]
    return found[0]


def forget_all() -> None:
    """Drop what this process keeps."""
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


def page_tree_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """The published tree changed: forget it here now, and give it a new token once the
    change has committed (one new token per transaction, however many pages it saved)."""
    forget_all()
    box = _request_token.get()
    if box is not None:
        box[0] = _NOT_READ
    connection = transaction.get_connection(using)
    # One new token per transaction. A pending one can still be undone only by rolling
    # back a savepoint that is open now, which would undo this change too.
    if connection.in_atomic_block and any(
        callback is _new_token for _sids, callback, _robust in connection.run_on_commit
    ):
        return
    # Robust: a failure to write the token is logged; the change itself has committed.
    transaction.on_commit(_new_token, using=using, robust=True)


def _new_token() -> None:
    from cms.models import PageTreeVersion

    token = uuid.uuid4().hex
    if not PageTreeVersion.objects.filter(pk=1).update(token=token):
        PageTreeVersion.objects.update_or_create(pk=1, defaults={"token": token})
    forget_all()
    box = _request_token.get()
    if box is not None:
        box[0] = _NOT_READ


def _on_save(sender, instance, update_fields=None, using=DEFAULT_DB_ALIAS, **kwargs):
    if (
        update_fields
        and isinstance(instance, Page)
        and DRAFT_FIELDS >= set(update_fields)
    ):
        return
    page_tree_changed(using)


def _on_delete(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    page_tree_changed(using)


def _after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    # Data migrations write pages with historical models, which send no signal here.
    if sender.name == "cms" and "cms_pagetreeversion" in (
        connections[using].introspection.table_names()
    ):
        page_tree_changed(using)


def connect() -> None:
    """Listen to pages of every type, sites, locales and page view restrictions only: a
    receiver for every model would stop Django deleting any row in bulk (it must then send
    each one its signal)."""
    from wagtail.models import get_page_models

    for model in {*get_page_models(), Page, Site, Locale, PageViewRestriction}:
        uid = f"tree_cache:{model._meta.label}"
        post_save.connect(_on_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_delete, sender=model, dispatch_uid=uid)
    post_migrate.connect(_after_migrate, dispatch_uid="tree_cache:migrate")
