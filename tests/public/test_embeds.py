"""Quotes embedded on other sites: the card's frame policy, the oEmbed answers, and nothing
unpublished embeddable."""

import logging
import re
from urllib.parse import quote as url_quote

import pytest

from core.pages import absolute_url
from quotes.models import Quote
from tests.factories import QuoteFactory

pytestmark = pytest.mark.django_db


def wiseman_quote() -> Quote:
    return Quote.objects.get(text__startswith="She's checked herself")


def oembed(client, url: str, **params):
    query = "&".join(f"{k}={v}" for k, v in {"url": url_quote(url, safe=""), **params}.items())
    return client.get(f"/oembed?{query}")


def test_embed_card_may_be_framed_by_any_site_and_sets_no_cookie(client, demo):
    quote = wiseman_quote()
    response = client.get(f"/quotes/{quote.pk}/embed/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not response.cookies and "Set-Cookie" not in response
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"
    assert {f"quote-{quote.pk}", f"person-{quote.speaker_person_id}"} <= set(
        response["xkey"].split()
    )
    html = response.content.decode()
    assert "She’s checked herself into the Continental" in html
    assert "Said to Entertainment Weekly, via ActioNewz.com" in html
    link = absolute_url(quote.get_absolute_url())
    assert f'<a href="{link}" target="_blank" rel="noopener">' in html
    assert f'<link rel="canonical" href="{link}">' in html
    assert "<script" not in html


def test_every_other_page_still_refuses_to_be_framed(client, demo):
    response = client.get(wiseman_quote().get_absolute_url())
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_oembed_answers_for_a_quote_url(client, demo):
    quote = wiseman_quote()
    response = oembed(client, absolute_url(quote.get_absolute_url()), format="json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["provider_name"] == "Quote desk"
    assert data["author_name"] == "Len Wiseman"
    assert data["author_url"] == absolute_url("/people/len-wiseman/")
    assert data["width"] == 560 and data["height"] > 150
    src = absolute_url(f"/quotes/{quote.pk}/embed/")
    assert data["html"].startswith(f'<iframe src="{src}" width="560" height="{data["height"]}"')
    assert f"quote-{quote.pk}" in response["xkey"].split()


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "testserver"])
def test_oembed_accepts_any_host_the_site_answers_to(client, demo, host, settings):
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    quote = wiseman_quote()
    assert oembed(client, f"https://{host}/quotes/{quote.pk}/").status_code == 200
    assert oembed(client, f"http://{host}:8000/quotes/{quote.pk}/embed/").status_code == 200


def test_oembed_respects_maxwidth_and_maxheight(client, demo):
    url = absolute_url(wiseman_quote().get_absolute_url())
    data = oembed(client, url, maxwidth=400, maxheight=120).json()
    assert data["width"] == 400 and data["height"] == 120
    assert 'width="400" height="120"' in data["html"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"format": "xml"}, 501),
        ({"maxwidth": "wide"}, 400),
        ({"maxwidth": "1" * 5000}, 400),  # more digits than int() reads: a 500
        ({"maxheight": "\uff15\uff10\uff10"}, 400),  # fullwidth digits
        ({"maxwidth": "100"}, 404),
    ],
)
def test_oembed_errors_follow_the_specification(client, demo, params, status):
    url = absolute_url(wiseman_quote().get_absolute_url())
    assert oembed(client, url, **params).status_code == status


def test_oembed_needs_a_url(client, db):
    assert client.get("/oembed?format=json").status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/quotes/{pk}/",
        "javascript:alert(1)//127.0.0.1/quotes/{pk}/",
        "http://127.0.0.1/people/len-wiseman/",
        "http://127.0.0.1/quotes/999999/",
        "http://127.0.0.1/nowhere/",
        "http://[::1/quotes/{pk}/",  # which urlsplit() refuses
    ],
)
def test_oembed_is_404_for_anything_but_a_published_quote_here(client, demo, url):
    assert oembed(client, url.format(pk=wiseman_quote().pk)).status_code == 404


def test_nothing_unpublished_is_embeddable(client, db):
    pending = QuoteFactory(state=Quote.State.PENDING)
    assert client.get(f"/quotes/{pending.pk}/embed/").status_code == 404
    assert oembed(client, absolute_url(pending.get_absolute_url())).status_code == 404
    parent = QuoteFactory(state=Quote.State.PENDING)
    nested = QuoteFactory(parent=parent)  # approved, but inside a quote under review
    assert client.get(f"/quotes/{nested.pk}/embed/").status_code == 404
    assert oembed(client, absolute_url(nested.get_absolute_url())).status_code == 404


def test_quote_page_advertises_oembed_and_offers_the_embed_code(client, demo):
    quote = wiseman_quote()
    html = client.get(quote.get_absolute_url()).content.decode()
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html)
    href = link.group(1).replace("&amp;", "&")
    assert (
        href
        == absolute_url("/oembed")
        + "?url="
        + url_quote(absolute_url(quote.get_absolute_url()), safe="")
        + "&format=json"
    )
    assert client.get(href.removeprefix(absolute_url(""))).status_code == 200
    code = re.search(r'<textarea id="embed-code"[^>]*>([^<]+)</textarea>', html).group(1)
    assert code.startswith("&lt;iframe src=&quot;" + absolute_url(f"/quotes/{quote.pk}/embed/"))
    assert "<iframe" not in html  # the code is text to copy, not a frame in the page


def test_an_unsupported_oembed_format_is_not_logged_as_a_server_error(client, demo):
    """A 501 answers the client's choice of format; Django logs every 5xx at ERROR, which
    would page an operator for a client asking for XML. Real server errors are still logged."""
    seen = []
    handler = logging.Handler(level=logging.ERROR)
    handler.emit = seen.append
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        url = absolute_url(wiseman_quote().get_absolute_url())
        assert oembed(client, url, format="xml").status_code == 501
        assert seen == []
        logger.error("Internal Server Error: /", extra={"status_code": 500})
        assert [record.status_code for record in seen] == [500]
    finally:
        logger.removeHandler(handler)
