"""Source chains load in one query whatever their depth, for every reader of `chain()`, and
show no more of a chain than `published()` reads (`CHAIN_LEVELS` sources): a longer one,
written before the limit or by a raw write, never names a source whose own page is a 404."""

import re

import pytest
from django.contrib.auth.models import User

from articles.views import featured_quotes
from quotes.models import Quote, Source
from quotes.querysets import CHAIN_LEVELS, complete_cards, load_source_chains
from quotes.services import quote_set_state
from tests.factories import FeaturedQuoteFactory, OutletFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db


def chain_of(length: int) -> Source:
    """A source said to an outlet and relayed through `length - 1` more sources, written
    directly: a chain longer than `CHAIN_LEVELS` is one `clean()` now refuses."""
    source = None
    for n in range(length):
        source = SourceFactory(outlet=OutletFactory(name=f"Hop {n}"), via=source)
    return source


def outlets(source: Source) -> list[str]:
    return [hop.outlet.name for hop in source.chain()]


def shown(length: int) -> int:
    return min(length, CHAIN_LEVELS)


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
    assert all(len(chain) == shown(depth) for chain in chains)
    assert chains[0] == [f"Hop {n}" for n in reversed(range(depth))][:CHAIN_LEVELS]


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
        assert len(quote.parent.source.chain()) == CHAIN_LEVELS


def test_sources_with_chains(django_assert_num_queries):
    deep = chain_of(7)
    with django_assert_num_queries(2):
        source = Source.objects.select_related("outlet").get(pk=deep.pk)
        load_source_chains([source])
    with django_assert_num_queries(0):
        assert len(source.chain()) == CHAIN_LEVELS


def test_featured_quotes_of_an_article_with_deep_chains(django_assert_num_queries):
    featured = FeaturedQuoteFactory(quote=QuoteFactory(source=chain_of(6)))
    for _ in range(2):
        FeaturedQuoteFactory(article=featured.article, quote=QuoteFactory(source=chain_of(9)))
    items = featured_quotes(featured.article)
    with django_assert_num_queries(1):
        load_source_chains(item.quote.source for item in items)
    with django_assert_num_queries(0):
        assert [len(item.quote.source.chain()) for item in items] == [CHAIN_LEVELS] * 3


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


def test_the_quote_feed_shows_the_chain_readers_see(client):
    QuoteFactory(source=chain_of(CHAIN_LEVELS + 2))
    body = client.get("/quotes/feed/").content.decode()
    assert "Hop 5, via Hop 4, via Hop 3, via Hop 2." in body
    assert "Hop 1" not in body and "Hop 0" not in body


def test_the_quote_page_shows_a_chain_as_long_as_readers_see(client):
    quote = QuoteFactory(source=chain_of(CHAIN_LEVELS))
    html = client.get(quote.get_absolute_url()).content.decode()
    assert all(f"Hop {n}" in html for n in range(CHAIN_LEVELS))


# A chain longer than the limit: Hop 7 (the quote's source) to Hop 0, of which Hop 7 to Hop 4
# are public (`published()` reads four sources down), Hop 3 to Hop 0 are not.
LONG = 8
PUBLIC_HOPS = [f"Hop {n}" for n in range(LONG - CHAIN_LEVELS, LONG)]
HIDDEN_HOPS = [f"Hop {n}" for n in range(LONG - CHAIN_LEVELS)]


@pytest.fixture
def long_chain() -> Source:
    source = chain_of(LONG)
    QuoteFactory(source=source, state="approved", text="Words relayed a long way.")
    return source


def assert_shows_only_the_public_hops(html: str):
    assert all(name in html for name in PUBLIC_HOPS)
    assert not [name for name in HIDDEN_HOPS if name in html]


def chain_hops(source: Source) -> list[Source]:
    """The whole chain, past what `chain()` shows."""
    hops, hop = [], source
    while hop is not None:
        hops.append(hop)
        hop = hop.via
    return hops


def test_a_longer_chain_is_public_as_far_as_published_reads(long_chain):
    public = Source.objects.published().filter(pk__in=[hop.pk for hop in chain_hops(long_chain)])
    assert sorted(public.values_list("outlet__name", flat=True)) == sorted(PUBLIC_HOPS)


@pytest.mark.parametrize("page", ["quote", "source", "list", "feed", "embed"])
def test_a_longer_chain_shows_on_pages_only_as_far_as_readers_see(client, long_chain, page):
    quote = long_chain.quotes.get()
    url = {
        "quote": quote.get_absolute_url(),
        "source": long_chain.get_absolute_url(),
        "list": "/quotes/",
        "feed": "/quotes/feed/",
        "embed": f"{quote.get_absolute_url()}embed/",
    }[page]
    response = client.get(url)
    assert response.status_code == 200
    assert_shows_only_the_public_hops(response.content.decode())


