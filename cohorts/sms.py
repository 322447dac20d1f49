"""Text messages behind one small interface, chosen by `SMS_BACKEND` (a dotted path). The
console backend prints them; a real gateway (Twilio, Africa's Talking, a local aggregator) is
a class with the same `send` method."""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class BaseSmsBackend:
    def send(self, *, to: str, text: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    def send(self, *, to: str, text: str) -> None:
        sys.stdout.write(f"SMS to {to}: {text}\n")


class MemorySmsBackend(BaseSmsBackend):
    """For tests: messages collect in `outbox`."""

    outbox: list[tuple[str, str]] = []

    def send(self, *, to: str, text: str) -> None:
        MemorySmsBackend.outbox.append((to, text))


def backend() -> BaseSmsBackend:
    path = getattr(settings, "SMS_BACKEND", "cohorts.sms.ConsoleSmsBackend")
    return import_string(path)()


def send_sms(*, to: str, text: str) -> None:
    backend().send(to=to, text=text)
