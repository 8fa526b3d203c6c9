"""The site search: articles, quotes, people and films, ranked, with the words highlighted.

Full-text search on PostgreSQL (answered from GIN indexes), icontains on SQLite.
"""

import pytest
from django.db import connection
from django.template import Context, Template

from articles.models import Article
from articles.search import search_articles, site_search
from quotes.models import Film, Person, Quote
from quotes.search import quote_matches, search_films, search_people, search_quotes
from tests.factories import ArticleFactory, FilmFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_one_search_finds_articles_quotes_people_and_films(client, demo):
    html = client.get("/search/?q=wiseman").content.decode()
    assert demo.get_absolute_url() in html
    assert 'href="/people/len-wiseman/"' in html
    html = client.get("/search/?q=ballerina").content.decode()
    assert 'href="/films/ballerina/"' in html
    results = site_search("consequences")
    assert results.totals["quotes"] == 5
    assert all("consequence" in quote.text for quote in results.sections["quotes"])


def test_matched_words_are_highlighted(client, demo):
    html = client.get("/search/?q=consequences").content.decode()
    assert "<mark>consequences</mark>" in html
    html = client.get("/search/?q=xylophone").content.decode()
    assert "Nothing matches" in html


def test_highlighting_escapes_the_text_it_marks():
    rendered = Template("{% load quotedesk %}{{ text|highlight:terms }}").render(
        Context({"text": "<b>Eve</b> & the <script>", "terms": ["eve", "script"]})
    )
    assert rendered == "&lt;b&gt;<mark>Eve</mark>&lt;/b&gt; &amp; the &lt;<mark>script</mark>&gt;"


def test_title_matches_rank_above_body_matches(db):
    body_only = ArticleFactory(title="Elsewhere", body="A word about tarantulas in passing.")
    in_title = ArticleFactory(title="Tarantulas take over", body="Nothing to add.")
    found = list(search_articles(Article.objects.published(), "tarantulas"))
    assert found == [in_title, body_only]


def test_every_word_must_match(db):
    both = QuoteFactory(text="The snake has a head and a body.")
    QuoteFactory(text="The snake sleeps.")
    assert list(search_quotes(Quote.objects.published(), "snake body")) == [both]


def test_people_and_films_are_searchable(db):
    person = PersonFactory(name="Ana de Armas", aliases="de Armas")
    film = FilmFactory(title="Ballerina", synopsis="An assassin's revenge.")
    assert list(search_people(Person.objects.all(), "armas")) == [person]
    assert list(search_films(Film.objects.all(), "assassin")) == [film]


def test_empty_or_wordless_queries_find_nothing(client, demo):
    assert not site_search("").total and not site_search("  !! ").total
    assert client.get("/search/?q=").status_code == 200
    assert client.get("/search/?q=x&type=nonsense").status_code == 404


def test_one_kind_is_paginated(client, db):
    QuoteFactory.create_batch(23, text="Repeated searchable words")
    html = client.get("/search/?q=searchable&type=quotes").content.decode()
    assert html.count('<figure class="quote-card') == 20
    assert 'aria-label="Pages of results"' in html and "type=quotes" in html


def test_the_api_filter_set_uses_the_same_quote_search(client, demo):
    html = client.get("/quotes/?search=consequences").content.decode()
    assert html.count('<figure class="quote-card') == 5
    assert "<mark>consequences</mark>" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes exist on PostgreSQL")
@pytest.mark.parametrize(
    ("queryset", "search", "index"),
    [
        # search_quotes reads the matching ids first; that lookup is the one the index answers.
        (
            lambda: Quote.objects.all(),
            lambda qs, q: quote_matches(qs.model, q),
            "quotes_quote_search_idx",
        ),
        (lambda: Person.objects.all(), search_people, "quotes_person_search_idx"),
        (lambda: Film.objects.all(), search_films, "quotes_film_search_idx"),
        (lambda: Article.objects.all(), search_articles, "articles_article_search_idx"),
    ],
)
def test_postgresql_search_is_answered_from_the_gin_index(db, queryset, search, index):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = search(queryset(), "consequences").explain()
    assert index in plan, plan
