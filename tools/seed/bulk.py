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
import itertools
import random
import time
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Author, Byline, FeaturedQuote, Section
from core.typography import smarten
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

from .records import ReferenceRows
from .tables import (
    MODELS,
    Counts,
    Ids,
    LoadReport,
    Progress,
    TableWriter,
    analyze,
    relaxed_tables,
    reset_sequences,
    reset_tables,
)
from .vocabulary import (
    FIRST_NAMES,
    LAST_NAMES,
    NEWS_NOUNS,
    NEWS_VERBS,
    RARE_COUNT,
    RARE_WORDS,
    Prose,
)


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


@dataclass
class PlannedArticle:
    quotes: list[int]  # quote indexes


class Loader(ReferenceRows):
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
        self.section_ids = self.sections()
        author_count = max(5, self.counts.articles // 50)
        self.author_first = self.ids[Author].take(author_count)
        self.timed("authors", Author, self.authors(author_count), author_count)
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
        self.timed("bylines", Byline, self.byline_rows, len(self.byline_rows), with_pk=False)

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

    def sections(self) -> list[int]:
        """The sections articles go in: those already there (the demo's Film), else three."""
        existing = list(Section.objects.order_by("pk").values_list("pk", flat=True))
        if existing:
            return existing
        first = self.ids[Section].take(3)
        names = ["Film", "TV", "Music"]
        rows = (
            {"id": first + i, "name": name, "slug": slugify(name), "position": i}
            for i, name in enumerate(names)
        )
        self.timed("sections", Section, rows, len(names))
        return [first + i for i in range(len(names))]

    def authors(self, count: int) -> Iterator[dict]:
        rng = self.rng("authors")
        for i in range(count):
            pk = self.author_first + i
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            yield {"id": pk, "name": name, "slug": f"{slugify(name)}-{pk}", "role": "Reporter"}

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
        self.byline_rows: list[dict] = []
        authors = range(self.author_first, self.author_first + max(5, len(self.planned) // 50))
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
                "body_html": "\n".join(
                    f"<p>{html.escape(smarten(p), quote=False)}</p>" for p in paragraphs
                ),
                "section_id": rng.choice(self.section_ids),
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
            self.byline_rows.extend(
                {"article_id": pk, "author_id": author, "position": position}
                for position, author in enumerate(rng.sample(authors, rng.choice((1, 1, 1, 2))))
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
