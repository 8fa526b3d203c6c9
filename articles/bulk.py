"""Bulk data at newsroom scale: a million quotes with everything they point at, reproducibly.

`seed_bulk(quotes=N, ...)` writes people, characters, franchises, films with credits and
box-office figures, outlets, sources with via chains of one to three hops, quotes (a person or a
character speaking, about 5% nested in another quote, with films, verification and workflow
states) and articles in every workflow state with their featured quotes.

Speed comes from three choices:
- ids are allocated here (above each table's current maximum), so rows referencing each other are
  written directly, with no round trip to learn an id; sequences are moved past them afterwards;
- on PostgreSQL rows are streamed with `COPY ... FROM STDIN` (psycopg 3 `write_row`), after
  dropping the table's foreign keys and secondary indexes, which are re-created (and so
  re-validated) in the same transaction: PostgreSQL's own advice for populating a database;
  elsewhere (SQLite) rows go in with batched `executemany`;
- text is built from word lists with a seeded `random.Random` per phase, so the same seed gives
  the same texts whatever else changes.

Rows are dicts keyed by field `attname`; a column not given takes the model field's default, so a
new column needs no change here, or one line in the row dict when its value is derived.
Article `body_html` is built directly as `<p>` paragraphs of escaped plain text: exactly what
`articles.markup.render_markdown` makes of such a body (a test checks a sample), without paying
for Markdown and nh3 a hundred thousand times.
"""

from __future__ import annotations

import bisect
import html
import io
import itertools
import random
import sys
import time
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

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

from .models import Article, FeaturedQuote

# Words that occur in a handful of quotes only (RARE_COUNT each, whatever the size, so that a
# rare word's search finds as many rows at ten thousand quotes as at a million): the rare end of
# the search benchmark. COMMON_WORD occurs in roughly a fifth of all quotes.
RARE_WORDS = ("palimpsest", "zugzwang", "susurrus", "quincunx", "defenestration")
COMMON_WORD = "film"
RARE_COUNT = 10

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
    Article,
    Article.films.through,
    Article.people.through,
    Article.sources.through,
    FeaturedQuote,
)


def words(text: str) -> tuple[str, ...]:
    return tuple(text.replace("_", " ").split())


FIRST_NAMES = words(
    "Len Maya Omar Priya Jonah Ines Tomasz Aiko Marcus Delphine Kwame Sofia Rafael Hannah Theo "
    "Lucia Ibrahim Greta Mateo Yara Callum Nadia Felix Amara Ruben Chloe Dmitri Leila Oscar "
    "Beatriz "
    "Wes Anouk Idris Saoirse Kenji Paloma Ezra Freya Tariq Margot Silas Noor Anders Imogen Diego "
    "Zadie Hugo Esme Laszlo Rosa Viktor Elif Bruno Juno Cyrus Lena Otto Mira Arlo Celeste Nico "
    "Thandiwe Emeka Astrid Joaquin Ingrid Rami Fleur Sebastian Wren Keanu Isabela Alistair Dev"
)
LAST_NAMES = words(
    "Wiseman Okafor Haddad Raman Ellery Moreau Kowalski Tanaka Lindqvist Achebe Castellano Brandt "
    "Oyelaran Fischer Delacroix Nakamura Abernathy Costa Varga Mbeki Holloway Petrov Santoro "
    "Quigley Amari Whitcombe Yilmaz Bergstrom Calloway Duarte Eriksen Fontaine Galloway Hartmann "
    "Iwu Jovanovic Kaplan Larkspur Mendoza Novak Ostrowski Pellegrini Quaid Rinaldi Sorensen "
    "Thorne Ueda Valdez Winslow Xu Yeats Zamora Ashdown Blackwood Carrow Dunmore Everly Fairbanks "
    "Greer Hale Ibarra Jessup Kincaid Lowell Marchetti Nightingale Oduya Prentiss Rourke Stavros"
)
NICKNAMES = words("Jonny Mags Ace Bash Kit Dee Roo Sunny Red Moss Birdie Flash Tink Duke")

