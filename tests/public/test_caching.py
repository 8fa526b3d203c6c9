"""HTTP caching: validators from what a page shows, a 304 for a current copy, Cache-Control."""

import time

import pytest

from quotes.models import Person, Quote

pytestmark = pytest.mark.django_db

CACHED_PAGES = ["/", "/articles/", "/quotes/", "/people/len-wiseman/", "/films/ballerina/"]


@pytest.mark.parametrize("url", CACHED_PAGES)
def test_repeat_request_with_etag_gets_a_304(client, demo, url):
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"].startswith('"')
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("url", CACHED_PAGES)
def test_repeat_request_with_last_modified_gets_a_304(client, demo, url):
    first = client.get(url)
    again = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


def test_article_and_quote_pages_answer_304_too(client, demo):
    quote = Quote.objects.published().first()
    for url in [demo.get_absolute_url(), quote.get_absolute_url()]:
        etag = client.get(url)["ETag"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_a_change_to_what_the_page_shows_changes_the_validators(client, demo):
    url = "/people/len-wiseman/"
    first = client.get(url)
    time.sleep(1.1)  # Last-Modified has one-second resolution
    quote = Quote.objects.published().filter(speaker_person__slug="len-wiseman").first()
    quote.verification_note = "Checked again."
    quote.save()
    again = client.get(
        url,
        headers={"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]},
    )
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_unpublishing_a_quote_changes_the_etag_of_the_list(client, demo, settings):
    # The validators themselves, under a raw update() that no cache invalidation sees.
    settings.CMS_CACHE_ENABLED = False
    etag = client.get("/quotes/")["ETag"]
    Quote.objects.filter(pk=Quote.objects.published().first().pk).update(state="pending")
    assert client.get("/quotes/", headers={"if-none-match": etag}).status_code == 200


def test_each_page_of_a_list_has_its_own_etag(client, demo):
    assert client.get("/quotes/")["ETag"] != client.get("/quotes/?speaker=len-wiseman")["ETag"]


def test_cache_control_suits_each_page(client, demo):
    assert client.get("/quotes/")["Cache-Control"] == "public, max-age=60"
    assert client.get("/")["Cache-Control"] == "public, max-age=60"
    person = Person.objects.get(slug="len-wiseman")
    assert client.get(person.get_absolute_url())["Cache-Control"] == "public, max-age=300"
    assert "public" in client.get("/quotes/feed/")["Cache-Control"]
    assert "public" in client.get("/sitemap.xml")["Cache-Control"]
    random_response = client.get("/quotes/random/")
    assert "no-cache" in random_response["Cache-Control"]
    assert "public" not in random_response["Cache-Control"]


def test_errors_are_not_cached_publicly(client, demo):
    response = client.get("/quotes/?speaker=nobody")
    assert response.status_code == 400
    assert "public" not in response.get("Cache-Control", "")
    assert "ETag" not in response
