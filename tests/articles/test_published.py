"""`published()` is the one definition of "public": every non-public state is excluded."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article
from quotes.models import Quote
from tests.factories import ArticleFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_published_articles_exclude_every_non_public_state():
    now = timezone.now()
    live = ArticleFactory(status="published", published_at=now - dt.timedelta(minutes=1))
    due = ArticleFactory(status="scheduled", published_at=now - dt.timedelta(minutes=1))
    ArticleFactory(status="draft", published_at=None)
    ArticleFactory(status="draft", published_at=now - dt.timedelta(days=1))
    ArticleFactory(status="review", published_at=now - dt.timedelta(days=1))
    ArticleFactory(status="scheduled", published_at=now + dt.timedelta(hours=1))
    ArticleFactory(status="published", published_at=now + dt.timedelta(hours=1))
    ArticleFactory(status="archived", published_at=now - dt.timedelta(days=1))

    assert set(Article.objects.published()) == {live, due}


def test_scheduled_article_becomes_public_when_its_time_comes():
    article = ArticleFactory(
        status="scheduled", published_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert not Article.objects.published().filter(pk=article.pk).exists()
    Article.objects.filter(pk=article.pk).update(
        published_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_published_quotes_exclude_pending_rejected_and_nested_in_unpublished():
    approved = QuoteFactory(state="approved")
    QuoteFactory(state="pending")
    QuoteFactory(state="rejected")
    pending_parent = QuoteFactory(state="pending")
    hidden_line = QuoteFactory(state="approved", parent=pending_parent)
    # Approved, in an approved parent, but that parent is hidden by its own: this line would
    # show the hidden one's words as what it is quoted within.
    QuoteFactory(state="approved", parent=hidden_line)
    nested_ok = QuoteFactory(state="approved", parent=approved)
    deeper_ok = QuoteFactory(state="approved", parent=nested_ok)
    # Deeper than the rule reads up the chain: not shown rather than shown unchecked.
    QuoteFactory(state="approved", parent=deeper_ok)

    assert set(Quote.objects.published()) == {approved, nested_ok, deeper_ok}
