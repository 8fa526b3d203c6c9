"""Editors preview an unpublished article as readers will see it, without it going public."""

import pytest
from django.contrib.auth.models import User

from articles.models import Article
from tests.factories import ArticleFactory, FeaturedQuoteFactory, QuoteFactory

from .helpers import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    article = ArticleFactory(
        title="Not out yet", standfirst="A scoop.", status="draft", published_at=None
    )
    FeaturedQuoteFactory(article=article, quote=QuoteFactory(text="An approved line."))
    FeaturedQuoteFactory(
        article=article, quote=QuoteFactory(text="A pending line.", state="pending")
    )
    return article


def test_preview_renders_the_public_template_with_a_banner(editor_client, draft, client):
    response = editor_client.get(admin_url(Article, "preview", draft.pk))
    assert response.status_code == 200
    assert "articles/article_detail.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Not out yet" in html
    assert "Preview — not public" in html
    assert html.index("Preview — not public") > html.index("<body")
    assert "An approved line." in html
    # Readers never see a quote that is not approved, and the banner says so.
    assert "A pending line." not in html
    assert "1 featured quote(s) await approval" in html
    assert response["X-Robots-Tag"].startswith("noindex")
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives
    # Still not public.
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_scheduled_article_can_be_previewed_by_its_writer(writer_client, writer):
    article = ArticleFactory(status="draft", published_at=None, created_by=writer)
    assert writer_client.get(admin_url(Article, "preview", article.pk)).status_code == 200


def test_preview_needs_staff_and_change_permission(client, draft):
    url = admin_url(Article, "preview", draft.pk)
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    staff = User.objects.create_user("visitor", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 403


def test_the_change_form_links_to_the_preview(editor_client, draft):
    response = editor_client.get(admin_url(Article, "change", draft.pk))
    assert admin_url(Article, "preview", draft.pk) in response.content.decode()
