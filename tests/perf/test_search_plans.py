"""No search reads the whole quote table: the plans of every query a search runs (PostgreSQL).

A sequential scan of `quotes_quote` is what made a common word cost seconds at a million quotes
(ranking, counting and the id probe of every match). The planner's choice depends on sizes, and
on a tiny table a sequential scan is legitimately the cheapest, so the test loads a few thousand
quotes with `seed_bulk` and shrinks SEARCH_LIMIT in proportion: the common word then matches
many times the limit, as it does at a million quotes with a limit of 1,000, and the plans are
the ones the bench sees. Nothing here turns the planner's sequential scans off: a search query
that had to read every matching row (a plain COUNT, ranking every match) or a missing index
would plan a `Seq Scan on quotes_quote` and fail.
"""

import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotes import search
from quotes.models import Quote
from tools.seed.vocabulary import COMMON_WORD, RARE_WORDS

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="query plans and the stored search vector are PostgreSQL's (SQLite scans anyway)",
    ),
    pytest.mark.django_db,
]

QUOTES = 6000
# 40 of ~2,700 matches for the common word, as 1,000 of ~450,000 at a million quotes.
LIMIT = 40
RARE = RARE_WORDS[1]


@pytest.fixture
def loaded(monkeypatch):
    call_command("seed_bulk", f"--quotes={QUOTES}", "--seed=1", verbosity=0)
    monkeypatch.setattr(search, "SEARCH_LIMIT", LIMIT)


def paths() -> list[str]:
    """The API and the site search (overview, one kind, a later page) for both words."""
    found = []
    for word in (RARE, COMMON_WORD):
        found += [
            f"/api/v1/quotes/?search={word}&page_size=50",
            f"/search/?q={word}",
            f"/search/?q={word}&type=quotes",
        ]
    return [*found, f"/search/?q={COMMON_WORD}&type=quotes&page=2"]


def quote_plans(client, path: str) -> list[str]:
    """EXPLAIN of every query reading the quote table while `path` is answered."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            sql = query["sql"]
            if sql.lstrip().upper().startswith("SELECT") and "quotes_quote" in sql:
                cursor.execute(f"EXPLAIN {sql}")
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def test_the_load_fills_every_search_vector_through_the_trigger(loaded):
    assert not Quote.objects.filter(search_vector__isnull=True).exists()
    common = Quote.objects.filter(search_vector=search.search_query(COMMON_WORD)).count()
    assert common > 25 * LIMIT  # the common word is as common, in proportion, as at 1M
    assert Quote.objects.filter(search_vector=search.search_query(RARE)).exists()


def test_no_search_query_scans_the_quote_table(client, loaded):
    scanned = {}
    for path in paths():
        plans = quote_plans(client, path)
        assert plans, path  # the search did read quotes
        scanned[path] = [p for p in plans if re.search(r"Seq Scan on quotes_quote\b", p)]
    assert not any(scanned.values()), scanned


def test_a_rare_word_is_planned_as_rare(loaded):
    """With the vectors' statistics target raised (quotes 0007, articles 0008) the planner
    knows a rare word's few rows, instead of guessing 0.5% of the table (which had it start
    parallel workers to find ten quotes), and a common word's many."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attstattarget FROM pg_attribute"
            " WHERE attname = 'search_vector' AND NOT attisdropped"
            " AND attrelid::regclass::text IN"
            " ('quotes_quote', 'quotes_person', 'quotes_film', 'articles_article')"
        )
        assert dict(cursor.fetchall()) == dict.fromkeys(
            ("quotes_quote", "quotes_person", "quotes_film", "articles_article"), 10000
        )

    def estimate(word: str) -> int:
        query = Quote.objects.filter(search_vector=search.search_query(word))
        plan = query.explain(format="json")
        return json.loads(plan)[0]["Plan"]["Plan Rows"]

    rare = Quote.objects.filter(search_vector=search.search_query(RARE)).count()
    common = Quote.objects.filter(search_vector=search.search_query(COMMON_WORD)).count()
    assert estimate(RARE) <= 3 * rare
    assert estimate(COMMON_WORD) >= common / 2
