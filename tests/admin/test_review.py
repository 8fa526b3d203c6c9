"""Notifications and review comments: who is told what, in the inbox and by email."""

import pytest
from django.core import mail

from articles.models import Article, Comment
from core.models import Notification
from tests.factories import ArticleFactory

from .helpers import admin_url, client_of, messages_of

pytestmark = pytest.mark.django_db


def move(client, article, to, comment=""):
    article.refresh_from_db()
    return client.post(
        admin_url(Article, "transition", article.pk),
        {"to": to, "version": article.version, "comment": comment},
        follow=True,
    )


@pytest.fixture
def filed(writer):
    return ArticleFactory(title="Filed story", status="draft", published_at=None, created_by=writer)


def test_submitting_tells_the_editors(
    writer, editor, second_editor, filed, django_capture_on_commit_callbacks
):
    writer_client = client_of(writer)
    writer.email, editor.email = "wendy@example.org", "eddie@example.org"
    writer.save()
    editor.save()
    with django_capture_on_commit_callbacks(execute=True):
        move(writer_client, filed, "review", "Ready when you are.")
    told = Notification.objects.filter(message__contains="submitted “Filed story”")
    assert sorted(n.recipient.username for n in told) == ["eddie", "erin"]
    assert not Notification.objects.filter(recipient=writer).exists()
    assert [m.to for m in mail.outbox] == [["eddie@example.org"]]
    assert "Ready when you are." in mail.outbox[0].body


def test_a_send_back_reaches_the_writer_with_the_comment(
    writer, editor, filed, django_capture_on_commit_callbacks
):
    writer_client, editor_client = client_of(writer), client_of(editor)
    writer.email = "wendy@example.org"
    writer.save()
    move(writer_client, filed, "review")
    html = editor_client.get(admin_url(Article, "change", filed.pk)).content.decode()
    assert "Send back to the writer" in html
    with django_capture_on_commit_callbacks(execute=True):
        move(editor_client, filed, "draft", "Check the second quote.")
    notice = Notification.objects.get(recipient=writer)
    assert notice.message == "eddie sent “Filed story” back to you"
    assert notice.comment == "Check the second quote."
    assert mail.outbox[-1].to == ["wendy@example.org"]
    assert "Check the second quote." in mail.outbox[-1].body


def test_publishing_tells_the_writer(editor_client, writer, filed):
    move(editor_client, filed, "published", "Lovely piece.")
    notice = Notification.objects.get(recipient=writer)
    assert notice.message == "eddie published “Filed story”"
    assert notice.comment == "Lovely piece."


def test_the_inbox_shows_my_unread_notifications(writer, editor, filed):
    writer_client, editor_client = client_of(writer), client_of(editor)
    move(editor_client, filed, "published")
    dashboard = writer_client.get("/admin/").content.decode()
    assert "Unread notifications</a></th><td>1</td>" in dashboard
    inbox = writer_client.get(admin_url(Notification, "changelist") + "?unread=yes")
    assert [n.recipient_id for n in inbox.context["cl"].result_list] == [writer.pk]
    assert editor_client.get(admin_url(Notification, "changelist")).context["cl"].result_count == 0
    notice = Notification.objects.get(recipient=writer)
    opened = writer_client.get(admin_url(Notification, "open", notice.pk))
    assert opened["Location"] == admin_url(Article, "change", filed.pk)
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert editor_client.get(admin_url(Notification, "open", notice.pk)).status_code == 404


def test_comments_thread_and_resolve_in_the_history(writer, editor, filed):
    writer_client, editor_client = client_of(writer), client_of(editor)
    url = admin_url(Article, "comments", filed.pk)
    editor_client.post(url, {"text": "Is the date right?"})
    thread = Comment.objects.get()
    assert Notification.objects.get(recipient=writer).comment == "Is the date right?"
    writer_client.post(url, {"text": "Yes, checked.", "parent": thread.pk})
    response = editor_client.post(url, {"resolve": thread.pk}, follow=True)
    assert "Thread resolved." in messages_of(response)
    html = editor_client.get(admin_url(Article, "history", filed.pk)).content.decode()
    assert "Is the date right?" in html and "Yes, checked." in html
    assert "resolved by eddie" in html


def test_an_empty_comment_is_a_message_not_an_error(editor_client, filed):
    response = editor_client.post(
        admin_url(Article, "comments", filed.pk), {"text": "  "}, follow=True
    )
    assert response.status_code == 200
    assert "No comment added" in " ".join(messages_of(response))
    assert not Comment.objects.exists()


def test_the_lists_back_to_draft_action_does_not_call_sending_back_unpublishing(editor):
    """An article in review was never published: moved back to draft from the list, it is
    not reported as "Unpublished"."""
    in_review = ArticleFactory(status="review", published_at=None)
    response = client_of(editor).post(
        admin_url(Article, "changelist"),
        {"action": "unpublish_selected", "_selected_action": [in_review.pk]},
        follow=True,
    )
    said = " ".join(messages_of(response))
    assert "Unpublished" not in said and "back to draft" in said.lower()
