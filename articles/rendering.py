"""The article body as readers see it, one rendering for the page, the editor's preview and the
API's `body_html`: quote and image references rendered per request through `published()`."""

from django.template.loader import render_to_string

from core.surrogate import add_keys
from images.models import Image
from quotes.cards import card_html
from quotes.models import Quote
from quotes.querysets import complete_cards

from .markup import references, replace_references

# An image in the body: the whole picture (no crop), as wide as the text column.
BODY_FIGURE = {"crop": "orig", "sizes": "(min-width: 52em) 48em, 100vw", "class": "figure--body"}


def article_body(body_html: str, images=None) -> tuple[str, list[Quote]]:
    """The body as readers see it: each quote reference (`[[quote:N]]`) rendered as the
    quote's card while `published()` holds the quote, and each image reference
    (`[[image:N]]`) as the image's figure while it is among `images` (by default
    `Image.objects.published()`; the desk's previews pass the whole library), else nothing.
    References cost three queries more for quotes (the quotes, their films, their source
    chains) and two for images (the images, their renditions); the page names every
    referenced record among its surrogate keys, public or not, so that its change purges it."""
    quote_ids, image_ids = references("quote", body_html), references("image", body_html)
    # Images first: a quote's card, whatever its words, is never read for references.
    if image_ids:
        images = (Image.objects.published() if images is None else images).with_renditions()
        add_keys(f"image-{pk}" for pk in image_ids)
        figures = {
            pk: render_to_string("partials/image_figure.html", {**BODY_FIGURE, "image": image})
            for pk, image in images.in_bulk(image_ids).items()
        }
        body_html = replace_references("image", body_html, figures)
    quotes: dict[int, Quote] = {}
    if quote_ids:
        quotes = (
            Quote.objects.published()
            .select_related("speaker_person", "speaker_character", "source__outlet")
            .in_bulk(quote_ids)
        )
        complete_cards(list(quotes.values()))
        add_keys(f"quote-{pk}" for pk in quote_ids)
        cards = {pk: card_html(quote) for pk, quote in quotes.items()}
        body_html = replace_references("quote", body_html, cards)
    return body_html, list(quotes.values())
