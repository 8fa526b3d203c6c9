"""The API's compiled read path (`cms.api_read`) and its cached link patterns give exactly the
JSON that DRF's generic path and `reverse()`/`get_absolute_url()` give."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import clear_script_prefix, set_script_prefix
from rest_framework.reverse import reverse

from articles.models import Article
from cms.api_read import CompiledReadMixin
from quotes.models import Character, Film, Outlet, Person, Quote, Source
from quotes.serializers import links
from tests.api.world import build_world

from .conftest import client_for

LISTS = [
    "quotes",
    "articles",
    "people",
    "characters",
    "films",
    "franchises",
    "outlets",
    "sources",
]


def both_ways(client, url):
    """The response body with the compiled read path, then with DRF's generic one."""
    cache.clear()
    compiled = client.get(url)
    CompiledReadMixin.enabled = False
    try:
        cache.clear()
        generic = client.get(url)
    finally:
        CompiledReadMixin.enabled = True
    assert compiled.status_code == generic.status_code == 200, url
    return compiled.json(), generic.json()


def detail_urls(listing: dict) -> list[str]:
    return [row["links"]["api"] for row in listing["results"]]


@pytest.mark.django_db
@pytest.mark.parametrize("as_editor", [False, True], ids=["anonymous", "editor"])
def test_every_list_and_detail_is_the_same_json_both_ways(api, editor, as_editor):
    build_world()
    client = client_for(editor) if as_editor else api
    checked = 0
    for name in LISTS:
        compiled, generic = both_ways(client, f"/api/v1/{name}/?page_size=100")
        assert compiled == generic, name
        assert compiled["results"], f"{name}: the world should give the list rows to compare"
        for url in detail_urls(compiled):
            compiled_detail, generic_detail = both_ways(client, url)
            assert compiled_detail == generic_detail, url
            checked += 1
    assert checked >= 15


@pytest.mark.django_db
def test_the_demo_quotes_are_the_same_json_both_ways(api, demo):
    compiled, generic = both_ways(api, "/api/v1/quotes/?page_size=100")
    assert compiled == generic
    assert any(row["nested_quotes"] for row in compiled["results"])
    assert any(len(row["source_chain"]) > 1 for row in compiled["results"])


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["/", "/desk/"])
def test_links_are_what_reverse_and_get_absolute_url_give(prefix, settings):
    settings.ALLOWED_HOSTS = ["news.example"]
    build_world()
    request = RequestFactory().get("/", HTTP_HOST="news.example")
    cases = [
        (Quote, "quote-detail", "pk", ""),
        (Source, "source-detail", "pk", ""),
        (Person, "person-detail", "slug", ""),
        (Character, "character-detail", "slug", ""),
        (Film, "film-detail", "slug", ""),
        (Outlet, "outlet-detail", "slug", ""),
        (Article, "article-detail", "pk", "slug"),
    ]
    set_script_prefix(prefix)
    try:
        for model, view_name, lookup, page_lookup in cases:
            rows = list(model.objects.all())
            assert rows, model
            for obj in rows:
                expected = {
                    "api": reverse(
                        view_name, kwargs={lookup: getattr(obj, lookup)}, request=request
                    ),
                    "page": request.build_absolute_uri(obj.get_absolute_url()),
                }
                assert links(obj, request, view_name, lookup, page_lookup) == expected
                assert expected["page"].startswith(f"http://news.example{prefix}")
    finally:
        clear_script_prefix()
