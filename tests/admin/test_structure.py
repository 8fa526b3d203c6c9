"""Editors manage sections, tags and authors; writers pick them on the article form."""

import pytest

from articles.models import Article, Author, Correction, Section, Tag
from quotes.models import Quote
from tests.factories import AuthorFactory, QuoteFactory, SectionFactory, TagFactory

from .helpers import admin_url

pytestmark = pytest.mark.django_db


def test_a_writer_picks_section_tags_and_authors_on_the_article_form(writer_client):
    film, tag = SectionFactory(slug="film"), TagFactory(slug="wick")
    ann, ben = AuthorFactory(slug="ann"), AuthorFactory(slug="ben")
    response = writer_client.post(
        admin_url(Article, "add"),
        {
            "title": "Picked",
            "slug": "picked",
            "body": "Text.",
            "section": str(film.pk),
            "tags": [str(tag.pk)],
            "bylines-TOTAL_FORMS": "2",
            "bylines-INITIAL_FORMS": "0",
            "bylines-0-position": "0",
            "bylines-0-author": str(ben.pk),
            "bylines-1-position": "1",
            "bylines-1-author": str(ann.pk),
            **{
                f"{inline}-{count}": "0"
                for inline in ("featured_quotes", "corrections")
                for count in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
            "_save": "Save",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.with_authors().get(slug="picked")
    assert article.section == film and list(article.tags.all()) == [tag]
    assert [author.slug for author in article.author_list()] == ["ben", "ann"]


@pytest.mark.parametrize("field", ["section", "tags"])
def test_the_writer_s_pickers_autocomplete(writer_client, field):
    SectionFactory(name="Film", slug="film")
    TagFactory(name="Film festivals", slug="festivals")
    response = writer_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": field, "term": "Fil"},
    )
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_the_byline_picker_autocompletes(writer_client):
    AuthorFactory(name="Ann Author")
    response = writer_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "byline", "field_name": "author", "term": "ann"},
    )
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Ann Author"]


@pytest.mark.parametrize("model", [Section, Tag, Author])
def test_writers_cannot_manage_sections_tags_or_authors_and_editors_can(
    writer_client, editor, model
):
    assert writer_client.get(admin_url(model, "add")).status_code == 403
    writer_client.force_login(editor)
    assert writer_client.get(admin_url(model, "add")).status_code == 200


def test_only_editors_see_the_corrections_form_on_a_quote(writer_client, editor):
    quote = QuoteFactory(state=Quote.State.PENDING)
    url = admin_url(Quote, "change", quote.pk)
    writer_page = writer_client.get(url)
    writer_client.force_login(editor)
    editor_page = writer_client.get(url)
    assert "corrections-TOTAL_FORMS" in editor_page.content.decode()
    inline = next(
        i for i in editor_page.context["inline_admin_formsets"] if i.formset.model is Correction
    )
    assert inline.has_add_permission
    writer_inlines = [
        i for i in writer_page.context["inline_admin_formsets"] if i.formset.model is Correction
    ]
    assert all(not i.has_add_permission for i in writer_inlines)
