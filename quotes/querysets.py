"""The read vocabulary of the quote database: every public view, feed and API starts here."""

import random
from collections.abc import Iterable

from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.expressions import RawSQL

from core import compiled
from core.literals import Literal
from core.lookups import AnyOf

# --- source chains ----------------------------------------------------------------------------


# How many sources of a via chain `SourceQuerySet.published()` reads from a use: the one a
# quote, an article or a box-office figure names and three it reached us through. No chain may
# be longer (`Source.clean()`), and no public page or API answer shows more of one.
CHAIN_LEVELS = 4


def sources_above() -> list[str]:
    """The lookups from a source to each relay of its chain that `published()` reads (`via`,
    `via__via`, ...): filtered by a source's id, the sources that reached us through it at
    each level up."""
    return ["__".join(["via"] * level) for level in range(1, CHAIN_LEVELS)]


# What a quote card or a source chain reads of a source and its outlet: a source's stored
# text (a whole article, for the check) and the timestamps stay unread
# (`core.compiled.instances`).
SOURCE_CARD_COLUMNS = ("id", "outlet_id", "title", "url", "published_on", "kind", "via_id")
OUTLET_CARD_COLUMNS = ("id", "name", "slug")


def load_source_chains(sources: Iterable, *, public: bool = False) -> None:
    """Attach the relays of the via chains of `sources`, each with its outlet, as far as a
    reader is shown them (`CHAIN_LEVELS` sources), so that `Source.chain()` walks them from
    memory.

    One recursive query (`WITH RECURSIVE`, the same on SQLite and PostgreSQL) reads the relays
    of all the sources at once, however long their chains: a page of quotes costs the same one
    query whether its sources reached us directly or through many hops. The sources themselves
    must already be loaded (with their outlets); `None`s are skipped. The query runs whenever
    there is at least one source, so a page's query count does not depend on its data.

    A quote's source is public with the quote, and so is its chain as far as it is shown. A
    chain shown from any other source (its own page) may run past what `published()` reads
    from the source's use, in a chain recorded before the limit: with `public`, the relays are
    read from `published()` (in the same query), and the chain stops before the first that is
    not public.
    """
    sources = [source for source in sources if source is not None]
    if not sources:
        return
    model = sources[0]._meta.concrete_model
    readers = model.objects.published() if public else model._base_manager
    found = compiled.instances(
        "public source relays" if public else "source relays",
        model,
        lambda ids: readers.filter(pk__in=relay_ids(set(ids), model)).order_by(),
        sorted({source.pk for source in sources}),
        related=("outlet",),
        columns=SOURCE_CARD_COLUMNS,
        related_columns={"outlet": OUTLET_CARD_COLUMNS},
        # The public rule of sources takes PostgreSQL some 25 ms to plan and 1 ms to run.
        generic_plan=public,
    )
    relays = {relay.pk: relay for relay in found}
    for source in sources:
        hops = [source]
        while len(hops) < CHAIN_LEVELS and hops[-1].via_id in relays:
            relay = relays[hops[-1].via_id]
            if relay in hops:
                break
            hops[-1].via = relay
            hops.append(relay)
        source.shown_chain = hops


def relay_ids(source_ids: set[int], model, *, themselves: bool = False) -> RawSQL:
    """Ids of every source that `source_ids` reached us through, at any depth (a subquery),
    and with `themselves` the ids of `source_ids` too: their whole chains.

    `UNION` (not `UNION ALL`) drops ids already seen, so even a looped chain ends.
    """
    table, pk = model._meta.db_table, model._meta.pk.column
    via = model._meta.get_field("via").column
    placeholders = ", ".join(["%s"] * len(source_ids))
    first, only = (pk, "") if themselves else (via, f" AND {via} IS NOT NULL")
    return RawSQL(
        f"""WITH RECURSIVE relay(id) AS (
            SELECT {first} FROM {table} WHERE {pk} IN ({placeholders}){only}
            UNION
            SELECT s.{via} FROM {table} s JOIN relay ON s.{pk} = relay.id WHERE s.{via} IS NOT NULL
        ) SELECT id FROM relay""",
        sorted(source_ids),
    )


