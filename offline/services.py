"""Receiving what phones queued offline. Each item is applied once: the phone's key is
stored with the result, and a resend (a retry after a lost answer, the same queue sent
twice, two tabs syncing at once) gets the stored result back and changes nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from offline import handlers
from offline.models import Device, SyncItem

MAX_FIELDS = 400
MAX_VALUE = 20_000
# Form fields the phone keeps for itself: never part of what is applied or shown back.
PRIVATE_FIELDS = ("csrfmiddlewaretoken",)


class BadItem(Exception):
    """The request is not a queue item this site understands (a 400, never stored)."""


@dataclass
class Sent:
    """One queued item as the phone sent it."""

    key: uuid.UUID
    kind: str
    target: str
    label: str = ""
    fields: QueryDict = field(default_factory=QueryDict)
    files: MultiValueDict = field(default_factory=MultiValueDict)
    done_at: datetime | None = None
    item: SyncItem | None = None  # the row being written, for handlers that keep files


@dataclass
class Received:
    item: SyncItem
    resent: bool = False
    revision: int | None = None  # of the plan or report written (see handlers.Result)


def read_fields(raw: dict) -> QueryDict:
    """The form's fields ({name: [values]}) as the QueryDict the online view reads."""
    if not isinstance(raw, dict) or len(raw) > MAX_FIELDS:
        raise BadItem("fields")
    fields = QueryDict(mutable=True)
    for name, values in raw.items():
        if name in PRIVATE_FIELDS or "\x00" in name:
            continue
        if not isinstance(values, list):
            values = [values]
        if not all(
            isinstance(v, str) and len(v) <= MAX_VALUE and "\x00" not in v
            for v in values
        ):
            raise BadItem("fields")
        fields.setlist(str(name)[:100], values)
    return fields


def receive(*, user, sent: Sent, device=None, user_agent: str = "") -> Received:
    """Apply one queued item, or return what was recorded the first time it came."""
    handler = handlers.HANDLERS.get(sent.kind)
    if handler is None:
        raise BadItem("kind")
    owner = sent.fields.get("_offline_user")
    if owner is not None and owner != str(user.pk):
        raise BadItem("user")  # written by someone else on a shared phone
    existing = SyncItem.objects.filter(user=user, key=sent.key).first()
    if existing is not None:
        touch(user=user, device=device, user_agent=user_agent)
        return Received(existing, resent=True)
    try:
        with transaction.atomic():
            item = SyncItem.objects.create(
                user=user,
                key=sent.key,
                kind=sent.kind,
                target=sent.target[:64],
                label=sent.label[:200],
                fields=_kept(sent.fields),
                done_at=sent.done_at,
                state=SyncItem.State.REFUSED,
            )
            sent.item = item
            try:
                result = handler(user, sent)
            except handlers.Refused as refusal:
                result = handlers.Result(SyncItem.State.REFUSED, refusal.message)
            item.state, item.message, item.url, item.conflict = (
                result.state,
                result.message,
                result.url[:300],
                result.conflict,
            )
            item.save(update_fields=["state", "message", "url", "conflict"])
    except IntegrityError:
        # The same key in a parallel request: that one applied it. (Any other integrity
        # error is a fault, not a resend.)
        found = SyncItem.objects.filter(user=user, key=sent.key).first()
        if found is None:
            raise
        touch(user=user, device=device, user_agent=user_agent)
        return Received(found, resent=True)
    touch(user=user, device=device, user_agent=user_agent, items=1)
    return Received(item, revision=result.revision)


def _kept(fields: QueryDict) -> dict:
    return {name: fields.getlist(name) for name in fields}


def touch(*, user, device, user_agent: str = "", items: int = 0) -> None:
    """Note that this phone synced now (officers see each participant's last sync)."""
    if device is None:
        return
    now = timezone.now()
    updated = Device.objects.filter(user=user, device=device).update(
        last_sync_at=now, items_received=F("items_received") + items
    )
    if not updated:
        try:
            with transaction.atomic():
                Device.objects.create(
                    user=user,
                    device=device,
                    user_agent=user_agent[:200],
                    last_sync_at=now,
                    items_received=items,
                )
        except IntegrityError:  # the phone's first two requests at once
            pass


def resolved(*, item: SyncItem) -> None:
    """The participant sorted out an item that needed attention (saved the form again, or
    read what was kept and dismissed it)."""
    SyncItem.objects.filter(pk=item.pk, state=SyncItem.State.ATTENTION).update(
        state=SyncItem.State.RESOLVED
    )
