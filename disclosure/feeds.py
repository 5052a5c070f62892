"""Atom feeds of the published catalogue, one per category and one for everything."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from huanghe_portal.models import Township

from . import selectors


class ItemFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, code: str | None = None) -> dict | None:
        return selectors.public_category(code) if code else None

    def title(self, category: dict | None) -> str:
        name = Township.current().government_name
        if category is None:
            return _("%(name)s政府信息公开") % {"name": name}
        return _("%(name)s政府信息公开：%(category)s") % {
            "name": name,
            "category": category["name"],
        }

    def link(self, category: dict | None) -> str:
        if category is None:
            return reverse("disclosure:public-catalogue")
        return category["url"]

    def subtitle(self, category: dict | None) -> str:
        return _("主动公开的政府信息")

    def items(self, category: dict | None):
        qs = selectors.items_published()
        if category is not None:
            qs = qs.filter(category_id__in=category["descendants"])
        return qs.order_by("-published_at", "-pk")[:30]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary or item.body[:200]

    def item_link(self, item) -> str:
        return item.get_public_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
