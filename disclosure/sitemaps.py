from django.contrib.sitemaps import Sitemap

from . import selectors


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return selectors.items_published().order_by("pk")

    def location(self, item) -> str:
        return item.get_public_url()

    def lastmod(self, item):
        return item.updated_at


sitemaps = {"disclosure": ItemSitemap}
