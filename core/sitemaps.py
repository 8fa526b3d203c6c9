"""The sitemap sections' base: every URL on the site's canonical address."""

from django.conf import settings
from django.contrib import sitemaps


class Sitemap(sitemaps.Sitemap):
    """Django's sitemap section with each `<loc>` on `SITE_URL`, as the pages' canonical links
    are. Django's own takes the host and scheme the request came by, so a sitemap fetched
    under another name the site answers to (`ALLOWED_HOSTS`), or over plain HTTP behind a
    proxy, listed URLs whose pages name another URL as canonical."""

    @property
    def protocol(self) -> str:
        return settings.SITE_URL.split("://", 1)[0]

    def get_domain(self, site=None) -> str:
        # With the path SITE_URL may have, so that an entry is SITE_URL plus the page's path.
        return settings.SITE_URL.split("://", 1)[1]
