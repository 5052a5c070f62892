"""Rate limits per client address, for the API and the public HTML forms alike.

Every limit keys on `client_ip.client_ip`, so a forged `X-Forwarded-For` cannot spread one
visitor over many counters, and the pages and the API count the same way. The rates are DRF's
`DEFAULT_THROTTLE_RATES` (`THROTTLE_*` in the environment).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.throttling import AnonRateThrottle

from .cache import cache_available
from .client_ip import client_ip

if TYPE_CHECKING:  # rest_framework.views imports this module (DEFAULT_THROTTLE_CLASSES)
    from rest_framework.request import Request
    from rest_framework.views import APIView


class SubmissionsPaused(APIException):
    """Raised instead of throttling when the counter store (Redis) is down: anonymous
    submissions fail closed (staff and read-only requests are never held up by it)."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _(
        "系统暂时无法受理网上提交（防刷校验服务不可用），请稍后再试，或通过电话、来访等方式提交。"
    )
    default_code = "submissions_paused"


class AnonThrottle(AnonRateThrottle):
    """Anonymous callers of the API (the default throttle)."""

    def get_ident(self, request: Request) -> str:
        return client_ip(request)


class PublicSubmitThrottle(AnonThrottle):
    """Online submissions from one address (petitions, applications, comments)."""

    scope = "public_submit"
    _paused = False

    def allow_request(self, request: Request, view: APIView) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        if request.user and request.user.is_authenticated:
            return True
        if not cache_available():
            self._paused = True
            raise SubmissionsPaused
        return super().allow_request(request, view)

    def wait(self) -> float | None:
        return 60 if self._paused else super().wait()  # Retry-After for a paused submission


class PublicTrackThrottle(AnonThrottle):
    """Tracking-code look-ups, against guessing."""

    scope = "public_track"


def throttled(request: HttpRequest, throttle_class: type[AnonThrottle]) -> bool:
    """For a public HTML view: count this request and say whether it is over the limit."""
    # The throttles read only META, method and user, which a Django request has too.
    return not throttle_class().allow_request(cast("Request", request), cast("APIView", None))
