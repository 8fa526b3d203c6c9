"""Every public page, list, feed and the sitemap runs a fixed number of queries, whatever the
size of what it shows and however long its sources' via chains: each page is built at two
sizes (and chain depths) and must run the same count."""

import datetime as dt

import pytest

from quotes.models import Credit
from tests.factories import (
    ArticleFactory,
    BoxOfficeFigureFactory,
    CharacterFactory,
    CreditFactory,
    FeaturedQuoteFactory,
    FilmFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
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
        article = ArticleFactory(title=f"Searchable article {n}")
        article.films.add(film, other_film)
        article.people.add(person)
        article.sources.add(source)
        FeaturedQuoteFactory(article=article, quote=parent, position=0)
        FeaturedQuoteFactory(article=article, quote=quote, position=1)
        CreditFactory(film=film, person=PersonFactory(name=f"Searchable crew {n}"))
        CreditFactory(film=FilmFactory(), person=person, role=Credit.Role.CAST, character=character)
        BoxOfficeFigureFactory(film=film, as_of=dt.date(2025, 6, n + 1), source=source)
        SourceFactory(outlet=outlet, via=source)
    big_article = ArticleFactory(slug="the-article")
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
        "person": person.get_absolute_url(),
        "character": character.get_absolute_url(),
        "film": film.get_absolute_url(),
        "outlet": outlet.get_absolute_url(),
        "source": source.get_absolute_url(),
        "search": "/search/?q=searchable",
        "search one kind": "/search/?q=searchable&type=quotes",
        "article feed": "/articles/feed/",
        "quote feed": "/quotes/feed/",
        "person feed": "/people/the-person/feed/",
        "film feed": "/films/the-film/feed/",
        "sitemap": "/sitemap.xml",
    }


# Each count of a page that shows content includes the next scheduled change, which caps how
# long a shared cache may keep it (core.surrogate). A list of quotes costs three queries (rows,
# their films, one recursive query for every relay of their sources).
EXPECTED = {
    "home": 6,  # latest articles, featured quote (+ films, chain), films, next scheduled change
    "articles": 3,
    "article": 8,
    "quotes": 10,
    "quotes filtered": 13,  # searching quotes first reads the ids of rare words' matches
    "quote": 8,  # quote (+ films, chains of it and its parent), nested (+ 2), articles
    "person": 8,
    "character": 7,
    "film": 9,
    "outlet": 4,
    "source": 9,
    "search": 15,  # per kind: the newest ids, their ranking, the best rows (+ quote prefetches)
    "search one kind": 6,
    "article feed": 2,
    "quote feed": 4,
    "person feed": 5,
    "film feed": 5,
    "sitemap": 16,
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_query_count_is_fixed(client, django_assert_num_queries, page, size):
    url = build(size)[page]
    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(url)
    assert response.status_code == 200
