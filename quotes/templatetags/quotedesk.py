"""Template helpers of the public site: safe JSON-LD, search highlighting, URLs, money."""

import json
import re

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from core.numbers import whole_number
from core.pages import PageMetaMixin
from core.typography import smarten
from quotes.cards import card_html, http_url, quote_words, source_chain_html, speaker_html
from quotes.charts import format_money

register = template.Library()

# What may not appear raw inside a <script> element: "</script>" or "<!--" would end or
# confuse it whatever the JSON around it says. The same escapes as Django's json_script.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
EXCERPT_CHARS = 220


@register.filter(is_safe=True)
def json_ld(data) -> str:
    """`{{ data|json_ld }}`: a dict as a JSON-LD script block that no editor's text can break
    out of, since every <, > and & inside the JSON is written as a \\u escape."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    payload = payload.translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


def terms_pattern(terms) -> re.Pattern | None:
    words = [re.escape(term) for term in terms or () if term]
    if not words:
        return None
    return re.compile(r"\b(" + "|".join(sorted(words, key=len, reverse=True)) + r")\w*", re.I)


@register.filter(needs_autoescape=True)
def highlight(text, terms, autoescape=True) -> str:
    """The text, escaped, with every word that starts with a search term in <mark>."""
    escaped = escape(text) if autoescape else str(text)
    pattern = terms_pattern(terms)
    if pattern is None:
        return mark_safe(escaped)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))


@register.filter
def excerpt(text, terms) -> str:
    """About EXCERPT_CHARS characters of plain text around the first matching word."""
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    if len(text) <= EXCERPT_CHARS:
        return text
    pattern = terms_pattern(terms)
    match = pattern.search(text) if pattern else None
    start = max(0, (match.start() if match else 0) - EXCERPT_CHARS // 3)
    if start:
        start = text.find(" ", start) + 1
    end = text.rfind(" ", start, start + EXCERPT_CHARS)
    end = end if end > start else start + EXCERPT_CHARS
    prefix = "…" if start else ""
    suffix = "…" if end < len(text) else ""
    return f"{prefix}{text[start:end]}{suffix}"


register.filter("http_url", http_url)


@register.filter
def absolute(path: str) -> str:
    """A site path as an absolute URL on the canonical host (CMS_SITE_URL)."""
    return settings.SITE_URL + str(path)


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's URL on the canonical host, keeping only the page number of a list."""
    request = context.get("request")
    if request is None:
        return settings.SITE_URL + "/"
    url = settings.SITE_URL + request.path
    page = whole_number(request.GET.get("page"))
    if page is not None and page > 1:
        url += f"?page={page}"
    return url


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """The current URL with `?page=` set to `number`, every other parameter kept."""
    params = context["request"].GET.copy()
    if int(number) == 1:
        params.pop("page", None)
    else:
        params["page"] = number
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else context["request"].path


@register.filter
def money(amount, currency: str = "USD") -> str:
    return format_money(amount, currency)


@register.simple_tag
def page_range(page_obj) -> list:
    """Page numbers around the current one, with an ellipsis for the gaps."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    )


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def typeset(text) -> str:
    """Plain text from editors with curly quotes, apostrophes and dashes (`smarten()`); the
    template escapes the result as usual."""
    return smarten(str(text or ""))


register.filter("typeset_quote", quote_words)


@register.simple_tag(takes_context=True)
def quote_card(context, quote) -> str:
    """`{% quote_card quote %}`: its card (`quotes.cards`), the search terms of the page, if
    any, marked."""
    terms = context.get("terms")
    return card_html(quote, highlight=(lambda words: highlight(words, terms)) if terms else None)


register.simple_tag(speaker_html, name="speaker_line")
register.simple_tag(source_chain_html, name="source_chain")


@register.simple_tag(takes_context=True)
def breadcrumb_ld(context) -> str:
    """The page's schema.org BreadcrumbList as a JSON-LD block: the home page, then the page's
    `PageMeta.trail` (or, without one, the page itself named by its title)."""
    request = context.get("request")
    page_meta = context.get("page_meta")
    trail = [(PageMetaMixin.site_name, "/")]
    if page_meta is not None and page_meta.trail:
        trail.extend(page_meta.trail)
    elif request is not None and request.path != "/":
        title = page_meta.title if page_meta is not None else PageMetaMixin.site_name
        trail.append((title.rsplit(" · ", 1)[0], request.path))
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": name,
                    "item": settings.SITE_URL + path,
                }
                for position, (name, path) in enumerate(trail, start=1)
            ],
        }
    )
