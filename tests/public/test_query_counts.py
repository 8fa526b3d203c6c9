"""Every public page, list, feed and the sitemap runs a fixed number of queries, whatever the
size of what it shows and however long its sources' via chains: each page is built at two
sizes (and chain depths) and must run the same count."""

import datetime as dt

import pytest
from django.db import connection

from quotes.models import Credit
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BoxOfficeFigureFactory,
    BylineFactory,
    CharacterFactory,
    CorrectionFactory,
    CreditFactory,
    FeaturedQuoteFactory,
    FilmFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

SIZES = [2, 7]


def relay_chain(length: int):
    """A source that reached us through `length - 1` more relays: a via chain of `length`."""
    relay = None
    for n in range(length):
        relay = SourceFactory(outlet=OutletFactory(), title=f"relay {n}", via=relay)
    return relay


def build(size: int) -> dict[str, str]:
    """One of everything, each holding `size` of what its page lists, the sources' via chains
    `size` relays long. Returns the URLs."""
    outlet = OutletFactory(slug="the-outlet")
    relay = relay_chain(size)
    source = SourceFactory(outlet=outlet, via=relay, title="interview")
    person = PersonFactory(slug="the-person", name="Searchable Person")
    character = CharacterFactory(slug="the-character")
    film = FilmFactory(slug="the-film", title="Searchable Film")
    parent = QuoteFactory(speaker_person=person, source=source, text="Searchable parent")
    parent.films.add(film)
    section = SectionFactory(slug="the-section")
    tag = TagFactory(slug="the-tag")
    author = AuthorFactory(slug="the-author")
    SectionFactory.create_batch(size)
    for n in range(size):
        other_film = FilmFactory(title=f"Searchable film {n}")
        quote = QuoteFactory(
            speaker_person=person,
            source=SourceFactory(outlet=outlet, via=relay),
            text=f"Searchable quote {n}",
            said_on=dt.date(2025, 1, n + 1),
        )
        quote.films.add(film, other_film)
        nested = QuoteFactory(
            speaker_person=None, speaker_character=character, source=source, parent=parent
        )
        nested.films.add(film)
        article = ArticleFactory(title=f"Searchable article {n}", section=section)
        article.tags.add(tag, TagFactory())
        BylineFactory(article=article, author=author, position=0)
        BylineFactory(article=article, position=1)
        CorrectionFactory(article=article)
        CorrectionFactory(article=None, quote=quote)
        article.films.add(film, other_film)
        article.people.add(person)
        article.sources.add(source)
        FeaturedQuoteFactory(article=article, quote=parent, position=0)
        FeaturedQuoteFactory(article=article, quote=quote, position=1)
        CreditFactory(film=film, person=PersonFactory(name=f"Searchable crew {n}"))
        CreditFactory(film=FilmFactory(), person=person, role=Credit.Role.CAST, character=character)
        BoxOfficeFigureFactory(film=film, as_of=dt.date(2025, 6, n + 1), source=source)
        SourceFactory(outlet=outlet, via=source)
    big_article = ArticleFactory(slug="the-article", section=section)
    big_article.tags.add(tag, *TagFactory.create_batch(size))
    big_article.films.add(film)
    for position in range(size):
        BylineFactory(article=big_article, position=position)
        CorrectionFactory(article=big_article)
        CorrectionFactory(article=None, quote=parent)
    for quote in QuoteFactory.create_batch(size):
        quote.films.add(film)
        FeaturedQuoteFactory(article=big_article, quote=quote)
    big_article.films.add(*FilmFactory.create_batch(size))
    big_article.people.add(*PersonFactory.create_batch(size))
    big_article.sources.add(*SourceFactory.create_batch(size))
    return {
        "home": "/",
        "articles": "/articles/",
        "article": big_article.get_absolute_url(),
        "quotes": "/quotes/",
        "quotes filtered": "/quotes/?speaker=the-person&film=the-film&search=searchable",
        "quote": parent.get_absolute_url(),
        "quote embed": f"/quotes/{parent.pk}/embed/",
        "oembed": f"/oembed?url=http://testserver/quotes/{parent.pk}/&format=json",
        "person": person.get_absolute_url(),
        "character": character.get_absolute_url(),
        "film": film.get_absolute_url(),
        "outlet": outlet.get_absolute_url(),
        "source": source.get_absolute_url(),
        "search": "/search/?q=searchable",
        "search one kind": "/search/?q=searchable&type=quotes",
        "section": "/sections/the-section/",
        "tag": "/tags/the-tag/",
        "author": "/authors/the-author/",
        "corrections": "/corrections/",
        "article feed": "/articles/feed/",
        "section feed": "/sections/the-section/feed/",
        "tag feed": "/tags/the-tag/feed/",
        "author feed": "/authors/the-author/feed/",
        "corrections feed": "/corrections/feed/",
        "quote feed": "/quotes/feed/",
        "person feed": "/people/the-person/feed/",
        "film feed": "/films/the-film/feed/",
        "sitemap": "/sitemap.xml",
        "sitemap quotes": "/sitemap-quotes.xml",
        "sitemap articles": "/sitemap-articles.xml",
        "sitemap films": "/sitemap-films.xml",
        "sitemap sources": "/sitemap-sources.xml",
    }


