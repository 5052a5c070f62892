"""The client address, defined once: django-axes, every throttle and the logs ask this module.

`settings.NUM_PROXIES` says how many of our own proxies stand in front of the portal. With 0
(the default) the address is `REMOTE_ADDR` and any `X-Forwarded-For` a visitor sends is ignored.
With 1 (the README's nginx, `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`) it is
the right-most `X-Forwarded-For` entry, the one nginx appended; entries further left were written
by the client and are never trusted. The parsing is DRF's (`REST_FRAMEWORK["NUM_PROXIES"]`, which
settings.py sets from the same value), not our own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle

if TYPE_CHECKING:
    from rest_framework.request import Request


def client_ip(request: HttpRequest | None) -> str:
    """The caller's address as the configured proxies report it ("" when unknown)."""
    if request is None:
        return ""
    # DRF's ident reads only META, which a Django request has too.
    return BaseThrottle().get_ident(cast("Request", request)) or ""
