"""The site search: articles, quotes, people and films, ranked, with the words highlighted.

Full-text search on PostgreSQL (answered from GIN indexes), icontains on SQLite.
"""

import pytest
from django.core import serializers
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from articles import search as site
from articles.models import Article
from articles.search import ARTICLE_FIELDS, search_articles, site_search
from quotes import search
from quotes.models import Film, Person, Quote
from quotes.search import (
    FILM_FIELDS,
    PERSON_FIELDS,
    QUOTE_FIELDS,
    matching,
    search_films,
    search_people,
    search_quotes,
)
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
    ("model", "fields", "index"),
    [
        (Quote, QUOTE_FIELDS, "quotes_quote_search_vector_idx"),
        (Article, ARTICLE_FIELDS, "articles_article_search_vector_idx"),
        (Person, PERSON_FIELDS, "quotes_person_search_vector_idx"),
        (Film, FILM_FIELDS, "quotes_film_search_vector_idx"),
    ],
)
def test_postgresql_search_is_answered_from_the_gin_index(db, model, fields, index):
    """Every search first reads the matching ids; the match itself (unordered: on an empty
    table the planner would rather walk an ordering's index) is what the stored vector's index
    answers."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = matching(model.objects.all(), "consequences", fields).order_by().explain()
    assert index in plan, plan


def searchable_rows(count: int) -> None:
    """`count` rows of each kind matching "searchable"."""
    QuoteFactory.create_batch(count, text="Searchable words, said out loud.")
    ArticleFactory.create_batch(count, title="Searchable news")
    PersonFactory.create_batch(count, bio="A searchable life.")
    FilmFactory.create_batch(count, synopsis="A searchable plot.")


def test_a_search_finds_only_the_newest_matches_and_says_there_are_more(client, db, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_LIMIT", 6)
    monkeypatch.setattr(site, "OVERVIEW_LIMIT", 6)
    older, *newer = QuoteFactory.create_batch(8, text="The owls are not what they seem.")[1:]
    assert set(search_quotes(Quote.objects.published(), "owls")) == set(newer)
    results = site_search("owls")
    assert results.totals["quotes"] == 6 and results.labels["quotes"] == "6+"
    html = client.get("/search/?q=owls").content.decode()
    assert 'Quotes <span class="muted">(6+)</span>' in html and "All 6+ quotes" in html
    html = client.get("/search/?q=owls&type=quotes").content.decode()
    assert "› 6+ quotes" in html and html.count('<figure class="quote-card') == 6
    assert f'href="{older.get_absolute_url()}"' not in html


def test_the_overview_ranks_fewer_of_the_newest_matches_than_the_page_of_one_kind(
    client, db, monkeypatch
):
    monkeypatch.setattr(search, "SEARCH_LIMIT", 6)
    monkeypatch.setattr(site, "OVERVIEW_LIMIT", 3)
    oldest, *_, newest = QuoteFactory.create_batch(5, text="The owls are not what they seem.")
    # The best match is not among the three newest: the overview does not show it.
    oldest.text = "Owls, owls and owls."
    oldest.save()
    results = site_search("owls")
    assert results.totals["quotes"] == 3 and results.labels["quotes"] == "3+"
    assert oldest not in results.sections["quotes"] and newest in results.sections["quotes"]
    html = client.get("/search/?q=owls").content.decode()
    assert 'Quotes <span class="muted">(3+)</span>' in html and "All 3+ quotes" in html
    html = client.get("/search/?q=owls&type=quotes").content.decode()
    assert "› 5 quotes" in html and html.count('<figure class="quote-card') == 5


def test_a_count_below_the_limit_is_exact(db):
    QuoteFactory.create_batch(2, text="Two owls.")
    results = site_search("owls")
    assert results.totals["quotes"] == 2 and results.labels["quotes"] == "2"


@pytest.mark.parametrize("matches", [2, 7])
def test_site_search_runs_the_same_queries_whatever_the_number_of_matches(
    db, monkeypatch, django_assert_num_queries, matches
):
    # Three queries per kind (the newest ids, their ranking, the best rows), plus the quote
    # rows' source chains and the article rows' bylines.
    monkeypatch.setattr(site, "OVERVIEW_LIMIT", 5)
    searchable_rows(matches)
    with django_assert_num_queries(14):
        results = site_search("searchable")
    assert set(results.totals.values()) == {min(matches, 5)}


def test_one_kind_and_the_api_run_the_same_queries_whatever_the_number_of_matches(
    client, db, monkeypatch
):
    """(Their exact numbers are pinned with every page's in test_query_counts.py.)"""
    monkeypatch.setattr(search, "SEARCH_LIMIT", 5)
    counts = []
    for batch in (2, 5):  # 2 matches, then 7: more than the limit
        searchable_rows(batch)
        cache.clear()
        with CaptureQueriesContext(connection) as one_kind:
            assert client.get("/search/?q=searchable&type=quotes").status_code == 200
        with CaptureQueriesContext(connection) as api:
            assert client.get("/api/v1/quotes/?search=searchable").status_code == 200
        counts.append((len(one_kind.captured_queries), len(api.captured_queries)))
    assert counts[0] == counts[1]


def test_the_search_vector_is_never_exported_or_edited(db):
    quote = QuoteFactory(text="Owls hoot.")
    article = ArticleFactory(title="Owls")
    person = PersonFactory(bio="Keeps owls.")
    film = FilmFactory(synopsis="Owls at night.")
    for row in (quote, article, person, film):
        assert "search_vector" not in serializers.serialize("json", [row])
        assert not row._meta.get_field("search_vector").editable


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_trigger_keeps_the_stored_vector_current(db):
    quote = QuoteFactory(text="Owls hoot at night.")
    quote.refresh_from_db()
    assert "'owl':1A" in quote.search_vector
    quote.text = "Larks sing at dawn."
    quote.save()
    assert list(search_quotes(Quote.objects.all(), "larks")) == [quote]
    assert not search_quotes(Quote.objects.all(), "owls").exists()
    Quote.objects.filter(pk=quote.pk).update(text="Crows caw.")  # raw SQL too
    assert list(search_quotes(Quote.objects.all(), "crows")) == [quote]
    article = ArticleFactory(title="Tarantulas", standfirst="Spiders", body="Scorpions")
    article.refresh_from_db()
    for weighted in ("'tarantula':1A", "'spider':2B", "'scorpion':3C"):
        assert weighted in article.search_vector
    person = PersonFactory(name="Tarantula Jones", aliases="Spider", bio="Scorpions")
    film = FilmFactory(title="Tarantula", synopsis="Scorpions")
    for row, weighted in (
        (person, ("'tarantula':1A", "'spider':3A", "'scorpion':4C")),
        (film, ("'tarantula':1A", "'scorpion':2C")),
    ):
        row.refresh_from_db()
        assert all(word in row.search_vector for word in weighted), row.search_vector