def relayed_through(model, firsts: str, params: list, themselves: bool = False) -> RawSQL:
    """Ids of the sources that reached us through any of the sources `firsts` selects (SQL
    giving their ids, with `params`), within a chain as long as readers are shown
    (`CHAIN_LEVELS` sources, up to three hops above them; a subquery): a chain recorded before
    the limit reaches further than any page shows it. With `themselves`, their ids too, so that
    one condition (`AnyOf`) selects what was said in them or reached us through them, where
    an `OR` of the two read every quote.

    `hops` also ends a looped chain, which `UNION` alone no longer would.
    """
    table, pk = model._meta.db_table, model._meta.pk.column
    via = model._meta.get_field("via").column
    if themselves:
        first = f"SELECT {pk}, 0 FROM {table} WHERE {pk}"
    else:
        first = f"SELECT {pk}, 1 FROM {table} WHERE {via}"
    return RawSQL(
        f"""WITH RECURSIVE relayed(id, hops) AS (
            {first} IN ({firsts})
            UNION
            SELECT s.{pk}, relayed.hops + 1 FROM {table} s JOIN relayed ON s.{via} = relayed.id
            WHERE relayed.hops < %s
        ) SELECT id FROM relayed""",
        [*params, CHAIN_LEVELS - 1],
    )


# --- quotes ---------------------------------------------------------------------------------


# How many quotes up a nested line's chain `QuoteQuerySet.published()` reads: a line quoted in
# a line quoted in a quote, which no labelled article goes beyond. Each level is one more join
# of every public quote query.
NESTING_LEVELS = 2


def lines_below() -> list[str]:
    """The lookups from a line to each quote above it that `published()` reads (`parent`,
    `parent__parent`): filtered by a quote's id, its lines at each level down."""
    return ["__".join(["parent"] * level) for level in range(1, NESTING_LEVELS + 1)]


# The to-one relations a quote card shows, read with its row (`for_list()`).
QUOTE_CARD_RELATIONS = (
    "speaker_person",
    "speaker_character",
    "source",
    "source__outlet",
    "parent",
    "parent__speaker_person",
    "parent__speaker_character",
)
# What a card reads of a quote, and of each of those relations: timestamps and editors' notes
# stay unread on a page of twenty cards (`core.compiled.instances`).
QUOTE_CARD_COLUMNS = (
    "id", "text", "speaker_person_id", "speaker_character_id", "parent_id", "source_id",
    "said_on", "verification_status",
)  # fmt: skip
PERSON_CARD_COLUMNS = ("id", "name", "slug", "wikidata_id", "imdb_id")
CHARACTER_CARD_COLUMNS = ("id", "name", "slug")
FILM_CARD_COLUMNS = ("id", "title", "slug", "release_on", "wikidata_id", "imdb_id")
QUOTE_CARD_RELATED_COLUMNS = {
    "speaker_person": PERSON_CARD_COLUMNS,
    "speaker_character": CHARACTER_CARD_COLUMNS,
    "source": SOURCE_CARD_COLUMNS,
    "source__outlet": OUTLET_CARD_COLUMNS,
    "parent": QUOTE_CARD_COLUMNS,
    "parent__speaker_person": PERSON_CARD_COLUMNS,
    "parent__speaker_character": CHARACTER_CARD_COLUMNS,
}


# How a page reads quotes for their cards with `core.compiled.instances` or
# `core.pages.paginate_keyed`: the card's relations, and only the columns it shows.
QUOTE_CARD_SHAPE = {
    "related": QUOTE_CARD_RELATIONS,
    "columns": QUOTE_CARD_COLUMNS,
    "related_columns": QUOTE_CARD_RELATED_COLUMNS,
}


