"""The read vocabulary of editorial content: one definition of "public" for every reader path."""

from django.db import models
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
)
from django.utils import timezone

from core import compiled

# Statuses in which an article is public once its publication time has come.
LIVE_STATUSES = ("published", "scheduled")


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """Articles a reader may see now. A scheduled article turns public when its time comes,
        with no job to flip it: the comparison with now is the switch (the time comes from
        `core.compiled.now()`, so that rules built on this one can be compiled once)."""
        now = compiled.now()
        return self.filter(status__in=LIVE_STATUSES, published_at__lte=now).exclude(
            unpublish_at__lte=now
        )

    def scheduled_changes(self, now) -> list["models.QuerySet"]:
        """When `published()` next changes by the clock alone (an article's time comes, or its
        unpublish-at time), so that no cache keeps a page past it: querysets of one column,
        `moment`, for `core.surrogate`, which reads the earliest of every app's in one query.
        The earliest of both columns' times to come is the earliest change: a row's
        unpublish-at time follows its publication time (a check constraint says). Each is read
        in its own index's order (the earliest first), not one row per article to come."""
        live = self.filter(status__in=LIVE_STATUSES)
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

    def related_to(self, article, *, films, people, tags, pool: int = 200) -> "ArticleQuerySet":
        """Other articles sharing films, people or tags with `article` (given as lists of
        ids, which its page has loaded already), those sharing most first, then the newest.

        One query. The candidates come from the link tables' indexes, as one UNION (an OR of
        IN subqueries would scan every article); only the newest `pool` of them (by id, the
        order they were written in) are scored, so a film in thousands of articles costs what
        a film in a hundred does. The scores are filtered counts over the candidates' links in
        that one query's GROUP BY: cheaper to build and compile than a correlated subquery
        per kind of link, which was a fifth of the article page's ORM time."""
        candidates, scores = [], []
        for through, column, relation, ids in (
            (self.model.films.through, "film_id", "films", films),
            (self.model.people.through, "person_id", "people", people),
            (self.model.tags.through, "tag_id", "tags", tags),
        ):
            if not ids:
                continue
            shared = through.objects.filter(**{f"{column}__in": ids})
            candidates.append(shared.order_by().values("article_id"))
            # distinct: the three joins multiply each other's rows.
            scores.append(Count(relation, filter=Q(**{f"{relation}__in": ids}), distinct=True))
        if not scores:
            return self.none()
        newest = candidates[0].union(*candidates[1:]).order_by("-article_id")[:pool]
        return (
            self.filter(pk__in=newest)
            .exclude(pk=article.pk)
            .annotate(shared=sum(scores[1:], scores[0]))
            .order_by("-shared", "-published_at", "-id")
        )

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
        corrects; and the quotes' films, which a page showing a quote names among its
        surrogate keys (`Quote.shown_with()`)."""
        return self.select_related(
            "article", "quote__speaker_person", "quote__speaker_character"
        ).prefetch_related("quote__films")

    def newest_first(self) -> "CorrectionQuerySet":
        return self.order_by("-published_at", "-id")
