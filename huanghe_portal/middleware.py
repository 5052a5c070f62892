from django.conf import settings
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control

from . import personal_data
from .passwords import PASSWORD_CHANGE_REQUIRED, must_change_password
from .public_cache import is_signed_in


class ForcePasswordChangeMiddleware:
    """A demo, initial or reset password must be changed before anything else: pages redirect to
    the change form, the API answers 403 JSON (the API's authentication classes refuse token
    callers the same way)."""

    EXEMPT_PREFIXES = ("/static/", "/i18n/", "/jsi18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and must_change_password(user)
                and request.path not in {reverse("password-change"), reverse("logout")}
                and not request.path.startswith(self.EXEMPT_PREFIXES)):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": str(PASSWORD_CHANGE_REQUIRED)}, status=403)
            return redirect("password-change")
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """No browser or proxy keeps a page or API answer given to a signed-in user (they may carry
    unmasked personal data): `Cache-Control: no-store, private` on every such response. Checked
    after the view, so token callers (authenticated inside DRF) are covered too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Without a session cookie the user is not looked up (no `Vary: Cookie` on public pages).
        if is_signed_in(request):
            patch_cache_control(response, no_store=True, private=True)
        return response


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
