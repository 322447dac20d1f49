"""Who is asking, by network address: for the sign-in throttle and the certificate check's
rate limit. Behind a reverse proxy every request comes from the proxy, so the client's
address is taken from `X-Forwarded-For`, counting `TRUSTED_PROXY_HOPS` proxies of our own
from the right (a client can write anything to the left of them)."""

from django.conf import settings


def client_address(request) -> str:
    hops = settings.TRUSTED_PROXY_HOPS
    if hops:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")
