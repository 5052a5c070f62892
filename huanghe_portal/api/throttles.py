from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.throttling import AnonRateThrottle

from huanghe_portal.cache import cache_available


class SubmissionsPaused(APIException):
    """Raised instead of throttling when the counter store (Redis) is down: anonymous
    submissions fail closed (staff and read-only requests are never held up by it)."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _("系统暂时无法受理网上提交（防刷校验服务不可用），请稍后再试，"
                       "或通过电话、来访等方式提交。")
    default_code = "submissions_paused"


class PublicSubmitThrottle(AnonRateThrottle):
    """Online submissions from one address (petitions, applications, comments)."""

    scope = "public_submit"

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        if request.user and request.user.is_authenticated:
            return True
        if not cache_available():
            self.wait = lambda: 60  # noqa: E731 - Retry-After for the refused request
            raise SubmissionsPaused
        return super().allow_request(request, view)


class PublicTrackThrottle(AnonRateThrottle):
    """Tracking-code look-ups, against guessing."""

    scope = "public_track"
