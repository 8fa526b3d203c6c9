"""The site behind the repository's Varnish: what readers get, and how soon a write reaches them.

A real varnishd (tests/deploy/conftest.py) in front of Django's live test server, purged by the
application's own purge backend (`CMS_VARNISH_URLS`) after each write commits.
"""

import threading
import time

import pytest
from django.contrib.auth.models import User
from django.test import Client

from articles import services as article_services
from articles.models import Article
from quotes.models import Quote
from quotes.services import quote_set_state
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

HOST = {"Host": "localhost"}


@pytest.fixture
def site(live_server, start_varnish, settings, demo):
    varnish = start_varnish(int(live_server.url.rsplit(":", 1)[1]))
    settings.CMS_VARNISH_URLS = [varnish.url]
    settings.CMS_PURGE_BACKEND = ""
    # The VCL alone must keep stale pages out: no second purge to hide a miss.
    settings.CMS_PURGE_REPEAT_SECONDS = 0
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    return varnish


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("chief", password="pw-chief-123")


def get(site, path, **headers):
    status, response_headers, body = site.get(path, headers={**HOST, **headers})
    return status, response_headers, body


def test_a_second_anonymous_read_is_a_hit_and_keeps_its_age(site, demo):
    url = demo.get_absolute_url()
    status, first, body = get(site, url)
    assert (status, first["x-cache"]) == (200, "MISS")
    time.sleep(1.1)
    status, second, again = get(site, url)
    assert (status, second["x-cache"]) == (200, "HIT")
    assert int(second["age"]) >= 1
    assert again == body
    assert "xkey" not in second
    for path in ["/", "/quotes/", "/api/v1/quotes/", "/sitemap.xml"]:
        get(site, path)
        assert get(site, path)[1]["x-cache"] == "HIT", path


def test_publishing_shows_at_once(site, editor):
    assert get(site, "/")[1]["x-cache"] in ("MISS", "HIT")
    assert get(site, "/")[1]["x-cache"] == "HIT"
    draft = ArticleFactory(title="Fresh from the desk", status=Article.Status.DRAFT)
    article_services.article_publish(article=draft, by=editor)
    status, headers, body = get(site, "/")
    assert "Fresh from the desk" in body
    assert get(site, draft.get_absolute_url())[0] == 200


def test_a_change_made_live_shows_at_once(site, demo, editor):
    url = demo.get_absolute_url()
    get(site, url)
    assert get(site, url)[1]["x-cache"] == "HIT"
    # "Save and publish": a live article's change otherwise waits as its draft.
    article_services.article_update(
        article=Article.objects.get(pk=demo.pk),
        by=editor,
        title="A corrected headline",
        publish=True,
    )
    status, headers, body = get(site, url)
    assert headers["x-cache"] == "MISS"
    assert "A corrected headline" in body


def test_an_unpublished_article_is_a_404_at_once(site, demo, editor):
    url = demo.get_absolute_url()
    get(site, url)
    get(site, f"/api/v1/articles/{demo.pk}/")
    assert get(site, url)[1]["x-cache"] == "HIT"
    article_services.article_unpublish(article=Article.objects.get(pk=demo.pk), by=editor)
    assert get(site, url)[0] == 404
    assert get(site, f"/api/v1/articles/{demo.pk}/")[0] == 404
    assert demo.title not in get(site, "/")[2]


def test_a_rejected_quote_is_gone_at_once(site, demo, editor):
    quote = Quote.objects.published().filter(featurings__article=demo).first()
    for url in [quote.get_absolute_url(), demo.get_absolute_url(), "/api/v1/quotes/"]:
        get(site, url)
        assert get(site, url)[1]["x-cache"] == "HIT", url
    quote_set_state(quotes=[quote], state=Quote.State.REJECTED, by=editor)
    assert get(site, quote.get_absolute_url())[0] == 404
    assert f'href="{quote.get_absolute_url()}"' not in get(site, demo.get_absolute_url())[2]
    assert f'"id":{quote.pk},' not in get(site, "/api/v1/quotes/")[2]


def test_no_stale_read_after_an_unpublish_returns(site, demo, editor):
    """200 readers hammer the article while an editor unpublishes it: every read that began
    after the unpublish returned is a 404."""
    url = demo.get_absolute_url()
    get(site, url)
    reads: list[tuple[float, int]] = []
    lock = threading.Lock()
    returned = threading.Event()
    start = threading.Barrier(21)

    def reader():
        start.wait()
        for _ in range(10):
            began = time.monotonic()
            status = get(site, url)[0]
            with lock:
                reads.append((began, status))

    threads = [threading.Thread(target=reader) for _ in range(20)]
    for thread in threads:
        thread.start()
    start.wait()
    time.sleep(0.05)
    article_services.article_unpublish(article=Article.objects.get(pk=demo.pk), by=editor)
    done = time.monotonic()
    returned.set()
    for thread in threads:
        thread.join()
    after = [status for began, status in reads if began > done]
    before = [status for began, status in reads if began <= done]
    assert len(reads) == 200
    assert before and 200 in before, "the readers began too late to test the race"
    stale = [status for status in after if status != 404]
    assert stale == [], f"{len(stale)} stale answers of {len(after)} after the unpublish returned"


def test_a_signed_in_reader_is_never_cached(site, demo, editor):
    client = Client()
    client.force_login(editor)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    url = "/quotes/?status=verified"
    for _ in range(2):
        status, headers, body = get(site, url, Cookie=cookie)
        assert status == 200
        assert headers["x-cache"] == "MISS"
        assert "private" in headers["cache-control"]
    # What the signed-in reader got was not stored for anyone else either.
    assert get(site, url)[1]["x-cache"] == "MISS"


def test_an_answer_that_sets_a_cookie_is_never_stored(site):
    for _ in range(2):
        status, headers, body = get(site, "/admin/login/")
        assert status == 200
        assert "set-cookie" in headers
        assert headers["x-cache"] == "MISS"


def test_pages_are_stored_once_and_served_gzipped_or_plain(site, demo):
    """The application gzips and says `Vary: Accept-Encoding`; Varnish stores the gzipped page
    once and unzips it for a client that does not accept gzip (a hit, the same page)."""
    import gzip

    url = demo.get_absolute_url()
    status, zipped_headers, zipped = get(site, url, **{"Accept-Encoding": "gzip"})
    assert (status, zipped_headers["x-cache"]) == (200, "MISS")
    assert zipped_headers["content-encoding"] == "gzip"
    assert "accept-encoding" in zipped_headers["vary"].lower()
    status, plain_headers, plain = get(site, url)
    assert (status, plain_headers["x-cache"]) == (200, "HIT")
    assert "content-encoding" not in plain_headers
    assert gzip.decompress(zipped).decode() == plain
    status, again_headers, _ = get(site, url, **{"Accept-Encoding": "br, gzip"})
    assert again_headers["x-cache"] == "HIT" and again_headers["content-encoding"] == "gzip"
