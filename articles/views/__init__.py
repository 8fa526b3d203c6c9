"""The public pages of editorial content: home, articles, sections, tags, authors, the
corrections, the site search and robots.txt."""

from .pages import (
    ArticleDetailView,
    ArticleListView,
    HomeView,
    RobotsView,
    SearchView,
    article_body,
    article_context,
    featured_quotes,
    related_articles,
)
from .structure import AuthorDetailView, CorrectionListView, SectionDetailView, TagDetailView

__all__ = [
    "ArticleDetailView",
    "ArticleListView",
    "AuthorDetailView",
    "CorrectionListView",
    "HomeView",
    "RobotsView",
    "SearchView",
    "SectionDetailView",
    "TagDetailView",
    "article_body",
    "article_context",
    "featured_quotes",
    "related_articles",
]
