"""The article body as readers see it, one rendering for the page, the editor's preview and the
API's `body_html`: quote references rendered per request through `published()`."""

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string

from core.surrogate import add_keys
from quotes.models import Quote
from quotes.querysets import card_prefetches, load_source_chains

from .markup import quote_references, replace_quote_references


def complete_quotes(quotes: list[Quote]) -> None:
    """Load what a quote card shows beyond its row: films (and a character's actor), and the
    source chain (two queries whatever the number of quotes and the chains' depth)."""
    prefetch_related_objects(quotes, *card_prefetches(Quote))
    load_source_chains(quote.source for quote in quotes)


def article_body(body_html: str) -> tuple[str, list[Quote]]:
    """The body as readers see it: each quote reference (`[[quote:N]]`) rendered as the
    quote's card while `published()` holds the quote, else nothing. A body with references
    costs three queries more (the quotes, their films, their source chains); the page names
    every referenced quote among its surrogate keys, public or not, so that a quote's
    approval or change purges it."""
    ids = quote_references(body_html)
    if not ids:
        return body_html, []
    quotes = (
        Quote.objects.published()
        .select_related("speaker_person", "speaker_character", "source__outlet")
        .in_bulk(ids)
    )
    complete_quotes(list(quotes.values()))
    add_keys(f"quote-{pk}" for pk in ids)
    cards = {
        pk: render_to_string("partials/quote_card.html", {"quote": quote})
        for pk, quote in quotes.items()
    }
    return replace_quote_references(body_html, cards), list(quotes.values())
