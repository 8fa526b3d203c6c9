"""An article's teaser as HTML: what the home page, lists and the pages of people, films and
quotes show of an article.

Written in Python rather than as a template partial for the reason quote cards are
(`quotes.cards`): a page of teasers spent most of its rendering in the partial's variable
lookups (docs/performance.md). Every value is escaped (`core.html.fragment`).
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from core.dates import long_date
from core.html import fragment
from core.typography import smarten
from images.templatetags.images import picture

LEAD_IMAGE = {"sizes": "(min-width: 40em) 12em, 100vw", "css_class": "teaser__image"}


def teaser_html(article, *, level: int = 2) -> SafeString:
    """The teaser of `article` (loaded `for_list()`), its headline an <h`level`>."""
    image = article.lead_image
    figure = ""
    if image:
        figure = fragment(
            "  {}\n", render_to_string("images/picture.html", picture(image, "16x9", **LEAD_IMAGE))
        )
    standfirst = ""
    if article.standfirst:
        standfirst = fragment(
            '<p class="teaser__standfirst">{}</p>\n  ', smarten(article.standfirst)
        )
    section = ""
    if article.section:
        section = fragment(
            '<a href="{}">{}</a> · ', article.section.get_absolute_url(), article.section.name
        )
    byline = article.byline
    published = timezone.localtime(article.published_at) if article.published_at else None
    return fragment(
        '<article class="teaser{}">\n'
        "{}"
        '  <h{} class="teaser__title"><a href="{}">{}</a></h{}>\n'
        "  {}"
        '<p class="meta">{}{}<time datetime="{}">{}</time></p>\n'
        "</article>\n",
        " teaser--image" if image else "",
        figure,
        level,
        article.get_absolute_url(),
        smarten(article.title),
        level,
        standfirst,
        section,
        fragment("{} · ", byline) if byline else "",
        published.isoformat() if published else "",
        long_date(published) if published else "",
    )
