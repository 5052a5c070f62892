"""sitemap.xml: the public pages; each area adds its published records through `<app>/sitemaps.py`."""

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPagesSitemap(Sitemap[str]):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["home"]

    def location(self, item: str) -> str:
        return reverse(item)


sitemaps: dict[str, type[Sitemap[Any]]] = {"pages": StaticPagesSitemap}
for _app in settings.AREA_APPS:
    if find_spec(f"{_app}.sitemaps") is not None:
        sitemaps.update(import_module(f"{_app}.sitemaps").sitemaps)
