"""Timestamps read through psycopg's compiled loader (`core.timestamps`) are the ORM's."""

from datetime import UTC, datetime

import pytest
from django.db import connection

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
        django_loader = cursor.cursor.adapters.get_loader(1184, 0)
        use_compiled_loader(cursor, connection)
        assert cursor.cursor.adapters.get_loader(1184, 0) is not django_loader
    with connection.cursor() as cursor:
        # A new cursor has Django's again: nothing was registered on the connection.
        assert cursor.cursor.adapters.get_loader(1184, 0) is django_loader
        cursor.execute("SET TIME ZONE 'Europe/Paris'")
        try:
            use_compiled_loader(cursor, connection)
            assert cursor.cursor.adapters.get_loader(1184, 0) is django_loader
        finally:
            cursor.execute("SET TIME ZONE 'UTC'")
