"""A live article edited in the desk: the change waits as a draft until an editor publishes."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article
from core.drafts import draft_of
from core.models import DraftChange
from tests.factories import ArticleFactory, BylineFactory, FeaturedQuoteFactory, QuoteFactory
from tests.images.helpers import stored_image

from .helpers import admin_url, client_of, form_data, messages_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(writer):
    article = ArticleFactory(title="Live headline", body="Live body.", created_by=writer)
    FeaturedQuoteFactory(article=article, quote=QuoteFactory(text="A live line."), position=0)
    BylineFactory(article=article)
    return article


def save_form(client, article, **changes):
    url = admin_url(Article, "change", article.pk)
    data = form_data(client.get(url), **changes)
    return client.post(url, data, follow=True)


def test_a_writers_edit_of_a_live_article_waits_as_a_draft(writer, client, live):
    writer_client = client_of(writer)
    extra = QuoteFactory(text="A drafted line.")
    response = save_form(
        writer_client,
        live,
        title="Drafted headline",
        body="Drafted body.",
        **{
            "featured_quotes-TOTAL_FORMS": "2",
            "featured_quotes-1-quote": str(extra.pk),
            "featured_quotes-1-position": "",
        },
    )
    assert "Saved as draft changes" in " ".join(messages_of(response))
    live.refresh_from_db()
    assert live.title == "Live headline"
    assert live.featured_quotes.count() == 1
    draft = draft_of(live).data
    assert draft["title"] == "Drafted headline"
    assert [row["quote"] for row in draft["featured_quotes"]][1] == extra.pk
    assert len(draft["authors"]) == 1
    page = client.get(live.get_absolute_url()).content.decode()
    assert "Live headline" in page and "Drafted" not in page and "A drafted line" not in page


def test_the_form_opens_on_the_draft_and_the_desk_says_so(writer, editor, live):
    writer_client, editor_client = client_of(writer), client_of(editor)
    save_form(writer_client, live, title="Drafted headline")
    form = editor_client.get(admin_url(Article, "change", live.pk))
    assert form.context["adminform"].form["title"].value() == "Drafted headline"
    html = form.content.decode()
    assert "Workflow: Live, with draft changes" in html
    assert 'id="draft-publish"' in html and 'id="save-and-publish"' in html
    listing = editor_client.get(admin_url(Article, "changelist") + "?status=changes")
    assert [a.pk for a in listing.context["cl"].result_list] == [live.pk]
    assert "Live, with draft changes" in listing.content.decode()


def test_preview_shows_the_draft_and_compare_shows_both(writer_client, live):
    save_form(writer_client, live, title="Drafted headline")
    preview = writer_client.get(admin_url(Article, "preview", live.pk)).content.decode()
    assert "Drafted headline" in preview and "Preview of draft changes" in preview
    compare = writer_client.get(admin_url(Article, "compare", live.pk) + "?from=current&to=draft")
    html = compare.content.decode()
    assert "<del>Live</del>" in html and "<ins>Drafted</ins>" in html


def test_an_editor_publishes_the_draft(writer, editor, client, live):
    writer_client, editor_client = client_of(writer), client_of(editor)
    save_form(writer_client, live, title="Drafted headline")
    writer_client.post(admin_url(Article, "draft", live.pk), {"action": "submit"})
    assert draft_of(live).is_submitted
    response = editor_client.post(
        admin_url(Article, "draft", live.pk), {"action": "publish"}, follow=True
    )
    assert "Draft changes published" in " ".join(messages_of(response))
    assert draft_of(live) is None
    assert "Drafted headline" in client.get(live.get_absolute_url()).content.decode()
    live.refresh_from_db()
    assert live.featured_quotes.count() == 1 and live.bylines.count() == 1


def test_a_writer_cannot_publish_the_draft(writer_client, live):
    save_form(writer_client, live, title="Drafted headline")
    response = writer_client.post(
        admin_url(Article, "draft", live.pk), {"action": "publish"}, follow=True
    )
    assert "was not changed" in " ".join(messages_of(response))
    assert draft_of(live) is not None


def test_an_editor_may_save_and_publish(editor_client, live):
    response = save_form(editor_client, live, title="Straight out", _publish="1")
    assert "Published: readers see the changes now." in " ".join(messages_of(response))
    live.refresh_from_db()
    assert live.title == "Straight out"
    assert draft_of(live) is None
    assert live.featured_quotes.count() == 1


def test_a_draft_can_be_discarded(writer_client, live):
    save_form(writer_client, live, title="Drafted headline")
    writer_client.post(admin_url(Article, "draft", live.pk), {"action": "discard"})
    assert draft_of(live) is None
    live.refresh_from_db()
    assert live.title == "Live headline"


def test_two_editors_on_one_draft_cannot_overwrite_each_other(editor, second_editor, live):
    editor_client, client = client_of(editor), client_of(second_editor)
    url = admin_url(Article, "change", live.pk)
    first = form_data(editor_client.get(url), title="First")
    second = form_data(client.get(url), title="Second")
    editor_client.post(url, first)
    response = client.post(url, second)
    assert response.status_code == 200
    assert "changed this at" in response.content.decode()
    assert draft_of(live).data["title"] == "First"


def test_an_editor_schedules_the_draft_from_the_desk(writer, editor, client, live):
    writer_client, editor_client = client_of(writer), client_of(editor)
    save_form(writer_client, live, title="Scheduled headline")
    draft_url = admin_url(Article, "draft", live.pk)
    at = timezone.localtime(timezone.now() + dt.timedelta(hours=2))
    refused = writer_client.post(
        draft_url, {"action": "schedule", "at": f"{at:%Y-%m-%d %H:%M}"}, follow=True
    )
    assert "was not changed" in " ".join(messages_of(refused))
    bad = editor_client.post(draft_url, {"action": "schedule", "at": "soon"}, follow=True)
    assert "Nothing changed" in " ".join(messages_of(bad))
    response = editor_client.post(
        draft_url, {"action": "schedule", "at": f"{at:%Y-%m-%d %H:%M}"}, follow=True
    )
    assert f"they go live at {at:%Y-%m-%d %H:%M}" in " ".join(messages_of(response))
    assert 'id="draft-scheduled"' in response.content.decode()
    assert "Scheduled headline" not in client.get(live.get_absolute_url()).content.decode()
    DraftChange.objects.filter(pk=draft_of(live).pk).update(go_live_at=timezone.now())
    assert "Scheduled headline" in client.get(live.get_absolute_url()).content.decode()
    assert draft_of(live) is None


def test_a_live_articles_featured_quotes_show_their_approval_and_verification(writer, editor, live):
    """The rows of a live article open as new forms (from its draft), and still say whether
    each quote is approved and verified: that decides whether the changes may be published."""
    pending = QuoteFactory(
        text="A line to approve.", state="pending", verification_status="verified"
    )
    save_form(
        client_of(writer),
        live,
        **{
            "featured_quotes-TOTAL_FORMS": "2",
            "featured_quotes-1-quote": str(pending.pk),
            "featured_quotes-1-position": "",
        },
    )
    response = client_of(editor).get(admin_url(Article, "change", live.pk))
    inline = next(
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model.__name__ == "FeaturedQuote"
    )
    shown = [
        [
            field.contents()
            for fieldset in row
            for line in fieldset
            for field in line
            if field.is_readonly
        ]
        for row in inline
        if row.form.initial
    ]
    assert shown == [["Approved", "Unverified"], ["Awaiting approval", "Verified against source"]]


def test_the_form_opens_on_the_drafts_lead_image_and_a_second_save_keeps_it(writer_client, live):
    """A writer who picked a lead image in a live article's draft sees it when the form
    opens again, and fixing a typo afterwards does not put the live image back."""
    image = stored_image()
    save_form(writer_client, live, lead_image=str(image.pk))
    form = writer_client.get(admin_url(Article, "change", live.pk)).context["adminform"].form
    assert str(form["lead_image"].value()) == str(image.pk)
    save_form(writer_client, live, title="Typo fixed")
    assert draft_of(live).data["lead_image"] == image.pk
    live.refresh_from_db()
    assert live.lead_image_id is None


def test_a_browsers_line_endings_do_not_make_the_body_a_change(writer_client, live):
    """Browsers send a textarea's lines with CRLF: a title fix must not show the untouched
    body as changed when the editor compares the draft with what is live."""
    live.body = "First paragraph.\n\nSecond paragraph."
    live.save()
    save_form(writer_client, live, title="Drafted headline", body=live.body.replace("\n", "\r\n"))
    assert draft_of(live).data["body"] == live.body
    compare = writer_client.get(admin_url(Article, "compare", live.pk) + "?from=current&to=draft")
    assert compare.context["changed_count"] == 1


def test_saving_a_live_article_unchanged_keeps_no_draft_and_says_so(writer_client, live):
    """A save with nothing changed (a writer's habit) must not put the article among those
    with draft changes for an editor to review, with nothing to see in the comparison."""
    response = save_form(writer_client, live, body=live.body.replace("\n", "\r\n"))
    assert draft_of(live) is None
    said = " ".join(messages_of(response))
    assert "Nothing changed" in said and "Saved as draft changes" not in said
    assert "changed successfully" not in said


def test_discarding_changes_already_gone_says_so(editor, writer_client, live):
    """An editor's page still showed the draft another editor has since published: pressing
    "Discard changes" must not report a discard that did not happen."""
    from articles.drafts import article_draft_publish

    save_form(writer_client, live, title="Drafted headline")
    article_draft_publish(article=live, by=editor)
    response = client_of(editor).post(
        admin_url(Article, "draft", live.pk), {"action": "discard"}, follow=True
    )
    said = " ".join(messages_of(response))
    assert "discarded" not in said and "no draft changes" in said


def test_the_lists_submit_and_publish_actions_take_a_live_articles_draft_changes(
    writer, editor, live
):
    """On a live article with draft changes, "Submit selected for review" and "Publish
    selected now" mean its changes; they were refused ("cannot go from published to
    published") as if the article itself were to move."""
    save_form(client_of(writer), live, title="Drafted headline")
    changelist = admin_url(Article, "changelist")
    submitted = client_of(writer).post(
        changelist, {"action": "submit_selected", "_selected_action": [live.pk]}, follow=True
    )
    assert draft_of(live).is_submitted
    assert "not changed" not in " ".join(messages_of(submitted))
    published = client_of(editor).post(
        changelist, {"action": "publish_selected", "_selected_action": [live.pk]}, follow=True
    )
    assert "not changed" not in " ".join(messages_of(published))
    live.refresh_from_db()
    assert live.title == "Drafted headline" and draft_of(live) is None