TITLE_ADJ = words(
    "Last Silent Crimson Hollow Iron Broken Midnight Golden Savage Frozen Electric Distant "
    "Burning Forgotten Wild Secret Velvet Shattered Final Lonely Brave Hidden Restless Pale"
)
TITLE_NOUN = words(
    "Ballerina Kingdom Harbour Signal Orchard Empire Witness Horizon Garden Protocol Reckoning "
    "Lantern Frontier Citadel Requiem Covenant Tide Machine Paradox Outpost Gambit Sanctuary "
    "Storm Legacy Assassin Heist Dynasty Voyage Mirage Echo"
)
ROLE_NOUNS = words(
    "assassin detective pilot queen rebel mechanic senator witch smuggler captain doctor thief "
    "prophet gunslinger heiress knight hacker courier sheriff ghost"
)
OUTLET_PARTS = words(
    "Reel Frame Screen Marquee Premiere Spotlight Cinema Projector Ticket Lens Boxoffice Scene "
    "Takes Cut Slate Studio Coverage Dispatch Herald Chronicle"
)
OUTLET_SUFFIXES = ("Weekly", "Daily", "Report", "Wire", "Post")
STUDIO_PARTS = words(
    "Meridian Paragon Lionheart Northlight Bluewater Starfall Summit Granite Halcyon"
)
CURRENCIES = {
    "GB": "GBP", "FR": "EUR", "DE": "EUR", "IT": "EUR", "ES": "EUR",
    "JP": "JPY", "KR": "KRW", "MX": "MXN", "AU": "AUD", "BR": "BRL",
}  # fmt: skip
TERRITORY_CODES = tuple(CURRENCIES)

# Quote grammar: each slot draws from its list with Zipf-like weights (earlier words commoner),
# so full-text search sees common words in a large share of rows and a long tail of rarer ones.
SUBJECTS = words(
    "I we I we she he they everyone nobody the_studio the_cast the_crew my_co-star our_director "
    "the_audience my_family the_producers the_writers"
)
ADVERBS = words(
    "really always never honestly finally genuinely just certainly deliberately quietly "
    "desperately instantly slowly stubbornly secretly constantly barely gradually openly happily"
)
VERBS = words(
    "wanted loved needed made found built shot wrote changed trusted pushed chased rewrote "
    "imagined protected fought earned shaped tested questioned celebrated abandoned rehearsed "
    "discovered sharpened choreographed embraced reinvented dismantled rescued unravelled "
    "honoured restored mapped blocked lit edited scored recast reshot storyboarded"
)
DETERMINERS = words("the the this that every our their a my his her one")
ADJECTIVES = words(
    "real new whole big strange quiet bold dark emotional practical physical grounded brutal "
    "tender honest ambitious relentless fragile elegant messy intimate sprawling rough layered "
    "operatic kinetic surreal claustrophobic luminous melancholy sardonic meticulous improbable "
    "feverish baroque understated volcanic threadbare gossamer labyrinthine incandescent"
)
NOUNS = words(
    "film story character world scene fight dance audience script sequence moment franchise "
    "studio director actor role camera set stunt ending idea team shoot crew screenplay sequel "
    "performance rhythm tone spirit heart choreography score edit cut lens premiere festival "
    "trailer premise villain heroine genre budget schedule location rehearsal costume dialogue "
    "montage soundtrack climax prologue epilogue ensemble cameo reboot prequel spinoff "
    "storyboard sketch draft instinct gamble legacy mythology universe timeline"
)
PREPOSITIONS = words("in for about with from into around through behind beyond without inside")
TAILS = (
    "and that was the whole point",
    "and it still surprises me",
    "which nobody expected",
    "and I think people felt that",
    "and we never looked back",
    "and that changed everything for us",
    "even when it hurt",
    "if that makes sense",
    "and the fans deserve that",
    "because that is what the story needed",
)
NEWS_VERBS = words("said told explained added recalled insisted admitted noted argued joked")
NEWS_NOUNS = words(  # words() turns box_office into "box office"
    "release box_office opening_weekend streaming_debut festival_premiere trailer sequel "
    "production casting reshoots rating awards_campaign marketing_push fan_reaction"
)


