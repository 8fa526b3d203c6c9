"""What the quote database's pages share."""

from core.pages import PageMeta, PageMetaMixin, PublicDetailMixin, PublicPageMixin, paginate

from ..models import Quote
from ..querysets import load_source_chains

SITE_NAME = PageMetaMixin.site_name
RELATED_LIMIT = 10

__all__ = [
    "RELATED_LIMIT",
    "SITE_NAME",
    "PageMeta",
    "PageMetaMixin",
    "PublicDetailMixin",
    "PublicPageMixin",
    "paginate",
    "published_articles",
    "published_corrections",
    "quote_cards",
]


def published_articles():
    """Published articles, reached through the relation: quotes never imports articles."""
    return Quote._meta.get_field("articles").related_model.objects.published()


def published_corrections():
    """Public corrections (articles' app), reached through the relation likewise."""
    return Quote._meta.get_field("corrections").related_model.objects.published()


def quote_cards(quotes):
    """`quotes` (a list, or a page of them) with the source chains their cards show: one query
    for every relay, whatever the chains' depth (`load_source_chains`)."""
    rows = getattr(quotes, "object_list", quotes)
    load_source_chains(quote.source for quote in rows)
    return quotes
