"""The read vocabulary of editorial content: one definition of "public" for every reader path."""

import heapq
from collections import Counter
from operator import itemgetter

from django.db import models
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    prefetch_related_objects,
)
from django.utils import timezone

from core import compiled
from core.literals import Literal

# Statuses in which an article is public once its publication time has come.
LIVE_STATUSES = ("published", "scheduled")


def live_statuses() -> list[Literal]:
    """`LIVE_STATUSES` written into the rules' SQL, so that a kept plan may use the partial
    indexes on them (`core.literals`)."""
    return [Literal(status) for status in LIVE_STATUSES]


# Related reading ranks the articles among this many newest links shared with an article: the
# links of a few hundred of the newest articles sharing any, each counted whole, since an
# article's links are as new as the article.
SHARED_LINKS = 600


# What a teaser shows of an article's own columns (`ArticleQuerySet.for_list()`).
TEASER_COLUMNS = (
    "id", "title", "slug", "standfirst", "status", "published_at", "updated_at", "section_id",
    "lead_image_id",
)  # fmt: skip


def complete_teasers(articles: list) -> None:
    """Load what the teasers of `articles` show beyond their rows, as `for_list()` prefetches
    it: the bylines in order with their authors (`ordered_bylines`, one query kept compiled),
    and the lead images' renditions (one query, when any has an image)."""
    if not articles:
        return
    byline = articles[0]._meta.get_field("bylines").related_model
    ordered = {article.pk: [] for article in articles}
    for found in compiled.instances(
        "teaser bylines",
        byline,
        lambda ids: byline.objects.filter(article__in=ids).order_by("article", "position", "id"),
        sorted(ordered),
        related=("author",),
    ):
        ordered[found.article_id].append(found)
    for article in articles:
        article.ordered_bylines = ordered[article.pk]
    images = [article.lead_image for article in articles if article.lead_image_id]
    if images:
        prefetch_related_objects(images, "renditions")


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """Articles a reader may see now. A scheduled article turns public when its time comes,
        with no job to flip it: the comparison with now is the switch (`core.compiled.Moment`,
        read as each statement is compiled, so that rules built on this one can be built or
        compiled once)."""
        now = compiled.Moment()
        return self.filter(status__in=live_statuses(), published_at__lte=now).exclude(
            unpublish_at__lte=now
        )

    def scheduled_changes(self, now) -> list["models.QuerySet"]:
        """When `published()` next changes by the clock alone (an article's time comes, or its
        unpublish-at time), so that no cache keeps a page past it: querysets of one column,
        `moment`, for `core.surrogate`, which reads the earliest of every app's in one query.
        The earliest of both columns' times to come is the earliest change: a row's
        unpublish-at time follows its publication time (a check constraint says). Each is read
        in its own index's order (the earliest first), not one row per article to come."""
        live = self.filter(status__in=live_statuses())
        return [
            live.filter(**{f"{column}__gt": now})
            .annotate(moment=F(column))
            .values_list("moment", flat=True)
            for column in ("published_at", "unpublish_at")
        ]

    def with_is_live(self) -> "ArticleQuerySet":
        """Each article with `is_live`: whether `published()` holds it now, which the desk shows
        (a scheduled article whose time has come is live) without a second rule."""
        live = self.model.objects.published().filter(pk=OuterRef("pk"))
        return self.annotate(is_live=Exists(live))

    def live(self) -> "ArticleQuerySet":
        """The desk's "Live" filter and count: exactly `published()`."""
        return self.filter(pk__in=self.model.objects.published().values("pk"))

    def upcoming(self) -> "ArticleQuerySet":
        """Set to go live (scheduled, or published with a time to come) and not live yet: the
        desk's "Scheduled", which a scheduled article leaves when its time comes."""
        return self.filter(status__in=LIVE_STATUSES, published_at__gt=timezone.now())

    def taken_off(self) -> "ArticleQuerySet":
        """Set live once but off now by their unpublish-at time: neither live nor upcoming."""
        return (
            self.filter(status__in=LIVE_STATUSES)
            .exclude(pk__in=self.model.objects.published().values("pk"))
            .exclude(pk__in=self.upcoming().values("pk"))
        )

    def for_list(self) -> "ArticleQuerySet":
        """What a teaser or a list row shows: its columns, section, lead image and byline (one
        query more for the bylines of the whole page, and one for the renditions of its lead
        images when any has one)."""
        return (
            self.only(
                "id", "title", "slug", "standfirst", "status", "published_at", "updated_at",
                "section", "lead_image",
            )
            .select_related("section")
            .with_lead_image()
            .with_authors()
        )  # fmt: skip

    def for_detail(self) -> "ArticleQuerySet":
        return (
            self.select_related("section")
            .with_lead_image()
            .with_authors()
            .prefetch_related("films", "people", "sources__outlet")
        )

    def newest_teasers(self, narrow: str, record, limit: int) -> list:
        """The newest `limit` published articles narrowed to `record` by the method `narrow`
        (`about_film`, `about_person`, `citing`, `featuring`), loaded as `for_list()` loads
        them: what the page of a person, a film, a source or a quote lists. Its statements are
        kept compiled (`core.compiled`), as the page reads them at each view."""
        model = self.model
        found = compiled.instances(
            ("newest teasers", narrow, limit),
            model,
            lambda keys: getattr(model.objects.published(), narrow)(keys[0])[:limit],
            [record.pk],
            related=("section", "lead_image"),
            columns=TEASER_COLUMNS,
        )
        complete_teasers(found)
        return found

    def with_lead_image(self) -> "ArticleQuerySet":
        """The lead image in the same query, its renditions in one more (none when no article
        has an image)."""
        return self.select_related("lead_image").prefetch_related("lead_image__renditions")

    def with_authors(self) -> "ArticleQuerySet":
        """The bylines in order, each with its author, as `ordered_bylines`
        (`Article.author_list()`, `byline`, and the authors a teaser shows)."""
        bylines = self.model._meta.get_field("bylines").related_model.objects
        ordered = bylines.select_related("author").order_by("position", "id")
        return self.prefetch_related(Prefetch("bylines", ordered, to_attr="ordered_bylines"))

    def in_section(self, section) -> "ArticleQuerySet":
        return self.filter(section=section)

    def tagged(self, tag) -> "ArticleQuerySet":
        return self.filter(tags=tag)

    def by_author(self, author) -> "ArticleQuerySet":
        return self.filter(bylines__author=author)

    def featuring(self, quote) -> "ArticleQuerySet":
        return self.filter(featured_quotes__quote=quote)

    def about_film(self, film) -> "ArticleQuerySet":
        return self.filter(films=film)

    def about_person(self, person) -> "ArticleQuerySet":
        return self.filter(people=person)

    def citing(self, source) -> "ArticleQuerySet":
        return self.filter(sources=source)

    def drafts_of(self, user) -> "ArticleQuerySet":
        return self.filter(created_by=user, status="draft")

    def awaiting_review(self) -> "ArticleQuerySet":
        return self.filter(status="review")


