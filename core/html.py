"""HTML fragments written in Python for the parts every list repeats (quote cards, teasers).

`fragment` is `django.utils.html.format_html` without its lazy-string wrappers, whose checks
were a third of a quote card's rendering (docs/performance.md); the escaping is the same
(`html.escape`, quotes included), and a value that knows its HTML (`__html__`, a `SafeString`)
goes in as it is."""

from html import escape

from django.utils.safestring import SafeString, mark_safe


def escaped(value) -> str:
    """`value` as HTML: escaped, unless it is HTML already."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def fragment(template: str, *args) -> SafeString:
    """`template` (HTML) with each of `args` escaped into its `{}`."""
    return mark_safe(template.format(*[escaped(arg) for arg in args]))
