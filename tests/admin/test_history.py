"""Every change is a revision; revisions compare field by field and restore through the admin."""

import pytest
from reversion.models import Version

from articles import services
from articles.models import Article
from core.drafts import draft_of
from quotes.models import Quote
from quotes.services import quote_update
from tests.factories import ArticleFactory, BylineFactory, FeaturedQuoteFactory, QuoteFactory

from .helpers import admin_url, form_data, messages_of

pytestmark = pytest.mark.django_db


def add_article(client, quote) -> Article:
    response = client.post(
        admin_url(Article, "add"),
        {
            "title": "Draft title",
            "slug": "draft-title",
            "body": "Draft body.",
            "featured_quotes-TOTAL_FORMS": "1",
            "featured_quotes-INITIAL_FORMS": "0",
            "featured_quotes-0-position": "0",
            "featured_quotes-0-quote": str(quote.pk),
            **{
                f"{inline}-{count}": "0"
                for inline in ("bylines", "corrections")
                for count in ("TOTAL_FORMS", "INITIAL_FORMS")
            },  # fmt: skip
            "_save": "Save",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Article.objects.get(slug="draft-title")


def edit(client, article, **changes):
    url = admin_url(Article, "change", article.pk)
    response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302
    article.refresh_from_db()


def test_each_save_is_a_revision_with_who_when_and_what(editor_client, editor):
    article = add_article(editor_client, QuoteFactory())
    edit(editor_client, article, title="Better title")
    versions = list(Version.objects.get_for_object(article).select_related("revision__user"))
    assert len(versions) == 2
    newest = versions[0]
    assert newest.revision.user == editor
    assert newest.field_dict["title"] == "Better title"
    assert "Title" in newest.revision.get_comment()
    history = editor_client.get(admin_url(Article, "history", article.pk))
    assert b"Better title" not in history.content or b"eddie" in history.content
    assert b"eddie" in history.content


def test_workflow_moves_and_quote_edits_are_revisions_too(editor_client, editor):
    article = ArticleFactory(status="review", published_at=None)
    services.article_publish(article=article, by=editor)
    quote = QuoteFactory(state="pending")
    editor_client.post(
        admin_url(Quote, "changelist"),
        {"action": "approve_selected", "_selected_action": [quote.pk]},
    )
    article_revision = Version.objects.get_for_object(article).first().revision
    assert article_revision.user == editor
    assert "Published" in article_revision.comment
    assert Version.objects.get_for_object(quote).first().field_dict["state"] == "approved"


def test_restoring_an_old_revision_brings_back_its_fields_and_featured_quotes(editor_client):
    first_quote, second_quote = QuoteFactory(), QuoteFactory()
    article = add_article(editor_client, first_quote)
    edit(editor_client, article, title="First edit", body="Body one.")
    edit(
        editor_client,
        article,
        title="Second edit",
        body="Body two.",
        **{"featured_quotes-0-quote": str(second_quote.pk)},
    )
    assert list(article.quotes.all()) == [second_quote]
    first_edit = Version.objects.get_for_object(article).get(serialized_data__contains="First edit")

    revision_url = admin_url(Article, "revision", article.pk, first_edit.pk)
    shown = editor_client.get(revision_url)
    assert shown.status_code == 200
    assert shown.context["adminform"].form["title"].value() == "First edit"
    # Looking at a revision changes nothing.
    article.refresh_from_db()
    assert article.title == "Second edit"

    response = editor_client.post(revision_url, form_data(shown))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body) == ("First edit", "Body one.")
    assert list(article.quotes.all()) == [first_quote]
    # A restore is a new version, not a step back: an older open form is still stale.
    assert article.version == 4
    assert Version.objects.get_for_object(article).count() == 4


def test_a_restore_over_a_newer_edit_is_refused(editor_client, second_editor):
    from django.test import Client

    article = add_article(editor_client, QuoteFactory())
    edit(editor_client, article, title="First edit")
    edit(editor_client, article, title="Second edit")
    first_edit = Version.objects.get_for_object(article).get(serialized_data__contains="First edit")
    revision_url = admin_url(Article, "revision", article.pk, first_edit.pk)
    shown = editor_client.get(revision_url)
    other = Client()
    other.force_login(second_editor)
    edit(other, article, title="Meanwhile")

    response = editor_client.post(revision_url, form_data(shown))
    assert response.status_code == 200
    assert "erin changed this" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Meanwhile"


def test_compare_two_revisions_field_by_field(editor_client):
    article = add_article(editor_client, QuoteFactory())
    edit(editor_client, article, title="A new title", body="Draft body, longer now.")
    old, new = Version.objects.get_for_object(article).order_by("pk")
    response = editor_client.get(
        admin_url(Article, "compare", article.pk), {"from": old.pk, "to": new.pk}
    )
    assert response.status_code == 200
    changed = {row.label: row for row in response.context["rows"] if row.changed}
    assert set(changed) == {"Title", "Body"}
    assert changed["Title"].old == "<del>Draft</del> title"
    assert changed["Title"].new == "<ins>A new</ins> title"
    assert changed["Body"].new == "Draft <ins>body, longer now.</ins>"


def test_compare_a_draft_against_what_is_live(editor_client, editor):
    article = ArticleFactory(title="As published", status="review", published_at=None)
    services.article_publish(article=article, by=editor)
    services.article_unpublish(article=article, by=editor)
    edit(editor_client, article, title="Reworked draft")
    response = editor_client.get(admin_url(Article, "compare", article.pk))
    assert response.context["old"].key == "live"
    assert response.context["new"].key == "current"
    rows = {row.label: row for row in response.context["rows"] if row.changed}
    assert "As published" in rows["Title"].old
    assert "Reworked draft" in rows["Title"].new
    assert "Published" in rows["Status"].old and "Draft" in rows["Status"].new
    # The search vector is the database's derivative of the text: never a row of its own.
    assert not any("search" in row.label.lower() for row in response.context["rows"])


def test_compare_refuses_an_unknown_revision(editor_client):
    article = add_article(editor_client, QuoteFactory())
    response = editor_client.get(admin_url(Article, "compare", article.pk), {"from": "999999"})
    assert response.status_code == 404


def test_quote_history_compares_too(editor_client):
    quote = QuoteFactory(text="Before.", state="pending")
    url = admin_url(Quote, "change", quote.pk)
    editor_client.post(url, form_data(editor_client.get(url), text="After."))
    editor_client.post(url, form_data(editor_client.get(url), text="After, again."))
    response = editor_client.get(admin_url(Quote, "compare", quote.pk))
    assert response.status_code == 200
    rows = {row.label: row for row in response.context["rows"] if row.changed}
    assert "Text" in rows


def test_an_editor_restoring_a_live_article_gets_draft_changes_readers_do_not_see(
    editor_client, editor, client
):
    """A live article's old version comes back as its draft changes, featured quotes and
    byline included: readers keep the live version until an editor publishes the draft, as
    the message after the save says."""
    first_quote, second_quote = QuoteFactory(), QuoteFactory()
    article = ArticleFactory(title="First headline", body="First body.")
    BylineFactory(article=article)
    FeaturedQuoteFactory(article=article, quote=first_quote, position=0)
    services.article_update(article=article, by=editor, publish=True, title="First headline")
    services.article_update(
        article=Article.objects.get(pk=article.pk),
        by=editor,
        publish=True,
        title="Second headline",
        body="Second body.",
        featured_quotes=[(second_quote, 0)],
    )
    first = Version.objects.get_for_object(article).get(serialized_data__contains="First body")
    revision_url = admin_url(Article, "revision", article.pk, first.pk)

    shown = editor_client.get(revision_url)
    assert shown.status_code == 200
    assert shown.context["adminform"].form["title"].value() == "First headline"
    response = editor_client.post(revision_url, form_data(shown), follow=True)
    assert "Saved as draft changes" in " ".join(messages_of(response))

    article.refresh_from_db()
    assert (article.title, article.body) == ("Second headline", "Second body.")
    assert list(article.quotes.all()) == [second_quote]
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Second headline" in page and "First headline" not in page
    draft = draft_of(article).data
    assert (draft["title"], draft["body"]) == ("First headline", "First body.")
    assert [row["quote"] for row in draft["featured_quotes"]] == [first_quote.pk]
    assert len(draft["authors"]) == 1


def test_a_revisions_comment_names_only_the_fields_that_changed(editor):
    """Publishing draft changes hands every field to the service: the history says which of
    them changed, not all of them."""
    from articles.drafts import article_draft_publish

    article = ArticleFactory(title="Headline", body="Body.")
    services.article_update(article=article, by=editor, title="New headline")
    article_draft_publish(article=Article.objects.get(pk=article.pk), by=editor)
    newest = Version.objects.get_for_object(article).first()
    assert newest.revision.comment == "Changed title."
    quote = QuoteFactory(text="Old words.")
    quote_update(quote=quote, by=editor, text="New words.", said_on=quote.said_on, films=[])
    assert Version.objects.get_for_object(quote).first().revision.comment == "Changed text."
