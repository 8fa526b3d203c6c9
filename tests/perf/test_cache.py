"""The server-side cache of anonymous pages and API reads (cms/cache.py)."""

import datetime as dt
import time

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from rest_framework.test import APIClient

from articles.models import Article
from cms import cache as page_cache
from tests.factories import ArticleFactory, FeaturedQuoteFactory, FilmFactory, QuoteFactory


@pytest.fixture
def article(db):
    article = ArticleFactory(title="Cached headline")
    FeaturedQuoteFactory(article=article, quote=QuoteFactory(text="Cached words"))
    return article


@pytest.fixture
def staff(db):
    return User.objects.create_superuser("chief", password="pw-chief-123")


def test_a_second_anonymous_page_view_costs_no_query(client, article, django_assert_num_queries):
    url = article.get_absolute_url()
    first = client.get(url)
    assert "X-Cache" not in first
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    # The hit has every header the render had: the cache is the first middleware, so the
    # entry keeps what all the others added.
    headers = {name: value for name, value in first.items() if name != "X-Cache"}
    assert {name: value for name, value in second.items() if name != "X-Cache"} == headers
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert name in second, name


def test_a_cached_page_answers_a_conditional_get_with_304(
    client, article, django_assert_num_queries
):
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_an_edit_shows_at_once(client, article):
    url = article.get_absolute_url()
    assert "Cached headline" in client.get(url).content.decode()
    article.title = "Edited headline"
    article.save()
    assert "Edited headline" in client.get(url).content.decode()
    assert "Edited headline" in client.get("/").content.decode()


def test_a_change_to_a_relation_shows_at_once(client, article):
    quote = article.featured_quotes.get().quote
    assert "Cached words" in client.get(quote.get_absolute_url()).content.decode()
    quote.films.add(FilmFactory(title="Relational Film"))
    assert "Relational Film" in client.get(quote.get_absolute_url()).content.decode()


def test_unpublishing_removes_the_page_from_the_cache(client, article):
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(url).status_code == 404


def test_a_cached_page_lives_no_longer_than_the_next_scheduled_publication(db):
    ArticleFactory(status=Article.Status.SCHEDULED, published_at=timezone.now() + dt.timedelta(100))
    assert page_cache.time_to_live() == 300
    soon = ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=timezone.now() + dt.timedelta(seconds=90)
    )
    assert 88 <= page_cache.time_to_live() <= 90
    # Later, with no write in between (time passing sends no signal): the cap follows the clock.
    later = soon.published_at + dt.timedelta(seconds=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page_cache.timezone, "now", lambda: later)
        assert page_cache.time_to_live() == 300


def test_a_scheduled_article_appears_on_time_despite_a_warm_cache(client, db):
    ArticleFactory(title="Already out")
    ArticleFactory(
        title="Scheduled scoop",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + dt.timedelta(seconds=2),
    )
    assert "Scheduled scoop" not in client.get("/").content.decode()
    assert client.get("/")["X-Cache"] == "hit"
    time.sleep(2.2)
    assert "Scheduled scoop" in client.get("/").content.decode()


def test_staff_never_get_or_fill_cached_pages(client, article, staff, django_assert_num_queries):
    url = article.get_absolute_url()
    client.force_login(staff)
    client.get(url)
    second = client.get(url)
    assert "X-Cache" not in second
    client.logout()
    anonymous = APIClient()
    first = anonymous.get(url)
    assert "X-Cache" not in first  # staff's visits stored nothing


def test_errors_are_not_cached(client, db):
    client.get("/articles/nothing-here/")
    assert "X-Cache" not in client.get("/articles/nothing-here/")


def test_search_pages_are_cached_but_not_redirects(client, article):
    client.get("/search/?q=cached")
    assert client.get("/search/?q=cached")["X-Cache"] == "hit"
    client.get("/quotes/random/")
    assert "X-Cache" not in client.get("/quotes/random/")


def test_a_second_anonymous_api_read_costs_no_query(article, django_assert_num_queries):
    api = APIClient()
    first = api.get("/api/v1/quotes/?page_size=5")
    with django_assert_num_queries(0):
        second = api.get("/api/v1/quotes/?page_size=5")
    assert second["X-Cache"] == "hit"
    assert second.json() == first.json()
    assert second["ETag"] == first["ETag"]
    with django_assert_num_queries(0):
        assert (
            api.get("/api/v1/quotes/?page_size=5", HTTP_IF_NONE_MATCH=first["ETag"]).status_code
            == 304
        )


def test_an_api_edit_shows_at_once(article):
    api = APIClient()
    quote = article.featured_quotes.get().quote
    url = f"/api/v1/quotes/{quote.pk}/"
    assert api.get(url).json()["text"] == "Cached words"
    quote.text = "New words"
    quote.save()
    assert api.get(url).json()["text"] == "New words"


def test_throttling_applies_to_cached_api_reads(article, settings):
    settings.CMS_API_ANON_RATE = "2/min"
    api = APIClient()
    assert api.get("/api/v1/films/").status_code == 200
    assert api.get("/api/v1/films/")["X-Cache"] == "hit"
    assert api.get("/api/v1/films/").status_code == 429


def test_authenticated_api_reads_bypass_the_cache(article, staff):
    pending = QuoteFactory(text="Pending words", state="pending")
    anonymous = APIClient()
    anonymous.get("/api/v1/quotes/")
    forced = APIClient()
    forced.force_authenticate(staff)
    response = forced.get("/api/v1/quotes/")
    assert "X-Cache" not in response
    assert pending.pk in {row["id"] for row in response.json()["results"]}
    again = anonymous.get("/api/v1/quotes/")
    assert again["X-Cache"] == "hit"
    assert pending.pk not in {row["id"] for row in again.json()["results"]}


def test_the_browsable_api_is_not_cached(article):
    api = APIClient()
    api.get("/api/v1/films/", HTTP_ACCEPT="text/html")
    assert "X-Cache" not in api.get("/api/v1/films/", HTTP_ACCEPT="text/html")


def test_the_cache_can_be_switched_off(client, article, settings):
    settings.CMS_CACHE_ENABLED = False
    client.get("/")
    assert "X-Cache" not in client.get("/")


def test_a_bypass_header_is_honoured_only_when_allowed(client, article, settings):
    client.get("/")
    assert client.get("/", headers={"cache-control": "no-cache"})["X-Cache"] == "hit"
    settings.CMS_CACHE_ALLOW_BYPASS = True
    assert "X-Cache" not in client.get("/", headers={"cache-control": "no-cache"})
