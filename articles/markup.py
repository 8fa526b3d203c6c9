"""Markdown from editors becomes HTML that readers can trust.

Markdown passes raw HTML through, so its output is sanitised with nh3 (a maintained binding of
the Rust ammonia sanitiser) against an allow-list: no scripts, no event handlers, no
`javascript:` URLs, whatever an editor pastes.
"""

import functools
import html
import re

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from core.typography import smarten

# A record from the database, referenced on a line of its own in the Markdown body
# (`[[quote:123]]`, `[[image:45]]`): kept as text in the stored HTML, and rendered per request
# (a quote's card, an image's figure) only while the record is public
# (`articles.rendering.article_body`).
REFERENCE = {
    kind: re.compile(rf"<p>\[\[{kind}:(\d{{1,18}})\]\]</p>") for kind in ("quote", "image")
}

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


# Code is quoted verbatim: its straight quotes and hyphens are the code's own.
VERBATIM_TAGS = {"code", "pre", "kbd", "samp"}


class SmartTypography(Treeprocessor):
    """Typesets every text node of the rendered tree in document order (`smarten()`), carrying
    the last character across inline markup so that a quote mark after a link or an emphasis
    opens or closes as it does in the sentence. Attributes (URLs) are never touched."""

    def run(self, root) -> None:
        self.previous = ""
        self.typeset(root)

    def typeset(self, element) -> None:
        verbatim = element.tag in VERBATIM_TAGS
        if element.text and not verbatim:
            element.text = self.smarten(element.text)
        if not verbatim:
            for child in element:
                self.typeset(child)
        if element.tail:
            element.tail = self.smarten(element.tail)

    def smarten(self, text: str) -> str:
        text = smarten(text, before=self.previous)
        self.previous = text[-1]
        return text


class SmartTypographyExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's API)
        # Below the inline processor (priority 20), so links and emphasis are already elements.
        md.treeprocessors.register(SmartTypography(md), "smart_typography", 5)


def render_markdown(text: str) -> str:
    html = markdown.markdown(text, extensions=["extra", "sane_lists", SmartTypographyExtension()])
    return sanitise_html(html)


# A quote is stored as typed; the body shows it typeset. Its marks and dashes match either form.
LOOSE_CHARACTERS = {
    **dict.fromkeys("'\u2018\u2019", "['\u2018\u2019\u201c\u201d\"]"),
    **dict.fromkeys('"\u201c\u201d', "['\u2018\u2019\u201c\u201d\"]"),
    **dict.fromkeys("-\u2013\u2014", "[-\u2013\u2014]"),
}


@functools.lru_cache(maxsize=4096)
def quote_pattern(text: str) -> re.Pattern:
    """Where `text` appears in rendered HTML: escaped as the HTML has it, with any quote mark,
    dash or run of white space in place of its own, and never across a tag. Kept compiled per
    text: an article page asks for the same few on every render."""
    parts = []
    for char in html.escape(text.strip(), quote=False):
        if char.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        else:
            parts.append(LOOSE_CHARACTERS.get(char) or re.escape(char))
    return re.compile("".join(parts))


def link_quotes(body_html: str, links: list[tuple[str, str]]) -> tuple[str, set[str]]:
    """`body_html` with the first appearance of each quote's text made a link to `url`, for
    each (text, url) in `links`, and the URLs linked. A quote that is not in the body word for
    word, or only inside a link or a quote already linked, is left alone: links never nest or
    overlap."""
    spans: list[tuple[int, int, str]] = []
    for text, url in links:
        if not text.strip():
            continue
        for match in quote_pattern(text).finditer(body_html):
            start, end = match.span()
            inside_link = body_html.rfind("<a ", 0, start) > body_html.rfind("</a>", 0, start)
            overlaps = any(start < e and s < end for s, e, _ in spans)
            if not inside_link and not overlaps:
                spans.append((start, end, url))
                break
    for start, end, url in sorted(spans, reverse=True):
        link = f'<a class="quote-link" href="{html.escape(url)}">{body_html[start:end]}</a>'
        body_html = body_html[:start] + link + body_html[end:]
    return body_html, {url for _, _, url in spans}


def references(kind: str, html: str) -> list[int]:
    """The ids of the records of `kind` (quote, image) a rendered body references, in order,
    each once."""
    return list(dict.fromkeys(int(pk) for pk in REFERENCE[kind].findall(html)))


def replace_references(kind: str, html: str, rendered: dict[int, str]) -> str:
    """`html` with each reference of `kind` replaced by its record's rendering, or by nothing
    when the record has none (not public)."""
    return REFERENCE[kind].sub(lambda match: rendered.get(int(match.group(1)), ""), html)
