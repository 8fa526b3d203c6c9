"""Record links built from a route's cached pattern (`core.routes`) are reverse()'s own."""

import pytest
from django.db import connection
from django.urls import NoReverseMatch, reverse

from articles.models import Article, Section, Tag
from core.routes import route_url
from quotes.models import Film, Person, Quote, Source


@pytest.mark.parametrize(
    ("record", "view_name", "lookup"),
    [
        (Article(slug="ballerina-eve"), "articles:article-detail", "slug"),
        (Section(slug="film"), "articles:section-detail", "slug"),
        (Tag(slug="john-wick"), "articles:tag-detail", "slug"),
        (Film(slug="ballerina_2025"), "quotes:film-detail", "slug"),
        (Person(slug="len-wiseman"), "quotes:person-detail", "slug"),
        (Quote(pk=42), "quotes:quote-detail", "pk"),
        (Source(pk=7), "quotes:source-detail", "pk"),
    ],
)
def test_a_records_page_address_is_what_reverse_gives(record, view_name, lookup):
    expected = reverse(view_name, kwargs={lookup: getattr(record, lookup)})
    assert record.get_absolute_url() == expected
    assert record.get_absolute_url() == expected  # from the cached pattern


def test_a_value_reverse_would_refuse_is_still_refused():
    with pytest.raises(NoReverseMatch):
        route_url("quotes:quote-detail", "pk", None)
    with pytest.raises(NoReverseMatch):
        route_url("quotes:film-detail", "slug", "a b")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_connections_limit_the_planners_join_reordering():
    """Quote cards join nine tables; an exhaustive search of their orders was most of a list's
    time (docs/performance.md)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        assert cursor.fetchone()[0] == "6"
