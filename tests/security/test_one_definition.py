"""What is public is decided by the `published()` querysets and nowhere else.

Each test makes `published()` hide one more record, for a reason no SQL or cache elsewhere
could know (its id), and crawls every page, feed, sitemap, search and API answer an anonymous
reader can reach: the record must be gone from all of them, and its own URLs must be 404s.
"""

import pytest

from articles.models import Article
from articles.querysets import ArticleQuerySet
from core import compiled
from quotes.models import Quote
from quotes.querysets import QuoteQuerySet
from tests.security.test_no_leaks import ADDRESSES, crawl
from tests.sitemaps import SITEMAP_URLS

pytestmark = pytest.mark.django_db

MARKER = "ZQXHIDDENBYRULE"
# Also in the hidden record's text: searched for, so the search's echo carries no marker.
WORD = "quixotically"


def hide(monkeypatch, queryset_class, pk: int) -> None:
    original = queryset_class.published

    def published(self):
        return original(self).exclude(pk=pk)

    monkeypatch.setattr(queryset_class, "published", published)
    # Rules compiled from now on see the patched one; none outlives the test (core.compiled).
    monkeypatch.setattr(compiled, "statements", {})


def seeds(*extra: str) -> list[str]:
    return [
        "/",
        "/articles/",
        "/quotes/",
        *SITEMAP_URLS,
        "/articles/feed/",
        "/articles/feed/atom/",
        "/quotes/feed/",
        "/api/v1/",
        "/api/v1/quotes/",
        "/api/v1/articles/",
        "/api/v1/sources/",
        "/api/v1/quotes/random/?count=50",
        f"/search/?q={WORD}",
        f"/search/?q={WORD}&type=quotes",
        f"/search/?q={WORD}&type=articles",
        f"/api/v1/quotes/?search={WORD}",
        f"/api/v1/articles/?search={WORD}",
        *extra,
    ]


def leaks(pages: dict[str, str]) -> dict[str, str]:
    return {url: body[max(0, body.find(MARKER) - 80) : body.find(MARKER) + 40]
            for url, body in pages.items() if MARKER in body}  # fmt: skip


def test_a_quote_published_hides_is_gone_from_every_answer(client, demo, monkeypatch):
    quote = next(
        q
        for q in Quote.objects.published().filter(featurings__article=demo, parent__isnull=True)
        if not q.nested_quotes.exists()
    )
    Quote.objects.filter(pk=quote.pk).update(text=f"{quote.text} {WORD} {MARKER}")
    speaker = quote.speaker_person or quote.speaker_character
    film = quote.films.first()
    # Visible before: the crawl finds it.
    before = crawl(client, seeds())
    assert leaks(before), "the quote was not reachable before it was hidden"

    hide(monkeypatch, QuoteQuerySet, quote.pk)
    extra = [
        speaker.get_absolute_url(),
        film.get_absolute_url(),
        f"{film.get_absolute_url()}feed/",
        quote.source.get_absolute_url(),
        demo.get_absolute_url(),
        f"/api/v1/articles/{demo.pk}/",
        f"/api/v1/sources/{quote.source_id}/",
    ]
    pages = crawl(client, seeds(*extra))
    assert not leaks(pages), leaks(pages)
    for url in [quote.get_absolute_url(), f"/api/v1/quotes/{quote.pk}/"]:
        assert client.get(url, **next(ADDRESSES)).status_code == 404, url
    assert quote.get_absolute_url() not in pages["/sitemap-quotes.xml"]


def test_an_article_published_hides_is_gone_from_every_answer(client, demo, monkeypatch):
    Article.objects.filter(pk=demo.pk).update(title=f"{demo.title} {WORD} {MARKER}")
    before = crawl(client, seeds())
    assert leaks(before), "the article was not reachable before it was hidden"

    hide(monkeypatch, ArticleQuerySet, demo.pk)
    quote = demo.featured_quotes.first().quote
    extra = [
        quote.get_absolute_url(),
        *(person.get_absolute_url() for person in demo.people.all()),
        *(film.get_absolute_url() for film in demo.films.all()),
        *(source.get_absolute_url() for source in demo.sources.all()),
        f"/api/v1/quotes/{quote.pk}/",
    ]
    pages = crawl(client, seeds(*extra))
    assert not leaks(pages), leaks(pages)
    for url in [demo.get_absolute_url(), f"/api/v1/articles/{demo.pk}/"]:
        assert client.get(url, **next(ADDRESSES)).status_code == 404, url
    assert demo.get_absolute_url() not in pages["/sitemap.xml"]
