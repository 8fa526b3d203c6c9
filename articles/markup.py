"""Markdown from editors becomes HTML that readers can trust.

Markdown passes raw HTML through, so its output is sanitised with nh3 (a maintained binding of
the Rust ammonia sanitiser) against an allow-list: no scripts, no event handlers, no
`javascript:` URLs, whatever an editor pastes.
"""

import re

import markdown
import nh3

# A quote from the database, referenced on a line of its own in the Markdown body
# (`[[quote:123]]`): kept as text in the stored HTML, and rendered as the quote's card per
# request, only while the quote is public (`articles.views.article_body`).
QUOTE_REFERENCE = re.compile(r"<p>\[\[quote:(\d{1,18})\]\]</p>")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "em", "figcaption", "figure",
    "h2", "h3", "h4", "hr", "i", "li", "ol", "p", "pre", "q", "s", "small", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "th": {"scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(text: str) -> str:
    return sanitise_html(markdown.markdown(text, extensions=["extra", "sane_lists"]))


def quote_references(html: str) -> list[int]:
    """The ids of the quotes a rendered body references, in order, each once."""
    return list(dict.fromkeys(int(pk) for pk in QUOTE_REFERENCE.findall(html)))


def replace_quote_references(html: str, cards: dict[int, str]) -> str:
    """`html` with each reference replaced by its quote's card, or by nothing when the quote
    has none (not public)."""
    return QUOTE_REFERENCE.sub(lambda match: cards.get(int(match.group(1)), ""), html)