class TagQuerySet(models.QuerySet):
    def published(self) -> "TagQuerySet":
        """Tags a reader may see: those a published article carries, so that a tag made for an
        embargoed story does not show before the story does."""
        articles = self.model._meta.get_field("articles").related_model.objects.published()
        return self.filter(Exists(articles.filter(tags=OuterRef("pk"))))


class BodyImageQuerySet(models.QuerySet):
    def published(self) -> "BodyImageQuerySet":
        """Images shown in the body of a public article: what makes such an image public
        (`Image.objects.published()` reaches it through this relation)."""
        articles = self.model._meta.get_field("article").related_model.objects.published()
        return self.filter(article__in=articles.values("pk"))


class CorrectionQuerySet(models.QuerySet):
    def published(self) -> "CorrectionQuerySet":
        """Corrections a reader may see: exactly those of a public article or a public quote.

        EXISTS rather than IN: under the OR, PostgreSQL hashed the whole `IN (published
        articles)` list for each query, 40-90 ms at 1M quotes for an article that has a
        correction, where the correlated EXISTS probes one primary key (0.06 ms)."""
        opts = self.model._meta
        articles = opts.get_field("article").related_model.objects.published()
        quotes = opts.get_field("quote").related_model.objects.published()
        return self.filter(
            Exists(articles.filter(pk=OuterRef("article_id")))
            | Exists(quotes.filter(pk=OuterRef("quote_id")))
        )

    def for_list(self) -> "CorrectionQuerySet":
        """What a correction's entry shows: the headline or the quote (with its speaker) it
        corrects."""
        return self.select_related("article", "quote__speaker_person", "quote__speaker_character")

    def newest_first(self) -> "CorrectionQuerySet":
        return self.order_by("-published_at", "-id")


def related_reading(article, *, films, people, tags, limit: int, pool: int = 40) -> list:
    """Up to `limit` published articles other than `article` sharing the most films, people
    and tags with it (given as lists of ids, which its page has loaded already), the newest
    first among equals.

    The shared links are read from the link tables' indexes as one UNION ALL of the newest
    `SHARED_LINKS` of them, and counted here: each is one film, person or tag in common, so an
    article's count is its score, with no join of its other links to multiply rows (that join
    and its GROUP BY were most of the article page's database time). The `pool` best scored
    (the newer by id among equals) are then read in one query that keeps the public ones, and
    ranked here; `pool` stays small enough for psycopg to keep the statement parsed. Each
    query is compiled once per process for its number of ids (`core.compiled`)."""
    from .models import Article  # the models import this module

    kinds = [
        (through, column, ids)
        for through, column, ids in (
            (Article.films.through, "film_id", films),
            (Article.people.through, "person_id", people),
            (Article.tags.through, "tag_id", tags),
        )
        if ids
    ]
    if not kinds:
        return []
    counts = tuple(len(ids) for _, _, ids in kinds)

    def links(keys: list) -> models.QuerySet:
        parts, at = [], 0
        for (through, column, _), count in zip(kinds, counts, strict=True):
            ids, at = keys[at : at + count], at + count
            parts.append(through.objects.filter(**{f"{column}__in": ids}).values("article_id"))
        return parts[0].union(*parts[1:], all=True).order_by("-article_id")[:SHARED_LINKS]

    keys = [pk for _, _, ids in kinds for pk in ids]
    names = tuple(column for _, column, _ in kinds)
    rows = compiled.keyed_rows(("related_links", names, counts), links, keys)
    shared = Counter(row["article_id"] for row in rows)
    shared.pop(article.pk, None)
    candidates = [pk for pk, _ in heapq.nlargest(pool, shared.items(), key=itemgetter(1, 0))]

    def best(rows: list[dict]) -> list[dict]:
        def rank(row: dict) -> tuple:
            return (shared[row["id"]], row["published_at"], row["id"])

        return heapq.nlargest(limit, rows, key=rank)

    return compiled.instances(
        "related_candidates",
        Article,
        lambda keys: Article.objects.published().filter(pk__in=keys),
        candidates,
        related=("section",),
        columns=("id", "title", "slug", "published_at", "section_id"),
        choose=best,
    )
