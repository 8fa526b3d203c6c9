"""Anonymous API lists read with plain SQL, straight into the JSON they answer with.

A list of 50 quotes through the ORM and DRF's serializers builds some 260 model instances,
compiles five queries (most of a millisecond each for the quote list's joins), runs the
prefetch machinery and deep-copies a serializer's fields, for SQL that takes the database
3 ms. The lists readers and API consumers hit hardest (quotes, articles, films, people) keep a
second read path for the request that needs nothing else: anonymous, JSON, and asking only
for a page (`cursor`, `page_size`). Such a request reads its rows with SQL written out once
(`RowList`) and builds each row's dict directly. Everything around it stays DRF's: the
authentication, throttles and content negotiation before it, the cursor pagination (DRF's own
`CursorPagination`, given a `RowQuery` in place of a queryset), and the response with its
validators and cache entry after it. Any other request (a filter, a search, staff, the
browsable API) takes the serializer path.

Both paths must give the same JSON: `tests/api/test_row_lists.py` pages through every such
list both ways, forwards and backwards, on SQLite and PostgreSQL, and compares.
`RowListMixin.enabled = False` turns the SQL path off.
"""

from datetime import UTC
from typing import Any

from django.db import DEFAULT_DB_ALIAS, Error, connection, connections, models
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

DATE = serializers.DateField()
DATETIME = serializers.DateTimeField()
# What a request may carry and still be answered from rows: a page of the list, as JSON.
PAGE_PARAMS = frozenset({"cursor", "page_size", "format"})


def as_date(value):
    """A date column's value: a `date` from PostgreSQL, ISO text from SQLite."""
    return parse_date(value) if isinstance(value, str) else value


