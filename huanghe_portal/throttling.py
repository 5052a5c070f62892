"""Rate limits per client address, for the API and the public HTML forms alike.

Every limit keys on `client_ip.client_ip`, so a forged `X-Forwarded-For` cannot spread one
visitor over many counters, and the pages and the API count the same way. The rates are DRF's
`DEFAULT_THROTTLE_RATES` (`THROTTLE_*` in the environment).
"""

from __future__ import annotations

from django.http import HttpRequest
from rest_framework.throttling import AnonRateThrottle

from .client_ip import client_ip


class AnonThrottle(AnonRateThrottle):
    """Anonymous callers of the API (the default throttle)."""

    def get_ident(self, request) -> str:
        return client_ip(request)


class PublicSubmitThrottle(AnonThrottle):
    """Online submissions from one address (petitions, applications, comments)."""

    scope = "public_submit"

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


class PublicTrackThrottle(AnonThrottle):
    """Tracking-code look-ups, against guessing."""

    scope = "public_track"


def throttled(request: HttpRequest, throttle_class: type[AnonThrottle]) -> bool:
    """For a public HTML view: count this request and say whether it is over the limit."""
    return not throttle_class().allow_request(request, None)
