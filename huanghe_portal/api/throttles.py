from rest_framework.throttling import AnonRateThrottle


class PublicSubmitThrottle(AnonRateThrottle):
    """Online submissions from one address (petitions, applications, comments)."""

    scope = "public_submit"

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


class PublicTrackThrottle(AnonRateThrottle):
    """Tracking-code look-ups, against guessing."""

    scope = "public_track"
