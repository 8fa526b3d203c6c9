"""core.purge against real varnishd (and the canned backend, to see the requests it sends)."""

import io
import logging
import subprocess
import sys
import textwrap
import time

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from core.purge import NullBackend, PurgeBackend, VarnishBackend, get_backend, purge, repeats
from tests.deploy.canned import Route, public
from tests.deploy.conftest import REPO, serve


@pytest.fixture(autouse=True)
def no_repeat_left_behind(settings):
    """Purges here are not repeated unless a test says so, and none outlives its test."""
    settings.CMS_PURGE_REPEAT_SECONDS = 0
    yield
    assert repeats.wait(10)


def prime(varnish, *paths):
    for path in paths:
        varnish.get(path)
    assert [varnish.get(path)[1]["x-cache"] for path in paths] == ["HIT"] * len(paths)


def test_the_backend_is_varnish_when_urls_are_set_and_nothing_otherwise(settings):
    settings.CMS_VARNISH_URLS = ""
    assert isinstance(get_backend(), NullBackend)
    settings.CMS_VARNISH_URLS = "http://127.0.0.1:1, http://10.0.0.5:8000/"
    backend = get_backend()
    assert isinstance(backend, VarnishBackend)
    assert backend.urls == ["http://127.0.0.1:1", "http://10.0.0.5:8000"]
    settings.CMS_PURGE_BACKEND = "core.purge.NullBackend"
    assert isinstance(get_backend(), NullBackend)


def test_a_purge_reaches_every_varnish(backend, start_varnish, settings):
    backend.routes["/a"] = Route("A", headers=public("article-1"))
    backend.routes["/b"] = Route("B", headers=public("person-2"))
    caches = [start_varnish(backend.port), start_varnish(backend.port)]
    for varnish in caches:
        prime(varnish, "/a", "/b")
    settings.CMS_VARNISH_URLS = ",".join(varnish.url for varnish in caches)

    purge(["article-1"])

    for varnish in caches:
        assert varnish.get("/a")[1]["x-cache"] == "MISS"
        assert varnish.get("/b")[1]["x-cache"] == "HIT"


def test_an_unreachable_varnish_is_logged_not_raised(backend, varnish, settings, caplog):
    backend.routes["/a"] = Route("A", headers=public("article-1"))
    prime(varnish, "/a")
    dead = f"http://127.0.0.1:{serve.free_port()}"
    settings.CMS_VARNISH_URLS = f"{dead},{varnish.url}"

    with caplog.at_level(logging.ERROR, logger="core.purge"):
        purge(["article-1"])

    [record] = caplog.records
    assert (record.name, record.levelno) == ("core.purge", logging.ERROR)
    assert dead in record.getMessage() and "stale" in record.getMessage()
    assert varnish.get("/a")[1]["x-cache"] == "MISS"  # the others were still purged


def test_a_purge_refused_by_the_acl_is_logged(backend, start_varnish, settings, caplog):
    varnish = start_varnish(backend.port, purgers=["192.0.2.1"])
    settings.CMS_VARNISH_URLS = varnish.url

    with caplog.at_level(logging.ERROR, logger="core.purge"):
        purge(["article-1"])

    [record] = caplog.records
    assert varnish.url in record.getMessage() and "403" in record.getMessage()


def test_the_purge_is_repeated_after_a_delay(backend, varnish, settings):
    backend.routes["/a"] = Route("A", headers=public("article-1"))
    prime(varnish, "/a")
    settings.CMS_VARNISH_URLS = varnish.url
    settings.CMS_PURGE_REPEAT_SECONDS = 1

    purge(["article-1"])
    # Filled again between the two purges (a CDN could have kept an old page here)...
    assert [varnish.get("/a")[1]["x-cache"] for _ in range(2)] == ["MISS", "HIT"]
    assert repeats.wait(10)
    # ...and emptied again by the repeat.
    assert varnish.get("/a")[1]["x-cache"] == "MISS"


