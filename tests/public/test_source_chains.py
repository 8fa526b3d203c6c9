"""Source chains load in one query whatever their depth, for every reader of `chain()`."""

import pytest

from articles.views import featured_quotes
from quotes.models import Quote, Source
from quotes.querysets import complete_cards, load_source_chains
from tests.factories import FeaturedQuoteFactory, OutletFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db


def chain_of(length: int) -> Source:
    """A source said to an outlet and relayed through `length - 1` more sources."""
    source = None
    for n in range(length):
        source = SourceFactory(outlet=OutletFactory(name=f"Hop {n}"), via=source)
    return source


def outlets(source: Source) -> list[str]:
    return [hop.outlet.name for hop in source.chain()]


@pytest.mark.parametrize("depth", [1, 3, 12])
def test_a_page_of_quotes_loads_every_chain_in_one_query(django_assert_num_queries, depth):
    for _ in range(3):
        QuoteFactory(source=chain_of(depth))
    # The rows, then every relay of their sources.
    with django_assert_num_queries(2):
        quotes = list(Quote.objects.published().for_list())
        complete_cards(quotes)
    with django_assert_num_queries(0):
        chains = [outlets(quote.source) for quote in quotes]
    assert all(len(chain) == depth for chain in chains)
    assert chains[0] == [f"Hop {n}" for n in reversed(range(depth))]


def test_a_sliced_page_keeps_its_chains(django_assert_num_queries):
    for _ in range(5):
        QuoteFactory(source=chain_of(4))
    page = Quote.objects.published().for_list().newest_first()[1:3]
    with django_assert_num_queries(2):
        quotes = list(page)
        complete_cards(quotes)
    with django_assert_num_queries(0):
        assert [len(quote.source.chain()) for quote in quotes] == [4, 4]


def test_a_single_quote_loads_its_parents_chain_too(django_assert_num_queries):
    parent = QuoteFactory(source=chain_of(5))
    nested = QuoteFactory(source=chain_of(2), parent=parent)
    queryset = Quote.objects.published().for_list().select_related("parent__source__outlet")
    # The row, then every relay of both chains.
    with django_assert_num_queries(2):
        quote = queryset.get(pk=nested.pk)
        complete_cards([quote, quote.parent])
    with django_assert_num_queries(0):
        assert len(quote.source.chain()) == 2
        assert len(quote.parent.source.chain()) == 5


def test_sources_with_chains(django_assert_num_queries):
    deep = chain_of(7)
    with django_assert_num_queries(2):
        source = Source.objects.select_related("outlet").get(pk=deep.pk)
        load_source_chains([source])
    with django_assert_num_queries(0):
        assert len(source.chain()) == 7


def test_featured_quotes_of_an_article_with_deep_chains(django_assert_num_queries):
    featured = FeaturedQuoteFactory(quote=QuoteFactory(source=chain_of(6)))
    for _ in range(2):
        FeaturedQuoteFactory(article=featured.article, quote=QuoteFactory(source=chain_of(9)))
    items = featured_quotes(featured.article)
    with django_assert_num_queries(1):
        load_source_chains(item.quote.source for item in items)
    with django_assert_num_queries(0):
        assert sorted(len(item.quote.source.chain()) for item in items) == [6, 9, 9]


def test_a_looped_chain_ends(django_assert_num_queries):
    """`clean()` forbids loops; a raw write could still make one: loading still ends."""
    first = SourceFactory()
    second = SourceFactory(via=first)
    Source.objects.filter(pk=first.pk).update(via=second)
    quote = QuoteFactory(source=second)
    loaded = Quote.objects.published().for_list().get(pk=quote.pk)
    load_source_chains([loaded.source])
    with django_assert_num_queries(0):
        assert [hop.pk for hop in loaded.source.chain()] == [second.pk, first.pk]


def test_the_quote_feed_shows_deep_chains(client):
    QuoteFactory(source=chain_of(6))
    body = client.get("/quotes/feed/").content.decode()
    assert "Hop 5, via Hop 4, via Hop 3, via Hop 2, via Hop 1, via Hop 0" in body


def test_the_quote_page_shows_a_deep_chain(client):
    quote = QuoteFactory(source=chain_of(8))
    html = client.get(quote.get_absolute_url()).content.decode()
    assert all(f"Hop {n}" in html for n in range(8))
