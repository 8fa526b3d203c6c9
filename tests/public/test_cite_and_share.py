"""A quote page offers citations (APA, MLA, Chicago), a copy button and share links, without
inline script and with the text selectable when no script runs."""

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from core.pages import absolute_url
from quotes.citations import citations
from quotes.models import Quote
from tests.factories import CharacterFactory, QuoteFactory, SourceFactory

pytestmark = pytest.mark.django_db


def wiseman_quote() -> Quote:
    return Quote.objects.get(text__startswith="She's checked herself")


def test_demo_quote_citations(demo):
    quote = wiseman_quote()
    url = absolute_url(f"/quotes/{quote.pk}/")
    words = (
        "She’s checked herself into the Continental, and her next move is really sorting out "
        "how her whole life has been a lie."
    )
    cited = {citation.name: citation.text for citation in citations(quote, "Quote desk")}
    assert cited == {
        "APA": f"Wiseman, L. (2025, June 9). “{words}” [Quotation]. In Len Wiseman interview "
        f"on Ballerina. Entertainment Weekly (via ActioNewz.com). Quote desk. {url}",
        "MLA": f"Wiseman, Len. “{words}” Len Wiseman interview on Ballerina, Entertainment "
        f"Weekly (via ActioNewz.com), 9 June 2025. Quote desk, {url}.",
        "Chicago": f"Len Wiseman, “{words}” Len Wiseman interview on Ballerina, Entertainment "
        f"Weekly (via ActioNewz.com), June 9, 2025, quoted in Quote desk, {url}.",
    }


def test_citation_of_an_undated_character_line_is_shortened_and_says_no_date(db):
    source = SourceFactory(published_on=None)
    words = " ".join(f"word{n}" for n in range(40))
    quote = QuoteFactory(
        source=source,
        text=f'{words} "inner"',
        speaker_person=None,
        speaker_character=CharacterFactory(name="Eve"),
    )
    apa, mla, chicago = citations(quote, "Quote desk")
    assert apa.text.startswith("Eve (n.d.).") and chicago.text.startswith("Eve, “word0")
    assert ", n.d.," in chicago.text
    assert "word24…”" in mla.text and "word25" not in mla.text


def test_citation_names_a_person_by_sort_name(db):
    quote = QuoteFactory(said_on=dt.date(2024, 9, 3))
    person = quote.speaker_person
    person.name, person.sort_name = "Ana de Armas", "de Armas, Ana"
    apa, mla, chicago = citations(quote, "Quote desk")
    assert apa.text.startswith("de Armas, A. (2024, September 3).")
    assert mla.text.startswith("de Armas, Ana.") and "3 Sept. 2024" in mla.text
    assert chicago.text.startswith("Ana de Armas,") and "September 3, 2024" in chicago.text


def test_quote_page_shows_citations_as_text_with_hidden_copy_buttons(client, demo):
    quote = wiseman_quote()
    html = client.get(quote.get_absolute_url()).content.decode()
    for style in ("apa", "mla", "chicago"):
        assert f'<p class="citation" id="cite-{style}">' in html
        assert re.search(
            rf'<button type="button" class="copy-button" '
            rf'data-copy-target="cite-{style}"[^>]* hidden>',
            html,
        )
    # The one script is our own file, deferred; nothing inline but the JSON-LD data.
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts == [' src="/static/js/copy.js" defer', *[' type="application/ld+json"'] * 2]
    assert '<link rel="canonical" href="' + absolute_url(quote.get_absolute_url()) + '">' in html


def test_copy_script_is_served_and_policy_allows_only_our_scripts(client, demo):
    from django.contrib.staticfiles import finders

    script = Path(finders.find("js/copy.js")).read_text()
    assert "navigator.clipboard.writeText" in script
    policy = client.get(wiseman_quote().get_absolute_url())["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_share_links_carry_the_permalink(client, demo):
    quote = wiseman_quote()
    html = client.get(quote.get_absolute_url()).content.decode()
    share = html[html.index('<ul class="share-links"') :]
    links = re.findall(r'<a href="([^"]+)" rel="nofollow noopener">', share[: share.index("</ul>")])
    permalink = absolute_url(quote.get_absolute_url())
    assert len(links) == 5
    for link in links:
        query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
        assert any(permalink in value for values in query.values() for value in values), link
    assert links[0].startswith("mailto:?subject=Len%20Wiseman")
