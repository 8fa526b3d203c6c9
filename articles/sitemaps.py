"""Sitemap sections for editorial content and the site's fixed pages."""

from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse

from core.sitemaps import Sitemap
from images.sitemaps import ImageSitemapMixin

from .models import Article, Author, Section, Tag


class ArticleSitemap(ImageSitemapMixin, Sitemap):
    changefreq = "weekly"
    priority = 0.8
    image_field = "lead_image"

    def items(self):
        return self.with_images(
            Article.objects.published()
            .only("id", "slug", "published_at", "updated_at", "lead_image")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item: Article):
        return max(item.updated_at, item.published_at)


class StaticPageSitemap(Sitemap):
    """The home page and the lists, last modified when their newest article was."""

    changefreq = "daily"
    priority = 1.0

    def items(self):
        return [
            "articles:home",
            "articles:article-list",
            "articles:correction-list",
            "quotes:quote-list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)

    def lastmod(self, item: str):
        if not hasattr(self, "_latest"):
            self._latest = Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]
        return self._latest


def with_latest_article(records, link: str):
    """`records`, each with `latest`: when its newest published article last changed (one
    subquery, no query per row); None when it has none yet."""
    articles = Article.objects.published().filter(**{link: OuterRef("pk")})
    latest = articles.order_by("-updated_at").values("updated_at")[:1]
    return records.annotate(latest=Subquery(latest))


class ArticleListSitemap(Sitemap):
    """A record whose page lists articles: last modified when its newest one was."""

    def lastmod(self, item):
        return item.latest


class SectionSitemap(ArticleListSitemap):
    changefreq = "daily"
    priority = 0.7

    def items(self):
        return with_latest_article(Section.objects.order_by("position", "name"), "section")


class TagSitemap(ArticleListSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return with_latest_article(Tag.objects.published().order_by("name"), "tags")


class AuthorSitemap(ArticleListSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return with_latest_article(Author.objects.order_by("name", "id"), "bylines__author")
