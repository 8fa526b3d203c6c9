"""How the bulk seeder writes rows: COPY on PostgreSQL (foreign keys and secondary indexes
dropped and re-created around it), batched inserts elsewhere, with progress and figures."""

from __future__ import annotations

import io
import sys
import time
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

from articles.models import Article, Author, Byline, FeaturedQuote, Section
from quotes.models import (
    BoxOfficeFigure,
    Character,
    Credit,
    Film,
    Franchise,
    Outlet,
    Person,
    Quote,
    Source,
)

# Every model written here, in an order that also suits SQLite's deferred foreign keys.
MODELS = (
    Franchise,
    Outlet,
    Person,
    Character,
    Film,
    Credit,
    Source,
    BoxOfficeFigure,
    Quote,
    Quote.films.through,
    Section,
    Author,
    Article,
    Article.films.through,
    Article.people.through,
    Article.sources.through,
    FeaturedQuote,
    Byline,
)


class Progress:
    """A one-line progress bar on stderr; on a pipe, one summary line per phase."""

    def __init__(self, stream=None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.live = enabled and self.stream.isatty()

    def track(self, label: str, items: Iterable, total: int) -> Iterator:
        start = last = time.perf_counter()
        count = 0
        for count, item in enumerate(items, 1):
            yield item
            if self.live and count % 2000 == 0 and time.perf_counter() - last > 0.2:
                last = time.perf_counter()
                self.draw(label, count, total, last - start)
        if self.enabled:
            self.draw(label, count, total, time.perf_counter() - start)
            self.stream.write("\n")
            self.stream.flush()

    def draw(self, label: str, count: int, total: int, elapsed: float) -> None:
        share = count / total if total else 1.0
        bar = "#" * int(share * 30)
        rate = count / elapsed if elapsed > 0 else 0.0
        self.stream.write(
            f"\r{label:<16} [{bar:<30}] {count:>9,}/{total:,} {elapsed:6.1f}s {rate:>9,.0f}/s"
        )
        self.stream.flush()

    def note(self, text: str) -> None:
        if self.enabled:
            self.stream.write(text + "\n")
            self.stream.flush()


class TableWriter:
    """Rows for one table, written by COPY (PostgreSQL) or batched executemany (elsewhere)."""

    BATCH = 5000

    def __init__(self, cursor, model: type[models.Model], *, with_pk: bool = True) -> None:
        now = timezone.now()
        fields = [
            f
            for f in model._meta.concrete_fields
            if not getattr(f, "generated", False) and (with_pk or not f.primary_key)
        ]
        self.keys = [f.attname for f in fields]
        self.defaults = [
            now
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            # A field with no default and no value is left None: the database says if that's wrong.
            else (f.get_default() if not f.primary_key else None)
            for f in fields
        ]
        self.pairs = list(zip(self.keys, self.defaults, strict=True))
        # Elsewhere than PostgreSQL, values go through the fields' own conversion (SQLite
        # stores datetimes as naive UTC text, for one), as the ORM would do.
        self.adapters = [f.get_db_prep_save for f in fields]
        self.table = model._meta.db_table
        self.cursor = cursor
        self.count = 0
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            self.sql = f"COPY {connection.ops.quote_name(self.table)} ({columns}) FROM STDIN"
        else:
            marks = ", ".join(["%s"] * len(fields))
            self.sql = (
                f"INSERT INTO {connection.ops.quote_name(self.table)} ({columns}) VALUES ({marks})"
            )
        self.batch: list[tuple] = []
        self.copy = None

    def __enter__(self) -> TableWriter:
        if self.postgres:
            self.copy_context = self.cursor.copy(self.sql)
            self.copy = self.copy_context.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self.postgres:
            self.copy_context.__exit__(*exc)
        elif exc[0] is None:
            self.flush()

    def write(self, row: dict) -> None:
        values = tuple([row.get(key, default) for key, default in self.pairs])
        self.count += 1
        if self.copy is not None:
            self.copy.write_row(values)
            return
        self.batch.append(
            tuple(
                adapt(value, connection) for adapt, value in zip(self.adapters, values, strict=True)
            )
        )
        if len(self.batch) >= self.BATCH:
            self.flush()

    def write_pairs(self, left: array, right: array) -> None:
        """Many two-column rows at once (a many-to-many table without its id)."""
        if self.copy is not None:
            buffer = io.StringIO()
            for start in range(0, len(left), 100_000):
                buffer.seek(0)
                buffer.truncate()
                buffer.writelines(
                    f"{a}\t{b}\n"
                    for a, b in zip(
                        left[start : start + 100_000], right[start : start + 100_000], strict=True
                    )
                )
                self.copy.write(buffer.getvalue())
        else:
            for start in range(0, len(left), self.BATCH):
                self.cursor.executemany(
                    self.sql,
                    list(
                        zip(
                            left[start : start + self.BATCH],
                            right[start : start + self.BATCH],
                            strict=True,
                        )
                    ),
                )
        self.count += len(left)

    def flush(self) -> None:
        if self.batch:
            self.cursor.executemany(self.sql, self.batch)
            self.batch = []


@dataclass
class Counts:
    quotes: int
    articles: int
    people: int
    films: int
    characters: int
    outlets: int
    sources: int

    @classmethod
    def for_quotes(
        cls,
        quotes: int,
        *,
        articles: int | None = None,
        people: int | None = None,
        films: int | None = None,
    ) -> Counts:
        # At least two pages of 50 films at every size, so that a list page compares like
        # with like between a small dataset and a large one.
        films = max(100, quotes // 400) if films is None else films
        return cls(
            quotes=quotes,
            articles=max(10, quotes // 25) if articles is None else articles,
            people=max(20, quotes // 40) if people is None else people,
            films=films,
            characters=max(10, quotes // 200, films * 2),
            outlets=min(500, max(12, quotes // 2000)),
            sources=max(5, quotes // 8),
        )


@dataclass
class LoadReport:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    quote_rows: tuple[int, int] = (0, 0)

    @property
    def quote_rate(self) -> float:
        """Quote rows per second: generating and writing them, then building the quote table's
        indexes and validating its foreign keys (not its film links: COPY's figure has none)."""
        seconds = sum(
            self.seconds.get(label, 0.0)
            for label in ("quotes", "quote indexes", "quote foreign keys")
        )
        return self.counts.get("quotes", 0) / seconds if seconds else 0.0

    def summary(self) -> str:
        parts = [f"{n:,} {name}" for name, n in self.counts.items()]
        total = self.seconds.get("total", 0.0)
        return f"{', '.join(parts)} in {total:.1f}s ({self.quote_rate:,.0f} quotes/s)"


class Ids:
    """Ids handed out above a table's current maximum, so rows can point at rows not yet written."""

    def __init__(self, cursor, model: type[models.Model]) -> None:
        cursor.execute(
            f"SELECT COALESCE(MAX({connection.ops.quote_name(model._meta.pk.column)}), 0) "
            f"FROM {connection.ops.quote_name(model._meta.db_table)}"
        )
        self.next = cursor.fetchone()[0] + 1

    def take(self, n: int = 1) -> int:
        first = self.next
        self.next += n
        return first


def reset_tables(cursor) -> None:
    """Delete every row of the tables written here (and, on PostgreSQL, rows referencing them)."""
    tables = [model._meta.db_table for model in MODELS]
    if connection.vendor == "postgresql":
        names = ", ".join(connection.ops.quote_name(t) for t in tables)
        cursor.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        return
    for table in reversed(tables):
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


@contextmanager
def relaxed_tables(cursor, report: LoadReport, progress: Progress) -> Iterator[None]:
    """On PostgreSQL, drop foreign keys and secondary indexes for the load and re-create them
    afterwards in the same transaction: building an index once beats updating it a million
    times, and re-adding a foreign key validates every row in one pass. Unique and primary key
    constraints stay, so duplicates still fail at once."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in MODELS]
    # Index builds sort in memory when they may: a GIN index over a million texts builds
    # several times faster with room to work (for this transaction only).
    cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
        "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])",
        [tables],
    )
    foreign_keys = cursor.fetchall()
    cursor.execute(
        "SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, "
        "pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
        [tables],
    )
    indexes = cursor.fetchall()
    for table, name, _ in foreign_keys:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
    for _, name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    yield
    quote_table = Quote._meta.db_table
    for label, only_quotes in (("quote indexes", True), ("other indexes", False)):
        started = time.perf_counter()
        for table, _, definition in indexes:
            if (table == quote_table) == only_quotes:
                cursor.execute(definition)
        report.seconds[label] = time.perf_counter() - started
    for label, only_quotes in (("quote foreign keys", True), ("other foreign keys", False)):
        started = time.perf_counter()
        for table, name, definition in foreign_keys:
            if (table == quote_table) == only_quotes:
                name = connection.ops.quote_name(name)
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
        report.seconds[label] = time.perf_counter() - started
    for label in ("quote indexes", "other indexes", "quote foreign keys", "other foreign keys"):
        progress.note(f"{label:<18} {report.seconds[label]:6.1f}s")


def reset_sequences(cursor) -> None:
    for sql in connection.ops.sequence_reset_sql(no_style(), MODELS):
        cursor.execute(sql)


def analyze(progress: Progress) -> None:
    """Fresh statistics, so the planner sees a million rows rather than an empty table."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("ANALYZE")
        else:
            for model in MODELS:
                table = connection.ops.quote_name(model._meta.db_table)
                # VACUUM (which also sets the visibility map, as autovacuum would in production)
                # cannot run inside a transaction, e.g. a test's.
                verb = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
                cursor.execute(f"{verb} {table}")
    progress.note(f"analyze          {time.perf_counter() - started:.1f}s")
