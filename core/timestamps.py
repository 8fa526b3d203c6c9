"""Timestamps read by psycopg's compiled loader rather than Django's Python one.

Django loads every `timestamptz` through a Python subclass of psycopg's loader, which parses
the text in Python and relabels its zone (Django ticket #36960): on a page of fifty records
that was a tenth of the request (docs/performance.md). When the session's zone is UTC, as
Django sets it with `USE_TZ` and the database's default `TIME_ZONE`, psycopg's own loader
gives the same aware datetimes in `datetime.UTC`. It is registered on the cursors of the
statements kept compiled (`core.compiled`), which read most rows; it cannot replace Django's
on the connection, where Django checks its loader's zone before every cursor.
"""

from datetime import UTC
from functools import cache


@cache
def loader():
    from psycopg import adapters, postgres, pq

    oid = postgres.types["timestamptz"].oid
    return oid, adapters.get_loader(oid, pq.Format.TEXT)


def use_compiled_loader(cursor, connection) -> None:
    """On `cursor` (Django's, of `connection`), psycopg's own timestamptz loader, when the
    session is in UTC as Django keeps it; otherwise nothing changes."""
    if connection.vendor != "postgresql" or connection.timezone != UTC:
        return
    session = cursor.cursor.connection
    if session.info.parameter_status("TimeZone") != "UTC":
        return
    oid, found = loader()
    cursor.cursor.adapters.register_loader(oid, found)
