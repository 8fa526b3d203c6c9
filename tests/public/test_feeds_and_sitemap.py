"""Feeds and the sitemap are well-formed XML listing exactly what is public."""

import xml.etree.ElementTree as ET

import pytest

from articles.models import Author, Section, Tag
from quotes.models import Character, Film, Outlet, Person, Quote, Source
from tests.factories import CorrectionFactory
from tests.sitemaps import sitemap_entries

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse(client, url) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


def test_article_rss_feed(client, demo):
    root = parse(client, "/articles/feed/")
    assert root.tag == "rss"
    items = root.findall("./channel/item")
    assert [item.findtext("title") for item in items] == [demo.title]
    assert items[0].findtext("link").endswith(demo.get_absolute_url())
    assert items[0].findtext("pubDate")


def test_article_atom_feed(client, demo):
    root = parse(client, "/articles/feed/atom/")
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [demo.title]
    assert entries[0].findtext(f"{ATOM}updated")


def test_quote_feeds_all_per_person_and_per_film(client, demo):
    public = Quote.objects.published()
    everything = parse(client, "/quotes/feed/").findall("./channel/item")
    assert len(everything) == public.count()
    wiseman = parse(client, "/people/len-wiseman/feed/").findall("./channel/item")
    assert len(wiseman) == public.filter(speaker_person__slug="len-wiseman").count() == 8
    assert all(item.findtext("title").startswith("Len Wiseman: “") for item in wiseman)
    assert "via ActioNewz.com" in wiseman[0].findtext("description")
    ballerina = parse(client, "/films/ballerina/feed/").findall("./channel/item")
    assert len(ballerina) == 10
    assert client.get("/people/nobody/feed/").status_code == 404


def test_sitemap_lists_every_public_page_with_its_last_modified_date(client, demo):
    entries = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in sitemap_entries(client)
    }
    paths = {loc.split("://", 1)[1].split("/", 1)[1] for loc in entries}
    expected = {"", "articles/", "quotes/", "corrections/", demo.get_absolute_url().lstrip("/")}
    for model in (Person, Character, Film, Outlet, Source, Section, Author):
        expected |= {obj.get_absolute_url().lstrip("/") for obj in model.objects.all()}
    expected |= {q.get_absolute_url().lstrip("/") for q in Quote.objects.published()}
    expected |= {tag.get_absolute_url().lstrip("/") for tag in Tag.objects.published()}
    assert {"sections/film/", "tags/ballerina/", "authors/quote-desk-staff/"} <= expected
    assert paths == expected
    assert all(lastmod for lastmod in entries.values())


FEEDS = [
    "/articles/feed/",
    "/articles/feed/atom/",
    "/sections/film/feed/",
    "/tags/ballerina/feed/",
    "/authors/quote-desk-staff/feed/",
    "/corrections/feed/",
    "/quotes/feed/",
    "/people/len-wiseman/feed/",
    "/films/ballerina/feed/",
]


def feed_links(root: ET.Element) -> list[str]:
    """Every URL a feed gives: its channel's link and its own, and each item's link and id."""
    if root.tag == "rss":
        channel = root.find("channel")
        links = [channel.findtext("link"), channel.find(f"{ATOM}link").get("href")]
        for item in channel.findall("item"):
            links += [item.findtext("link"), item.findtext("guid")]
        return links
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    return links + [element.text for element in root.iter(f"{ATOM}id")]


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_link_to_the_canonical_address_whatever_host_was_asked(client, demo, url, settings):
    """A feed read under another name the site answers to, or over plain HTTP behind a
    proxy, still links the pages' canonical URLs (`SITE_URL`), as their pages do."""
    settings.SITE_URL = "https://desk.example.com"
    CorrectionFactory(article=demo)
    links = feed_links(parse(client, url))
    assert len(links) > 3
    own = [link for link in links if not link.startswith("correction-")]  # a guid, not a URL
    assert all(link.startswith("https://desk.example.com/") for link in own), links
    assert f"https://desk.example.com{url}" in links


def test_sitemap_lists_the_canonical_address_whatever_host_was_asked(client, demo, settings):
    settings.SITE_URL = "https://desk.example.com"
    index = parse(client, "/sitemap.xml")
    pages = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert "https://desk.example.com/sitemap-quotes.xml" in pages
    assert all(page.startswith("https://desk.example.com/sitemap-") for page in pages), pages
    entries = sitemap_entries(client)
    locs = [url.findtext(f"{SITEMAP}loc") for url in entries]
    assert len(locs) > 20
    assert all(loc.startswith("https://desk.example.com/") for loc in locs), locs
    images = [
        image.text
        for url in entries
        for image in url.iter("{http://www.google.com/schemas/sitemap-image/1.1}loc")
    ]
    assert images and all(image.startswith("https://desk.example.com/") for image in images)


