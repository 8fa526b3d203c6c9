"""Nothing unpublished reaches a reader: not on a page, a list, a search, a feed or the sitemap.

One of each kind of unpublished item is created with a unique marker word, tied to the demo's
film, person, source and article so that any leak would show, and every public URL is searched
for the marker.
"""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article, Author, Section, Tag
from quotes.models import Film, Person, Quote, Source
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    CorrectionFactory,
    FeaturedQuoteFactory,
    QuoteFactory,
    TagFactory,
)
from tests.sitemaps import SITEMAP_URLS, whole_sitemap

pytestmark = pytest.mark.django_db

MARKER = "zyxqmarker"
# Each item's text is the marker then a word of its own; a search page echoing the query
# (in its title and search box) shows the marker alone.
LEAK = re.compile(
    MARKER
    + r"(</mark>)?\s+(pending|rejected|nested|draft|review|scheduled|archived|standfirst|body"
    + r"|correction|tag)"
)


@pytest.fixture
def unpublished(demo):
    wiseman = Person.objects.get(slug="len-wiseman")
    ballerina = Film.objects.get(slug="ballerina")
    interview = Source.objects.get(outlet__slug="entertainment-weekly")
    parent_quote = Quote.objects.get(text__startswith="The Chancellor relates")
    items = []
    for state in ("pending", "rejected"):
        quote = QuoteFactory(
            text=f"{MARKER} {state} quote", speaker_person=wiseman, source=interview, state=state
        )
        quote.films.add(ballerina)
        FeaturedQuoteFactory(article=demo, quote=quote, position=99)
        CorrectionFactory(article=None, quote=quote, text=f"{MARKER} correction of a quote")
        items.append(quote)
    pending_parent = items[0]
    orphan = QuoteFactory(
        text=f"{MARKER} nested in a pending quote",
        speaker_person=wiseman,
        source=interview,
        parent=pending_parent,
    )
    orphan.films.add(ballerina)
    items.append(orphan)
    # An approved line nested in an approved quote is public: the control for the test.
    QuoteFactory(text="Published nested control line", source=interview, parent=parent_quote)
    future = timezone.now() + dt.timedelta(days=2)
    film = Section.objects.get(slug="film")
    desk = Author.objects.get(slug="quote-desk-staff")
    secret_tag = TagFactory(name=f"{MARKER} tag", slug="secret-tag")
    for status, published_at in [
        ("draft", None),
        ("review", None),
        ("scheduled", future),
        ("archived", timezone.now() - dt.timedelta(days=3)),
    ]:
        article = ArticleFactory(
            title=f"{MARKER} {status} article",
            standfirst=f"{MARKER} standfirst",
            body=f"{MARKER} body",
            status=status,
            published_at=published_at,
            section=film,
        )
        article.tags.add(secret_tag, *Tag.objects.filter(slug__in=["ballerina", "john-wick"]))
        BylineFactory(article=article, author=desk)
        CorrectionFactory(article=article, text=f"{MARKER} correction of an article")
        article.films.add(ballerina)
        article.people.add(wiseman)
        article.sources.add(interview)
        FeaturedQuoteFactory(article=article, quote=parent_quote)
        items.append(article)
    return items


def public_urls(demo) -> list[str]:
    interview = Source.objects.get(outlet__slug="entertainment-weekly")
    relay = Source.objects.get(outlet__slug="actionewz")
    parent_quote = Quote.objects.get(text__startswith="The Chancellor relates")
    return [
        "/",
        "/articles/",
        demo.get_absolute_url(),
        "/quotes/",
        "/quotes/?speaker=len-wiseman",
        "/quotes/?film=ballerina",
        f"/quotes/?search={MARKER}",
        f"/quotes/?article={demo.slug}",
        parent_quote.get_absolute_url(),
        "/people/len-wiseman/",
        "/films/ballerina/",
        "/characters/the-chancellor/",
        "/outlets/entertainment-weekly/",
        interview.get_absolute_url(),
        relay.get_absolute_url(),
        f"/search/?q={MARKER}",
        f"/search/?q={MARKER}&type=articles",
        f"/search/?q={MARKER}&type=quotes",
        "/articles/feed/",
        "/articles/feed/atom/",
        "/quotes/feed/",
        "/people/len-wiseman/feed/",
        "/films/ballerina/feed/",
        *SITEMAP_URLS,
        "/sections/film/",
        "/sections/film/feed/",
        "/tags/ballerina/",
        "/tags/ballerina/feed/",
        "/tags/john-wick/",
        "/authors/quote-desk-staff/",
        "/authors/quote-desk-staff/feed/",
        "/corrections/",
        "/corrections/feed/",
        "/api/v1/tags/",
        "/api/v1/articles/?section=film",
        "/api/v1/articles/?tag=ballerina",
        "/api/v1/articles/?author=quote-desk-staff",
    ]


def test_no_unpublished_item_appears_anywhere(client, demo, unpublished):
    assert all(LEAK.search(str(item)) for item in unpublished)  # the detector works
    for url in public_urls(demo):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not LEAK.search(response.content.decode()), url


def test_unpublished_items_have_no_page_and_no_sitemap_entry(client, demo, unpublished):
    sitemap = whole_sitemap(client)
    for item in unpublished:
        url = item.get_absolute_url()
        assert client.get(url).status_code == 404, url
        assert f"{url}</loc>" not in sitemap, url


def test_the_control_line_nested_in_a_published_quote_is_public(client, demo, unpublished):
    parent_quote = Quote.objects.get(text__startswith="The Chancellor relates")
    assert (
        "Published nested control line"
        in client.get(parent_quote.get_absolute_url()).content.decode()
    )


def test_a_tag_only_unpublished_articles_carry_has_no_page_feed_or_api_entry(
    client, demo, unpublished
):
    assert client.get("/tags/secret-tag/").status_code == 404
    assert client.get("/tags/secret-tag/feed/").status_code == 404
    assert client.get("/api/v1/tags/secret-tag/").status_code == 404
    # As unknown to a reader as a misspelt tag: the filter refuses it rather than answering
    # an empty list that would say it exists.
    assert client.get("/api/v1/articles/?tag=secret-tag").status_code == 400


def test_random_quote_never_lands_on_an_unpublished_quote(client, demo, unpublished):
    hidden = {item.get_absolute_url() for item in unpublished if isinstance(item, Quote)}
    for _ in range(30):
        assert client.get("/quotes/random/")["Location"] not in hidden


def test_a_scheduled_article_appears_when_its_time_comes(client, db):
    article = ArticleFactory(
        title=f"{MARKER} soon", status=Article.Status.SCHEDULED, published_at=timezone.now()
    )
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert MARKER not in client.get("/").content.decode()
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - dt.timedelta(minutes=1)
    )
    # The hour passes: the server-side cache kept the home page at most until then.
    cache.clear()
    assert MARKER in client.get("/").content.decode()
