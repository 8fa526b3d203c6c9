"""The admin index shows each editor's queues, with links to the lists behind them."""

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, QuoteFactory

from .helpers import admin_url

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_my_drafts_and_what_awaits_review(writer_client, writer, other_writer):
    ArticleFactory.create_batch(2, status="draft", published_at=None, created_by=writer)
    ArticleFactory(status="draft", published_at=None, created_by=other_writer)
    ArticleFactory.create_batch(3, status="review", published_at=None, created_by=other_writer)
    QuoteFactory(state="pending")
    response = writer_client.get("/admin/")
    html = response.content.decode()
    changelist = admin_url(Article, "changelist")
    assert (
        f'<a href="{changelist}?author=me&amp;status=draft">My drafts</a></th><td>2</td>'
    ) in html
    assert f'<a href="{changelist}?status=review">Awaiting review</a></th><td>3</td>' in html
    assert "Quotes awaiting approval</a></th><td>1</td>" in html


def test_the_my_drafts_link_lists_only_my_drafts(writer_client, writer, other_writer):
    mine = ArticleFactory(status="draft", published_at=None, created_by=writer)
    ArticleFactory(status="draft", published_at=None, created_by=other_writer)
    ArticleFactory(status="review", published_at=None, created_by=writer)
    response = writer_client.get(admin_url(Article, "changelist") + "?author=me&status=draft")
    assert [a.pk for a in response.context["cl"].result_list] == [mine.pk]


def test_the_dashboard_lists_changes_submitted_for_review_and_scheduled(editor_client, writer):
    """A writer's changes to a live article, submitted for review, wait for an editor as a
    new article in review does; scheduled changes are still to come. Each has its queue."""
    import datetime as dt

    from django.utils import timezone

    from articles.drafts import article_draft_schedule, article_draft_submit
    from articles.services import article_update

    submitted, scheduled = ArticleFactory(created_by=writer), ArticleFactory(created_by=writer)
    ArticleFactory(created_by=writer)  # live, no changes
    for article in (submitted, scheduled):
        article_update(article=article, by=writer, title="Changed")
    article_draft_submit(article=submitted, by=writer)
    editor = editor_client.get("/admin/").wsgi_request.user
    at = timezone.now() + dt.timedelta(days=1)
    article_draft_schedule(article=scheduled, by=editor, at=at)
    html = editor_client.get("/admin/").content.decode()
    changelist = admin_url(Article, "changelist")
    for status, label, article in (
        ("changes-review", "Changes to live articles awaiting review", submitted),
        ("changes-scheduled", "Changes to live articles scheduled", scheduled),
    ):
        assert f'<a href="{changelist}?status={status}">{label}</a></th><td>1</td>' in html
        listing = editor_client.get(f"{changelist}?status={status}")
        assert [a.pk for a in listing.context["cl"].result_list] == [article.pk]
