"""The read vocabulary of the quote database: every public view, feed and API starts here."""

from collections.abc import Iterable
from functools import cache

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.db.models.query import ModelIterable

# --- source chains ----------------------------------------------------------------------------


def load_source_chains(sources: Iterable) -> None:
    """Attach every relay of the via chains of `sources`, each with its outlet, so that
    `Source.chain()` walks them from memory.

    One recursive query (`WITH RECURSIVE`, the same on SQLite and PostgreSQL) reads the relays
    of all the sources at once, however long their chains: a page of quotes costs the same one
    query whether its sources reached us directly or through many hops. The sources themselves
    must already be loaded (with their outlets); `None`s are skipped. The query runs whenever
    there is at least one source, so a page's query count does not depend on its data.
    """
    sources = [source for source in sources if source is not None]
    if not sources:
        return
    model = sources[0]._meta.concrete_model
    relays = {
        relay.pk: relay
        for relay in model._base_manager.filter(pk__in=relay_ids({s.pk for s in sources}, model))
        .select_related("outlet")
        .order_by()
    }
    for source in sources:
        hop, seen = source, set()
        while hop.via_id is not None and hop.pk not in seen and hop.via_id in relays:
            seen.add(hop.pk)
            hop.via = relays[hop.via_id]
            hop = hop.via


def relay_ids(source_ids: set[int], model) -> RawSQL:
    """Ids of every source that `source_ids` reached us through, at any depth (a subquery).

    `UNION` (not `UNION ALL`) drops ids already seen, so even a looped chain ends.
    """
    table, pk = model._meta.db_table, model._meta.pk.column
    via = model._meta.get_field("via").column
    placeholders = ", ".join(["%s"] * len(source_ids))
    return RawSQL(
        f"""WITH RECURSIVE relay(id) AS (
            SELECT {via} FROM {table} WHERE {pk} IN ({placeholders}) AND {via} IS NOT NULL
            UNION
            SELECT s.{via} FROM {table} s JOIN relay ON s.{pk} = relay.id WHERE s.{via} IS NOT NULL
        ) SELECT id FROM relay""",
        sorted(source_ids),
    )


class SourceChainIterable(ModelIterable):
    """Model rows, then one query for the via chains of the sources found at `paths` (see
    `with_source_chains()`); "" is the row itself (a Source), "parent__source" follows the
    row's loaded `parent` to its source."""

    paths: tuple[str, ...] = ("source",)

    def __iter__(self):
        rows = list(super().__iter__())
        if rows:
            load_source_chains(
                source for row in rows for path in self.paths for source in [follow(row, path)]
            )
        yield from rows


@cache
def source_chain_iterable(paths: tuple[str, ...]) -> type[SourceChainIterable]:
    return type("SourceChainIterable", (SourceChainIterable,), {"paths": paths})


def follow(row, path: str):
    """The object at `path` ("parent__source") from `row` through relations already loaded
    (`select_related`), or None where a link is empty or was not loaded: never a query."""
    for name in filter(None, path.split("__")):
        if row is None or not row._meta.get_field(name).is_cached(row):
            return None
        row = getattr(row, name)
    return row


def with_source_chains(queryset: models.QuerySet, paths: tuple[str, ...]) -> models.QuerySet:
    """`queryset`, whose rows get their sources' via chains when it is evaluated.

    Django picks how a queryset turns rows into objects through its `_iterable_class`, the
    hook `values()` and `values_list()` use; a subclass of the default `ModelIterable` adds
    the chain query after the rows are read and before `prefetch_related` runs. It survives
    `filter()`, `order_by()`, slicing and pagination; `values()` and friends replace it (they
    return no model objects). `iterator()` reads the rows in one batch to attach the chains.
    """
    clone = queryset.all()
    clone._iterable_class = source_chain_iterable(paths)
    return clone


# --- quotes ---------------------------------------------------------------------------------


class QuoteQuerySet(models.QuerySet):
    def published(self) -> "QuoteQuerySet":
        """Quotes a reader may see: approved by an editor, and, when nested, inside an approved
        quote, so that a line never escapes through a parent that is still under review."""
        return self.filter(state="approved").filter(
            Q(parent__isnull=True) | Q(parent__state="approved")
        )

    def top_level(self) -> "QuoteQuerySet":
        return self.filter(parent__isnull=True)

    def for_list(self) -> "QuoteQuerySet":
        """Everything a list row shows, in a fixed number of queries whatever the page size
        and however long the rows' source chains: the rows with speaker and source, their
        films, and one query for every relay of their sources (`with_source_chains()`)."""
        return (
            self.select_related("speaker_person", "speaker_character", "source__outlet")
            .prefetch_related("films")
            .with_source_chains()
        )

    def with_source_chains(self, *paths: str) -> "QuoteQuerySet":
        """When evaluated, attach the via chains of the rows' sources (and of the sources at
        `paths`, e.g. "parent__source" when the parent is `select_related`), so that
        `quote.source.chain()` reads them without a query: one query in all."""
        return with_source_chains(self, ("source", *paths))

    def by_person(self, person) -> "QuoteQuerySet":
        return self.filter(speaker_person=person)

    def by_character(self, character) -> "QuoteQuerySet":
        return self.filter(speaker_character=character)

    def about_film(self, film) -> "QuoteQuerySet":
        return self.filter(films=film)

    def featured_in(self, articles) -> "QuoteQuerySet":
        """Quotes featured in any of `articles` (a queryset of articles or of their ids),
        reached through the relation: quotes never imports articles."""
        return self.filter(featurings__article__in=articles)

    def from_source(self, source) -> "QuoteQuerySet":
        return self.filter(source=source)

    def newest_first(self) -> "QuoteQuerySet":
        """Latest said first; undated quotes after dated ones, newest record first among equals."""
        return self.order_by(models.F("said_on").desc(nulls_last=True), "-id")


class SourceQuerySet(models.QuerySet):
    def with_chains(self) -> "SourceQuerySet":
        """When evaluated, attach each row's via chain (one query in all, whatever its depth),
        so that `source.chain()` reads it without a query. Select the rows' `outlet`, which
        the first hop of a chain shows."""
        return with_source_chains(self, ("",))

    def published(self) -> "SourceQuerySet":
        """Sources a reader may see: where a public quote was said or came through (up to four
        hops of `via`), behind a film's box-office figure, or cited by a published article.
        A source that only a draft or an unapproved quote knows of stays hidden, so an
        embargoed story cannot show through its sources' titles."""
        quotes = self.model._meta.get_field("quotes").related_model.objects.published()
        figures = self.model._meta.get_field("box_office_figures").related_model.objects
        articles = self.model._meta.get_field("articles").related_model.objects.published()
        via = "source"
        condition = Exists(figures.filter(source=OuterRef("pk"))) | Exists(
            articles.filter(sources=OuterRef("pk"))
        )
        for _ in range(4):
            condition |= Exists(quotes.filter(**{via: OuterRef("pk")}))
            via += "__via"
        return self.filter(condition)
