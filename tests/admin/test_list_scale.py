"""The desk's lists at newsroom scale: no menu or count that grows with the number of films,
outlets or quotes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from quotes.models import Quote
from tests.factories import (
    ArticleFactory,
    FilmFactory,
    OutletFactory,
    QuoteFactory,
    SourceFactory,
)

from .helpers import admin_url

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries]


def test_article_list_has_no_menu_of_every_film(editor_client):
    films = FilmFactory.create_batch(3)
    about, other = ArticleFactory(), ArticleFactory()
    about.films.add(films[0])
    url = admin_url(Article, "changelist")
    page = editor_client.get(url).content.decode()
    assert "?film=" not in page
    assert all(film.title not in page for film in films)

    chosen = editor_client.get(f"{url}?film={films[0].pk}")
    assert [a.pk for a in chosen.context["cl"].result_list] == [about.pk]
    assert films[0].title in chosen.content.decode()
    assert other.title not in chosen.content.decode()


def test_article_counts_do_not_grow_with_films(editor_client):
    url = admin_url(Article, "changelist") + "?_facets=True"
    ArticleFactory().films.add(FilmFactory())
    editor_client.get(url)
    few = queries_for(editor_client, url)
    for _ in range(5):
        ArticleFactory().films.add(FilmFactory())
    many = queries_for(editor_client, url)
    assert len(many) == len(few)
    # One FILTER (WHERE …) per choice: the counts' statement stays the same size.
    assert max(sql.count("FILTER") for sql in many) == max(sql.count("FILTER") for sql in few)


def test_quote_list_offers_no_counts_over_every_quote(editor_client):
    url = admin_url(Quote, "changelist")
    QuoteFactory(source=SourceFactory(outlet=OutletFactory()))
    page = editor_client.get(url).content.decode()
    assert "_facets" not in page
    counted = queries_for(editor_client, url + "?_facets=True")
    assert not [sql for sql in counted if "FILTER" in sql]