def complete_cards(quotes: Iterable) -> None:
    """Load what the cards of `quotes` show beyond their rows (`for_list()`): the cast credit
    of each character's line (the card names the actor and the film: `cast_credits`, chosen
    among the quote's films, `credit_film_ids`) and the source chains (`load_source_chains`).
    A card does not show its films, so they are not read for it (a quote's page reads its own,
    `load_films`). One query for the chains, and two more when a line is a character's; their
    statements are kept compiled (`core.compiled`), as building them took longer than their
    database time (docs/performance.md)."""
    quotes = [quote for quote in quotes if quote is not None]
    if not quotes:
        return
    model = quotes[0]._meta.concrete_model
    # The rows, and the parents loaded with them: a parent may be a row of its own too, as
    # another instance, and each instance is asked what it shows.
    shown = list(quotes)
    parent = model._meta.get_field("parent")
    shown += [quote.parent for quote in quotes if quote.parent_id and parent.is_cached(quote)]
    lines = [quote for quote in shown if quote.speaker_character_id]
    if lines:
        through = model._meta.get_field("films").remote_field.through
        film_ids = {quote.pk: [] for quote in lines}
        for link in compiled.keyed_rows(
            "credit films",
            lambda ids: through.objects.filter(quote_id__in=ids).values("quote_id", "film_id"),
            sorted(film_ids),
        ):
            film_ids[link["quote_id"]].append(link["film_id"])
        for quote in lines:
            quote.credit_film_ids = film_ids[quote.pk]
        # Each card's row made its own instance of a character: every one gets the credits.
        characters = [quote.speaker_character for quote in lines]
        character = model._meta.get_field("speaker_character").related_model
        credit = character._meta.get_field("credits").related_model
        cast = {character.pk: [] for character in characters}
        for found in compiled.instances(
            "cast credits",
            credit,
            lambda ids: credit.objects.filter(role=credit.Role.CAST, character_id__in=ids),
            sorted(cast),
            related=("person", "film"),
            related_columns={"person": PERSON_CARD_COLUMNS, "film": FILM_CARD_COLUMNS},
        ):
            cast[found.character_id].append(found)
        for character in characters:
            character.cast_credits = cast[character.pk]
    load_source_chains(quote.source for quote in quotes)


def load_films(quotes: Iterable) -> None:
    """The films of each of `quotes` (`Quote.films_shown()`), in one query kept compiled: what
    a quote's own page names, which its cards do not."""
    quotes = [quote for quote in quotes if quote is not None]
    if not quotes:
        return
    through = quotes[0]._meta.concrete_model._meta.get_field("films").remote_field.through
    films = {quote.pk: [] for quote in quotes}
    for link in compiled.instances(
        "quote films",
        through,
        lambda ids: through.objects.filter(quote_id__in=ids).order_by("film__title", "film_id"),
        sorted(films),
        related=("film",),
        related_columns={"film": FILM_CARD_COLUMNS},
    ):
        films[link.quote_id].append(link.film)
    for quote in quotes:
        quote.shown_films = films[quote.pk]