def test_many_keys_go_in_several_requests_varnish_accepts(backend, varnish, settings):
    keys = [f"quote-{n}" for n in range(3000)]
    backend.routes["/last"] = Route("last", headers=public(keys[-1]))
    backend.routes["/first"] = Route("first", headers=public(keys[0]))
    backend.routes["/"] = Route("purged 0")
    prime(varnish, "/first", "/last")
    settings.CMS_VARNISH_URLS = f"{varnish.url},http://127.0.0.1:{backend.port}"

    purge(keys)

    assert [varnish.get(path)[1]["x-cache"] for path in ("/first", "/last")] == ["MISS", "MISS"]
    sent = [r.headers["xkey-purge"] for r in backend.requests if r.method == "PURGE"]
    assert len(sent) > 1
    assert max(len(header) for header in sent) < 8000
    assert " ".join(sent).split() == keys


def test_keys_are_deduplicated_and_unsendable_ones_left_out(backend, settings, caplog):
    backend.routes["/"] = Route("purged 0")
    settings.CMS_VARNISH_URLS = f"http://127.0.0.1:{backend.port}"

    with caplog.at_level(logging.ERROR, logger="core.purge"):
        purge(["quote-1", "quote-1", " person-2 ", "", "two words", "a,b", "caf\u00e9"])

    assert [r.headers["xkey-purge"] for r in backend.requests] == ["quote-1 person-2"]
    assert len(caplog.records) == 3


def test_a_broken_backend_is_logged_not_raised(settings, caplog):
    settings.CMS_PURGE_BACKEND = "tests.deploy.test_purge.BrokenBackend"
    with caplog.at_level(logging.ERROR, logger="core.purge"):
        purge(["quote-1"])
    settings.CMS_PURGE_BACKEND = "no.such.Backend"
    with caplog.at_level(logging.ERROR, logger="core.purge"):
        purge(["quote-1"])

    assert [r.levelno for r in caplog.records] == [logging.ERROR, logging.ERROR]
    assert "BrokenBackend" in caplog.records[0].getMessage()
    assert "CMS_PURGE_BACKEND" in caplog.records[1].getMessage()


@pytest.mark.parametrize("path", ["no.such.Backend", "core.purge.logger", "core.purge.Repeats"])
def test_a_backend_that_cannot_be_built_stops_check_migrate_and_runserver(settings, path):
    """purge() only logs it, at every write, while caches keep what was taken off the site."""
    settings.CMS_PURGE_BACKEND = path
    with pytest.raises(SystemCheckError, match="core.E001"):
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize("url", ["127.0.0.1:8000", "ftp://10.0.0.5", "http://10.0.0.5:99999"])
def test_a_varnish_url_purges_could_not_reach_stops_check(settings, url):
    """`127.0.0.1:8000` was split as scheme `127.0.0.1`, and each purge went to localhost:80."""
    settings.CMS_PURGE_BACKEND = ""
    settings.CMS_VARNISH_URLS = ["http://127.0.0.1:8000", url]
    with pytest.raises(SystemCheckError, match="core.E002"):
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())


class BrokenBackend(PurgeBackend):
    def purge(self, keys):
        raise RuntimeError("the CDN's API changed")


def test_a_command_that_exits_at_once_still_sends_its_repeat(backend):
    """atexit waits for the repeats still due."""
    backend.routes["/"] = Route("purged 1")
    script = textwrap.dedent(
        f"""
        from django.conf import settings
        settings.configure(
            CMS_VARNISH_URLS="http://127.0.0.1:{backend.port}", CMS_PURGE_REPEAT_SECONDS=1
        )
        from core.purge import purge
        purge(["article-1"])
        """
    )
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True, timeout=30)

    assert time.monotonic() - started >= 1
    assert [r.headers["xkey-purge"] for r in backend.requests] == ["article-1", "article-1"]
