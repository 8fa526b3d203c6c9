"""What the quote database's pages share."""

from core.pages import (
    PageMeta,
    PageMetaMixin,
    PublicDetailMixin,
    PublicPageMixin,
    paginate,
    paginate_keyed,
)

from ..models import Quote
from ..querysets import QUOTE_CARD_SHAPE, complete_cards

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
    "record_quote_cards",
]


def published_articles():
    """Published articles, reached through the relation: quotes never imports articles."""
    return Quote._meta.get_field("articles").related_model.objects.published()


def published_corrections():
    """Public corrections (articles' app), reached through the relation likewise."""
    return Quote._meta.get_field("corrections").related_model.objects.published()


def quote_cards(quotes):
    """`quotes` (a list, or a page of them) with what their cards show (`complete_cards`)."""
    complete_cards(getattr(quotes, "object_list", quotes))
    return quotes


def record_quote_cards(request, key: str, quotes, record):
    """A page of one record's published quotes as cards, newest first: `quotes(record_id)`
    narrows `Quote.objects.published()` to the record's (its first pages' statements kept
    compiled, `core.pages.paginate_keyed`)."""
    page = paginate_keyed(
        request,
        key,
        Quote,
        lambda keys: quotes(keys[0]).for_list().newest_first(),
        [record.pk],
        **QUOTE_CARD_SHAPE,
    )
    return quote_cards(page)
