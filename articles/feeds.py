"""RSS and Atom feeds of the latest published articles."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .models import Article

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    title = "Quote desk: latest articles"
    link = reverse_lazy("articles:article-list")
    description = "Entertainment news in which every quote is a sourced, verifiable record."

    def items(self):
        return Article.objects.published().for_list()[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # Feed readers render a description as HTML; the standfirst is plain text.
        return escape(item.standfirst or item.title)

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item: Article) -> str:
        return item.byline


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
