"""The desk's lists at newsroom scale: no menu or count that grows with the number of films,
outlets or quotes."""

import re

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
    TagFactory,
)

from .helpers import admin_url

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries]


@pytest.mark.parametrize(
    "factory, field, parameter, name",
    [(FilmFactory, "films", "film", "title"), (TagFactory, "tags", "tag", "name")],
)
def test_article_list_has_no_menu_of_every_film_or_tag(
    editor_client, factory, field, parameter, name
):
    records = factory.create_batch(3)
    about, other = ArticleFactory(), ArticleFactory()
    getattr(about, field).add(records[0])
    url = admin_url(Article, "changelist")
    page = editor_client.get(url).content.decode()
    assert f"?{parameter}=" not in page
    assert all(getattr(record, name) not in page for record in records)

    chosen = editor_client.get(f"{url}?{parameter}={records[0].pk}")
    assert [a.pk for a in chosen.context["cl"].result_list] == [about.pk]
    assert getattr(records[0], name) in chosen.content.decode()
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


def test_quote_search_matches_as_before_without_joins(editor_client):
    from tests.factories import CharacterFactory, PersonFactory

    by_text = QuoteFactory(text="A line about a lighthouse.")
    by_person = QuoteFactory(speaker_person=PersonFactory(name="Lighthouse Keeper"))
    by_character = QuoteFactory(
        speaker_person=None, speaker_character=CharacterFactory(name="Lighthouse Ghost")
    )
    by_source = QuoteFactory(source=SourceFactory(title="The lighthouse interview"))
    by_outlet = QuoteFactory(source=SourceFactory(outlet=OutletFactory(name="Lighthouse Weekly")))
    both_words = QuoteFactory(
        text="Keeper of the lighthouse", speaker_person=PersonFactory(name="Pat Doe")
    )
    QuoteFactory(text="Nothing to see.")
    url = admin_url(Quote, "changelist")
    with CaptureQueriesContext(connection) as queries:
        found = editor_client.get(url, {"q": "LIGHTHOUSE"})
    # Read before the next request, which empties the connection's log.
    searched = [q["sql"] for q in queries if 'FROM "quotes_quote"' in q["sql"]]
    assert searched
    # The page joins for its columns; counting and dating the matches needs no join.
    assert not [sql for sql in searched if 'JOIN "quotes_person"' in sql and "COUNT(" in sql]
    assert {q.pk for q in found.context["cl"].result_list} == {
        by_text.pk,
        by_person.pk,
        by_character.pk,
        by_source.pk,
        by_outlet.pk,
        both_words.pk,
    }
    # Every word must match somewhere, a quoted phrase as one word.
    two = editor_client.get(url, {"q": "keeper lighthouse"})
    assert {q.pk for q in two.context["cl"].result_list} == {by_person.pk, both_words.pk}
    phrase = editor_client.get(url, {"q": '"keeper of the"'})
    assert [q.pk for q in phrase.context["cl"].result_list] == [both_words.pk]


def test_a_search_with_too_many_matches_reads_no_dates_until_one_is_chosen(
    editor_client, monkeypatch
):
    """The date menu reads the date of every match: past the limit a search leaves it out,
    and a year chosen before searching brings it back (its months, within the matches)."""
    from datetime import date

    from quotes.admin import QuoteChangeList

    monkeypatch.setattr(QuoteChangeList, "DATE_MENU_MOST_MATCHES", 3)
    for year in (2021, 2022):
        QuoteFactory.create_batch(2, text="A line about a lighthouse.", said_on=date(year, 5, 1))
    QuoteFactory(text="The harbour at night.", said_on=date(2023, 5, 1))
    url = admin_url(Quote, "changelist")

    def dated(sql: list[str]) -> list[str]:
        return [s for s in sql if "said_on" in s and ("MIN(" in s or "DISTINCT" in s)]

    # Four matches, over the limit of three: no date menu, no date read.
    broad = queries_for(editor_client, url + "?q=lighthouse")
    assert not dated(broad)
    page = editor_client.get(url + "?q=lighthouse").content.decode()
    assert "said_on__year=" not in page and "choose a year first" in page
    # One match, and the whole list: the menu as before.
    assert "said_on__year=2023" in editor_client.get(url + "?q=harbour").content.decode()
    assert "said_on__year=2021" in editor_client.get(url).content.decode()
    # A year chosen, then the search: that year's months among the matches.
    within = editor_client.get(url + "?said_on__year=2021&q=lighthouse").content.decode()
    assert "said_on__month=5" in within