class QuoteQuerySet(models.QuerySet):
    def published(self) -> "QuoteQuerySet":
        """Quotes a reader may see: approved by an editor, and, when nested, inside quotes that
        are all approved up the chain, so that a line never escapes through a parent that is
        still under review, nor through an approved parent that such a quote hides (a line's
        page shows the words it is quoted within). The chain is read `NESTING_LEVELS` up; a
        line nested deeper is not shown.

        An approved quote with `public_from` (approved with a story scheduled for later) is
        public only from that time, it and every line nested in it: the comparison with now
        is the switch, with no job to run (`core.compiled.Moment`, read as each statement is
        compiled, so that this rule and those built on it can be built or compiled once)."""
        now = compiled.Moment()

        def public(prefix: str = "") -> Q:
            return Q(**{f"{prefix}state": Literal("approved")}) & (
                Q(**{f"{prefix}public_from__isnull": True})
                | Q(**{f"{prefix}public_from__lte": now})
            )

        rule, path = public(), "parent"
        for _ in range(NESTING_LEVELS):
            rule &= Q(**{f"{path}__isnull": True}) | public(f"{path}__")
            path += "__parent"
        return self.filter(rule, **{f"{path}__isnull": True})

    def scheduled_changes(self, now) -> list["models.QuerySet"]:
        """When `published()` next changes by the clock alone (an embargoed quote's time
        comes), so that no cache keeps a page past it: one column, `moment`, for
        `core.surrogate`, read in its partial index's order."""
        return [
            self.filter(public_from__gt=now)
            .annotate(moment=F("public_from"))
            .values_list("moment", flat=True)
        ]

    def embargoed(self, at=None) -> "QuoteQuerySet":
        """Approved, but public only from a time still to come (`public_from`): to come now,
        or at `at` (a story's time that came before any request could see it go by)."""
        return self.filter(state="approved", public_from__gt=at or compiled.now())

    def top_level(self) -> "QuoteQuerySet":
        return self.filter(parent__isnull=True)

    def for_list(self) -> "QuoteQuerySet":
        """What a quote card shows from its row and relations: speaker, source and outlet, who
        quoted a nested line (the parent's speaker). The rest comes after the rows are read,
        in a fixed number of queries whatever the page size (`complete_cards`)."""
        return self.select_related(*QUOTE_CARD_RELATIONS)

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

    def lines_in(self, quotes, levels: int = NESTING_LEVELS) -> "QuoteQuerySet":
        """The lines nested in `quotes` (a queryset of their ids, one column), `levels` deep:
        each level one `= ANY(ARRAY(…))` on the `parent` index (`AnyOf`), all of them one `OR`
        of index scans. Written `parent__parent` or `parent__in` in an `OR`, PostgreSQL joined
        or filtered every quote: 0.6–1 s at a million (docs/performance.md)."""
        found = Q(pk__in=[])
        above = quotes
        for _ in range(levels):
            found |= Q(AnyOf(models.F("parent"), above))
            above = (
                self.model.objects.filter(AnyOf(models.F("parent"), above)).order_by().values("pk")
            )
        return self.filter(found)

    def said_in_or_through(self, source) -> "QuoteQuerySet":
        """Quotes first said in `source`, and those that reached us through it: said in a
        source whose via chain, as far as readers are shown it (`CHAIN_LEVELS`), passes
        through it (one recursive subquery)."""
        return self.filter(
            AnyOf(models.F("source"), relayed_through(type(source), "%s", [source.pk], True))
        )

    def newest_first(self) -> "QuoteQuerySet":
        """Latest said first; undated quotes after dated ones, newest record first among equals."""
        return self.order_by(models.F("said_on").desc(nulls_last=True), "-id")


class SourceQuerySet(models.QuerySet):
    def published(self) -> "SourceQuerySet":
        """Sources a reader may see: where a public quote was said, behind a public film's
        box-office figure, or cited by a published article, and the sources each of those
        reached us through (`CHAIN_LEVELS` down the `via` chain), which a public source's page
        shows. A source that only a draft, an unapproved quote or a film not yet public knows
        of stays hidden, so an embargoed story cannot show through its sources' titles."""
        quotes = related_objects(self.model, "quotes").published()
        figures = related_objects(self.model, "box_office_figures")
        films = figures.model._meta.get_field("film").related_model.objects.published()
        articles = related_objects(self.model, "articles").published()
        uses = [
            (quotes, "source"),
            (figures.filter(film__in=films), "source"),
            (articles, "sources"),
        ]
        condition = Q(pk__in=[])
        for level in range(CHAIN_LEVELS):
            # The direct uses first: most sources are one, and the first EXISTS found decides.
            for users, path in uses:
                chain = "__".join([path, *["via"] * level])
                condition |= Exists(users.filter(**{chain: OuterRef("pk")}))
        return self.filter(condition)


# Up to this many matches, a random draw reads their ids and samples them exactly.
RANDOM_ID_LIST_CAP = 5000


def sample_ids(matching: models.QuerySet, count: int) -> list[int]:
    """Up to `count` random ids of `matching`, without sorting or counting it (a million
    quotes): its ids when there are at most `RANDOM_ID_LIST_CAP` (an exact uniform sample),
    otherwise random ids between the smallest and largest match, each the first match at or
    above a random number, found through the primary key's index. An id after a gap of
    deleted rows is a little likelier, which a random quote can live with."""
    matching = matching.order_by()
    ids = list(matching.values_list("pk", flat=True)[: RANDOM_ID_LIST_CAP + 1])
    if len(ids) <= RANDOM_ID_LIST_CAP:
        return random.sample(ids, min(count, len(ids)))
    bounds = matching.order_by("pk").values_list("pk", flat=True)
    low, high = bounds.first(), bounds.last()
    chosen: list[int] = []
    for _ in range(count * 3):
        if len(chosen) == count:
            break
        pk = bounds.filter(pk__gte=random.randint(low, high)).first()
        if pk is not None and pk not in chosen:
            chosen.append(pk)
    return chosen


