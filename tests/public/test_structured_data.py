"""JSON-LD: the right schema.org type per page, and no way for text to break out of it."""

import json
import re

import pytest
from django.template import Context, Template

from core.pages import absolute_url
from quotes.models import Quote
from tests.factories import ArticleFactory, QuoteFactory

pytestmark = pytest.mark.django_db

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def structured_data(client, url) -> dict:
    blocks = LD.findall(client.get(url).content.decode())
    assert len(blocks) == 1, url
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return data


def test_article_is_a_news_article(client, demo):
    data = structured_data(client, demo.get_absolute_url())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == demo.title
    assert data["datePublished"].startswith("2025-06-09T12:00:00")
    # The desk's own byline: an Organization, with its author page.
    assert data["author"] == [
        {
            "@type": "Organization",
            "name": "Quote desk staff",
            "url": absolute_url("/authors/quote-desk-staff/"),
        }
    ]
    assert data["articleSection"] == "Film"
    assert data["keywords"] == ["Ballerina", "John Wick"]
    assert any(film["name"] == "Ballerina" for film in data["about"])
    assert "correction" not in data


def test_quote_is_a_quotation_with_creator_and_source(client, demo):
    quote = Quote.objects.get(text__startswith="The Chancellor relates")
    data = structured_data(client, quote.get_absolute_url())
    assert data["@type"] == "Quotation"
    assert data["text"] == quote.text
    assert data["creator"]["@type"] == "Person" and data["creator"]["name"] == "Len Wiseman"
    assert data["isBasedOn"]["publisher"]["name"] == "Entertainment Weekly"
    assert data["isBasedOn"]["isBasedOn"]["publisher"]["name"] == "ActioNewz.com"
    nested = structured_data(client, quote.nested_quotes.get().get_absolute_url())
    assert nested["spokenByCharacter"]["name"] == "The Chancellor"
    assert "creator" not in nested


def test_film_is_a_movie_and_person_a_person(client, demo):
    film = structured_data(client, "/films/ballerina/")
    assert film["@type"] == "Movie" and film["name"] == "Ballerina"
    assert film["director"][0]["name"] == "Len Wiseman"
    assert film["datePublished"] == "2025-06-06"
    person = structured_data(client, "/people/len-wiseman/")
    assert person["@type"] == "Person" and person["name"] == "Len Wiseman"


def test_editor_text_cannot_break_out_of_the_script_block(client, db):
    hostile = "</script><script>alert(1)</script><!-- & "
    article = ArticleFactory(title=hostile, standfirst=hostile)
    html = client.get(article.get_absolute_url()).content.decode()
    block = LD.search(html).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["headline"] == hostile
    quote = QuoteFactory(text=hostile)
    html = client.get(quote.get_absolute_url()).content.decode()
    assert json.loads(LD.search(html).group(1))["text"] == hostile
    assert "<script>alert(1)" not in html


def test_json_ld_filter_writes_nothing_for_no_data():
    assert Template("{% load quotedesk %}{{ data|json_ld }}").render(Context({})) == ""
