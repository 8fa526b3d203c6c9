"""The sitemap: an index of sections, each section in pages, every URL on the site's
canonical address."""

from django.conf import settings
from django.contrib import sitemaps
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.template.response import TemplateResponse
from django.urls import reverse

from core.pages import absolute_url


class Sitemap(sitemaps.Sitemap):
    """Django's sitemap section with each `<loc>` on `SITE_URL`, as the pages' canonical links
    are. Django's own takes the host and scheme the request came by, so a sitemap fetched
    under another name the site answers to (`ALLOWED_HOSTS`), or over plain HTTP behind a
    proxy, listed URLs whose pages name another URL as canonical."""

    # A page of a section is one response: small enough to render in well under a second,
    # a fifth of the protocol's 50,000 URLs a file.
    limit = 10_000

    @property
    def protocol(self) -> str:
        return settings.SITE_URL.split("://", 1)[0]

    def get_domain(self, site=None) -> str:
        # With the path SITE_URL may have, so that an entry is SITE_URL plus the page's path.
        return settings.SITE_URL.split("://", 1)[1]


@x_robots_tag
def index(request, sitemaps: dict, section_url_name: str):
    """The sitemap index: every page of every section (`?p=2` on). As Django's
    (`django.contrib.sitemaps.views.index`), but on `SITE_URL`, where Django's names the
    pages on the host the request came by; with no dates, which Django's reads from every
    item of every section (a million quotes) to find the latest."""
    entries = []
    for section, site in sitemaps.items():
        site = site() if callable(site) else site
        location = absolute_url(reverse(section_url_name, kwargs={"section": section}))
        entries.append(SitemapIndexItem(location))
        pages = range(2, site.paginator.num_pages + 1)
        entries += [SitemapIndexItem(f"{location}?p={page}") for page in pages]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
