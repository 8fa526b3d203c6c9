"""No lost edits: a stale form is refused, naming who changed the row and when, and re-shown."""

import pytest
from django.test import Client

from articles.models import Article
from quotes.models import Quote
from tests.factories import ArticleFactory, QuoteFactory

from .helpers import admin_url, form_data

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_stale_article_save_is_refused_and_both_edits_are_kept(editor, second_editor):
    article = ArticleFactory(title="Original", status="draft", published_at=None)
    url = admin_url(Article, "change", article.pk)
    first, second = logged_in(editor), logged_in(second_editor)
    first_form, second_form = first.get(url), second.get(url)

    assert first.post(url, form_data(first_form, title="First editor's title")).status_code == 302

    response = second.post(url, form_data(second_form, title="Second editor's title"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert "eddie changed this at" in errors[0]
    assert "eddie changed this at" in response.content.decode()
    # The second editor's input is shown again, intact.
    assert response.context["adminform"].form["title"].value() == "Second editor's title"
    assert "Second editor&#x27;s title" in response.content.decode()
    # The first editor's save stands.
    article.refresh_from_db()
    assert article.title == "First editor's title"
    assert article.updated_by == editor
    assert article.version == 2


def test_a_stale_quote_save_is_refused_and_both_edits_are_kept(editor, second_editor):
    quote = QuoteFactory(text="The original words.", state="pending")
    url = admin_url(Quote, "change", quote.pk)
    first, second = logged_in(editor), logged_in(second_editor)
    first_form, second_form = first.get(url), second.get(url)

    assert first.post(url, form_data(first_form, text="First fix.")).status_code == 302
    response = second.post(url, form_data(second_form, text="Second fix."))

    assert response.status_code == 200
    assert "eddie changed this at" in response.context["adminform"].form.non_field_errors()[0]
    assert response.context["adminform"].form["text"].value() == "Second fix."
    quote.refresh_from_db()
    assert quote.text == "First fix."


def test_a_fresh_save_goes_through_and_bumps_the_version(editor):
    article = ArticleFactory(status="draft", published_at=None)
    client = logged_in(editor)
    url = admin_url(Article, "change", article.pk)
    client.post(url, form_data(client.get(url), title="One"))
    client.post(url, form_data(client.get(url), title="Two"))
    article.refresh_from_db()
    assert (article.title, article.version) == ("Two", 3)


def test_a_form_without_its_version_is_refused(editor):
    article = ArticleFactory(title="Kept", status="draft", published_at=None)
    client = logged_in(editor)
    url = admin_url(Article, "change", article.pk)
    data = form_data(client.get(url), title="Changed")
    del data["loaded_version"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "reload the page" in response.context["adminform"].form.non_field_errors()[0]
    article.refresh_from_db()
    assert article.title == "Kept"
