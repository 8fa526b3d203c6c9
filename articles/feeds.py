"""RSS and Atom feeds: the latest published articles (all, or one section's, tag's or
author's) and the latest corrections."""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Enclosure
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.timezone import localtime

from core.feeds import AtomFeed, CanonicalLinksMixin, RssFeed
from core.pages import shown_records
from core.surrogate import add_records
from images.presentation import absolute_media_url

from .models import Article, Author, Correction, Section, Tag

FEED_SIZE = 20


class LatestArticlesFeed(CanonicalLinksMixin, Feed):
    feed_type = RssFeed
    url_name = "articles:article-feed"
    list_name = "articles:article-list"
    title = "Quote desk: latest articles"
    description = "Entertainment news in which every quote is a sourced, verifiable record."

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        corrections = Correction.objects.published().order_by("published_at", "id")
        return (
            self.articles(obj)
            .for_list()
            .prefetch_related(Prefetch("corrections", corrections, to_attr="public_corrections"))
        )[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # Feed readers render a description as HTML; the standfirst and the corrections are
        # plain text.
        parts = [escape(item.standfirst or item.title)]
        parts.extend(
            f"<p>{correction.get_kind_display()} "
            f"({date_format(localtime(correction.published_at), 'j F Y')}): "
            f"{escape(correction.text)}</p>"
            for correction in item.public_corrections
        )
        return "".join(parts)

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        moments = [item.updated_at, item.published_at]
        moments.extend(correction.published_at for correction in item.public_corrections)
        return max(moments)

    def item_author_name(self, item: Article) -> str:
        return item.byline

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name] if item.section_id else []

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        """The lead image's social card (RSS `enclosure`, Atom `link rel="enclosure"`), which
        feed readers show beside the item."""
        card = item.lead_image.social() if item.lead_image_id else None
        if card is None:
            return []
        return [Enclosure(absolute_media_url(card.url), str(card.size), card.media_type)]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = AtomFeed
    url_name = "articles:article-feed-atom"
    subtitle = LatestArticlesFeed.description


class RecordArticlesFeed(LatestArticlesFeed):
    """The latest articles of one record (a section, a tag, an author), which the feed names
    besides the articles' list."""

    model = None

    def records(self):
        return self.model.objects.all()

    def get_object(self, request, slug):
        record = get_object_or_404(self.records(), slug=slug)
        add_records([record])
        return record


class SectionArticlesFeed(RecordArticlesFeed):
    model = Section
    url_name = "articles:section-feed"

    def title(self, obj: Section) -> str:
        return f"Quote desk: {obj.name}"

    def description(self, obj: Section) -> str:
        return obj.description or f"The latest {obj.name} news."

    def articles(self, obj: Section):
        return Article.objects.published().in_section(obj)


class TagArticlesFeed(RecordArticlesFeed):
    model = Tag
    url_name = "articles:tag-feed"

    def records(self):
        return Tag.objects.published()

    def title(self, obj: Tag) -> str:
        return f"Quote desk: {obj.name}"

    def description(self, obj: Tag) -> str:
        return f"The latest articles about {obj.name}."

    def articles(self, obj: Tag):
        return Article.objects.published().tagged(obj)


class AuthorArticlesFeed(RecordArticlesFeed):
    model = Author
    url_name = "articles:author-feed"

    def title(self, obj: Author) -> str:
        return f"Quote desk: articles by {obj.name}"

    def description(self, obj: Author) -> str:
        return f"The latest articles by {obj.name}."

    def articles(self, obj: Author):
        return Article.objects.published().by_author(obj)


class CorrectionsFeed(CanonicalLinksMixin, Feed):
    feed_type = RssFeed
    url_name = "articles:correction-feed"
    list_name = "articles:correction-list"
    title = "Quote desk: corrections and clarifications"
    description = "Every correction and clarification we publish, newest first."

    def items(self):
        corrections = list(Correction.objects.published().for_list().newest_first()[:FEED_SIZE])
        # Each entry shows the headline or the quote it corrects: their changes purge it.
        add_records(shown_records(corrections))
        return corrections

    def item_title(self, item: Correction) -> str:
        if item.article_id:
            return f"{item.get_kind_display()}: {item.article.title}"
        speaker = item.quote.speaker
        return f"{item.get_kind_display()} to a quote by {speaker.name}"

    def item_description(self, item: Correction) -> str:
        return escape(item.text)

    def item_guid(self, item: Correction) -> str:
        return f"correction-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Correction):
        return item.published_at
