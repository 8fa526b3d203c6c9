"""Draft changes of a live article over the API: PATCH writes the draft, publish/ makes it
live, readers keep the live version meanwhile."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article
from core.models import DraftChange, Notification
from tests.factories import ArticleFactory, QuoteFactory

from .conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(writer):
    return ArticleFactory(title="Live headline", body="Live body.", created_by=writer)


def url(article, action=""):
    return f"/api/v1/articles/{article.pk}/{action}"


def soon(seconds: int = 3600) -> str:
    return (timezone.now() + dt.timedelta(seconds=seconds)).isoformat()


def test_patch_on_a_live_article_writes_its_draft(writer_api, api, live):
    response = writer_api.patch(url(live), {"title": "Drafted headline"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Live headline"
    assert body["draft"]["title"] == "Drafted headline"
    assert body["draft"]["version"] == live.version + 1
    assert response["ETag"].startswith(f'"{live.version + 1}.')
    public = api.get(url(live)).json()
    assert public["title"] == "Live headline" and "draft" not in public
    assert "Drafted" not in api.get("/api/v1/articles/").content.decode()


def test_a_staff_read_shows_the_draft_or_null(writer_api, live):
    assert writer_api.get(url(live)).json()["draft"] is None
    writer_api.patch(url(live), {"body": "Drafted body."}, format="json")
    assert writer_api.get(url(live)).json()["draft"]["body"] == "Drafted body."


def test_if_match_refers_to_the_draft(writer_api, editor_api, live):
    etag = writer_api.get(url(live))["ETag"]
    first = writer_api.patch(url(live), {"title": "One"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200
    stale = editor_api.patch(url(live), {"title": "Two"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    fresh = editor_api.patch(
        url(live), {"title": "Two"}, format="json", HTTP_IF_MATCH=first["ETag"]
    )
    assert fresh.status_code == 200
    assert fresh.json()["draft"]["title"] == "Two"


def test_an_editor_publishes_the_draft(writer_api, editor_api, api, live):
    assert writer_api.post(url(live, "submit/")).status_code == 409
    writer_api.patch(url(live), {"title": "Drafted headline"}, format="json")
    submitted = writer_api.post(url(live, "submit/"), {"comment": "Updated figures."})
    assert submitted.json()["draft"]["is_submitted"] is True
    assert writer_api.post(url(live, "publish/")).status_code == 403
    response = editor_api.post(url(live, "publish/"))
    assert response.status_code == 200
    assert response.json()["title"] == "Drafted headline"
    assert response.json()["draft"] is None
    assert api.get(url(live)).json()["title"] == "Drafted headline"


def test_publishing_with_no_draft_is_a_409(editor_api, live):
    response = editor_api.post(url(live, "publish/"))
    assert response.status_code == 409
    assert "no draft changes to publish" in response.json()["detail"]


def test_publishing_a_draft_featuring_an_unapproved_quote_needs_approval(editor, live):
    from articles.services import article_update

    pending = QuoteFactory(state="pending")
    article_update(article=live, by=editor, featured_quotes=[(pending, 0)])
    client = client_for(editor)
    refused = client.post(url(live, "publish/"))
    assert refused.status_code == 400
    done = client.post(url(live, "publish/"), {"approve_quotes": True}, format="json")
    assert done.status_code == 200
    pending.refresh_from_db()
    assert pending.state == "approved"
    assert Article.objects.get(pk=live.pk).featured_quotes.get().quote == pending


# --- scheduled draft changes --------------------------------------------------------------


def come_due(article):
    """What the clock does at the scheduled time: the draft's time is now past (the switch is
    the comparison with now, so no job and no sleep are needed to test it)."""
    moment = timezone.now() - dt.timedelta(seconds=1)
    assert DraftChange.objects.filter(object_id=article.pk).update(go_live_at=moment) == 1


def test_scheduled_draft_changes_go_live_at_their_time_with_no_job(
    writer_api, editor_api, api, live
):
    assert editor_api.post(url(live, "schedule/"), {"at": soon()}).status_code == 409
    assert editor_api.post(url(live, "schedule/"), {"at": "2000-01-01"}).status_code == 400
    writer_api.patch(url(live), {"title": "Scheduled headline"}, format="json")
    assert writer_api.post(url(live, "schedule/"), {"at": soon()}).status_code == 403
    past = editor_api.post(url(live, "schedule/"), {"at": timezone.now().isoformat()})
    assert past.status_code == 400
    response = editor_api.post(url(live, "schedule/"), {"at": soon(90)})
    assert response.status_code == 200
    assert response.json()["draft"]["go_live_at"] is not None
    before = api.get(url(live))
    assert before.json()["title"] == "Live headline"
    # A shared cache keeps the live version no longer than until the change.
    assert 85 <= int(before["Cache-Control"].split("s-maxage=")[1]) <= 90
    assert "Scheduled headline" not in api.get(live.get_absolute_url()).content.decode()

    come_due(live)
    assert api.get(url(live)).json()["title"] == "Scheduled headline"
    assert "Scheduled headline" in api.get(live.get_absolute_url()).content.decode()
    assert editor_api.get(url(live)).json()["draft"] is None
    assert Notification.objects.filter(message__contains="scheduled the draft changes").exists()


def test_a_change_to_a_scheduled_draft_takes_it_off_the_schedule(writer_api, editor_api, live):
    writer_api.patch(url(live), {"title": "First"}, format="json")
    editor_api.post(url(live, "schedule/"), {"at": soon()})
    writer_api.patch(url(live), {"title": "Changed after"}, format="json")
    assert writer_api.get(url(live)).json()["draft"]["go_live_at"] is None
    assert DraftChange.objects.get(object_id=live.pk).go_live_at is None


def test_a_due_draft_the_service_refuses_stays_a_draft_and_off_the_schedule(
    writer_api, editor_api, api, live
):
    writer_api.patch(url(live), {"slug": "taken-later"}, format="json")
    editor_api.post(url(live, "schedule/"), {"at": soon()})
    ArticleFactory(slug="taken-later")
    come_due(live)
    assert api.get(url(live)).status_code == 200  # the reader is never failed for it
    draft = DraftChange.objects.get(object_id=live.pk)
    assert draft.go_live_at is None and draft.data["slug"] == "taken-later"
    assert Article.objects.get(pk=live.pk).slug != "taken-later"
