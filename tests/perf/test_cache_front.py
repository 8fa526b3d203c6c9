"""`PageCacheFront`: stored pages answered through the project's WSGI entry point (`cms.wsgi`),
before Django sees the request. These tests call that WSGI application with real environs,
as gunicorn does, rather than Django's test client (which has no WSGI wrapper)."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from cms import cache as page_cache
from cms.wsgi import application
from tests.factories import ArticleFactory, FeaturedQuoteFactory, QuoteFactory

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
)


class Answer:
    def __init__(self, status: str, headers: list, body: bytes, django: bool) -> None:
        self.status_code = int(status.split()[0])
        self.headers = dict(headers)
        self.content = body
        self.django = django  # whether Django's handler ran (its request_started signal)


def wsgi_get(path: str, app=application, **headers) -> Answer:
    environ = RequestFactory().get(path, headers=headers).environ
    seen = {}
    started = []

    def start_response(status, response_headers, exc_info=None):
        seen["status"], seen["headers"] = status, response_headers

    def on_start(**kwargs):
        started.append(True)

    # As Django's test client does: the request must not close the test's database connection
    # (its transaction is open, so Django would take the connection for a broken one).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.connect(on_start)
    try:
        result = app(environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
    finally:
        request_started.disconnect(on_start)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Answer(seen["status"], seen["headers"], body, bool(started))


def without_hit(headers: dict) -> dict:
    return {name: value for name, value in headers.items() if name != "X-Cache"}


@pytest.fixture
def article(db):
    article = ArticleFactory(title="Front headline")
    FeaturedQuoteFactory(article=article, quote=QuoteFactory(text="Front words"))
    return article


def test_a_stored_page_is_answered_before_django(article, django_assert_num_queries):
    url = article.get_absolute_url()
    first = wsgi_get(url)
    assert first.status_code == 200 and first.django
    assert "X-Cache" not in first.headers
    with django_assert_num_queries(0):
        second = wsgi_get(url)
    assert second.status_code == 200
    assert not second.django
    assert second.headers["X-Cache"] == "hit"
    assert second.content == first.content
    # Every header of the render, the security ones included: the entry was kept by the first
    # middleware, after all the others had added theirs.
    assert without_hit(second.headers) == first.headers
    for name in SECURITY_HEADERS:
        assert name in second.headers, name


def test_a_conditional_request_is_answered_by_django_from_the_cache(
    article, django_assert_num_queries
):
    url = article.get_absolute_url()
    etag = wsgi_get(url).headers["ETag"]
    with django_assert_num_queries(0):
        answer = wsgi_get(url, if_none_match=etag)
    assert answer.status_code == 304
    assert answer.django
    assert answer.headers["ETag"] == etag
    assert answer.content == b""


@pytest.mark.parametrize(
    "headers",
    [
        {"cookie": "sessionid=abc"},
        {"cookie": "messages=abc"},
        {"authorization": "Token abc"},
    ],
)
def test_readers_with_a_session_or_credentials_are_not_answered_from_it(article, headers):
    url = article.get_absolute_url()
    wsgi_get(url)
    answer = wsgi_get(url, **headers)
    assert answer.django
    assert "X-Cache" not in answer.headers


def test_an_unrelated_cookie_still_gets_the_stored_page(article):
    url = article.get_absolute_url()
    wsgi_get(url)
    answer = wsgi_get(url, cookie="theme=dark")
    assert not answer.django
    assert answer.headers["X-Cache"] == "hit"


def test_an_edit_is_not_answered_with_the_old_page(article):
    url = article.get_absolute_url()
    wsgi_get(url)
    article.title = "Edited front headline"
    article.save()
    answer = wsgi_get(url)
    assert answer.django
    assert b"Edited front headline" in answer.content


def test_a_host_django_refuses_is_refused_even_with_a_stored_page(article):
    url = article.get_absolute_url()
    wsgi_get(url)
    assert wsgi_get(url).headers["X-Cache"] == "hit"
    answer = wsgi_get(url, host="attacker.example")
    assert answer.django
    assert answer.status_code == 400


def test_a_plain_http_request_is_still_redirected_when_https_is_required(article, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    app = page_cache.PageCacheFront(WSGIHandler())  # middleware read the settings when made
    url = article.get_absolute_url()
    assert wsgi_get(url, app, x_forwarded_proto="https").status_code == 200
    assert wsgi_get(url, app, x_forwarded_proto="https").headers["X-Cache"] == "hit"
    answer = wsgi_get(url, app)
    assert answer.status_code == 301
    assert answer.headers["Location"].startswith("https://")


def test_the_api_admin_and_static_files_are_never_looked_up(rf):
    for path in ("/api/v1/quotes/", "/admin/", "/static/css/site.css"):
        assert page_cache.page_key(rf.get(path).environ) is None, path
    assert page_cache.page_key(rf.get("/quotes/").environ) is not None


def test_a_cache_that_fails_leaves_the_answer_to_django(article, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    answer = wsgi_get(article.get_absolute_url())
    assert answer.django
    assert answer.status_code == 500
