"""Read replicas against a real streaming hot standby (core.replicas), through the nodes of
tests/deploy/replicated.py."""

import http.cookiejar
import re
import threading
import time
import urllib.parse
import urllib.request
import uuid

import pytest

from tests.deploy.replicated import PASSWORD, wait_caught_up


@pytest.fixture
def paused(replicated):
    """The standby stops replaying (it still receives): it keeps what it had."""
    replicated.pause_replay()
    yield replicated
    replicated.resume_replay()


def admin_opener(site, base):
    """An opener signed in to the admin (a session cookie) through the login form."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    form = site.request(base, "/admin/login/", opener=opener)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1)
    login = urllib.request.Request(
        base + "/admin/login/?next=/admin/",
        data=urllib.parse.urlencode(
            {"username": "chief", "password": PASSWORD, "csrfmiddlewaretoken": csrf}
        ).encode(),
        method="POST",
        headers={"Host": "127.0.0.1"},
    )
    with opener.open(login, timeout=30) as response:
        assert response.url.endswith("/admin/"), "the admin login failed"
    return opener


def test_public_reads_go_to_the_replica_and_the_rest_to_the_primary(paused):
    site = paused
    before = site.text_on_standby()
    site.set_text_on_primary("Changed on the primary alone.")

    assert site.text(site.tolerant) == before
    assert site.text(site.tolerant, Authorization=f"Token {site.token}") == (
        "Changed on the primary alone."
    )
    assert site.text(site.tolerant, Cookie="recentwrite=1") == "Changed on the primary alone."
    change = site.request(
        site.tolerant,
        f"/admin/quotes/quote/{site.quote}/change/",
        opener=admin_opener(site, site.tolerant),
    )
    assert change.status == 200
    assert "Changed on the primary alone." in change.body
    assert before not in change.body


def test_a_lagging_replica_is_skipped(paused):
    site = paused
    site.set_text_on_primary("Written while the replica lags.")

    assert site.text(site.strict) == "Written while the replica lags."
    assert site.text_on_standby() != "Written while the replica lags."
    health = site.request(site.strict, "/healthz")
    assert health.status == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["replicas"]["replica1"]["status"] == "lagging"


def test_writes_go_to_the_primary_and_their_author_reads_them_back_at_once(paused):
    site = paused
    text = f"Edited through the API {uuid.uuid4().hex}."

    edit = site.edit(text)

    assert edit.status == 200, edit.body
    assert "recentwrite=" in edit.headers["Set-Cookie"]
    assert site.text(site.tolerant, Cookie="recentwrite=1") == text
    assert site.text_on_standby() != text
    # The replica never replayed it: the purge waited its bounded time, then went anyway.
    assert site.purges()[-1] != text


def test_a_purge_waits_until_the_replica_has_replayed_the_write(paused):
    site = paused
    text = f"Purged once replayed {uuid.uuid4().hex}."
    answers = []
    writer = threading.Thread(target=lambda: answers.append(site.edit(text)))
    already = len(site.purges())

    writer.start()
    time.sleep(1)  # the write commits, its purge waits for the paused replica
    site.resume_replay()
    writer.join()

    assert answers[0].status == 200, answers[0].body
    assert site.purges()[already:] == [text]


def test_a_stopped_replica_is_skipped_without_an_error(replicated):
    site = replicated
    site.set_text_on_primary("Read while the replica is down.")
    site.standby.stop()
    try:
        for base in (site.tolerant, site.strict):
            for _ in range(3):
                assert site.text(base) == "Read while the replica is down."
            health = site.request(base, "/healthz")
            assert health.status == 200
            assert health.json()["status"] == "degraded"
            assert health.json()["replicas"]["replica1"]["status"] == "unavailable"
    finally:
        site.standby.start()
    wait_caught_up(site.primary, site.standby)
    assert site.request(site.strict, "/healthz").json()["status"] == "ok"


def test_with_the_primary_down_readers_get_the_replica_and_the_node_stays_in(replicated):
    """A 503 from /healthz would have Varnish's probe take every node out, and readers would
    get 503s from a site whose standby holds every page; the desk's writes get the 503."""
    site = replicated
    site.set_text_on_primary("Read while the primary is down.")
    wait_caught_up(site.primary, site.standby)
    site.primary.stop()
    try:
        for base in (site.tolerant, site.strict):
            assert site.text(base) == "Read while the primary is down."
            health = site.request(base, "/healthz")
            assert health.status == 200, health.body
            assert health.json()["status"] == "read-only"
            assert health.json()["database"] == "OperationalError"
            assert health.json()["replicas"]["replica1"]["status"] == "ok"
        assert site.edit("Written while the primary is down.").status == 503
    finally:
        site.primary.start()
    wait_caught_up(site.primary, site.standby)
    for base in (site.tolerant, site.strict):
        assert site.request(base, "/healthz").json()["status"] == "ok"
