"""Draft changes of live articles: readers keep the live version until an editor publishes."""

import pytest
from django.core.exceptions import PermissionDenied

from articles.drafts import (
    NoDraftError,
    article_draft_discard,
    article_draft_publish,
    article_draft_submit,
)
from articles.models import Article
from articles.services import article_update
from core.drafts import draft_of
from core.versioning import StaleEditError
from tests.admin.conftest import make_user
from tests.factories import ArticleFactory, AuthorFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    return make_user("wendy", "Writers")


@pytest.fixture
def editor():
    return make_user("eddie", "Editors")


@pytest.fixture
def live(writer):
    return ArticleFactory(title="Live headline", body="Live body.", created_by=writer)


def test_a_writers_change_to_their_live_article_is_a_draft(client, live, writer):
    article_update(article=live, by=writer, title="Draft headline", body="Draft body.")
    live.refresh_from_db()
    assert live.title == "Live headline"
    assert draft_of(live).data["title"] == "Draft headline"
    page = client.get(live.get_absolute_url()).content.decode()
    assert "Live headline" in page and "Draft body" not in page


def test_a_writer_may_not_draft_someone_elses_live_article(live):
    other = make_user("walter", "Writers")
    with pytest.raises(PermissionDenied):
        article_update(article=live, by=other, title="Mine now")


def test_an_editor_publishes_the_draft_with_its_featured_quotes_and_byline(live, writer, editor):
    quote, author = QuoteFactory(), AuthorFactory()
    article_update(
        article=live,
        by=writer,
        title="Updated headline",
        featured_quotes=[(quote, 0)],
        authors=[author],
    )
    draft_version = draft_of(live).version
    assert not live.featured_quotes.exists()
    article_draft_publish(article=live, by=editor)
    live.refresh_from_db()
    assert live.title == "Updated headline"
    assert list(live.featured_quotes.values_list("quote_id", flat=True)) == [quote.pk]
    assert live.author_list() == [author]
    assert draft_of(live) is None
    assert live.version > draft_version
    assert Article.objects.published().filter(pk=live.pk).exists()


def test_a_writer_cannot_publish_a_draft(live, writer):
    article_update(article=live, by=writer, title="Updated")
    with pytest.raises(PermissionDenied):
        article_draft_publish(article=live, by=writer)


def test_publishing_without_a_draft_says_so(live, editor):
    with pytest.raises(NoDraftError, match="no draft changes"):
        article_draft_publish(article=live, by=editor)


def test_an_editor_may_save_and_publish_at_once(live, editor):
    article_update(article=live, by=editor, title="Draft first")
    article_update(article=live, by=editor, title="Straight out", publish=True)
    live.refresh_from_db()
    assert live.title == "Straight out"
    assert draft_of(live) is None


def test_a_draft_saved_over_a_newer_draft_is_refused(live, writer, editor):
    version = live.version
    article_update(article=live, by=writer, title="First", expected_version=version)
    with pytest.raises(StaleEditError, match="wendy"):
        article_update(article=live, by=editor, title="Second", expected_version=version)
    assert draft_of(live).data["title"] == "First"


def test_a_draft_can_be_submitted_and_discarded(live, writer):
    article_update(article=live, by=writer, standfirst="New standfirst")
    assert article_draft_submit(article=live, by=writer).is_submitted
    assert article_draft_discard(article=live, by=writer)
    assert draft_of(live) is None
    live.refresh_from_db()
    assert live.standfirst != "New standfirst"


def test_a_draft_with_a_taken_slug_is_refused(live, writer):
    ArticleFactory(slug="taken")
    with pytest.raises(Exception, match="slug"):
        article_update(article=live, by=writer, slug="taken")
    assert draft_of(live) is None


def test_changes_to_a_draft_article_still_go_straight_in(writer):
    article = ArticleFactory(status="draft", published_at=None, created_by=writer)
    article_update(article=article, by=writer, title="Edited")
    article.refresh_from_db()
    assert article.title == "Edited"
    assert draft_of(article) is None
