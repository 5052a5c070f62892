"""Public pages and public API lists from the cache, for anonymous visitors only.

Each area has a generation counter in the cache. A cached page is stored with the generations of
the areas it shows (and of "portal": township and villages, shown on every page) and is served
only while they are unchanged (each worker also keeps its recent pages, so a hit reads only the
counters). A service that
publishes, withdraws or edits something public calls `changed(area)`: after its transaction
commits the counter moves on and every page of that area is re-rendered at its next request.
Nothing enumerates keys.

Signed-in users (session or token) never get a cached page and never fill the cache, so a page
that shows staff links or unmasked data is never stored. Keys hold the URL with its query string,
the language, the host, the Accept header and today's date (what is "coming" or "open" changes at
midnight).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils import timezone, translation

PORTAL = "portal"
GENERATION_KEY = "public-cache:generation:%s"
# Bounds what an edit outside the services (the Django admin, a shell) can leave stale.
TIMEOUT = 900

# The footer's language switch (and a public form) carries the visitor's own CSRF token: the
# cached copy holds a placeholder that is filled in for each visitor.
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"@@public-cache-csrf@@"

T = TypeVar("T")


def changed(*areas: str) -> None:
    """What the public sees of `areas` changed: their cached pages and values are stale at once,
    and again when the current transaction commits (a page rendered meanwhile from the data
    before the commit is not kept either)."""

    def bump() -> None:
        for area in areas:
            try:
                cache.incr(GENERATION_KEY % area)
            except ValueError:  # never read yet, or evicted: any fresh value will do
                cache.set(GENERATION_KEY % area, time.time_ns(), None)

    bump()
    transaction.on_commit(bump)


def _generation_keys(areas: Iterable[str]) -> list[str]:
    return [GENERATION_KEY % area for area in areas]


def _generations(keys: list[str], found: dict[str, Any]) -> tuple[Any, ...]:
    for key in keys:
        if key not in found:
            # A time-based start never repeats a value an evicted counter had before.
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key)
    return tuple(found[key] for key in keys)


def generations(areas: Iterable[str]) -> tuple[Any, ...]:
    keys = _generation_keys(areas)
    return _generations(keys, cache.get_many(keys))


def remember(area: str, name: str, build: Callable[[], T], timeout: int = TIMEOUT) -> T:
    """A value derived from what the public sees of `area`, kept until the area next changes."""
    key = f"public-cache:value:{area}:{generations([area])[0]}:{name}"
    # With a callable default, get_or_set returns a value (the stubs allow for None).
    return cast(T, cache.get_or_set(key, build, timeout))


def is_signed_in(request: HttpRequest) -> bool:
    """A token caller or a signed-in session; a visitor without a session cookie costs no
    query (the session is not loaded)."""
    # DRF's test client signs in with force_authenticate, without a header or a cookie.
    if "HTTP_AUTHORIZATION" in request.META or getattr(request, "_force_auth_user", None):
        return True
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        and getattr(request, "user", None) is not None
        and request.user.is_authenticated
    )


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or is_signed_in(request):
        return False
    # A message waiting for this visitor must be shown to them, and to no one else.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES or not len(
        messages.get_messages(request)
    )


def _cacheable_response(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if any(
        word in response.get("Cache-Control", "") for word in ("private", "no-store", "no-cache")
    ):
        return False
    renderer = getattr(response, "accepted_renderer", None)
    # The browsable API is a page for people with a login form in it; only JSON is kept.
    return renderer is None or renderer.format == "json"


def _page_key(request: HttpRequest) -> str:
    parts = (
        translation.get_language(),
        request.scheme,
        request.get_host(),
        request.META.get("HTTP_ACCEPT", ""),
        timezone.localdate().isoformat(),
        request.get_full_path(),
    )
    return "public-cache:page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _entry(
    request: HttpRequest, response: HttpResponse, generations: tuple[Any, ...]
) -> tuple[Any, ...] | None:
    content = response.content
    with_csrf = False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        content, count = CSRF_FIELD.subn(rb"\1" + CSRF_PLACEHOLDER + rb"\2", content)
        if not count:
            return None  # the token went somewhere we cannot find again: do not share the page
        with_csrf = True
    return generations, response.status_code, content, list(response.items()), with_csrf


def _response(request: HttpRequest, entry: tuple[Any, ...]) -> HttpResponse:
    _generations, status, content, headers, with_csrf = entry
    if with_csrf:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


# Each worker keeps the pages it served last, so a hit costs one small read (the generations)
# instead of moving the page out of Redis; an entry is used only while its generations are
# current, exactly like the shared copy.
LOCAL_ENTRIES = 256
_local: OrderedDict[str, tuple[Any, ...]] = OrderedDict()


def _remember_locally(key: str, entry: tuple[Any, ...]) -> None:
    _local[key] = entry
    _local.move_to_end(key)
    while len(_local) > LOCAL_ENTRIES:
        _local.popitem(last=False)


def public_cache(*areas: str) -> Callable[..., Any]:
    """View decorator: anonymous GETs of this view are answered from the cache until one of
    `areas` (or the township and villages) changes. Works on function views, `as_view()`
    results and, through `method_decorator`, a DRF viewset's `dispatch` (before throttling, so
    a cached answer costs no throttle count)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = _page_key(request)
            generation_keys = _generation_keys((PORTAL, *areas))
            current = _generations(generation_keys, cache.get_many(generation_keys))
            if None in current:  # the cache is unreachable: no way to know what is fresh
                return view(request, *args, **kwargs)
            entry = _local.get(key)
            if entry is None or entry[0] != current:
                entry = cache.get(key)  # another worker may have rendered it
            if entry is not None and entry[0] == current:
                _remember_locally(key, entry)
                return _response(request, entry)
            response = view(request, *args, **kwargs)
            if _cacheable_response(response):
                # Stored with the generations read before the view ran: a change committed
                # meanwhile makes it stale at once.

                def store(rendered: HttpResponse) -> None:
                    entry = _entry(request, rendered, current)
                    if entry is not None:
                        cache.set(key, entry, TIMEOUT)
                        _remember_locally(key, entry)

                if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                    response.add_post_render_callback(store)
                else:
                    store(response)
            return response

        return wrapped

    return decorator
