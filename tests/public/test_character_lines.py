"""A character's line told in an interview reads as the character's line as quoted by whoever
told it, with the actor and the film; a source's page lists what reached us through it and says
plainly when there is no link to the original."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from core.pages import absolute_url
from quotes.models import Quote, Source
from tests.factories import QuoteFactory, SourceFactory
from tests.public.test_structured_data import structured_data

pytestmark = pytest.mark.django_db


def eves_line() -> Quote:
    return Quote.objects.get(speaker_character__slug="eve-macarro")


def text_of(html: str) -> str:
    """The words a reader sees, tags stripped and spacing folded."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_a_characters_line_reads_as_quoted_by_the_director(client, demo):
    html = client.get(eves_line().get_absolute_url()).content.decode()
    words = text_of(html)
    assert (
        "Line spoken by Eve (played by Ana de Armas in Ballerina), as quoted by Len Wiseman"
        in words
    )
    assert "Quote by Eve" not in words
    summary = text_of(re.search(r'<p class="chain-summary">(.*?)</p>', html, re.S).group(1))
    assert summary == "Len Wiseman quoted it to Entertainment Weekly, via ActioNewz.com."
    assert 'href="/people/ana-de-armas/"' in html


def test_a_character_without_a_credit_is_still_told_as_quoted(client, demo):
    chancellor = Quote.objects.get(speaker_character__slug="the-chancellor")
    words = text_of(client.get(chancellor.get_absolute_url()).content.decode())
    assert "The Chancellor (character), as quoted by Len Wiseman" in words


def test_cards_tell_it_the_same_way(client, demo):
    words = text_of(client.get("/characters/eve-macarro/").content.decode())
    assert "Eve (played by Ana de Armas in Ballerina), as quoted by Len Wiseman" in words
    assert "Len Wiseman quoted it to Entertainment Weekly" in words


def test_the_feed_tells_it_the_same_way(client, demo):
    xml = client.get("/quotes/feed/").content.decode()
    assert escape("Eve (played by Ana de Armas in Ballerina), as quoted by Len Wiseman: “") in (
        xml.replace("&#x27;", "'")
    )
    assert "as quoted by Len Wiseman to Entertainment Weekly, via ActioNewz.com." in xml


def test_the_embedded_card_tells_it_the_same_way(client, demo):
    """The card other sites frame must not have Eve give Entertainment Weekly an interview."""
    words = text_of(client.get(f"/quotes/{eves_line().pk}/embed/").content.decode())
    assert "Eve (played by Ana de Armas in Ballerina), as quoted by Len Wiseman" in words
    assert "Len Wiseman quoted it to Entertainment Weekly, via ActioNewz.com" in words
    assert "Said to" not in words


def test_the_oembed_answer_tells_it_the_same_way(client, demo):
    """The title an embedding site shows above the card, as the card itself tells it."""
    url = absolute_url(eves_line().get_absolute_url())
    data = client.get("/oembed", {"url": url, "format": "json"}).json()
    assert data["title"].startswith(
        "Eve (played by Ana de Armas in Ballerina), as quoted by Len Wiseman: “I've made"
    )


def test_json_ld_names_the_teller_the_actor_and_the_film(client, demo):
    quote = eves_line()
    data = structured_data(client, quote.get_absolute_url())
    assert data["spokenByCharacter"]["name"] == "Eve"
    assert data["isPartOf"]["creator"]["name"] == "Len Wiseman"
    assert data["isPartOf"]["url"].endswith(quote.parent.get_absolute_url())
    film = data["about"][0]
    assert film["name"] == "Ballerina"
    assert film["actor"] == {
        "@type": "PerformanceRole",
        "actor": {
            "@type": "Person",
            "name": "Ana de Armas",
            "url": film["actor"]["actor"]["url"],
        },
        "characterName": "Eve",
    }


def test_the_relays_page_lists_every_quote_that_reached_us_through_it(client, demo):
    actionewz = Source.objects.get(outlet__slug="actionewz", via=None)
    html = client.get(actionewz.get_absolute_url()).content.decode()
    assert "No published quotes" not in html
    shown = set(
        map(int, re.findall(r'<a href="/quotes/(\d+)/" class="quote-card__permalink"', html))
    )
    assert shown == set(Quote.objects.published().values_list("pk", flat=True))
    assert len(shown) == 10


