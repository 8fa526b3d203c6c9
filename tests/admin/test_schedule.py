"""A scheduled article turns public when its time comes, with no job to run."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, FeaturedQuoteFactory, QuoteFactory

from .helpers import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """Set the clock: `clock(when)` makes `timezone.now()` return `when` from then on."""
    real_now = timezone.now

    def set_clock(when):
        monkeypatch.setattr(timezone, "now", lambda: when)

    yield set_clock
    monkeypatch.setattr(timezone, "now", real_now)


def schedule(client, article, at):
    return client.post(
        admin_url(Article, "transition", article.pk),
        {"to": "scheduled", "at": at.strftime("%Y-%m-%dT%H:%M"), "version": article.version},
        follow=True,
    )


def test_a_scheduled_article_goes_public_at_its_time(editor_client, client, clock):
    start = timezone.now().replace(second=0, microsecond=0)
    clock(start)
    article = ArticleFactory(title="Embargoed story", status="review", published_at=None)
    FeaturedQuoteFactory(article=article, quote=QuoteFactory(text="An approved line."))
    at = start + dt.timedelta(hours=2)
    response = schedule(editor_client, article, at)
    assert "is scheduled for" in " ".join(str(m) for m in response.context["messages"])
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("scheduled", at)

    clock(at - dt.timedelta(seconds=1))
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404

    clock(at)
    assert Article.objects.published().filter(pk=article.pk).exists()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "Embargoed story" in page.content.decode()
    assert "An approved line." in page.content.decode()


def test_scheduling_in_the_past_is_refused_with_a_message(editor_client):
    article = ArticleFactory(status="review", published_at=None)
    response = schedule(editor_client, article, timezone.now() - dt.timedelta(hours=1))
    assert "Schedule for a time in the future." in " ".join(
        str(m) for m in response.context["messages"]
    )
    article.refresh_from_db()
    assert article.status == "review"


def test_scheduling_with_unapproved_quotes_asks_to_approve_them(editor_client):
    article = ArticleFactory(status="review", published_at=None)
    quote = QuoteFactory(state="pending")
    FeaturedQuoteFactory(article=article, quote=quote)
    at = timezone.now() + dt.timedelta(days=1)
    response = schedule(editor_client, article, at)
    assert "1 featured quote(s) are not approved yet" in " ".join(
        str(m) for m in response.context["messages"]
    )
    article.refresh_from_db()
    assert article.status == "review"

    editor_client.post(
        admin_url(Article, "transition", article.pk),
        {
            "to": "scheduled",
            "at": at.strftime("%Y-%m-%dT%H:%M"),
            "approve_quotes": "on",
            "version": article.version,
        },
    )
    article.refresh_from_db()
    quote.refresh_from_db()
    assert (article.status, quote.state) == ("scheduled", "approved")
