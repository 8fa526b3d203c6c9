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


def ld_blocks(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [json.loads(block) for block in LD.findall(response.content.decode())]


def structured_data(client, url) -> dict:
    """The page's own JSON-LD: every page has a BreadcrumbList besides it."""
    blocks = ld_blocks(client, url)
    assert len(blocks) == 2, url
    data, breadcrumbs = blocks
    assert data["@context"] == "https://schema.org"
    assert breadcrumbs["@type"] == "BreadcrumbList"
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
    # What we read (the aggregator's article) is based on the interview, not the reverse.
    assert data["isBasedOn"]["publisher"]["name"] == "ActioNewz.com"
    assert data["isBasedOn"]["isBasedOn"]["publisher"]["name"] == "Entertainment Weekly"
    assert "isBasedOn" not in data["isBasedOn"]["isBasedOn"]
    # Undated when said: dated by the first dated source of its chain.
    assert data["datePublished"] == "2025-06-09"
    nested = structured_data(client, quote.nested_quotes.get().get_absolute_url())
    assert nested["spokenByCharacter"]["name"] == "The Chancellor"
    assert "creator" not in nested
    assert nested["isPartOf"]["@type"] == "Quotation"
    assert nested["isPartOf"]["url"] == absolute_url(quote.get_absolute_url())


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


# --- every page's JSON-LD, shape-checked ------------------------------------------------------


def public_pages(demo) -> list[str]:
    from articles.models import Author, Section, Tag
    from quotes.models import Character, Film, Outlet, Person, Source

    quote = Quote.objects.get(text__startswith="The Chancellor relates")
    pages = ["/", "/articles/", "/quotes/", "/quotes/?speaker=len-wiseman", "/corrections/"]
    pages += ["/search/", "/search/?q=wick", demo.get_absolute_url()]
    pages += [quote.get_absolute_url(), quote.nested_quotes.get().get_absolute_url()]
    for model in (Person, Character, Film, Outlet, Section, Tag, Author):
        pages += [record.get_absolute_url() for record in model.objects.all()]
    pages += [source.get_absolute_url() for source in Source.objects.published()]
    return pages


def test_every_page_has_well_shaped_json_ld_and_breadcrumbs(client, demo):
    from tests.public.schema_shapes import check_document

    for url in public_pages(demo):
        blocks = ld_blocks(client, url)
        assert blocks and blocks[-1]["@type"] == "BreadcrumbList", url
        for block in blocks:
            assert check_document(block) == [], url
        crumbs = blocks[-1]["itemListElement"]
        assert crumbs[0]["item"] == absolute_url("/")
        if url != "/":
            assert crumbs[-1]["item"] == absolute_url(url.split("?")[0]), url


def test_shape_check_catches_what_parsing_does_not():
    from tests.public.schema_shapes import check_document

    good = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "text": "Words.",
        "url": "https://example.com/quotes/1/",
        "creator": {"@type": "Person", "name": "A", "url": "https://example.com/people/a/"},
        "isBasedOn": {"@type": "CreativeWork", "name": "S", "url": "https://example.com/s/"},
    }
    assert check_document(good) == []
    assert check_document({**good, "url": "/quotes/1/"})  # relative URL
    assert check_document({**good, "@type": "Quote"})  # no such type
    assert check_document(
        {**good, "isBasedOn": {"@type": "Person", "name": "x", "url": good["url"]}}
    )
    assert check_document({**good, "datePublished": "9 June 2025"})
    assert check_document({k: v for k, v in good.items() if k != "creator"})  # no speaker
    assert check_document({**good, "colour": "blue"})  # property not expected
    crumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 2, "name": "A", "item": "https://example.com/"}
        ],
    }
    assert check_document(crumbs)


def test_article_publisher_has_a_logo_and_the_desk_byline_is_an_organization(client, demo):
    from django.contrib.staticfiles import finders

    data = structured_data(client, demo.get_absolute_url())
    logo = data["publisher"]["logo"]
    assert logo["@type"] == "ImageObject" and logo["url"].endswith("/static/img/logo.png")
    assert finders.find("img/logo.png")
    assert [author["@type"] for author in data["author"]] == ["Organization"]
    crumbs = ld_blocks(client, demo.get_absolute_url())[-1]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == ["Quote desk", "Film", demo.title]


def test_people_and_films_link_their_identifiers_with_same_as(client, db):
    from tests.factories import FilmFactory, PersonFactory

    person = PersonFactory(wikidata_id="Q42", imdb_id="nm0000206")
    film = FilmFactory(imdb_id="tt0111161")
    assert structured_data(client, person.get_absolute_url())["sameAs"] == [
        "https://www.wikidata.org/wiki/Q42",
        "https://www.imdb.com/name/nm0000206/",
    ]
    assert structured_data(client, film.get_absolute_url())["sameAs"] == [
        "https://www.imdb.com/title/tt0111161/"
    ]
    assert "sameAs" not in structured_data(client, PersonFactory().get_absolute_url())


@pytest.mark.parametrize(
    ("field", "value"), [("wikidata_id", "42"), ("imdb_id", "tt0111161"), ("imdb_id", "nm12")]
)
def test_malformed_identifiers_are_refused_by_the_form_and_the_database(db, field, value):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    from tests.factories import PersonFactory

    person = PersonFactory()
    setattr(person, field, value)
    with pytest.raises(ValidationError):
        person.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(person).objects.filter(pk=person.pk).update(**{field: value})