def test_article_search_finds_bylines_without_distinct(editor_client):
    from tests.factories import AuthorFactory, BylineFactory

    by_title = ArticleFactory(title="Harbour lights")
    by_author = ArticleFactory()
    BylineFactory(article=by_author, author=AuthorFactory(name="Ann Harbour"), position=0)
    BylineFactory(article=by_author, author=AuthorFactory(name="Bo Harbour"), position=1)
    ArticleFactory(title="Elsewhere")
    with CaptureQueriesContext(connection) as queries:
        found = editor_client.get(admin_url(Article, "changelist"), {"q": "harbour"})
    assert sorted(a.pk for a in found.context["cl"].result_list) == sorted(
        [by_title.pk, by_author.pk]
    )
    assert found.context["cl"].result_count == 2
    # The date menu's DISTINCT is of dates; whole articles were made distinct for the page.
    assert not [q["sql"] for q in queries if 'DISTINCT "articles_article"."id"' in q["sql"]]


@pytest.mark.parametrize(
    "name, columns",
    [
        ("quotes_quote_desk_state_idx", ["state", "id"]),
        ("quotes_quote_desk_verif_idx", ["verification_status", "id"]),
        ("quotes_quote_desk_embargo_idx", ["public_from", "id"]),
    ],
)
def test_quote_list_sorts_have_their_indexes(name, columns):
    """Sorting the desk's quote list by state, verification or embargo reads an index in order
    (migration 0015_quote_desk_sort_indexes), newest first within the column as the admin
    sorts."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Quote._meta.db_table)
    assert constraints[name]["index"]
    assert constraints[name]["columns"] == columns
    assert constraints[name]["orders"] == ["ASC", "DESC"]


def test_desk_timings_command_times_a_page(settings):
    """`manage.py desk_timings`, the figures behind these fixes, runs on any database."""
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("desk_timings", only=["/admin/articles/section/"], stdout=out)
    assert " 200 " in out.getvalue()
    assert "/admin/articles/section/" in out.getvalue()


def test_quote_list_page_query_joins_nothing(editor_client):
    """A deep page is an OFFSET over quotes alone; speakers and sources come for its rows."""
    from tests.factories import CharacterFactory

    QuoteFactory(source=SourceFactory(outlet=OutletFactory(name="Harbour Times")))
    QuoteFactory(speaker_person=None, speaker_character=CharacterFactory(name="Ghost"))
    url = admin_url(Quote, "changelist")
    editor_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = editor_client.get(url)
    paged = [q["sql"] for q in queries if 'FROM "quotes_quote"' in q["sql"] and "LIMIT" in q["sql"]]
    assert paged
    assert not [sql for sql in paged if "JOIN" in sql]
    text = page.content.decode()
    assert "Harbour Times" in text
    assert "Ghost" in text


def search_plan(client, model, words: str):
    """The desk list's queryset for a search of `words`, and its plan with scans of whole
    tables and of indexes in key order priced out: what is left must come from the indexes
    that answer a word's match."""
    response = client.get(admin_url(model, "changelist"), {"q": words})
    queryset = response.context["cl"].queryset
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        return queryset, queryset.explain()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes: PostgreSQL")
def test_quote_search_is_answered_from_indexes(editor_client):
    """Every part of a word's match has an index PostgreSQL can combine (migration 0016's
    trigrams, the foreign keys'): with sequential scans priced out, none is left in the plan.
    And the list filters on the matches' ids, so the date menu's MIN and MAX cannot walk the
    date index looking for a rare word."""
    QuoteFactory(text="A line about a lighthouse.")
    queryset, plan = search_plan(editor_client, Quote, "lighthouse keeper")
    for index in (
        "quotes_quote_text_trgm_idx",
        "quotes_person_name_trgm_idx",
        "quotes_character_name_trgm_idx",
        "quotes_source_title_trgm_idx",
        "quotes_outlet_name_trgm_idx",
    ):
        assert index in plan
    assert "Seq Scan" not in plan
    sql = str(queryset.query)
    assert sql.count('"quotes_quote"."id" IN (SELECT') == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes: PostgreSQL")