def test_a_source_page_lists_quotes_first_said_there_and_relayed_at_any_depth(client, db):
    top = SourceFactory(title="The aggregator")
    middle = SourceFactory(via=top)
    first = SourceFactory(via=middle)
    said_there = QuoteFactory(source=top, text="Said in the aggregator.")
    two_hops = QuoteFactory(source=first, text="Two hops away.")
    elsewhere = QuoteFactory(text="Somewhere else.")
    html = client.get(top.get_absolute_url()).content.decode()
    assert said_there.text in html and two_hops.text in html
    assert elsewhere.text not in html
    middle_html = client.get(middle.get_absolute_url()).content.decode()
    assert two_hops.text in middle_html and said_there.text not in middle_html


def test_no_url_is_said_plainly_and_a_url_is_linked(client, db):
    without = QuoteFactory(source=SourceFactory(url="")).source
    with_url = QuoteFactory(source=SourceFactory(url="https://example.com/a")).source
    for source in (without, with_url):
        html = client.get(source.get_absolute_url()).content.decode()
        quote_html = client.get(source.quotes.get().get_absolute_url()).content.decode()
        for page in (html, quote_html):
            if source.url:
                assert 'href="https://example.com/a"' in page
                assert "no address for the original" not in page
            else:
                assert "No link: we have no address for the original" in page
                assert "Read the original" not in page


@pytest.mark.parametrize(
    ("outlet", "first_said", "relayed"),
    [
        ("actionewz", False, True),
        ("entertainment-weekly", True, False),
        ("lionsgate", False, False),
    ],
)
def test_an_outlet_links_only_to_the_quote_lists_that_hold_quotes(
    client, demo, outlet, first_said, relayed
):
    """A link to an empty list leads the reader nowhere: ActioNewz.com relayed the Wiseman
    interview but nothing was first said to it; the studio has neither."""
    html = client.get(f"/outlets/{outlet}/").content.decode()
    assert (f'href="/quotes/?outlet={outlet}"' in html) is first_said
    assert (f'href="/quotes/?via={outlet}"' in html) is relayed


def test_the_footer_promises_a_link_only_where_there_is_one(client, db):
    html = client.get("/").content.decode()
    assert "Every quote links to where it was said" not in html
    assert "with a link to the original wherever we have one" in html


def test_lines_quoted_by_many_people_cost_the_same_queries(client, django_assert_num_queries):
    from tests.factories import CharacterFactory, CreditFactory

    character = CharacterFactory(slug="eve")
    CreditFactory(character=character, role="cast")

    def quoted_by(count: int) -> None:
        for _ in range(count):
            QuoteFactory(speaker_person=None, speaker_character=character, parent=QuoteFactory())

    quoted_by(1)
    with django_assert_num_queries(10) as one:
        client.get("/characters/eve/")
    quoted_by(4)
    with django_assert_num_queries(len(one.captured_queries)):
        html = client.get("/characters/eve/").content.decode()
    assert html.count("as quoted by") == 5


def test_an_article_featuring_character_lines_names_the_actors_in_fixed_queries(
    client, django_assert_num_queries
):
    from tests.factories import (
        ArticleFactory,
        CharacterFactory,
        CreditFactory,
        FeaturedQuoteFactory,
    )

    article = ArticleFactory()

    def feature_a_line() -> None:
        character = CharacterFactory()
        CreditFactory(character=character, role="cast")
        line = QuoteFactory(speaker_person=None, speaker_character=character)
        FeaturedQuoteFactory(article=article, quote=line)

    feature_a_line()
    with CaptureQueriesContext(connection) as one:
        client.get(article.get_absolute_url())
    feature_a_line()
    feature_a_line()
    with django_assert_num_queries(len(one.captured_queries)):
        html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("(played by ") == 3


def test_a_line_quoted_from_oneself_is_not_told_as_quoted(client, db):
    from tests.factories import PersonFactory

    person = PersonFactory(name="Jo Bloggs")
    own = QuoteFactory(speaker_person=person, parent=QuoteFactory(speaker_person=person))
    other = QuoteFactory(parent=QuoteFactory(speaker_person=person))
    assert "as quoted by" not in text_of(client.get(own.get_absolute_url()).content.decode())
    assert "as quoted by Jo Bloggs" in text_of(
        client.get(other.get_absolute_url()).content.decode()
    )
