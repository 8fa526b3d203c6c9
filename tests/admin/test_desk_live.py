"""Autosave, presence and signed preview links, through the desk's endpoints."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from articles.models import Article, Autosave, Presence, PreviewLink
from articles.services import article_update
from tests.factories import ArticleFactory

from .helpers import admin_url, client_of, form_data, messages_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(writer):
    return ArticleFactory(
        title="Working title", status="draft", published_at=None, created_by=writer
    )


def test_autosave_keeps_my_edits_for_me_alone(writer, editor, draft):
    mine, theirs = client_of(writer), client_of(editor)
    url = admin_url(Article, "autosave", draft.pk)
    kept = {"title": "Typed title", "body": "Typed body.", "status": "published"}
    assert mine.post(url, {"data": json.dumps(kept)}).json() == {"saved": True}
    answer = mine.get(url).json()
    assert answer["data"] == {"title": "Typed title", "body": "Typed body."}
    assert theirs.get(url).json()["data"] is None
    draft.refresh_from_db()
    assert draft.title == "Working title"


def test_bad_autosave_data_is_a_400(writer, draft):
    response = client_of(writer).post(admin_url(Article, "autosave", draft.pk), {"data": "{"})
    assert response.status_code == 400


def test_saving_the_form_clears_the_autosave(writer, draft):
    client = client_of(writer)
    client.post(admin_url(Article, "autosave", draft.pk), {"data": json.dumps({"title": "T"})})
    url = admin_url(Article, "change", draft.pk)
    client.post(url, form_data(client.get(url), title="Saved title"))
    assert not Autosave.objects.exists()
    draft.refresh_from_db()
    assert draft.title == "Saved title"


def test_the_form_opens_with_the_offer_to_restore_edits_that_differ(writer, editor, draft):
    """Drawn with the page, not after a fetch: an offer appearing a moment after the page is
    drawn moves the buttons under it from under the pointer."""
    Article.objects.filter(pk=draft.pk).update(body="One.\n\nTwo.")
    client = client_of(writer)
    url = admin_url(Article, "change", draft.pk)
    offer = re.compile(r'<div id="autosave-offer"[^>]*>')
    page = client.get(url).content.decode()
    assert "hidden" in offer.search(page).group(0) and 'id="autosave-kept"' not in page
    # A browser sends a text box's line ends as CRLF; the form shows them plain.
    kept = {"title": "Typed title", "body": "One.\r\n\r\nTwo."}
    client.post(admin_url(Article, "autosave", draft.pk), {"data": json.dumps(kept)})
    page = client.get(url).content.decode()
    assert "hidden" not in offer.search(page).group(0)
    saved_at = timezone.localtime(Autosave.objects.get().saved_at)
    assert f'<span id="autosave-time">{saved_at:%Y-%m-%d %H:%M:%S %Z}</span>' in page
    data = re.search(r'<script id="autosave-kept" type="application/json">(.*?)</script>', page)
    assert json.loads(data.group(1)) == kept
    # Another editor has nothing kept; edits the form already shows are not offered.
    assert "hidden" in offer.search(client_of(editor).get(url).content.decode()).group(0)
    kept["title"] = "Working title"
    client.post(admin_url(Article, "autosave", draft.pk), {"data": json.dumps(kept)})
    page = client.get(url).content.decode()
    assert "hidden" in offer.search(page).group(0) and 'id="autosave-kept"' not in page


def test_each_sees_who_else_has_the_article_open(editor, second_editor, draft):
    url = admin_url(Article, "presence", draft.pk)
    first, second = client_of(editor), client_of(second_editor)
    assert first.post(url).json()["others"] == []
    others = second.post(url).json()["others"]
    since = timezone.localtime(Presence.objects.get(user=editor).since).strftime("%H:%M")
    assert others == [{"user": "eddie", "since": since}]
    assert first.post(url).json()["others"][0]["user"] == "erin"
    # One not heard from for a minute has left.
    Presence.objects.filter(user=editor).update(seen_at=timezone.now() - dt.timedelta(minutes=1))
    assert second.post(url).json()["others"] == []


def test_the_form_opens_with_who_else_has_it_open(editor, second_editor, draft):
    """Drawn with the page, not a moment later: a line appearing above the workflow buttons
    after the page is drawn moves them from under the pointer."""
    client_of(second_editor).post(admin_url(Article, "presence", draft.pk))
    page = client_of(editor).get(admin_url(Article, "change", draft.pk)).content.decode()
    since = timezone.localtime(Presence.objects.get(user=second_editor).since).strftime("%H:%M")
    shown = re.search(r'<p id="presence"[^>]*>([^<]*)</p>', page)
    assert shown.group(1) == f"erin has this article open since {since}."
    assert "hidden" not in shown.group(0)
    # The heartbeat the form sends next says the same, so the line does not change.
    answer = client_of(editor).post(admin_url(Article, "presence", draft.pk)).json()
    assert answer["text"] == shown.group(1)
    Presence.objects.filter(user=second_editor).delete()
    page = client_of(editor).get(admin_url(Article, "change", draft.pk)).content.decode()
    assert '<p id="presence" class="warning" role="status" hidden></p>' in page


def link_from(response) -> str:
    text = " ".join(messages_of(response))
    return re.search(r"http://testserver(/preview/[^ ]+/)", text).group(1)


def test_a_preview_link_shows_the_draft_changes_to_anyone_until_revoked(editor, client):
    live = ArticleFactory(title="Live headline")
    article_update(article=live, by=editor, title="Drafted headline")
    desk = client_of(editor)
    created = desk.post(admin_url(Article, "preview_links", live.pk), {"hours": "24"}, follow=True)
    path = link_from(created)
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Drafted headline" in html and "Preview of draft changes" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "xkey" not in response
    assert "Back to the editor" not in html
    link = PreviewLink.objects.get()
    desk.post(admin_url(Article, "preview_links", live.pk), {"revoke": link.pk})
    assert client.get(path).status_code == 404


def test_an_expired_or_forged_preview_link_is_a_404(editor, client, draft):
    desk = client_of(editor)
    created = desk.post(admin_url(Article, "preview_links", draft.pk), {"hours": "1"}, follow=True)
    path = link_from(created)
    assert client.get(path).status_code == 200
    assert client.get(path[:-3] + "xx/").status_code == 404
    PreviewLink.objects.update(expires_at=timezone.now())
    assert client.get(path).status_code == 404


def test_a_preview_link_for_too_long_is_refused_with_a_message(editor, draft):
    response = client_of(editor).post(
        admin_url(Article, "preview_links", draft.pk), {"hours": "99999"}, follow=True
    )
    assert "No preview link" in " ".join(messages_of(response))
    assert not PreviewLink.objects.exists()


def test_robots_keep_out_of_previews(client):
    assert "Disallow: /preview/" in client.get("/robots.txt").content.decode()
