import datetime as dt

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import services
from articles.models import Article
from core.versioning import StaleEditError
from quotes.services import quote_update
from tests.factories import ArticleFactory, FeaturedQuoteFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    return User.objects.create_user("writer", password="x")


@pytest.fixture
def editor():
    user = User.objects.create_user("editor", password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="publish_article"),
        Permission.objects.get(codename="approve_quote"),
    )
    return User.objects.get(pk=user.pk)


def test_writer_creates_a_draft_and_submits_it(writer):
    article = services.article_create(by=writer, title="T", slug="t", body="b")
    assert article.status == Article.Status.DRAFT
    services.article_submit(article=article, by=writer)
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW


def test_writer_cannot_publish(writer):
    article = services.article_create(by=writer, title="T", slug="t", body="b")
    with pytest.raises(PermissionDenied):
        services.article_publish(article=article, by=writer)
    with pytest.raises(PermissionDenied):
        services.article_create(by=writer, title="U", slug="u", body="b", status="published")
    assert not Article.objects.published().exists()


def test_publishing_with_unapproved_quotes_needs_the_editor_to_approve_them(editor):
    article = ArticleFactory(status="review", published_at=None)
    featured = FeaturedQuoteFactory(article=article, quote=QuoteFactory(state="pending"))
    with pytest.raises(ValidationError, match="not approved"):
        services.article_publish(article=article, by=editor)
    assert Article.objects.get(pk=article.pk).status == "review"
    services.article_publish(article=article, by=editor, approve_quotes=True)
    featured.quote.refresh_from_db()
    assert featured.quote.state == "approved"
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_schedule_requires_a_future_time(editor):
    article = ArticleFactory(status="draft", published_at=None)
    with pytest.raises(ValidationError):
        services.article_schedule(article=article, by=editor, at=timezone.now())
    at = timezone.now() + dt.timedelta(hours=2)
    services.article_schedule(article=article, by=editor, at=at)
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_stale_edit_is_refused_naming_who_changed_it(editor, writer):
    quote = QuoteFactory(state="pending")
    loaded_version = quote.version
    quote_update(quote=quote, by=editor, expected_version=loaded_version, text="First edit.")
    with pytest.raises(StaleEditError) as excinfo:
        quote_update(quote=quote, by=writer, expected_version=loaded_version, text="Second.")
    assert "editor changed this" in str(excinfo.value)
    quote.refresh_from_db()
    assert quote.text == "First edit."


def test_writer_cannot_change_an_approved_quote_through_the_service(writer, editor):
    quote = QuoteFactory(state="approved", text="Approved words.")
    with pytest.raises(PermissionDenied):
        quote_update(quote=quote, by=writer, text="Changed by a writer.")
    quote.refresh_from_db()
    assert quote.text == "Approved words."
    quote_update(quote=quote, by=editor, text="Corrected by an editor.")
    quote.refresh_from_db()
    assert quote.text == "Corrected by an editor."


def test_writer_may_change_a_quote_awaiting_approval(writer):
    quote = QuoteFactory(state="pending")
    quote_update(quote=quote, by=writer, text="Fixed a typo.")
    quote.refresh_from_db()
    assert quote.text == "Fixed a typo."
