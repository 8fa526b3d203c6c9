"""deploy/varnish/quotedesk.vcl in a real varnishd, in front of a canned backend."""

import gzip
import json
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.deploy.canned import Route, public


def test_second_get_is_a_hit_with_age(backend, varnish):
    backend.routes["/a"] = Route("A", headers=public("article-1"))

    status, headers, body = varnish.get("/a")
    assert (status, headers["x-cache"], body) == (200, "MISS", "A")
    time.sleep(1.1)
    status, headers, body = varnish.get("/a")
    assert (status, headers["x-cache"], body) == (200, "HIT", "A")
    assert int(headers["age"]) >= 1
    assert len(backend.seen("/a")) == 1


def test_a_page_is_kept_for_its_s_maxage_and_not_served_stale_after(backend, varnish):
    backend.routes["/a"] = Route("A", headers=public("article-1", seconds=1))
    varnish.get("/a")
    assert varnish.get("/a")[1]["x-cache"] == "HIT"
    time.sleep(2.1)
    assert varnish.get("/a")[1]["x-cache"] == "MISS"
    assert len(backend.seen("/a")) == 2


def test_purge_by_key_drops_exactly_the_objects_carrying_it(backend, varnish):
    backend.routes["/article"] = Route("article", headers=public("article-1 quote-2 person-3"))
    backend.routes["/quote"] = Route("quote", headers=public("quote-2 person-3"))
    backend.routes["/person"] = Route("person", headers=public("person-3"))
    backend.routes["/other"] = Route("other", headers=public("article-10 quote-20 quote-list"))
    paths = ["/article", "/quote", "/person", "/other"]
    for path in paths:
        varnish.get(path)
    assert [varnish.get(path)[1]["x-cache"] for path in paths] == ["HIT"] * 4

    status, headers, body = varnish.purge("quote-2")

    assert (status, headers["xkey-purged"], body.strip()) == (200, "2", "purged 2")
    cache = {path: varnish.get(path)[1]["x-cache"] for path in paths}
    assert cache == {"/article": "MISS", "/quote": "MISS", "/person": "HIT", "/other": "HIT"}


def test_one_purge_carries_several_keys(backend, varnish):
    backend.routes["/a"] = Route("a", headers=public("article-1"))
    backend.routes["/b"] = Route("b", headers=public("quote-list"))
    backend.routes["/c"] = Route("c", headers=public("person-3"))
    for path in ("/a", "/b", "/c"):
        varnish.get(path)

    assert varnish.purge("article-1 quote-list")[1]["xkey-purged"] == "2"
    assert [varnish.get(p)[1]["x-cache"] for p in ("/a", "/b", "/c")] == ["MISS", "MISS", "HIT"]


def test_purge_from_outside_the_purgers_acl_is_refused(backend, start_varnish):
    backend.routes["/a"] = Route("A", headers=public("article-1"))
    varnish = start_varnish(backend.port)  # purgers: 127.0.0.1 and ::1
    varnish.get("/a")

    status, _, _ = varnish.purge("article-1", source="127.0.0.2")

    assert status == 403
    assert varnish.get("/a")[1]["x-cache"] == "HIT"


def test_the_purgers_acl_is_configurable(backend, start_varnish):
    backend.routes["/a"] = Route("A", headers=public("article-1"))
    varnish = start_varnish(backend.port, purgers=["127.0.0.2/32"])
    varnish.get("/a")

    assert varnish.purge("article-1")[0] == 403
    assert varnish.purge("article-1", source="127.0.0.2")[0] == 200
    assert varnish.get("/a")[1]["x-cache"] == "MISS"


def test_purge_without_keys_is_refused(varnish):
    status, _, body = varnish.request("PURGE", "/")
    assert status == 400
    assert "xkey-purge" in body


