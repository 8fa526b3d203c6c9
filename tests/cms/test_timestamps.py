"""Timestamps read through psycopg's compiled loader (`core.timestamps`) are the ORM's."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from psycopg.pq import Format

from core import compiled
from core.timestamps import use_compiled_loader
from quotes.models import Quote
from tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db


def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("psycopg's loader is PostgreSQL's")


def test_a_kept_statement_reads_the_same_aware_utc_datetimes_as_the_orm():
    postgresql_only()
    stamp = datetime(2025, 6, 9, 14, 30, 15, 123456, tzinfo=UTC)
    quote = QuoteFactory()
    Quote.objects.filter(pk=quote.pk).update(created_at=stamp)
    rows = compiled.keyed_rows(
        "test timestamps", lambda keys: Quote.objects.filter(pk__in=keys).values("created_at"),
        [quote.pk],
    )  # fmt: skip
    read = rows[0]["created_at"]
    assert read == stamp == Quote.objects.get(pk=quote.pk).created_at
    assert read.tzinfo is UTC


def test_the_loader_is_the_cursors_own_and_only_where_the_session_is_in_utc():
    postgresql_only()
    with connection.cursor() as cursor:
        django_loader = timestamp_loader(cursor)
        use_compiled_loader(cursor, connection)
        assert timestamp_loader(cursor) is not django_loader
    with connection.cursor() as cursor:
        # A new cursor has Django's again: nothing was registered on the connection.
        assert timestamp_loader(cursor) is django_loader
        cursor.execute("SET TIME ZONE 'Europe/Paris'")
        try:
            use_compiled_loader(cursor, connection)
            assert timestamp_loader(cursor) is django_loader
        finally:
            cursor.execute("SET TIME ZONE 'UTC'")


def loaders_seen(statements: list):
    """An execute wrapper recording, for each statement, the timestamptz loader its cursor
    read with."""

    def record(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        statements.append(timestamp_loader(context["cursor"]))
        return result

    return record


def timestamp_loader(cursor):
    """The loader `cursor` (Django's) reads a `timestamptz` in text with."""
    return cursor.cursor.adapters.get_loader(timestamptz_oid(), Format.TEXT)


def timestamptz_oid() -> int:
    from core.timestamps import loader

    return loader()[0]


def test_every_statement_of_a_request_reads_timestamps_with_the_compiled_loader(client):
    """An API list's own page query (the ORM's, not a kept statement) reads the time its cursor
    stands on for each row: through psycopg's loader, and the values are the ORM's."""
    postgresql_only()
    from articles.models import Article
    from tests.factories import ArticleFactory

    for _ in range(3):
        ArticleFactory()
    statements: list = []
    with connection.execute_wrapper(loaders_seen(statements)):
        response = client.get("/api/v1/articles/")
    assert response.status_code == 200
    assert statements
    assert all(type(found) is type(compiled_loader()) for found in statements)
    stamps = {row["published_at"] for row in response.json()["results"]}
    assert stamps == {
        article.published_at.isoformat().replace("+00:00", "Z")
        for article in Article.objects.published()
    }
    # Outside a request the ORM's cursors keep Django's loader.
    statements.clear()
    with connection.execute_wrapper(loaders_seen(statements)):
        list(Article.objects.values_list("published_at", flat=True))
    assert type(statements[0]) is not type(compiled_loader())


def compiled_loader():
    from core.timestamps import loader

    return loader()[1]
