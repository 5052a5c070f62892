"""The portal's URLs plus /bench/bare/: a view that does nothing, through the same middleware,
as the yardstick of bench/load.py."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), path("", include("huanghe_portal.urls"))]