def test_a_response_setting_a_cookie_is_never_stored(backend, varnish):
    backend.routes["/a"] = Route("A", headers=public("article-1", **{"Set-Cookie": "csrftoken=x"}))

    assert [varnish.get("/a")[1]["x-cache"] for _ in range(3)] == ["MISS"] * 3
    assert len(backend.seen("/a")) == 3
    # The marker left by the refusal does not stop the page being kept once it may be.
    backend.routes["/a"] = Route("A", headers=public("article-1"))
    assert [varnish.get("/a")[1]["x-cache"] for _ in range(2)] == ["MISS", "HIT"]


@pytest.mark.parametrize(
    "cache_control",
    [
        None,
        "max-age=60",
        "private, max-age=60",
        "no-store",
        "no-cache",
        "public, no-cache, s-maxage=60",
        "private, s-maxage=60",
        "public, max-age=0, s-maxage=0",
    ],
)
def test_a_response_not_marked_public_is_never_stored(backend, varnish, cache_control):
    headers = {"xkey": "article-1"}
    if cache_control:
        headers["Cache-Control"] = cache_control
    backend.routes["/a"] = Route("A", headers=headers)

    assert [varnish.get("/a")[1]["x-cache"] for _ in range(2)] == ["MISS", "MISS"]
    assert len(backend.seen("/a")) == 2


@pytest.mark.parametrize("status", [302, 404, 500, 503])
def test_only_200_301_and_410_are_stored(backend, varnish, status):
    backend.routes["/a"] = Route("gone", status=status, headers=public("article-1"))
    backend.routes["/moved"] = Route("", status=301, headers=public("article-1", Location="/a"))

    assert [varnish.get("/a")[1]["x-cache"] for _ in range(2)] == ["MISS", "MISS"]
    assert [varnish.get("/moved")[1]["x-cache"] for _ in range(2)] == ["MISS", "HIT"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Cookie": "sessionid=abc123"},
        {"Cookie": "csrftoken=x; sessionid=abc123"},
        {"Cookie": "messages=W1siX19qc29uX21lc3NhZ2UiXV0"},
        {"Authorization": "Token 0123456789abcdef"},
    ],
)
def test_editors_and_api_clients_with_credentials_pass(backend, varnish, headers):
    backend.routes["/a"] = Route("A", headers=public("article-1"))

    assert [varnish.get("/a", headers=headers)[1]["x-cache"] for _ in range(2)] == ["MISS"] * 2
    # Nothing they fetched was kept for readers...
    assert varnish.get("/a")[1]["x-cache"] == "MISS"
    assert varnish.get("/a")[1]["x-cache"] == "HIT"
    # ...and they never get what readers share.
    assert varnish.get("/a", headers=headers)[1]["x-cache"] == "MISS"
    sent = backend.seen("/a")
    assert len(sent) == 4
    name = next(iter(headers)).lower()
    assert sent[0].headers[name] == headers[next(iter(headers))]


def test_a_csrftoken_cookie_alone_still_hits_and_is_not_sent(backend, varnish):
    backend.routes["/a"] = Route("A", headers=public("article-1"))
    cookie = {"Cookie": "csrftoken=Xb0bOJUe9n6P; _pk_id=12"}

    assert varnish.get("/a", headers=cookie)[1]["x-cache"] == "MISS"
    assert varnish.get("/a", headers=cookie)[1]["x-cache"] == "HIT"
    assert varnish.get("/a")[1]["x-cache"] == "HIT"
    assert "cookie" not in backend.seen("/a")[0].headers


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_writes_pass(backend, varnish, method):
    backend.routes["/a"] = Route("A", headers=public("article-1"))
    varnish.get("/a")

    status, headers, _ = varnish.request(method, "/a", body=b"x=1")

    assert headers["x-cache"] == "MISS"
    assert backend.requests[-1].method == method


def test_the_admin_passes(backend, varnish):
    backend.routes["/admin/"] = Route("admin", headers=public("article-1"))
    backend.routes["/admin"] = Route("admin", headers=public("article-1"))

    for path in ("/admin/", "/admin"):
        assert [varnish.get(path)[1]["x-cache"] for _ in range(2)] == ["MISS", "MISS"]


