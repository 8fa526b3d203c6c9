"""Every unknown or malformed parameter is a 400 naming it: never ignored, never a 500."""

import pytest

from tests.api.world import build_world
from tests.factories import FranchiseFactory

BAD_REQUESTS = [
    ("/api/v1/quotes/?spekaer=alice", "spekaer"),
    ("/api/v1/quotes/?speaker=nobody", "speaker"),
    ("/api/v1/quotes/?character=nobody", "character"),
    ("/api/v1/quotes/?film=nope", "film"),
    ("/api/v1/quotes/?franchise=nope", "franchise"),
    ("/api/v1/quotes/?outlet=nope", "outlet"),
    ("/api/v1/quotes/?via=nope", "via"),
    ("/api/v1/quotes/?source=999999", "source"),
    ("/api/v1/quotes/?source=abc", "source"),
    ("/api/v1/quotes/?article=nope", "article"),
    ("/api/v1/quotes/?status=true", "status"),
    ("/api/v1/quotes/?nested=maybe", "nested"),
    ("/api/v1/quotes/?nested=1", "nested"),
    ("/api/v1/quotes/?said_after=yesterday", "said_after"),
    ("/api/v1/quotes/?said_before=2025-13-01", "said_before"),
    ("/api/v1/quotes/?ordering=text", "ordering"),
    ("/api/v1/quotes/?ordering=id,-id", "ordering"),
    ("/api/v1/quotes/?ordering=-id,id", "ordering"),
    ("/api/v1/quotes/?ordering=id,id", "ordering"),
    ("/api/v1/quotes/?status=verified&status=disputed", "status"),
    ("/api/v1/quotes/?page=2", "page"),
    ("/api/v1/quotes/?page_size=0", "page_size"),
    ("/api/v1/quotes/?page_size=101", "page_size"),
    ("/api/v1/quotes/?page_size=ten", "page_size"),
    # More digits than int() reads (4,300) were a 500; other scripts' digits were read.
    ("/api/v1/quotes/?page_size=" + "1" * 5000, "page_size"),
    ("/api/v1/quotes/?page_size=%EF%BC%95", "page_size"),
    ("/api/v1/quotes/random/?count=" + "1" * 5000, "count"),
    ("/api/v1/quotes/random/?count=%D9%A5", "count"),
    ("/api/v1/quotes/?cursor=not-a-cursor", "cursor"),
    ("/api/v1/quotes/?count=2", "count"),
    ("/api/v1/quotes/random/?count=0", "count"),
    ("/api/v1/quotes/random/?count=51", "count"),
    ("/api/v1/quotes/random/?count=x", "count"),
    ("/api/v1/quotes/random/?cursor=abc", "cursor"),
    ("/api/v1/quotes/random/?speaker=nobody", "speaker"),
    ("/api/v1/people/?film=nope", "film"),
    ("/api/v1/people/?name=alice", "name"),
    ("/api/v1/people/?page=0", "page"),
    ("/api/v1/people/?page=x", "page"),
    ("/api/v1/people/?cursor=x", "cursor"),
    ("/api/v1/characters/?franchise=nope", "franchise"),
    ("/api/v1/films/?status=released-ish", "status"),
    ("/api/v1/films/?released_after=2025", "released_after"),
    ("/api/v1/films/?person=nobody", "person"),
    ("/api/v1/franchises/?q=x", "q"),
    ("/api/v1/outlets/?kind=blog", "kind"),
    ("/api/v1/sources/?via=nope", "via"),
    ("/api/v1/sources/?kind=tweet", "kind"),
    ("/api/v1/sources/?published_after=x", "published_after"),
    ("/api/v1/articles/?published_after=soon", "published_after"),
    ("/api/v1/articles/?person=nobody", "person"),
    ("/api/v1/articles/?status=live", "status"),
    ("/api/v1/articles/?page_size=1000", "page_size"),
    ("/api/v1/articles/?published_after=0001-01-01T00:00:00%2B01:00", "published_after"),
    ("/api/v1/quotes/?search=a%00b", "search"),
    ("/api/v1/quotes/?speaker=alice%00", "speaker"),
    # A format no renderer offers was a 404 "Not found." for a list or a record that is there.
    ("/api/v1/quotes/?format=xml", "format"),
    ("/api/v1/people/len-wiseman/?format=yaml", "format"),
]


@pytest.mark.parametrize(("url", "parameter"), BAD_REQUESTS)
def test_bad_parameter_is_a_400_naming_it(api, db, url, parameter):
    build_world()
    response = api.get(url)
    assert response.status_code == 400, response.content
    assert parameter in response.json()


