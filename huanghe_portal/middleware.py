from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from . import personal_data


class ForcePasswordChangeMiddleware:
    """A demo or reset password must be changed before anything else (issue: staff accounts)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = getattr(user, "portal_profile", None)
            allowed = {reverse("password-change"), reverse("logout")}
            if (profile is not None and profile.must_change_password
                    and request.path not in allowed
                    and not request.path.startswith(("/static/", "/api/", "/i18n/"))):
                return redirect("password-change")
        return self.get_response(request)


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Simplified Chinese unless the visitor chose another language on the portal (the language
    cookie); the browser's Accept-Language is not consulted, so a town office PC with an English
    system still sees the Chinese portal."""

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PersonalDataAuditMiddleware:
    """Writes the unmasked reads an API response collected (personal_data.reveal_in_request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._pii_reads = []
        response = self.get_response(request)
        personal_data.flush_audit(request)
        return response


class SubmissionsPausedMiddleware:
    """The HTML side of SubmissionsPaused: a public form posted while submissions are paused
    gets a page saying so (503), not an error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.shortcuts import render

        from .api.throttles import SubmissionsPaused

        if not isinstance(exception, SubmissionsPaused):
            return None
        response = render(request, "503.html", {"message": exception.detail}, status=503)
        response["Retry-After"] = "60"
        return response
