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


# Lists with a count of related rows: the count is a subquery per listed row, not a GROUP BY over
# a join with the whole related table (at a million quotes, 7 s for a page of people).
COUNTED = {
    Person: ("quote_count", lambda person: QuoteFactory.create_batch(3, speaker_person=person)),
    Character: (
        "quote_count",
        lambda character: QuoteFactory.create_batch(
            3, speaker_person=None, speaker_character=character
        ),
    ),
    Outlet: ("source_count", lambda outlet: SourceFactory.create_batch(3, outlet=outlet)),
    Source: ("quote_count", lambda source: QuoteFactory.create_batch(3, source=source)),
    Article: (
        "quote_count",
        lambda article: [FeaturedQuoteFactory(article=article) for _ in range(3)],
    ),
}
FACTORIES = {
    Person: PersonFactory,
    Character: CharacterFactory,
    Outlet: OutletFactory,
    Source: SourceFactory,
    Article: ArticleFactory,
}


@pytest.mark.parametrize("model", COUNTED, ids=lambda model: model.__name__)
def test_changelist_counts_related_rows_without_grouping(editor_client, model):
    column, add_rows = COUNTED[model]
    counted, bare = FACTORIES[model](), FACTORIES[model]()
    add_rows(counted)
    with CaptureQueriesContext(connection) as queries:
        response = editor_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    shown = {row.pk: getattr(row, column) for row in response.context["cl"].result_list}
    assert shown[counted.pk] == 3
    assert shown[bare.pk] == 0
    # Grouping the listed table by its key is what counting through a join needs.
    grouping = f'GROUP BY "{model._meta.db_table}"."id"'
    assert not [q["sql"] for q in queries if grouping in q["sql"]]
