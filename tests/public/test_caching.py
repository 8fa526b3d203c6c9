"""HTTP caching: validators from what a page shows, a 304 for a current copy, Cache-Control."""

import re
import time

import pytest
from django.utils import timezone

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


# --- validators derive from what the page shows ---------------------------------------------


@pytest.fixture
def no_page_cache(settings):
    """The validators themselves: the server-side cache would answer before the view."""
    settings.CMS_CACHE_ENABLED = False


def etag_changes(client, url, change) -> bool:
    """Whether `change()` makes a conditional request for `url` a 200 with a new ETag."""
    first = client.get(url)
    assert first.status_code == 200
    change()
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    return again.status_code == 200 and again["ETag"] != first["ETag"]


def test_publishing_an_article_changes_the_home_etag(client, demo, no_page_cache):
    from tests.factories import ArticleFactory

    assert etag_changes(client, "/", lambda: ArticleFactory(title="Fresh news"))


def test_editing_the_featured_quote_changes_the_home_etag(client, demo, no_page_cache):
    featured = client.get("/").context["featured_quote"]

    def edit():
        Quote.objects.filter(pk=featured.pk).update(text="Edited", updated_at=timezone.now())

    assert etag_changes(client, "/", edit)


def test_unpublishing_a_shown_quote_changes_the_film_page_etag(client, demo, no_page_cache):
    url = "/films/ballerina/"
    shown = client.get(url).context["page_obj"].object_list[0]
    assert etag_changes(
        client, url, lambda: Quote.objects.filter(pk=shown.pk).update(state="pending")
    )


def test_unpublishing_a_featured_quote_changes_the_article_etag(client, demo, no_page_cache):
    quote = demo.featured_quotes.first().quote
    assert etag_changes(
        client,
        demo.get_absolute_url(),
        lambda: Quote.objects.filter(pk=quote.pk).update(state="pending"),
    )


def test_renaming_a_relay_changes_the_quote_page_etag(client, demo, no_page_cache):
    quote = next(q for q in Quote.objects.published() if q.source.via_id)
    relay = quote.source.via

    def rename():
        relay.title = "Renamed relay"
        relay.save()

    assert etag_changes(client, quote.get_absolute_url(), rename)


def test_renaming_a_speaker_changes_the_list_etag(client, demo, no_page_cache):
    person = client.get("/quotes/").context["quotes"][0].speaker_person

    def rename():
        person.name = "Someone Else"
        person.save()

    assert etag_changes(client, "/quotes/", rename)


def test_a_304_for_an_article_costs_one_query(client, demo, no_page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = demo.get_absolute_url()
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert len(queries) == 1


def test_pages_never_aggregate_a_whole_set(client, demo, no_page_cache):
    """No validator aggregate (`MAX(updated_at)`), and every count stops at a LIMIT."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in CACHED_PAGES:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        sqls = [query["sql"] for query in queries]
        assert not [sql for sql in sqls if re.search(r"MAX\([^)]*updated_at", sql)], url
        assert all("LIMIT" in sql for sql in sqls if "COUNT(" in sql), url


def test_freshness_refuses_a_queryset():
    from quotes.views import freshness

    with pytest.raises(TypeError):
        freshness(Quote.objects.all())