def test_a_format_no_renderer_offers_names_each_format_once(api, db):
    """The schema has two renderers for each of its formats: it said "Give one of: yaml, yaml,
    json, json."."""
    assert api.get("/api/v1/quotes/?format=xml").json() == {"format": ["Give one of: json, api."]}
    response = api.get("/api/v1/schema/?format=xml")
    assert response.status_code == 400
    assert b"Give one of: yaml, json." in response.content


def test_an_unknown_slug_says_what_was_not_found(api, db):
    response = api.get("/api/v1/quotes/?speaker=len-wisemann")
    assert response.json() == {"speaker": ["No person with slug “len-wisemann”."]}


@pytest.mark.parametrize(
    "path", ["/api/v1/quotes/1.5/", "/api/v1/articles/1.5/submit/", "/api/v1/people/a.b/", "/api/x"]
)
def test_an_address_under_the_api_that_no_route_matches_is_a_json_404(api, db, path):
    """schemathesis over HTTP found these answered with the site's HTML page (a 500 where its
    static files were not collected), not the JSON error the schema documents for a 404."""
    for method in (api.get, api.post):
        response = method(path)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("url", ["/api/v1/quotes/?search=a%00b", "/api/v1/people/?film=a%00b"])
def test_a_null_character_is_said_once(api, db, url):
    response = api.get(url)
    assert response.status_code == 400
    assert list(response.json().values()) == [["Null characters are not allowed."]]


def test_unknown_parameter_on_a_detail_is_a_400(api, db):
    world = build_world()
    assert api.get(f"/api/v1/quotes/{world.q1.pk}/?fields=text").status_code == 400


def test_pagination_and_format_parameters_are_accepted(api, db):
    build_world()
    first = api.get("/api/v1/quotes/?page_size=2&format=json")
    assert first.status_code == 200
    second = api.get(first.json()["next"])
    assert second.status_code == 200
    assert len(second.json()["results"]) == 2
    # Every list pages by cursor: a page number is an unknown parameter.
    assert api.get("/api/v1/people/?page=1&page_size=1").status_code == 400


@pytest.mark.parametrize(
    "name", ["people", "characters", "films", "franchises", "outlets", "sources", "articles"]
)
def test_every_list_pages_by_cursor_through_every_row_once(api, db, name):
    build_world()
    FranchiseFactory(name="Another franchise")
    everything = api.get(f"/api/v1/{name}/?page_size=100").json()["results"]
    seen, url = [], f"/api/v1/{name}/?page_size=1"
    while url:
        body = api.get(url).json()
        assert "count" not in body
        seen += body["results"]
        url = body["next"]
    assert len(everything) >= 2
    assert seen == everything


def test_an_odd_but_valid_utc_offset_is_no_server_error(api, db):
    """Found by schemathesis: PostgreSQL refused an offset of +20:42 with a 500."""
    response = api.get("/api/v1/articles/?published_after=0384-01-23T21:39:10%2B20:42")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["speaker_person", "speaker_character", "films"])
def test_a_nul_byte_in_a_slug_is_a_400_not_a_500(field, django_user_model):
    from rest_framework.test import APIClient

    editor = django_user_model.objects.create_superuser("nul-editor", password="x")
    client = APIClient()
    client.force_authenticate(editor)
    value = ["bad\x00slug"] if field == "films" else "bad\x00slug"
    response = client.post("/api/v1/quotes/", {"text": "Words.", field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_an_editor_pages_through_articles_with_drafts_by_cursor(db, editor):
    """Drafts have no publication time: staff lists are ordered by record, newest first."""
    from articles.models import Article

    from .conftest import client_for

    build_world()
    client = client_for(editor)
    assert Article.objects.filter(published_at__isnull=True).exists()
    seen, url = [], "/api/v1/articles/?page_size=1"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        seen += [row["id"] for row in response.json()["results"]]
        url = response.json()["next"]
    assert seen == sorted(Article.objects.values_list("pk", flat=True), reverse=True)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/quotes/999999/",
        "/api/v1/articles/999999/",
        "/api/v1/articles/no-such-article/",
        "/api/v1/people/nobody/",
        "/api/v1/sources/999999/",
        "/api/v1/sections/nowhere/",
        "/api/v1/images/999999/",
    ],
)
def test_a_record_that_is_not_there_is_a_404_in_one_wording(api, db, path):
    """DRF passed on `get_object_or_404`'s "No Quote matches the given query.", naming the
    model, while an unmatched address said "Not found."; a client can match one message."""
    response = api.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_ordering_of_several_fields_is_a_400_saying_what_it_takes(api, db):
    """`ordering=id,-id` was taken by django-filter's OrderingFilter and then ignored by the
    cursor paginator, which orders by one field: a 200 in the default order, not the one
    asked for."""
    response = api.get("/api/v1/quotes/?ordering=id,-id")
    assert response.status_code == 400
    assert response.json() == {"ordering": ["Give one of: id, -id."]}