def test_surrogate_keys_never_reach_the_client(backend, varnish):
    backend.routes["/a"] = Route("A", headers=public("article-1 quote-2"))

    for expected in ("MISS", "HIT"):
        _, headers, _ = varnish.get("/a")
        assert headers["x-cache"] == expected
        assert "xkey" not in headers


def test_the_backend_gets_the_client_address_whatever_the_client_claims(backend, varnish):
    backend.routes["/a"] = Route("A", headers=public("article-1"))
    backend.routes["/b"] = Route("B", headers={"Cache-Control": "private"})
    lies = {"X-Forwarded-For": "203.0.113.9, 10.0.0.1", "X-Forwarded-Proto": "https"}

    varnish.get("/a", headers=lies, source="127.0.0.2")
    varnish.get("/b", headers=lies, source="127.0.0.2")
    varnish.request("POST", "/b", headers=lies, source="127.0.0.2")

    for seen in backend.requests:
        assert seen.headers["x-forwarded-for"] == "127.0.0.2"
        assert seen.headers["x-forwarded-proto"] == "http"


def proxy_v2(source: str, *, tls: bool) -> bytes:
    """The PROXY protocol v2 header a TLS terminator sends first, with its TLS flag."""
    tlvs = b""
    if tls:
        ssl = bytes([0x01]) + bytes(4)  # PP2_CLIENT_SSL; certificate check: ok
        tlvs = bytes([0x20]) + len(ssl).to_bytes(2, "big") + ssl  # PP2_TYPE_SSL
    addresses = socket.inet_aton(source) + socket.inet_aton("127.0.0.1")
    addresses += (50000).to_bytes(2, "big") + (443).to_bytes(2, "big")
    body = addresses + tlvs
    return b"\r\n\r\n\x00\r\nQUIT\n" + bytes([0x21, 0x11]) + len(body).to_bytes(2, "big") + body


@pytest.mark.parametrize("tls", [True, False])
def test_behind_a_proxy_protocol_terminator_the_backend_gets_the_reader_and_scheme(
    backend, start_varnish, tls
):
    backend.routes["/a"] = Route("A", headers={"Cache-Control": "private"})
    varnish = start_varnish(backend.port, proxy=True)
    lie = "http" if tls else "https"
    request = f"GET /a HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: {lie}\r\n"
    request += "X-Forwarded-For: 10.9.9.9\r\nConnection: close\r\n\r\n"

    with socket.create_connection(("127.0.0.1", varnish.proxy_port), timeout=10) as sock:
        sock.sendall(proxy_v2("198.51.100.7", tls=tls) + request.encode())
        response = b"".join(iter(lambda: sock.recv(65536), b""))

    assert response.startswith(b"HTTP/1.1 200")
    [seen] = backend.seen("/a")
    assert seen.headers["x-forwarded-for"] == "198.51.100.7"
    assert seen.headers["x-forwarded-proto"] == ("https" if tls else "http")


def test_vary_keeps_one_object_per_variant(backend, varnish):
    backend.routes["/api"] = Route("json", headers=public("quote-list", Vary="Accept"))
    json, html = {"Accept": "application/json"}, {"Accept": "text/html"}

    assert varnish.get("/api", headers=json)[1]["x-cache"] == "MISS"
    assert varnish.get("/api", headers=json)[1]["x-cache"] == "HIT"
    assert varnish.get("/api", headers=html)[1]["x-cache"] == "MISS"
    assert varnish.get("/api", headers=html)[1]["x-cache"] == "HIT"


