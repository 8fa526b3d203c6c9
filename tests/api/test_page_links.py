"""A list's `next` and `previous` links are the URLs DRF's cursor pagination would give."""

import pytest
from rest_framework.utils.urls import replace_query_param

from cms.api import with_query_param
from tests.factories import PersonFactory

URLS = [
    "http://testserver/api/v1/people/",
    "http://testserver/api/v1/people/?page_size=2",
    "http://testserver/api/v1/people/?zeta=1&alpha=2&page_size=2",
    "http://testserver/api/v1/people/?cursor=cD1i&page_size=2",
    "http://testserver/api/v1/people/?page_size=2&cursor=old&cursor=older",
    "http://testserver/api/v1/quotes/?film=a&film=b&empty=&flag",
    "http://testserver/api/v1/quotes/?search=caf%C3%A9+au+lait&q=a%2Bb%26c",
    "http://testserver/api/v1/quotes/?search=%E2%80%A8line&x=%25",
    "http://testserver/api/v1/quotes/?=nameless&page_size=3",
    "http://testserver/api/v1/quotes/?a=1;b=2",
    "http://testserver/api/v1/quotes/?page_size=2#top",
    "https://desk.example:8443/prefix/api/v1/films/?page_size=100",
    "http://testserver/api/v1/people/?cursor=",
]
VALUES = ["cD1i", "bz01MCZwPUFuYStMZWU=", "cj0xJnA9JUMzJUE5", ""]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("value", VALUES)
def test_the_cursor_goes_into_the_url_as_drf_puts_it(url, value):
    assert with_query_param(url, "cursor", value) == replace_query_param(url, "cursor", value)
    # A second time, from the parts kept for the URL.
    assert with_query_param(url, "cursor", value) == replace_query_param(url, "cursor", value)


@pytest.mark.parametrize("query", ["page_size=1", "page_size=3", "page_size=1&format=json"])
def test_links_lead_through_the_list_and_back(api, db, query):
    """Namesakes (a position several rows share: an offset in the cursor) and names that need
    encoding, walked forwards by the `next` links and back by the `previous` ones."""
    for slug in ("a", "b", "c"):
        PersonFactory(name="Zoë Ång", slug=f"zoe-{slug}")
    PersonFactory(name="Zoë & Co", slug="zoe-co")
    url, forwards = f"/api/v1/people/?{query}", []
    while url:
        page = api.get(url).json()
        forwards += [row["slug"] for row in page["results"]]
        previous, url = page["previous"], page["next"]
        assert url is None or url.startswith("http://testserver/api/v1/people/?cursor=")
    backwards, steps = [], 0
    while previous and steps < 10:
        steps += 1
        page = api.get(previous).json()
        backwards = [row["slug"] for row in page["results"]] + backwards
        previous = page["previous"]
    assert sorted(forwards) == ["zoe-a", "zoe-b", "zoe-c", "zoe-co"]
    # Back to the start (not always page for page: DRF's cursors step back from a position
    # that several rows share by offset, its "paging artifact").
    assert backwards[0] == forwards[0] and set(backwards) <= set(forwards)
