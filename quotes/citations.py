"""Ready-made citations of a quote (APA 7, MLA 9, Chicago 17 notes) and links to share it.

Each citation names the speaker, the quote's words (shortened past `CITED_WORDS` words), where
it was first said and how it reached us, its date (said, or else first reported, see
`Quote.dated_by()`) and the quote's permalink, which stays the one URL everything cites.
No access date: it would change the page every day, and a permalink does not move.
"""

from dataclasses import dataclass
from urllib.parse import quote as percent_encode
from urllib.parse import urlencode

from core.pages import absolute_url
from core.typography import smarten

from .models import Quote

CITED_WORDS = 25
# MLA abbreviates months longer than four letters.
MLA_MONTHS = [
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]


@dataclass
class Citation:
    style: str
    name: str
    text: str


@dataclass
class ShareLink:
    name: str
    url: str


def cited_words(quote: Quote) -> str:
    words = quote.text.replace('"', "'").split()
    shown = " ".join(words[:CITED_WORDS])
    if len(words) > CITED_WORDS:
        shown = shown.rstrip(",;:.") + "…"
    return smarten(shown)


def family_and_given(quote: Quote) -> tuple[str, str]:
    """("Wiseman", "Len") for a person (from their sort name, "de Armas, Ana"); a character
    has one name, cited as written."""
    person = quote.speaker_person
    if person is None:
        return quote.speaker.name, ""
    family, _, given = (person.sort_name or person.name).partition(", ")
    return family, given


def initials(given: str) -> str:
    return " ".join(f"{part[0]}." for part in given.replace("-", " ").split() if part)


def where_said(quote: Quote) -> tuple[str, str]:
    """The first source's title and outlet, "via" each relay."""
    chain = quote.source.chain()
    outlet = chain[0].outlet.name
    relays = ", ".join(f"via {hop.outlet.name}" for hop in chain[1:])
    return smarten(chain[0].title), f"{outlet} ({relays})" if relays else outlet


def citations(quote: Quote, site_name: str) -> list[Citation]:
    family, given = family_and_given(quote)
    words, url = cited_words(quote), absolute_url(quote.get_absolute_url())
    title, outlet = where_said(quote)
    date, _ = quote.dated_by()
    apa_author = f"{family}, {initials(given)}" if given else family
    apa_date = f"{date.year}, {date:%B} {date.day}" if date else "n.d."
    mla_author = f"{family}, {given}" if given else family
    mla_date = f", {date.day} {MLA_MONTHS[date.month - 1]} {date.year}" if date else ""
    chicago_author = f"{given} {family}" if given else family
    chicago_date = f"{date:%B} {date.day}, {date.year}" if date else "n.d."
    return [
        Citation(
            "apa",
            "APA",
            f"{apa_author} ({apa_date}). “{words}” [Quotation]. In {title}. {outlet}. "
            f"{site_name}. {url}",
        ),
        Citation(
            "mla",
            "MLA",
            f"{mla_author}. “{words}” {title}, {outlet}{mla_date}. {site_name}, {url}.",
        ),
        Citation(
            "chicago",
            "Chicago",
            f"{chicago_author}, “{words}” {title}, {outlet}, {chicago_date}, "
            f"quoted in {site_name}, {url}.",
        ),
    ]


def share_links(quote: Quote) -> list[ShareLink]:
    """Plain links to share the permalink: no script, no third-party widget, nothing loaded
    from elsewhere until the reader follows one."""
    url = absolute_url(quote.get_absolute_url())
    text = f"{quote.speaker.name}: “{cited_words(quote)}”"
    return [
        # Mail clients read "+" literally: spaces as %20.
        ShareLink(
            "Email",
            "mailto:?" + urlencode({"subject": text, "body": url}, quote_via=percent_encode),
        ),
        ShareLink(
            "Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": f"{text} {url}"})
        ),
        ShareLink("X", "https://x.com/intent/post?" + urlencode({"text": text, "url": url})),
        ShareLink(
            "Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})
        ),
        ShareLink(
            "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})
        ),
    ]
