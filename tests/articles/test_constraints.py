import pytest
from django.db import IntegrityError, transaction

from tests.factories import ArticleFactory, FeaturedQuoteFactory

pytestmark = pytest.mark.django_db


def assert_rejected(write) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_article_slug_is_unique():
    ArticleFactory(slug="ballerina")
    assert_rejected(lambda: ArticleFactory(slug="ballerina"))


def test_article_status_must_be_a_choice():
    assert_rejected(lambda: ArticleFactory(status="live"))


def test_published_article_needs_a_published_at():
    assert_rejected(lambda: ArticleFactory(status="published", published_at=None))


def test_scheduled_article_needs_a_published_at():
    assert_rejected(lambda: ArticleFactory(status="scheduled", published_at=None))


def test_a_quote_is_featured_once_per_article():
    featured = FeaturedQuoteFactory()
    assert_rejected(lambda: FeaturedQuoteFactory(article=featured.article, quote=featured.quote))


def test_body_is_rendered_and_sanitised_on_save():
    article = ArticleFactory(
        body="Hello *there* <script>alert(1)</script> [x](javascript:alert(1)) "
        '<b onclick="x()">b</b>'
    )
    assert "<em>there</em>" in article.body_html
    assert "<script" not in article.body_html
    assert "javascript:" not in article.body_html
    assert "onclick" not in article.body_html
