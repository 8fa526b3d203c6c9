"""The sitemap as a crawler reads it: the index, then every page of every section it lists."""

from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from cms.urls import sitemaps

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# The index and each section's first page: every URL of a test's small site.
SITEMAP_URLS = ["/sitemap.xml", *(f"/sitemap-{section}.xml" for section in sitemaps)]


def sitemap_pages(client) -> list[str]:
    """The path (and `?p=`) of every page the index lists."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ET.fromstring(response.content)
    assert index.tag == f"{NS}sitemapindex"
    pages = []
    for loc in index.iter(f"{NS}loc"):
        parts = urlsplit(loc.text)
        pages.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def sitemap_documents(client) -> list[bytes]:
    documents = []
    for page in sitemap_pages(client):
        response = client.get(page)
        assert response.status_code == 200, page
        documents.append(response.content)
    return documents


def whole_sitemap(client) -> str:
    """Every page of the sitemap, joined: for tests that look for one URL or date in it."""
    return "\n".join(document.decode() for document in sitemap_documents(client))


def sitemap_entries(client) -> list[ET.Element]:
    """Every `<url>` element of every page."""
    return [
        url
        for document in sitemap_documents(client)
        for url in ET.fromstring(document).iter(f"{NS}url")
    ]
