"""The desk's writes read a quote's nested lines, and an article's featured quotes with theirs,
through the `parent` index: no self-join or DISTINCT in an `OR`, which read every quote
(0.6 s a quote save or delete, 0.15-0.25 s an article's publish or edit at a million quotes;
docs/performance.md, "The desk's writes at a million quotes").

The shape is checked on every database; the plans on PostgreSQL, over a few thousand quotes
loaded with `seed_bulk` (on a tiny table a sequential scan is legitimately the cheapest)."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.services import featured_and_lines, unapproved_quotes
from quotes.models import Quote
from tests.factories import ArticleFactory, FeaturedQuoteFactory, QuoteFactory

pytestmark = pytest.mark.django_db

PENDING = Quote.State.PENDING


def quote_reads(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT") and "quotes_quote" in q["sql"]
    ]


def joins_quotes(sql: str) -> bool:
    """A statement joining the quote table (to itself, or to the featured quotes)."""
    return bool(re.search(r'JOIN "(quotes_quote|articles_featuredquote)"', sql))


def make_lines():
    top = QuoteFactory()
    line = QuoteFactory(parent=top, state=PENDING)
    deeper = QuoteFactory(parent=line, state=PENDING)
    return top, line, deeper, QuoteFactory()


@pytest.fixture
def lines():
    """A quote, a line in it, a line in that line, and a quote apart."""
    return make_lines()


def test_a_quotes_keys_name_its_lines_read_without_a_join(lines):
    top, line, deeper, apart = lines
    with CaptureQueriesContext(connection) as queries:
        keys = top.surrogate_keys()
    assert {f"quote-{line.pk}", f"quote-{deeper.pk}"} <= keys
    assert f"quote-{apart.pk}" not in keys
    assert not [sql for sql in quote_reads(queries) if joins_quotes(sql)]
    assert f"quote-{deeper.pk}" in line.surrogate_keys()


def test_an_articles_featured_quotes_and_lines_are_read_without_a_join(lines):
    top, line, deeper, apart = lines
    article = ArticleFactory()
    FeaturedQuoteFactory(article=article, quote=top)
    with CaptureQueriesContext(connection) as queries:
        pending = set(unapproved_quotes(article))
        shown = set(featured_and_lines([top.pk]))
    # One level of lines, as before: a line two deep shows only its own parent.
    assert pending == {line}
    assert shown == {top, line}
    assert not [sql for sql in quote_reads(queries) if joins_quotes(sql) or "DISTINCT" in sql]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_no_write_query_scans_the_quote_table():
    call_command("seed_bulk", "--quotes=6000", "--seed=1", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE quotes_quote")
    top, line, deeper, apart = make_lines()
    article = ArticleFactory()
    FeaturedQuoteFactory(article=article, quote=top)
    with CaptureQueriesContext(connection) as queries:
        top.surrogate_keys()
        list(unapproved_quotes(article))
        unapproved_quotes(article).count()
        list(featured_and_lines([top.pk]))
    plans = []
    with connection.cursor() as cursor:
        for sql in quote_reads(queries):
            cursor.execute(f"EXPLAIN {sql}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    assert len(plans) >= 4
    assert not [p for p in plans if re.search(r"Seq Scan on quotes_quote\b", p)], plans
