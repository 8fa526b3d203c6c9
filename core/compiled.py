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
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, cached_property

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.models import DateTimeField, Manager, Model, QuerySet
from django.db.models.expressions import Expression, RawSQL
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


@contextmanager
def compiling(marker: datetime) -> Iterator[None]:
    """`now()` is `marker` within the block."""
    token = compiling_at.set(marker)
    try:
        yield
    finally:
        compiling_at.reset(token)


class Moment(Expression):
    """`now()` in a rule, read when its statement is compiled rather than when the queryset is
    built: a rule built once (`kept_queryset`) then compares with the time of each use."""

    output_field = DateTimeField()

    def as_sql(self, compiler, connection):
        return "%s", [connection.ops.adapt_datetimefield_value(now())]


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


# Statements, keyed rows and kept querysets, by key.
statements: dict[object, object] = {}
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


def kept_queryset(key: object, build: Callable[[], QuerySet]) -> QuerySet:
    """`build()`, built once per process and cloned at each use: for a rule whose building
    (a chain of joined conditions) took longer than compiling it. The time it compares with
    must be a `Moment`; one read from the clock while building is refused, as it would go
    stale."""
    found = statements.get(key)
    if found is None:
        with lock:
            found = statements.get(key)
            if found is None:
                found = statements[key] = keep_queryset(key, build)
    return found.all()


def keep_queryset(key: object, build: Callable[[], QuerySet]) -> QuerySet:
    # Built at one marker and compiled at the other, it must give what a queryset built and
    # compiled at the second gives: a time read while building would be the first marker.
    with compiling(MARKERS[0]):
        kept = build()
    with compiling(MARKERS[1]):
        same = kept.query.sql_with_params() == build().query.sql_with_params()
    if not same:
        raise ImproperlyConfigured(
            f"The queryset {key!r} reads the time while it is built: kept, it would go stale "
            "(compare with core.compiled.Moment() instead)."
        )
    return kept


class PublishedManager(Manager):
    """A manager whose `published()` is its queryset's, built once per process and cloned at
    each use (`kept_queryset`): every public read starts there, and building the rule (joins
    up a quote's chain, a held record's uses) cost more than compiling it. A queryset's own
    `published()`, after other filters, is built as usual."""

    def published(self) -> QuerySet:
        return kept_queryset(("published", self.model), lambda: self.get_queryset().published())


def compile_statement(key: object, build: Callable[[], QuerySet]) -> Statement:
    compiled = []
    for marker in MARKERS:
        with compiling(marker):
            queryset = build()
            compiled.append(queryset.query.sql_with_params())
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


class KeptSubquery(RawSQL):
    """A statement kept compiled, as a subquery bound to `now()` when the statement around it
    is compiled (inside another statement's compilation, to its marker), as a `Moment` is."""

    def __init__(self, found: Statement):
        super().__init__(found.sql, found.params)
        self.statement = found

    def as_sql(self, compiler, connection):
        return f"({self.sql})", self.statement.bind(now(), connection.alias)


def subquery(key: object, build: Callable[[], QuerySet]) -> RawSQL:
    """`build()`, a queryset of one column, as a subquery compiled once (see the module)."""
    return KeptSubquery(statement(key, build))


