"""A public source shows the sources it reached us through (its chain): whatever makes it
public (a quote, a published article citing it, a public film's box-office figure) makes them
public too, and nothing else does."""

import pytest

from articles.models import Article
from quotes.models import Outlet, Source
from tests.factories import (
    ArticleFactory,
    BoxOfficeFigureFactory,
    FilmFactory,
    OutletFactory,
    QuoteFactory,
    SourceFactory,
)
from tests.sitemaps import whole_sitemap

pytestmark = pytest.mark.django_db


def relayed() -> Source:
    """A source received through a relay whose outlet a writer added: nothing but the chain
    uses the relay or its outlet."""
    relay = SourceFactory(title="The relay", outlet=OutletFactory(held_until_used=True))
    return SourceFactory(via=relay)


def cite(kind: str, source: Source, *, public: bool = True) -> None:
    if kind == "quote":
        QuoteFactory(source=source, state="approved" if public else "pending")
    elif kind == "article":
        status = Article.Status.PUBLISHED if public else Article.Status.DRAFT
        article = ArticleFactory(status=status)
        article.sources.add(source)
    else:
        BoxOfficeFigureFactory(source=source, film=FilmFactory(held_until_used=not public))
        if public:
            QuoteFactory().films.add(source.box_office_figures.get().film)


def sitemap(client) -> str:
    return whole_sitemap(client)


@pytest.mark.parametrize("kind", ["quote", "article", "box-office figure"])
def test_what_makes_a_source_public_makes_the_sources_it_came_through_public(client, kind):
    source = relayed()
    cite(kind, source)
    relay = source.via
    page = client.get(source.get_absolute_url())
    assert page.status_code == 200
    assert relay.title in page.content.decode()
    assert Source.objects.published().filter(pk=relay.pk).exists()
    assert Outlet.objects.published().filter(pk=relay.outlet_id).exists()
    assert client.get(relay.get_absolute_url()).status_code == 200
    assert client.get(f"/api/v1/sources/{relay.pk}/").status_code == 200
    assert client.get(relay.outlet.get_absolute_url()).status_code == 200
    assert relay.get_absolute_url() in sitemap(client)


@pytest.mark.parametrize("kind", ["quote", "article", "box-office figure"])
def test_an_unpublished_use_makes_neither_a_source_nor_its_relays_public(client, kind):
    source = relayed()
    cite(kind, source, public=False)
    for hop in (source, source.via):
        assert not Source.objects.published().filter(pk=hop.pk).exists()
        assert client.get(hop.get_absolute_url()).status_code == 404
        assert client.get(f"/api/v1/sources/{hop.pk}/").status_code == 404
        assert hop.get_absolute_url() not in sitemap(client)
    assert client.get(source.via.outlet.get_absolute_url()).status_code == 404
