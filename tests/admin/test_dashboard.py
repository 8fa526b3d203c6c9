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
