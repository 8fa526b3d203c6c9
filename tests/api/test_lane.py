"""The lane for cookie-less API list reads (`cms.api_lane`) answers exactly as the whole
middleware stack and URL resolution do: same status, headers and body, for pages, filters,
bad input, conditional requests, cache hits, throttling, CORS and HEAD."""

from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.test import Client

from cms import api_lane
from cms.api_lane import ApiListLaneMiddleware

ROW_LISTS = ["quotes", "articles", "films", "people"]
LISTS = ["quotes", "articles", "films", "people", "characters", "franchises", "outlets", "sources"]


@contextmanager
def lane(on: bool):
    ApiListLaneMiddleware.enabled = on
    try:
        yield
    finally:
        ApiListLaneMiddleware.enabled = True


def record(monkeypatch, owner, name: str, request_at: int) -> list[str]:
    """The paths of the requests for which `owner.name` gave something (not None)."""
    paths = []
    original = getattr(owner, name)

    def recorded(*args):
        result = original(*args)
        if result is not None:
            paths.append(args[request_at].get_full_path())
        return result

    monkeypatch.setattr(owner, name, recorded)
    return paths


@pytest.fixture
def taken(monkeypatch):
    """The paths the lane took."""
    return record(monkeypatch, ApiListLaneMiddleware, "route", 1)


@pytest.fixture
def from_rows(monkeypatch):
    """The paths the lane answered from rows itself, without the view's dispatch."""
    return record(monkeypatch, api_lane, "answer_from_rows", 0)


def answer(on: bool, method: str, url: str, headers: dict, *, clear: bool = True):
    if clear:
        cache.clear()
    with lane(on):
        response = getattr(Client(), method)(url, headers=headers)
    return response.status_code, {k.lower(): v for k, v in response.items()}, response.content


def same_both_ways(method: str, url: str, headers: dict | None = None, **kwargs):
    headers = headers or {}
    off = answer(False, method, url, headers, **kwargs)
    on = answer(True, method, url, headers, **kwargs)
    assert on[0] == off[0], (url, headers)
    assert on[1] == off[1], (url, headers)
    assert on[2] == off[2], (url, headers)
    return on


@pytest.mark.parametrize("name", LISTS)
def test_pages_both_ways(demo, taken, from_rows, name):
    url = f"/api/v1/{name}/?page_size=2"
    status, headers, body = same_both_ways("get", url)
    assert status == 200
    assert headers["vary"] == "Accept, Authorization, Cookie, origin"
    assert headers["x-frame-options"] == "DENY"
    assert "content-security-policy" in headers
    assert int(headers["content-length"]) == len(body)
    assert url in taken
    assert (url in from_rows) == (name in ROW_LISTS)
    following = Client().get(url).json()["next"]
    if following:
        same_both_ways("get", following)
        previous = Client().get(following).json()["previous"]
        same_both_ways("get", previous)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/quotes/?speaker=len-wiseman",
        "/api/v1/quotes/?search=ballerina&page_size=3",
        "/api/v1/films/?search=ballerina",
        "/api/v1/quotes/?page_size=0",
        "/api/v1/quotes/?page_size=abc",
        "/api/v1/people/?cursor=not-a-cursor",
        "/api/v1/articles/?nonsense=1",
        "/api/v1/quotes/?speaker=nobody-at-all",
    ],
)
def test_filters_and_bad_input_both_ways(demo, taken, from_rows, url):
    status, _, _ = same_both_ways("get", url)
    assert url in taken
    # Bad page parameters are answered (400) by the view's own exception handling.
    plain_page = ("page_size" in url or "cursor" in url) and "search" not in url
    assert (url in from_rows) == plain_page
    if "page_size=0" in url or "abc" in url or "not-a-cursor" in url or "nonsense" in url:
        assert status == 400


@pytest.mark.parametrize("name", ["quotes", "people"])
def test_head_304_cors_and_cache_hits_both_ways(demo, name):
    url = f"/api/v1/{name}/"
    same_both_ways("head", url)
    etag = answer(True, "get", url, {})[1]["etag"]
    status, _, body = same_both_ways("get", url, {"If-None-Match": etag})
    assert (status, body) == (304, b"")
    status, headers, _ = same_both_ways("get", url, {"Origin": "https://example.org"})
    assert headers["access-control-allow-origin"] == "*"
    # A cache hit: the entry stored by the first request of each pair answers the second.
    hits = []
    for on in (False, True):
        cache.clear()
        first = answer(on, "get", url, {}, clear=False)
        second = answer(on, "get", url, {}, clear=False)
        assert second[1].pop("x-cache") == "hit"
        assert (second[0], second[2]) == (first[0], first[2])
        hits.append(second)
    assert hits[0] == hits[1]


def test_throttled_both_ways(demo, settings, from_rows):
    settings.CMS_API_ANON_RATE = "2/min"
    answers = []
    for on in (False, True):
        cache.clear()
        answers.append([answer(on, "get", "/api/v1/people/", {}, clear=False) for _ in range(3)])
    assert [a[0] for a in answers[0]] == [200, 200, 429]
    assert answers[0] == answers[1]
    assert len(from_rows) == 3


@pytest.mark.parametrize(
    "headers",
    [
        {"Cookie": "sessionid=abc"},
        {"Authorization": "Token abc"},
        {"Accept": "text/html"},
    ],
)
def test_requests_it_leaves_to_the_whole_stack(demo, taken, headers):
    response = Client().get("/api/v1/people/", headers=headers)
    assert response.status_code in (200, 401)
    assert taken == []


def test_format_parameter_and_other_paths_take_the_whole_stack(demo, taken):
    Client().get("/api/v1/people/?format=json")
    Client().get("/api/v1/people/len-wiseman/")
    Client().get("/api/v1/people")
    Client().post("/api/v1/people/", {})
    assert taken == []


def test_a_disallowed_host_is_refused(demo, taken):
    status, _, _ = same_both_ways("get", "/api/v1/people/", {"Host": "evil.example"})
    assert status == 400


def test_the_routes_are_the_resolvers(db):
    from django.urls import resolve

    from cms.api_lane import list_routes

    routes = list_routes()
    assert set(routes) == {f"/api/v1/{name}/" for name in LISTS}
    for path, match in routes.items():
        assert match.func is resolve(path).func