def test_article_search_is_answered_from_indexes(editor_client):
    """As the quotes' search: each part of a word's match (migration 0021's trigrams, the
    bylines' keys) from an index, so the desk's search of a newsroom's archive reads no
    article's body it does not match (a second at 40,000 articles before)."""
    from articles.models import Article

    ArticleFactory(title="The lighthouse keeper")
    queryset, plan = search_plan(editor_client, Article, "lighthouse keeper")
    for index in (
        "articles_article_title_trgm_idx",
        "articles_article_standfirst_trgm_idx",
        "articles_article_body_trgm_idx",
    ):
        assert index in plan
    assert "Seq Scan" not in plan
    assert list(queryset.values_list("title", flat=True)) == ["The lighthouse keeper"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="plans: PostgreSQL")
@pytest.mark.parametrize(
    "model_name, column, sort",
    [("person", "speaker_person_id", "-4"), ("source", "source_id", "-7")],
)
def test_list_counts_read_only_what_the_index_holds(editor_client, model_name, column, sort):
    """A row's count of quotes needs nothing of the quotes but the foreign key, which its
    index holds, so PostgreSQL can count from the index alone (an index-only scan) rather
    than fetch every quote from the table. Sorted by the count, every row is counted in the
    list's query."""
    from quotes.models import Person, Source

    model = {"person": Person, "source": Source}[model_name]
    QuoteFactory()
    response = editor_client.get(admin_url(model, "changelist"), {"o": sort})
    lines = response.context["cl"].queryset.explain(verbose=True).splitlines()
    scans = [n for n, line in enumerate(lines) if " on public.quotes_quote " in line]
    assert scans
    for n in scans:
        output = lines[n + 1].strip()
        assert re.fullmatch(rf"Output: \w+\.{column}", output), "\n".join(lines)


@pytest.mark.parametrize("model_name", ["person", "character", "source", "outlet"])
def test_a_page_counts_only_its_own_rows(editor_client, model_name):
    """Unsorted by its count, a list counts related rows for the page's rows alone, after the
    page is cut: in the list's query PostgreSQL counted every row the OFFSET passed over."""
    from quotes.models import Character, Outlet, Person, Source
    from tests.factories import CharacterFactory, PersonFactory

    model, factory, related, field, column = {
        "person": (Person, PersonFactory, QuoteFactory, "speaker_person", "quote_count"),
        "character": (
            Character,
            CharacterFactory,
            QuoteFactory,
            "speaker_character",
            "quote_count",
        ),
        "source": (Source, SourceFactory, QuoteFactory, "source", "quote_count"),
        "outlet": (Outlet, OutletFactory, SourceFactory, "outlet", "source_count"),
    }[model_name]
    counted, bare = factory(), factory()
    extra = {"speaker_person": None} if field == "speaker_character" else {}
    related.create_batch(2, **{field: counted}, **extra)
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(admin_url(model, "changelist"))
    listed = {row.pk: getattr(row, column) for row in response.context["cl"].result_list}
    assert listed[counted.pk] == 2
    assert listed[bare.pk] == 0
    rows = f'SELECT "{model._meta.db_table}"."id"'
    paged = [q["sql"] for q in queries if q["sql"].startswith(rows)]
    assert paged
    assert not [sql for sql in paged if "COUNT(" in sql]
    # Sorted by the count, every row's count is in the list's query and the order is right.
    column_number = response.context["cl"].list_display.index(column)
    ordered = editor_client.get(admin_url(model, "changelist"), {"o": f"-{column_number}"})
    first = ordered.context["cl"].result_list[0]
    assert (first.pk, getattr(first, column)) == (counted.pk, 2)


def test_the_quote_list_counts_its_quotes_once(editor_client):
    """Django counts a list's rows for the paginator and, for "(N total)", all of them again:
    at a million quotes the second count cost each page of the desk's list 55 ms."""
    QuoteFactory.create_batch(3)
    url = admin_url(Quote, "changelist")
    for query in ({}, {"state__exact": "approved"}):
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(url, query)
        assert response.status_code == 200
        counts = [
            q["sql"]
            for q in queries
            if q["sql"].startswith("SELECT COUNT(*)") and 'FROM "quotes_quote"' in q["sql"]
        ]
        assert len(counts) == 1, counts