def test_a_gzipped_page_is_kept_once_and_unzipped_for_clients_that_want_it(backend, varnish):
    page = "quote " * 200
    headers = public("quote-1", **{"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    backend.routes["/q"] = Route(gzip.compress(page.encode()), headers=headers)

    _, zipped, zipped_body = varnish.get("/q", headers={"Accept-Encoding": "gzip"})
    _, plain, body = varnish.get("/q")

    assert (zipped["x-cache"], zipped["content-encoding"]) == ("MISS", "gzip")
    assert gzip.decompress(zipped_body).decode() == page
    assert plain["x-cache"] == "HIT" and "content-encoding" not in plain
    assert body == page


# The race. A reader's request reaches the backend, which reads the page's rows; an editor's
# write commits and the app purges; then the reader's response, built from the old rows, reaches
# Varnish. Varnish must deliver it to that reader but not keep it.


def hold_a_fetch(backend, varnish, pool, path):
    """Starts a GET of `path` and returns its future once the backend has read the old page and
    is holding its answer."""
    reader = pool.submit(varnish.get, path)
    assert backend.arrived.acquire(timeout=10), "the backend never saw the request"
    return reader


def test_a_page_fetched_during_a_purge_is_not_stored(backend, varnish):
    backend.routes["/slow/quote"] = Route("old", headers=public("quote-55"))
    with ThreadPoolExecutor(2) as pool:
        reader = hold_a_fetch(backend, varnish, pool, "/slow/quote")

        backend.routes["/slow/quote"] = Route("new", headers=public("quote-55"))  # the commit
        assert varnish.purge("quote-55")[0] == 200  # the app's purge, after the commit
        backend.release()

        assert reader.result(timeout=30)[2] == "old"  # it asked before the write: fair
    _, headers, body = varnish.get("/slow/quote")
    assert (headers["x-cache"], body) == ("MISS", "new")
    # The fetch that began after the purge is kept.
    _, headers, body = varnish.get("/slow/quote")
    assert (headers["x-cache"], body) == ("HIT", "new")


def test_a_request_queued_behind_a_fetch_from_before_a_purge_gets_the_new_page(backend, varnish):
    """Varnish queues requests for a page being fetched and answers them all from that fetch
    (request coalescing). One queued after the purge must not get the old page."""
    backend.routes["/slow/article"] = Route("old", headers=public("article-12"))
    with ThreadPoolExecutor(2) as pool:
        reader = hold_a_fetch(backend, varnish, pool, "/slow/article")
        backend.routes["/slow/article"] = Route("new", headers=public("article-12"))
        assert varnish.purge("article-12")[0] == 200

        queued_before = varnish.counter("MAIN.busy_sleep")
        late_reader = pool.submit(varnish.get, "/slow/article")
        deadline = time.monotonic() + 10
        while varnish.counter("MAIN.busy_sleep") == queued_before:
            assert time.monotonic() < deadline, "the late request never queued"
            time.sleep(0.05)
        backend.release()

        assert reader.result(timeout=30)[2] == "old"
        assert late_reader.result(timeout=30)[2] == "new"
    assert len(backend.seen("/slow/article")) == 2
    _, headers, body = varnish.get("/slow/article")
    assert (headers["x-cache"], body) == ("HIT", "new")


def test_with_no_node_answering_clients_get_the_apps_503_not_varnishs_page(start_varnish):
    """The probe takes every node out while the database is down (/healthz answers 503), and a
    node may die: readers then got Varnish's own HTML "Guru Meditation" page and API clients
    HTML where the API promises JSON. They get what the app itself answers then."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        nowhere = closed.getsockname()[1]
    varnish = start_varnish(nowhere)

    status, headers, body = varnish.get("/api/v1/quotes/")
    assert status == 503
    assert headers["content-type"] == "application/json"
    assert "Try again" in json.loads(body)["detail"]
    assert headers["retry-after"] == "5"

    status, headers, body = varnish.get("/articles/")
    assert status == 503
    assert headers["content-type"].startswith("text/plain")
    assert "Guru Meditation" not in body and "Try again" in body
    assert headers["retry-after"] == "5"
    assert "no-store" in headers["cache-control"]