# --- reference records ------------------------------------------------------------------------


def related_objects(model, name: str):
    """The default manager of the model behind `model`'s relation `name` (quotes never
    imports articles: an article reaches a person through the relation)."""
    return model._meta.get_field(name).related_model.objects


def held() -> ExpressionWrapper:
    """`held_until_used` as the bare column, not compared with a bound `true`: PostgreSQL
    matches it to the partial index (`held_index`) in a prepared statement's generic plan too,
    so the statement is not planned again at each use (docs/performance.md)."""
    return ExpressionWrapper(F("held_until_used"), output_field=models.BooleanField())


class HeldUntilUsedQuerySet(models.QuerySet):
    """People, characters, films and outlets: public, except one a writer added
    (`held_until_used`) while nothing public uses it yet, so that a record made for an
    embargoed story does not show before the story does.

    The uses (EXISTS subqueries on indexed foreign keys) are asked only of the writer's rows,
    read from a partial index, as one small IN set: written as `NOT held OR EXISTS …`,
    PostgreSQL hashes every published article's people for a full list (25k people, 1M
    quotes: 250 ms a sitemap page against 13 ms; docs/performance.md)."""

    def uses(self) -> Q:
        raise NotImplementedError

    def published(self):
        return self.filter(~Q(held()) | Q(pk__in=self.held_in_use()))

    def held_in_use(self) -> RawSQL:
        """Ids of the writer's records that something public uses: a subquery compiled once
        per process (`core.compiled`; building its subqueries took longer than running it)."""
        model = self.model

        def used() -> models.QuerySet:
            return model._default_manager.filter(held()).filter(self.uses()).values("pk")

        return compiled.subquery((model._meta.label, "held_in_use"), used)


class PersonQuerySet(HeldUntilUsedQuerySet):
    def uses(self) -> Q:
        """The speaker of a public quote, in a published article, or credited on a film (an
        editor's credit)."""
        quotes = related_objects(self.model, "quotes").published()
        articles = related_objects(self.model, "articles").published()
        credits = related_objects(self.model, "credits")
        return Q(
            Exists(quotes.filter(speaker_person=OuterRef("pk")))
            | Exists(articles.filter(people=OuterRef("pk")))
            | Exists(credits.filter(person=OuterRef("pk")))
        )


class CharacterQuerySet(HeldUntilUsedQuerySet):
    def uses(self) -> Q:
        """The speaker of a public line, or a part in a film's cast (an editor's credit)."""
        quotes = related_objects(self.model, "quotes").published()
        credits = related_objects(self.model, "credits")
        return Q(
            Exists(quotes.filter(speaker_character=OuterRef("pk")))
            | Exists(credits.filter(character=OuterRef("pk")))
        )


class FilmQuerySet(HeldUntilUsedQuerySet):
    def uses(self) -> Q:
        """About a public quote or a published article, or credited (an editor's credit)."""
        quotes = related_objects(self.model, "quotes").published()
        articles = related_objects(self.model, "articles").published()
        credits = related_objects(self.model, "credits")
        return Q(
            Exists(quotes.filter(films=OuterRef("pk")))
            | Exists(articles.filter(films=OuterRef("pk")))
            | Exists(credits.filter(film=OuterRef("pk")))
        )


class OutletQuerySet(HeldUntilUsedQuerySet):
    def uses(self) -> Q:
        """Where a public source appeared, or the studio of a public film."""
        sources = related_objects(self.model, "sources").published()
        films = related_objects(self.model, "films").published()
        return Q(
            Exists(sources.filter(outlet=OuterRef("pk")))
            | Exists(films.filter(studio=OuterRef("pk")))
        )
