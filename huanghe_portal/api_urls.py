"""The single /api/v1/ router. Each area adds its viewsets in `<app>/api/urls.py` through
`register(router)` and may add plain paths in `urlpatterns`."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.urls import URLPattern, URLResolver, path
from rest_framework.routers import DefaultRouter

from .api import views

app_name = "api"

router = DefaultRouter()
router.register("villages", views.VillageViewSet, basename="village")
router.register("holidays", views.HolidayViewSet, basename="holiday")

extra_patterns: list[URLPattern | URLResolver] = []
for app in settings.AREA_APPS:
    if find_spec(f"{app}.api.urls") is None:
        continue
    module = import_module(f"{app}.api.urls")
    if hasattr(module, "register"):
        module.register(router)
    extra_patterns += getattr(module, "urlpatterns", [])

urlpatterns = [
    path("workdays/", views.workdays_view, name="workdays"),
    path("public/track/<str:tracking_code>/", views.public_track_view, name="public-track"),
    *extra_patterns,
    *router.urls,
]
