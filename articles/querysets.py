"""The read vocabulary of editorial content: one definition of "public" for every reader path."""

from django.db import models
from django.db.models import Count, Max, OuterRef, Subquery
from django.utils import timezone

from quotes.models import Quote


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """Articles a reader may see now. A scheduled article turns public when its time comes,
        with no job to flip it: the comparison with now is the switch."""
        return self.filter(status__in=["published", "scheduled"], published_at__lte=timezone.now())

    def for_list(self) -> "ArticleQuerySet":
        return self.only(
            "id", "title", "slug", "standfirst", "byline", "status", "published_at", "updated_at"
        )

    def for_detail(self) -> "ArticleQuerySet":
        return self.prefetch_related("films", "people", "sources__outlet")

    def with_featured_freshness(self) -> "ArticleQuerySet":
        """Each article with `featured_latest` and `featured_count`: the latest `updated_at`
        and the number of its published featured quotes. The article page's validators, in
        the query that loads the article (two subqueries bounded by one article's featured
        quotes), so a conditional request answered 304 costs that one query."""
        public = (
            Quote.objects.published()
            .filter(featurings__article=OuterRef("pk"))
            .order_by()
            .values("featurings__article")
        )
        return self.annotate(
            featured_latest=Subquery(public.annotate(latest=Max("updated_at")).values("latest")),
            featured_count=Subquery(public.annotate(count=Count("pk")).values("count")),
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
