"""Querysets compiled to SQL once per process, their parameters bound at each use.

Django builds and compiles a queryset's SQL every time it runs it. For a rule made of several
subqueries (the uses that make a writer's new person public, the next scheduled change) that
costs more than the database's answer (docs/performance.md). Here such a queryset is built
and compiled once per process; the rule stays where it is written, in the querysets, and the
SQL is theirs (`Query.sql_with_params()`).

The one value that changes from use to use is the time. Builders read it from `now()`, which
while a statement compiles gives a marker instead: the statement is compiled twice with two
markers, and the parameters that differ are those where the time goes. Any other difference
(a builder that read `timezone.now()` itself, or counted from now) is refused at once, as a
statement that would go stale.
"""

import threading
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Model, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_datetime

# Two times no query asks about, each standing for "now" in one compilation.
MARKERS = (
    datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=UTC),
    datetime(1902, 3, 4, 5, 6, 7, 890123, tzinfo=UTC),
)
compiling_at: ContextVar[datetime | None] = ContextVar("compiling_at", default=None)


def now() -> datetime:
    """The time a public rule compares with: the clock, or a marker while compiling."""
    return compiling_at.get() or timezone.now()


@dataclass(frozen=True)
class Statement:
    sql: str
    params: tuple
    # Where in `params` the time goes.
    moments: tuple[int, ...]
    model: type[Model]

    def bind(self, moment: datetime, using: str = DEFAULT_DB_ALIAS) -> list:
        params = list(self.params)
        value = connections[using].ops.adapt_datetimefield_value(moment)
        for at in self.moments:
            params[at] = value
        return params

    def fetch_one(self, moment: datetime) -> tuple | None:
        """The first row, read where the router sends reads of the statement's model."""
        using = router.db_for_read(self.model)
        with connections[using].cursor() as cursor:
            cursor.execute(self.sql, self.bind(moment, using))
            return cursor.fetchone()


statements: dict[object, Statement] = {}
# Reentrant: a statement may be built of others (an outlet is public through public films).
lock = threading.RLock()


def statement(key: object, build: Callable[[], QuerySet]) -> Statement:
    """`build()`'s SQL, compiled at the first use of `key` in this process."""
    found = statements.get(key)
    if found is None:
        with lock:
            found = statements.get(key) or compile_statement(key, build)
            statements[key] = found
    return found


def compile_statement(key: object, build: Callable[[], QuerySet]) -> Statement:
    compiled = []
    for marker in MARKERS:
        token = compiling_at.set(marker)
        try:
            queryset = build()
            compiled.append(queryset.query.sql_with_params())
        finally:
            compiling_at.reset(token)
    (sql, first), (other_sql, second) = compiled
    ops = connections[DEFAULT_DB_ALIAS].ops
    markers = tuple(ops.adapt_datetimefield_value(marker) for marker in MARKERS)
    moments = []
    for at, pair in enumerate(zip(first, second, strict=False)):
        if pair == markers:
            moments.append(at)
        elif pair[0] != pair[1]:
            break
    else:
        if sql == other_sql and len(first) == len(second):
            return Statement(sql, tuple(first), tuple(moments), queryset.model)
    raise ImproperlyConfigured(
        f"The statement {key!r} depends on something other than core.compiled.now(): "
        "compiled once, it would go stale."
    )


def subquery(key: object, build: Callable[[], QuerySet]) -> RawSQL:
    """`build()`, a queryset of one column, as a subquery compiled once (see the module), bound
    to `now()`: inside another statement's compilation, to its marker."""
    found = statement(key, build)
    return RawSQL(found.sql, found.bind(now()))


def as_moment(value) -> datetime | None:
    """A time read by a raw cursor, as the ORM would give it (SQLite gives text)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value
