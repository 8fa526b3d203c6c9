"""The desk shows each article's status as it is now, and the frictions a new user met."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles.models import Article, FeaturedQuote
from articles.services import article_update
from core.surrogate import next_scheduled_change
from tests.factories import ArticleFactory, QuoteFactory

from .helpers import admin_url, form_data, messages_of

pytestmark = pytest.mark.django_db


def gone_live_while_scheduled():
    """Scheduled for a time that has come: `published()` holds it."""
    return ArticleFactory(
        title="Gone live", status="scheduled", published_at=timezone.now() - dt.timedelta(minutes=5)
    )


def test_a_scheduled_article_whose_time_has_come_is_live_in_the_list(editor_client):
    gone_live_while_scheduled()
    ArticleFactory(
        title="Still waiting",
        status="scheduled",
        published_at=timezone.now() + dt.timedelta(days=1),
    )
    html = editor_client.get(admin_url(Article, "changelist")).content.decode()
    assert '<td class="field-status_badge">Live<br><a href=' in html
    assert "Scheduled for " in html


def test_the_status_filter_and_the_dashboard_count_it_as_live(editor_client):
    live = gone_live_while_scheduled()
    waiting = ArticleFactory(status="scheduled", published_at=timezone.now() + dt.timedelta(days=1))
    listed = editor_client.get(admin_url(Article, "changelist") + "?status=live")
    assert [a.pk for a in listed.context["cl"].result_list] == [live.pk]
    listed = editor_client.get(admin_url(Article, "changelist") + "?status=scheduled")
    assert [a.pk for a in listed.context["cl"].result_list] == [waiting.pk]
    html = editor_client.get("/admin/").content.decode()
    assert '?status=scheduled">Scheduled</a></th><td>1</td>' in html
    assert '?status=live">Live</a></th><td>1</td>' in html


def test_the_form_says_live(editor_client):
    article = gone_live_while_scheduled()
    html = editor_client.get(admin_url(Article, "change", article.pk)).content.decode()
    assert 'id="workflow-status">Workflow: Live' in html


def test_the_schedule_input_names_its_time_zone_and_reads_times_in_it(editor_client, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    article = ArticleFactory(status="review", published_at=None)
    html = editor_client.get(admin_url(Article, "change", article.pk)).content.decode()
    assert "Go live at (Europe/Berlin time)" in html
    when = timezone.localtime(timezone.now() + dt.timedelta(days=2)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    editor_client.post(
        admin_url(Article, "transition", article.pk),
        {"to": "scheduled", "at": when.strftime("%Y-%m-%d %H:%M"), "version": article.version},
    )
    article.refresh_from_db()
    assert timezone.localtime(article.published_at).strftime("%H:%M %Z") == "09:30 CET"


def test_desk_dates_read_year_first(editor_client):
    article = ArticleFactory(unpublish_at=timezone.now() + dt.timedelta(days=3))
    html = editor_client.get(admin_url(Article, "change", article.pk)).content.decode()
    expected = timezone.localtime(article.unpublish_at).strftime("%Y-%m-%d")
    assert f'name="unpublish_at_0" value="{expected}"' in html


def test_an_article_comes_off_at_its_unpublish_time(client):
    soon = timezone.now() + dt.timedelta(hours=1)
    article = ArticleFactory(unpublish_at=soon)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert next_scheduled_change(timezone.now()) == soon
    Article.objects.filter(pk=article.pk).update(unpublish_at=timezone.now())
    assert client.get(article.get_absolute_url()).status_code == 404
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.get(pk=article.pk).desk_status().startswith("Taken off")


def test_only_an_editor_sets_the_unpublish_time(writer, editor):
    article = ArticleFactory(status="draft", published_at=None, created_by=writer)
    with pytest.raises(PermissionDenied):
        article_update(article=article, by=writer, unpublish_at=timezone.now())
    article_update(article=article, by=editor, unpublish_at=timezone.now())


def test_featured_quotes_added_together_keep_their_order(editor_client):
    article = ArticleFactory(status="draft", published_at=None)
    first, second = QuoteFactory(), QuoteFactory()
    url = admin_url(Article, "change", article.pk)
    data = form_data(editor_client.get(url))
    data.update(
        {
            "featured_quotes-TOTAL_FORMS": "2",
            "featured_quotes-0-quote": str(first.pk),
            "featured_quotes-1-quote": str(second.pk),
            # Blank, as the browser sends the new rows' position fields.
            "featured_quotes-0-position": "",
            "featured_quotes-1-position": "",
            "_continue": "1",
        }
    )
    response = editor_client.post(url, data, follow=True)
    assert not response.context.get("errors"), messages_of(response)
    rows = FeaturedQuote.objects.filter(article=article).order_by("position")
    assert [(row.quote_id, row.position) for row in rows] == [(first.pk, 0), (second.pk, 1)]


def test_the_add_form_says_when_the_workflow_buttons_appear(writer_client):
    html = writer_client.get(admin_url(Article, "add")).content.decode()
    assert "Save the draft first" in html
    assert "Use the workflow buttons above" not in html
    assert "/articles//" not in html


def test_a_writer_is_not_told_to_approve_quotes(writer_client, writer):
    article = ArticleFactory(status="draft", published_at=None, created_by=writer)
    FeaturedQuote.objects.create(article=article, quote=QuoteFactory(state="pending"))
    html = writer_client.get(admin_url(Article, "change", article.pk)).content.decode()
    assert "until an editor approves it" in html
    assert "publishing asks you to approve" not in html


def test_view_on_site_for_a_draft_offers_the_preview(editor_client):
    draft = ArticleFactory(status="draft", published_at=None)
    html = editor_client.get(admin_url(Article, "change", draft.pk)).content.decode()
    assert admin_url(Article, "preview", draft.pk) in html
    assert f'href="{draft.get_absolute_url()}"' not in html