# Each count of a page that shows content includes the next scheduled change, which caps how
# long a shared cache may keep it (core.surrogate). A list of quotes costs two queries (rows,
# one recursive query for every relay of their sources), and two more when it shows a
# character's line: the films of those lines and the characters' cast credits (the card names
# the actor and the film of a credit in one of the line's films). A card does not show its
# films; a quote's own page reads them. A record's page of quotes reads the page's ids, then its
# rows (quotes.views.common.record_quote_cards).
# On PostgreSQL, the public sources and relays of an outlet or a source page are planned once
# (core.compiled.planned_once): the setting before, and back after, in the test's transaction.
PLANNED_ONCE = 2 if connection.vendor == "postgresql" else 0

EXPECTED = {
    # Every HTML page reads the navigation's sections (one query); every list of articles
    # reads their bylines with their authors (one query for the page).
    "home": 7,  # latest articles (+ bylines), featured quote (+ chain), films, nav, next
    "articles": 5,
    # article (with section), featured quotes (+ chains), films, people, sources, bylines, tags,
    # corrections, related reading (shared links, public candidates), nav, next scheduled
    # change
    "article": 13,
    "quotes": 12,
    "quotes filtered": 13,  # searching quotes first reads the ids of rare words' matches
    # quote (+ its chain, its films), nested (+ chains, and the characters' lines' films and
    # cast credits), articles (+ bylines), corrections, nav, next scheduled change
    "quote": 12,
    # The quote (with speaker, source, outlet), its chain (the card's only), next scheduled
    # change.
    "quote embed": 3,
    "oembed": 2,
    "person": 10,
    "character": 10,
    "film": 13,
    # the outlet, the page's count and sources, their public relays, whether its two quote
    # lists hold anything, nav, next scheduled change
    "outlet": 7 + PLANNED_ONCE,  # its sources, their count and relays planned once
    "source": 12 + PLANNED_ONCE,  # its relays read as the outlet's sources' are
    "section": 6,  # the section, the page's count and rows, bylines, nav, next scheduled change
    "tag": 6,
    "author": 6,
    "corrections": 4,  # count, rows (with article or quote), nav, next
    "search": 16,  # per kind: the newest ids, their ranking, the best rows (+ quote prefetches)
    "search one kind": 6,
    "article feed": 4,  # articles, bylines, corrections, next scheduled change
    "section feed": 5,  # the section, then as the article feed
    "tag feed": 5,
    "author feed": 5,
    "corrections feed": 2,
    "quote feed": 6,  # the newest by creation and by embargo lifted, then as a list
    "person feed": 5,
    "film feed": 7,
    # The index counts the records of each section but the fixed pages (ten), then the next
    # scheduled change. A page counts its section, reads its rows, then the next change.
    "sitemap": 11,
    "sitemap quotes": 3,
    "sitemap articles": 3,
    "sitemap films": 3,
    "sitemap sources": 3,
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_query_count_is_fixed(client, django_assert_num_queries, page, size):
    url = build(size)[page]
    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(url)
    assert response.status_code == 200
