from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from . import limits, personal_data
from .passwords import PASSWORD_CHANGE_REQUIRED, must_change_password
from .public_cache import is_signed_in


class ForcePasswordChangeMiddleware:
    """A demo, initial or reset password must be changed before anything else: pages redirect to
    the change form, the API answers 403 JSON (the API's authentication classes refuse token
    callers the same way)."""

    EXEMPT_PREFIXES = ("/static/", "/i18n/", "/jsi18n/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        if (
            user is not None
            and must_change_password(user)
            and request.path not in {reverse("password-change"), reverse("logout")}
            and not request.path.startswith(self.EXEMPT_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": str(PASSWORD_CHANGE_REQUIRED)}, status=403)
            return redirect("password-change")
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """No browser or proxy keeps a page or API answer given to a signed-in user (they may carry
    unmasked personal data): `Cache-Control: no-store, private` on every such response. Checked
    after the view, so token callers (authenticated inside DRF) are covered too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        # Without a session cookie the user is not looked up (no `Vary: Cookie` on public pages).
        if is_signed_in(request):
            patch_cache_control(response, no_store=True, private=True)
        return response


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Simplified Chinese unless the visitor chose another language on the portal (the language
    cookie); the browser's Accept-Language is not consulted, so a town office PC with an English
    system still sees the Chinese portal."""

    def process_request(self, request: HttpRequest) -> None:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PersonalDataAuditMiddleware:
    """Writes the unmasked reads an API response collected (personal_data.reveal_in_request)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        setattr(request, "_pii_reads", [])  # noqa: B010 (read by personal_data.reveal_in_request)
        response = self.get_response(request)
        personal_data.flush_audit(request)
        return response


class SubmissionsPausedMiddleware:
    """The HTML side of SubmissionsPaused: a public form posted while submissions are paused
    gets a page saying so (503), not an error page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.shortcuts import render

        from .api.throttles import SubmissionsPaused

        if not isinstance(exception, SubmissionsPaused):
            return None
        response = render(request, "503.html", {"message": exception.detail}, status=503)
        response["Retry-After"] = "60"
        return response


class BadInputMiddleware:
    """Refuses, as a 400 naming the parameter, input no view should see: control characters or
    over-long values in a query string or an HTML form, and a `year` parameter outside
    limits.YEAR_MIN..YEAR_MAX (issue 13 point 4). API bodies are checked by api.parsers.
    A unique-constraint race that a service did not serialise ends as a 409, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        errors = self._errors(request)
        if errors:
            return errors_response(request, errors, status=400)
        return self.get_response(request)

    @staticmethod
    def _errors(request: HttpRequest) -> dict[str, list[str]]:
        errors = limits.string_errors(request.GET, max_length=limits.QUERY_VALUE_MAX)
        if not errors and "year" in request.GET:
            try:
                limits.parse_year(request.GET.get("year"))
            except ValidationError as exc:
                errors = exc.message_dict
        if not errors and request.method == "POST" and not request.path.startswith("/api/"):
            errors = limits.string_errors(request.POST, max_length=limits.BODY_MAX)
        return errors

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, IntegrityError) and is_unique_violation(exception):
            return errors_response(request, {"non_field_errors": [conflict_message()]}, status=409)
        return None


def is_unique_violation(exc: IntegrityError) -> bool:
    cause = exc.__cause__  # psycopg2 names the SQLSTATE pgcode, psycopg 3 sqlstate
    code = getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)
    return code == "23505" or "UNIQUE constraint" in str(exc)


def conflict_message() -> str:
    return _("与刚刚保存的另一条记录冲突（可能有人同时提交），请刷新后重试。")


def errors_response(
    request: HttpRequest, errors: dict[str, list[str]], *, status: int
) -> HttpResponse:
    """One refusal shape: the API's {"detail", "fields"} JSON, or the error page naming the
    field for a browser."""
    field, messages_ = next(iter(errors.items()))
    label = "" if field == "non_field_errors" else f"{field}: "
    detail = _("输入有误：%(first)s") % {"first": label + messages_[0]}
    if status == 409:
        detail = messages_[0]
    if request.path.startswith("/api/"):
        body = {"detail": detail} if status == 409 else {"detail": detail, "fields": errors}
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    return render(request, "400.html", {"status": status, "detail": detail}, status=status)