def as_datetime(value):
    """A datetime column's value, aware, as the ORM gives it (SQLite keeps naive UTC)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def date_value(value):
    """What DRF's `DateField` gives for a date value: with the ISO format, the `date` itself,
    which the renderer (orjson) writes as the same text."""
    if not value:
        return None
    if api_settings.DATE_FORMAT.lower() != ISO_8601:
        return DATE.to_representation(as_date(value))
    return as_date(value)


def date_values():
    """`date_value` for the date columns of one list, or None when the values are that as they
    come (PostgreSQL's driver gives `date`s; the ISO format), so that a list does not call a
    function for each of them (see `column`)."""
    if api_settings.DATE_FORMAT.lower() == ISO_8601 and connection.vendor == "postgresql":
        return None
    return date_value


def datetime_values():
    """What DRF's `DateTimeField` gives for the datetimes of one list, as aware datetimes in
    the current time zone, which the renderer (orjson, `cms.api.JSONRenderer`) writes as the
    very text DRF would (ISO 8601, "Z" for UTC). The zone is looked up once per list rather
    than per value (a thread-local read). None when the values are that as they come:
    PostgreSQL's driver gives aware datetimes at the session's zone, which is Django's UTC, and
    a page of articles has a hundred of them."""
    zone = DATETIME.default_timezone()
    if zone is None or api_settings.DATETIME_FORMAT.lower() != ISO_8601:
        return lambda value: DATETIME.to_representation(as_datetime(value)) if value else None
    if getattr(zone, "key", None) == "UTC" or zone is UTC:
        if connection.vendor == "postgresql":
            return None
        return lambda value: as_datetime(value) if value else None
    return lambda value: as_datetime(value).astimezone(zone) if value else None


def column(rows: list[dict], name: str, convert=None) -> list:
    """Column `name` of `rows`, each value through `convert` unless that is None (see
    `date_values`, `datetime_values`)."""
    if convert is None:
        return [row[name] for row in rows]
    return [convert(row[name]) for row in rows]


def execute(db, sql: str, params: list) -> tuple[list[str], list[tuple]]:
    """The column names and rows of `sql` on Django connection `db`.

    On PostgreSQL with prepared statements on (the `prepare_threshold` in DATABASES' OPTIONS,
    see settings), on a cursor that binds its parameters on the server, so that psycopg
    prepares a statement it has run that many times and PostgreSQL plans it once per
    connection: planning the quote list's six-table join cost more than running it. Django's
    own cursors bind on the client and never prepare. Django's errors, thread and transaction
    checks apply as on its cursors. Its cursor wrapper is added only when something listens
    to the query (query logging, counting, an execute wrapper): a bare list spent more of its
    time in the wrapper's calls than in the wrapped ones. The column names are read off the
    result rather than from `cursor.description`, which builds an object for each column."""
    if db.vendor != "postgresql" or db.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            return [column[0] for column in cursor.description], cursor.fetchall()
    db.ensure_connection()
    if db.queries_logged or db.execute_wrappers:
        with db.wrap_database_errors:
            wrapped = db._prepare_cursor(kept_cursor(db))
        wrapped.execute(sql, params)
        cursor = wrapped.cursor
    else:
        db.validate_thread_sharing()
        db.validate_no_broken_transaction()
        cursor = kept_cursor(db)
        with db.wrap_database_errors:
            cursor.execute(sql, params)
    result = cursor.pgresult
    with db.wrap_database_errors:
        rows = cursor.fetchall()
    return [result.fname(i).decode() for i in range(result.nfields)], rows


def kept_cursor(db):
    """The server-binding cursor of Django connection `db`'s database connection, made once
    and kept with it: a psycopg cursor can run any number of statements, and making one (with
    its own adapters) cost as much as a short read. A new connection gets a new cursor."""
    database = db.connection
    kept = getattr(db, "_row_cursor", None)
    if kept is not None and kept.connection is database and not kept.closed:
        return kept
    from django.db.backends.postgresql.base import ServerBindingCursor
    from psycopg.types.datetime import TimestamptzLoader

    kept = ServerBindingCursor(database)
    # psycopg's own (compiled) timestamp loader rather than Django's Python subclass of it:
    # the session's time zone is Django's (UTC), so the values are the same instants, and
    # a page of articles reads a hundred of them.
    kept.adapters.register_loader("timestamptz", TimestamptzLoader)
    db._row_cursor = kept
    return kept


def run_read(read, db=None):
    """`read()`, the request's first use of a kept connection being its own health check.

    Django checks a persistent connection with a `SELECT 1` before a request's first query
    (CONN_HEALTH_CHECKS), a round trip as long as a whole list's query here. A read outside
    any transaction can check itself instead: if the connection turns out dead (the server
    restarted, a pooler dropped it), it is closed and the read runs once more on a new one,
    which is all the health check would have done."""
    db = connections[DEFAULT_DB_ALIAS] if db is None else db
    checking = (
        db.connection is not None
        and db.health_check_enabled
        and not db.health_check_done
        and not db.in_atomic_block
    )
    if not checking:
        return read()
    db.health_check_done = True  # this read is the check: no SELECT 1 before it
    try:
        return read()
    except Error:
        if db.is_usable():
            raise  # the connection is fine: the error is the read's own
    db.close()
    return read()


def fetch(sql: str, params: list) -> list[tuple]:
    db = connections[DEFAULT_DB_ALIAS]  # the `connection` proxy looks it up on every use
    return run_read(lambda: execute(db, sql, params)[1], db)


def dict_rows(sql: str, params: list) -> list[dict]:
    db = connections[DEFAULT_DB_ALIAS]
    names, rows = run_read(lambda: execute(db, sql, params), db)
    return [dict(zip(names, row, strict=True)) for row in rows]


def one_of(column: str, values) -> tuple[str, list]:
    """`column` is any of `values`: `= ANY(%s)` with one array on PostgreSQL (one statement to
    prepare whatever the count), `IN (%s, …)` elsewhere."""
    values = list(values)
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [values]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


class RowQuery:
    """Enough of a QuerySet for DRF's `CursorPagination`: `order_by()`, a `filter()` on the
    position of the ordering's first field, and a slice, which runs the SQL.

    `sql` selects the visible rows (it ends in a WHERE clause); `order` maps each field of
    `model` the pagination may order by to its SQL expression. A slice returns dicts by
    column name, with the ordering fields typed as the ORM would give them, because the
    pagination reads the next cursor's position from them.
    """

    def __init__(self, model, sql: str, params: list, order: dict[str, str]) -> None:
        self.model, self.sql, self.params, self.order = model, sql, params, order
        self.ordering: tuple[str, ...] = ()
        self.conditions: list[tuple[str, Any]] = []

    def clone(self, **changes) -> "RowQuery":
        query = RowQuery(self.model, self.sql, self.params, self.order)
        query.ordering, query.conditions = self.ordering, list(self.conditions)
        for name, value in changes.items():
            setattr(query, name, value)
        return query

    def order_by(self, *fields: str) -> "RowQuery":
        return self.clone(ordering=fields)

    def filter(self, **lookups) -> "RowQuery":
        ((lookup, position),) = lookups.items()
        name, _, operator = lookup.rpartition("__")
        field = self.model._meta.get_field(name)
        # The pagination has checked the position (`cms.api.comparable`).
        value = field.get_db_prep_value(field.to_python(position), connection)
        condition = f"{self.order[name]} {'>' if operator == 'gt' else '<'}"
        return self.clone(conditions=[*self.conditions, (condition, value)])

    def __getitem__(self, page: slice) -> list[dict]:
        sql, params = self.sql, list(self.params)
        for condition, value in self.conditions:
            sql += f" AND {condition} %s"
            params.append(value)
        sql += " ORDER BY " + ", ".join(
            f"{self.order[f.lstrip('-')]} {'DESC' if f.startswith('-') else 'ASC'}"
            for f in self.ordering
        )
        # Written in, not bound: PostgreSQL keeps planning a prepared statement afresh when
        # its LIMIT is a parameter (the generic plan cannot know how many rows it stops at).
        sql += f" LIMIT {int(page.stop - page.start)} OFFSET {int(page.start)}"
        rows = dict_rows(sql, params)
        if connection.vendor == "postgresql":
            return rows  # its driver types every column already
        for name in self.order:
            convert = typed_reader(self.model._meta.get_field(name))
            if convert is not None:
                for row in rows:
                    row[name] = convert(row[name])
        return rows


def typed_reader(field):
    """How a raw column of `field` becomes what the ORM would give (None: as it comes)."""
    if isinstance(field, models.DateTimeField):
        return as_datetime
    if isinstance(field, models.DateField):
        return as_date
    return None


class RowList:
    """One list's SQL read path: `query()` gives the visible rows as a `RowQuery`, and
    `represent()` turns a page of them into what the list's serializer would give, reading
    whatever else the rows show in a fixed number of queries."""

    def query(self, request) -> RowQuery:
        raise NotImplementedError

    def represent(self, rows: list[dict], request) -> list[dict]:
        raise NotImplementedError


class RowListMixin:
    """For a viewset with a `row_list`: answer a plain anonymous page of the list from rows
    (see the module docstring). Put it after `CachedReadMixin` and `ConditionalMixin` in the
    bases, so that a cached answer is still found first and a fresh one still gets its
    validators and is stored."""

    enabled = True
    row_list: RowList | None = None

    def list(self, request, *args, **kwargs):
        if not self.answers_from_rows(request):
            return super().list(request, *args, **kwargs)
        # The paginator itself, not `self.paginate_queryset()`: views extend that for models.
        page = self.paginator.paginate_queryset(self.row_list.query(request), request, view=self)
        return self.paginator.get_paginated_response(self.row_list.represent(page, request))

    def answers_from_rows(self, request) -> bool:
        return (
            RowListMixin.enabled
            and self.row_list is not None
            and not request.user.is_authenticated
            and request.accepted_renderer.format == "json"
            and PAGE_PARAMS.issuperset(request.query_params)
        )
