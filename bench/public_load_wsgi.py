"""WSGI entry of bench/public_load.py: the portal's URLs plus one bare view, the floor the public
pages are measured against (same middleware, no template, no query)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huanghe_portal.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

from huanghe_portal import urls as portal_urls  # noqa: E402

handler403, handler404, handler500 = (
    portal_urls.handler403,
    portal_urls.handler404,
    portal_urls.handler500,
)


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


# After the portal's own patterns, so that resolving it costs what resolving a portal page does.
urlpatterns = [*portal_urls.urlpatterns, path("bench/bare/", bare)]
settings.ROOT_URLCONF = __name__
