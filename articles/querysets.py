"""The read vocabulary of editorial content: one definition of "public" for every reader path."""

from datetime import datetime

from django.db import models
from django.utils import timezone

# Statuses in which an article is public once its publication time has come.
LIVE_STATUSES = ("published", "scheduled")


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """Articles a reader may see now. A scheduled article turns public when its time comes,
        with no job to flip it: the comparison with now is the switch."""
        return self.filter(status__in=LIVE_STATUSES, published_at__lte=timezone.now())

    def next_scheduled_change(self, now) -> "datetime | None":
        """When `published()` next changes by the clock alone (an article's time comes), so
        that no cache keeps a page past it."""
        return (
            self.filter(status__in=LIVE_STATUSES, published_at__gt=now)
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )

    def for_list(self) -> "ArticleQuerySet":
        return self.only(
            "id", "title", "slug", "standfirst", "byline", "status", "published_at", "updated_at"
        )

    def for_detail(self) -> "ArticleQuerySet":
        return self.prefetch_related("films", "people", "sources__outlet")

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
