"""A writer cannot publish through any path; an editor can. Both roles come from a migration."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article
from articles.roles import EDITORS, WRITERS
from tests.factories import ArticleFactory

from .helpers import admin_url, form_data

pytestmark = pytest.mark.django_db


def draft_by(user, **kwargs):
    return ArticleFactory(status="draft", published_at=None, created_by=user, **kwargs)


def assert_unpublished(article):
    article.refresh_from_db()
    assert article.status in {"draft", "review"}
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_the_migration_creates_both_groups_with_their_permissions():
    writers = {p.codename for p in Group.objects.get(name=WRITERS).permissions.all()}
    editors = {p.codename for p in Group.objects.get(name=EDITORS).permissions.all()}
    assert {"add_article", "change_article", "add_quote"} <= writers
    assert not {"publish_article", "approve_quote", "delete_article"} & writers
    assert {"publish_article", "approve_quote", "delete_article", "delete_quote"} <= editors


def test_writer_add_form_ignores_a_status_and_creates_a_draft(writer_client):
    response = writer_client.post(
        admin_url(Article, "add"),
        {
            "title": "Sneaky",
            "slug": "sneaky",
            "body": "Text.",
            "status": "published",
            "published_at_0": "2020-01-01",
            "published_at_1": "10:00",
            "featured_quotes-TOTAL_FORMS": "0",
            "featured_quotes-INITIAL_FORMS": "0",
            **{
                f"{inline}-{count}": "0"
                for inline in ("bylines", "corrections")
                for count in ("TOTAL_FORMS", "INITIAL_FORMS")
            },  # fmt: skip
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="sneaky")
    assert article.status == "draft"
    assert article.published_at is None
    assert_unpublished(article)


def test_writer_change_form_ignores_a_status(writer_client, writer):
    article = draft_by(writer)
    url = admin_url(Article, "change", article.pk)
    data = form_data(writer_client.get(url), status="published", title="Edited")
    data["published_at"] = timezone.now().isoformat()
    response = writer_client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Edited"
    assert_unpublished(article)


def test_writer_cannot_edit_a_draft_that_is_not_theirs(writer_client, other_writer):
    article = draft_by(other_writer)
    url = admin_url(Article, "change", article.pk)
    response = writer_client.get(url)
    assert response.status_code == 200
    assert "adminform" in response.context
    assert not response.context["has_change_permission"]
    response = writer_client.post(url, {"title": "Mine now", "loaded_version": article.version})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "Mine now"


def test_the_changelist_has_no_list_editable_status(writer_client, writer):
    article = draft_by(writer)
    response = writer_client.post(
        admin_url(Article, "changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(article.pk),
            "form-0-status": "published",
            "_save": "Save",
        },
    )
    assert response.status_code in (200, 302)
    assert_unpublished(article)


@pytest.mark.parametrize(
    "action",
    ["publish_selected", "publish_selected_approving_quotes", "archive_selected"],
)
def test_writer_cannot_run_a_publishing_action(writer_client, writer, action):
    article = draft_by(writer)
    changelist = admin_url(Article, "changelist")
    offered = [
        name
        for name, _ in writer_client.get(changelist).context["action_form"].fields["action"].choices
    ]
    assert action not in offered
    response = writer_client.post(
        changelist, {"action": action, "_selected_action": [article.pk]}, follow=True
    )
    assert response.status_code == 200
    assert_unpublished(article)


@pytest.mark.parametrize(
    ("to", "reason"),
    [
        ("published", "Only an editor"),
        ("scheduled", "Only an editor"),
        ("archived", "cannot go from draft to archived"),
    ],
)
def test_writer_direct_post_to_the_workflow_is_refused(writer_client, writer, to, reason):
    article = draft_by(writer)
    at = (timezone.now() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = writer_client.post(
        admin_url(Article, "transition", article.pk),
        {"to": to, "at": at, "approve_quotes": "on", "version": article.version},
        follow=True,
    )
    assert response.status_code == 200
    text = " ".join(str(m) for m in response.context["messages"])
    assert "was not changed" in text
    assert reason in text
    assert_unpublished(article)


def test_writer_cannot_publish_a_submitted_article_either(writer_client, writer):
    article = ArticleFactory(status="review", published_at=None, created_by=writer)
    writer_client.post(
        admin_url(Article, "transition", article.pk),
        {"to": "published", "version": article.version},
    )
    writer_client.post(
        admin_url(Article, "changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    assert_unpublished(article)


def test_writer_submits_their_draft_for_review(writer_client, writer):
    article = draft_by(writer)
    response = writer_client.post(
        admin_url(Article, "transition", article.pk),
        {"to": "review", "version": article.version},
        follow=True,
    )
    assert "is now in review" in " ".join(str(m) for m in response.context["messages"])
    article.refresh_from_db()
    assert article.status == "review"


def test_writer_does_not_see_publish_buttons(writer_client, writer):
    article = draft_by(writer)
    response = writer_client.get(admin_url(Article, "change", article.pk))
    moves = [to for to, _ in response.context["workflow_moves"]]
    assert moves == ["review"]
    assert b'id="workflow-published"' not in response.content


def test_editor_publishes_from_the_change_form(editor_client, writer):
    article = ArticleFactory(status="review", published_at=None, created_by=writer)
    response = editor_client.post(
        admin_url(Article, "transition", article.pk),
        {"to": "published", "version": article.version},
        follow=True,
    )
    assert "is now published" in " ".join(str(m) for m in response.context["messages"])
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_editor_actions_report_counts_and_refusals(editor_client, writer):
    ready = ArticleFactory(status="review", published_at=None, created_by=writer)
    live = ArticleFactory(status="published", created_by=writer)
    response = editor_client.post(
        admin_url(Article, "changelist"),
        {"action": "publish_selected", "_selected_action": [ready.pk, live.pk]},
        follow=True,
    )
    text = [str(m) for m in response.context["messages"]]
    assert "Published 1 article(s)." in text
    assert any(
        t.startswith("1 article(s) not changed.") and "from published to published" in t
        for t in text
    )
    assert Article.objects.published().filter(pk=ready.pk).exists()


def test_a_stale_workflow_post_is_refused(editor_client, writer):
    article = ArticleFactory(status="review", published_at=None, created_by=writer)
    response = editor_client.post(
        admin_url(Article, "transition", article.pk),
        {"to": "published", "version": article.version - 1 or 99},
        follow=True,
    )
    assert "changed this at" in " ".join(str(m) for m in response.context["messages"])
    assert_unpublished(article)
