import datetime as dt
from html import escape

import pytest
from django.utils import timezone

from core.typography import smarten
from tests.factories import ArticleFactory, FeaturedQuoteFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_home_lists_the_demo_article(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    assert escape(smarten(demo.title)) in response.content.decode()
    assert demo.get_absolute_url() in response.content.decode()


def test_article_page_shows_its_quotes_with_speakers_and_sources(client, demo):
    response = client.get(demo.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "is really sorting out how her whole life has been a lie" in html
    # Every featured quote is in the body: linked there, no card repeats it.
    assert html.count('class="quote-link"') == 8 and 'class="quote-card"' not in html
    assert "Len Wiseman" in html
    assert "Entertainment Weekly" in html and "ActioNewz.com" in html


def test_home_hides_unpublished_articles(client, db):
    ArticleFactory(title="Draft marker XYZZY", status="draft", published_at=None)
    ArticleFactory(
        title="Scheduled marker PLUGH",
        status="scheduled",
        published_at=timezone.now() + dt.timedelta(days=1),
    )
    html = client.get("/").content.decode()
    assert "XYZZY" not in html and "PLUGH" not in html


def test_unpublished_article_page_is_404(client, db):
    article = ArticleFactory(status="review")
    assert client.get(article.get_absolute_url()).status_code == 404


def test_article_page_hides_unapproved_featured_quotes(client, db):
    featured = FeaturedQuoteFactory(
        quote=QuoteFactory(text="Pending marker FROTZ", state="pending")
    )
    html = client.get(featured.article.get_absolute_url()).content.decode()
    assert "FROTZ" not in html


@pytest.mark.parametrize("size", [1, 15])
def test_home_query_count_is_fixed(client, db, django_assert_num_queries, size):
    ArticleFactory.create_batch(size)
    # Latest articles and their bylines, featured quote (none here, so no query for its source
    # chain), films in the news, the navigation's sections; the server-side cache's
    # next-publication lookup. The validators derive from these rows: no query of their own.
    with django_assert_num_queries(6):
        client.get("/")


@pytest.mark.parametrize("size", [1, 12])
def test_article_query_count_is_fixed(client, db, django_assert_num_queries, size):
    article = ArticleFactory()
    for quote in QuoteFactory.create_batch(size):
        FeaturedQuoteFactory(article=article, quote=quote)
    # Article (with its validators), featured quotes, their source chains, films, people,
    # sources, bylines, tags, corrections, the navigation's sections; the server-side cache's
    # next-publication lookup. Nothing to share, so no related-reading query.
    with django_assert_num_queries(11):
        client.get(article.get_absolute_url())