def test_a_quote_feed_changes_its_last_modified_when_an_embargo_lifts(client, db):
    """A quote approved with a story scheduled for later becomes public with no write: the
    feed's Last-Modified (the latest item date) must move then, or a reader asking
    If-Modified-Since is told nothing changed."""
    from datetime import timedelta

    from django.utils import timezone
    from django.utils.http import http_date

    from tests.factories import QuoteFactory

    QuoteFactory(state="approved")
    embargoed = QuoteFactory(state="approved")
    yesterday = timezone.now() - timedelta(days=1)
    Quote.objects.update(created_at=yesterday, updated_at=yesterday)
    lifts = timezone.now() + timedelta(hours=1)
    Quote.objects.filter(pk=embargoed.pk).update(public_from=lifts)
    before = client.get("/quotes/feed/")
    assert f"/quotes/{embargoed.pk}/" not in before.content.decode()
    seen = before["Last-Modified"]
    Quote.objects.filter(pk=embargoed.pk).update(public_from=timezone.now())
    after = client.get("/quotes/feed/", HTTP_IF_MODIFIED_SINCE=seen)
    assert after.status_code == 200
    assert f"/quotes/{embargoed.pk}/" in after.content.decode()
    assert after["Last-Modified"] != seen
    assert after["Last-Modified"] == http_date(
        Quote.objects.get(pk=embargoed.pk).public_from.timestamp()
    )


def test_a_quote_whose_embargo_lifts_leads_the_feed_though_many_newer_were_created(client, db):
    """The feed lists quotes by when they became public: a quote approved with a story
    scheduled for later, created before a full feed of newer quotes, is news when its
    embargo lifts and must lead the feed then, not stay buried at its creation date."""
    from datetime import timedelta

    from django.utils import timezone

    from quotes.feeds import FEED_SIZE
    from tests.factories import QuoteFactory

    embargoed = QuoteFactory(state="approved")
    newer = [QuoteFactory(state="approved") for _ in range(FEED_SIZE + 2)]
    now = timezone.now()
    Quote.objects.filter(pk=embargoed.pk).update(
        created_at=now - timedelta(days=3), public_from=now - timedelta(minutes=1)
    )
    Quote.objects.filter(pk__in=[q.pk for q in newer]).update(created_at=now - timedelta(days=2))
    links = [item.findtext("link") for item in parse(client, "/quotes/feed/").iter("item")]
    assert len(links) == FEED_SIZE
    assert links[0].endswith(f"/quotes/{embargoed.pk}/")
    # Still embargoed, it is nowhere in the feed.
    Quote.objects.filter(pk=embargoed.pk).update(public_from=now + timedelta(hours=1))
    links = [item.findtext("link") for item in parse(client, "/quotes/feed/").iter("item")]
    assert not any(link.endswith(f"/quotes/{embargoed.pk}/") for link in links)


def test_the_sitemap_is_an_index_of_pages_each_within_its_limit(client, db, settings, monkeypatch):
    """Past a page's limit a section goes on in pages (`?p=2`) that the index lists, so no
    file breaks the protocol's 50,000 URLs and no record is left out at scale. A section of
    records in id order is paged by id ranges (`core.sitemaps.IdRangePaginator`): a record
    keeps its page as others come, and no page counts the section or skips rows to reach it."""
    from math import ceil

    from core.sitemaps import Sitemap
    from tests.factories import QuoteFactory

    settings.SITE_URL = "https://desk.example.com"
    quotes = [QuoteFactory(state="approved") for _ in range(5)]
    hidden = QuoteFactory(state="pending")
    monkeypatch.setattr(Sitemap, "limit", 2)
    index = parse(client, "/sitemap.xml")
    pages = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    quote_pages = [page for page in pages if "/sitemap-quotes.xml" in page]
    last = ceil(quotes[-1].pk / 2)
    assert quote_pages == [
        "https://desk.example.com/sitemap-quotes.xml",
        *(f"https://desk.example.com/sitemap-quotes.xml?p={n}" for n in range(2, last + 1)),
    ]
    listed = [
        url.findtext(f"{SITEMAP}loc")
        for n in range(1, last + 1)
        for url in parse(client, f"/sitemap-quotes.xml?p={n}").iter(f"{SITEMAP}url")
    ]
    assert listed == [f"https://desk.example.com{q.get_absolute_url()}" for q in quotes]
    assert f"/quotes/{hidden.pk}/" not in "".join(listed)
    assert all(
        len(list(parse(client, f"/sitemap-quotes.xml?p={n}").iter(f"{SITEMAP}url"))) <= 2
        for n in range(1, last + 1)
    )
    for page in [last + 1, 0, "x", "２", " 2", "1_0", "9" * 30]:
        assert client.get("/sitemap-quotes.xml", {"p": page}).status_code == 404, page
    assert client.get("/sitemap-nothing.xml").status_code == 404
