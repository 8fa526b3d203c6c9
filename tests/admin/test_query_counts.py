"""Every changelist runs a fixed number of queries, whatever the number of rows on the page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Author, Correction, Section, Tag
from quotes.models import (
    BoxOfficeFigure,
    Character,
    Credit,
    Film,
    Franchise,
    Outlet,
    Person,
    Quote,
    Source,
)
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    BoxOfficeFigureFactory,
    BylineFactory,
    CharacterFactory,
    CorrectionFactory,
    CreditFactory,
    FeaturedQuoteFactory,
    FilmFactory,
    FranchiseFactory,
    OutletFactory,
    PersonFactory,
    QuoteFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
)

from .helpers import admin_url

pytestmark = pytest.mark.django_db


def quote_row():
    parent = QuoteFactory(source=SourceFactory(via=SourceFactory()))
    quote = QuoteFactory(parent=parent, speaker_person=None, speaker_character=CharacterFactory())
    quote.films.add(FilmFactory())


def article_row():
    article = ArticleFactory(section=SectionFactory())
    FeaturedQuoteFactory(article=article)
    article.films.add(FilmFactory())
    article.tags.add(TagFactory())
    BylineFactory(article=article, position=0)
    BylineFactory(article=article, position=1)


def correction_row():
    CorrectionFactory()
    CorrectionFactory(article=None, quote=QuoteFactory())


ROWS = {
    Person: lambda: QuoteFactory(speaker_person=PersonFactory()),
    Character: lambda: CharacterFactory(franchise=FranchiseFactory()),
    Franchise: lambda: FilmFactory(franchise=FranchiseFactory()),
    Film: lambda: FilmFactory(franchise=FranchiseFactory(), studio=OutletFactory()),
    Outlet: lambda: SourceFactory(outlet=OutletFactory()),
    Source: lambda: QuoteFactory(source=SourceFactory(via=SourceFactory(), text="Text.")),
    Quote: quote_row,
    BoxOfficeFigure: BoxOfficeFigureFactory,
    Credit: lambda: CreditFactory(role="cast", character=CharacterFactory()),
    Article: article_row,
    Section: lambda: ArticleFactory(section=SectionFactory()),
    Tag: lambda: ArticleFactory().tags.add(TagFactory()),
    Author: lambda: BylineFactory(author=AuthorFactory()),
    Correction: correction_row,
}


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", ROWS, ids=lambda model: model.__name__)
def test_changelist_queries_do_not_grow_with_the_page(
    editor_client, model, django_assert_num_queries
):
    url = admin_url(model, "changelist")
    for _ in range(2):
        ROWS[model]()
    editor_client.get(url)  # once-per-process reads (content types) are not growth
    few = count_queries(editor_client, url)
    for _ in range(8):
        ROWS[model]()
    assert model.objects.count() >= 10
    with django_assert_num_queries(few):
        response = editor_client.get(url)
    assert response.context["cl"].result_count >= 10