def cumulative(n: int, exponent: float = 1.0) -> list[float]:
    """Cumulative Zipf weights for n ranked items, for `Random.choices(cum_weights=...)`."""
    return list(itertools.accumulate(1.0 / (rank**exponent) for rank in range(1, n + 1)))


class Slot:
    """One grammatical slot: words drawn with Zipf-like weights, 4,096 at a time (one call to
    `Random.choices` rather than one per word: the generator's hot path)."""

    BUFFER = 4096

    def __init__(self, rng: random.Random, choices: tuple[str, ...]) -> None:
        self.rng = rng
        self.choices = choices
        self.weights = cumulative(len(choices), 0.9)
        self.buffer: list[str] = []
        self.index = 0

    def draw(self) -> str:
        if self.index >= len(self.buffer):
            self.buffer = self.rng.choices(self.choices, cum_weights=self.weights, k=self.BUFFER)
            self.index = 0
        self.index += 1
        return self.buffer[self.index - 1]


class Prose:
    """English-looking news copy from word lists, drawn with one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.subj = Slot(rng, SUBJECTS)
        self.adv = Slot(rng, ADVERBS)
        self.verb = Slot(rng, VERBS)
        self.det = Slot(rng, DETERMINERS)
        self.adj = Slot(rng, ADJECTIVES)
        self.noun = Slot(rng, NOUNS)
        self.prep = Slot(rng, PREPOSITIONS)

    def clause(self) -> str:
        subj, adv, verb = self.subj.draw(), self.adv.draw(), self.verb.draw()
        d1, d2 = self.det.draw(), self.det.draw()
        a1, a2 = self.adj.draw(), self.adj.draw()
        n1, n2 = self.noun.draw(), self.noun.draw()
        shape = self.rng.random()
        if shape < 0.35:
            return f"{subj} {adv} {verb} {d1} {a1} {n1} {self.prep.draw()} {d2} {n2}"
        if shape < 0.6:
            return f"{d1} {n1} was {a1}, and {subj} {verb} {d2} {a2} {n2}"
        if shape < 0.8:
            return f"it's about {d1} {a1} {n1} {self.prep.draw()} {d2} {n2}"
        return f"when {subj} {verb} {d1} {n1}, {subj} {adv} {verb} {d2} {a2} {n2}"

    def sentence(self) -> str:
        text = self.clause()
        if self.rng.random() < 0.3:
            text = f"{text}, {self.rng.choice(TAILS)}"
        return text[0].upper() + text[1:] + "."

    def quote(self, rare: str | None = None) -> str:
        sentences = [self.sentence() for _ in range(self.rng.choice((1, 1, 2, 2, 3)))]
        if rare:
            sentences.append(f"Call it a {rare}, if you like.")
        return " ".join(sentences)

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))


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


def seed_bulk(
    *,
    quotes: int,
    articles: int | None = None,
    people: int | None = None,
    films: int | None = None,
    seed: int = 1,
    reset: bool = False,
    progress: Progress | None = None,
) -> LoadReport:
    """Write a reproducible dataset of `quotes` quotes and everything around it, in one
    transaction: a failure leaves the database as it was."""
    counts = Counts.for_quotes(quotes, articles=articles, people=people, films=films)
    progress = progress or Progress(enabled=False)
    report = LoadReport()
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if reset:
            reset_tables(cursor)
        loader = Loader(cursor, counts, seed, progress, report)
        with relaxed_tables(cursor, report, progress):
            loader.run()
        reset_sequences(cursor)
    analyze(progress)
    report.seconds["total"] = time.perf_counter() - started
    return report


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


@dataclass
class PrimarySource:
    id: int
    published_on: date
    kind: str
    speaker: int  # index into people
    films: tuple[int, ...]


@dataclass
class PlannedArticle:
    quotes: list[int]  # quote indexes


class Loader:
    def __init__(self, cursor, counts: Counts, seed: int, progress: Progress, report) -> None:
        self.cursor = cursor
        self.counts = counts
        self.seed = seed
        self.progress = progress
        self.report = report
        self.now = timezone.now().replace(microsecond=0)
        self.today = self.now.date()
        self.ids = {
            model: Ids(cursor, model) for model in MODELS if model._meta.auto_created is False
        }

    def rng(self, phase: str) -> random.Random:
        return random.Random(f"{self.seed}:{phase}")

    def table(self, model: type[models.Model], *, with_pk: bool = True) -> TableWriter:
        return TableWriter(self.cursor, model, with_pk=with_pk)

    def timed(self, label: str, model, rows: Iterable[dict], total: int, **kwargs) -> None:
        started = time.perf_counter()
        with self.table(model, **kwargs) as writer:
            for row in self.progress.track(label, rows, total):
                writer.write(row)
        self.report.counts[label] = self.report.counts.get(label, 0) + writer.count
        self.report.seconds[label] = time.perf_counter() - started

    def run(self) -> None:
        self.timed("franchises", Franchise, self.franchises(), self.franchise_count)
        self.timed("outlets", Outlet, self.outlets(), self.counts.outlets)
        self.timed("people", Person, self.people(), self.counts.people)
        self.timed("characters", Character, self.characters(), self.counts.characters)
        self.timed("films", Film, self.films(), self.counts.films)
        self.timed("credits", Credit, self.credits(), self.counts.films * 8, with_pk=False)
        self.timed("sources", Source, self.sources(), int(self.counts.sources * 1.75))
        self.timed(
            "box office", BoxOfficeFigure, self.box_office(), self.counts.films * 4, with_pk=False
        )
        self.plan_articles()
        self.quote_films = (array("q"), array("q"))
        self.timed("quotes", Quote, self.quotes(), self.counts.quotes)
        started = time.perf_counter()
        with self.table(Quote.films.through, with_pk=False) as writer:
            writer.write_pairs(*self.quote_films)
        self.report.counts["quote films"] = writer.count
        self.report.seconds["quote films"] = time.perf_counter() - started
        self.report.quote_rows = (self.quote_base, self.quote_base + self.counts.quotes - 1)
        self.timed("articles", Article, self.articles(), self.counts.articles)
        for label, through, column in (
            ("article films", Article.films.through, "film_id"),
            ("article people", Article.people.through, "person_id"),
            ("article sources", Article.sources.through, "source_id"),
        ):
            links = self.article_links[column]
            self.timed(
                label,
                through,
                ({"article_id": a, column: b} for a, b in links),
                len(links),
                with_pk=False,
            )
        self.timed(
            "featured quotes",
            FeaturedQuote,
            self.featured_rows,
            len(self.featured_rows),
            with_pk=False,
        )

    # Reference data -------------------------------------------------------------------------

    @property
    def franchise_count(self) -> int:
        return max(2, self.counts.films // 6)

    def franchises(self) -> Iterator[dict]:
        rng = self.rng("franchises")
        first = self.ids[Franchise].take(self.franchise_count)
        self.franchise_ids = list(range(first, first + self.franchise_count))
        for pk in self.franchise_ids:
            name = f"{rng.choice(TITLE_ADJ)} {rng.choice(TITLE_NOUN)}"
            yield {
                "id": pk,
                "name": name,
                "slug": f"{slugify(name)}-{pk}",
                "description": f"The {name} films and series.",
            }

    def outlets(self) -> Iterator[dict]:
        rng = self.rng("outlets")
        n = self.counts.outlets
        first = self.ids[Outlet].take(n)
        self.outlet_ids: dict[str, list[int]] = {}
        kinds = ["publisher"] * 5 + ["aggregator"] * 3 + ["broadcaster", "agency", "social"]
        for i, pk in enumerate(range(first, first + n)):
            kind = "studio" if i % 6 == 5 else kinds[i % len(kinds)]
            if kind == "studio":
                name = f"{rng.choice(STUDIO_PARTS)} Pictures"
            elif kind == "aggregator":
                name = f"{rng.choice(OUTLET_PARTS)}Newz.com"
            elif kind == "social":
                name = f"{rng.choice(OUTLET_PARTS)}gram"
            else:
                name = f"The {rng.choice(OUTLET_PARTS)} {rng.choice(OUTLET_SUFFIXES)}"
            self.outlet_ids.setdefault(kind, []).append(pk)
            slug = f"{slugify(name)}-{pk}"
            yield {
                "id": pk,
                "name": name,
                "slug": slug,
                "url": f"https://{slug}.example.com/",
                "kind": kind,
            }

    def people(self) -> Iterator[dict]:
        rng = self.rng("people")
        n = self.counts.people
        first = self.ids[Person].take(n)
        self.person_ids = list(range(first, first + n))
        self.person_names: list[str] = []
        prose = Prose(rng)
        for pk in self.person_ids:
            given, family = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            name = f"{given} {family}"
            self.person_names.append(name)
            aliases = [family]
            if rng.random() < 0.15:
                aliases.append(rng.choice(NICKNAMES))
            yield {
                "id": pk,
                "name": name,
                "sort_name": f"{family}, {given}",
                "slug": f"{slugify(name)}-{pk}",
                "aliases": "\n".join(aliases),
                "bio": prose.sentence() if rng.random() < 0.5 else "",
            }
        self.person_weights = cumulative(n, 0.6)

    def characters(self) -> Iterator[dict]:
        rng = self.rng("characters")
        n = self.counts.characters
        first = self.ids[Character].take(n)
        self.character_ids = list(range(first, first + n))
        self.character_names: list[str] = []
        for pk in self.character_ids:
            name = f"{rng.choice(FIRST_NAMES)} the {rng.choice(ROLE_NOUNS).title()}"
            self.character_names.append(name)
            yield {
                "id": pk,
                "name": name,
                "slug": f"{slugify(name)}-{pk}",
                "franchise_id": rng.choice(self.franchise_ids) if rng.random() < 0.6 else None,
                "aliases": name.split()[0],
                "description": "",
            }

    def films(self) -> Iterator[dict]:
        rng = self.rng("films")
        prose = Prose(rng)
        n = self.counts.films
        first = self.ids[Film].take(n)
        self.film_ids = list(range(first, first + n))
        self.film_release: dict[int, date | None] = {}
        studios = self.outlet_ids.get("studio") or [None]
        for i, pk in enumerate(self.film_ids):
            title = f"The {rng.choice(TITLE_ADJ)} {rng.choice(TITLE_NOUN)}"
            if rng.random() < 0.2:
                title = f"{title} {rng.randint(2, 4)}"
            status = (
                "released"
                if rng.random() < 0.8
                else rng.choice(("in_development", "announced", "in_production", "cancelled"))
            )
            release = self.today - timedelta(days=rng.randint(0, 365 * 30))
            if status != "released":
                release = (
                    self.today + timedelta(days=rng.randint(30, 900))
                    if rng.random() < 0.5
                    else None
                )
            self.film_release[pk] = release if status == "released" else None
            yield {
                "id": pk,
                "title": title,
                "slug": f"{slugify(title)}-{pk}",
                "release_on": release,
                "franchise_id": self.franchise_ids[i % len(self.franchise_ids)]
                if rng.random() < 0.4
                else None,
                "studio_id": rng.choice(studios),
                "status": status,
                "synopsis": prose.paragraph(2),
            }
        self.film_weights = cumulative(n, 0.8)

    def credits(self) -> Iterator[dict]:
        rng = self.rng("credits")
        crew = ("director", "writer", "producer", "composer", "cinematographer", "editor")
        for film_id in self.film_ids:
            people = rng.sample(self.person_ids, min(len(self.person_ids), 9))
            position = 0
            for role, person in zip(crew[: rng.randint(2, 5)], people, strict=False):
                yield {"film_id": film_id, "person_id": person, "role": role, "position": position}
                position += 1
            for person in people[5 : 5 + rng.randint(1, 4)]:
                yield {
                    "film_id": film_id,
                    "person_id": person,
                    "role": "cast",
                    "character_id": rng.choice(self.character_ids),
                    "position": position,
                }
                position += 1

    def sources(self) -> Iterator[dict]:
        """Primary sources (where words were said), some relayed through one to three other
        sources: the relays are written first, so each via points at a row already present."""
        rng = self.rng("sources")
        prose = Prose(rng)
        ids = self.ids[Source]
        publishers = self.outlet_ids.get("publisher", []) + self.outlet_ids.get("broadcaster", [])
        relays = self.outlet_ids.get("aggregator", []) + self.outlet_ids.get("agency", [])
        social = self.outlet_ids.get("social") or publishers
        kinds = (
            ["interview"] * 45
            + ["article"] * 15
            + ["press_release"] * 5
            + ["social_post"] * 10
            + ["broadcast"] * 8
            + ["event"] * 9
            + ["dialogue"] * 8
        )
        self.primaries: list[PrimarySource] = []
        span = 365 * 6
        for i in range(self.counts.sources):
            kind = rng.choice(kinds)
            published = self.today - timedelta(days=span - (i * span) // self.counts.sources)
            films = tuple(
                {self.film_ids[j] for j in self.weighted(rng, self.film_weights, rng.randint(0, 2))}
            )
            via = None
            if rng.random() < 0.45:
                hops = rng.choices((1, 2, 3), weights=(6, 3, 1))[0]
                for _ in range(hops):
                    pk = ids.take()
                    outlet = rng.choice(relays or publishers)
                    yield {
                        "id": pk,
                        "outlet_id": outlet,
                        "title": f"{prose.sentence()[:-1]} (report)",
                        "url": f"https://relay-{outlet}.example.com/{pk}",
                        "published_on": published + timedelta(days=rng.randint(0, 2)),
                        "kind": "article",
                        "via_id": via,
                    }
                    via = pk
            pk = ids.take()
            speaker = self.weighted(rng, self.person_weights, 1)[0]
            outlet = rng.choice(social if kind == "social_post" else publishers)
            self.primaries.append(PrimarySource(pk, published, kind, speaker, films))
            yield {
                "id": pk,
                "outlet_id": outlet,
                "title": f"{self.person_names[speaker]} on {rng.choice(NEWS_NOUNS)}",
                "url": f"https://outlet-{outlet}.example.com/{pk}",
                "published_on": published,
                "kind": kind,
                "via_id": via,
                "text": prose.paragraph(4) if rng.random() < 0.05 else "",
            }

    def box_office(self) -> Iterator[dict]:
        rng = self.rng("box office")
        for film_id, release in self.film_release.items():
            if release is None:
                continue
            budget = Decimal(rng.randint(5, 250) * 1_000_000)
            opening = Decimal(rng.randint(1, 180) * 1_000_000 + rng.randint(0, 999_999))
            source = rng.choice(self.primaries).id
            figures = [
                ("budget", "worldwide", budget, release - timedelta(days=30), True),
                ("opening", "domestic", opening, release + timedelta(days=3), False),
                (
                    "cumulative",
                    "worldwide",
                    opening * rng.randint(3, 9),
                    release + timedelta(days=60),
                    False,
                ),
            ]
            if rng.random() < 0.5:
                code = rng.choice(TERRITORY_CODES)
                figures.append(("opening", code, opening / 10, release + timedelta(days=3), True))
            for kind, territory, amount, as_of, estimate in figures:
                yield {
                    "film_id": film_id,
                    "kind": kind,
                    "territory": territory,
                    "amount": amount.quantize(Decimal("0.01")),
                    "currency": CURRENCIES.get(territory, "USD"),
                    "as_of": as_of,
                    "is_estimate": estimate,
                    "source_id": source,
                }

    @staticmethod
    def weighted(rng: random.Random, weights: list[float], k: int) -> list[int]:
        total = weights[-1]
        return [bisect.bisect(weights, rng.random() * total) for _ in range(k)]

    # Quotes -----------------------------------------------------------------------------------

    def plan_articles(self) -> None:
        """Choose each article's featured quotes before the quotes exist, so the quote phase can
        keep just their texts (not a million) for the article bodies."""
        rng = self.rng("article plan")
        n = self.counts.quotes
        self.planned = [
            PlannedArticle(sorted(set(rng.sample(range(n), min(n, rng.randint(1, 4))))))
            for _ in range(self.counts.articles)
        ]
        self.featured: dict[int, dict] = {i: {} for a in self.planned for i in a.quotes}
        # Rare words go into quotes no article features and that are never nested (below), so
        # a rare word's search finds rows of the same kind at every size: a featured one would
        # bring articles into the site search's results, a nested one its parent.
        rare_rng = self.rng("rare words")
        each = min(RARE_COUNT, max(1, n // len(RARE_WORDS)))
        wanted = min(n - len(self.featured), each * len(RARE_WORDS))
        spots: dict[int, None] = {}
        while len(spots) < wanted:
            spot = rare_rng.randrange(n)
            if spot not in self.featured:
                spots[spot] = None
        self.rare_at = {index: RARE_WORDS[k // each] for k, index in enumerate(spots)}

    def quotes(self) -> Iterator[dict]:
        rng = self.rng("quotes")
        prose = Prose(rng)
        n = self.counts.quotes
        self.quote_base = base = self.ids[Quote].take(n)
        primaries = self.primaries
        links_q, links_f = self.quote_films
        verification = ("verified", "unverified", "disputed", "misattributed")
        verification_weights = list(itertools.accumulate((50, 40, 7, 3)))
        state_weights = list(itertools.accumulate((85, 10, 5)))
        states = ("approved", "pending", "rejected")
        character_ids = self.character_ids
        person_ids = self.person_ids
        featured = self.featured
        rare_at = self.rare_at
        now = self.now
        last_top: tuple[int, int] | None = None  # (source index, quote id)
        for i in range(n):
            pk = base + i
            s = (i * len(primaries)) // n
            source = primaries[s]
            is_featured = i in featured
            parent = None
            # About 5% of quotes are nested: a line quoted inside the source's previous quote.
            nest = rng.random() < 0.06
            if nest and not is_featured and i not in rare_at and last_top and last_top[0] == s:
                parent = last_top[1]
            speaker_person = speaker_character = None
            if source.kind == "dialogue" or (parent is not None and rng.random() < 0.6):
                speaker_character = rng.choice(character_ids)
            elif rng.random() < 0.8:
                speaker_person = person_ids[source.speaker]
            else:
                speaker_person = person_ids[self.weighted(rng, self.person_weights, 1)[0]]
            state = "approved" if is_featured else rng.choices(states, cum_weights=state_weights)[0]
            status = rng.choices(verification, cum_weights=verification_weights)[0]
            text = prose.quote(rare_at.get(i))
            created = datetime.combine(
                source.published_on, datetime.min.time(), tzinfo=now.tzinfo
            ) + timedelta(seconds=rng.randint(3600, 86400 * 2))
            if parent is None:
                last_top = (s, pk)
            for film in source.films:
                if rng.random() < 0.8:
                    links_q.append(pk)
                    links_f.append(film)
            if is_featured:
                featured[i] = {
                    "id": pk,
                    "text": text,
                    "person": speaker_person,
                    "speaker": self.speaker_name(speaker_person, speaker_character),
                    "source": source.id,
                    "films": source.films,
                }
            yield {
                "id": pk,
                "created_at": created,
                "updated_at": created,
                "text": text,
                "said_on": source.published_on if rng.random() < 0.9 else None,
                "state": state,
                "verification_status": status,
                "verification_note": "Checked against the recording."
                if status == "verified"
                else ""
                if status == "unverified"
                else f"The {status} line differs from the published transcript.",
                "verified_at": created + timedelta(days=1) if status == "verified" else None,
                "version": 1,
                "parent_id": parent,
                "source_id": source.id,
                "speaker_character_id": speaker_character,
                "speaker_person_id": speaker_person,
            }

    # Articles ---------------------------------------------------------------------------------

    def articles(self) -> Iterator[dict]:
        rng = self.rng("articles")
        prose = Prose(rng)
        statuses = ("draft", "review", "scheduled", "published", "archived")
        status_weights = list(itertools.accumulate((8, 5, 5, 77, 5)))
        first = self.ids[Article].take(len(self.planned))
        self.article_links: dict[str, list[tuple[int, int]]] = {
            "film_id": [],
            "person_id": [],
            "source_id": [],
        }
        self.featured_rows: list[dict] = []
        span = 365 * 6 * 86400
        for i, plan in enumerate(self.planned):
            pk = first + i
            # The first five cycle through every state, so even a tiny dataset has each one.
            status = statuses[i] if i < 5 else rng.choices(statuses, cum_weights=status_weights)[0]
            quotes = [self.featured[q] for q in plan.quotes]
            lead = quotes[0]
            speaker = lead["speaker"]
            noun = rng.choice(NEWS_NOUNS)
            title = f"{speaker} on the {noun}: {prose.adj.draw()} {prose.noun.draw()}"
            paragraphs = [prose.paragraph(rng.randint(2, 4))]
            for quote in quotes:
                verb = rng.choice(NEWS_VERBS)
                paragraphs.append(f"“{quote['text']}” {speaker} {verb}.")
                paragraphs.append(prose.paragraph(rng.randint(1, 3)))
            body = "\n\n".join(paragraphs)
            published_at = None
            offset = timedelta(seconds=(i * span) // len(self.planned))
            created = self.now - timedelta(seconds=span) + offset
            if status in ("published", "archived"):
                published_at = created + timedelta(hours=rng.randint(1, 48))
                published_at = min(published_at, self.now - timedelta(minutes=5))
            elif status == "scheduled":
                published_at = self.now + timedelta(days=rng.randint(1, 30))
            updated = published_at or created
            if published_at and published_at < self.now and rng.random() < 0.2:
                updated = published_at + timedelta(hours=rng.randint(2, 72))
            updated = min(updated, self.now) if status != "scheduled" else created
            yield {
                "id": pk,
                "title": title[:300],
                "slug": f"{slugify(title)[:150]}-{pk}",
                "standfirst": prose.sentence(),
                "body": body,
                "body_html": "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs),
                "byline": f"By {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "status": status,
                "published_at": published_at,
                "created_at": created,
                "updated_at": updated,
                "version": 1,
            }
            films = {f for q in quotes for f in q["films"]}
            people = {q["person"] for q in quotes if q["person"]}
            sources = {q["source"] for q in quotes}
            links = self.article_links
            links["film_id"].extend((pk, f) for f in sorted(films))
            links["person_id"].extend((pk, p) for p in sorted(people))
            links["source_id"].extend((pk, s) for s in sorted(sources))
            self.featured_rows.extend(
                {"article_id": pk, "quote_id": q["id"], "position": position}
                for position, q in enumerate(quotes)
            )

    def speaker_name(self, person_id: int | None, character_id: int | None) -> str:
        if person_id is not None:
            return self.person_names[person_id - self.person_ids[0]]
        return self.character_names[character_id - self.character_ids[0]]


def copy_baseline(quote_ids: tuple[int, int], path: str) -> dict[str, float]:
    """PostgreSQL's own COPY of the very rows just loaded, for the load-rate comparison: export
    them once to a file, then time `COPY ... FROM` that file into an empty twin of the quote
    table (`LIKE quotes_quote INCLUDING ALL`: the same indexes and checks, no foreign keys)."""
    first, last = quote_ids
    table = Quote._meta.db_table
    with connection.cursor() as cursor:
        with (
            open(path, "wb") as out,
            cursor.copy(
                f"COPY (SELECT * FROM {table} WHERE id BETWEEN %s AND %s ORDER BY id) TO STDOUT",
                [first, last],
            ) as copy,
        ):
            for block in copy:
                out.write(block)
        rows = last - first + 1
        with transaction.atomic():
            # A regular (logged) table, as the real one is: a temporary table skips the WAL.
            cursor.execute(f"CREATE TABLE bench_copy_quote (LIKE {table} INCLUDING ALL)")
            started = time.perf_counter()
            with (
                open(path, "rb") as source,
                cursor.copy("COPY bench_copy_quote FROM STDIN") as copy,
            ):
                while block := source.read(1 << 20):
                    copy.write(block)
            seconds = time.perf_counter() - started
            cursor.execute("DROP TABLE bench_copy_quote")
    return {"rows": rows, "seconds": seconds, "rate": rows / seconds if seconds else 0.0}
