"""An editor appends a dated correction or clarification to an article or a quote; readers see
it on the page, in the feeds and in the JSON-LD, and in /corrections/, once (and only while)
what it corrects is public."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import services
from articles.models import Article, Correction
from quotes.models import Quote
from tests.factories import ArticleFactory, CorrectionFactory

from .helpers import admin_url, form_data

pytestmark = pytest.mark.django_db

TEXT = "An earlier version said the film opened on 5 June; it opened on 6 June."


def structured_data(client, url) -> dict:
    html = client.get(url).content.decode()
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )


def publish_through_the_admin(editor_client, target, kind="correction", text=TEXT):
    url = admin_url(type(target), "change", target.pk)
    data = form_data(editor_client.get(url))
    data.update(
        {
            "corrections-TOTAL_FORMS": str(int(data["corrections-TOTAL_FORMS"]) + 1),
            f"corrections-{data['corrections-TOTAL_FORMS']}-kind": kind,
            f"corrections-{data['corrections-TOTAL_FORMS']}-text": text,
            "_save": "Save",
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and [
        (inline.formset.errors, inline.formset.non_form_errors())
        for inline in response.context["inline_admin_formsets"]
    ]


def test_an_editor_publishes_a_correction_that_readers_see_with_its_date(
    client, editor_client, editor, demo
):
    publish_through_the_admin(editor_client, demo)
    correction = Correction.objects.get()
    assert correction.article == demo and correction.created_by == editor
    assert abs((timezone.now() - correction.published_at).total_seconds()) < 60
    today = timezone.localtime(correction.published_at)
    client.logout()

    # On the page, dated, with its kind.
    html = client.get(demo.get_absolute_url()).content.decode()
    assert f'<strong>Correction</strong>, <time datetime="{today.isoformat()}">' in html
    assert TEXT in html
    # In the JSON-LD.
    data = structured_data(client, demo.get_absolute_url())
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "name": "Correction",
            "text": TEXT,
            "datePublished": correction.published_at.isoformat(),
        }
    ]
    # In /corrections/ and its feed, and in the articles' feeds.
    listing = client.get("/corrections/").content.decode()
    assert TEXT in listing and demo.title.replace("'", "&#x27;") in listing
    feed = ET.fromstring(client.get("/corrections/feed/").content)
    item = next(feed.iter("item"))
    assert item.findtext("description") == TEXT
    assert item.findtext("link").endswith(f"{demo.get_absolute_url()}#correction-{correction.pk}")
    assert item.findtext("pubDate")
    for url in ["/articles/feed/", "/sections/film/feed/", "/authors/quote-desk-staff/feed/"]:
        article_feed = client.get(url).content.decode()
        assert "Correction (" in article_feed and "opened on 6 June" in article_feed, url


def test_a_correction_to_a_quote_shows_on_the_quote_and_in_its_json_ld(client, editor_client, demo):
    quote = Quote.objects.get(text__startswith="So he feels for her")
    text = "An earlier version attributed this quote to Chad Stahelski."
    publish_through_the_admin(editor_client, quote, kind="clarification", text=text)
    client.logout()
    html = client.get(quote.get_absolute_url()).content.decode()
    assert "<strong>Clarification</strong>" in html and text in html
    data = structured_data(client, quote.get_absolute_url())
    assert data["correction"][0]["text"] == text
    assert "a quote by Len Wiseman" in client.get("/corrections/").content.decode()


def test_a_writer_cannot_publish_a_correction(writer, writer_client, demo):
    with pytest.raises(PermissionDenied):
        services.correction_publish(by=writer, article=demo, kind="correction", text=TEXT)
    # The inline is read-only for them: a posted correction is not saved.
    article = ArticleFactory(status="draft", published_at=None, created_by=writer)
    url = admin_url(Article, "change", article.pk)
    page = writer_client.get(url)
    assert page.status_code == 200
    data = form_data(page)
    data.update({"corrections-TOTAL_FORMS": "1", "corrections-0-kind": "correction"})
    data.update({"corrections-0-text": TEXT, "_save": "Save"})
    writer_client.post(url, data)
    assert not Correction.objects.exists()


def test_a_correction_is_public_exactly_when_what_it_corrects_is(client, editor, demo):
    correction = services.correction_publish(
        by=editor, article=demo, kind="clarification", text=TEXT
    )
    assert list(Correction.objects.published()) == [correction]
    services.article_unpublish(article=demo, by=editor)
    assert not Correction.objects.published().exists()
    assert TEXT not in client.get("/corrections/").content.decode()
    assert TEXT not in client.get("/corrections/feed/").content.decode()
    pending = Quote.objects.first()
    Quote.objects.filter(pk=pending.pk).update(state=Quote.State.PENDING)
    CorrectionFactory(article=None, quote=pending)
    assert not Correction.objects.published().exists()


def test_publishing_a_correction_purges_the_page_and_the_lists(
    editor, demo, purges, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.correction_publish(by=editor, article=demo, kind="correction", text=TEXT)
    assert {f"article-{demo.pk}", "correction-list"} <= purges.purged_keys()


def test_the_corrections_list_is_newest_first(client, demo):
    older = CorrectionFactory(article=demo, text="The older one.")
    newer = CorrectionFactory(article=demo, text="The newer one.")
    Correction.objects.filter(pk=older.pk).update(published_at=timezone.now().replace(year=2024))
    html = client.get("/corrections/").content.decode()
    assert html.index(newer.text) < html.index(older.text)
    # On the article itself they read in the order they were made.
    page = client.get(demo.get_absolute_url()).content.decode()
    assert page.index(older.text) < page.index(newer.text)
