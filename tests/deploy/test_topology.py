"""deploy/topology.py: Varnish in front of two gunicorn nodes, a PostgreSQL primary and its
replica, Redis. Nothing one node keeps is needed by the other: sessions, throttles and purges
work whichever node answers."""

import http.client
import re
import shutil
import tempfile
import urllib.parse
from pathlib import Path

import pytest

from tests.deploy.conftest import require_postgres, require_varnishd, skip_or_fail, topology

PASSWORD = "a-long-test-password-for-the-chief"
MAKE_EDITOR = f"""
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
user = User.objects.create_superuser("chief", "chief@example.org", "{PASSWORD}")
print(Token.objects.create(user=user).key)
"""


@pytest.fixture(scope="module")
def stack(collected_static):
    require_postgres()
    require_varnishd()
    if not shutil.which("redis-server", path=topology.SEARCH_PATH):
        skip_or_fail("redis-server is not installed (apt-get install redis-server)")
    base = Path(tempfile.mkdtemp(prefix="quotedesk-topology-"))
    running = topology.Topology(base, nodes=2, workers=1)
    try:
        # Its editors sign in with a password, as in the in-process tests (no second factor).
        extra_env = {"CMS_API_ANON_RATE": "6/min", "CMS_REQUIRE_2FA": "0"}
        running.start(extra_env=extra_env, static_root=collected_static)
        running.token = topology.manage(running.env, "shell", "-c", MAKE_EDITOR).split()[-1]
        yield running
    finally:
        running.stop()
        shutil.rmtree(base, ignore_errors=True)


def request(stack, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30)
    try:
        headers = {"Host": "127.0.0.1", **(headers or {})}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response, response.read().decode()
    finally:
        connection.close()


def admin_pages_served(stack) -> list[int]:
    """How many times each node's access log shows the admin's index served."""
    return [
        (stack.base / f"node-{port}.log").read_text().count('"GET /admin/ HTTP/1.1" 200')
        for port in stack.node_processes
    ]


def test_a_session_made_on_one_node_is_honoured_by_the_other(stack):
    _, form, body = request(stack, "GET", "/admin/login/")
    csrf_cookie = re.search(r"csrftoken=([^;]+)", form.getheader("Set-Cookie")).group(1)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    status, login, _ = request(
        stack,
        "POST",
        "/admin/login/?next=/admin/",
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf_cookie}"},
        urllib.parse.urlencode(
            {"username": "chief", "password": PASSWORD, "csrfmiddlewaretoken": csrf}
        ),
    )
    assert status == 302
    session = re.search(r"sessionid=([^;]+)", login.getheader("Set-Cookie")).group(1)
    before = admin_pages_served(stack)

    for _ in range(4):
        status, _, page = request(stack, "GET", "/admin/", {"Cookie": f"sessionid={session}"})
        assert status == 200
        assert "Log out" in page

    after = admin_pages_served(stack)
    assert all(later > earlier for earlier, later in zip(before, after, strict=True))


def test_throttles_count_across_nodes(stack):
    # Errors are never cached: each of these reaches a node, in turn.
    statuses = [request(stack, "GET", f"/api/v1/quotes/?unknown={n}")[0] for n in range(8)]
    assert statuses[:6] == [400] * 6
    assert statuses[6:] == [429, 429]


def test_a_write_on_a_node_purges_varnish(stack):
    quote = re.search(r"/quotes/(\d+)/", request(stack, "GET", "/quotes/")[2]).group(1)
    request(stack, "GET", f"/quotes/{quote}/")
    _, cached, _ = request(stack, "GET", f"/quotes/{quote}/")
    assert cached.getheader("X-Cache") == "HIT"
    auth = {"Authorization": f"Token {stack.token}"}
    _, current, _ = request(stack, "GET", f"/api/v1/quotes/{quote}/", auth)

    status, _, _ = request(
        stack,
        "PATCH",
        f"/api/v1/quotes/{quote}/",
        {**auth, "If-Match": current.getheader("ETag"), "Content-Type": "application/json"},
        '{"text": "Changed on one node, purged from Varnish."}',
    )

    assert status == 200
    _, fresh, page = request(stack, "GET", f"/quotes/{quote}/")
    assert fresh.getheader("X-Cache") == "MISS"
    assert "Changed on one node, purged from Varnish." in page