def test_a_longer_chain_shows_in_the_api_only_as_far_as_readers_see(client, long_chain):
    quote = long_chain.quotes.get()
    for url, field in [
        (f"/api/v1/quotes/{quote.pk}/", "source_chain"),
        ("/api/v1/quotes/", None),
        (f"/api/v1/sources/{long_chain.pk}/", "chain"),
    ]:
        body = client.get(url).json()
        row = body["results"][0] if field is None else body
        chain = row["source_chain" if field is None else field]
        assert [hop["outlet"]["name"] for hop in chain] == PUBLIC_HOPS[::-1]


def test_a_source_page_lists_the_quotes_relayed_through_it_only_as_far_as_readers_see(
    client, long_chain
):
    """Hop 3 is public through a quote of its own; the long-relayed quote's chain reaches it
    only past what readers are shown of that chain, so its page does not list it."""
    hops = chain_hops(long_chain)
    farthest_shown, beyond = hops[CHAIN_LEVELS - 1], hops[CHAIN_LEVELS]
    QuoteFactory(source=beyond, state="approved", text="Words said to Hop 3.")
    shown = client.get(farthest_shown.get_absolute_url()).content.decode()
    assert "Words relayed a long way." in shown
    beyond_page = client.get(beyond.get_absolute_url()).content.decode()
    assert "Words said to Hop 3." in beyond_page
    assert "Words relayed a long way." not in beyond_page


def test_an_outlet_page_names_a_source_s_relay_only_while_readers_see_it(
    client, purges, django_capture_on_commit_callbacks, long_chain
):
    """Hop 3 is public through a quote of its own, so Hop 4's outlet page names it as Hop 4's
    relay, as Hop 4's own page does; once that quote is rejected, neither may."""
    editor = User.objects.create_superuser("chief", password="pw-chief-123")
    hops = chain_hops(long_chain)
    relayed, relay = hops[CHAIN_LEVELS - 1], hops[CHAIN_LEVELS]
    own = QuoteFactory(source=relay, state="approved")
    url = relayed.outlet.get_absolute_url()
    before = client.get(url)
    assert "via Hop 3" in before.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        quote_set_state(quotes=[own], state=Quote.State.REJECTED, by=editor)
    assert set(before["xkey"].split()) & purges.purged_keys()
    after = client.get(url).content.decode()
    assert "Hop 4" in after
    assert "via Hop 3" not in after


@pytest.mark.parametrize("url", ["/api/v1/quotes/?via={}", "/quotes/?via={}"])
def test_quotes_relayed_through_an_outlet_are_those_whose_shown_chain_reaches_it(
    client, long_chain, url
):
    """Hop 4 is the last source of the chain readers see; Hop 3's outlet is public (it is no
    writer's), but the chain reaches it only past what readers are shown."""
    hops = chain_hops(long_chain)
    shown = client.get(url.format(hops[CHAIN_LEVELS - 1].outlet.slug)).content.decode()
    assert "Words relayed a long way." in shown
    beyond = client.get(url.format(hops[CHAIN_LEVELS].outlet.slug))
    assert beyond.status_code == 200
    assert "Words relayed a long way." not in beyond.content.decode()


def named_sources(html: str) -> set[str]:
    return set(re.findall(r'href="(/sources/\d+/)"', html))


def test_every_source_a_public_page_names_has_a_public_page(client, long_chain):
    """Each public source's own page too: a source in the middle of the chain shows its own
    chain, which must stop where the sources stop being public."""
    quote = long_chain.quotes.get()
    seen, to_visit = set(), [quote.get_absolute_url(), long_chain.get_absolute_url()]
    while to_visit:
        url = to_visit.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        to_visit.extend(named_sources(response.content.decode()) - seen)
    assert len([url for url in seen if url.startswith("/sources/")]) == CHAIN_LEVELS


def test_every_source_the_api_names_has_a_public_page(client, long_chain):
    seen, to_visit = set(), [long_chain.pk]
    while to_visit:
        pk = to_visit.pop()
        if pk in seen:
            continue
        seen.add(pk)
        assert client.get(f"/sources/{pk}/").status_code == 200
        response = client.get(f"/api/v1/sources/{pk}/")
        assert response.status_code == 200
        to_visit.extend(hop["id"] for hop in response.json()["chain"])
    assert len(seen) == CHAIN_LEVELS
