"""Conditional requests, throttling and CORS."""

import pytest
from django.core.cache import cache

from tests.factories import QuoteFactory


@pytest.fixture
def quote(db):
    return QuoteFactory()


def test_detail_carries_a_versioned_etag_and_last_modified(api, quote):
    response = api.get(f"/api/v1/quotes/{quote.pk}/")
    assert response["ETag"].startswith(f'"{quote.version}.')
    assert response["Last-Modified"]
    assert "Accept" in response["Vary"]


def test_a_matching_if_none_match_is_a_304(api, quote):
    url = f"/api/v1/quotes/{quote.pk}/"
    etag = api.get(url)["ETag"]
    response = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert api.get("/api/v1/quotes/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_list_etag_follows_its_content(api, quote):
    etag = api.get("/api/v1/quotes/")["ETag"]
    assert api.get("/api/v1/quotes/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    quote.speaker_person.name = "Renamed"
    quote.speaker_person.save()
    assert api.get("/api/v1/quotes/", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/quotes/", "/api/v1/people/", "detail"])
def test_head_carries_the_validators_of_get_and_its_304(api, quote, path):
    """Django's ConditionalGetMiddleware leaves HEAD alone, so a list answered HEAD without the
    ETag its GET carries, and a current `If-None-Match` got a 200, not the GET's 304."""
    url = f"/api/v1/quotes/{quote.pk}/" if path == "detail" else path
    got, head = api.get(url), api.head(url)
    assert head.status_code == 200
    assert head["ETag"] == got["ETag"]
    assert head.get("Last-Modified") == got.get("Last-Modified")
    assert api.head(url, HTTP_IF_NONE_MATCH=got["ETag"]).status_code == 304


def test_if_modified_since_gives_a_304(api, quote):
    url = f"/api/v1/quotes/{quote.pk}/"
    last_modified = api.get(url)["Last-Modified"]
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_anonymous_clients_are_throttled_with_a_clear_429(api, quote, settings):
    settings.CMS_API_ANON_RATE = "3/min"
    for _ in range(3):
        assert api.get("/api/v1/quotes/").status_code == 200
    response = api.get("/api/v1/quotes/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["retry_after"] == int(response["Retry-After"])
    assert "throttled" in response.json()["detail"]


def test_authenticated_clients_have_their_own_rate(editor_api, quote, settings):
    settings.CMS_API_ANON_RATE = "1/min"
    settings.CMS_API_USER_RATE = "2/min"
    assert editor_api.get("/api/v1/quotes/").status_code == 200
    assert editor_api.get("/api/v1/quotes/").status_code == 200
    assert editor_api.get("/api/v1/quotes/").status_code == 429


def test_cors_allows_any_origin_to_read(api, quote):
    response = api.get("/api/v1/quotes/", HTTP_ORIGIN="https://other.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_cors_preflight_allows_reads_only(api, db):
    response = api.options(
        "/api/v1/quotes/",
        HTTP_ORIGIN="https://other.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "POST" not in response["Access-Control-Allow-Methods"]
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


@pytest.mark.parametrize(
    "path", ["/api/v1/quotes/", "/api/v1/quotes/random/", "/api/v1/auth/token/"]
)
def test_options_does_not_publish_the_view_s_docstring(api, db, path):
    """It explained the code (DRF's token view and django-axes, the sampling of random ids)."""
    response = api.options(path)
    assert response.status_code == 200
    assert response.json()["description"] == ""


def test_cors_is_only_for_the_api(client, db):
    response = client.get("/", HTTP_ORIGIN="https://other.example")
    assert "Access-Control-Allow-Origin" not in response


def test_anonymous_clients_are_held_to_the_anonymous_rate_only(api, quote, settings):
    """DRF's user throttle counts anonymous requests too; ours leaves them to the anon rate."""
    settings.CMS_API_ANON_RATE = "4/min"
    settings.CMS_API_USER_RATE = "2/min"
    for _ in range(4):
        assert api.get("/api/v1/quotes/").status_code == 200
    assert api.get("/api/v1/quotes/").status_code == 429


def test_the_allowance_refills_steadily_after_a_burst(api, quote, settings, monkeypatch):
    """3/min: three at once, then one every 20 seconds, with Retry-After saying when."""
    from core.api.throttles import AnonRateThrottle

    settings.CMS_API_ANON_RATE = "3/min"
    clock = [1_000_000.0]
    monkeypatch.setattr(AnonRateThrottle, "timer", lambda self: clock[0])
    for _ in range(3):
        assert api.get("/api/v1/quotes/").status_code == 200
    refused = api.get("/api/v1/quotes/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "20"
    clock[0] += 19
    assert api.get("/api/v1/quotes/").status_code == 429
    clock[0] += 1
    assert api.get("/api/v1/quotes/").status_code == 200
    assert api.get("/api/v1/quotes/").status_code == 429
    clock[0] += 60
    for _ in range(3):
        assert api.get("/api/v1/quotes/").status_code == 200


def test_a_counter_left_by_drf_s_throttle_is_read_as_a_fresh_start(api, quote, settings):
    """After an upgrade the shared cache may still hold DRF's list of request times."""
    from core.api.throttles import AnonRateThrottle

    settings.CMS_API_ANON_RATE = "2/min"
    cache.set(AnonRateThrottle().cache_format % {"scope": "anon", "ident": "127.0.0.1"}, [1.0, 2.0])
    assert api.get("/api/v1/quotes/").status_code == 200
    assert api.get("/api/v1/quotes/").status_code == 200
    assert api.get("/api/v1/quotes/").status_code == 429


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_a_write_to_an_address_without_its_slash_is_a_404_not_a_redirect(editor_api, method):
    """Clients follow a 301 with a GET: a POST to `/api/v1/quotes` came back a 200 listing
    quotes, with nothing written. A read is still sent on to the address with its slash."""
    response = getattr(editor_api, method)("/api/v1/quotes", {"text": "x"}, format="json")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    response = editor_api.get("/api/v1/quotes?film=ballerina")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/quotes/?film=ballerina"


@pytest.mark.parametrize("who", ["api", "writer_api", "editor_api"])
@pytest.mark.parametrize("method", ["delete", "put"])
def test_a_method_an_address_does_not_offer_is_a_405_for_everyone(request, who, method, quote):
    """Before, permissions were judged first: DELETE was a 401 for a stranger and a 403 for a
    writer (and an editor without the delete permission), as if someone else might delete."""
    client = request.getfixturevalue(who)
    person = quote.speaker_person
    for path in (
        f"/api/v1/quotes/{quote.pk}/",
        "/api/v1/quotes/",
        f"/api/v1/people/{person.slug}/",
    ):
        if method == "put" and path.startswith("/api/v1/quotes/"):
            continue  # quotes take PUT
        response = getattr(client, method)(path, {}, format="json")
        assert response.status_code == 405, (path, response.content)
        assert method.upper() not in response["Allow"]
