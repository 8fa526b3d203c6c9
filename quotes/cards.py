"""A quote's card, its speaker line and its source chain as HTML: what lists, search, article
bodies and quote pages show of a quote.

Written in Python rather than as template partials: a list page shows twenty cards, and the
template language's variable lookups in three nested partials were most of such a page's
rendering (docs/performance.md). Every value is escaped (`core.html.fragment`).
"""

from django.utils.safestring import SafeString, mark_safe

from core.dates import long_date
from core.html import escaped, fragment
from core.typography import smarten


def http_url(url) -> str:
    """The URL if it is http(s), else "": a stored URL becomes a link only if it cannot run
    script (the forms allow nothing else, but a bulk load writes what it is given)."""
    url = str(url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


def quote_words(text) -> str:
    """A quote's words for showing inside curly double quotes: quotes within it become single
    ones, as house style nests them."""
    return smarten(str(text or "").replace('"', "'"))


def card_html(quote, *, highlight=None) -> SafeString:
    """The card of `quote`; `highlight(words)`, when given, marks the search terms in its
    escaped words."""
    source = quote.source
    cite = http_url(source.url)
    words = quote_words(quote.text)
    said = ""
    if quote.said_on:
        said = fragment(
            ', <time datetime="{}">{}</time>',
            quote.said_on.isoformat(),
            long_date(quote.said_on),
        )
    speaker = quote.speaker
    return fragment(
        '<figure class="quote-card{}">\n'
        "  <blockquote{}>\n"
        "    <p>{}</p>\n"
        "  </blockquote>\n"
        "  <figcaption>\n"
        '    <p class="quote-card__who">{}{}</p>\n'
        '    <p class="quote-card__source">{}</p>\n'
        '    <p class="quote-card__meta"><span class="badge badge--{}">{}</span> '
        '<a href="{}" class="quote-card__permalink">Permalink<span class="visually-hidden"> '
        "to this quote by {}</span></a></p>\n"
        "  </figcaption>\n"
        "</figure>\n",
        " quote-card--nested" if quote.parent_id else "",
        fragment(' cite="{}"', cite) if cite else "",
        highlight(words) if highlight else escaped(words),
        speaker_html(quote),
        said,
        source_chain_html(source.chain(), compact=True, quoted_by=quote.quoted_by),
        quote.verification_status,
        quote.get_verification_status_display(),
        quote.get_absolute_url(),
        speaker.name if speaker else "",
    )


def speaker_html(quote) -> SafeString:
    """Who said it, linked: a character's line names the actor and the film, and a line
    quoted inside another quote names who quoted it."""
    speaker, credit, quoted_by = quote.speaker, quote.cast_credit, quote.quoted_by
    parts = [
        fragment(
            '<a href="{}">{}</a>',
            speaker.get_absolute_url() if speaker else "",
            speaker.name if speaker else "",
        )
    ]
    if credit:
        parts.append(
            fragment(
                ' <span class="speaker__played">(played by <a href="{}">{}</a> in '
                '<a href="{}">{}</a>)</span>',
                credit.person.get_absolute_url(),
                credit.person.name,
                credit.film.get_absolute_url(),
                credit.film.title,
            )
        )
    elif quote.speaker_character_id:
        parts.append(' <span class="muted">(character)</span>')
    if quoted_by:
        parts.append(
            fragment(
                ', as quoted by <a href="{}">{}</a>', quoted_by.get_absolute_url(), quoted_by.name
            )
        )
    return mark_safe("".join(parts))


def source_chain_html(chain, *, compact: bool = False, quoted_by=None) -> SafeString:
    """Where it was said and each source it reached us through ("Said to Entertainment Weekly,
    via ActioNewz.com"), each linked to its page; unless `compact`, with a link to each
    original."""
    parts = []
    for index, source in enumerate(chain):
        lead = chain_lead(index, source, quoted_by)
        parts.append(
            fragment('{} <a href="{}">{}</a>', lead, source.get_absolute_url(), source.outlet.name)
        )
        original = http_url(source.url)
        if not compact and original:
            parts.append(fragment(' (<a href="{}" rel="nofollow noopener">original</a>)', original))
    return mark_safe("".join(parts))


def source_chain_text(chain, *, quoted_by=None) -> str:
    """The same chain in plain words, for the embedded card, which links nothing but its way
    back: "Len Wiseman quoted it to Entertainment Weekly, via ActioNewz.com"."""
    return "".join(
        f"{chain_lead(index, source, quoted_by)} {source.outlet.name}"
        for index, source in enumerate(chain)
    )


def chain_lead(index: int, source, quoted_by=None) -> str:
    """The words before the `index`th source's outlet: a line quoted by someone else is their
    telling ("Len Wiseman quoted it to"), never the speaker's own interview."""
    if index:
        return ", via"
    if quoted_by:
        verb = "to" if source.kind == "interview" else "in"
        return f"{quoted_by.name} quoted it {verb}"
    if source.kind == "dialogue":
        return "Spoken in"
    if source.kind == "interview":
        return "Said to"
    return "In"
