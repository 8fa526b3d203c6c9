"""Timestamps read by psycopg's compiled loader rather than Django's Python one.

Django loads every `timestamptz` through a Python subclass of psycopg's loader, which parses
the text in Python and relabels its zone (Django ticket #36960): on a page of fifty records
that was a tenth of the request (docs/performance.md). When the session's zone is UTC, as
Django sets it with `USE_TZ` and the database's default `TIME_ZONE`, psycopg's own loader
gives the same aware datetimes in `datetime.UTC`. During a request it is registered on the
cursor of every statement (`CompiledTimestampsMiddleware`): the statements kept compiled
(`core.compiled`), which read most rows, and the ORM's own, such as an API list's page query,
which reads the time its cursor stands on for each row. It cannot replace Django's on the
connection, where Django checks its loader's zone before every cursor.
"""

from contextlib import ExitStack
from datetime import UTC
from functools import cache

from django.db import connections


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


def compiled_timestamps(execute, sql, params, many, context):
    """A database execute wrapper (Django's `execute_wrapper`) reading the statement's
    timestamps through psycopg's compiled loader (`use_compiled_loader`)."""
    use_compiled_loader(context["cursor"], context["connection"])
    return execute(sql, params, many, context)


class CompiledTimestampsMiddleware:
    """Every statement a request runs, on any database, reads its timestamps through psycopg's
    compiled loader where the session is in UTC (see the module)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(compiled_timestamps))
            return self.get_response(request)
