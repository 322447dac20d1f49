"""A pause after repeated failed sign-ins, per account name and per network address."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _keys(identifier: str, address: str) -> list[str]:
    ident = hashlib.sha256(identifier.strip().lower().encode()).hexdigest()[:32]
    return [f"login-fail:id:{ident}", f"login-fail:ip:{address}"]


def is_blocked(identifier: str, address: str) -> bool:
    limit = settings.LOGIN_FAILURE_LIMIT
    # One address (a shared training-centre connection) gets more room than one account.
    id_key, ip_key = _keys(identifier, address)
    return (cache.get(id_key, 0) >= limit) or (cache.get(ip_key, 0) >= limit * 5)


def record_failure(identifier: str, address: str) -> None:
    for key in _keys(identifier, address):
        if cache.add(key, 1, settings.LOGIN_FAILURE_WINDOW):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, settings.LOGIN_FAILURE_WINDOW)


def clear(identifier: str, address: str) -> None:
    cache.delete(_keys(identifier, address)[0])
