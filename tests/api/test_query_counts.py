"""A list costs the same number of queries whatever the page holds."""

import pytest

from tests.api.world import build_world
from tests.factories import (
    BylineFactory,
    CorrectionFactory,
    FeaturedQuoteFactory,
    QuoteFactory,
    SourceFactory,
    TagFactory,
)

LISTS = [
    "/api/v1/quotes/",
    "/api/v1/quotes/random/?count=50",
    "/api/v1/people/",
    "/api/v1/characters/",
    "/api/v1/films/",
    "/api/v1/franchises/",
    "/api/v1/outlets/",
    "/api/v1/sources/",
    "/api/v1/articles/",
    "/api/v1/quotes/?status=unverified",
    "/api/v1/films/?franchise=wick",
    "/api/v1/articles/?published_after=1900-01-01T00:00:00Z",
    "/api/v1/articles/?section=film&tag=wick&author=ann",
    "/api/v1/sections/",
    "/api/v1/tags/",
    "/api/v1/authors/",
]


def grow(world, n: int):
    """More rows of every kind, with via chains as long as the list query joins (four
    sources) and nested quotes."""
    from tests.factories import (
        ArticleFactory,
        AuthorFactory,
        BylineFactory,
        CharacterFactory,
        CorrectionFactory,
        FilmFactory,
        FranchiseFactory,
        OutletFactory,
        PersonFactory,
        SectionFactory,
        TagFactory,
    )

    for _ in range(n):
        quote = QuoteFactory(source=chain(4))
        quote.films.set([world.ballet, world.other_film])
        QuoteFactory(parent=quote, speaker_person=None, speaker_character=world.eve)
        PersonFactory()
        CharacterFactory(franchise=world.wick)
        FilmFactory(franchise=world.wick)
        FranchiseFactory()
        OutletFactory()
        article = ArticleFactory(section=world.film)
        FeaturedQuoteFactory(article=article, quote=quote)
        article.tags.add(world.t_wick, TagFactory())
        BylineFactory(article=article, author=world.ann, position=0)
        BylineFactory(article=article, author=AuthorFactory(), position=1)
        CorrectionFactory(article=article)
        SectionFactory()


def chain(length: int):
    """A source reached through `length - 1` relays."""
    hop = SourceFactory()
    for _ in range(length - 1):
        hop = SourceFactory(via=hop)
    return hop


def count_queries(api, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = api.get(url)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)


@pytest.mark.parametrize("url", LISTS)
def test_list_query_count_does_not_grow_with_the_page(api, db, url, django_assert_num_queries):
    world = build_world()
    small = count_queries(api, url)
    grow(world, 12)
    with django_assert_num_queries(small):
        response = api.get(url)
    assert len(response.json()["results"] if "random" not in url else response.json()) > 4


@pytest.mark.parametrize("page_size", [2, 40])
def test_quote_list_page_size_does_not_change_the_count(
    api, db, page_size, django_assert_num_queries
):
    world = build_world()
    grow(world, 25)
    # The page's ids, its rows (with speakers and source), their films, parents, published
    # nested quotes, the source chains, and the next scheduled change (how long a shared cache
    # may keep it).
    with django_assert_num_queries(7):
        response = api.get(f"/api/v1/quotes/?page_size={page_size}")
    assert len(response.json()["results"]) == page_size
    with django_assert_num_queries(7):
        response = api.get(f"/api/v1/quotes/?page_size={page_size}&status=unverified")
    assert len(response.json()["results"]) == page_size


def test_article_detail_query_count_does_not_grow(api, db, django_assert_num_queries):
    world = build_world()
    small = count_queries(api, f"/api/v1/articles/{world.a1.pk}/")
    for _ in range(6):
        quote = QuoteFactory(source=chain(4))
        QuoteFactory(parent=quote)
        FeaturedQuoteFactory(article=world.a1, quote=quote)
        world.a1.tags.add(TagFactory())
        BylineFactory(article=world.a1)
        CorrectionFactory(article=world.a1)
    with django_assert_num_queries(small):
        response = api.get(f"/api/v1/articles/{world.a1.pk}/")
    assert len(response.json()["featured_quotes"]) == 8


@pytest.mark.parametrize("rows", [2, 12])
@pytest.mark.parametrize("length", [1, 7])
def test_source_chains_of_any_length_cost_one_query_for_the_page(
    api, db, rows, length, django_assert_num_queries
):
    """One recursive query reads every relay of every row's source, however long the chains
    (one longer than readers see, `CHAIN_LEVELS`, is written directly here), and each row
    shows as much of its chain as readers see."""
    from quotes.querysets import CHAIN_LEVELS

    shown = min(length, CHAIN_LEVELS)
    for _ in range(rows):
        QuoteFactory(source=chain(length))
    # The page's ids, its rows, films, published nested quotes, source chains, the next
    # scheduled change; no parent query, since no row is nested (Django skips a prefetch with
    # no ids).
    with django_assert_num_queries(6):
        response = api.get("/api/v1/quotes/")
    assert all(len(row["source_chain"]) == shown for row in response.json()["results"])
    with django_assert_num_queries(6):
        response = api.get("/api/v1/quotes/?nested=false")
    assert all(len(row["source_chain"]) == shown for row in response.json()["results"])


@pytest.mark.parametrize("url", [url for url in LISTS if "?" not in url])
def test_a_list_is_read_as_rows_without_model_instances(api, db, url):
    """Lists are served from `.values()` rows (`core.api.rows`): making model instances and
    walking them field by field was most of a list's Python time. (A filter's slug is read as
    its record, once a request; these lists have none.)"""
    from django.db.models.signals import post_init

    world = build_world()
    grow(world, 3)
    api.get(url)  # the links' URL patterns are worked out once a process, from a stand-in
    made = []

    def count(sender, **kwargs):
        made.append(sender.__name__)

    post_init.connect(count)
    try:
        response = api.get(url)
    finally:
        post_init.disconnect(count)
    assert response.status_code == 200 and response.json()["results"]
    assert made == []


def test_a_page_is_read_as_ids_then_its_rows_in_the_list_order(db):
    """`rows_by_id` keeps the list's order and the columns the ids query already read, and
    leaves out a record deleted between the two queries."""
    from datetime import UTC, datetime

    from articles.models import Article
    from articles.serializers import ArticleListSerializer
    from core.api.rows import rows_by_id
    from tests.factories import ArticleFactory

    first, second, gone = ArticleFactory(), ArticleFactory(), ArticleFactory()
    gone_id = gone.pk
    gone.delete()
    stamp = datetime(2001, 2, 3, tzinfo=UTC)
    page = [{"id": second.pk, "published_at": stamp}, {"id": gone_id}, {"id": first.pk}]
    rows = rows_by_id(ArticleListSerializer, Article, page)
    assert [row["id"] for row in rows] == [second.pk, first.pk]
    assert rows[0]["published_at"] == stamp  # read by the ids query, not again
    assert rows[1]["title"] == first.title and rows[0]["title"] == second.title


def test_postgresql_prices_random_reads_for_memory_or_ssd(db):
    """`DATABASE_RANDOM_PAGE_COST` (1.1 by default) reaches every PostgreSQL session."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL session setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