def as_moment(value) -> datetime | None:
    """A time read by a raw cursor, as the ORM would give it (SQLite gives text)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


# Ids no table holds, each standing for the keys of one compilation of a `KeyedRows` statement.
KEY_MARKERS = (-(10**15), -2 * 10**15)


@dataclass(frozen=True)
class KeyedRows:
    """A `.values()` queryset over a list of keys (the ids of a page's rows), compiled for one
    number of keys: `rows(keys)` binds the keys and the time and reads the rows as `.values()`
    gives them, through the converters Django's compiler names for each column."""

    sql: str
    params: tuple
    moments: tuple[int, ...]
    # (where in `params`, which key)
    slots: tuple[tuple[int, int], ...]
    names: tuple[str, ...]
    # (column, its converters)
    converters: tuple[tuple[int, tuple], ...]
    expressions: tuple
    model: type[Model]

    def rows(self, keys: list, generic_plan: bool = False) -> list[dict]:
        using = router.db_for_read(self.model)
        connection = connections[using]
        params = list(self.params)
        moment = connection.ops.adapt_datetimefield_value(now())
        for at in self.moments:
            params[at] = moment
        for at, index in self.slots:
            params[at] = keys[index]
        planned = planned_once(using) if generic_plan else nullcontext()
        with planned, connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            found = cursor.fetchall()
        names, converters, expressions = self.names, self.converters, self.expressions
        if not converters:
            # zip stops at the last named column: ordering may select more.
            return [dict(zip(names, row, strict=False)) for row in found]
        out = []
        for row in found:
            row = list(row)
            for at, functions in converters:
                value = row[at]
                for function in functions:
                    value = function(value, expressions[at], connection)
                row[at] = value
            out.append(dict(zip(names, row, strict=False)))
        return out


def keyed_rows(
    key: object,
    build: Callable[[list], QuerySet],
    keys: list,
    *,
    keyless: bool = False,
    generic_plan: bool = False,
) -> list[dict]:
    """The rows of `build(keys)`, a `.values()` queryset, whose SQL is compiled once per
    process for each number of keys (`key` names the builder). No keys read nothing, unless
    the builder reads none (`keyless`: a page's navigation). With `generic_plan`, the database
    plans it once for all keys (`planned_once`)."""
    keys = list(keys)
    if not keys and not keyless:
        return []
    slot = (key, len(keys))
    found = statements.get(slot)
    if found is None:
        with lock:
            found = statements.get(slot) or compile_keyed(slot, build, len(keys))
            statements[slot] = found
    return found.rows(keys, generic_plan)


@contextmanager
def planned_once(using: str) -> Iterator[None]:
    """PostgreSQL plans the block's prepared statements once, for any parameters
    (`plan_cache_mode`). For a public rule of many subqueries asked of a few ids, which
    takes longer to plan than to run, and whose custom plans PostgreSQL keeps choosing
    because it prices them below the generic one (docs/performance.md). Elsewhere a no-op.
    `using` is the database the block reads (`router.db_for_read`)."""
    connection = connections[using]
    if connection.vendor != "postgresql" or planning_once.get() == using:
        yield  # nothing to do, or already within such a block
        return
    token = planning_once.set(using)
    try:
        with _generic_plans(connection, using):
            yield
    finally:
        planning_once.reset(token)


# The database whose statements are being planned once (`planned_once`), if any.
planning_once: ContextVar[str | None] = ContextVar("planning_once", default=None)


@contextmanager
def _generic_plans(connection, using: str) -> Iterator[None]:
    if connection.in_atomic_block:
        # In the caller's transaction, where SET LOCAL would hold until it ends: the setting is
        # put back after the block. A block that fails leaves it to the caller's rollback.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
            yield
            cursor.execute("SET LOCAL plan_cache_mode = DEFAULT")
    else:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
            yield


def compile_keyed(slot: object, build: Callable[[list], QuerySet], count: int) -> KeyedRows:
    compiled = []
    marker_keys = [[base - index for index in range(count)] for base in KEY_MARKERS]
    for marker, keys in zip(MARKERS, marker_keys, strict=True):
        with compiling(marker):
            queryset = build(keys)
            compiler = queryset.query.get_compiler(DEFAULT_DB_ALIAS)
            compiled.append(compiler.as_sql())
    (sql, first), (other_sql, second) = compiled
    ops = connections[DEFAULT_DB_ALIAS].ops
    times = tuple(ops.adapt_datetimefield_value(marker) for marker in MARKERS)
    key_index = {}
    for index, (one, other) in enumerate(zip(*marker_keys, strict=True)):
        # A text column's lookup (a slug) prepares the markers as text.
        key_index[one, other] = key_index[str(one), str(other)] = index
    moments, slots = [], []
    stale = sql != other_sql or len(first) != len(second)
    for at, pair in enumerate(zip(first, second, strict=False)):
        if pair == times:
            moments.append(at)
        elif pair in key_index:
            slots.append((at, key_index[pair]))
        elif pair[0] != pair[1]:
            stale = True
    query = queryset.query
    # The columns as `.values()` names them, in the order they are selected.
    names = (*query.extra_select, *query.values_select, *query.annotation_select)
    if compiler.col_count != len(names):
        stale = True
    if stale or sorted(index for _, index in slots) != list(range(count)):
        raise ImproperlyConfigured(
            f"The statement {slot!r} depends on something other than its keys and "
            "core.compiled.now(): compiled once, it would go stale."
        )
    expressions = tuple(column for column, _, _ in compiler.select)
    found = compiler.get_converters(expressions)
    converters = tuple((at, tuple(functions)) for at, (functions, _) in found.items())
    return KeyedRows(
        sql,
        tuple(first),
        tuple(moments),
        tuple(slots),
        names,
        converters,
        expressions,
        queryset.model,
    )


# Columns a page never shows and that are costly to read (a search index's vector).
NEVER_READ = frozenset({"search_vector"})


@dataclass(frozen=True)
class Shape:
    """Which columns make each instance of a keyed queryset: the model's own (`columns`), and
    for each to-one relation read with it, its path, model and columns, parents first."""

    model: type[Model]
    columns: tuple[str, ...]
    relations: tuple[tuple[str, type[Model], tuple[str, ...]], ...]

    @cached_property
    def names(self) -> tuple[str, ...]:
        return (
            *self.columns,
            *(f"{path}__{column}" for path, _, columns in self.relations for column in columns),
        )

    @cached_property
    def links(self) -> tuple[tuple, ...]:
        """Each relation as an instance is made of a row: its path, model, columns, its
        parent's path, the field that holds it, where its id is among its columns, and the
        row's names for its columns."""
        found = []
        for path, of, columns in self.relations:
            parent_path, _, name = path.rpartition("__")
            owner = self.model
            for step in filter(None, parent_path.split("__")):
                owner = owner._meta.get_field(step).related_model
            field = owner._meta.get_field(name)
            pk_at = columns.index(of._meta.pk.attname)
            in_row = tuple(f"{path}__{column}" for column in columns)
            found.append((path, of, columns, parent_path, field, pk_at, in_row))
        return tuple(found)


@cache
def shape_of(
    model: type[Model], related: tuple[str, ...], only: tuple | None = None, narrowed: tuple = ()
) -> Shape:
    """The shape of `model` with its `related` relations; `only` names the model's own columns
    to read, and `narrowed`, pairs of a relation's path and its columns, those of relations."""

    def columns(of: type[Model], kept=None) -> tuple[str, ...]:
        # In the model's order: `Model.from_db` reads a subset of columns in that order.
        found = tuple(f.attname for f in of._meta.concrete_fields if f.name not in NEVER_READ)
        if not kept:
            return found
        if of._meta.pk.attname not in kept:
            raise ImproperlyConfigured(f"Columns of {of.__name__} without its id: {kept!r}")
        return tuple(column for column in found if column in kept)

    kept = dict(narrowed)
    relations = []
    for path in sorted(related, key=lambda path: path.count("__")):
        found = model
        for name in path.split("__"):
            found = found._meta.get_field(name).related_model
        relations.append((path, found, columns(found, kept.get(path))))
    return Shape(model, columns(model, only), tuple(relations))


def instances(
    key: object,
    model: type[Model],
    build: Callable[[list], QuerySet],
    keys: list,
    related=(),
    columns=None,
    keyless: bool = False,
    choose: Callable[[list[dict]], list[dict]] | None = None,
    related_columns: dict[str, tuple[str, ...]] | None = None,
    generic_plan: bool = False,
) -> list:
    """The records of `build(keys)` as model instances (`Model.from_db`, as the ORM makes
    them), each with the to-one relations named in `related` (as `select_related` names them)
    read in the same query; compiled once per process for each number of keys (`keyed_rows`).
    With `columns`, only those of the model's own are read (the rest are deferred, as with
    `only()`), and with `related_columns` (a relation's path to its columns, its id among
    them) only those of a relation. A search index's vector is never read (`NEVER_READ`).
    `generic_plan` as for `keyed_rows`.
    `choose`, given the rows (as `.values()` names their columns), returns those to make
    instances of, in their order: a ranking that reads many rows to keep a few need not build
    them all."""
    narrowed = tuple(sorted((related_columns or {}).items()))
    shape = shape_of(model, tuple(related), columns and tuple(columns), narrowed)
    names = shape.names
    rows = keyed_rows(
        (key, model, *related, *names),
        lambda keys: build(keys).values(*names),
        keys,
        keyless=keyless,
        generic_plan=generic_plan,
    )
    if choose is not None:
        rows = choose(rows)
    using = router.db_for_read(model)
    found = []
    for row in rows:
        record = model.from_db(using, shape.columns, [row[column] for column in shape.columns])
        made = {"": record}
        # Each relation cached as select_related caches it (`RelatedPopulator`): its field's
        # cache is set without the checks of assigning a record (the descriptor's `__set__`),
        # a measurable share of a page of cards (docs/performance.md).
        for path, of, columns, parent_path, field, pk_at, in_row in shape.links:
            parent = made.get(parent_path)
            values = [row[name] for name in in_row]
            child = None if values[pk_at] is None else of.from_db(using, columns, values)
            made[path] = child
            if parent is not None:
                field.set_cached_value(parent, child)
                if field.unique and child is not None:
                    field.remote_field.set_cached_value(child, parent)
        found.append(record)
    return found
