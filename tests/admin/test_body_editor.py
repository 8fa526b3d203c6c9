"""The body editor's server side: quote references in the body, the live preview and the
quote search it uses."""

import re

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, PersonFactory, QuoteFactory

from .helpers import admin_url

pytestmark = pytest.mark.django_db


def test_a_referenced_quote_renders_as_its_card_with_its_key(client):
    quote = QuoteFactory(text="Referenced words.", speaker_person=PersonFactory(name="Ana Vox"))
    article = ArticleFactory(body=f"Before.\n\n[[quote:{quote.pk}]]\n\nAfter.")
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "Referenced words." in html and "Ana Vox" in html
    assert quote.get_absolute_url() in html
    assert "[[quote:" not in html
    assert f"quote-{quote.pk}" in response["xkey"].split()


def test_a_reference_to_a_quote_that_is_not_public_renders_nothing(client):
    hidden = QuoteFactory(text="Not yet approved words.", state="pending")
    article = ArticleFactory(body=f"Before.\n\n[[quote:{hidden.pk}]]\n\n[[quote:999999]]")
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "Not yet approved" not in html and "[[quote:" not in html
    # Named all the same, so that its approval purges the page.
    assert f"quote-{hidden.pk}" in response["xkey"].split()


def test_the_preview_renders_as_readers_see_it(editor_client):
    quote = QuoteFactory(text="Previewed words.")
    response = editor_client.post(
        admin_url(Article, "body_preview"),
        {"body": f"## Head\n\n**bold** <script>alert(1)</script>\n\n[[quote:{quote.pk}]]"},
    )
    html = response.json()["html"]
    assert "<h2>Head</h2>" in html and "<strong>bold</strong>" in html
    assert "<script" not in html
    assert "Previewed words." in html
    assert "no-store" in response["Cache-Control"]


def test_the_preview_is_for_the_desk_only(client):
    response = client.post(admin_url(Article, "body_preview"), {"body": "x"})
    assert response.status_code == 302  # to the login page


def test_the_quote_search_offers_published_quotes_by_text_or_speaker(editor_client):
    QuoteFactory(text="The lake was cold.", speaker_person=PersonFactory(name="Mara Quill"))
    QuoteFactory(text="A cold secret.", state="pending")
    url = admin_url(Article, "quote_search")
    by_text = editor_client.get(url, {"q": "cold"}).json()["results"]
    assert [r["text"] for r in by_text] == ["The lake was cold."]
    by_speaker = editor_client.get(url, {"q": "quill"}).json()["results"]
    assert by_speaker[0]["reference"] == f"[[quote:{by_text[0]['id']}]]"


def test_the_editor_is_a_served_script_not_an_inline_one(editor_client):
    html = editor_client.get(admin_url(Article, "add")).content.decode()
    assert "articles/desk_editor.js" in html
    assert 'data-preview-url="' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", html)


def test_the_api_renders_references_as_the_page_does(client):
    """`body_html` over the API is the page's rendering: a public quote's card, nothing for
    one that is not public, and the quotes' keys among the answer's surrogate keys."""
    shown = QuoteFactory(text="Carded words.", speaker_person=PersonFactory(name="Ivo Lark"))
    hidden = QuoteFactory(text="Pending words.", state="pending")
    article = ArticleFactory(body=f"Before.\n\n[[quote:{shown.pk}]]\n\n[[quote:{hidden.pk}]]")
    response = client.get(f"/api/v1/articles/{article.pk}/")
    body_html = response.json()["body_html"]
    assert "Carded words." in body_html and "Ivo Lark" in body_html
    assert shown.get_absolute_url() in body_html
    assert "Pending words." not in body_html and "[[quote:" not in body_html
    keys = response["xkey"].split()
    assert f"quote-{shown.pk}" in keys and f"quote-{hidden.pk}" in keys
    page = client.get(article.get_absolute_url()).content.decode()
    assert body_html.split("Carded words.")[0][-200:] in page
